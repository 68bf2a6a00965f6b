//! One module per subcommand; `run` resolves the configuration they share.

mod entities;
mod extract;
mod index;
mod quotes;
mod search;
mod show;
mod speakers;
mod stats;
mod timeline;

use std::path::PathBuf;

use crate::flags::{Cli, Command};
use crate::output::{Style, use_color};

/// What every subcommand may need, decided once from flags and environment.
pub struct Config {
    /// The index directory.
    pub index_dir: PathBuf,
    /// Styles for human-readable output on stdout.
    pub style: Style,
}

/// The default index directory, relative to the current directory.
pub const DEFAULT_INDEX_DIR: &str = ".newsdex";

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let config = Config {
        index_dir: cli
            .index
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX_DIR)),
        style: Style::new(use_color(cli.color)),
    };
    match cli.command {
        Command::Index(args) => index::run(&config, args),
        Command::Search(args) => search::run(&config, args),
        Command::Show(args) => show::run(&config, args),
        Command::Stats(args) => stats::run(&config, args),
        Command::Extract(args) => extract::run(&config, args),
        Command::Entities(args) => entities::run(&config, args),
        Command::Timeline(args) => timeline::run(&config, args),
        Command::Quotes(args) => quotes::run(&config, args),
        Command::Speakers(args) => speakers::run(&config, args),
    }
}

/// Checks a `--published` value: ISO 8601 at day, month or year precision.
pub fn check_published(value: Option<String>) -> anyhow::Result<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let parts: Vec<&str> = value.split('-').collect();
    let numbers: Option<Vec<i16>> = parts.iter().map(|part| part.parse().ok()).collect();
    let valid = match (parts.as_slice(), numbers.as_deref()) {
        ([year], Some([_])) => year.len() == 4,
        ([year, month], Some([_, m])) => {
            year.len() == 4 && month.len() == 2 && (1..=12).contains(m)
        }
        ([year, month, day], Some([y, m, d])) => {
            year.len() == 4
                && month.len() == 2
                && day.len() == 2
                && jiff::civil::Date::new(*y, *m as i8, *d as i8).is_ok()
        }
        _ => false,
    };
    if !valid {
        anyhow::bail!("--published {value:?} is not a date like 2022-03-09, 2022-03 or 2022");
    }
    Ok(Some(value))
}

/// Turns the filter flags into the index's filters, checking dates first so
/// that a bad one is reported as the flag it came from.
pub fn filters_from(args: crate::flags::FilterArgs) -> anyhow::Result<newsdex_index::Filters> {
    let checked = |flag: &str, value: Option<String>| -> anyhow::Result<Option<String>> {
        check_published(value).map_err(|error| {
            anyhow::anyhow!("{}", error.to_string().replacen("--published", flag, 1))
        })
    };
    Ok(newsdex_index::Filters {
        persons: args.person,
        organizations: args.org,
        places: args.place,
        speakers: args.speaker,
        published_since: checked("--since", args.since)?,
        published_until: checked("--until", args.until)?,
        mentioned_since: checked("--mentions-since", args.mentions_since)?,
        mentioned_until: checked("--mentions-until", args.mentions_until)?,
    })
}

/// The index's order for a `--sort` flag.
pub fn sort_order(sort: crate::flags::SortArg) -> newsdex_index::SortOrder {
    use crate::flags::SortArg;
    use newsdex_index::SortOrder;
    match sort {
        SortArg::Relevance => SortOrder::Relevance,
        SortArg::Date | SortArg::Newest => SortOrder::Newest,
        SortArg::Oldest => SortOrder::Oldest,
    }
}

/// Opens the index for reading, with a message that says what to do when there is none.
pub fn open_index(config: &Config) -> anyhow::Result<newsdex_index::NewsIndex> {
    // The index's errors name the directory and say what to do.
    Ok(newsdex_index::NewsIndex::open(&config.index_dir)?)
}

#[cfg(test)]
mod tests {
    use super::check_published;

    #[test]
    fn published_accepts_iso_dates_at_any_precision() {
        for good in ["2022", "2022-03", "2022-03-09", "2024-02-29"] {
            assert!(check_published(Some(good.into())).is_ok(), "{good}");
        }
    }

    #[test]
    fn published_rejects_other_forms() {
        for bad in [
            "22",
            "2022-3",
            "2022-13",
            "2023-02-29",
            "March 2022",
            "2022-03-09T10:00",
        ] {
            assert!(check_published(Some(bad.into())).is_err(), "{bad}");
        }
    }
}
