//! `newsdex-eval entities`: scores [`newsdex_ingest::extract_entities`]
//! against CoNLL-2003 (`conll2003/valid.txt`) and MEANTIME
//! (`meantime/intra-doc_annotation`) gold mentions.
//!
//! Each gold document is turned back into text (tokens joined by spaces,
//! sentences by line breaks), the extractor runs on that text as it would
//! on an article, and its mentions are compared with the gold token spans
//! mapped to byte offsets. Rules (also in `docs/entities.md`):
//!
//! * Kinds are CoNLL's PER, ORG and LOC (person, organization, place). A
//!   mention is right when its span and kind are exactly the gold's.
//! * Gold MISC mentions (CoNLL) and demonyms (MEANTIME's "American" as a
//!   place) are neither gold nor error: a prediction with exactly their span
//!   is ignored.
//! * MEANTIME gold is every named mention (`NAM`, `PRE.NAM`, or a mention
//!   without a syntactic type whose words are all capitalised and not a
//!   pronoun) of a PER, ORG or LOC entity, without a leading "the" or a
//!   trailing possessive; MEANTIME annotates only the first sentences of an
//!   article, so its text ends with the last annotated sentence. Its
//!   mentions often hold descriptions ("U.S. automaker Chrysler"), so a
//!   relaxed score (overlapping spans of the same kind, paired one to one)
//!   is printed too.
//! * Document-level F1 compares, per document, the set of (kind, folded
//!   name) of the gold mentions with that of the predicted mentions.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use newsdex_ingest::{EntityKind, entity_key, extract_entities};

/// Arguments of `newsdex-eval entities`.
#[derive(Debug, clap::Args)]
pub struct EntitiesArgs {
    /// The folder that holds `conll2003/` and `meantime/`.
    #[arg(long, default_value = "../shared/corpora")]
    pub corpora: PathBuf,
    /// How many of the most frequent errors of each kind to print.
    #[arg(long, default_value_t = 0)]
    pub errors: usize,
    /// Also print every error in its context (long).
    #[arg(long)]
    pub verbose: bool,
}

/// Runs the evaluation and prints the report.
pub fn run(args: &EntitiesArgs) -> Result<()> {
    let conll = evaluate_conll(&args.corpora, args.verbose)?;
    let meantime = evaluate_meantime(&args.corpora, args.verbose)?;
    print!("{}", conll.render("CoNLL-2003 valid", args.errors));
    println!();
    print!("{}", meantime.render("MEANTIME intra-doc", args.errors));
    Ok(())
}

/// A gold or predicted mention: a byte span and a kind (`None` for a
/// mention that is neither gold nor error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// Person, organisation or place; `None` for MISC or a demonym.
    pub kind: Option<EntityKind>,
}

/// A gold document: its text and gold mentions.
#[derive(Debug, Clone)]
pub struct GoldDocument {
    /// The text the extractor reads.
    pub text: String,
    /// Gold mentions, in text order.
    pub gold: Vec<Span>,
}

/// True positives, predictions and gold mentions of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Right predictions.
    pub correct: usize,
    /// Predictions.
    pub predicted: usize,
    /// Gold mentions.
    pub gold: usize,
}

impl Counts {
    /// Precision, recall and F1, as fractions.
    pub fn prf(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(self.correct, self.predicted);
        let r = ratio(self.correct, self.gold);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    fn add(&mut self, other: Counts) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

/// The scores of one corpus.
#[derive(Debug, Default)]
pub struct Report {
    /// Documents read.
    pub documents: usize,
    /// Bytes of text the extractor read.
    pub bytes: usize,
    /// Exact-match counts per kind: person, organization, place.
    pub exact: [Counts; 3],
    /// Overlap-match counts per kind.
    pub relaxed: [Counts; 3],
    /// Document-level entity-set counts.
    pub documents_sets: Counts,
    /// Missed gold mentions ("KIND text") and how often.
    pub missed: HashMap<String, usize>,
    /// Wrong predictions ("KIND text (gold KIND)") and how often.
    pub spurious: HashMap<String, usize>,
    /// Every error in its context, when asked for.
    pub contexts: Option<Vec<String>>,
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "PER",
        EntityKind::Organization => "ORG",
        EntityKind::Place => "LOC",
    }
}

impl Report {
    /// The exact-match counts over the three kinds.
    pub fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for counts in self.exact {
            all.add(counts);
        }
        all
    }

