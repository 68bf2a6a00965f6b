//! Entity extraction on the two seed articles (`corpus/seeds`), the way
//! an article's entities are found: on its clean body text, and on its
//! title.

use std::path::PathBuf;

use newsdex_ingest::{Entity, EntityKind, IngestOptions, Source, extract_entities, ingest};

/// The clean body and title of the seed whose name starts with `prefix`.
fn seed(prefix: &str) -> (String, String) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}* in {}", dir.display()));
    let bytes = std::fs::read(&path).unwrap();
    let name = path.to_string_lossy().into_owned();
    let article = ingest(&bytes, &Source::new(&name), &IngestOptions::default())
        .into_iter()
        .next()
        .unwrap();
    (article.text, article.title.unwrap_or_default())
}

fn entity<'a>(entities: &'a [Entity], name: &str) -> &'a Entity {
    entities.iter().find(|e| e.name == name).unwrap_or_else(|| {
        let names: Vec<_> = entities.iter().map(|e| (&e.name, e.kind)).collect();
        panic!("no entity {name:?} among {names:?}")
    })
}

fn mention_texts<'a>(text: &'a str, entity: &Entity) -> Vec<&'a str> {
    entity.mentions.iter().map(|m| &text[m[0]..m[1]]).collect()
}

/// Every mention is on character boundaries, in order, and no two
/// entities share a name and a kind.
fn check_invariants(text: &str, entities: &[Entity]) {
    let mut seen = std::collections::HashSet::new();
    for e in entities {
        assert!(seen.insert((&e.name, e.kind)), "{} twice", e.name);
        assert!(!e.mentions.is_empty());
        for w in e.mentions.windows(2) {
            assert!(w[0][0] < w[1][0], "mentions of {} out of order", e.name);
        }
        for &[start, end] in &e.mentions {
            assert!(start < end && end <= text.len());
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
}

#[test]
fn seed_000_people_organizations_places() {
    let (text, _) = seed("000_");
    let entities = extract_entities(&text);
    check_invariants(&text, &entities);

    let herzog = entity(&entities, "Isaac Herzog");
    assert_eq!(herzog.kind, EntityKind::Person);
    let mentions = mention_texts(&text, herzog);
    assert_eq!(
        mentions[0], "Isaac Herzog",
        "the title President is not part of the mention"
    );
    assert!(
        mentions.iter().filter(|m| **m == "Herzog").count() >= 3,
        "{mentions:?}"
    );

    let erdogan = entity(&entities, "Recep Tayyip Erdogan");
    assert_eq!(erdogan.kind, EntityKind::Person);
    let mentions = mention_texts(&text, erdogan);
    assert_eq!(mentions[0], "Recep Tayyip Erdogan");
    assert!(
        mentions.iter().filter(|m| **m == "Erdogan").count() >= 5,
        "{mentions:?}"
    );
    assert!(
        !entities.iter().any(|e| e.name == "Erdogan"),
        "the surname is the same entity as the full name"
    );

    assert_eq!(entity(&entities, "Hamas").kind, EntityKind::Organization);
    for place in ["Ankara", "Jerusalem", "Turkey", "Israel"] {
        assert_eq!(entity(&entities, place).kind, EntityKind::Place, "{place}");
    }
}

#[test]
fn seed_000_possessive_is_not_part_of_the_mention() {
    let (text, _) = seed("000_");
    let at = text
        .find("Israel’s president")
        .expect("the seed says Israel’s president");
    let entities = extract_entities(&text);
    let israel = entity(&entities, "Israel");
    assert!(
        israel.mentions.contains(&[at, at + "Israel".len()]),
        "Israel’s is a mention of Israel without ’s"
    );
    assert!(
        !israel
            .mentions
            .iter()
            .any(|m| text[m[0]..m[1]].contains('’'))
    );
}

#[test]
fn seed_003_gantz_and_erdogan_with_accent() {
    let (text, _) = seed("003_");
    let entities = extract_entities(&text);
    check_invariants(&text, &entities);

    let gantz = entity(&entities, "Benny Gantz");
    assert_eq!(gantz.kind, EntityKind::Person);
    let mentions = mention_texts(&text, gantz);
    assert_eq!(
        mentions[0], "Benny Gantz",
        "Defense Minister is not part of the mention"
    );
    assert!(
        mentions.contains(&"Gantz"),
        "Gantz's is a mention of Benny Gantz: {mentions:?}"
    );

    // "Erdoğan" alone, in another article than the full name: the alias
    // table gives the same canonical name as in seed 000.
    let erdogan = entity(&entities, "Recep Tayyip Erdogan");
    assert_eq!(erdogan.kind, EntityKind::Person);
    assert_eq!(mention_texts(&text, erdogan), ["Erdoğan"]);

    assert_eq!(entity(&entities, "Hamas").kind, EntityKind::Organization);
    for place in ["Ankara", "Turkey", "Israel"] {
        assert_eq!(entity(&entities, place).kind, EntityKind::Place, "{place}");
    }
}

#[test]
fn seed_titles() {
    let (_, title) = seed("000_");
    let entities = extract_entities(&title);
    let names: Vec<(&str, EntityKind)> =
        entities.iter().map(|e| (e.name.as_str(), e.kind)).collect();
    assert!(
        names.contains(&("Israel", EntityKind::Place)),
        "{title:?}: {names:?}"
    );
    assert!(
        names.contains(&("Turkey", EntityKind::Place)),
        "{title:?}: {names:?}"
    );
}

#[test]
fn same_person_same_name_across_seeds() {
    let (first, _) = seed("000_");
    let (second, _) = seed("003_");
    let key = |text: &str| {
        extract_entities(text)
            .into_iter()
            .find(|e| e.kind == EntityKind::Person && e.name.contains("Erdo"))
            .map(|e| e.name)
    };
    assert_eq!(key(&first), key(&second));
    assert_eq!(key(&first).as_deref(), Some("Recep Tayyip Erdogan"));
}

#[test]
fn odd_inputs_do_not_panic() {
    // One megabyte of one word, with and without spaces.
    let one_word = "Erdogan".repeat(150_000);
    assert!(extract_entities(&one_word).len() <= 1);
    let many_words = "Erdogan ".repeat(130_000);
    let entities = extract_entities(&many_words);
    check_invariants(&many_words, &entities);
    // All capitals.
    let (text, _) = seed("000_");
    let upper = text.to_uppercase();
    check_invariants(&upper, &extract_entities(&upper));
    // Pseudo-random characters from several scripts, deterministic.
    let alphabet: Vec<char> = "aZ ’'\".,-()\n\u{301}İıßğŞÇ€$😀中文עברית العربية Ελληνικά"
        .chars()
        .collect();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let random: String = (0..50_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[(state % alphabet.len() as u64) as usize]
        })
        .collect();
    check_invariants(&random, &extract_entities(&random));
}
