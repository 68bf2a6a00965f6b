//! `newsdex-eval generate`: a seeded, deterministic generator of realistic
//! news files at any size, made from a real corpus, for benchmarks.
//!
//! The source corpus is a folder of plain-text news files (`*.txt`, a
//! headline line, a blank line, then paragraphs separated by blank lines, as
//! in the BBC corpus). A file's topic is the first folder under the corpus
//! root (`business/001.txt` is about business); files at the root share one
//! topic. The sources are held in memory (they are small); the output is
//! written file by file, so its size is bounded by the disk alone.
//!
//! Each generated article:
//!
//! * takes the headline, the lede and the paragraph count of one source
//!   article, and fills its other paragraphs with paragraphs drawn from
//!   other articles of the same topic;
//! * gets a fresh file name, `YYYY/MM/DD/<topic>-<n>.txt`, whose dated
//!   folders give it a publication date (newsdex reads dates in paths),
//!   spread uniformly over `--years` years from `--start`;
//! * has its people swapped: every "First Last" pair (a given name from the
//!   ingest crate's list followed by a capitalised word) becomes another
//!   pair found in the corpus, the same one throughout the article, and a
//!   later bare "Last" becomes the new last name.
//!
//! The output depends on the seed, the options and the source files only:
//! the same seed gives the same bytes. The random numbers come from
//! SplitMix64, written out here, so that no dependency's update can change
//! them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::rng::SplitMix;

/// Given names, one a line (lines starting with `#` are comments).
const FIRST_NAMES: &str = include_str!("../../ingest/data/entities/first_names.txt");

/// Command-line arguments of `newsdex-eval generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// A folder of plain-text news files (`<topic>/<name>.txt`); repeatable.
    #[arg(long, required = true, value_name = "DIR")]
    pub from: Vec<PathBuf>,
    /// How many megabytes (millions of bytes) of news files to write.
    #[arg(long, value_name = "MB")]
    pub mb: f64,
    /// The seed: the same seed gives the same files.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// The folder to write to; it must not exist or be empty.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The earliest publication date.
    #[arg(long, default_value = "2000-01-01", value_name = "DATE")]
    pub start: jiff::civil::Date,
    /// Over how many years the publication dates are spread.
    #[arg(long, default_value_t = 25)]
    pub years: u32,
}

/// Runs the generator and prints what it wrote.
pub fn run(args: &GenerateArgs) -> Result<()> {
    let corpus = Corpus::load(&args.from)?;
    let options = Options {
        bytes: (args.mb * 1_000_000.0).round() as u64,
        seed: args.seed,
        start: args.start,
        days: (f64::from(args.years) * 365.25).round().max(1.0) as i64,
    };
    let summary = generate(&corpus, &options, &args.out)?;
    println!(
        "wrote {} articles, {} bytes, to {} (from {} source articles, {} paragraphs, {} names)",
        summary.articles,
        summary.bytes,
        args.out.display(),
        corpus.articles.len(),
        corpus
            .articles
            .iter()
            .map(|article| article.paragraphs.len())
            .sum::<usize>(),
        corpus.names.len(),
    );
    Ok(())
}

/// One source article.
#[derive(Debug, Clone)]
struct Source {
    topic: usize,
    title: String,
    paragraphs: Vec<String>,
}

/// The source articles, by topic, and the names found in them.
#[derive(Debug)]
struct Corpus {
    topics: Vec<String>,
    articles: Vec<Source>,
    /// Indexes into `articles`, per topic.
    by_topic: Vec<Vec<usize>>,
    /// "First Last" pairs seen in the corpus, sorted.
    names: Vec<(String, String)>,
    first_names: HashSet<&'static str>,
}

fn first_names() -> HashSet<&'static str> {
    FIRST_NAMES
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