    /// The overlap-match counts over the three kinds.
    pub fn overall_relaxed(&self) -> Counts {
        let mut all = Counts::default();
        for counts in self.relaxed {
            all.add(counts);
        }
        all
    }

    /// Scores one document.
    pub fn add_document(&mut self, document: &GoldDocument) {
        let predicted: Vec<Span> = extract_entities(&document.text)
            .into_iter()
            .flat_map(|entity| {
                entity.mentions.into_iter().map(move |[start, end]| Span {
                    start,
                    end,
                    kind: Some(entity.kind),
                })
            })
            .collect();
        self.add_predictions(document, &predicted);
    }

    /// Scores predictions against one document's gold.
    pub fn add_predictions(&mut self, document: &GoldDocument, predicted: &[Span]) {
        self.documents += 1;
        self.bytes += document.text.len();
        let text = &document.text;
        let ignored: HashSet<(usize, usize)> = document
            .gold
            .iter()
            .filter(|g| g.kind.is_none())
            .map(|g| (g.start, g.end))
            .collect();
        let gold: Vec<&Span> = document.gold.iter().filter(|g| g.kind.is_some()).collect();
        let predicted: Vec<&Span> = predicted
            .iter()
            .filter(|p| !ignored.contains(&(p.start, p.end)))
            .collect();
        let exact: HashSet<(usize, usize, usize)> = gold
            .iter()
            .filter_map(|g| Some((g.start, g.end, g.kind?.index())))
            .collect();
        for g in &gold {
            let Some(kind) = g.kind else { continue };
            self.exact[kind.index()].gold += 1;
            self.relaxed[kind.index()].gold += 1;
            if !predicted
                .iter()
                .any(|p| p.start == g.start && p.end == g.end && p.kind == g.kind)
            {
                let label = format!("{} {}", kind_name(kind), &text[g.start..g.end]);
                self.note("MISSED", &label, text, g.start, g.end);
                *self.missed.entry(label).or_default() += 1;
            }
        }
        for p in &predicted {
            let Some(kind) = p.kind else { continue };
            let k = kind.index();
            self.exact[k].predicted += 1;
            self.relaxed[k].predicted += 1;
            if exact.contains(&(p.start, p.end, k)) {
                self.exact[k].correct += 1;
            } else {
                let gold_kind = gold
                    .iter()
                    .find(|g| g.start == p.start && g.end == p.end)
                    .and_then(|g| g.kind)
                    .map_or("none", kind_name);
                let label = format!(
                    "{} {} (gold {gold_kind})",
                    kind_name(kind),
                    &text[p.start..p.end]
                );
                self.note("SPURIOUS", &label, text, p.start, p.end);
                *self.spurious.entry(label).or_default() += 1;
            }
        }
        // Relaxed: pair overlapping spans of the same kind one to one, in
        // text order.
        let mut used = vec![false; gold.len()];
        for p in &predicted {
            if let Some(j) = (0..gold.len()).find(|&j| {
                !used[j] && gold[j].kind == p.kind && gold[j].start < p.end && p.start < gold[j].end
            }) {
                used[j] = true;
                if let Some(kind) = p.kind {
                    self.relaxed[kind.index()].correct += 1;
                }
            }
        }
        // Document level: sets of (kind, folded name).
        let set = |spans: &[&Span]| -> HashSet<(usize, String)> {
            spans
                .iter()
                .filter_map(|s| Some((s.kind?.index(), entity_key(&text[s.start..s.end]))))
                .collect()
        };
        let gold_set = set(&gold);
        let predicted_set = set(&predicted);
        self.documents_sets.gold += gold_set.len();
        self.documents_sets.predicted += predicted_set.len();
        self.documents_sets.correct += gold_set.intersection(&predicted_set).count();
    }

    fn note(&mut self, what: &str, label: &str, text: &str, start: usize, end: usize) {
        let Some(contexts) = &mut self.contexts else {
            return;
        };
        let mut from = start.saturating_sub(60);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (end + 40).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let context = format!(
            "{}[{}]{}",
            &text[from..start],
            &text[start..end],
            &text[end..to]
        )
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
        contexts.push(format!("{what} {label}: {context}"));
    }

