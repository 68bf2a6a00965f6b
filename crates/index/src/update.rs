//! Bringing an index up to date with folders of news files.
//!
//! A run walks the given paths, compares each file with what the index
//! holds for its canonical path (modification time and size first, then a
//! hash of the bytes), ingests only new and changed files, and removes the
//! documents of files that are gone. All of it lands in one commit per batch,
//! so a crash leaves the index at its last commit.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, UNIX_EPOCH};

use newsdex_ingest::{
    Article, Entity, FileContents, IngestOptions, PreparedText, RepeatedLines,
    RepeatedLinesBuilder, Source, prepare, read_file,
};
use rayon::prelude::*;
use tantivy::schema::Value;
use tantivy::{DateTime, IndexWriter, TantivyDocument, Term};

use crate::news_index::{NewsIndex, WriterOptions};
use crate::record::ArticleRecord;
use crate::schema::{Fields, KIND_ARTICLE, KIND_QUOTE, KIND_SECTION};
use crate::{Error, Result};

/// File name extensions read when walking a directory. A file named
/// explicitly is always read, whatever its name. The extension is only a
/// hint: ingest tells the format from the content.
pub const NEWS_FILE_EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "sgm", "sgml", "tml", "csv",
    "tsv", "xml", "rss", "atom",
];

/// How many files are read and parsed before their documents go to the
/// writer; bounds the memory a run holds at once. The first batch is also
/// the sample in which lines repeated across files are found.
const BATCH_FILES: usize = 2_000;

/// How many warnings an [`UpdateSummary`] keeps word for word.
pub const KEPT_WARNINGS: usize = 1_000;

/// Settings for [`NewsIndex::update`].
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// Memory and threads of the index writer.
    pub writer: WriterOptions,
    /// A publication date that replaces whatever the files state.
    pub published: Option<String>,
    /// Commit after this many articles, so that a crash loses at most one batch.
    pub commit_every: usize,
    /// Files larger than this are reported as failed instead of read.
    pub max_file_bytes: u64,
    /// Articles longer than this are cut, with a warning; see
    /// [`IngestOptions::max_article_bytes`].
    pub max_article_bytes: usize,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions {
            writer: WriterOptions::default(),
            published: None,
            commit_every: 50_000,
            max_file_bytes: 64 * 1024 * 1024,
            max_article_bytes: newsdex_ingest::DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

/// Receives progress while an update runs. All methods have defaults.
pub trait Progress: Sync {
    /// Whether [`Progress::start`] is wanted: counting the files walks the
    /// folders once more before the run (about a second for 400,000 files).
    fn wants_total(&self) -> bool {
        true
    }
    /// The files have been counted: `files` will be looked at.
    fn start(&self, files: u64) {
        let _ = files;
    }
    /// `files` more files have been looked at.
    fn advance(&self, files: u64) {
        let _ = files;
    }
}

/// A [`Progress`] that shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn wants_total(&self) -> bool {
        false
    }
}

/// A file that could not be indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedFile {
    /// The file.
    pub path: PathBuf,
    /// Why it was skipped.
    pub reason: String,
}

/// What an update did.
#[derive(Debug, Clone, Default)]
pub struct UpdateSummary {
    /// Articles from files the index did not have.
    pub added: usize,
    /// Articles from files that changed since they were indexed.
    pub updated: usize,
    /// Articles of files that are gone or no longer hold an article.
    pub removed: usize,
    /// Files that were already indexed as they are.
    pub unchanged: usize,
    /// Files that could not be indexed; the run went on without them.
    pub failed: Vec<FailedFile>,
    /// Files recognised as something other than news (a corpus's list of
    /// its files, a table of annotations), with what they were taken for:
    /// skipped, and not failures.
    pub not_news: Vec<FailedFile>,
    /// Warnings raised while reading files, with the file they concern:
    /// the first [`KEPT_WARNINGS`] of them, so that a run over millions of
    /// files does not hold them all (`extract` shows every article's).
    pub warnings: Vec<(PathBuf, String)>,
    /// How many warnings were raised in all.
    pub warning_count: usize,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

/// What the index holds for one source file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IndexedFile {
    mtime: u64,
    size: u64,
    content_hash: u64,
    articles: usize,
}

