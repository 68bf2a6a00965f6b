//! Decoding of the fixtures in `tests/fixtures/encodings/`, one test per
//! fixture, and of one real corpus file with a stray Latin-1 byte.
//!
//! The fixtures are written by `tests/fixtures/encodings/make_fixtures.py`;
//! run it again after changing a sentence there.

use std::path::{Path, PathBuf};

use newsdex_ingest::{Decoded, decode};

/// What a fixture's warnings must say.
#[derive(Debug, Clone, Copy)]
enum ExpectedWarnings {
    /// No warnings at all: clean UTF-8, or UTF-16 with a byte order mark.
    None,
    /// At least one warning contains each of these strings.
    Containing(&'static [&'static str]),
}

/// Reads `tests/fixtures/encodings/{fixture_name}`.
fn read_fixture(fixture_name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/encodings")
        .join(fixture_name);
    match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => panic!(
            "cannot read fixture {}: {error}; run make_fixtures.py",
            path.display()
        ),
    }
}

/// Decodes a fixture and checks its encoding, text and warnings.
#[track_caller]
fn check(
    fixture_name: &str,
    expected_encoding: &str,
    must_contain: &[&str],
    expected_warnings: ExpectedWarnings,
) -> Decoded {
    let decoded = decode(&read_fixture(fixture_name));
    assert_eq!(
        decoded.encoding, expected_encoding,
        "{fixture_name}: warnings {:?}",
        decoded.warnings
    );
    for needle in must_contain {
        assert!(
            decoded.text.contains(needle),
            "{fixture_name}: {needle:?} missing from {:?}",
            decoded.text
        );
    }
    assert!(
        !decoded.text.starts_with('\u{FEFF}'),
        "{fixture_name}: byte order mark kept"
    );
    match expected_warnings {
        ExpectedWarnings::None => {
            assert!(
                decoded.warnings.is_empty(),
                "{fixture_name}: unexpected warnings {:?}",
                decoded.warnings
            );
            assert!(
                !decoded.text.contains('\u{FFFD}'),
                "{fixture_name}: replacement character without warning"
            );
        }
        ExpectedWarnings::Containing(needles) => {
            for needle in needles {
                assert!(
                    decoded
                        .warnings
                        .iter()
                        .any(|warning| warning.contains(needle)),
                    "{fixture_name}: no warning contains {needle:?}: {:?}",
                    decoded.warnings
                );
            }
        }
    }
    decoded
}

#[test]
fn utf8() {
    check(
        "utf8.txt",
        "UTF-8",
        &["«Nous sommes prêts»", "l’ouverture"],
        ExpectedWarnings::None,
    );
}

#[test]
fn utf8_with_byte_order_mark() {
    let decoded = check(
        "utf8-bom.txt",
        "UTF-8",
        &["«Nous sommes prêts»"],
        ExpectedWarnings::None,
    );
    assert!(decoded.text.starts_with("Le sommet de Paris"));
}

#[test]
fn utf16le_with_byte_order_mark() {
    let decoded = check(
        "utf16le-bom.txt",
        "UTF-16LE",
        &["Zürich airport", "airport’s operator"],
        ExpectedWarnings::None,
    );
    assert!(decoded.text.starts_with("Storm closes"));
}

#[test]
fn utf16be_with_byte_order_mark() {
    let decoded = check(
        "utf16be-bom.txt",
        "UTF-16BE",
        &["Zürich airport", "ZURICH – Flights"],
        ExpectedWarnings::None,
    );
    assert!(decoded.text.starts_with("Storm closes"));
}

#[test]
fn utf16le_without_byte_order_mark() {
    check(
        "utf16le-no-bom.txt",
        "UTF-16LE",
        &["Storm closes Zürich airport", "120 km/h"],
        ExpectedWarnings::Containing(&["no byte order mark; decoded as UTF-16LE"]),
    );
}

#[test]
fn utf16be_without_byte_order_mark() {
    check(
        "utf16be-no-bom.txt",
        "UTF-16BE",
        &["Storm closes Zürich airport", "120 km/h"],
        ExpectedWarnings::Containing(&["no byte order mark; decoded as UTF-16BE"]),
    );
}

#[test]
fn utf16le_without_byte_order_mark_in_cyrillic() {
    check(
        "utf16le-no-bom-cyrillic.txt",
        "UTF-16LE",
        &["Парламент принял бюджет", "МОСКВА"],
        ExpectedWarnings::Containing(&["no byte order mark"]),
    );
}

#[test]
fn utf16be_without_byte_order_mark_in_hebrew() {
    check(
        "utf16be-no-bom-hebrew.txt",
        "UTF-16BE",
        &["הנשיא הרצוג", "בתל אביב"],
        ExpectedWarnings::Containing(&["no byte order mark"]),
    );
}

