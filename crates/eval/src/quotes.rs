//! `newsdex-eval quotes`: scores direct-quote extraction and speaker
//! attribution against PolNeAR's gold attributions.
//!
//! PolNeAR (`text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`, brat
//! standoff with offsets in Unicode characters) annotates every
//! attribution, direct or not, as Source, Cue and Content spans. The
//! direct quotes are the attributions whose Content holds a double
//! quotation mark. Some texts were annotated by several annotators; the
//! annotation file whose annotator id sorts first is used, so the gold is
//! the same on every run.
//!
//! Each text is read as a file, decoded as UTF-8, and given as it is to
//! `extract_quotes`, with the entities `extract_entities` finds in it.
//! Scores:
//!
//! - detection: a predicted quote is right when it overlaps the Content of
//!   a gold direct quote (precision); a gold direct quote is found when a
//!   predicted quote overlaps it (recall);
//! - speaker accuracy, on the predicted quotes that are right and whose
//!   gold attribution has a Source: the speaker mention overlaps the Source;
//! - name match, on those whose gold Source is a name ("Donald Trump",
//!   "Sen. Ted Cruz"): the resolved speaker is that person (the last word
//!   of the Source is a word of the speaker's name).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use newsdex_ingest::{Quote, SpeakerResolution, entity_key, extract_entities, extract_quotes};

/// Command-line arguments of `newsdex-eval quotes`.
#[derive(Debug, clap::Args)]
pub struct QuotesArgs {
    /// A PolNeAR split: a folder with `text/` and `attributions/`.
    #[arg(long, default_value = "../shared/corpora/polnear/dev")]
    corpus: PathBuf,
    /// How many examples of each kind of error to print with `--verbose`.
    #[arg(long, default_value_t = 25)]
    top: usize,
    /// Also print examples of missed, spurious and misattributed quotes.
    #[arg(long)]
    verbose: bool,
    /// Give `extract_quotes` no entities, to measure what they add.
    #[arg(long)]
    without_entities: bool,
}

/// Runs the evaluation and prints the report.
pub fn run(args: &QuotesArgs) -> Result<()> {
    let entities = if args.without_entities {
        Entities::None
    } else {
        Entities::Extracted
    };
    let report = evaluate(&args.corpus, entities)?;
    print!("{}", report.render(&args.corpus));
    if args.verbose {
        print!("{}", report.render_errors(args.top));
    }
    Ok(())
}

/// A byte range of the text.
type Span = [usize; 2];

/// One gold attribution, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GoldAttribution {
    /// The Content, possibly in several pieces.
    content: Vec<Span>,
    /// The Source, when the attribution has one.
    source: Vec<Span>,
}

/// A text-bound annotation of a brat file: its type and character spans.
#[derive(Debug, Clone)]
struct TextBound {
    kind: String,
    spans: Vec<[usize; 2]>,
}

/// Reads the attributions of a brat `.ann` file, in character offsets.
///
/// Text-bound lines (`T3\tContent 115 290;300 310\t…`) give spans; event
/// lines (`E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1`) tie a Content
/// to its Source. Other lines (notes, relations) are skipped.
fn parse_brat(ann: &str) -> Result<Vec<GoldAttribution>, String> {
    let mut bounds: BTreeMap<&str, TextBound> = BTreeMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for (number, line) in ann.lines().enumerate() {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or("");
        let body = fields.next().unwrap_or("");
        // The text column may hold line breaks: a line that does not start
        // with an id goes on the previous annotation's text.
        let is_id = |prefix: char| {
            id.strip_prefix(prefix)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if is_id('T') {
            let (kind, offsets) = body
                .split_once(' ')
                .ok_or_else(|| format!("line {}: no offsets in {line:?}", number + 1))?;
            let mut spans = Vec::new();
            for piece in offsets.split(';') {
                let (start, end) = piece
                    .trim()
                    .split_once(' ')
                    .ok_or_else(|| format!("line {}: bad span {piece:?}", number + 1))?;
                let parse = |n: &str| {
                    n.parse::<usize>()
                        .map_err(|e| format!("line {}: bad offset {n:?}: {e}", number + 1))
                };
                spans.push([parse(start)?, parse(end)?]);
            }
            bounds.insert(
                id,
                TextBound {
                    kind: kind.to_owned(),
                    spans,
                },
            );
        } else if is_id('E') {
            events.push(
                body.split_whitespace()
                    .filter_map(|arg| arg.split_once(':'))
                    .collect(),
            );
        }
    }
    let spans_of = |role: &str, args: &[(&str, &str)]| -> Vec<[usize; 2]> {
        args.iter()
            .filter(|(r, _)| *r == role)
            .filter_map(|(_, id)| bounds.get(id))
            .flat_map(|bound| bound.spans.iter().copied())
            .collect()
    };
    let mut attributions = Vec::new();
    for args in &events {
        let is_attribution = args
            .first()
            .is_some_and(|(kind, _)| kind.starts_with("Attribution"));
        let content = spans_of("Content", args);
        if !is_attribution || content.is_empty() {
            continue;
        }
        attributions.push(GoldAttribution {
            content,
            source: spans_of("Source", args),
        });
    }
    // Contents that no event ties to a source still are attributions.
    let linked: Vec<[usize; 2]> = attributions
        .iter()
        .flat_map(|a| a.content.iter().copied())
        .collect();
    for bound in bounds.values() {
        if bound.kind == "Content" && !bound.spans.iter().any(|s| linked.contains(s)) {
            attributions.push(GoldAttribution {
                content: bound.spans.clone(),
                source: Vec::new(),
            });
        }
    }
    Ok(attributions)
}

/// Byte offsets of each character offset of `text` (and of its end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    offsets.push(text.len());
    offsets
}

