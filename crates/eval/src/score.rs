//! Span and value scoring of predicted dates against gold TIMEX3s.
//!
//! Rules (also in `docs/dates.md`):
//!
//! * Gold and predictions are paired one to one, in text order; a pair
//!   needs overlapping spans (relaxed). A strict match has the same start
//!   and end as well.
//! * Value F1 counts a pair as a true positive only when the values are
//!   equal after [`normalize_value`]; value accuracy is the share of relaxed
//!   pairs whose values are equal.
//! * Each prediction is scored against one type: a prediction that overlaps
//!   a gold DURATION or SET is ignored (neither right nor wrong, since the
//!   extractor does not look for durations and sets, but their words often
//!   look like dates: "the past year"); one that overlaps a gold TIME (and
//!   no gold DATE) is scored as a TIME; every other prediction is scored as
//!   a DATE, so a prediction over no gold at all is a DATE false positive.
//! * A gold value with a time of day (`2000-04-06T04:00`, `2000-01-05TEV`,
//!   under type TIME or DATE) is matched by its date part (`2000-04-06`):
//!   the extractor works at day precision and finds "Wednesday night" as
//!   that Wednesday.

use std::collections::HashMap;

/// A span with a value, gold or predicted, in byte offsets of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// TIMEX3 value.
    pub value: String,
}

impl Span {
    fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Counts accumulated over documents for one TIMEX3 type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold expressions.
    pub gold: usize,
    /// Predictions scored against this type.
    pub predicted: usize,
    /// Pairs with exactly the same span.
    pub strict: usize,
    /// Pairs with overlapping spans.
    pub relaxed: usize,
    /// Overlapping pairs with equal values.
    pub value: usize,
}

/// Precision, recall and F1 of `tp` true positives.
pub fn prf(tp: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let p = ratio(tp, predicted);
    let r = ratio(tp, gold);
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl Counts {
    /// Strict span precision, recall, F1.
    pub fn strict_prf(&self) -> (f64, f64, f64) {
        prf(self.strict, self.predicted, self.gold)
    }

    /// Relaxed (overlap) span precision, recall, F1.
    pub fn relaxed_prf(&self) -> (f64, f64, f64) {
        prf(self.relaxed, self.predicted, self.gold)
    }

    /// Value precision, recall, F1 (overlap and equal value).
    pub fn value_prf(&self) -> (f64, f64, f64) {
        prf(self.value, self.predicted, self.gold)
    }

    /// Share of relaxed pairs whose values are equal.
    pub fn value_accuracy(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            self.value as f64 / self.relaxed as f64
        }
    }
}

/// Error strings, counted, to show what to work on.
#[derive(Debug, Clone, Default)]
pub struct Errors {
    /// Gold expressions no prediction overlaps: "text".
    pub missed: HashMap<String, usize>,
    /// Predictions that overlap no gold: "text".
    pub spurious: HashMap<String, usize>,
    /// Pairs with different values: "text: gold => predicted".
    pub wrong_value: HashMap<String, usize>,
}

/// The `n` most frequent entries, most frequent first, ties by text.
pub fn top(counts: &HashMap<String, usize>, n: usize) -> Vec<(&str, usize)> {
    let mut entries: Vec<(&str, usize)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    entries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    entries.truncate(n);
    entries
}

/// Makes equivalent TIMEX3 values equal: week numbers get two digits
/// (`2000-W7` is `2000-W07`), and a decade or century written without the
/// `X` (`199`, TIMEX3 style) equals the one written with it (`199X`).
pub fn normalize_value(value: &str) -> String {
    let value = value.trim();
    if value.len() == 3 && value.bytes().all(|b| b.is_ascii_digit()) {
        return format!("{value}X");
    }
    if let Some((year, week)) = value.split_once("-W")
        && week.len() == 1
        && week.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("{year}-W0{week}");
    }
    value.to_owned()
}

fn values_equal(gold: &str, predicted: &str) -> bool {
    let gold = normalize_value(gold);
    let predicted = normalize_value(predicted);
    gold == predicted || (gold.len() > 10 && gold.as_bytes()[10] == b'T' && gold[..10] == predicted)
}