/// A news file found under the paths given to a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsFile {
    /// The path as reached from what the user gave: the one to show.
    pub path: PathBuf,
    /// The canonical path: the key of the file in the index, and what its
    /// article ids are derived from.
    pub key: String,
}

/// The outcome of looking at one file, before it is parsed.
enum Looked {
    Unchanged,
    Failed(FailedFile),
    /// The file's text changed or is new; `previous` is what the index had.
    Changed {
        file: NewsFile,
        prepared: PreparedText,
        stat: FileStat,
        previous: Option<IndexedFile>,
    },
}

/// The outcome of one file, ready to be written.
enum Outcome {
    Unchanged,
    Failed(FailedFile),
    /// The file is still there but holds no article (any more).
    Emptied {
        file: NewsFile,
        reason: String,
        previous: Option<IndexedFile>,
    },
    Parsed {
        file: NewsFile,
        stat: FileStat,
        previous: Option<IndexedFile>,
        articles: Vec<Article>,
        /// Why a file with no articles holds none, when it is not news.
        not_news: Option<String>,
    },
}

#[derive(Debug, Clone, Copy)]
struct FileStat {
    mtime: u64,
    size: u64,
    content_hash: u64,
}

impl NewsIndex {
    /// Brings the index up to date with the news files under `paths`.
    ///
    /// Unchanged files are skipped, changed ones replaced, and files that
    /// disappeared from a walked directory removed. A file that cannot be
    /// read or holds no text is reported in [`UpdateSummary::failed`] and
    /// the run goes on. Fails only when the index itself cannot be written,
    /// for instance when another process holds it ([`Error::Locked`]).
    pub fn update(
        &self,
        paths: &[PathBuf],
        options: &UpdateOptions,
        progress: &dyn Progress,
    ) -> Result<UpdateSummary> {
        let started = Instant::now();
        let mut summary = UpdateSummary::default();
        let mut writer = self.writer(options.writer)?;
        self.reload()?;
        // What the index has of each file; a file found by the walk is taken
        // out, so that what is left at the end is the files that are gone.
        let mut indexed = self.indexed_files()?;

        // The files are counted first, for a progress bar, and then read
        // batch by batch as the walk finds them: a corpus of millions of
        // files is never listed in memory.
        if progress.wants_total() {
            progress.start(Walker::new(paths, self.dir()).count() as u64);
        }
        let mut walk = Walker::new(paths, self.dir());

        let mut articles_since_commit = 0usize;
        let mut repeated: Option<Arc<RepeatedLines>> = None;
        loop {
            let batch: Vec<(NewsFile, Option<IndexedFile>)> = walk
                .by_ref()
                .take(BATCH_FILES)
                .map(|file| {
                    let previous = indexed.remove(&file.key);
                    (file, previous)
                })
                .collect();
            if batch.is_empty() {
                break;
            }
            let looked: Vec<Looked> = batch
                .par_iter()
                .map(|(file, previous)| {
                    let outcome = look_at(file, *previous, options);
                    progress.advance(1);
                    outcome
                })
                .collect();
            if repeated.is_none() {
                repeated = Some(Arc::new(repeated_lines_of(&looked)));
            }
            let ingest_options = IngestOptions {
                published: options.published.clone(),
                repeated_lines: repeated.clone(),
                max_article_bytes: options.max_article_bytes,
            };
            let outcomes: Vec<Outcome> = looked
                .into_par_iter()
                .map(|looked| parse_looked(looked, &ingest_options))
                .collect();
            for outcome in outcomes {
                match outcome {
                    Outcome::Unchanged => summary.unchanged += 1,
                    Outcome::Failed(failed) => summary.failed.push(failed),
                    Outcome::Emptied {
                        file,
                        reason,
                        previous,
                    } => {
                        if let Some(previous) = previous {
                            writer.delete_term(Term::from_field_text(self.fields.path, &file.key));
                            summary.removed += previous.articles;
                        }
                        summary.failed.push(FailedFile {
                            path: file.path,
                            reason,
                        });
                    }
                    Outcome::Parsed {
                        file,
                        stat,
                        previous,
                        articles,
                        not_news,
                    } => {
                        if let Some(reason) = not_news {
                            summary.not_news.push(FailedFile {
                                path: file.path.clone(),
                                reason,
                            });
                        }
                        // A file the index has no article of needs no delete:
                        // each delete is looked up in every segment at the
                        // next commit, which on a first run over a large
                        // corpus is work and memory for nothing.
                        if previous.is_some() {
                            writer.delete_term(Term::from_field_text(self.fields.path, &file.key));
                        }
                        match previous {
                            Some(previous) => {
                                summary.updated += articles.len().min(previous.articles);
                                summary.added += articles.len().saturating_sub(previous.articles);
                                summary.removed += previous.articles.saturating_sub(articles.len());
                            }
                            None => summary.added += articles.len(),
                        }
                        for article in &articles {
                            summary.warning_count += article.warnings.len();
                            for warning in &article.warnings {
                                if summary.warnings.len() < KEPT_WARNINGS {
                                    summary.warnings.push((file.path.clone(), warning.clone()));
                                }
                            }
                            add_article(&writer, &self.fields, &file, stat, article)?;
                        }
                        articles_since_commit += articles.len();
                        if articles_since_commit >= options.commit_every {
                            writer.commit()?;
                            articles_since_commit = 0;
                        }
                    }
                }
            }
        }

        // What the walk could not read comes first in the report.
        summary
            .failed
            .splice(0..0, std::mem::take(&mut walk.failed));
        // Files the index has that the walk did not find are gone.
        for (key, file) in &indexed {
            let under_walked_root = walk.roots.iter().any(|root| is_under(key, root));
            let under_unreadable = walk.unreadable_dirs.iter().any(|dir| is_under(key, dir));
            if under_walked_root && !under_unreadable {
                writer.delete_term(Term::from_field_text(self.fields.path, key));
                summary.removed += file.articles;
            }
        }
        self.finish(writer, options.writer)?;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    /// Adds articles made elsewhere (by an embedding program, or by
    /// [`newsdex_ingest::ingest`] on bytes that are not files), replacing
    /// any article with the same id, and commits.
    ///
    /// Each article's `path` stands for its source: a later
    /// [`NewsIndex::update`] over a folder that holds that path treats the
    /// article as that file's.
    pub fn add_articles(&self, articles: &[Article], writer_options: WriterOptions) -> Result<()> {
        let writer = self.writer(writer_options)?;
        for article in articles {
            // The article and its sections and quotes.
            writer.delete_term(Term::from_field_text(self.fields.id, &article.id));
            let file = NewsFile {
                path: PathBuf::from(&article.path),
                key: article.path.clone(),
            };
            let stat = FileStat {
                mtime: 0,
                size: 0,
                content_hash: 0,
            };
            add_article(&writer, &self.fields, &file, stat, article)?;
        }
        self.finish(writer, writer_options)
    }

    /// What the index holds per source file, read from fast fields.
    pub(crate) fn indexed_files(&self) -> Result<HashMap<String, IndexedFile>> {
        let searcher = self.reader.searcher();
        let mut files: HashMap<String, IndexedFile> = HashMap::new();
        let mut path = String::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let Some(paths) = fast.str("path")? else {
                continue;
            };
            let mtimes = fast.u64("mtime")?;
            let sizes = fast.u64("size")?;
            let hashes = fast.u64("content_hash")?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|alive| !alive.is_alive(doc)) {
                    continue;
                }
                // Only article documents carry a modification time.
                let Some(mtime) = mtimes.first(doc) else {
                    continue;
                };
                let Some(ord) = paths.term_ords(doc).next() else {
                    continue;
                };
                path.clear();
                if !paths
                    .ord_to_str(ord, &mut path)
                    .map_err(tantivy::TantivyError::from)?
                {
                    continue;
                }
                let entry = files.entry(path.clone()).or_insert(IndexedFile {
                    mtime,
                    size: sizes.first(doc).unwrap_or(0),
                    content_hash: hashes.first(doc).unwrap_or(0),
                    articles: 0,
                });
                entry.articles += 1;
            }
        }
        Ok(files)
    }
}

