//! Boilerplate removal for pages scraped to text.

/// Lines that recur in many files of one run.
#[derive(Debug, Clone, Default)]
pub struct RepeatedLines {}

/// Collects line counts over the files of a run.
#[derive(Debug, Clone, Default)]
pub struct RepeatedLinesBuilder {}

impl RepeatedLinesBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        RepeatedLinesBuilder {}
    }

    /// Counts the lines of one file's normalised text.
    pub fn add_text(&mut self, normalized_text: &str) {
        let _ = normalized_text;
    }

    /// The lines seen in enough files to count as boilerplate.
    pub fn build(self) -> RepeatedLines {
        RepeatedLines {}
    }
}
