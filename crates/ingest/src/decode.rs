//! Bytes to text, whatever the encoding.
//!
//! News archives hold files written by many tools over many years: UTF-8
//! with and without a byte order mark, UTF-16 from Windows exports (often
//! without a byte order mark), legacy code pages such as windows-1252,
//! windows-1254 or windows-1255, and files that were mostly UTF-8 until one
//! editor pasted a Latin-1 pound sign into them. [`decode`] turns all of
//! these into text and says in [`Decoded::warnings`] what it had to guess
//! and what it could not keep.
//!
//! The checks run in this order, and the order matters:
//!
//! 1. A byte order mark decides the encoding outright.
//! 2. UTF-16 without a byte order mark is recognised from the pattern of its
//!    high bytes. This has to come before the UTF-8 check, because ASCII text
//!    in UTF-16 (`"H\0i\0"`) is also valid UTF-8, NUL bytes and all.
//! 3. Strictly valid UTF-8 is taken as it is.
//! 4. Anything else is decoded with a legacy encoding that `chardetng`
//!    detects. When the file is mostly valid UTF-8 with a few invalid bytes,
//!    only those bytes are decoded with the legacy encoding, so that a stray
//!    Latin-1 byte does not turn every other non-ASCII character into
//!    mojibake.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How many leading bytes the check for UTF-16 without a byte order mark
/// looks at. A few kilobytes are plenty to see the pattern of high bytes,
/// and looking at no more keeps the check cheap on large files.
const UTF16_SNIFF_LENGTH: usize = 4096;

/// The fewest UTF-16 code units a file must have before it is taken for
/// UTF-16 without a byte order mark; a single unit says too little to tell.
const UTF16_MINIMUM_UNITS: usize = 2;

/// The share (percent) of code units whose high byte is below 0x20 from which
/// a file looks like UTF-16. Such a high byte means a character between
/// U+0000 and U+1FFF: Latin, Greek, Cyrillic, Hebrew, Arabic, Indic scripts
/// and more. Real 8-bit or UTF-8 text almost never has control bytes at even
/// a tenth of its positions, so this threshold leaves a wide margin.
const UTF16_HIGH_BYTE_MINIMUM_PERCENT: usize = 60;

/// The share (percent) of code units whose low byte is below 0x20 above
/// which a file does not look like UTF-16: the low bytes of text vary, and
/// when both bytes of most units are small the data is binary (for example
/// little 32-bit integers), not text.
const UTF16_LOW_BYTE_MAXIMUM_PERCENT: usize = 40;

/// The share (percent) of control characters or invalid sequences that the
/// sniffed prefix may hold once decoded as UTF-16 and still count as text.
const UTF16_MAXIMUM_NOISE_PERCENT: usize = 5;

/// How many bytes the legacy encoding detector is fed at most. Detection
/// gets no better after the first megabyte, and this bounds its cost.
const DETECTION_PREFIX_LENGTH: usize = 1 << 20;

/// The fewest invalid bytes in a mostly UTF-8 file for which the detector's
/// guess is trusted; below it windows-1252 is assumed. One or two bytes are
/// not enough: the detector then reads "Erdoğan" in windows-1254 as
/// windows-1250, for example.
const MINIMUM_STRAY_BYTES_TO_DETECT: usize = 4;

/// The share (percent) of control characters from which decoded text is
/// reported as looking like binary data. Text has almost none; random bytes
/// have about twelve percent.
const BINARY_CONTROL_MINIMUM_PERCENT: usize = 5;

/// The share (percent) of control bytes other than NUL, among the bytes
/// that are not NUL, from which bytes that hold NULs are binary data rather
/// than text with NULs in it. File formats have many in their headers and
/// data (PNG's 0x1A, ZIP's 0x03 0x04, ELF's 0x7F 0x02, about one byte in
/// eight of compressed data); text padded or damaged with NULs has none.
const NUL_TEXT_MAXIMUM_CONTROL_PERCENT: usize = 1;

/// How the warning of [`decode`] about binary-looking text starts.
pub(crate) const LOOKS_BINARY: &str = "looks like binary data";

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, without a byte order mark.
    pub text: String,
    /// The WHATWG name of the encoding used ("UTF-8", "UTF-16LE",
    /// "windows-1254"). A file that is UTF-8 with a few runs of bytes decoded
    /// in a legacy encoding is named "UTF-8" unless those runs outnumber its
    /// valid non-ASCII characters.
    pub encoding: &'static str,
    /// Lossy steps and guesses: guessed encodings, bytes decoded in another
    /// encoding than the rest of the file, replacement characters, and input
    /// that looks like binary data. Empty for clean UTF-8 and for UTF-16 with
    /// a byte order mark.
    pub warnings: Vec<String>,
}

