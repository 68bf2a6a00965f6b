//! `newsdex quotes [QUERY] [--speaker NAME]`: who said what, and where.

use std::io::Write;
use std::time::Instant;

use newsdex_index::{QuoteHit, QuoteOptions, SortOrder};
use serde::Serialize;

use crate::commands::{Config, filters_from, open_index, sort_order};
use crate::exit;
use crate::flags::QuotesArgs;
use crate::output::{json_line, json_summary};

pub fn run(config: &Config, args: QuotesArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let filters = filters_from(args.filters)?;
    let index = open_index(config)?;
    let query = args.query.join(" ");
    let no_query = matches!(query.trim(), "" | "*");
    let sort = match args.sort {
        Some(sort) => sort_order(sort),
        // Without words to rank by, the newest quotes come first.
        None if no_query => SortOrder::Newest,
        None => SortOrder::Relevance,
    };
    let options = QuoteOptions {
        limit: args.limit,
        offset: args.offset,
        sort,
        filters,
    };
    let results = index.quotes(&query, &options)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        #[derive(Serialize)]
        struct JsonQuote<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            #[serde(flatten)]
            quote: &'a QuoteHit,
        }
        for quote in &results.quotes {
            json_line(
                &mut out,
                &JsonQuote {
                    kind: "quote",
                    quote,
                },
            )?;
        }
        json_summary(
            &mut out,
            &query,
            results.total,
            results.quotes.len(),
            started,
        )?;
    } else {
        for (rank, quote) in results.quotes.iter().enumerate() {
            print_quote(&mut out, config, args.offset + rank + 1, quote)?;
        }
        let footer = format!(
            "{} of {} matching quotes",
            results.quotes.len(),
            results.total
        );
        writeln!(out, "{}", config.style.dim(&footer))?;
    }
    Ok(if results.total == 0 {
        exit::NOTHING_FOUND
    } else {
        exit::FOUND
    })
}

fn print_quote(
    out: &mut impl Write,
    config: &Config,
    rank: usize,
    quote: &QuoteHit,
) -> anyhow::Result<()> {
    let style = &config.style;
    let text = style.highlight(&quote.text, &quote.highlights);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    writeln!(out, "{rank}. “{text}”")?;
    let speaker = quote.speaker.as_deref().unwrap_or("(speaker unknown)");
    writeln!(out, "   — {}", style.title(speaker))?;
    let mut meta = Vec::new();
    meta.push(
        quote
            .title
            .clone()
            .unwrap_or_else(|| "(untitled)".to_owned()),
    );
    if let Some(published) = &quote.published {
        meta.push(published.clone());
    }
    meta.push(quote.path.clone());
    meta.push(format!("id {}", quote.id));
    writeln!(out, "   {}", style.dim(&meta.join(" · ")))?;
    writeln!(out)?;
    Ok(())
}
