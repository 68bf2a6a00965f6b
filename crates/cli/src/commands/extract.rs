//! `newsdex extract PATH... [--json]`: the data contract of newsdex.

use std::io::{BufWriter, Write};
use std::sync::Arc;

use newsdex_index::find_news_files;
use newsdex_ingest::{
    Article, FileContents, IngestOptions, RepeatedLinesBuilder, Source, prepare, read_file,
};
use rayon::prelude::*;

use crate::commands::{Config, check_published};
use crate::exit;
use crate::flags::ExtractArgs;
use crate::output::json_line;

/// How many files are read before the lines they repeat are counted; the
/// same sample size as the indexer uses, so that both see the same article.
const REPETITION_SAMPLE_FILES: usize = 2_000;

pub fn run(config: &Config, args: ExtractArgs) -> anyhow::Result<u8> {
    let published = check_published(args.read.published)?;
    let found = find_news_files(&args.paths);
    let mut failed = found.failed.len();
    for failure in &found.failed {
        eprintln!("newsdex: {}: {}", failure.path.display(), failure.reason);
    }
    // Many small writes: buffered, rather than a scan for line ends on each.
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut options = IngestOptions {
        published,
        repeated_lines: None,
        max_article_bytes: args.read.article_limit.max_article_bytes(),
    };
    for batch in found.files.chunks(REPETITION_SAMPLE_FILES) {
        let mut prepared = Vec::with_capacity(batch.len());
        for file in batch {
            match std::fs::read(&file.path) {
                Ok(bytes) => prepared.push((file, prepare(&bytes))),
                Err(error) => {
                    eprintln!("newsdex: {}: {error}", file.path.display());
                    failed += 1;
                }
            }
        }
        if options.repeated_lines.is_none() {
            let mut builder = RepeatedLinesBuilder::new();
            for (_, text) in &prepared {
                builder.add_text(&text.text);
            }
            options.repeated_lines = Some(Arc::new(builder.build()));
        }
        // Files are read on all cores, and printed in order.
        let read: Vec<_> = prepared
            .into_par_iter()
            .map(|(file, text)| {
                let shown = file.path.to_string_lossy();
                let source = Source {
                    path: &shown,
                    id_key: &file.key,
                };
                (file, read_file(text, &source, &options))
            })
            .collect();
        for (file, contents) in read {
            let articles = match contents {
                FileContents::Articles(articles) => articles,
                FileContents::NotNews(what) => {
                    eprintln!(
                        "newsdex: {}: skipped, not news: {what}",
                        file.path.display()
                    );
                    continue;
                }
                FileContents::Unusable(reason) => {
                    eprintln!("newsdex: {}: {reason}", file.path.display());
                    failed += 1;
                    continue;
                }
            };
            for article in articles {
                if args.json {
                    json_line(&mut out, &article)?;
                } else {
                    print_article(&mut out, config, &article, false)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed == 0 {
        exit::FOUND
    } else {
        exit::PARTIAL
    })
}

/// Prints an article for people: metadata, sections, warnings, then the
/// body whole or its opening.
pub fn print_article(
    out: &mut impl Write,
    config: &Config,
    article: &Article,
    whole_body: bool,
) -> anyhow::Result<()> {
    let style = &config.style;
    writeln!(
        out,
        "{}",
        style.title(article.title.as_deref().unwrap_or("(untitled)"))
    )?;
    let field = |name: &str, value: String| format!("{:<10} {value}", format!("{name}:"));
    let mut lines = vec![
        field("id", article.id.clone()),
        field("path", article.path.clone()),
        field(
            "format",
            format!("{} ({})", article.format.as_str(), article.encoding),
        ),
    ];
    if !article.authors.is_empty() {
        lines.push(field("authors", article.authors.join(", ")));
    }
    if let Some(outlet) = &article.outlet {
        lines.push(field("outlet", outlet.clone()));
    }
    if let Some(dateline) = &article.dateline {
        lines.push(field("dateline", dateline.clone()));
    }
    if let Some(published) = &article.published {
        lines.push(field("published", published.clone()));
    }
    for section in &article.sections {
        lines.push(field(
            "section",
            format!("{} [{}..{}]", section.heading, section.start, section.end),
        ));
    }
    for warning in &article.warnings {
        lines.push(field("warning", warning.clone()));
    }
    for line in lines {
        writeln!(out, "{}", style.dim(&line))?;
    }
    writeln!(out)?;
    if whole_body {
        writeln!(out, "{}", article.text)?;
    } else {
        let opening: String = article.text.chars().take(300).collect();
        let ellipsis = if opening.len() < article.text.len() {
            "…"
        } else {
            ""
        };
        writeln!(out, "{opening}{ellipsis}")?;
    }
    writeln!(out)?;
    Ok(())
}