/// Converts character spans to byte spans; `None` when one is out of range.
fn to_bytes(spans: &[[usize; 2]], offsets: &[usize]) -> Option<Vec<Span>> {
    spans
        .iter()
        .map(|&[start, end]| Some([*offsets.get(start)?, *offsets.get(end)?]))
        .collect()
}

fn overlaps(a: Span, b: Span) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

fn overlaps_any(a: Span, spans: &[Span]) -> bool {
    spans.iter().any(|&b| overlaps(a, b))
}

/// Whether a Content holds a double quotation mark: a direct quote.
fn is_direct(text: &str, content: &[Span]) -> bool {
    content
        .iter()
        .any(|&[start, end]| text[start..end].contains(['“', '”', '"', '„', '«', '»']))
}

/// Whether a gold Source is a name: capitalised words only, not "The …"
/// or a pronoun ("Donald Trump", "Sen. Ted Cruz", "Clinton").
fn source_name(text: &str, source: &[Span]) -> Option<String> {
    let words: Vec<&str> = source
        .iter()
        .flat_map(|&[start, end]| text[start..end].split_whitespace())
        .collect();
    let first = words.first()?;
    let is_name = words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !matches!(
            *first,
            "The" | "A" | "An" | "He" | "She" | "It" | "They" | "We" | "I" | "His" | "Her"
        );
    is_name.then(|| words.join(" "))
}

/// Whether the resolved speaker is the person a gold name names: the last
/// word of the name, without a possessive, is a word of the speaker.
fn same_person(gold_name: &str, speaker: &str) -> bool {
    let gold = entity_key(gold_name);
    let Some(last) = gold
        .split(' ')
        .rev()
        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
        .find(|w| w.chars().any(char::is_alphabetic))
    else {
        return false;
    };
    entity_key(speaker).split(' ').any(|w| w == last)
}

/// Scores of a corpus.
#[derive(Debug, Default, Clone, PartialEq)]
struct Report {
    documents: usize,
    gold: usize,
    predicted: usize,
    /// Predicted quotes that overlap a gold direct quote.
    correct: usize,
    /// Gold direct quotes some predicted quote overlaps.
    found: usize,
    /// Correct predictions whose gold attribution has a Source.
    with_source: usize,
    /// … and whose speaker mention overlaps it.
    speaker_right: usize,
    /// Correct predictions whose gold attribution has no Source.
    without_source: usize,
    /// Correct predictions whose gold Source is a name.
    named_source: usize,
    /// … and whose speaker is that person.
    name_right: usize,
    /// Speaker accuracy by how the speaker was found: (right, all).
    by_resolution: BTreeMap<String, (usize, usize)>,
    errors: Vec<ErrorExample>,
}

