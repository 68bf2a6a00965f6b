//! Boilerplate removal for pages scraped to text.

/// Lines that recur in many files of one run.
#[derive(Debug, Clone, Default)]
pub struct RepeatedLines {}

/// Collects line counts over the files of a run.
#[derive(Debug, Clone, Default)]
pub struct RepeatedLinesBuilder {}
