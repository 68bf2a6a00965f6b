//! Terminal and JSON output helpers: the only place that knows about colors.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::flags::ColorChoice;

/// Whether stdout gets ANSI colors.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Styles for human-readable output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Styles with or without ANSI colors.
    pub fn new(color: bool) -> Style {
        Style { color }
    }

    /// A title line.
    pub fn title(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Secondary information: outlet, date, path.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// `text` with the byte ranges in `highlights` marked: bold red on a
    /// terminal, `**between stars**` otherwise, so the match shows in a pipe too.
    pub fn highlight(&self, text: &str, highlights: &[[usize; 2]]) -> String {
        let mut out = String::with_capacity(text.len() + highlights.len() * 12);
        let mut at = 0;
        for &[start, end] in highlights {
            let (Some(before), Some(matched)) = (text.get(at..start), text.get(start..end)) else {
                continue;
            };
            out.push_str(before);
            if self.color {
                out.push_str("\x1b[1;31m");
                out.push_str(matched);
                out.push_str("\x1b[0m");
            } else {
                out.push_str("**");
                out.push_str(matched);
                out.push_str("**");
            }
            at = end;
        }
        out.push_str(text.get(at..).unwrap_or_default());
        out
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// The last JSON Lines record of a listing (`search`, `quotes`): what was
/// asked, how much matched and how much was printed.
pub fn json_summary(
    out: &mut impl Write,
    query: &str,
    total: usize,
    returned: usize,
    started: std::time::Instant,
) -> anyhow::Result<()> {
    #[derive(Serialize)]
    struct JsonSummary<'a> {
        #[serde(rename = "type")]
        kind: &'static str,
        query: &'a str,
        total: usize,
        returned: usize,
        elapsed_ms: u128,
    }
    json_line(
        out,
        &JsonSummary {
            kind: "summary",
            query,
            total,
            returned,
            elapsed_ms: started.elapsed().as_millis(),
        },
    )
}

/// Writes one JSON Lines record.
pub fn json_line(out: &mut impl Write, value: &impl Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// A closed pipe downstream (`newsdex search x | head`) is not an error.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|json| json.io_error_kind())
                .is_some_and(|kind| kind == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_ranges_without_color() {
        let style = Style::new(false);
        assert_eq!(
            style.highlight("recalled its ambassador", &[[13, 23]]),
            "recalled its **ambassador**"
        );
    }

    #[test]
    fn highlight_skips_ranges_off_char_boundaries() {
        let style = Style::new(false);
        assert_eq!(style.highlight("Erdoğan", &[[4, 5]]), "Erdoğan");
    }
}
