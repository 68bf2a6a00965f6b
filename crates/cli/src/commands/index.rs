//! `newsdex index PATH...`

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use newsdex_index::{NewsIndex, Progress, UpdateOptions, UpdateSummary, WriterOptions};
use serde::Serialize;

use crate::commands::{Config, check_published};
use crate::exit;
use crate::flags::IndexArgs;
use crate::output::json_line;

pub fn run(config: &Config, args: IndexArgs) -> anyhow::Result<u8> {
    let options = UpdateOptions {
        writer: WriterOptions {
            memory_budget: args.memory.saturating_mul(1_000_000),
            threads: args.threads.unwrap_or(0),
        },
        published: check_published(args.read.published)?,
        max_file_bytes: args.max_file_size.saturating_mul(1024 * 1024),
        max_article_bytes: args.read.article_limit.max_article_bytes(),
        commit_every: args.commit_every.max(1),
    };
    let show_progress = !args.quiet && !args.json && std::io::stderr().is_terminal();
    let summary = update(config, &args.paths, &options, show_progress)?;
    if args.json {
        json_line(&mut std::io::stdout().lock(), &JsonSummary::from(&summary))?;
    } else if !args.quiet {
        eprintln!("newsdex: {}", summary_line(&summary));
    }
    Ok(if summary.failed.is_empty() {
        exit::FOUND
    } else {
        exit::PARTIAL
    })
}

/// Brings the index at `config.index_dir` up to date with `paths` and
/// reports failed files on stderr.
pub fn update(
    config: &Config,
    paths: &[PathBuf],
    options: &UpdateOptions,
    show_progress: bool,
) -> anyhow::Result<UpdateSummary> {
    let index = NewsIndex::open_or_create(&config.index_dir)?;
    let summary = if show_progress {
        let bar = ProgressBar::new(0).with_style(
            ProgressStyle::with_template(
                "{spinner} {wide_bar} {pos}/{len} files ({per_sec}, {eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let summary = index.update(paths, options, &BarProgress(bar.clone()));
        bar.finish_and_clear();
        summary?
    } else {
        index.update(paths, options, &newsdex_index::NoProgress)?
    };
    let mut stderr = std::io::stderr().lock();
    let named = (summary
        .not_news
        .iter()
        .map(|file| (file, "skipped, not news: ")))
    .chain(summary.failed.iter().map(|file| (file, "")));
    for (file, what) in named {
        writeln!(
            stderr,
            "newsdex: {}: {what}{}",
            file.path.display(),
            file.reason
        )?;
    }
    Ok(summary)
}

/// The one-line summary printed at the end of a run.
pub fn summary_line(summary: &UpdateSummary) -> String {
    let not_news = match summary.not_news.len() {
        0 => String::new(),
        skipped => format!(", {skipped} not news"),
    };
    format!(
        "{} added, {} updated, {} removed, {} unchanged, {} failed{not_news} in {:.2}s",
        summary.added,
        summary.updated,
        summary.removed,
        summary.unchanged,
        summary.failed.len(),
        summary.elapsed.as_secs_f64()
    )
}

struct BarProgress(ProgressBar);

impl Progress for BarProgress {
    fn start(&self, files: u64) {
        self.0.set_length(files);
    }

    fn advance(&self, files: u64) {
        self.0.inc(files);
    }
}

#[derive(Serialize)]
struct JsonSummary {
    #[serde(rename = "type")]
    kind: &'static str,
    added: usize,
    updated: usize,
    removed: usize,
    unchanged: usize,
    failed: Vec<JsonFailed>,
    not_news: Vec<JsonFailed>,
    warnings: usize,
    elapsed_ms: u128,
}

#[derive(Serialize)]
struct JsonFailed {
    path: String,
    reason: String,
}

impl From<&newsdex_index::FailedFile> for JsonFailed {
    fn from(failed: &newsdex_index::FailedFile) -> Self {
        JsonFailed {
            path: failed.path.to_string_lossy().into_owned(),
            reason: failed.reason.clone(),
        }
    }
}

impl From<&UpdateSummary> for JsonSummary {
    fn from(summary: &UpdateSummary) -> Self {
        JsonSummary {
            kind: "summary",
            added: summary.added,
            updated: summary.updated,
            removed: summary.removed,
            unchanged: summary.unchanged,
            failed: summary.failed.iter().map(JsonFailed::from).collect(),
            not_news: summary.not_news.iter().map(JsonFailed::from).collect(),
            warnings: summary.warning_count,
            elapsed_ms: summary.elapsed.as_millis(),
        }
    }
}
