//! `newsdex-eval train-entities`: trains the entity tagger's averaged
//! perceptron on CoNLL-2003 and writes the model file the extractor embeds.
//!
//! The features and the greedy decoder are the extractor's own
//! ([`newsdex_ingest::entity_training`]); this module only holds the
//! learning: for each token, the best tag under the current weights is
//! taken (so later tokens see predicted, not gold, previous tags, as they
//! will at run time), and when it is wrong the gold tag's weights of the
//! token's features go up by one and the predicted tag's down by one. The
//! weights written are the average over all steps. Documents are shuffled
//! each epoch by a fixed-seed generator, so that a run is reproducible.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use newsdex_ingest::entity_training::{
    Document, Model, NUM_TAGS, TAG_NAMES, allowed, best_tag, decode,
};

use crate::entities::{ConllSentence, read_conll, tag_spans};
use crate::rng::SplitMix;

/// Arguments of `newsdex-eval train-entities`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// CoNLL-2003 training file.
    #[arg(long, default_value = "../shared/corpora/conll2003/train.txt")]
    pub conll: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "crates/ingest/data/entities/model.bin")]
    pub out: PathBuf,
    /// A CoNLL file to score after each epoch (token-level gold, all four
    /// types and PER/ORG/LOC), to choose the number of epochs.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Seed of the shuffling.
    #[arg(long, default_value_t = 2003)]
    pub seed: u64,
    /// Train on the documents as they are only, without copies in which
    /// some sentences are recased as headlines.
    #[arg(long)]
    pub no_augment: bool,
    /// Features whose averaged weights are all below this (in absolute
    /// value) are dropped from the model file: 1.0 keeps 33,132 of the
    /// 55,852 features with the same dev scores, and a table small enough
    /// for the per-core cache.
    #[arg(long, default_value_t = 1.0)]
    pub prune: f32,
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// One feature's weights, with what lazy averaging needs.
#[derive(Clone, Default)]
struct Weights {
    current: [f32; NUM_TAGS],
    total: [f64; NUM_TAGS],
    stamp: [u32; NUM_TAGS],
}

/// The averaged perceptron.
#[derive(Default)]
struct Perceptron {
    weights: KeyMap<Weights>,
    step: u32,
}

impl Perceptron {
    fn scores(&self, features: &[u64]) -> [f32; NUM_TAGS] {
        let mut scores = [0.0; NUM_TAGS];
        for key in features {
            if let Some(w) = self.weights.get(key) {
                for (s, c) in scores.iter_mut().zip(&w.current) {
                    *s += c;
                }
            }
        }
        scores
    }

    fn update(&mut self, features: &[u64], tag: usize, delta: f32) {
        let step = self.step;
        for &key in features {
            let w = self.weights.entry(key).or_default();
            w.total[tag] += f64::from(step - w.stamp[tag]) * f64::from(w.current[tag]);
            w.stamp[tag] = step;
            w.current[tag] += delta;
        }
    }

    /// The averaged weights, without features whose weights are all below
    /// `prune`.
    fn averaged(&self, prune: f32) -> Vec<(u64, [f32; NUM_TAGS])> {
        let step = f64::from(self.step.max(1));
        let mut out: Vec<(u64, [f32; NUM_TAGS])> = self
            .weights
            .iter()
            .filter_map(|(&key, w)| {
                let averaged: [f32; NUM_TAGS] = std::array::from_fn(|tag| {
                    let total = w.total[tag]
                        + f64::from(self.step - w.stamp[tag]) * f64::from(w.current[tag]);
                    let value = (total / step) as f32;
                    if value.abs() < prune { 0.0 } else { value }
                });
                averaged
                    .iter()
                    .any(|&v| v != 0.0)
                    .then_some((key, averaged))
            })
            .collect();
        out.sort_by_key(|(key, _)| *key);
        out
    }
}

/// A training document: its prepared features and gold tags.
struct Example {
    document: Document,
    gold: Vec<u8>,
}

/// How a sentence of an augmented copy is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Casing {
    AsIs,
    Title,
    Upper,
}

/// Words a title-case headline leaves in lower case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "vs",
];

fn recase(word: &str, casing: Casing, first: bool) -> String {
    match casing {
        Casing::AsIs => word.to_string(),
        Casing::Upper => word.to_uppercase(),
        Casing::Title => {
            if !first && SMALL_WORDS.contains(&word) {
                return word.to_string();
            }
            let mut chars = word.chars();
            match chars.next() {
                Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
                _ => word.to_string(),
            }
        }
    }
}