/// The files a run will look at, and what went wrong finding them.
#[derive(Debug, Default)]
pub struct NewsFiles {
    /// The files, in a stable order, each once.
    pub files: Vec<NewsFile>,
    /// Paths that could not be read or listed.
    pub failed: Vec<FailedFile>,
}

/// Finds the news files under `paths`: the files named, and the files with a
/// [news extension](NEWS_FILE_EXTENSIONS) in the directories named, walked in
/// name order, following symbolic links (loops are reported), skipping
/// hidden files and directories and documentation (README, LICENSE…).
pub fn find_news_files(paths: &[PathBuf]) -> NewsFiles {
    walk(paths, None)
}

fn walk(paths: &[PathBuf], index_dir: Option<&Path>) -> NewsFiles {
    let mut walker = Walker::new(paths, index_dir);
    let files = walker.by_ref().collect();
    NewsFiles {
        files,
        failed: walker.failed,
    }
}

type Entries = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// A directory being walked: the path as given, its canonical form and the
/// entries still to come.
struct Root {
    given: PathBuf,
    canonical: PathBuf,
    entries: Entries,
}

/// Finds news files one at a time, in the order of [`find_news_files`], so
/// that a run over millions of files never holds the list of them all.
/// What could not be read, the roots walked and the directories that could
/// not be listed are gathered on the way.
struct Walker {
    /// The paths given still to walk, canonicalised up front.
    pending: std::vec::IntoIter<(PathBuf, std::io::Result<PathBuf>)>,
    current: Option<Root>,
    index_dir: Option<PathBuf>,
    /// The keys found so far, kept only when a path given is inside another
    /// (or the same): only then can a file be reached twice.
    seen: Option<HashSet<String>>,
    /// Paths that could not be read or listed.
    failed: Vec<FailedFile>,
    /// Canonical forms of the paths given: files under them that the walk
    /// did not find are gone.
    roots: Vec<String>,
    /// Directories that could not be listed: their files are not gone, only
    /// out of sight, so their documents are kept.
    unreadable_dirs: Vec<String>,
}