    /// The report as text.
    pub fn render(&self, name: &str, errors: usize) -> String {
        let mut out = format!(
            "{name}: {} documents, {} bytes\n",
            self.documents, self.bytes
        );
        let line = |label: &str, c: Counts| {
            let (p, r, f) = c.prf();
            format!(
                "  {label:<8} P {:5.1}  R {:5.1}  F1 {:5.1}   (gold {}, predicted {}, correct {})\n",
                p * 100.0,
                r * 100.0,
                f * 100.0,
                c.gold,
                c.predicted,
                c.correct
            )
        };
        out.push_str(" exact mention match\n");
        for kind in EntityKind::ALL {
            out.push_str(&line(kind_name(kind), self.exact[kind.index()]));
        }
        out.push_str(&line("overall", self.overall()));
        out.push_str(" relaxed (overlapping span, same kind)\n");
        out.push_str(&line("overall", self.overall_relaxed()));
        out.push_str(" document-level entity sets\n");
        out.push_str(&line("overall", self.documents_sets));
        for line in self.contexts.iter().flatten() {
            out.push_str(line);
            out.push('\n');
        }
        for (title, map) in [("missed", &self.missed), ("spurious", &self.spurious)] {
            if errors == 0 || map.is_empty() {
                continue;
            }
            out.push_str(&format!(" {title} (top {errors})\n"));
            let mut sorted: Vec<(&String, &usize)> = map.iter().collect();
            sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (text, n) in sorted.into_iter().take(errors) {
                out.push_str(&format!("  {n:4}  {text}\n"));
            }
        }
        out
    }
}

/// One CoNLL sentence: (word, tag) pairs.
pub type ConllSentence = Vec<(String, String)>;

/// Reads a CoNLL-2003 file into documents of sentences.
pub fn read_conll(path: &Path) -> Result<Vec<Vec<ConllSentence>>> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "reading {}: the entity evaluation and training read CoNLL-2003 from \
             ../shared/corpora (run from the repository root, or pass the path)",
            path.display()
        )
    })?;
    let mut documents: Vec<Vec<ConllSentence>> = Vec::new();
    let mut sentence: ConllSentence = Vec::new();
    let flush = |sentence: &mut ConllSentence, documents: &mut Vec<Vec<ConllSentence>>| {
        if !sentence.is_empty() {
            if documents.is_empty() {
                documents.push(Vec::new());
            }
            if let Some(document) = documents.last_mut() {
                document.push(std::mem::take(sentence));
            }
        }
    };
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut sentence, &mut documents);
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            flush(&mut sentence, &mut documents);
            documents.push(Vec::new());
            continue;
        }
        let columns: Vec<&str> = line.split_whitespace().collect();
        let (Some(word), Some(tag)) = (columns.first(), columns.last()) else {
            bail!("{}:{}: expected WORD ... TAG", path.display(), number + 1);
        };
        if columns.len() < 2 {
            bail!("{}:{}: expected WORD ... TAG", path.display(), number + 1);
        }
        sentence.push((word.to_string(), tag.to_string()));
    }
    flush(&mut sentence, &mut documents);
    documents.retain(|d| !d.is_empty());
    if documents.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    Ok(documents)
}

/// The kind of a CoNLL type (`None` for MISC).
fn conll_kind(kind: &str) -> Option<EntityKind> {
    match kind {
        "PER" => Some(EntityKind::Person),
        "ORG" => Some(EntityKind::Organization),
        "LOC" => Some(EntityKind::Place),
        _ => None,
    }
}

/// Entity spans of a tag sequence, as (first token, end token, type),
/// read as IOB1 or IOB2: an `I-` after another type starts an entity too.
pub fn tag_spans(tags: &[&str]) -> Vec<(usize, usize, String)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some((_, kind)) = tags[i].split_once('-') else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < tags.len() && tags[end].strip_prefix("I-") == Some(kind) {
            end += 1;
        }
        spans.push((i, end, kind.to_string()));
        i = end;
    }
    spans
}

/// A CoNLL document as text and gold spans.
pub fn conll_document(sentences: &[ConllSentence]) -> GoldDocument {
    let mut text = String::new();
    let mut gold = Vec::new();
    for sentence in sentences {
        if !text.is_empty() {
            text.push('\n');
        }
        let mut offsets = Vec::with_capacity(sentence.len());
        for (i, (word, _)) in sentence.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(word);
            offsets.push((start, text.len()));
        }
        let tags: Vec<&str> = sentence.iter().map(|(_, t)| t.as_str()).collect();
        for (first, end, kind) in tag_spans(&tags) {
            gold.push(Span {
                start: offsets[first].0,
                end: offsets[end - 1].1,
                kind: conll_kind(&kind),
            });
        }
    }
    GoldDocument { text, gold }
}