/// Decodes `bytes`: byte order mark first, then UTF-16 without a byte order
/// mark, then strict UTF-8, then detection among legacy encodings.
///
/// Never panics and never drops data: bytes that cannot be decoded become
/// U+FFFD, and binary-looking input is decoded all the same, with a warning,
/// so that the caller decides whether to skip it.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut decoded = decode_without_binary_check(bytes);
    if let Some(warning) = binary_data_warning(&decoded.text) {
        decoded.warnings.push(warning);
    }
    decoded
}

/// Runs the decoding steps in order; see the module documentation.
fn decode_without_binary_check(bytes: &[u8]) -> Decoded {
    if let Some((encoding, byte_order_mark_length)) = Encoding::for_bom(bytes) {
        let without_byte_order_mark = bytes.get(byte_order_mark_length..).unwrap_or_default();
        if encoding == UTF_8 {
            // A UTF-8 byte order mark does not make the rest valid UTF-8, so
            // the rest takes the same path as a file without one.
            return decode_utf8_or_legacy(without_byte_order_mark);
        }
        return decode_utf16(without_byte_order_mark, encoding, Vec::new());
    }
    if let Some(encoding) = sniff_utf16_without_byte_order_mark(bytes) {
        let guess_warning = format!(
            "no byte order mark; decoded as {} (detected from the pattern of high bytes)",
            encoding.name()
        );
        return decode_utf16(bytes, encoding, vec![guess_warning]);
    }
    decode_utf8_or_legacy(bytes)
}

/// Decodes UTF-16 in the given byte order, replacing lone surrogates and a
/// trailing odd byte with U+FFFD and saying how many there were.
fn decode_utf16(bytes: &[u8], encoding: &'static Encoding, mut warnings: Vec<String>) -> Decoded {
    let mut text = String::new();
    let replaced = decode_appending(encoding, bytes, &mut text);
    if replaced > 0 {
        warnings.push(format!(
            "invalid {}: {} replaced with U+FFFD (lone surrogates or a trailing odd byte)",
            encoding.name(),
            count_noun(replaced, "sequence", "sequences"),
        ));
    }
    Decoded {
        text,
        encoding: encoding.name(),
        warnings,
    }
}

/// Takes strictly valid UTF-8 as it is and hands anything else to legacy
/// decoding.
fn decode_utf8_or_legacy(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            warnings: Vec::new(),
        },
        Err(_) => decode_invalid_utf8(bytes),
    }
}

/// How much of a byte string is valid UTF-8 beyond ASCII, and how much is not
/// valid UTF-8 at all.
#[derive(Debug, Clone, Copy, Default)]
struct Utf8Evidence {
    /// Non-ASCII characters encoded as valid UTF-8 sequences.
    valid_non_ascii_characters: usize,
    /// Bytes that are not part of any valid UTF-8 sequence.
    invalid_bytes: usize,
    /// Runs of adjacent invalid bytes.
    invalid_runs: usize,
}

impl Utf8Evidence {
    /// Counts valid non-ASCII characters and invalid bytes in `bytes`.
    fn measure(bytes: &[u8]) -> Self {
        let mut evidence = Utf8Evidence::default();
        let mut inside_invalid_run = false;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            if !valid.is_empty() {
                inside_invalid_run = false;
                // Every non-ASCII character starts with exactly one byte of
                // 0xC0 or above, so counting those counts the characters.
                evidence.valid_non_ascii_characters +=
                    valid.bytes().filter(|&byte| byte >= 0xC0).count();
            }
            let invalid = chunk.invalid();
            if !invalid.is_empty() {
                evidence.invalid_bytes += invalid.len();
                if !inside_invalid_run {
                    evidence.invalid_runs += 1;
                }
                inside_invalid_run = true;
            }
        }
        evidence
    }
}