/// One error, for `--verbose`.
#[derive(Debug, Clone, PartialEq)]
struct ErrorExample {
    kind: &'static str,
    document: String,
    detail: String,
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Report {
    fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.with_source)
    }

    fn name_match(&self) -> f64 {
        ratio(self.name_right, self.named_source)
    }

    fn render(&self, corpus: &Path) -> String {
        let mut out = format!(
            "corpus {}: {} documents, {} gold direct quotes, {} predicted\n\n",
            corpus.display(),
            self.documents,
            self.gold,
            self.predicted
        );
        let _ = writeln!(
            out,
            "direct quotes (span overlap)  P {:.3}  R {:.3}  F1 {:.3}  ({} of {} predicted right, {} of {} gold found)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.correct,
            self.predicted,
            self.found,
            self.gold
        );
        let _ = writeln!(
            out,
            "speaker accuracy              {:.3}  ({} of {} found quotes with a gold source; {} more have none)",
            self.speaker_accuracy(),
            self.speaker_right,
            self.with_source,
            self.without_source
        );
        let _ = writeln!(
            out,
            "speaker is the named person   {:.3}  ({} of {} found quotes whose gold source is a name)",
            self.name_match(),
            self.name_right,
            self.named_source
        );
        out.push_str("speaker accuracy by resolution:\n");
        for (resolution, (right, all)) in &self.by_resolution {
            let _ = writeln!(
                out,
                "  {resolution:<13} {:.3}  ({right} of {all})",
                ratio(*right, *all)
            );
        }
        out
    }

    fn render_errors(&self, top: usize) -> String {
        let mut out = String::new();
        for kind in ["missed", "spurious", "wrong speaker"] {
            let examples: Vec<&ErrorExample> =
                self.errors.iter().filter(|e| e.kind == kind).collect();
            let _ = writeln!(
                out,
                "\n{kind} ({} in all, first {}):",
                examples.len(),
                top.min(examples.len())
            );
            for example in examples.iter().take(top) {
                let _ = writeln!(out, "  {}: {}", example.document, example.detail);
            }
        }
        out
    }
}

/// A short, one-line excerpt of `text[span]`.
fn excerpt(text: &str, span: Span) -> String {
    let words: Vec<&str> = text[span[0]..span[1]].split_whitespace().collect();
    let mut line = words.iter().take(12).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 12 {
        line.push_str(" …");
    }
    line
}

fn resolution_name(quote: &Quote) -> String {
    match quote.resolution {
        None => "none".to_owned(),
        Some(resolution) => match resolution {
            SpeakerResolution::Named => "named",
            SpeakerResolution::Role => "role",
            SpeakerResolution::Pronoun => "pronoun",
            SpeakerResolution::Continuation => "continuation",
            SpeakerResolution::Context => "context",
            SpeakerResolution::Unresolved => "unresolved",
            _ => "other",
        }
        .to_owned(),
    }
}

/// Scores the quotes predicted in one text against its gold attributions.
fn score_document(
    name: &str,
    text: &str,
    gold: &[GoldAttribution],
    predicted: &[Quote],
    report: &mut Report,
) {
    let direct: Vec<&GoldAttribution> = gold
        .iter()
        .filter(|g| is_direct(text, &g.content))
        .collect();
    report.documents += 1;
    report.gold += direct.len();
    report.predicted += predicted.len();
    for gold in &direct {
        let hit = predicted
            .iter()
            .any(|q| overlaps_any([q.start, q.end], &gold.content));
        if hit {
            report.found += 1;
        } else {
            let span = [
                gold.content[0][0],
                gold.content[gold.content.len() - 1][1].max(gold.content[0][1]),
            ];
            report.errors.push(ErrorExample {
                kind: "missed",
                document: name.to_owned(),
                detail: excerpt(text, span),
            });
        }
    }
    for quote in predicted {
        let span = [quote.start, quote.end];
        // The gold quote it overlaps most.
        let matched = direct
            .iter()
            .filter(|g| overlaps_any(span, &g.content))
            .max_by_key(|g| {
                g.content
                    .iter()
                    .map(|c| c[1].min(span[1]).saturating_sub(c[0].max(span[0])))
                    .sum::<usize>()
            });
        let Some(gold) = matched else {
            report.errors.push(ErrorExample {
                kind: "spurious",
                document: name.to_owned(),
                detail: excerpt(text, span),
            });
            continue;
        };
        report.correct += 1;
        if gold.source.is_empty() {
            report.without_source += 1;
            continue;
        }
        report.with_source += 1;
        let right = quote
            .speaker_mention
            .is_some_and(|mention| overlaps_any(mention, &gold.source));
        let entry = report
            .by_resolution
            .entry(resolution_name(quote))
            .or_default();
        entry.1 += 1;
        if right {
            report.speaker_right += 1;
            entry.0 += 1;
        } else {
            let said = quote
                .speaker_mention
                .map(|m| excerpt(text, m))
                .unwrap_or_else(|| "-".to_owned());
            let gold_source: Vec<String> = gold.source.iter().map(|&s| excerpt(text, s)).collect();
            report.errors.push(ErrorExample {
                kind: "wrong speaker",
                document: name.to_owned(),
                detail: format!(
                    "gold {:?}, got {:?} = {:?} ({}) for “{}”",
                    gold_source.join(" "),
                    said,
                    quote.speaker.as_deref().unwrap_or("-"),
                    resolution_name(quote),
                    excerpt(text, span)
                ),
            });
        }
        if let Some(gold_name) = source_name(text, &gold.source) {
            report.named_source += 1;
            if quote
                .speaker
                .as_deref()
                .is_some_and(|speaker| same_person(&gold_name, speaker))
            {
                report.name_right += 1;
            }
        }
    }
}

