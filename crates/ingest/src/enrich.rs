//! What every article gets after its format has been read, whatever the
//! format: a publication date from the path when the file states none, the
//! dates its text mentions, its people, organisations and places, and the
//! direct quotes with their speakers.

use std::collections::HashMap;

use crate::{Article, Entity, EntityKind, parse_iso_date};

/// Fills in what the format readers leave to the shared extractors.
pub(crate) fn enrich(article: &mut Article, path: &str) {
    if article.published.is_none()
        && let Some(date) = date_in_path(path)
    {
        article.warnings.push(format!(
            "publication date {date} taken from the file's path"
        ));
        article.published = Some(date);
    }
    // Weekdays and "yesterday" are resolved against a publication date only
    // when it is known to the day.
    let published_day = article.published.as_deref().and_then(parse_iso_date);
    article.dates = crate::extract_dates(&article.text, published_day);
    merge_entities(
        &mut article.entities,
        crate::extract_entities(&article.text),
    );
    article.quotes = crate::extract_quotes(&article.text, &article.entities);
}

/// Adds extracted entities to those the file gave (Reuters' PLACES, PEOPLE
/// and ORGS), joining an extracted entity to a given one of the same kind
/// and name so that each entity is listed once.
fn merge_entities(given: &mut Vec<Entity>, extracted: Vec<Entity>) {
    // Each name's key is made once: the first entity of each kind and key.
    let mut first: HashMap<(EntityKind, String), usize> = HashMap::new();
    for (index, known) in given.iter().enumerate() {
        first
            .entry((known.kind, crate::entity_key(&known.name)))
            .or_insert(index);
    }
    for entity in extracted {
        let key = (entity.kind, crate::entity_key(&entity.name));
        let same = first.get(&key).map(|&index| &mut given[index]);
        match same {
            Some(known) => {
                for mention in entity.mentions {
                    if !known.mentions.contains(&mention) {
                        known.mentions.push(mention);
                    }
                }
                known.mentions.sort_unstable();
            }
            None => {
                first.insert(key, given.len());
                given.push(entity);
            }
        }
    }
}

/// A calendar date in a path, as news scrapers name files and folders:
/// `2016-10-12`, `2016_10_12`, `20161012` or `2016/10/12`, not inside a
/// longer run of digits. The last such date wins, since the file name is
/// more specific than its folders.
pub(crate) fn date_in_path(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut found = None;
    let mut at = 0;
    while at + 8 <= bytes.len() {
        if let Some((date, length)) = date_at(bytes, at) {
            found = Some(date);
            at += length;
        } else {
            at += 1;
        }
    }
    found
}

/// A date starting at `at`, with the number of bytes it takes.
fn date_at(bytes: &[u8], at: usize) -> Option<(String, usize)> {
    if at > 0 && bytes[at - 1].is_ascii_digit() {
        return None;
    }
    let digits = |from: usize, count: usize| -> Option<u32> {
        let slice = bytes.get(from..from + count)?;
        slice.iter().all(u8::is_ascii_digit).then(|| {
            slice
                .iter()
                .fold(0u32, |value, digit| value * 10 + u32::from(digit - b'0'))
        })
    };
    let year = digits(at, 4)?;
    let separator = *bytes.get(at + 4)?;
    let (month, day, length) = if matches!(separator, b'-' | b'_' | b'/' | b'.') {
        if bytes.get(at + 7) != Some(&separator) {
            return None;
        }
        (digits(at + 5, 2)?, digits(at + 8, 2)?, 10)
    } else {
        (digits(at + 4, 2)?, digits(at + 6, 2)?, 8)
    };
    if bytes.get(at + length).is_some_and(u8::is_ascii_digit) || !(1900..=2100).contains(&year) {
        return None;
    }
    let date = jiff::civil::Date::new(year as i16, month as i8, day as i8).ok()?;
    Some((date.to_string(), length))
}

#[cfg(test)]
mod tests {
    use super::{date_in_path, merge_entities};
    use crate::{Entity, EntityKind};

    fn entity(name: &str, kind: EntityKind, mentions: &[[usize; 2]]) -> Entity {
        Entity {
            name: name.to_owned(),
            kind,
            mentions: mentions.to_vec(),
        }
    }

    #[test]
    fn extracted_entities_join_given_ones_of_the_same_kind_and_name() {
        let mut given = vec![
            entity("canada", EntityKind::Place, &[]),
            entity("Ottawa", EntityKind::Place, &[[50, 56]]),
        ];
        merge_entities(
            &mut given,
            vec![
                entity("Canada", EntityKind::Place, &[[30, 36], [0, 6]]),
                entity("Canada", EntityKind::Organization, &[[70, 76]]),
                entity("Recep Tayyip Erdoğan", EntityKind::Person, &[[10, 30]]),
                entity("OTTAWA", EntityKind::Place, &[[50, 56], [90, 96]]),
                entity("Recep Tayyip Erdogan", EntityKind::Person, &[[80, 88]]),
            ],
        );
        let got: Vec<(&str, EntityKind, &[[usize; 2]])> = given
            .iter()
            .map(|e| (e.name.as_str(), e.kind, e.mentions.as_slice()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("canada", EntityKind::Place, &[[0, 6], [30, 36]][..]),
                ("Ottawa", EntityKind::Place, &[[50, 56], [90, 96]][..]),
                ("Canada", EntityKind::Organization, &[[70, 76]][..]),
                (
                    "Recep Tayyip Erdoğan",
                    EntityKind::Person,
                    &[[10, 30], [80, 88]][..]
                ),
            ]
        );
    }

    fn check(path: &str, expected: Option<&str>) {
        assert_eq!(date_in_path(path).as_deref(), expected, "{path}");
    }

    #[test]
    fn dates_in_scraper_file_names() {
        check(
            "news/breitbart_2016-09-12_stealth-over-health.txt",
            Some("2016-09-12"),
        );
        check("archive/2016_10_12/story.txt", Some("2016-10-12"));
        check("archive/20161012-story.html", Some("2016-10-12"));
        check("2016/10/12/story.txt", Some("2016-10-12"));
        check("2015-01-01/update-2016-02-29.txt", Some("2016-02-29"));
    }

    #[test]
    fn numbers_that_are_not_dates() {
        check("corpus/meantime/corpus_gm/143300.txt", None);
        check("seeds/000_3894bdc2c283492e.txt", None);
        check("ids/1234567890123.txt", None);
        check("2016-13-01.txt", None);
        check("2015-02-29.txt", None);
        check("3016-01-01.txt", None);
        check("2016-0101.txt", None);
        check("", None);
        check("é2016-01-01é", Some("2016-01-01"));
    }
}