/// Decodes bytes that are not valid UTF-8.
///
/// Decision rule: when no valid multi-byte UTF-8 sequence is present, the
/// file is taken to be in one legacy encoding and decoded as a whole with
/// the encoding chosen by [`choose_legacy_encoding`]. (ASCII reads the same
/// in UTF-8 and in every such encoding, so a UTF-8 file that is ASCII apart
/// from a stray Latin-1 byte comes out the same either way.) When valid
/// multi-byte UTF-8 sequences are present, the file is taken to be UTF-8 with
/// invalid runs pasted in from elsewhere: the valid runs are decoded as UTF-8
/// and only the invalid bytes with the chosen legacy encoding.
fn decode_invalid_utf8(bytes: &[u8]) -> Decoded {
    let evidence = Utf8Evidence::measure(bytes);
    let is_mixed = evidence.valid_non_ascii_characters > 0;
    let legacy = choose_legacy_encoding(bytes, is_mixed);
    let mut warnings = Vec::new();
    let mut text = String::with_capacity(bytes.len());
    let encoding;
    let replaced;
    if is_mixed {
        replaced = decode_utf8_with_legacy_runs(bytes, legacy.encoding, &mut text);
        // The file is named after the encoding that decoded most of its
        // non-ASCII text. Runs are compared rather than bytes because a run
        // is usually one thing: a pasted character or a broken sequence.
        encoding = if evidence.invalid_runs > evidence.valid_non_ascii_characters {
            legacy.encoding
        } else {
            UTF_8
        };
        warnings.push(format!(
            "mixed encodings: UTF-8 with {} in {} not valid UTF-8; those bytes decoded as {} ({})",
            count_noun(evidence.invalid_bytes, "byte", "bytes"),
            count_noun(evidence.invalid_runs, "run", "runs"),
            legacy.encoding.name(),
            legacy.reason,
        ));
    } else {
        replaced = decode_appending(legacy.encoding, bytes, &mut text);
        encoding = legacy.encoding;
        warnings.push(format!(
            "not valid UTF-8 ({} invalid as UTF-8); decoded as {} ({})",
            count_noun(evidence.invalid_bytes, "byte", "bytes"),
            legacy.encoding.name(),
            legacy.reason,
        ));
    }
    if replaced > 0 {
        warnings.push(format!(
            "{} could not be decoded as {} and became U+FFFD",
            count_noun(replaced, "byte sequence", "byte sequences"),
            legacy.encoding.name()
        ));
    }
    Decoded {
        text,
        encoding: encoding.name(),
        warnings,
    }
}

/// Appends `bytes` to `output`, valid UTF-8 runs as they are and invalid
/// runs decoded with `run_encoding`; returns how many U+FFFD were inserted.
fn decode_utf8_with_legacy_runs(
    bytes: &[u8],
    run_encoding: &'static Encoding,
    output: &mut String,
) -> usize {
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        output.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            replaced += decode_appending(run_encoding, chunk.invalid(), output);
        }
    }
    replaced
}

/// A legacy encoding and why it was chosen, for the warning.
#[derive(Debug, Clone)]
struct LegacyChoice {
    encoding: &'static Encoding,
    reason: String,
}

