//! One name per entity: mentions grouped into entities, and each entity's
//! canonical name.
//!
//! Within an article (rules also in `docs/entities.md`):
//!
//! 1. A mention loses leading titles ("President", "Defense Minister") and
//!    trailing possessives ("’s") before anything else.
//! 2. Mentions whose words fold to the same key (case and accents ignored:
//!    "Erdoğan" = "Erdogan") are one entity, of the kind most of them have.
//! 3. A person named by a shorter name ("Erdogan", "Tayyip Erdogan") is the
//!    person with the longer name that ends with it ("Recep Tayyip
//!    Erdogan"), if only one such longer name is in the article; so is a
//!    person named by a first name alone ("Emily" for "Emily Jones"). A name
//!    tagged as an organisation or place that is such a person's surname,
//!    and in no place or organisation list, is that person.
//! 4. An acronym is the organisation whose initials it spells ("General
//!    Motors (GM)", "GM"), and so is an acronym in brackets right after an
//!    organisation.
//! 5. Names in the shipped alias table (`data/entities/aliases.txt`) are
//!    the entity the table names ("U.S.", "US" → "United States"), of the
//!    table's kind when the tagger said organisation for a place or place
//!    for an organisation.
//!
//! The canonical name is the alias table's name when it has one, otherwise
//! the longest form in the article (among equally long ones: the most
//! frequent, mixed case before capitals, then the first), spelt as the
//! article spells it. A leading "The" does not count ("The Times of
//! Israel" is "Times of Israel").
//!
//! Across articles, the same name gives the same canonical name; the
//! alias table makes a few very well known people, places and
//! organisations the same whatever form an article uses. Anything else
//! ("Erdoğan" alone in one article, for a person not in the table) keeps
//! the form that article gives. [`entity_key`] folds case and accents, for
//! an index that wants "Erdoğan" and "Erdogan" as one facet value.

use std::borrow::Cow;
use std::collections::HashMap;

/// The maps of one article's grouping: short-lived and keyed by short
/// strings, so a fast fixed hash (the order of a map is never output).
type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

fn with_capacity<K, V>(capacity: usize) -> Map<K, V> {
    Map::with_capacity_and_hasher(capacity, Default::default())
}

use super::Mention;
use super::gazetteer::{
    COUNTRY, GAZETTEER, ORGANIZATION, PHRASE_SEED, PLACE, extend_key, fold, word_key,
};
use super::tokenize::tokenize;
use crate::{Entity, EntityKind};

/// The key that identifies a canonical name across articles: its words
/// folded to lower case without accents, joined by single spaces.
///
/// ```
/// use newsdex_ingest::entity_key;
///
/// assert_eq!(entity_key("Recep Tayyip Erdoğan"), entity_key("Recep  Tayyip ERDOGAN"));
/// ```
pub fn entity_key(name: &str) -> String {
    if is_plain_ascii_name(name) {
        // Without a vector of words: keys are made for every form, mention
        // and speaker.
        let mut key = String::with_capacity(name.len());
        for word in plain_words(name) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(word);
        }
        key.make_ascii_lowercase();
        return key;
    }
    folded_words(name).join(" ")
}

/// The words of a name [`is_plain_ascii_name`] accepts, as written.
fn plain_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(' ').filter(|word| !word.is_empty())
}

/// Whether `name` is only ASCII letters, digits and spaces, as most names
/// are: its words are then what the tokenizer would find, split at the
/// spaces, and folding them is lower-casing them. Keys are made for every
/// mention and every speaker, and tokenizing each name was most of it.
fn is_plain_ascii_name(name: &str) -> bool {
    name.bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || byte == b' ')
}

fn folded_words(name: &str) -> Vec<String> {
    if is_plain_ascii_name(name) {
        return plain_words(name).map(str::to_ascii_lowercase).collect();
    }
    let (tokens, _) = tokenize(name);
    tokens
        .iter()
        .map(|t| fold(&name[t.start..t.end]).into_owned())
        .collect()
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'S" | "’S" | "'" | "’")
}

