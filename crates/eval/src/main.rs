//! `newsdex-eval`: scores newsdex extractors against gold-annotated corpora.
//!
//! `newsdex-eval dates [--corpus DIR]` runs the date extractor over every
//! TimeML (`.tml`) file under `DIR` (by default
//! `../shared/corpora/timeml/tbaq`, TimeBank + AQUAINT), with each
//! document's creation time as the publication date, and prints span and
//! value scores for DATE and TIME expressions; see `docs/dates.md`.
//!
//! `newsdex-eval generate --from DIR --mb N --out DIR` writes N MB of
//! realistic news files made from a real corpus, for benchmarks; see
//! `benches/README.md`.
#![deny(missing_docs)]

mod entities;
mod generate;
mod meantime;
mod quotes;
mod rng;
mod score;
mod timeml;
mod train_ner;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use score::{Counts, Errors, Span};

/// Scores newsdex extractors against gold-annotated corpora.
#[derive(Debug, Parser)]
#[command(name = "newsdex-eval", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Formats of gold-annotated corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GoldFormat {
    /// TimeML `.tml` files (TimeBank, AQUAINT, TempEval-3).
    Timeml,
    /// MEANTIME CAT `.xml` files (`intra-doc_annotation`).
    Meantime,
}

impl GoldFormat {
    fn extension(self) -> &'static str {
        match self {
            GoldFormat::Timeml => "tml",
            GoldFormat::Meantime => "xml",
        }
    }

    fn parse(self, xml: &str) -> Result<timeml::Document, String> {
        match self {
            GoldFormat::Timeml => timeml::parse(xml),
            GoldFormat::Meantime => meantime::parse(xml),
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scores date extraction against TimeML gold TIMEX3s (DATE and TIME).
    Dates {
        /// A folder of gold files, searched recursively.
        #[arg(long, default_value = "../shared/corpora/timeml/tbaq")]
        corpus: PathBuf,
        /// The format of the gold files.
        #[arg(long, value_enum, default_value_t = GoldFormat::Timeml)]
        format: GoldFormat,
        /// How many of the most frequent errors of each kind to print.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Also print every DATE error in its context (long).
        #[arg(long)]
        verbose: bool,
    },
    /// Scores entity extraction against CoNLL-2003 valid and MEANTIME.
    Entities(entities::EntitiesArgs),
    /// Trains the entity tagger on CoNLL-2003 and writes its model file.
    TrainEntities(train_ner::TrainArgs),
    /// Scores direct quotes and their speakers against PolNeAR attributions.
    Quotes(quotes::QuotesArgs),
    /// Writes N MB of realistic news files made from a real corpus, for benchmarks.
    Generate(generate::GenerateArgs),
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Dates {
            corpus,
            format,
            top,
            verbose,
        } => {
            let report = evaluate_corpus(&corpus, format, verbose)?;
            print!("{}", render_report(&corpus, &report, top));
            Ok(())
        }
        Command::Entities(args) => entities::run(&args),
        Command::TrainEntities(args) => train_ner::run(&args),
        Command::Quotes(args) => quotes::run(&args),
        Command::Generate(args) => generate::run(&args),
    }
}

/// Scores and errors of a whole corpus.
#[derive(Debug, Default)]
struct Report {
    documents: usize,
    without_dct: usize,
    bytes: usize,
    date: Counts,
    time: Counts,
    date_errors: Errors,
    time_errors: Errors,
}

/// All files with `extension` under `dir`, sorted.
fn gold_files(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        bail!(
            "gold corpus not found at {}: the date evaluation reads gold TIMEX3s from \
             ../shared/corpora (run from the repository root, or pass --corpus DIR)",
            dir.display()
        );
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == extension) {
            files.push(entry.into_path());
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("no .{extension} files under {}", dir.display());
    }
    Ok(files)
}

fn evaluate_corpus(dir: &Path, format: GoldFormat, verbose: bool) -> Result<Report> {
    let mut report = Report::default();
    for path in gold_files(dir, format.extension())? {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let xml = String::from_utf8_lossy(&bytes);
        let doc = format
            .parse(&xml)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        evaluate_document(&doc, &mut report);
        if verbose {
            print!("{}", error_details(&path, &doc));
        }
    }
    Ok(report)
}

/// Gold spans of one TIMEX3 type.
fn gold_spans(doc: &timeml::Document, keep: impl Fn(&str) -> bool) -> Vec<Span> {
    doc.timexes
        .iter()
        .filter(|t| keep(&t.kind))
        .map(|t| Span {
            start: t.start,
            end: t.end,
            value: t.value.clone(),
        })
        .collect()
}

fn evaluate_document(doc: &timeml::Document, report: &mut Report) {
    report.documents += 1;
    report.bytes += doc.text.len();
    if doc.dct.is_none() {
        report.without_dct += 1;
    }
    let predicted: Vec<Span> = newsdex_ingest::extract_dates(&doc.text, doc.dct)
        .into_iter()
        .map(|d| Span {
            start: d.start,
            end: d.end,
            value: d.value,
        })
        .collect();
    let gold_dates = gold_spans(doc, |k| k == "DATE");
    let gold_times = gold_spans(doc, |k| k == "TIME");
    let gold_other = gold_spans(doc, |k| k != "DATE" && k != "TIME");
    let (dates, times) =
        score::assign_predictions(&predicted, &gold_dates, &gold_times, &gold_other);
    score::score_document(
        &doc.text,
        &gold_dates,
        &dates,
        &mut report.date,
        &mut report.date_errors,
    );
    score::score_document(
        &doc.text,
        &gold_times,
        &times,
        &mut report.time,
        &mut report.time_errors,
    );
}

