//! `newsdex search QUERY`

use std::io::{IsTerminal, Write};
use std::time::Instant;

use newsdex_index::{Hit, SearchOptions, UpdateOptions};
use serde::Serialize;

use crate::commands::index::{summary_line, update};
use crate::commands::{Config, filters_from, open_index, sort_order};
use crate::exit;
use crate::flags::SearchArgs;
use crate::output::{json_line, json_summary};

pub fn run(config: &Config, args: SearchArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    if !args.paths.is_empty() {
        let show_progress = !args.json && std::io::stderr().is_terminal();
        let summary = update(
            config,
            &args.paths,
            &UpdateOptions {
                max_article_bytes: args.article_limit.max_article_bytes(),
                ..UpdateOptions::default()
            },
            show_progress,
        )?;
        if summary.added + summary.updated + summary.removed > 0 || !summary.failed.is_empty() {
            eprintln!("newsdex: index updated: {}", summary_line(&summary));
        }
    }
    let filters = filters_from(args.filters)?;
    let index = open_index(config)?;
    let query = args.query.join(" ");
    let options = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        section: args.section,
        sort: sort_order(args.sort),
        filters,
        ..SearchOptions::default()
    };
    let results = index.search(&query, &options)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        for hit in &results.hits {
            json_line(&mut out, &JsonHit { kind: "hit", hit })?;
        }
        json_summary(&mut out, &query, results.total, results.hits.len(), started)?;
    } else {
        for (rank, hit) in results.hits.iter().enumerate() {
            print_hit(&mut out, config, args.offset + rank + 1, hit)?;
        }
        let shown = results.hits.len();
        let footer = format!("{shown} of {} matching articles", results.total);
        writeln!(out, "{}", config.style.dim(&footer))?;
    }
    Ok(if results.total == 0 {
        exit::NOTHING_FOUND
    } else {
        exit::FOUND
    })
}

fn print_hit(out: &mut impl Write, config: &Config, rank: usize, hit: &Hit) -> anyhow::Result<()> {
    let style = &config.style;
    let title = hit.title.as_deref().unwrap_or("(untitled)");
    writeln!(out, "{rank}. {}", style.title(title))?;
    let mut meta = Vec::new();
    if let Some(outlet) = &hit.outlet {
        meta.push(outlet.clone());
    }
    if let Some(published) = &hit.published {
        meta.push(published.clone());
    }
    if let Some(section) = &hit.section {
        meta.push(format!("section: {section}"));
    }
    meta.push(hit.path.clone());
    meta.push(format!("id {}", hit.id));
    writeln!(out, "   {}", style.dim(&meta.join(" · ")))?;
    let snippet = style.highlight(&hit.snippet.text, &hit.snippet.highlights);
    // Paragraph breaks inside a snippet read better as plain spaces on one line.
    let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
    writeln!(out, "   {snippet}")?;
    if let Some(quote) = &hit.quote {
        let text = style.highlight(&quote.text, &quote.highlights);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let speaker = quote.speaker.as_deref().unwrap_or("speaker unknown");
        writeln!(out, "   “{text}” — {speaker}")?;
    }
    if !hit.entities.is_empty() {
        let names: Vec<&str> = hit
            .entities
            .iter()
            .map(|entity| entity.name.as_str())
            .collect();
        writeln!(
            out,
            "   {}",
            style.dim(&format!("about: {}", names.join(", ")))
        )?;
    }
    writeln!(out)?;
    Ok(())
}

#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    hit: &'a Hit,
}