/// The token range `[first, last)` of a tagged mention once leading titles
/// and trailing possessives and punctuation are cut, or `None` when nothing
/// is left.
pub(crate) fn trim_mention(words: &[&str], kind: EntityKind) -> Option<(usize, usize)> {
    let mut first = 0;
    let mut last = words.len();
    while last > first
        && (is_possessive(words[last - 1]) || !words[last - 1].chars().any(char::is_alphanumeric))
    {
        last -= 1;
    }
    while first < last && !words[first].chars().any(char::is_alphanumeric) {
        first += 1;
    }
    if kind == EntityKind::Person {
        // The longest title at the start, again while one is there
        // ("Prime Minister Dr. X").
        'titles: loop {
            for length in (1..=(last - first).min(3)).rev() {
                if first + length < last && GAZETTEER.is_title(&words[first..first + length]) {
                    first += length;
                    continue 'titles;
                }
            }
            break;
        }
        if first < last && GAZETTEER.is_title(&words[first..last]) {
            return None;
        }
    }
    (first < last).then_some((first, last))
}

/// One group of mentions.
#[derive(Debug)]
struct Cluster<'a> {
    kind: EntityKind,
    /// Indexes into the mention list.
    mentions: Vec<usize>,
    /// Folded words of the cluster's longest form.
    words: &'a [String],
    /// Canonical name from the alias table, if any.
    alias: Option<&'static str>,
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], into: usize, from: usize) {
    let (a, b) = (find(parent, into), find(parent, from));
    if a != b {
        parent[b] = a;
    }
}