#[test]
fn utf16le_with_a_lone_surrogate() {
    let decoded = check(
        "utf16le-lone-surrogate.txt",
        "UTF-16LE",
        &["Corrupt export: \u{FFFD} ends here."],
        ExpectedWarnings::Containing(&["1 sequence replaced with U+FFFD"]),
    );
    assert_eq!(decoded.text.matches('\u{FFFD}').count(), 1);
}

#[test]
fn windows_1252() {
    check(
        "windows-1252.txt",
        "windows-1252",
        &[
            "“We kept the old counter and the tiles,”",
            "Renée",
            "£40,000",
            "£3.20",
            "‘It’s worth it,’",
            "7–2",
        ],
        ExpectedWarnings::Containing(&["not valid UTF-8", "decoded as windows-1252 (detected)"]),
    );
}

#[test]
fn windows_1254() {
    check(
        "windows-1254.txt",
        "windows-1254",
        &[
            "Erdoğan yeni ekonomi paketini açıkladı",
            "Cumhurbaşkanı",
            "İstanbul ve İzmir",
            "işletmelere",
        ],
        ExpectedWarnings::Containing(&["decoded as windows-1254 (detected)"]),
    );
}

/// ISO-8859-9 has no name of its own in the WHATWG Encoding Standard, which
/// `encoding_rs` follows: its label means windows-1254, a superset that
/// differs only in bytes 0x80 to 0x9F, which ISO-8859-9 text does not use.
#[test]
fn iso_8859_9_decodes_as_windows_1254() {
    check(
        "iso-8859-9.txt",
        "windows-1254",
        &[
            "balıkçılar sezonu erken kapattı",
            "Şükrü Yılmaz",
            "ısınmasının",
        ],
        ExpectedWarnings::Containing(&["decoded as windows-1254 (detected)"]),
    );
}

#[test]
fn windows_1255() {
    check(
        "windows-1255.txt",
        "windows-1255",
        &["הנשיא הרצוג נפגש עם שגריר טורקיה", "יצחק הרצוג", "בתל אביב"],
        ExpectedWarnings::Containing(&["decoded as windows-1255 (detected)"]),
    );
}

#[test]
fn stray_latin1_byte_in_ascii() {
    let decoded = check(
        "stray-latin1-in-ascii.txt",
        "windows-1252",
        &["it had paid £12m for the striker"],
        ExpectedWarnings::Containing(&[
            "not valid UTF-8 (1 byte invalid as UTF-8); decoded as windows-1252",
        ]),
    );
    assert!(!decoded.text.contains('\u{FFFD}'));
}

#[test]
fn stray_latin1_byte_in_utf8() {
    let decoded = check(
        "stray-latin1-in-utf8.txt",
        "UTF-8",
        &[
            "Striker’s transfer",
            "Nîmes club",
            "confirmed at £12m on Friday",
            "club’s chairman",
        ],
        ExpectedWarnings::Containing(&[
            "UTF-8 with 1 byte in 1 run not valid UTF-8; those bytes decoded as windows-1252",
        ]),
    );
    assert!(!decoded.text.contains('\u{FFFD}'));
}

/// The folder of the shared corpora: `NEWSDEX_CORPORA` when set, otherwise
/// `shared/corpora` beside the workspace.
fn corpora_folder() -> PathBuf {
    match std::env::var_os("NEWSDEX_CORPORA") {
        Some(folder) => PathBuf::from(folder),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpora"
        )),
    }
}

/// A real BBC sport article that is ASCII apart from one windows-1252 pound
/// sign (byte 0xA3). Its text is not copied here; only the decoding of that
/// byte is checked.
#[test]
#[ignore = "needs ../shared/corpora"]
fn real_file_with_a_stray_pound_sign() {
    let path = corpora_folder().join("bbc/sport/199.txt");
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => panic!(
            "the shared corpora folder is missing: cannot read {} ({error}); \
             put the corpora in ../shared/corpora beside the workspace or point NEWSDEX_CORPORA at them",
            path.display()
        ),
    };
    let stray_bytes = bytes.iter().filter(|&&byte| byte == 0xA3).count();
    assert!(
        stray_bytes > 0,
        "{} no longer holds a 0xA3 byte",
        path.display()
    );
    let decoded = decode(&bytes);
    assert_eq!(
        decoded.text.matches('£').count(),
        stray_bytes,
        "warnings: {:?}",
        decoded.warnings
    );
    assert!(!decoded.text.contains('\u{FFFD}'));
    assert!(
        decoded
            .warnings
            .iter()
            .any(|warning| warning.contains("not valid UTF-8") && warning.contains("windows-1252")),
        "no warning says how the stray byte was decoded: {:?}",
        decoded.warnings
    );
}