fn evaluate_conll(corpora: &Path, verbose: bool) -> Result<Report> {
    let path = corpora.join("conll2003/valid.txt");
    if !corpora.is_dir() {
        bail!(
            "corpora not found at {}: the entity evaluation reads conll2003/valid.txt and \
             meantime/intra-doc_annotation from ../shared/corpora (run from the repository \
             root, or pass --corpora DIR)",
            corpora.display()
        );
    }
    let mut report = Report {
        contexts: verbose.then(Vec::new),
        ..Report::default()
    };
    for sentences in read_conll(&path)? {
        report.add_document(&conll_document(&sentences));
    }
    Ok(report)
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let pattern = format!("{name}=\"");
    let at = tag.find(&pattern)? + pattern.len();
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_string())
}

fn decode_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The elements named `name` of `xml`: (start tag, body).
fn elements<'a>(xml: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut found = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find(&open) {
        rest = &rest[at..];
        let after_name = rest.as_bytes().get(open.len()).copied();
        if !matches!(after_name, Some(b' ' | b'>' | b'/' | b'\n')) {
            rest = &rest[open.len()..];
            continue;
        }
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        if tag.ends_with('/') {
            found.push((tag, ""));
            rest = &rest[tag_end..];
            continue;
        }
        let Some(body_end) = rest.find(&close) else {
            break;
        };
        found.push((tag, &rest[tag_end + 1..body_end]));
        rest = &rest[body_end..];
    }
    found
}

const PRONOUNS: &[&str] = &[
    "I", "We", "It", "They", "He", "She", "You", "Its", "Their", "His", "Her", "Our", "This",
    "That", "Which", "Who", "These", "Those", "Some", "Any",
];

/// Reads one MEANTIME CAT file.
pub fn read_meantime(xml: &str) -> Result<GoldDocument, String> {
    // Tokens.
    let mut tokens: Vec<(String, u32, String)> = Vec::new();
    for (tag, body) in elements(xml, "token") {
        let id = attribute(tag, "t_id").ok_or("<token> without t_id")?;
        let sentence = attribute(tag, "sentence")
            .and_then(|s| s.parse().ok())
            .ok_or("<token> without sentence")?;
        tokens.push((id, sentence, decode_xml(body.trim())));
    }
    if tokens.is_empty() {
        return Err("no <token> elements".into());
    }
    let markables = xml.find("<Markables>").map_or("", |at| &xml[at..]);
    let anchors = |body: &str| -> Vec<String> {
        body.split("<token_anchor")
            .skip(1)
            .filter_map(|a| attribute(a, "t_id"))
            .collect()
    };
    // Entities and what refers to them.
    let mut entity_types: HashMap<String, String> = HashMap::new();
    for (tag, _) in elements(markables, "ENTITY") {
        if let (Some(id), Some(kind)) = (attribute(tag, "m_id"), attribute(tag, "ent_type")) {
            entity_types.insert(id, kind);
        }
    }
    let mut mention_type: HashMap<String, String> = HashMap::new();
    let relations = xml.find("<Relations>").map_or("", |at| &xml[at..]);
    for (_, body) in elements(relations, "REFERS_TO") {
        let Some(target) = body
            .split("<target")
            .nth(1)
            .and_then(|t| attribute(t, "m_id"))
        else {
            continue;
        };
        let Some(kind) = entity_types.get(&target) else {
            continue;
        };
        for source in body.split("<source").skip(1) {
            if let Some(id) = attribute(source, "m_id") {
                mention_type.insert(id, kind.clone());
            }
        }
    }
    // The last annotated sentence.
    let sentence_of: HashMap<&str, u32> = tokens
        .iter()
        .map(|(id, sentence, _)| (id.as_str(), *sentence))
        .collect();
    let last_sentence = anchors(markables)
        .iter()
        .filter_map(|id| sentence_of.get(id.as_str()).copied())
        .max()
        .unwrap_or(u32::MAX);
    // Text.
    let mut text = String::new();
    let mut spans: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut previous_sentence = None;
    for (id, sentence, word) in &tokens {
        if *sentence > last_sentence {
            break;
        }
        if previous_sentence.is_some() {
            text.push(if previous_sentence == Some(*sentence) {
                ' '
            } else {
                '\n'
            });
        }
        previous_sentence = Some(*sentence);
        let start = text.len();
        text.push_str(word);
        spans.insert(id.as_str(), (start, text.len()));
    }
    let words_of: HashMap<&str, &str> = tokens
        .iter()
        .map(|(id, _, word)| (id.as_str(), word.as_str()))
        .collect();
    // Gold mentions.
    let mut gold = Vec::new();
    for (tag, body) in elements(markables, "ENTITY_MENTION") {
        let Some(id) = attribute(tag, "m_id") else {
            continue;
        };
        let Some(kind) = mention_type.get(&id).and_then(|k| conll_kind(k)) else {
            continue;
        };
        let mut ids = anchors(body);
        ids.retain(|t| spans.contains_key(t.as_str()));
        let syntactic = attribute(tag, "syntactic_type").unwrap_or_default();
        let words: Vec<&str> = ids
            .iter()
            .filter_map(|t| words_of.get(t.as_str()).copied())
            .collect();
        let named = match syntactic.as_str() {
            "NAM" | "PRE.NAM" => true,
            "" => {
                !words.is_empty()
                    && words
                        .iter()
                        .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
                    && !(words.len() == 1 && PRONOUNS.contains(&words[0]))
            }
            _ => false,
        };
        if !named {
            continue;
        }
        // CoNLL conventions: no leading article, no trailing possessive.
        let mut first = 0;
        let mut last = ids.len();
        while first < last && matches!(words[first], "the" | "The" | "a" | "an") {
            first += 1;
        }
        while last > first && matches!(words[last - 1], "'s" | "’s" | "'" | "’") {
            last -= 1;
        }
        if first >= last {
            continue;
        }
        let start = spans[ids[first].as_str()].0;
        let end = spans[ids[last - 1].as_str()].1;
        let demonym = last - first == 1 && newsdex_ingest::place_of_demonym(words[first]).is_some();
        gold.push(Span {
            start,
            end,
            kind: if demonym { None } else { Some(kind) },
        });
    }
    gold.sort_by_key(|g| (g.start, g.end));
    gold.dedup();
    Ok(GoldDocument { text, gold })
}