impl Walker {
    fn new(paths: &[PathBuf], index_dir: Option<&Path>) -> Walker {
        let pending: Vec<(PathBuf, std::io::Result<PathBuf>)> = paths
            .iter()
            .map(|given| (given.clone(), fs::canonicalize(given)))
            .collect();
        let canonical: Vec<&Path> = pending
            .iter()
            .filter_map(|(_, canonical)| canonical.as_deref().ok())
            .collect();
        let overlap = canonical.iter().enumerate().any(|(i, a)| {
            canonical
                .iter()
                .enumerate()
                .any(|(j, b)| i != j && a.starts_with(b))
        });
        Walker {
            pending: pending.into_iter(),
            current: None,
            index_dir: index_dir.and_then(|dir| fs::canonicalize(dir).ok()),
            seen: overlap.then(HashSet::new),
            failed: Vec::new(),
            roots: Vec::new(),
            unreadable_dirs: Vec::new(),
        }
    }

    /// The file with this key and path, unless it was found before.
    fn found(&mut self, key: String, path: PathBuf) -> Option<NewsFile> {
        if let Some(seen) = &mut self.seen
            && !seen.insert(key.clone())
        {
            return None;
        }
        Some(NewsFile { path, key })
    }

    /// The next news file of the directory being walked, if any is left.
    fn next_in_root(&mut self) -> Option<NewsFile> {
        loop {
            let root = self.current.as_mut()?;
            let entry = match root.entries.next() {
                None => {
                    self.current = None;
                    return None;
                }
                Some(Ok(entry)) => entry,
                Some(Err(error)) => {
                    let path = error
                        .path()
                        .map_or_else(|| root.given.clone(), Path::to_path_buf);
                    if error.loop_ancestor().is_none() && path.is_dir() {
                        let key = path_key(&under(&root.canonical, &root.given, &path));
                        self.unreadable_dirs.push(key);
                    }
                    let reason = match error.io_error() {
                        Some(io) => io.to_string(),
                        None => error.to_string(),
                    };
                    self.failed.push(FailedFile { path, reason });
                    continue;
                }
            };
            if !entry.file_type().is_file()
                || !has_news_extension(entry.path())
                || is_documentation(entry.path())
            {
                continue;
            }
            let reached = under(&root.canonical, &root.given, entry.path());
            if self
                .index_dir
                .as_ref()
                .is_some_and(|dir| reached.starts_with(dir))
            {
                continue;
            }
            if let Some(file) = self.found(path_key(&reached), entry.path().to_path_buf()) {
                return Some(file);
            }
        }
    }
}