/// Scores one document's predictions of one type against its gold spans,
/// adding to `counts` and `errors`. `text` is the document text, for error
/// strings. Both lists must be sorted by start.
pub fn score_document(
    text: &str,
    gold: &[Span],
    predicted: &[Span],
    counts: &mut Counts,
    errors: &mut Errors,
) {
    counts.gold += gold.len();
    counts.predicted += predicted.len();
    let snippet = |s: &Span| {
        text.get(s.start..s.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut used = vec![false; predicted.len()];
    for g in gold {
        // Prefer an exact match, then the first overlapping prediction.
        let pick = predicted
            .iter()
            .enumerate()
            .find(|(j, p)| !used[*j] && p.start == g.start && p.end == g.end)
            .or_else(|| {
                predicted
                    .iter()
                    .enumerate()
                    .find(|(j, p)| !used[*j] && p.overlaps(g))
            })
            .map(|(j, _)| j);
        let Some(j) = pick else {
            *errors.missed.entry(snippet(g)).or_default() += 1;
            continue;
        };
        used[j] = true;
        let p = &predicted[j];
        counts.relaxed += 1;
        if p.start == g.start && p.end == g.end {
            counts.strict += 1;
        }
        if values_equal(&g.value, &p.value) {
            counts.value += 1;
        } else {
            let key = format!("{}: {} => {}", snippet(g), g.value, p.value);
            *errors.wrong_value.entry(key).or_default() += 1;
        }
    }
    for (p, used) in predicted.iter().zip(used) {
        if !used {
            *errors.spurious.entry(snippet(p)).or_default() += 1;
        }
    }
}

/// Splits predictions by the gold type they are scored against: (DATE,
/// TIME); predictions overlapping any other gold type are dropped. See the
/// module documentation.
pub fn assign_predictions(
    predicted: &[Span],
    gold_dates: &[Span],
    gold_times: &[Span],
    gold_other: &[Span],
) -> (Vec<Span>, Vec<Span>) {
    let mut dates = Vec::new();
    let mut times = Vec::new();
    for p in predicted {
        let hits = |golds: &[Span]| golds.iter().any(|g| g.overlaps(p));
        if hits(gold_dates) {
            dates.push(p.clone());
        } else if hits(gold_other) {
            continue;
        } else if hits(gold_times) {
            times.push(p.clone());
        } else {
            dates.push(p.clone());
        }
    }
    (dates, times)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, value: &str) -> Span {
        Span {
            start,
            end,
            value: value.to_owned(),
        }
    }

    #[test]
    fn strict_relaxed_and_value_counts() {
        let text = "on Friday and the third quarter and 1990 and now";
        let gold = [
            span(3, 9, "1998-08-07"),
            span(14, 31, "1989-Q3"),
            span(36, 40, "1990"),
        ];
        let predicted = [
            span(3, 9, "1998-08-07"),    // strict, right value
            span(18, 31, "1989-Q4"),     // relaxed only, wrong value
            span(45, 48, "PRESENT_REF"), // spurious
        ];
        let mut counts = Counts::default();
        let mut errors = Errors::default();
        score_document(text, &gold, &predicted, &mut counts, &mut errors);
        assert_eq!(
            counts,
            Counts {
                gold: 3,
                predicted: 3,
                strict: 1,
                relaxed: 2,
                value: 1
            }
        );
        assert_eq!(errors.missed.get("1990"), Some(&1));
        assert_eq!(errors.spurious.get("now"), Some(&1));
        assert_eq!(
            errors
                .wrong_value
                .get("the third quarter: 1989-Q3 => 1989-Q4"),
            Some(&1)
        );
        let (p, r, f) = counts.relaxed_prf();
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
        assert!((counts.value_accuracy() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn one_prediction_pairs_with_one_gold() {
        let gold = [span(0, 3, "a"), span(4, 7, "b")];
        let predicted = [span(0, 7, "a")];
        let mut counts = Counts::default();
        let mut errors = Errors::default();
        score_document("abc def", &gold, &predicted, &mut counts, &mut errors);
        assert_eq!((counts.relaxed, counts.strict, counts.value), (1, 0, 1));
        assert_eq!(errors.missed.get("def"), Some(&1));
    }

    #[test]
    fn values_are_normalised() {
        assert_eq!(normalize_value("199"), "199X");
        assert_eq!(normalize_value("2000-W7"), "2000-W07");
        assert_eq!(normalize_value("2000-W07"), "2000-W07");
        assert!(values_equal("2000-04-06T04:00", "2000-04-06"));
        assert!(values_equal("2000-01-05TEV", "2000-01-05"));
        assert!(!values_equal("2000-01-05TEV", "2000-01-06"));
        assert!(values_equal("199", "199X"));
    }

    #[test]
    fn predictions_are_assigned_to_one_type() {
        let dates = [span(0, 5, "d")];
        let times = [span(10, 15, "t")];
        let other = [span(20, 25, "P1Y")];
        let predicted = [
            span(0, 5, "x"),
            span(11, 14, "x"),
            span(21, 30, "x"),
            span(40, 45, "x"),
        ];
        let (d, t) = assign_predictions(&predicted, &dates, &times, &other);
        assert_eq!(d.iter().map(|s| s.start).collect::<Vec<_>>(), [0, 40]);
        assert_eq!(t.iter().map(|s| s.start).collect::<Vec<_>>(), [11]);
    }

    #[test]
    fn prf_handles_zero() {
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0));
        let (p, r, f) = prf(1, 2, 4);
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.25).abs() < 1e-9);
        assert!((f - 1.0 / 3.0).abs() < 1e-9);
    }
}
