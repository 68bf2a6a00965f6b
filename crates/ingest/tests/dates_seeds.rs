//! Date extraction on the two seed articles in `corpus/seeds`, read as raw
//! file text (boilerplate included), with the publication dates stated below.

use jiff::civil::{Date, date};
use newsdex_ingest::{DatePrecision, extract_dates};

fn seed(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/seeds")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read seed {}: {e}", path.display()))
}

/// (mention text, value) pairs, in order.
fn mentions(text: &str, published: Date) -> Vec<(String, String)> {
    extract_dates(text, Some(published))
        .into_iter()
        .map(|d| (text[d.start..d.end].to_owned(), d.value))
        .collect()
}

fn has(found: &[(String, String)], text: &str, value: &str) -> bool {
    found.iter().any(|(t, v)| t == text && v == value)
}

/// Seed 000: Herzog's visit to Ankara, Wednesday 2022-03-09, published the
/// next day, Thursday 2022-03-10.
#[test]
fn seed_000_herzog_in_ankara() {
    let text = seed("000_3894bdc2c283492e.txt");
    let found = mentions(&text, date(2022, 3, 10));
    // "Israel and Turkey on Wednesday vowed": past, so the Wednesday on or
    // before publication.
    assert!(has(&found, "Wednesday", "2022-03-09"), "{found:?}");
    // "On Thursday, Herzog is expected to travel": future, so the Thursday
    // on or after publication, which is the publication day itself (Herzog
    // went to Istanbul on 2022-03-10).
    assert!(has(&found, "Thursday", "2022-03-10"), "{found:?}");
    assert!(has(&found, "2010", "2010"), "{found:?}");
    assert!(has(&found, "2018", "2018"), "{found:?}");
    assert!(has(&found, "2019", "2019"), "{found:?}");
    // "the first visit by an Israeli leader in 14 years" is a duration.
    assert!(
        !found.iter().any(|(t, _)| t.contains("14")),
        "14 years is not a date: {found:?}"
    );
    let years: Vec<_> = extract_dates(&text, Some(date(2022, 3, 10)))
        .into_iter()
        .filter(|d| d.precision == Some(DatePrecision::Year))
        .map(|d| d.value)
        .collect();
    assert_eq!(years, ["2010", "2018", "2019"]);
}

/// Seed 003: Gantz's visit to Ankara, Thursday 2022-10-27, published that day.
#[test]
fn seed_003_gantz_in_ankara() {
    let text = seed("003_76b365919c3e08c6.txt");
    let found = mentions(&text, date(2022, 10, 27));
    assert!(has(&found, "Thursday", "2022-10-27"), "{found:?}");
    assert!(has(&found, "2023", "2023"), "{found:?}");
    // "Gantz's visit this week".
    assert!(has(&found, "this week", "2022-W43"), "{found:?}");
    // "two months after Ankara and Tel Aviv agreed" is not anchored on the
    // publication date, and "a decade-long rupture" is a duration.
    assert!(
        !found
            .iter()
            .any(|(t, _)| t.contains("months") || t.contains("decade")),
        "{found:?}"
    );
}

/// Without a publication date the relative expressions are left out: the
/// years remain, and the references ("soon", "recently") that need no anchor.
#[test]
fn seeds_without_publication_date() {
    let text = seed("000_3894bdc2c283492e.txt");
    let found: Vec<(String, String)> = extract_dates(&text, None)
        .into_iter()
        .map(|d| (text[d.start..d.end].to_owned(), d.value))
        .collect();
    let expected = [
        ("soon", "FUTURE_REF"),
        ("2010", "2010"),
        ("2018", "2018"),
        ("recently", "PAST_REF"),
        ("2019", "2019"),
    ]
    .map(|(t, v)| (t.to_owned(), v.to_owned()));
    assert_eq!(found, expected);
}
