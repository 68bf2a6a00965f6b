//! `newsdex stats`

use std::io::Write;

use serde::Serialize;

use crate::commands::{Config, open_index};
use crate::exit;
use crate::flags::StatsArgs;
use crate::output::json_line;

pub fn run(config: &Config, args: StatsArgs) -> anyhow::Result<u8> {
    let index = open_index(config)?;
    let stats = index.stats()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        #[derive(Serialize)]
        struct JsonStats<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            index: String,
            #[serde(flatten)]
            stats: &'a newsdex_index::IndexStats,
        }
        let index_dir = config.index_dir.to_string_lossy().into_owned();
        json_line(
            &mut out,
            &JsonStats {
                kind: "stats",
                index: index_dir,
                stats: &stats,
            },
        )?;
    } else {
        writeln!(out, "index          {}", config.index_dir.display())?;
        writeln!(out, "articles       {}", stats.articles)?;
        writeln!(out, "sections       {}", stats.sections)?;
        writeln!(out, "quotes         {}", stats.quotes)?;
        writeln!(out, "files          {}", stats.files)?;
        writeln!(out, "segments       {}", stats.segments)?;
        writeln!(
            out,
            "size on disk   {:.1} MB",
            stats.size_bytes as f64 / 1e6
        )?;
        writeln!(out, "schema version {}", stats.schema_version)?;
    }
    Ok(exit::FOUND)
}