/// Walks a directory's entries, skipping hidden files and directories below
/// the one given.
fn is_walked(entry: &walkdir::DirEntry) -> bool {
    entry.depth() == 0 || !is_hidden(entry.file_name())
}

impl Iterator for Walker {
    type Item = NewsFile;

    fn next(&mut self) -> Option<NewsFile> {
        loop {
            if let Some(file) = self.next_in_root() {
                return Some(file);
            }
            let (given, canonical) = self.pending.next()?;
            let canonical = match canonical {
                Ok(canonical) => canonical,
                Err(error) => {
                    self.failed.push(FailedFile {
                        path: given,
                        reason: error.to_string(),
                    });
                    continue;
                }
            };
            self.roots.push(path_key(&canonical));
            if canonical.is_file() {
                match self.found(path_key(&canonical), given) {
                    Some(file) => return Some(file),
                    None => continue,
                }
            }
            let entries = walkdir::WalkDir::new(&given)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(is_walked as fn(&walkdir::DirEntry) -> bool);
            self.current = Some(Root {
                given,
                canonical,
                entries,
            });
        }
    }
}

/// `path`, found by walking `given`, as reached from `canonical`, the
/// canonical form of `given`.
fn under(canonical: &Path, given: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(given) {
        Ok(relative) if relative.as_os_str().is_empty() => canonical.to_path_buf(),
        Ok(relative) => canonical.join(relative),
        Err(_) => path.to_path_buf(),
    }
}

/// The key of a file in the index: its path, as text.
///
/// A path that is not valid UTF-8 (a Latin-1 file name on Linux) has each
/// byte that is not part of valid UTF-8 written as `\xNN`. A lossy
/// conversion would turn `caf\xE9.txt` and `caf\xE8.txt` into the same
/// `caf\u{FFFD}.txt`, and the second file would be taken for the first
/// and never indexed.
fn path_key(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut key = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        key.push_str(chunk.valid());
        for byte in chunk.invalid() {
            key.push_str(&format!("\\x{byte:02X}"));
        }
    }
    key
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn has_news_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            NEWS_FILE_EXTENSIONS
                .iter()
                .any(|known| known.eq_ignore_ascii_case(extension))
        })
}

/// Corpora ship a README or LICENSE beside their articles; those are not news.
fn is_documentation(path: &Path) -> bool {
    const DOCUMENTATION_STEMS: &[&str] = &["readme", "license", "licence", "copying", "changelog"];
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .is_some_and(|stem| {
            DOCUMENTATION_STEMS
                .iter()
                .any(|doc| doc.eq_ignore_ascii_case(stem))
        })
}

fn is_under(key: &str, root: &str) -> bool {
    Path::new(key).starts_with(root)
}

/// Decides whether a file needs reading, and reads it if so.
fn look_at(file: &NewsFile, previous: Option<IndexedFile>, options: &UpdateOptions) -> Looked {
    let failed = |reason: String| {
        Looked::Failed(FailedFile {
            path: file.path.clone(),
            reason,
        })
    };
    let metadata = match fs::metadata(&file.path) {
        Ok(metadata) => metadata,
        Err(error) => return failed(read_error(&error)),
    };
    let size = metadata.len();
    let over_limit = |size: u64| {
        format!(
            "file is {size} bytes, over the limit of {} bytes",
            options.max_file_bytes
        )
    };
    if size > options.max_file_bytes {
        return failed(over_limit(size));
    }
    let mtime = metadata
        .modified()
        .ok()
        .and_then(|modified| modified.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos() as u64);
    if previous.is_some_and(|previous| previous.mtime == mtime && previous.size == size) {
        return Looked::Unchanged;
    }
    let bytes = match read_at_most(&file.path, options.max_file_bytes) {
        Ok(bytes) => bytes,
        Err(error) => return failed(read_error(&error)),
    };
    // The file may have grown since it was looked at.
    if bytes.len() as u64 > options.max_file_bytes {
        return failed(over_limit(bytes.len() as u64));
    }
    let content_hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    if previous.is_some_and(|previous| previous.content_hash == content_hash) {
        return Looked::Unchanged;
    }
    let stat = FileStat {
        mtime,
        size: bytes.len() as u64,
        content_hash,
    };
    let prepared = prepare(&bytes);
    Looked::Changed {
        file: file.clone(),
        prepared,
        stat,
        previous,
    }
}