impl Corpus {
    fn load(roots: &[PathBuf]) -> Result<Corpus> {
        let mut files = Vec::new();
        for root in roots {
            if !root.is_dir() {
                bail!("source corpus not found: {}", root.display());
            }
            for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
                let entry = entry.with_context(|| format!("reading {}", root.display()))?;
                let path = entry.path();
                if entry.file_type().is_file()
                    && path.extension().is_some_and(|e| e == "txt")
                    && !is_documentation(path)
                {
                    files.push((root.clone(), entry.into_path()));
                }
            }
        }
        let mut texts = Vec::with_capacity(files.len());
        for (root, path) in &files {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let text = newsdex_ingest::decode(&bytes).text;
            texts.push((topic_of(root, path), text));
        }
        Ok(Corpus::from_texts(texts))
    }

    /// Builds the corpus from (topic, text) pairs, in order.
    fn from_texts(texts: Vec<(String, String)>) -> Corpus {
        let first_names = first_names();
        let mut topics: Vec<String> = Vec::new();
        let mut by_topic: Vec<Vec<usize>> = Vec::new();
        let mut articles = Vec::new();
        let mut names = BTreeSet::new();
        for (topic, text) in texts {
            let Some((title, paragraphs)) = split_article(&text) else {
                continue;
            };
            for text in std::iter::once(&title).chain(&paragraphs) {
                for (first, last) in name_pairs(text, &first_names) {
                    names.insert((first.to_owned(), last.to_owned()));
                }
            }
            let topic = match topics.iter().position(|known| *known == topic) {
                Some(index) => index,
                None => {
                    topics.push(topic);
                    by_topic.push(Vec::new());
                    topics.len() - 1
                }
            };
            by_topic[topic].push(articles.len());
            articles.push(Source {
                topic,
                title,
                paragraphs,
            });
        }
        Corpus {
            topics,
            articles,
            by_topic,
            names: names.into_iter().collect(),
            first_names,
        }
    }
}

/// Read-me files that sit beside the news in a corpus.
fn is_documentation(path: &Path) -> bool {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .is_some_and(|stem| {
            let stem = stem.to_ascii_lowercase();
            stem.starts_with("readme") || stem.starts_with("license") || stem == "licence"
        })
}

/// The first folder of `path` under `root`, as a file-name-safe word.
fn topic_of(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut components = relative.components();
    let first = components.next();
    let topic = match (first, components.next()) {
        (Some(folder), Some(_)) => folder.as_os_str().to_string_lossy().into_owned(),
        _ => "news".to_owned(),
    };
    let clean: String = topic
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() {
        "news".to_owned()
    } else {
        clean
    }
}

/// A headline and paragraphs: the first non-empty line, then the blocks
/// between blank lines, each joined into one line. None for a file with no
/// paragraph after its headline.
fn split_article(text: &str) -> Option<(String, Vec<String>)> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .skip_while(|line| line.is_empty());
    let title = lines.next()?.to_owned();
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    (!paragraphs.is_empty()).then_some((title, paragraphs))
}

/// The words of `text`: maximal runs of letters, with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, &text[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push((from, &text[from..]));
    }
    words
}

/// A word that can be a last name: a capital, then letters with at least
/// one lower-case one.
fn is_last_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && word.len() >= 2
        && chars.any(|c| c.is_lowercase())
}

/// The "First Last" pairs in `text`: a given name, one space, a last name.
fn name_pairs<'t>(text: &'t str, first_names: &HashSet<&str>) -> Vec<(&'t str, &'t str)> {
    let words = words(text);
    let mut pairs = Vec::new();
    for window in words.windows(2) {
        let [(at, first), (next_at, last)] = window else {
            continue;
        };
        if first_names.contains(first)
            && *next_at == at + first.len() + 1
            && text.as_bytes()[at + first.len()] == b' '
            && is_last_name(last)
        {
            pairs.push((*first, *last));
        }
    }
    pairs
}

/// The names one article swaps, chosen as they are first met.
#[derive(Debug, Default)]
struct NameSwaps {
    /// Old "First Last" to new "First Last".
    pairs: HashMap<(String, String), (String, String)>,
    /// Old last name to new last name.
    last_names: HashMap<String, String>,
}

impl NameSwaps {
    /// `text` with every name pair swapped for one from `pool`, and every
    /// last name of a pair swapped before replaced too.
    fn apply(
        &mut self,
        text: &str,
        pool: &[(String, String)],
        first_names: &HashSet<&str>,
        rng: &mut SplitMix,
    ) -> String {
        if pool.is_empty() {
            return text.to_owned();
        }
        let words = words(text);
        let mut out = String::with_capacity(text.len() + 16);
        let mut copied = 0;
        let mut i = 0;
        while i < words.len() {
            let (at, word) = words[i];
            let pair = words.get(i + 1).filter(|(next_at, next)| {
                first_names.contains(word)
                    && *next_at == at + word.len() + 1
                    && text.as_bytes()[at + word.len()] == b' '
                    && is_last_name(next)
            });
            if let Some(&(next_at, last)) = pair {
                let key = (word.to_owned(), last.to_owned());
                let new = self
                    .pairs
                    .entry(key)
                    .or_insert_with(|| pool[rng.below(pool.len())].clone())
                    .clone();
                if last.len() >= 3 {
                    self.last_names.insert(last.to_owned(), new.1.clone());
                }
                out.push_str(&text[copied..at]);
                out.push_str(&new.0);
                out.push(' ');
                out.push_str(&new.1);
                copied = next_at + last.len();
                i += 2;
                continue;
            }
            if let Some(new) = self.last_names.get(word) {
                out.push_str(&text[copied..at]);
                out.push_str(new);
                copied = at + word.len();
            }
            i += 1;
        }
        out.push_str(&text[copied..]);
        out
    }
}