fn evaluate_meantime(corpora: &Path, verbose: bool) -> Result<Report> {
    let dir = corpora.join("meantime/intra-doc_annotation");
    if !dir.is_dir() {
        bail!(
            "MEANTIME not found at {}: the entity evaluation reads it from ../shared/corpora \
             (run from the repository root, or pass --corpora DIR)",
            dir.display()
        );
    }
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "xml") {
            files.insert(entry.path().to_path_buf(), ());
        }
    }
    if files.is_empty() {
        bail!("no .xml files under {}", dir.display());
    }
    let mut report = Report {
        contexts: verbose.then(Vec::new),
        ..Report::default()
    };
    for path in files.keys() {
        let xml =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let document =
            read_meantime(&xml).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        report.add_document(&document);
    }
    Ok(report)
}

/// The CoNLL-2003 valid F1 (exact mention match, PER/ORG/LOC) that the
/// regression test asks for: the 91.0 recorded in docs/entities.md, minus
/// one point.
#[cfg(test)]
const MIN_CONLL_VALID_F1: f64 = 0.900;

/// The same for MEANTIME: 68.0 recorded, minus one point.
#[cfg(test)]
const MIN_MEANTIME_F1: f64 = 0.670;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_conll_spans() {
        let sentences = vec![vec![
            ("Peter".to_string(), "B-PER".to_string()),
            ("Blackburn".to_string(), "I-PER".to_string()),
            ("in".to_string(), "O".to_string()),
            ("German".to_string(), "B-MISC".to_string()),
            ("Bonn".to_string(), "I-LOC".to_string()),
        ]];
        let document = conll_document(&sentences);
        assert_eq!(document.text, "Peter Blackburn in German Bonn");
        let spans: Vec<(&str, Option<EntityKind>)> = document
            .gold
            .iter()
            .map(|g| (&document.text[g.start..g.end], g.kind))
            .collect();
        assert_eq!(
            spans,
            [
                ("Peter Blackburn", Some(EntityKind::Person)),
                ("German", None),
                ("Bonn", Some(EntityKind::Place))
            ]
        );
    }

    #[test]
    fn scores_exact_relaxed_and_sets() {
        let document = GoldDocument {
            text: "Isaac Herzog met Erdogan in Turkish Ankara".into(),
            gold: vec![
                Span {
                    start: 0,
                    end: 12,
                    kind: Some(EntityKind::Person),
                },
                Span {
                    start: 17,
                    end: 24,
                    kind: Some(EntityKind::Person),
                },
                Span {
                    start: 28,
                    end: 35,
                    kind: None,
                },
                Span {
                    start: 36,
                    end: 42,
                    kind: Some(EntityKind::Place),
                },
            ],
        };
        let predicted = [
            Span {
                start: 6,
                end: 12,
                kind: Some(EntityKind::Person),
            },
            Span {
                start: 17,
                end: 24,
                kind: Some(EntityKind::Person),
            },
            Span {
                start: 28,
                end: 35,
                kind: Some(EntityKind::Place),
            },
            Span {
                start: 36,
                end: 42,
                kind: Some(EntityKind::Organization),
            },
        ];
        let mut report = Report::default();
        report.add_predictions(&document, &predicted);
        assert_eq!(
            report.overall(),
            Counts {
                correct: 1,
                predicted: 3,
                gold: 3
            }
        );
        assert_eq!(
            report.overall_relaxed(),
            Counts {
                correct: 2,
                predicted: 3,
                gold: 3
            }
        );
        assert_eq!(
            report.documents_sets,
            Counts {
                correct: 1,
                predicted: 3,
                gold: 3
            }
        );
    }

    const MEANTIME: &str = r#"<Document doc_id="1">
