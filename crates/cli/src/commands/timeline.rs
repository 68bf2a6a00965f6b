//! `newsdex timeline [QUERY]`: matching articles per month or year, as bars.

use std::io::Write;

use newsdex_index::{Granularity, Timeline};
use serde::Serialize;

use crate::commands::{Config, filters_from, open_index};
use crate::exit;
use crate::flags::{GranularityArg, TimelineArgs};
use crate::output::json_line;

/// The chart fits an 80-column terminal.
const CHART_COLUMNS: usize = 80;

pub fn run(config: &Config, args: TimelineArgs) -> anyhow::Result<u8> {
    let filters = filters_from(args.filters)?;
    let index = open_index(config)?;
    let granularity = args.by.map(|by| match by {
        GranularityArg::Month => Granularity::Month,
        GranularityArg::Year => Granularity::Year,
    });
    let query = args.query.join(" ");
    let timeline = index.timeline(&query, &filters, granularity)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        #[derive(Serialize)]
        struct JsonPeriod<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            period: &'a str,
            articles: u64,
        }
        #[derive(Serialize)]
        struct JsonSummary {
            #[serde(rename = "type")]
            kind: &'static str,
            granularity: Granularity,
            dated: u64,
            undated: u64,
        }
        for bucket in &timeline.buckets {
            let period = JsonPeriod {
                kind: "period",
                period: &bucket.period,
                articles: bucket.articles,
            };
            json_line(&mut out, &period)?;
        }
        let dated = timeline.buckets.iter().map(|bucket| bucket.articles).sum();
        let summary = JsonSummary {
            kind: "summary",
            granularity: timeline.granularity,
            dated,
            undated: timeline.undated,
        };
        json_line(&mut out, &summary)?;
    } else {
        for line in chart(&timeline) {
            writeln!(out, "{line}")?;
        }
        if timeline.undated > 0 {
            writeln!(
                out,
                "{}",
                config
                    .style
                    .dim(&format!("{} articles without a date", timeline.undated))
            )?;
        }
    }
    let found = timeline.undated > 0 || timeline.buckets.iter().any(|bucket| bucket.articles > 0);
    Ok(if found {
        exit::FOUND
    } else {
        exit::NOTHING_FOUND
    })
}

/// One line per period: label, bar scaled to the largest count, count.
fn chart(timeline: &Timeline) -> Vec<String> {
    let largest = timeline
        .buckets
        .iter()
        .map(|bucket| bucket.articles)
        .max()
        .unwrap_or(0);
    let label_width = timeline
        .buckets
        .iter()
        .map(|bucket| bucket.period.len())
        .max()
        .unwrap_or(4);
    let count_width = largest.to_string().len();
    let bar_columns = CHART_COLUMNS
        .saturating_sub(label_width + count_width + 3)
        .max(10);
    timeline
        .buckets
        .iter()
        .map(|bucket| {
            let length = if largest == 0 {
                0
            } else {
                // Round up so that any non-zero period shows at least one block.
                (bucket.articles as usize * bar_columns).div_ceil(largest as usize)
            };
            format!(
                "{:<label_width$} {:<bar_columns$} {:>count_width$}",
                bucket.period,
                "█".repeat(length),
                bucket.articles
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdex_index::TimelineBucket;

    fn timeline(counts: &[(&str, u64)]) -> Timeline {
        Timeline {
            granularity: Granularity::Month,
            buckets: counts
                .iter()
                .map(|&(period, articles)| TimelineBucket {
                    period: period.to_owned(),
                    articles,
                })
                .collect(),
            undated: 0,
        }
    }

    #[test]
    fn bars_scale_to_the_largest_and_fit_80_columns() {
        let lines = chart(&timeline(&[
            ("2022-01", 1),
            ("2022-02", 0),
            ("2022-03", 1200),
        ]));
        for line in &lines {
            assert!(line.chars().count() <= CHART_COLUMNS, "{line:?}");
        }
        assert_eq!(
            lines[0].matches('█').count(),
            1,
            "a small count still shows"
        );
        assert_eq!(lines[1].matches('█').count(), 0);
        assert_eq!(lines[2].matches('█').count(), CHART_COLUMNS - 7 - 4 - 3);
        assert!(lines[2].ends_with("1200"));
    }
}