/// Copies of the documents in which some sentences are written in title
/// case or in capitals, as headlines are, with the same tags: CoNLL has
/// capitals headlines but few title-case ones, and news on the web has
/// many. Which sentences is fixed (every eighth and the one after it,
/// counted across the corpus), so that training is reproducible.
fn augmented(documents: &[Vec<ConllSentence>]) -> Vec<Vec<ConllSentence>> {
    let mut count = 0usize;
    documents
        .iter()
        .map(|sentences| {
            sentences
                .iter()
                .map(|sentence| {
                    count += 1;
                    let casing = match count % 8 {
                        0 => Casing::Title,
                        1 => Casing::Upper,
                        _ => Casing::AsIs,
                    };
                    sentence
                        .iter()
                        .enumerate()
                        .map(|(i, (word, tag))| (recase(word, casing, i == 0), tag.clone()))
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn examples(documents: &[Vec<ConllSentence>]) -> Result<Vec<Example>> {
    documents
        .iter()
        .map(|sentences| {
            let mut words = Vec::new();
            let mut starts = Vec::new();
            let mut gold = Vec::new();
            for sentence in sentences {
                let tags: Vec<&str> = sentence.iter().map(|(_, t)| t.as_str()).collect();
                // Read as IOB1 or IOB2, stored as IOB2.
                let mut bio = vec![0u8; tags.len()];
                for (first, end, kind) in tag_spans(&tags) {
                    let begin = TAG_NAMES
                        .iter()
                        .position(|n| *n == format!("B-{kind}"))
                        .with_context(|| format!("unknown entity type {kind}"))?;
                    bio[first] = begin as u8;
                    for tag in &mut bio[first + 1..end] {
                        *tag = begin as u8 + 1;
                    }
                }
                for (i, (word, _)) in sentence.iter().enumerate() {
                    words.push(word.as_str());
                    starts.push(i == 0);
                }
                gold.extend(bio);
            }
            Ok(Example {
                document: Document::new(&words, &starts),
                gold,
            })
        })
        .collect()
}

/// Span F1 of a model on examples, over PER/ORG/LOC (MISC ignored when
/// both agree on its span) and over all four types.
fn span_f1(model: &Model, examples: &[Example]) -> (f64, f64) {
    let (mut correct, mut predicted, mut gold) = ([0usize; 2], [0usize; 2], [0usize; 2]);
    for example in examples {
        let tags = decode(&example.document, &mut |_, features, previous| {
            best_tag(&model.scores(features), previous)
        });
        let names =
            |tags: &[u8]| -> Vec<&str> { tags.iter().map(|&t| TAG_NAMES[t as usize]).collect() };
        let gold_spans = tag_spans(&names(&example.gold));
        let predicted_spans = tag_spans(&names(&tags));
        for (all, index) in [(true, 0), (false, 1)] {
            let keep = |kind: &String| all || kind != "MISC";
            let g: std::collections::HashSet<_> =
                gold_spans.iter().filter(|s| keep(&s.2)).collect();
            let p: Vec<_> = predicted_spans.iter().filter(|s| keep(&s.2)).collect();
            gold[index] += g.len();
            predicted[index] += p.len();
            correct[index] += p.iter().filter(|s| g.contains(*s)).count();
        }
    }
    let f1 = |i: usize| {
        let p = correct[i] as f64 / predicted[i].max(1) as f64;
        let r = correct[i] as f64 / gold[i].max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    (f1(0), f1(1))
}

/// The gold tag, or its `B-` form when an `I-` cannot follow the tag
/// predicted before it: the decoder could not choose it, so its weights
/// must not be pushed up there (they would grow without bound).
fn reachable(gold: u8, previous: u8) -> u8 {
    if allowed(previous, gold) {
        gold
    } else {
        gold - 1
    }
}

/// Trains and writes the model.
pub fn run(args: &TrainArgs) -> Result<()> {
    if !args.conll.is_file() {
        bail!(
            "CoNLL-2003 training data not found at {}: training reads it from \
             ../shared/corpora (run from the repository root, or pass --conll FILE)",
            args.conll.display()
        );
    }
    let mut documents = read_conll(&args.conll)?;
    if !args.no_augment {
        let copies = augmented(&documents);
        documents.extend(copies);
    }
    let train = examples(&documents)?;
    let dev = match &args.dev {
        Some(path) => examples(&read_conll(path)?)?,
        None => Vec::new(),
    };
    eprintln!(
        "training on {} documents ({} tokens), {} epochs, seed {}",
        train.len(),
        train.iter().map(|e| e.gold.len()).sum::<usize>(),
        args.epochs,
        args.seed
    );
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut random = SplitMix(args.seed);
    let mut perceptron = Perceptron::default();
    for epoch in 1..=args.epochs {
        random.shuffle(&mut order);
        let (mut errors, mut tokens) = (0usize, 0usize);
        for &index in &order {
            let example = &train[index];
            decode(&example.document, &mut |i, features, previous| {
                let guess = best_tag(&perceptron.scores(features), previous);
                let truth = reachable(example.gold[i], previous);
                perceptron.step += 1;
                tokens += 1;
                if guess != truth {
                    errors += 1;
                    perceptron.update(features, truth as usize, 1.0);
                    perceptron.update(features, guess as usize, -1.0);
                }
                guess
            });
        }
        let mut line = format!(
            "epoch {epoch}: {:.2}% token errors, {} features",
            100.0 * errors as f64 / tokens.max(1) as f64,
            perceptron.weights.len()
        );
        if !dev.is_empty() {
            let model = Model::from_weights(perceptron.averaged(args.prune));
            let (all, three) = span_f1(&model, &dev);
            line.push_str(&format!(
                "; dev span F1 {:.2} (PER/ORG/LOC {:.2})",
                all * 100.0,
                three * 100.0
            ));
        }
        eprintln!("{line}");
    }
    let weights = perceptron.averaged(args.prune);
    let bytes = Model::write(&weights);
    Model::from_bytes(&bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} features, {} bytes)",
        args.out.display(),
        weights.len(),
        bytes.len()
    );
    Ok(())
}

/// Reads and checks a model file (for tests).
#[cfg(test)]
fn read_model(path: &std::path::Path) -> Result<Model> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Model::from_bytes(&bytes).map_err(|e| anyhow::anyhow!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(words: &[(&str, &str)]) -> ConllSentence {
        words
            .iter()
            .map(|(w, t)| (w.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn learns_a_tiny_corpus() {
        let documents = vec![
            vec![sentence(&[
                ("Herzog", "B-PER"),
                ("visited", "O"),
                ("Ankara", "B-LOC"),
            ])],
            vec![sentence(&[
                ("Gantz", "B-PER"),
                ("visited", "O"),
                ("Paris", "B-LOC"),
            ])],
        ];
        let train = examples(&documents).unwrap();
        let mut perceptron = Perceptron::default();
        for _ in 0..5 {
            for example in &train {
                decode(&example.document, &mut |i, features, previous| {
                    let guess = best_tag(&perceptron.scores(features), previous);
                    perceptron.step += 1;
                    let truth = reachable(example.gold[i], previous);
                    if guess != truth {
                        perceptron.update(features, truth as usize, 1.0);
                        perceptron.update(features, guess as usize, -1.0);
                    }
                    guess
                });
            }
        }
        let model = Model::from_weights(perceptron.averaged(0.0));
        let (all, _) = span_f1(&model, &train);
        assert!(all > 0.99, "fits its training data: {all}");
        let bytes = Model::write(&perceptron.averaged(0.0));
        let dir = std::env::temp_dir().join(format!("newsdex-ner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("model.bin");
        std::fs::write(&path, bytes).unwrap();
        assert!(!read_model(&path).unwrap().is_empty());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn shuffles_reproducibly() {
        let mut a: Vec<u32> = (0..20).collect();
        let mut b = a.clone();
        SplitMix(7).shuffle(&mut a);
        SplitMix(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..20).collect::<Vec<_>>());
    }

    #[test]
    fn missing_training_data_names_the_path() {
        let args = TrainArgs {
            conll: "no/such/train.txt".into(),
            out: "unused.bin".into(),
            dev: None,
            epochs: 1,
            seed: 1,
            no_augment: false,
            prune: 0.0,
        };
        let err = run(&args).unwrap_err();
        assert!(err.to_string().contains("no/such/train.txt"), "{err}");
    }
}
