//! `newsdex entities [QUERY]`: who and what the matching articles mention most.

use std::io::Write;

use newsdex_ingest::EntityKind;
use serde::Serialize;

use crate::commands::{Config, filters_from, open_index};
use crate::exit;
use crate::flags::{EntitiesArgs, KindArg};
use crate::output::json_line;

pub fn run(config: &Config, args: EntitiesArgs) -> anyhow::Result<u8> {
    let filters = filters_from(args.filters)?;
    let index = open_index(config)?;
    let kind = args.kind.map(|kind| match kind {
        KindArg::Person => EntityKind::Person,
        KindArg::Organization => EntityKind::Organization,
        KindArg::Place => EntityKind::Place,
    });
    let query = args.query.join(" ");
    let entities = index.top_entities(&query, &filters, kind, args.limit)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        #[derive(Serialize)]
        struct JsonEntity<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            #[serde(flatten)]
            entity: &'a newsdex_index::EntityCount,
        }
        for entity in &entities {
            json_line(
                &mut out,
                &JsonEntity {
                    kind: "entity",
                    entity,
                },
            )?;
        }
    } else {
        let width = entities
            .iter()
            .map(|e| e.articles.to_string().len())
            .max()
            .unwrap_or(1);
        for entity in &entities {
            let kind = match entity.kind {
                EntityKind::Person => "person",
                EntityKind::Organization => "org",
                EntityKind::Place => "place",
            };
            writeln!(
                out,
                "{:>width$}  {:<7} {}",
                entity.articles, kind, entity.name
            )?;
        }
    }
    Ok(if entities.is_empty() {
        exit::NOTHING_FOUND
    } else {
        exit::FOUND
    })
}
