//! Direct quotes and their speakers in the two seed articles in
//! `corpus/seeds`, read as raw file text (boilerplate included).

use newsdex_ingest::{Entity, EntityKind, SpeakerResolution, extract_entities, extract_quotes};

fn seed(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/seeds")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read seed {}: {e}", path.display()))
}

/// Person entities with every occurrence of their surface forms as
/// mentions, so that these tests do not depend on the entity extractor.
fn people(text: &str, names: &[(&str, &[&str])]) -> Vec<Entity> {
    names
        .iter()
        .map(|(name, surfaces)| {
            let mut mentions: Vec<[usize; 2]> = Vec::new();
            for surface in *surfaces {
                for (start, _) in text.match_indices(surface) {
                    let end = start + surface.len();
                    if !mentions.iter().any(|m| m[0] < end && start < m[1]) {
                        mentions.push([start, end]);
                    }
                }
            }
            mentions.sort_unstable();
            Entity {
                name: (*name).to_owned(),
                kind: EntityKind::Person,
                mentions,
            }
        })
        .collect()
}

const HERZOG: &str = "Isaac Herzog";
const ERDOGAN: &str = "Recep Tayyip Erdogan";

/// Each quote of seed 000, by how it starts, with its speaker, and how the
/// speaker was found.
const SEED_000: &[(&str, &str, SpeakerResolution)] = &[
    ("new turning point", ERDOGAN, SpeakerResolution::Named),
    ("Our common goal", ERDOGAN, SpeakerResolution::Named),
    // "Israel’s president" is Isaac Herzog, whom the article introduces
    // as "Israeli President Isaac Herzog".
    ("key moment", HERZOG, SpeakerResolution::Role),
    // "he said" after Herzog's quote.
    (
        "This is a very important moment",
        HERZOG,
        SpeakerResolution::Pronoun,
    ),
    (
        "I expressed the importance",
        ERDOGAN,
        SpeakerResolution::Named,
    ),
    // "he added" goes on with Erdogan.
    (
        "I underlined the importance",
        ERDOGAN,
        SpeakerResolution::Pronoun,
    ),
];

fn check_seed_000(entities: &[Entity]) {
    let text = seed("000_3894bdc2c283492e.txt");
    let quotes = extract_quotes(&text, entities);
    let got: Vec<(&str, Option<&str>, Option<SpeakerResolution>)> = quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_deref(), q.resolution))
        .collect();
    assert_eq!(quotes.len(), SEED_000.len(), "{got:#?}");
    for (quote, (start, speaker, resolution)) in quotes.iter().zip(SEED_000) {
        assert!(quote.text.starts_with(start), "{got:#?}");
        assert_eq!(&text[quote.start..quote.end], quote.text);
        assert_eq!(quote.speaker.as_deref(), Some(*speaker), "{got:#?}");
        assert_eq!(quote.resolution, Some(*resolution), "{got:#?}");
        assert!(quote.speaker_mention.is_some(), "{quote:?}");
    }
    // The "Abraham Accords" are a name in quotation marks, not a quote.
    assert!(!quotes.iter().any(|q| q.text.contains("Abraham")));
    // The mention of the role is the one reported.
    let key_moment = &quotes[2];
    let [start, end] = key_moment.speaker_mention.unwrap();
    assert_eq!(&text[start..end], "Israel’s president");
    assert_eq!(key_moment.cue.as_deref(), Some("called"));
    assert_eq!(quotes[5].cue.as_deref(), Some("added"));
}

#[test]
fn seed_000_quotes_with_hand_made_entities() {
    let text = seed("000_3894bdc2c283492e.txt");
    let entities = people(
        &text,
        &[
            (HERZOG, &["Isaac Herzog", "Herzog"]),
            (ERDOGAN, &["Recep Tayyip Erdogan", "Erdogan"]),
            ("Emily Jones", &["Emily Jones", "Emily"]),
        ],
    );
    check_seed_000(&entities);
}

#[test]
fn seed_000_quotes_with_extracted_entities() {
    let text = seed("000_3894bdc2c283492e.txt");
    check_seed_000(&extract_entities(&text));
}

#[test]
fn seed_000_quotes_without_entities_keep_names_as_written() {
    let text = seed("000_3894bdc2c283492e.txt");
    let quotes = extract_quotes(&text, &[]);
    let speakers: Vec<Option<&str>> = quotes.iter().map(|q| q.speaker.as_deref()).collect();
    // Without entities, names are kept as written, and the role cannot be
    // resolved: it is reported unresolved, not guessed.
    assert_eq!(speakers.len(), 6, "{quotes:#?}");
    for index in [0, 1, 4] {
        assert_eq!(speakers[index], Some("Erdogan"), "{quotes:#?}");
    }
    assert_eq!(speakers[2], None);
    assert_eq!(quotes[2].resolution, Some(SpeakerResolution::Unresolved));
}

#[test]
fn seed_003_has_no_direct_quotes() {
    let text = seed("003_76b365919c3e08c6.txt");
    assert_eq!(extract_quotes(&text, &extract_entities(&text)), []);
}