<token number="0" sentence="0" t_id="1">the</token>
<token number="1" sentence="0" t_id="2">United</token>
<token number="2" sentence="0" t_id="3">States</token>
<token number="3" sentence="0" t_id="4">'s</token>
<token number="4" sentence="1" t_id="5">American</token>
<token number="5" sentence="1" t_id="6">Ford</token>
<token number="6" sentence="1" t_id="7">said</token>
<token number="7" sentence="2" t_id="8">later</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/><token_anchor t_id="3"/><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="PRE.NAM"><token_anchor t_id="5"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type=""><token_anchor t_id="6"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NAM"><token_anchor t_id="7"/></ENTITY_MENTION>
<ENTITY m_id="10" ent_type="LOC"/>
<ENTITY m_id="11" ent_type="ORG"/>
<ENTITY m_id="12" ent_type="PRO"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="3"/><target m_id="11"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="4"/><target m_id="12"/></REFERS_TO>
</Relations>
</Document>"#;

    #[test]
    fn reads_meantime_gold() {
        let document = read_meantime(MEANTIME).unwrap();
        assert_eq!(document.text, "the United States 's\nAmerican Ford said");
        let spans: Vec<(&str, Option<EntityKind>)> = document
            .gold
            .iter()
            .map(|g| (&document.text[g.start..g.end], g.kind))
            .collect();
        assert_eq!(
            spans,
            [
                ("United States", Some(EntityKind::Place)),
                ("American", None),
                ("Ford", Some(EntityKind::Organization)),
            ]
        );
    }

    #[test]
    fn missing_corpora_names_the_path() {
        let err = evaluate_conll(Path::new("no/such/corpora"), false).unwrap_err();
        assert!(err.to_string().contains("no/such/corpora"), "{err}");
        let err = evaluate_meantime(Path::new("no/such/corpora"), false).unwrap_err();
        assert!(err.to_string().contains("no/such/corpora"), "{err}");
    }

    /// Needs `../shared/corpora` beside the repository; run with
    /// `cargo test -p newsdex-eval -- --ignored`. Guards the CoNLL-2003
    /// valid score recorded in docs/entities.md against regressions.
    #[test]
    #[ignore = "needs ../shared/corpora"]
    fn conll_valid_score_does_not_regress() {
        let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora");
        let report = evaluate_conll(&corpora, false).unwrap_or_else(|e| panic!("{e:#}"));
        let (_, _, f1) = report.overall().prf();
        assert!(
            f1 >= MIN_CONLL_VALID_F1,
            "CoNLL-2003 valid F1 {:.1}",
            f1 * 100.0
        );
    }

    /// Needs `../shared/corpora` beside the repository, like the test above.
    #[test]
    #[ignore = "needs ../shared/corpora"]
    fn meantime_score_does_not_regress() {
        let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora");
        let report = evaluate_meantime(&corpora, false).unwrap_or_else(|e| panic!("{e:#}"));
        let (_, _, f1) = report.overall().prf();
        assert!(f1 >= MIN_MEANTIME_F1, "MEANTIME F1 {:.1}", f1 * 100.0);
    }
}
