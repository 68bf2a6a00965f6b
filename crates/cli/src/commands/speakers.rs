//! `newsdex speakers [QUERY]`: who is quoted most about something.

use std::io::Write;

use newsdex_index::SpeakerCount;
use serde::Serialize;

use crate::commands::{Config, filters_from, open_index};
use crate::exit;
use crate::flags::SpeakersArgs;
use crate::output::json_line;

pub fn run(config: &Config, args: SpeakersArgs) -> anyhow::Result<u8> {
    let filters = filters_from(args.filters)?;
    let index = open_index(config)?;
    let query = args.query.join(" ");
    let speakers = index.top_speakers(&query, &filters, args.limit)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        #[derive(Serialize)]
        struct JsonSpeaker<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            #[serde(flatten)]
            speaker: &'a SpeakerCount,
        }
        for speaker in &speakers {
            json_line(
                &mut out,
                &JsonSpeaker {
                    kind: "speaker",
                    speaker,
                },
            )?;
        }
    } else if !speakers.is_empty() {
        let width = speakers
            .iter()
            .map(|speaker| speaker.quotes.to_string().len())
            .max()
            .unwrap_or(1)
            .max("quotes".len());
        let article_width = speakers
            .iter()
            .map(|speaker| speaker.articles.to_string().len())
            .max()
            .unwrap_or(1)
            .max("articles".len());
        writeln!(
            out,
            "{}",
            config.style.dim(&format!(
                "{:>width$}  {:>article_width$}  speaker",
                "quotes", "articles"
            ))
        )?;
        for speaker in &speakers {
            writeln!(
                out,
                "{:>width$}  {:>article_width$}  {}",
                speaker.quotes, speaker.articles, speaker.name
            )?;
        }
    }
    Ok(if speakers.is_empty() {
        exit::NOTHING_FOUND
    } else {
        exit::FOUND
    })
}