/// The display form of a mention: its text with runs of white space made
/// one space.
fn display<'a>(text: &'a str, mention: &Mention) -> Cow<'a, str> {
    let form = &text[mention.start..mention.end];
    // Most mentions are written with single spaces already.
    let mut previous_space = true;
    let plain = form.chars().all(|c| {
        let single = c == ' ' && !previous_space;
        let ok = single || !c.is_whitespace();
        previous_space = c == ' ';
        ok
    }) && !form.ends_with(' ');
    if plain {
        return Cow::Borrowed(form);
    }
    Cow::Owned(form.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Initials of an organisation's name ("General Motors" → "gm"), without
/// "of", "and", "the", "for".
fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !matches!(w.as_str(), "of" | "and" | "the" | "for" | "&" | "de"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn is_acronym(display: &str) -> bool {
    let mut letters = 0;
    for c in display.chars().filter(|c| *c != '.') {
        if !(c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Groups mentions into entities and names them.
pub(crate) fn group(text: &str, mut mentions: Vec<Mention>) -> Vec<Entity> {
    mentions.sort_by_key(|m| (m.start, m.end));
    mentions.dedup_by_key(|m| (m.start, m.end));
    if mentions.is_empty() {
        return Vec::new();
    }
    let displays: Vec<Cow<'_, str>> = mentions.iter().map(|m| display(text, m)).collect();
    // Each distinct form is folded once, and forms that fold alike share
    // one key: `key_of[m]` is mention m's index into `folded`.
    // "The Times of Israel" is "Times of Israel".
    // `name_keys[m]` is the key of mention m's form as the alias table
    // keys names ([`super::gazetteer::Gazetteer::alias_of_key`]).
    let mut key_of = Vec::with_capacity(mentions.len());
    let mut name_keys = Vec::with_capacity(mentions.len());
    let folded: Vec<Vec<String>> = {
        let mut by_form: Map<&str, (usize, u64)> = with_capacity(mentions.len());
        let mut by_words: Map<Vec<String>, usize> = with_capacity(mentions.len());
        for form in &displays {
            let (index, name_key) = *by_form.entry(form).or_insert_with(|| {
                let mut words = folded_words(form);
                let name_key = words
                    .iter()
                    .fold(PHRASE_SEED, |key, word| extend_key(key, word_key(word)));
                if words.len() > 1 && words[0] == "the" {
                    words.remove(0);
                }
                let next = by_words.len();
                (*by_words.entry(words).or_insert(next), name_key)
            });
            key_of.push(index);
            name_keys.push(name_key);
        }
        let mut folded = vec![Vec::new(); by_words.len()];
        for (words, index) in by_words {
            folded[index] = words;
        }
        folded
    };
    let keys: Vec<&[String]> = key_of.iter().map(|&k| folded[k].as_slice()).collect();

    // Rule 2: one kind per key, by majority (the first mention's on a tie).
    let mut votes = vec![[0usize; 3]; folded.len()];
    for (mention, &key) in mentions.iter().zip(&key_of) {
        votes[key][mention.kind.index()] += 1;
    }
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_key: Vec<Option<usize>> = vec![None; folded.len()];
    let mut cluster_of = vec![0; mentions.len()];
    for (i, &key) in key_of.iter().enumerate() {
        let index = *by_key[key].get_or_insert_with(|| {
            let counts = votes[key];
            let first_kind = mentions[i].kind;
            let best = (0..3)
                .max_by_key(|&k| (counts[k], k == first_kind.index()))
                .unwrap_or(0);
            clusters.push(Cluster {
                kind: EntityKind::ALL[best],
                mentions: Vec::new(),
                words: &folded[key],
                alias: None,
            });
            clusters.len() - 1
        });
        clusters[index].mentions.push(i);
        cluster_of[i] = index;
    }
    let mut parent: Vec<usize> = (0..clusters.len()).collect();

    // Rule 5: the alias table.
    let mut by_alias: Map<(EntityKind, String), usize> = Map::default();
    for (index, cluster) in clusters.iter_mut().enumerate() {
        let form_key = name_keys[cluster.mentions[0]];
        // Organisation and place are often confused ("the US" tagged as an
        // organisation); the alias table settles it for the names it knows.
        if GAZETTEER.alias_of_key(cluster.kind, form_key).is_none() {
            let other = match cluster.kind {
                EntityKind::Organization => Some(EntityKind::Place),
                EntityKind::Place => Some(EntityKind::Organization),
                EntityKind::Person => None,
            };
            if let Some(other) = other
                && GAZETTEER.alias_of_key(other, form_key).is_some()
            {
                cluster.kind = other;
            }
        }
        if let Some(canonical) = GAZETTEER.alias_of_key(cluster.kind, form_key) {
            cluster.alias = Some(canonical);
            let key = (cluster.kind, entity_key(canonical));
            match by_alias.get(&key) {
                Some(&other) => union(&mut parent, other, index),
                None => {
                    by_alias.insert(key, index);
                }
            }
        }
    }

    // Rule 3: shorter person names, longest first so that chains resolve.
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(clusters[i].words.len()));
    for &short in &order {
        let short_words = clusters[short].words;
        if clusters[short].alias.is_some() && clusters[short].kind != EntityKind::Person {
            continue;
        }
        let mut longer: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&long| {
                long != short
                    && clusters[long].kind == EntityKind::Person
                    && clusters[long].words.len() > short_words.len()
                    && (clusters[long].words.ends_with(short_words)
                        || (short_words.len() == 1
                            && clusters[short].kind == EntityKind::Person
                            && clusters[long].words.starts_with(short_words)))
            })
            .collect();
        if longer.is_empty() {
            continue;
        }
        let roots: Vec<usize> = {
            let mut roots: Vec<usize> = longer.iter().map(|&l| find(&mut parent, l)).collect();
            roots.sort_unstable();
            roots.dedup();
            roots
        };
        if roots.len() != 1 {
            continue;
        }
        let person_kind = clusters[short].kind == EntityKind::Person;
        let other_name_ok = short_words.len() == 1 && {
            let form = &displays[clusters[short].mentions[0]];
            let key = [fold(form).into_owned()];
            !in_lists(&key, COUNTRY | PLACE | ORGANIZATION)
        };
        if person_kind || other_name_ok {
            longer.truncate(1);
            union(&mut parent, longer[0], short);
            clusters[short].kind = EntityKind::Person;
        }
    }

    // Rule 4: acronyms of organisations.
    for short in 0..clusters.len() {
        let form = &displays[clusters[short].mentions[0]];
        if !is_acronym(form) || clusters[short].alias.is_some() {
            continue;
        }
        let acronym: String = clusters[short].words.concat().replace('.', "");
        let candidates: Vec<usize> = (0..clusters.len())
            .filter(|&long| {
                long != short
                    && clusters[long].kind == EntityKind::Organization
                    && clusters[long].words.len() >= 2
                    && initials(clusters[long].words) == acronym
            })
            .collect();
        if let [long] = candidates[..] {
            union(&mut parent, long, short);
            clusters[short].kind = EntityKind::Organization;
        }
    }
    // An acronym in brackets right after an organisation.
    for i in 1..mentions.len() {
        let (before, inside) = (&mentions[i - 1], &mentions[i]);
        let between = &text[before.end..inside.start];
        let after = text[inside.end..].trim_start();
        if before.kind == EntityKind::Organization
            && between.trim() == "("
            && after.starts_with(')')
            && is_acronym(&displays[i])
        {
            let (a, b) = (cluster_of[i - 1], cluster_of[i]);
            if clusters[b].alias.is_none() {
                union(&mut parent, a, b);
                clusters[b].kind = EntityKind::Organization;
            }
        }
    }

    // Gather the groups and name them.
    let mut groups: Map<usize, Vec<usize>> = with_capacity(clusters.len());
    for index in 0..clusters.len() {
        let root = find(&mut parent, index);
        groups.entry(root).or_default().push(index);
    }
    let mut entities: Vec<(usize, Entity)> = groups
        .into_values()
        .map(|members| {
            let mut mention_indexes: Vec<usize> = members
                .iter()
                .flat_map(|&c| clusters[c].mentions.iter().copied())
                .collect();
            mention_indexes.sort_unstable();
            let kind = group_kind(&members, &clusters);
            let name = canonical_name(&members, &clusters, &displays, &keys, &name_keys, kind);
            let first = mention_indexes[0];
            (
                first,
                Entity {
                    name,
                    kind,
                    mentions: mention_indexes
                        .iter()
                        .map(|&m| [mentions[m].start, mentions[m].end])
                        .collect(),
                },
            )
        })
        .collect();
    entities.sort_by_key(|(first, _)| *first);
    entities.into_iter().map(|(_, entity)| entity).collect()
}

fn in_lists(words: &[String], classes: u8) -> bool {
    let key = words
        .iter()
        .fold(super::gazetteer::PHRASE_SEED, |key, word| {
            super::gazetteer::extend_key(key, super::gazetteer::word_key(word))
        });
    GAZETTEER.classes(key) & classes != 0
}

/// The kind of a group: a person if any member was made one by rule 3,
/// otherwise the kind of most mentions.
fn group_kind(members: &[usize], clusters: &[Cluster]) -> EntityKind {
    let mut counts = [0usize; 3];
    for &c in members {
        counts[clusters[c].kind.index()] += clusters[c].mentions.len();
    }
    if members
        .iter()
        .any(|&c| clusters[c].kind == EntityKind::Person && clusters[c].words.len() > 1)
    {
        return EntityKind::Person;
    }
    EntityKind::ALL[(0..3).max_by_key(|&k| counts[k]).unwrap_or(0)]
}

fn canonical_name(
    members: &[usize],
    clusters: &[Cluster],
    displays: &[Cow<'_, str>],
    keys: &[&[String]],
    name_keys: &[u64],
    kind: EntityKind,
) -> String {
    // The longest forms; among them the one written most often, a form in
    // mixed case before one in capitals ("Jerusalem" before a dateline's
    // "JERUSALEM"), then the first.
    let mentions = || {
        members
            .iter()
            .flat_map(|&c| clusters[c].mentions.iter().copied())
    };
    let longest = mentions().map(|m| keys[m].len()).max().unwrap_or(0);
    // Each longest form, how often it is written, and its first mention,
    // from the (form, mention) pairs in order.
    let mut written: Vec<(&str, usize)> = mentions()
        .filter(|&m| keys[m].len() == longest)
        .map(|m| (displays[m].as_ref(), m))
        .collect();
    written.sort_unstable();
    let counts = written
        .chunk_by(|a, b| a.0 == b.0)
        .map(|run| (run[0].0, run.len(), run[0].1));
    // Each form has its own first mention, so there are no ties.
    let Some((form, _, first)) = counts.max_by_key(|&(form, count, first)| {
        let mixed_case = form.chars().any(char::is_lowercase);
        let without_article = !form.starts_with("The ");
        (mixed_case, without_article, count, std::cmp::Reverse(first))
    }) else {
        return String::new();
    };
    if let Some(alias) = GAZETTEER.alias_of_key(kind, name_keys[first]) {
        return alias.to_owned();
    }
    if let Some(alias) = members.iter().find_map(|&c| clusters[c].alias) {
        return alias.to_owned();
    }
    form.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `name` as the tokenizer finds them, folded.
    fn tokenized_words(name: &str) -> Vec<String> {
        let (tokens, _) = tokenize(name);
        tokens
            .iter()
            .map(|t| fold(&name[t.start..t.end]).into_owned())
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn plain_names_are_split_as_the_tokenizer_splits_them(name in "[A-Za-z0-9 ]{0,30}") {
            proptest::prop_assert_eq!(folded_words(&name), tokenized_words(&name));
            proptest::prop_assert_eq!(entity_key(&name), tokenized_words(&name).join(" "));
        }
    }

    #[test]
    fn other_names_are_tokenized() {
        for name in [
            "Recep Tayyip Erdoğan",
            "U.S.",
            "O'Brien",
            "AT&T Inc.",
            "Smith's",
            "  Lee\tKim ",
        ] {
            assert!(!is_plain_ascii_name(name), "{name}");
            assert_eq!(entity_key(name), tokenized_words(name).join(" "));
        }
        assert_eq!(entity_key("  Isaac   HERZOG "), "isaac herzog");
    }

    /// Groups mentions given as (text, kind) in order of appearance.
    fn check(text: &str, mentions: &[(&str, EntityKind)], expected: &[(&str, EntityKind, usize)]) {
        let mut from = 0;
        let mut list = Vec::new();
        for (surface, kind) in mentions {
            let start = from + text[from..].find(surface).expect("mention in text");
            list.push(Mention {
                start,
                end: start + surface.len(),
                kind: *kind,
            });
            from = start + surface.len();
        }
        let got: Vec<(String, EntityKind, usize)> = group(text, list)
            .into_iter()
            .map(|e| (e.name, e.kind, e.mentions.len()))
            .collect();
        let expected: Vec<(String, EntityKind, usize)> = expected
            .iter()
            .map(|(n, k, c)| (n.to_string(), *k, *c))
            .collect();
        assert_eq!(got, expected, "entities of {text:?}");
    }

    use EntityKind::{Organization as Org, Person as Per, Place};

    #[test]
    fn surnames_join_full_names() {
        check(
            "Recep Tayyip Erdogan spoke. Erdogan and Erdoğan.",
            &[
                ("Recep Tayyip Erdogan", Per),
                ("Erdogan", Per),
                ("Erdoğan", Per),
            ],
            &[("Recep Tayyip Erdogan", Per, 3)],
        );
        check(
            "Jane Smith met Jane Doe. Smith left.",
            &[("Jane Smith", Per), ("Jane Doe", Per), ("Smith", Per)],
            &[("Jane Smith", Per, 2), ("Jane Doe", Per, 1)],
        );
        // Two people share the surname: the short name stays apart.
        check(
            "Bill Roe and Hillary Roe. Roe spoke.",
            &[("Bill Roe", Per), ("Hillary Roe", Per), ("Roe", Per)],
            &[
                ("Bill Roe", Per, 1),
                ("Hillary Roe", Per, 1),
                ("Roe", Per, 1),
            ],
        );
        // A surname tagged as a place is the person.
        check(
            "Benny Gantz spoke. Gantz left.",
            &[("Benny Gantz", Per), ("Gantz", Place)],
            &[("Benny Gantz", Per, 2)],
        );
    }

    #[test]
    fn chooses_the_usual_form() {
        check(
            "JERUSALEM, Israel. Jerusalem and Jerusalem.",
            &[
                ("JERUSALEM", Place),
                ("Israel", Place),
                ("Jerusalem", Place),
                ("Jerusalem", Place),
            ],
            &[("Jerusalem", Place, 3), ("Israel", Place, 1)],
        );
        check(
            "The Times of Israel and the Times of Israel.",
            &[("The Times of Israel", Org), ("Times of Israel", Org)],
            &[("Times of Israel", Org, 2)],
        );
        check(
            "Emily Jones wrote. Emily said.",
            &[("Emily Jones", Per), ("Emily", Per)],
            &[("Emily Jones", Per, 2)],
        );
    }

    #[test]
    fn aliases_and_acronyms() {
        check(
            "The U.S. and the United States and US.",
            &[("U.S.", Place), ("United States", Place), ("US", Place)],
            &[("United States", Place, 3)],
        );
        check(
            "Acme Widget Corp (AWC) said AWC would.",
            &[("Acme Widget Corp", Org), ("AWC", Org), ("AWC", Org)],
            &[("Acme Widget Corp", Org, 3)],
        );
        check(
            "Erdoğan spoke.",
            &[("Erdoğan", Per)],
            &[("Recep Tayyip Erdogan", Per, 1)],
        );
        check(
            "Hamas and Hamas",
            &[("Hamas", Org), ("Hamas", Place)],
            &[("Hamas", Org, 2)],
        );
    }

    #[test]
    fn trims_titles_and_possessives() {
        assert_eq!(
            trim_mention(&["President", "Isaac", "Herzog"], Per),
            Some((1, 3))
        );
        assert_eq!(
            trim_mention(&["Defense", "Minister", "Benny", "Gantz"], Per),
            Some((2, 4))
        );
        assert_eq!(trim_mention(&["Israel", "’s"], Place), Some((0, 1)));
        assert_eq!(trim_mention(&["President"], Per), None);
        assert_eq!(trim_mention(&["’s"], Place), None);
    }

    #[test]
    fn keys_fold_case_and_accents() {
        assert_eq!(entity_key("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(entity_key("ISRAEL"), "israel");
    }
}