/// What to generate.
#[derive(Debug, Clone)]
struct Options {
    /// Stop once at least this many bytes are written.
    bytes: u64,
    seed: u64,
    start: jiff::civil::Date,
    /// Publication dates fall in `start .. start + days`.
    days: i64,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Summary {
    articles: u64,
    bytes: u64,
}

/// One generated article: its path under the output folder and its bytes.
fn make_article(
    corpus: &Corpus,
    options: &Options,
    n: u64,
    rng: &mut SplitMix,
) -> (String, String) {
    let lead = &corpus.articles[rng.below(corpus.articles.len())];
    let same_topic = &corpus.by_topic[lead.topic];
    let mut swaps = NameSwaps::default();
    let names = &corpus.names;
    let first = &corpus.first_names;
    let mut text = swaps.apply(&lead.title, names, first, rng);
    text.push_str("\n\n");
    text.push_str(&swaps.apply(&lead.paragraphs[0], names, first, rng));
    text.push('\n');
    for _ in 1..lead.paragraphs.len() {
        let other = &corpus.articles[same_topic[rng.below(same_topic.len())]];
        // Ledes read as ledes: later paragraphs come from the rest of an
        // article where it has more than one.
        let at = if other.paragraphs.len() > 1 {
            1 + rng.below(other.paragraphs.len() - 1)
        } else {
            0
        };
        text.push('\n');
        text.push_str(&swaps.apply(&other.paragraphs[at], names, first, rng));
        text.push('\n');
    }
    let offset = rng.below(options.days as usize) as i64;
    let date = options
        .start
        .checked_add(jiff::Span::new().days(offset))
        .unwrap_or(options.start);
    let mut path = String::new();
    let _ = write!(
        path,
        "{:04}/{:02}/{:02}/{}-{n:07}.txt",
        date.year(),
        date.month(),
        date.day(),
        corpus.topics[lead.topic]
    );
    (path, text)
}

/// Writes articles under `out` until `options.bytes` are written.
fn generate(corpus: &Corpus, options: &Options, out: &Path) -> Result<Summary> {
    if corpus.articles.is_empty() {
        bail!("no source articles: the corpus needs *.txt files with a headline and paragraphs");
    }
    if out.exists()
        && std::fs::read_dir(out)
            .with_context(|| format!("reading {}", out.display()))?
            .next()
            .is_some()
    {
        bail!("{} is not empty: generate into a new folder", out.display());
    }
    let mut rng = SplitMix(options.seed);
    let mut created = HashSet::new();
    let mut summary = Summary {
        articles: 0,
        bytes: 0,
    };
    while summary.bytes < options.bytes {
        let (relative, text) = make_article(corpus, options, summary.articles, &mut rng);
        let path = out.join(&relative);
        let folder = path.parent().expect("a generated path has a folder");
        if created.insert(folder.to_path_buf()) {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("creating {}", folder.display()))?;
        }
        std::fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
        summary.articles += 1;
        summary.bytes += text.len() as u64;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        let mut texts = Vec::new();
        for i in 0..40 {
            let topic = if i % 2 == 0 { "business" } else { "sport" };
            let text = format!(
                "Headline number {i} for {topic}\n\n\
                 Tony Blair said on Monday that story {i} was about {topic}.\n\n\
                 Blair added that Jane Smith and Alice Walker{i} agreed, in paragraph two.\n\n\
                 A third paragraph of story {i}, with no names at all but some words.\n\n\
                 Smith was not available for comment on story {i}.\n"
            );
            texts.push((topic.to_owned(), text));
        }
        Corpus::from_texts(texts)
    }

    fn options(bytes: u64, seed: u64) -> Options {
        Options {
            bytes,
            seed,
            start: jiff::civil::date(2000, 1, 1),
            days: 3653,
        }
    }