/// Chooses the legacy encoding for bytes that are not valid UTF-8.
///
/// `chardetng` guesses from the letters around the non-ASCII bytes, so its
/// guess is overruled in favour of windows-1252, the usual encoding of stray
/// bytes in Western news text, in three cases (and, defensively, when the
/// guess is not an ASCII-compatible legacy encoding at all):
///
/// - every non-ASCII byte is a symbol in windows-1252 (a '£' at 0xA3, a '€',
///   curly quotes): there are no letters to judge, and the detector would
///   otherwise read the '£' of "£15m" as the 'Ł' of windows-1250;
/// - for the invalid runs of a mostly UTF-8 file, fewer than
///   [`MINIMUM_STRAY_BYTES_TO_DETECT`] bytes give the detector too little
///   to go on, and broken UTF-8 fragments then read as the familiar "â€";
/// - for those runs, a multi-byte guess cannot be decoded a run at a time.
///
/// When the bytes hold valid multi-byte UTF-8 sequences, those are replaced
/// with spaces before detection: they would read as noise in any legacy
/// encoding, while the invalid bytes and their ASCII surroundings are what
/// the detector should judge.
fn choose_legacy_encoding(bytes: &[u8], is_mixed: bool) -> LegacyChoice {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let filtered;
    let detector_input: &[u8] = if is_mixed {
        filtered = without_valid_utf8_beyond_ascii(bytes, DETECTION_PREFIX_LENGTH);
        &filtered
    } else {
        bytes.get(..DETECTION_PREFIX_LENGTH).unwrap_or(bytes)
    };
    // The detector is told that the stream ended only when it has seen all
    // of it. An input of exactly the prefix length counts as cut short,
    // which merely spares its last bytes a check for a truncated sequence.
    let input_is_complete = detector_input.len() < DETECTION_PREFIX_LENGTH;
    detector.feed(detector_input, input_is_complete);
    // The bytes are known not to be valid UTF-8, so UTF-8 is not a useful
    // answer; denying it makes the detector fall back to windows-1252 when
    // the fed prefix happens to be valid UTF-8.
    let guessed = detector.guess(None, Utf8Detection::Deny);
    let stray_bytes = detector_input
        .iter()
        .filter(|byte| !byte.is_ascii())
        .count();
    let overruled_because = if guessed == WINDOWS_1252 {
        None
    } else if guessed == UTF_8 || !guessed.is_ascii_compatible() {
        Some(format!(
            "assumed, as the detector's guess {} cannot decode legacy bytes",
            guessed.name()
        ))
    } else if is_mixed && stray_bytes < MINIMUM_STRAY_BYTES_TO_DETECT {
        Some(format!(
            "assumed, as too few bytes to detect reliably; the detector guessed {}",
            guessed.name()
        ))
    } else if is_mixed && !guessed.is_single_byte() {
        Some(format!(
            "assumed, as the detected {} cannot be decoded a run at a time",
            guessed.name()
        ))
    } else if !has_windows_1252_letter(detector_input) {
        Some(format!(
            "assumed, as every non-ASCII byte is a symbol in windows-1252; the detector guessed {}",
            guessed.name()
        ))
    } else {
        None
    };
    match overruled_because {
        None => LegacyChoice {
            encoding: guessed,
            reason: "detected".to_owned(),
        },
        Some(reason) => LegacyChoice {
            encoding: WINDOWS_1252,
            reason,
        },
    }
}

/// `bytes` with every valid non-ASCII UTF-8 character replaced by a space,
/// cut off once `maximum_length` bytes are collected.
fn without_valid_utf8_beyond_ascii(bytes: &[u8], maximum_length: usize) -> Vec<u8> {
    let mut filtered = Vec::with_capacity(bytes.len().min(maximum_length));
    for chunk in bytes.utf8_chunks() {
        for character in chunk.valid().chars() {
            filtered.push(if character.is_ascii() {
                character as u8
            } else {
                b' '
            });
        }
        filtered.extend_from_slice(chunk.invalid());
        if filtered.len() >= maximum_length {
            filtered.truncate(maximum_length);
            break;
        }
    }
    filtered
}

/// Whether any non-ASCII byte of `bytes` is a letter in windows-1252.
fn has_windows_1252_letter(bytes: &[u8]) -> bool {
    bytes.iter().filter(|byte| !byte.is_ascii()).any(|&byte| {
        let (character, _) = WINDOWS_1252.decode_without_bom_handling(std::slice::from_ref(&byte));
        character.chars().any(char::is_alphabetic)
    })
}