/// The texts of a PolNeAR split, each with the annotation file used.
fn documents(corpus: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let texts = corpus.join("text");
    let annotations = corpus.join("attributions");
    if !texts.is_dir() || !annotations.is_dir() {
        bail!(
            "PolNeAR corpus not found at {}: the quote evaluation reads text/ and \
             attributions/ of a PolNeAR split from ../shared/corpora (run from the \
             repository root, or pass --corpus DIR)",
            corpus.display()
        );
    }
    let mut ann_files: Vec<PathBuf> = std::fs::read_dir(&annotations)
        .with_context(|| format!("reading {}", annotations.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "ann"))
        .collect();
    ann_files.sort();
    let mut documents = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for ann in ann_files {
        // NAME_ANNOTATOR.ann: the annotator id is after the last underscore.
        let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Some((name, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        if !seen.insert(name.to_owned()) {
            continue;
        }
        let text = texts.join(format!("{name}.txt"));
        if text.is_file() {
            documents.push((text, ann));
        }
    }
    if documents.is_empty() {
        bail!("no annotated texts under {}", corpus.display());
    }
    Ok(documents)
}

/// Which entities the quotes are resolved with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entities {
    /// Those `extract_entities` finds in the text.
    Extracted,
    /// None at all.
    None,
}

fn evaluate(corpus: &Path, entities: Entities) -> Result<Report> {
    let mut report = Report::default();
    for (text_path, ann_path) in documents(corpus)? {
        let bytes = std::fs::read(&text_path)
            .with_context(|| format!("reading {}", text_path.display()))?;
        let text = String::from_utf8(bytes)
            .with_context(|| format!("{} is not UTF-8", text_path.display()))?;
        let ann = std::fs::read_to_string(&ann_path)
            .with_context(|| format!("reading {}", ann_path.display()))?;
        let attributions =
            parse_brat(&ann).map_err(|e| anyhow::anyhow!("{}: {e}", ann_path.display()))?;
        let offsets = char_to_byte(&text);
        let gold: Vec<GoldAttribution> = attributions
            .into_iter()
            .filter_map(|a| {
                Some(GoldAttribution {
                    content: to_bytes(&a.content, &offsets)?,
                    source: to_bytes(&a.source, &offsets)?,
                })
            })
            .collect();
        let entities = match entities {
            Entities::Extracted => extract_entities(&text),
            Entities::None => Vec::new(),
        };
        let predicted = extract_quotes(&text, &entities);
        let name = text_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        score_document(&name, &text, &gold, &predicted, &mut report);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Written for these tests, in the shape of a PolNeAR annotation.
    const TEXT: &str = "Señor Gómez spoke. “We will win,” Gómez said. Officials said taxes rose.";
    const ANN: &str = "T1\tContent 19 33\t“We will win,”\n\
                       T2\tSource 34 39\tGómez\n\
                       T3\tCue 40 44\tsaid\n\
                       T4\tAttribution 40 44\tsaid\n\
                       E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n\
                       T5\tSource 46 55\tOfficials\n\
                       T6\tCue 56 60\tsaid\n\
                       T7\tContent 61 71;71 72\ttaxes rose.\n\
                       E2\tAttribution:T6 Content:T7 Source:T5\n\
                       #1\tAnnotatorNotes T1\tnote\n\
                       The text of a note\tgoing on\n";

    fn gold() -> Vec<GoldAttribution> {
        let offsets = char_to_byte(TEXT);
        parse_brat(ANN)
            .unwrap()
            .into_iter()
            .map(|a| GoldAttribution {
                content: to_bytes(&a.content, &offsets).unwrap(),
                source: to_bytes(&a.source, &offsets).unwrap(),
            })
            .collect()
    }

    #[test]
    fn parses_brat_and_converts_character_offsets() {
        let gold = gold();
        assert_eq!(gold.len(), 2);
        // Character offsets count "ñ" and "ó" as one, bytes as two.
        let [start, end] = gold[0].content[0];
        assert_eq!(&TEXT[start..end], "“We will win,”");
        let [start, end] = gold[0].source[0];
        assert_eq!(&TEXT[start..end], "Gómez");
        assert_eq!(gold[1].content.len(), 2);
        assert!(is_direct(TEXT, &gold[0].content));
        assert!(!is_direct(TEXT, &gold[1].content));
    }

    #[test]
    fn bad_brat_is_an_error_not_a_panic() {
        assert!(parse_brat("T1\tContent x y\t…").is_err());
        assert!(parse_brat("T1\tContent").is_err());
        assert_eq!(parse_brat("").unwrap(), []);
        // An event pointing at nothing is skipped.
        assert_eq!(parse_brat("E1\tAttribution:T9 Content:T8").unwrap(), []);
        // Offsets beyond the text do not convert.
        assert_eq!(to_bytes(&[[0, 500]], &char_to_byte("short")), None);
    }

    fn quote(start: usize, end: usize, mention: Option<Span>, speaker: Option<&str>) -> Quote {
        Quote {
            text: TEXT[start..end].to_owned(),
            start,
            end,
            speaker: speaker.map(str::to_owned),
            speaker_mention: mention,
            resolution: Some(SpeakerResolution::Named),
            ..Quote::default()
        }
    }

    #[test]
    fn scores_detection_and_speakers() {
        let gold = gold();
        let open = TEXT.find('“').unwrap() + '“'.len_utf8();
        let close = TEXT.find('”').unwrap();
        let source = gold[0].source[0];
        let spurious = TEXT.find("spoke").unwrap();
        let mut report = Report::default();
        score_document(
            "doc",
            TEXT,
            &gold,
            &[
                quote(open, close, Some(source), Some("Juan Gómez")),
                quote(spurious, spurious + 5, None, None),
            ],
            &mut report,
        );
        assert_eq!(
            (report.gold, report.predicted, report.correct, report.found),
            (1, 2, 1, 1)
        );
        assert_eq!(report.precision(), 0.5);
        assert_eq!(report.recall(), 1.0);
        assert!((report.f1() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(report.speaker_accuracy(), 1.0);
        assert_eq!((report.named_source, report.name_right), (1, 1));
        assert_eq!(report.errors.len(), 1);
        assert_eq!(report.errors[0].kind, "spurious");

        // The wrong mention, and a speaker who is someone else.
        let mut report = Report::default();
        let elsewhere = [0, 5];
        score_document(
            "doc",
            TEXT,
            &gold,
            &[quote(open, close, Some(elsewhere), Some("Ana Pérez"))],
            &mut report,
        );
        assert_eq!(report.speaker_accuracy(), 0.0);
        assert_eq!(report.name_match(), 0.0);
        assert!(report.render(Path::new("x")).contains("F1 1.000"));
        assert!(report.render_errors(5).contains("wrong speaker (1 in all"));

        // Nothing predicted.
        let mut report = Report::default();
        score_document("doc", TEXT, &gold, &[], &mut report);
        assert_eq!(
            (report.recall(), report.precision(), report.f1()),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn names_and_people() {
        assert!(same_person("Donald Trump", "Donald Trump"));
        assert!(same_person("Trump", "Donald J. Trump"));
        assert!(same_person("Sen. Ted Cruz", "Ted Cruz"));
        assert!(same_person("Clinton’s", "Hillary Clinton"));
        assert!(!same_person("Bill Clinton", "Donald Trump"));
        let text = "Donald Trump and the campaign and he";
        assert_eq!(
            source_name(text, &[[0, 12]]).as_deref(),
            Some("Donald Trump")
        );
        assert_eq!(source_name(text, &[[17, 29]]), None);
        assert_eq!(source_name(text, &[[34, 36]]), None);
    }

    #[test]
    fn missing_corpus_names_the_path() {
        let err = evaluate(Path::new("no/such/polnear"), Entities::None).unwrap_err();
        assert!(err.to_string().contains("no/such/polnear"), "{err}");
    }

    /// Needs `../shared/corpora/polnear/dev` beside the repository; run with
    /// `cargo test -p newsdex-eval -- --ignored`. Guards the scores measured
    /// when the extractor was tuned (see docs/quotes.md), less 0.02.
    #[test]
    #[ignore = "needs ../shared/corpora"]
    fn polnear_dev_scores_do_not_regress() {
        let corpus =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/polnear/dev");
        let report = evaluate(&corpus, Entities::Extracted).unwrap_or_else(|e| panic!("{e:#}"));
        let text = report.render(&corpus);
        // Measured: F1 0.963, speaker accuracy 0.887, name match 0.909.
        assert!(report.f1() >= 0.943, "{text}");
        assert!(report.speaker_accuracy() >= 0.867, "{text}");
        assert!(report.name_match() >= 0.889, "{text}");
    }
}