    /// Every file under `dir`, sorted, with its contents.
    fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(|entry| entry.unwrap())
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| {
                let relative = entry.path().strip_prefix(dir).unwrap();
                (
                    relative.to_string_lossy().into_owned(),
                    std::fs::read(entry.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let corpus = corpus();
        let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
        generate(&corpus, &options(50_000, 7), dirs[0].path()).unwrap();
        generate(&corpus, &options(50_000, 7), dirs[1].path()).unwrap();
        generate(&corpus, &options(50_000, 8), dirs[2].path()).unwrap();
        let first = contents(dirs[0].path());
        assert!(!first.is_empty());
        assert_eq!(first, contents(dirs[1].path()));
        assert_ne!(first, contents(dirs[2].path()));
    }

    #[test]
    fn size_is_close_to_the_target() {
        let corpus = corpus();
        let dir = tempfile::tempdir().unwrap();
        let target = 200_000;
        let summary = generate(&corpus, &options(target, 1), dir.path()).unwrap();
        let written: usize = contents(dir.path())
            .iter()
            .map(|(_, bytes)| bytes.len())
            .sum();
        assert_eq!(written as u64, summary.bytes);
        assert!(summary.bytes >= target, "{summary:?}");
        assert!(summary.bytes <= target + target / 50, "{summary:?}");
    }

    #[test]
    fn dates_are_spread_and_read_by_newsdex() {
        let corpus = corpus();
        let dir = tempfile::tempdir().unwrap();
        generate(&corpus, &options(100_000, 3), dir.path()).unwrap();
        let files = contents(dir.path());
        let mut dates = BTreeSet::new();
        for (path, bytes) in &files {
            let source = newsdex_ingest::Source::new(path);
            let articles =
                newsdex_ingest::ingest(bytes, &source, &newsdex_ingest::IngestOptions::default());
            let published = articles[0].published.clone().expect(path);
            assert!(
                ("2000-01-01".."2010-01-02").contains(&published.as_str()),
                "{published}"
            );
            assert!(articles[0].title.is_some(), "{path}");
            dates.insert(published);
        }
        // Dozens of articles over ten years: nearly every one on its own day.
        assert!(dates.len() * 10 >= files.len() * 9, "{dates:?}");
    }

    #[test]
    fn paragraphs_come_from_the_same_topic() {
        let corpus = corpus();
        let dir = tempfile::tempdir().unwrap();
        generate(&corpus, &options(30_000, 5), dir.path()).unwrap();
        for (path, bytes) in contents(dir.path()) {
            let text = String::from_utf8(bytes).unwrap();
            let topic = if path.contains("business-") {
                "business"
            } else {
                "sport"
            };
            let other = if topic == "business" {
                "sport"
            } else {
                "business"
            };
            assert!(text.contains(topic), "{path}: {text}");
            assert!(!text.contains(other), "{path}: {text}");
        }
    }

    #[test]
    fn names_are_swapped_consistently() {
        let first_names = first_names();
        let pool = vec![("Jane".to_owned(), "Doe".to_owned())];
        let mut swaps = NameSwaps::default();
        let mut rng = SplitMix(1);
        let text = "Prime Minister Tony Blair said so. Mr Blair left; Blairite stayed.";
        let swapped = swaps.apply(text, &pool, &first_names, &mut rng);
        assert_eq!(
            swapped,
            "Prime Minister Jane Doe said so. Mr Doe left; Blairite stayed."
        );
        // Later paragraphs of the same article keep the same swap.
        let later = swaps.apply("Blair again.", &pool, &first_names, &mut rng);
        assert_eq!(later, "Doe again.");
    }

    #[test]
    fn name_pairs_need_a_given_name_and_one_space() {
        let first_names = first_names();
        assert_eq!(
            name_pairs("Tony Blair met Gordon Brown and Tony  Blair.", &first_names),
            vec![("Tony", "Blair"), ("Gordon", "Brown")]
        );
        assert!(name_pairs("Manchester United won.", &first_names).is_empty());
    }

    #[test]
    fn articles_are_split_into_headline_and_paragraphs() {
        let (title, paragraphs) =
            split_article("\nTitle here\n\nOne line\nwrapped.\n\n\nTwo.\n").unwrap();
        assert_eq!(title, "Title here");
        assert_eq!(paragraphs, vec!["One line wrapped.", "Two."]);
        assert!(split_article("Only a title\n").is_none());
    }
}