/// Recognises UTF-16 without a byte order mark.
///
/// Decision rule, on the first few kilobytes: in text of a script between
/// U+0000 and U+1FFF (Latin, Greek, Cyrillic, Hebrew, Arabic, Indic scripts
/// and others), the high byte of nearly every code unit is below 0x20 (it is
/// 0 for ASCII and Latin-1, 4 for Cyrillic, 5 for Hebrew), while the low byte
/// varies. So the file is UTF-16 when at least 60% of the bytes on one side
/// of each pair are below 0x20 and at most 40% on the other side, and the
/// prefix then decodes to text with at most 5% control characters or
/// invalid sequences. Real UTF-8 and 8-bit text has hardly any bytes below
/// 0x20 besides line breaks, so it cannot match; binary data with small
/// numbers in it fails either the low-byte limit or the control-character
/// limit. UTF-16 text in scripts above U+1FFF (Chinese, Japanese, Korean)
/// is not recognised without a byte order mark.
fn sniff_utf16_without_byte_order_mark(bytes: &[u8]) -> Option<&'static Encoding> {
    let sniffed_length = bytes.len().min(UTF16_SNIFF_LENGTH) & !1;
    let sniffed = bytes.get(..sniffed_length)?;
    let units = sniffed.len() / 2;
    if units < UTF16_MINIMUM_UNITS {
        return None;
    }
    let mut small_even_bytes = 0;
    let mut small_odd_bytes = 0;
    for pair in sniffed.chunks_exact(2) {
        if let [even, odd] = pair {
            small_even_bytes += usize::from(*even < 0x20);
            small_odd_bytes += usize::from(*odd < 0x20);
        }
    }
    let is_high_byte_side =
        |small_bytes: usize| small_bytes * 100 >= units * UTF16_HIGH_BYTE_MINIMUM_PERCENT;
    let is_low_byte_side =
        |small_bytes: usize| small_bytes * 100 <= units * UTF16_LOW_BYTE_MAXIMUM_PERCENT;
    let encoding = if is_high_byte_side(small_odd_bytes) && is_low_byte_side(small_even_bytes) {
        UTF_16LE
    } else if is_high_byte_side(small_even_bytes) && is_low_byte_side(small_odd_bytes) {
        UTF_16BE
    } else {
        return None;
    };
    let mut sniffed_text = String::with_capacity(sniffed.len() * 2);
    let invalid_sequences = decode_appending(encoding, sniffed, &mut sniffed_text);
    let control_characters = sniffed_text
        .chars()
        .filter(|&character| is_binary_control(character))
        .count();
    let noise = invalid_sequences + control_characters;
    if noise * 100 > units * UTF16_MAXIMUM_NOISE_PERCENT {
        return None;
    }
    Some(encoding)
}

/// Appends `bytes` decoded with `encoding` (no byte order mark handling) to
/// `output` and returns how many malformed sequences became U+FFFD.
///
/// `encoding_rs` replaces malformed sequences silently in its convenience
/// methods; decoding without replacement is the way to count them.
fn decode_appending(encoding: &'static Encoding, bytes: &[u8], output: &mut String) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut remaining = bytes;
    let mut replaced = 0;
    let mut extra_capacity = 0;
    loop {
        let needed = decoder
            .max_utf8_buffer_length_without_replacement(remaining.len())
            .unwrap_or_else(|| remaining.len().saturating_mul(3));
        output.reserve(needed.saturating_add(extra_capacity));
        let (result, read) = decoder.decode_to_string_without_replacement(remaining, output, true);
        remaining = remaining.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => return replaced,
            DecoderResult::Malformed(_, _) => {
                output.push('\u{FFFD}');
                replaced += 1;
            }
            // The reservation above is an upper bound, so this should not
            // happen; growing the reservation each time guarantees progress
            // if it ever does.
            DecoderResult::OutputFull => extra_capacity = extra_capacity.saturating_mul(2).max(16),
        }
    }
}

/// Whether `character` is a control character that text does not contain:
/// C0 and C1 controls and DEL, except tab, line feed, form feed and carriage
/// return, which plain text files do use.
fn is_binary_control(character: char) -> bool {
    character.is_control() && !matches!(character, '\t' | '\n' | '\u{000C}' | '\r')
}

/// A warning when `text` has so many control characters that the input was
/// probably not text at all.
fn binary_data_warning(text: &str) -> Option<String> {
    if !has_binary_control(text) {
        return None;
    }
    let mut characters = 0usize;
    let mut control_characters = 0usize;
    for character in text.chars() {
        characters += 1;
        control_characters += usize::from(is_binary_control(character));
    }
    if control_characters == 0
        || control_characters * 100 < characters * BINARY_CONTROL_MINIMUM_PERCENT
    {
        return None;
    }
    let percent = control_characters * 100 / characters;
    Some(format!("{LOOKS_BINARY}: {percent}% control bytes"))
}

/// Whether `text` holds a character [`is_binary_control`] says is one,
/// found from its bytes: most texts have none, and decoding every
/// character to find that out was a fifth of reading a file. A C0 control
/// or DEL is one byte in UTF-8, a C1 control is 0xC2 then 0x80 to 0x9F.
fn has_binary_control(text: &str) -> bool {
    /// The bytes that are, or may start, such a character.
    static SUSPECT: [bool; 256] = {
        let mut suspect = [false; 256];
        let mut byte = 0;
        while byte < 0x20 {
            suspect[byte] = !matches!(byte as u8, b'\t' | b'\n' | 0x0C | b'\r');
            byte += 1;
        }
        suspect[0x7F] = true;
        suspect[0xC2] = true;
        suspect
    };
    let mut rest = text.as_bytes();
    while let Some(at) = rest.iter().position(|&byte| SUSPECT[usize::from(byte)]) {
        let is_control = rest[at] != 0xC2
            || rest
                .get(at + 1)
                .is_some_and(|next| (0x80..0xA0).contains(next));
        if is_control {
            return true;
        }
        rest = rest.get(at + 1..).unwrap_or_default();
    }
    false
}