/// Every DATE error of one document, one per line with its context.
fn error_details(path: &Path, doc: &timeml::Document) -> String {
    let mut report = Report::default();
    evaluate_document(doc, &mut report);
    let predicted = newsdex_ingest::extract_dates(&doc.text, doc.dct);
    let context = |start: usize, end: usize| {
        let mut from = start.saturating_sub(60);
        while !doc.text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (end + 40).min(doc.text.len());
        while !doc.text.is_char_boundary(to) {
            to += 1;
        }
        format!(
            "{}[{}]{}",
            &doc.text[from..start],
            &doc.text[start..end],
            &doc.text[end..to]
        )
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let dct = doc.dct.map(|d| d.to_string()).unwrap_or_default();
    let mut out = String::new();
    for g in doc.timexes.iter().filter(|t| t.kind == "DATE") {
        let hit = predicted
            .iter()
            .find(|p| p.start < g.end && g.start < p.end);
        match hit {
            None => out.push_str(&format!(
                "MISSED {name} {dct} gold={} {}\n",
                g.value,
                context(g.start, g.end)
            )),
            Some(p) if score::normalize_value(&p.value) != score::normalize_value(&g.value) => out
                .push_str(&format!(
                    "VALUE {name} {dct} gold={} got={} {}\n",
                    g.value,
                    p.value,
                    context(g.start, g.end)
                )),
            Some(_) => {}
        }
    }
    for p in &predicted {
        if !doc
            .timexes
            .iter()
            .any(|g| p.start < g.end && g.start < p.end)
        {
            out.push_str(&format!(
                "SPURIOUS {name} {dct} got={} {}\n",
                p.value,
                context(p.start, p.end)
            ));
        }
    }
    out
}

fn render_counts(name: &str, counts: &Counts) -> String {
    let (sp, sr, sf) = counts.strict_prf();
    let (rp, rr, rf) = counts.relaxed_prf();
    let (vp, vr, vf) = counts.value_prf();
    format!(
        "{name}: gold {} predicted {}\n  \
         strict span   P {sp:.3}  R {sr:.3}  F1 {sf:.3}\n  \
         relaxed span  P {rp:.3}  R {rr:.3}  F1 {rf:.3}\n  \
         value         P {vp:.3}  R {vr:.3}  F1 {vf:.3}  accuracy {:.3} (of {} overlapping pairs)\n",
        counts.gold,
        counts.predicted,
        counts.value_accuracy(),
        counts.relaxed,
    )
}

fn render_errors(name: &str, errors: &Errors, top: usize) -> String {
    let mut out = String::new();
    for (title, map) in [
        ("missed", &errors.missed),
        ("spurious", &errors.spurious),
        ("wrong value", &errors.wrong_value),
    ] {
        if map.is_empty() || top == 0 {
            continue;
        }
        out.push_str(&format!("{name} {title} (top {top}):\n"));
        for (text, n) in score::top(map, top) {
            out.push_str(&format!("  {n:4}  {text}\n"));
        }
    }
    out
}

fn render_report(dir: &Path, report: &Report, top: usize) -> String {
    let mut out = format!(
        "corpus {}: {} documents, {} bytes of text, {} without a DCT\n\n",
        dir.display(),
        report.documents,
        report.bytes,
        report.without_dct
    );
    out.push_str(&render_counts("DATE", &report.date));
    out.push_str(&render_counts(
        "TIME (value right at day precision)",
        &report.time,
    ));
    out.push('\n');
    out.push_str(&render_errors("DATE", &report.date_errors, top));
    out.push_str(&render_errors("TIME", &report.time_errors, top));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-03-10">March 10, 2022</TIMEX3></DCT>
<TEXT>
Talks ended <TIMEX3 tid="t1" type="DATE" value="2022-03-09">Wednesday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P14Y">14 years</TIMEX3> and the past year; they meet <TIMEX3 tid="t3" type="TIME" value="2022-03-11TMO">tomorrow morning</TIMEX3> and in <TIMEX3 tid="t4" type="DATE" value="2023">2023</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn scores_a_small_document() {
        let doc = timeml::parse(DOC).unwrap();
        let mut report = Report::default();
        evaluate_document(&doc, &mut report);
        assert_eq!(report.documents, 1);
        assert_eq!(
            report.date,
            Counts {
                gold: 2,
                predicted: 2,
                strict: 2,
                relaxed: 2,
                value: 2
            }
        );
        assert_eq!(
            report.time,
            Counts {
                gold: 1,
                predicted: 1,
                strict: 1,
                relaxed: 1,
                value: 1
            }
        );
        let text = render_report(Path::new("x"), &report, 5);
        assert!(text.contains("DATE: gold 2 predicted 2"), "{text}");
    }

    /// Needs `../shared/corpora/timeml/tbaq` beside the repository; run
    /// with `cargo test -p newsdex-eval -- --ignored`. Guards the scores
    /// measured when the extractor was tuned (see docs/dates.md) against
    /// regressions.
    #[test]
    #[ignore = "needs ../shared/corpora/timeml/tbaq"]
    fn tbaq_scores_do_not_regress() {
        let corpus =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/timeml/tbaq");
        let report =
            evaluate_corpus(&corpus, GoldFormat::Timeml, false).unwrap_or_else(|e| panic!("{e:#}"));
        let (_, _, relaxed) = report.date.relaxed_prf();
        let (_, _, value) = report.date.value_prf();
        assert!(relaxed >= 0.93, "DATE relaxed span F1 {relaxed:.3}");
        assert!(value >= 0.85, "DATE value F1 {value:.3}");
    }

    #[test]
    fn missing_corpus_names_the_path() {
        let err = gold_files(Path::new("no/such/corpus"), "tml").unwrap_err();
        assert!(err.to_string().contains("no/such/corpus"), "{err}");
    }
}