/// Reads a file, but no more than one byte over `limit`.
fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Why a file found by the walk could not be read.
fn read_error(error: &std::io::Error) -> String {
    if error.kind() == std::io::ErrorKind::NotFound {
        format!("gone before it could be read ({error})")
    } else {
        error.to_string()
    }
}

/// Finds the lines repeated across the files read in the first batch.
fn repeated_lines_of(looked: &[Looked]) -> RepeatedLines {
    let mut builder = RepeatedLinesBuilder::new();
    for outcome in looked {
        if let Looked::Changed { prepared, .. } = outcome {
            builder.add_text(&prepared.text);
        }
    }
    builder.build()
}

fn parse_looked(looked: Looked, options: &IngestOptions) -> Outcome {
    match looked {
        Looked::Unchanged => Outcome::Unchanged,
        Looked::Failed(failed) => Outcome::Failed(failed),
        Looked::Changed {
            file,
            prepared,
            stat,
            previous,
        } => {
            let shown = file.path.to_string_lossy();
            let source = Source {
                path: &shown,
                id_key: &file.key,
            };
            match read_file(prepared, &source, options) {
                FileContents::Articles(articles) => Outcome::Parsed {
                    file,
                    stat,
                    previous,
                    articles,
                    not_news: None,
                },
                // Recognised as not news (a corpus's list of its files):
                // nothing to index, and no failure.
                FileContents::NotNews(reason) => Outcome::Parsed {
                    file,
                    stat,
                    previous,
                    articles: Vec::new(),
                    not_news: Some(reason),
                },
                FileContents::Unusable(reason) => Outcome::Emptied {
                    file,
                    reason,
                    previous,
                },
            }
        }
    }
}