/// Whether `sample`, the start of a file that holds NUL bytes and is not
/// UTF-16, is binary data rather than text with NULs in it: it is when
/// nothing but NULs is there, or when more than
/// [`NUL_TEXT_MAXIMUM_CONTROL_PERCENT`] of the other bytes are control
/// bytes. A tar archive (text files behind ASCII headers) is binary too.
pub(crate) fn is_binary_with_nuls(sample: &[u8]) -> bool {
    const TAR_MAGIC_AT: usize = 257;
    if sample.get(TAR_MAGIC_AT..TAR_MAGIC_AT + 5) == Some(b"ustar") {
        return true;
    }
    let mut other_bytes = 0usize;
    let mut control_bytes = 0usize;
    for &byte in sample.iter().filter(|&&byte| byte != 0) {
        other_bytes += 1;
        // Bytes from 0x80 are letters and quotes in legacy encodings and
        // parts of characters in UTF-8, whatever they are in Latin-1.
        control_bytes += usize::from(byte.is_ascii() && is_binary_control(char::from(byte)));
    }
    other_bytes == 0 || control_bytes * 100 > other_bytes * NUL_TEXT_MAXIMUM_CONTROL_PERCENT
}

/// `count` followed by the singular or plural noun, as in "1 byte" or
/// "3 bytes".
fn count_noun(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn binary_controls_are_found_from_bytes_as_from_characters(
            text in "[a-z \t\n\r\u{0}-\u{1f}\u{7f}\u{80}-\u{a3}é£\u{2028}😀]{0,40}",
        ) {
            proptest::prop_assert_eq!(
                has_binary_control(&text),
                text.chars().any(is_binary_control)
            );
        }
    }

    /// Encodes `text` as UTF-16 code units in the given byte order, without a
    /// byte order mark.
    fn utf16_bytes(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| {
                if little_endian {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                }
            })
            .collect()
    }

    /// A deterministic stream of pseudo-random bytes (xorshift), so that the
    /// no-panic tests need no extra dependency and always test the same data.
    fn pseudo_random_bytes(seed: u64, length: usize) -> Vec<u8> {
        let mut state = seed.max(1);
        (0..length)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect()
    }

    fn has_warning_containing(decoded: &Decoded, needle: &str) -> bool {
        decoded
            .warnings
            .iter()
            .any(|warning| warning.contains(needle))
    }

    #[test]
    fn empty_input_is_empty_utf8_without_warnings() {
        let decoded = decode(b"");
        assert_eq!(
            decoded,
            Decoded {
                text: String::new(),
                encoding: "UTF-8",
                warnings: Vec::new()
            }
        );
    }

    #[test]
    fn single_ascii_byte_is_utf8() {
        let decoded = decode(b"A");
        assert_eq!((decoded.text.as_str(), decoded.encoding), ("A", "UTF-8"));
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn single_invalid_byte_is_decoded_as_a_legacy_character() {
        let decoded = decode(&[0xA3]);
        assert_eq!(decoded.text.chars().count(), 1);
        assert!(
            has_warning_containing(&decoded, "not valid UTF-8"),
            "{:?}",
            decoded.warnings
        );
    }

    #[test]
    fn byte_order_mark_alone_gives_empty_text() {
        for bytes in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
            let decoded = decode(bytes);
            assert_eq!(decoded.text, "", "{bytes:?}");
            assert!(
                decoded.warnings.is_empty(),
                "{bytes:?}: {:?}",
                decoded.warnings
            );
        }
    }

    #[test]
    fn all_nul_input_is_not_utf16_and_looks_binary() {
        let decoded = decode(&[0; 64]);
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.text.len(), 64);
        assert!(has_warning_containing(
            &decoded,
            "looks like binary data: 100% control bytes"
        ));
    }

    #[test]
    fn utf16_without_byte_order_mark_in_latin_script_is_detected() {
        let text = "Storm closes Zürich airport for a day";
        for (little_endian, expected_encoding) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let decoded = decode(&utf16_bytes(text, little_endian));
            assert_eq!(
                (decoded.text.as_str(), decoded.encoding),
                (text, expected_encoding)
            );
            assert!(has_warning_containing(&decoded, "no byte order mark"));
        }
    }

    #[test]
    fn utf16_without_byte_order_mark_in_non_latin_scripts_is_detected() {
        let texts = [
            "Парламент принял бюджет на следующий год после долгих споров.",
            "הנשיא הרצוג נפגש היום עם שרת החוץ בירושלים.",
            "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ακρίβεια.",
            "संसद ने बुधवार को नया बजट पारित किया।",
        ];
        for text in texts {
            for (little_endian, expected_encoding) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
                let decoded = decode(&utf16_bytes(text, little_endian));
                assert_eq!(
                    (decoded.text.as_str(), decoded.encoding),
                    (text, expected_encoding)
                );
            }
        }
    }

    #[test]
    fn text_that_is_not_utf16_is_not_taken_for_it() {
        let russian_utf8 = "Парламент принял бюджет на следующий год."
            .as_bytes()
            .to_vec();
        let (russian_windows_1251, _, _) =
            encoding_rs::WINDOWS_1251.encode("Парламент принял бюджет на следующий год.");
        let little_32_bit_integers: Vec<u8> = (0u32..64).flat_map(u32::to_le_bytes).collect();
        let little_16_bit_integers: Vec<u8> = (0u16..64).flat_map(u16::to_le_bytes).collect();
        for bytes in [
            b"Plain ASCII news text.\n".to_vec(),
            russian_utf8,
            russian_windows_1251.into_owned(),
            little_32_bit_integers,
            little_16_bit_integers,
        ] {
            let decoded = decode(&bytes);
            assert!(
                !decoded.encoding.starts_with("UTF-16"),
                "{bytes:?} taken for {}",
                decoded.encoding
            );
        }
    }

    #[test]
    fn odd_length_utf16_replaces_the_trailing_byte() {
        let mut bytes = b"\xFF\xFE".to_vec();
        bytes.extend(utf16_bytes("Budget vote", true));
        bytes.push(b'X');
        let decoded = decode(&bytes);
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("Budget vote\u{FFFD}", "UTF-16LE")
        );
        assert!(
            has_warning_containing(&decoded, "1 sequence replaced with U+FFFD"),
            "{:?}",
            decoded.warnings
        );

        let mut without_byte_order_mark = utf16_bytes("Budget vote", false);
        without_byte_order_mark.push(b'X');
        let decoded = decode(&without_byte_order_mark);
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("Budget vote\u{FFFD}", "UTF-16BE")
        );
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_with_a_warning() {
        let mut bytes = b"\xFF\xFE".to_vec();
        bytes.extend(utf16_bytes("Lone ", true));
        bytes.extend(0xD800u16.to_le_bytes());
        bytes.extend(utf16_bytes(" high and ", true));
        bytes.extend(0xDC00u16.to_le_bytes());
        bytes.extend(utf16_bytes(" low", true));
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "Lone \u{FFFD} high and \u{FFFD} low");
        assert!(
            has_warning_containing(&decoded, "2 sequences replaced with U+FFFD"),
            "{:?}",
            decoded.warnings
        );
    }

    #[test]
    fn stray_latin1_byte_in_ascii_is_decoded_as_windows_1252() {
        let decoded =
            decode(b"The club paid \xA320m for the striker on Friday, its chairman said.");
        assert_eq!(
            decoded.text,
            "The club paid £20m for the striker on Friday, its chairman said."
        );
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(
            has_warning_containing(&decoded, "1 byte invalid as UTF-8"),
            "{:?}",
            decoded.warnings
        );
    }

    #[test]
    fn stray_latin1_bytes_in_utf8_are_decoded_per_run() {
        let mut bytes = "Müller’s side paid ".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xA340m to Z\xFCrich.");
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "Müller’s side paid £40m to Zürich.");
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(
            has_warning_containing(&decoded, "UTF-8 with 2 bytes in 2 runs not valid UTF-8"),
            "{:?}",
            decoded.warnings
        );
    }

    #[test]
    fn pasted_turkish_run_in_utf8_is_detected_as_windows_1254() {
        let mut bytes = "Müller’s report, quoted in full: ".as_bytes().to_vec();
        let (turkish, _, _) = encoding_rs::WINDOWS_1254.encode(
            "Cumhurbaşkanı Erdoğan'ın açıklaması bugün İstanbul'da bekleniyor, dedi Şükrü.",
        );
        bytes.extend_from_slice(&turkish);
        let decoded = decode(&bytes);
        assert_eq!(
            decoded.text,
            "Müller’s report, quoted in full: Cumhurbaşkanı Erdoğan'ın açıklaması bugün İstanbul'da bekleniyor, dedi Şükrü."
        );
        assert_eq!(decoded.encoding, "windows-1254");
        assert!(
            has_warning_containing(&decoded, "those bytes decoded as windows-1254 (detected)"),
            "{:?}",
            decoded.warnings
        );
    }

    #[test]
    fn utf8_byte_order_mark_before_invalid_bytes_still_gets_legacy_decoding() {
        let decoded = decode(b"\xEF\xBB\xBFPrices rose to \xA35 a pint.");
        assert_eq!(decoded.text, "Prices rose to £5 a pint.");
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn truncated_utf8_sequence_is_kept_as_legacy_characters() {
        // A sequence cut short by a careless split reads as its bytes in
        // windows-1252 rather than vanishing.
        let decoded = decode(b"Caf\xC3\xA9 closes \xE2\x80 early");
        assert_eq!(decoded.text, "Café closes â€ early");
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn decode_appending_counts_unmapped_and_malformed_bytes() {
        // 0xFF is not mapped in windows-1255. The detector never picks an
        // encoding that leaves bytes unmapped, so the count is tested on the
        // helper that every path goes through.
        let mut text = String::new();
        assert_eq!(
            decode_appending(
                encoding_rs::WINDOWS_1255,
                b"\xE4\xF8\xF6\xE5\xE2\xFF",
                &mut text
            ),
            1
        );
        assert_eq!(text, "הרצוג\u{FFFD}");
        let mut text = String::from("kept: ");
        assert_eq!(
            decode_appending(encoding_rs::SHIFT_JIS, b"\x82\xA0\x82", &mut text),
            1
        );
        assert_eq!(text, "kept: あ\u{FFFD}");
    }

    #[test]
    fn symbols_alone_are_not_enough_to_leave_windows_1252() {
        let decoded = decode(b"Tickets cost \xA335 or \x8040, \x93organisers\x94 said.");
        assert_eq!(decoded.text, "Tickets cost £35 or €40, “organisers” said.");
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn pseudo_random_bytes_decode_without_panicking() {
        for seed in 1..200u64 {
            let length = (seed as usize * 37) % 5000;
            let decoded = decode(&pseudo_random_bytes(seed, length));
            assert!(decoded.text.chars().count() <= length);
        }
    }

    #[test]
    fn random_bytes_look_binary() {
        let decoded = decode(&pseudo_random_bytes(42, 4096));
        assert!(
            has_warning_containing(&decoded, "looks like binary data"),
            "{:?}",
            decoded.warnings
        );
    }

    #[test]
    fn file_headers_with_nuls_are_binary_and_text_with_nuls_is_not() {
        let mut headers: Vec<Vec<u8>> = vec![
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec(),
            b"PK\x03\x04\x14\0\0\0\x08\0".to_vec(),
            b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec(),
            vec![0; 64],
            pseudo_random_bytes(7, 4096),
        ];
        let mut tar = b"story.txt".to_vec();
        tar.resize(257, 0);
        tar.extend_from_slice(b"ustar\x0000");
        tar.resize(512, 0);
        tar.extend_from_slice(b"Plain text in the archive.");
        headers.push(tar);
        for header in &headers {
            assert!(is_binary_with_nuls(header), "{header:?}");
        }
        let padded = [&b"A story that ends in padding."[..], &[0; 100]].concat();
        let riddled =
            b"Nul\0bytes \0all\0 through \x93caf\xe9\x94 text, caf\xc3\xa9\r\n".repeat(20);
        for text in [padded, riddled] {
            assert!(!is_binary_with_nuls(&text), "{text:?}");
        }
    }

    #[test]
    fn clean_utf8_with_a_few_control_characters_does_not_look_binary() {
        let decoded = decode(
            "Page one\u{000C}\nPage two with a bell \u{7} in it, and more words after it."
                .as_bytes(),
        );
        assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    }
}