/// Adds an article, one document per section and one per quote.
///
/// Sections and quotes index only what is their own (their words, heading
/// or speaker) and what finds and sorts them (their article, path and
/// publication day): a query or filter on their article's title, entities
/// or dates is looked up on the article document (see
/// [`Fields::article_only`]). They store nothing: everything shown of
/// them is in the article's record.
fn add_article(
    writer: &IndexWriter,
    fields: &Fields,
    file: &NewsFile,
    stat: FileStat,
    article: &Article,
) -> Result<()> {
    let published_day = article.published.as_deref().and_then(parse_published_day);
    let mut shared = TantivyDocument::default();
    shared.add_text(fields.path, &file.key);
    shared.add_text(fields.id, &article.id);
    if let Some(day) = published_day {
        shared.add_date(fields.published_day, day);
    }
    let stemmed = article
        .language
        .as_deref()
        .and_then(|code| fields.stemmed_for(code));

    let mut document = shared.clone();
    document.add_text(fields.kind, KIND_ARTICLE);
    if let Some(title) = &article.title {
        document.add_text(fields.title, title);
        if let Some(stemmed) = stemmed {
            document.add_text(stemmed.title, title);
        }
    }
    for author in &article.authors {
        document.add_text(fields.author, author);
    }
    if let Some(outlet) = &article.outlet {
        document.add_text(fields.outlet, outlet);
    }
    if let Some(published) = &article.published {
        document.add_text(fields.published, published);
    }
    for date in &article.dates {
        if let Some(day) = parse_published_day(&date.value) {
            document.add_date(fields.mentioned_day, day);
        }
    }
    // Each entity's name once, in the text field for queries and filters,
    // then in the exact one for counting.
    let entities: Vec<&Entity> = distinct(&article.entities).collect();
    for entity in &entities {
        document.add_text(fields.entity(entity.kind), &entity.name);
    }
    for entity in &entities {
        document.add_text(fields.entity_name(entity.kind), &entity.name);
    }
    document.add_text(fields.body, &article.text);
    document.add_text(fields.text, &article.text);
    if let Some(stemmed) = stemmed {
        document.add_text(stemmed.body, &article.text);
    }
    if let Some(language) = &article.language {
        document.add_text(fields.language, language);
    }
    for section in &article.sections {
        document.add_text(fields.section, &section.heading);
    }
    let mut speakers: HashSet<&str, foldhash::fast::RandomState> = HashSet::default();
    for speaker in article
        .quotes
        .iter()
        .filter_map(|quote| quote.speaker.as_deref())
    {
        if speakers.insert(speaker) {
            document.add_text(fields.speaker, speaker);
        }
    }
    if let Some(dateline) = &article.dateline {
        document.add_text(fields.dateline, dateline);
    }
    document.add_text(fields.encoding, &article.encoding);
    document.add_text(fields.format, article.format.as_str());
    document.add_u64(fields.mtime, stat.mtime);
    document.add_u64(fields.size, stat.size);
    document.add_u64(fields.content_hash, stat.content_hash);
    let (record, mentions) = ArticleRecord::of(article);
    let to_json = |error: serde_json::Error| Error::Tantivy(error.into());
    document.add_text(
        fields.extra,
        serde_json::to_string(&record).map_err(to_json)?,
    );
    document.add_text(
        fields.mentions,
        serde_json::to_string(&mentions).map_err(to_json)?,
    );
    writer.add_document(document)?;

    for (number, section) in article.sections.iter().enumerate() {
        let Some(text) = article.text.get(section.start..section.end) else {
            continue;
        };
        let mut document = shared.clone();
        document.add_text(fields.kind, KIND_SECTION);
        document.add_u64(fields.number, number as u64 + 1);
        document.add_text(fields.section, &section.heading);
        document.add_text(fields.body, text);
        if let Some(stemmed) = stemmed {
            document.add_text(stemmed.body, text);
        }
        writer.add_document(document)?;
    }

    for (number, quote) in article.quotes.iter().enumerate() {
        let mut document = shared.clone();
        document.add_text(fields.kind, KIND_QUOTE);
        document.add_u64(fields.number, number as u64 + 1);
        document.add_text(fields.body, &quote.text);
        if let Some(stemmed) = stemmed {
            document.add_text(stemmed.body, &quote.text);
        }
        if let Some(speaker) = &quote.speaker {
            document.add_text(fields.speaker, speaker);
            document.add_text(fields.speaker_name, speaker);
        }
        writer.add_document(document)?;
    }
    Ok(())
}

/// Each entity once, by kind and name, in their order.
fn distinct(entities: &[Entity]) -> impl Iterator<Item = &Entity> {
    let mut seen: HashSet<_, foldhash::fast::RandomState> = HashSet::default();
    entities
        .iter()
        .filter(move |entity| seen.insert((entity.kind, entity.name.as_str())))
}

/// The first day of an ISO 8601 date at any precision, as a tantivy date.
pub(crate) fn parse_published_day(published: &str) -> Option<DateTime> {
    let mut parts = published.splitn(3, '-');
    let year = parts.next()?;
    // Four digits only ("19" is a century, "199X" a decade), and within the
    // years a tantivy date can hold (its nanoseconds fit an i64).
    if year.len() != 4 {
        return None;
    }
    let year: i16 = year
        .parse()
        .ok()
        .filter(|year| (1700..=2200).contains(year))?;
    let month: i8 = parts.next().map_or(Some(1), |month| month.parse().ok())?;
    let day: i8 = parts
        .next()
        .map_or(Some(1), |day| day.get(..2)?.parse().ok())?;
    let date = jiff::civil::Date::new(year, month, day).ok()?;
    let seconds = date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()?
        .timestamp()
        .as_second();
    Some(DateTime::from_timestamp_secs(seconds))
}

/// Reads a stored text value.
pub(crate) fn stored_text(
    document: &TantivyDocument,
    field: tantivy::schema::Field,
) -> Option<String> {
    document
        .get_first(field)
        .and_then(|value| value.as_str())
        .map(str::to_owned)
}
