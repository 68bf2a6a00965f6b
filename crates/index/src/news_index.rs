//! Opening and creating an index directory.

use std::fs;
use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::indexer::{IndexWriterOptions, MergeCandidate, MergePolicy, NoMergePolicy};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{
    Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError,
};

use crate::schema::{Fields, SCHEMA_VERSION, build_schema, fields_of, register_analyzers};
use crate::{Error, Result};

/// The file beside tantivy's own that records which schema wrote the index.
const VERSION_FILE: &str = "newsdex-version";
/// The file where the process holding the writer leaves its pid, so that a
/// second writer can say who holds the lock.
const WRITER_PID_FILE: &str = "newsdex-writer.pid";
/// How many times opening an index is tried again when a concurrent
/// writer's commit removed a file under the reader.
const OPEN_RETRIES: u64 = 5;

/// How much memory and how many threads the index writer may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterOptions {
    /// The writer's memory budget in bytes, shared by its threads.
    pub memory_budget: usize,
    /// Indexing threads; 0 means one per core, at most 8.
    pub threads: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            memory_budget: 200_000_000,
            threads: 0,
        }
    }
}

/// Merges the smallest segments together while their files add up to at
/// most `max_bytes`, one merge at a time.
///
/// A merge maps the files of the segments it reads into memory, where they
/// count in the process's resident memory; tantivy's default policy would
/// in the end merge a whole corpus into one segment, and so map all of it
/// (2.4 GB resident for a 1 GB corpus). Bounded this way, a large corpus
/// ends in segments of at most about `max_bytes` each, and a run that adds
/// a few files merges them into the smallest segments only. A segment with
/// many deleted documents is rewritten on its own.
#[derive(Debug)]
struct BoundedMergePolicy {
    /// Where the segments' files are; an index in RAM is measured by
    /// document counts instead, at 1 KB a document.
    dir: Option<PathBuf>,
    max_bytes: u64,
}

impl BoundedMergePolicy {
    fn bytes(&self, segment: &SegmentMeta) -> u64 {
        let Some(dir) = &self.dir else {
            return u64::from(segment.max_doc()) * 1_000;
        };
        [
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
            SegmentComponent::Terms,
            SegmentComponent::Store,
            SegmentComponent::Delete,
        ]
        .into_iter()
        .filter_map(|component| fs::metadata(dir.join(segment.relative_path(component))).ok())
        .map(|metadata| metadata.len())
        .sum()
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        // A segment that is a third deleted (files indexed again) is
        // rewritten without its dead documents, even alone.
        if let Some(segment) = segments.iter().find(|segment| {
            u64::from(segment.num_deleted_docs()) * 3 > u64::from(segment.max_doc())
        }) {
            return vec![MergeCandidate(vec![segment.id()])];
        }
        let mut sized: Vec<(u64, &SegmentMeta)> = segments
            .iter()
            .map(|segment| (self.bytes(segment), segment))
            .collect();
        sized.sort_by_key(|(bytes, _)| *bytes);
        let mut total = 0;
        let mut chosen = Vec::new();
        for (bytes, segment) in sized {
            if total + bytes > self.max_bytes {
                break;
            }
            total += bytes;
            chosen.push(segment.id());
        }
        if chosen.len() < 2 {
            return Vec::new();
        }
        vec![MergeCandidate(chosen)]
    }
}

/// A newsdex index: a tantivy index with the newsdex schema, on disk or in RAM.
pub struct NewsIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    dir: Option<PathBuf>,
}

impl std::fmt::Debug for NewsIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewsIndex")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl NewsIndex {
    /// Opens the index in `dir`, failing with [`Error::NoIndex`] when there is none.
    pub fn open(dir: &Path) -> Result<NewsIndex> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
            });
        }
        check_version(dir)?;
        // A writer in another process may commit or merge between our reading
        // meta.json and opening the segment files it names, and then delete
        // files of the old commit. Reading meta.json again sees the new
        // commit, so a few quick retries make a search during indexing work.
        let mut attempt = 0;
        loop {
            let opened = Index::open_in_dir(dir)
                .map_err(|error| open_error(dir, error))
                .and_then(|index| NewsIndex::from_index(index, Some(dir.to_path_buf())));
            match opened {
                Err(Error::Tantivy(_)) if attempt < OPEN_RETRIES => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20 * attempt));
                }
                result => return result,
            }
        }
    }

    /// Opens the index in `dir`, creating the directory and an empty index if needed.
    pub fn open_or_create(dir: &Path) -> Result<NewsIndex> {
        if dir.join("meta.json").is_file() {
            return NewsIndex::open(dir);
        }
        fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, _) = build_schema();
        let directory =
            MmapDirectory::open(dir).map_err(|error| open_error(dir, TantivyError::from(error)))?;
        let index = Index::create(directory, schema, index_settings())?;
        fs::write(dir.join(VERSION_FILE), format!("{SCHEMA_VERSION}\n")).map_err(|source| {
            Error::Io {
                path: dir.join(VERSION_FILE),
                source,
            }
        })?;
        NewsIndex::from_index(index, Some(dir.to_path_buf()))
    }

    /// Creates an empty index in memory, for tests and short-lived use.
    pub fn create_in_ram() -> NewsIndex {
        let (schema, _) = build_schema();
        let index = Index::create_in_ram(schema);
        NewsIndex::from_index(index, None).expect("an index in RAM always opens")
    }

    fn from_index(index: Index, dir: Option<PathBuf>) -> Result<NewsIndex> {
        register_analyzers(&index);
        let schema = index.schema();
        let Some(fields) = fields_of(&schema) else {
            return Err(Error::Incompatible {
                path: dir.unwrap_or_default(),
                found: "a schema without newsdex's fields".to_owned(),
            });
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(NewsIndex {
            index,
            fields,
            reader,
            dir,
        })
    }

    /// The directory of an on-disk index.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The underlying tantivy index, for callers that need more than newsdex offers.
    pub fn tantivy_index(&self) -> &Index {
        &self.index
    }

    /// Takes the index's single writer lock.
    pub(crate) fn writer(&self, options: WriterOptions) -> Result<IndexWriter<TantivyDocument>> {
        let threads = match options.threads {
            0 => std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8),
            n => n,
        };
        // tantivy wants at least 15 MB per thread.
        let memory_budget = options.memory_budget.max(threads * 15_000_000);
        // One merge at a time: the segments a merge reads are mapped into
        // memory, so concurrent merges would add up.
        let writer_options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(memory_budget / threads)
            .num_merge_threads(1)
            .build();
        match self.index.writer_with_options(writer_options) {
            Ok(writer) => {
                // Files a killed writer left behind (tombstones of a commit
                // that never landed) are removed first: a new commit may want
                // the same file names.
                let _ = writer.garbage_collect_files().wait();
                // No segment is merged while documents are being deleted and
                // added; `finish` merges once the run's last commit is done.
                writer.set_merge_policy(Box::new(NoMergePolicy));
                if let Some(dir) = &self.dir {
                    // Best effort: the pid only improves the message a second writer shows.
                    let _ = fs::write(dir.join(WRITER_PID_FILE), std::process::id().to_string());
                }
                Ok(writer)
            }
            Err(TantivyError::LockFailure(..)) => {
                let pid = self.dir.as_ref().and_then(|dir| {
                    fs::read_to_string(dir.join(WRITER_PID_FILE))
                        .ok()?
                        .trim()
                        .parse()
                        .ok()
                });
                Err(Error::Locked {
                    path: self.dir.clone().unwrap_or_default(),
                    pid,
                })
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Commits what `writer` holds, then merges the index's smallest
    /// segments, none of them reading more than the writer's memory budget,
    /// and waits for the merges to end.
    pub(crate) fn finish(
        &self,
        mut writer: IndexWriter<TantivyDocument>,
        options: WriterOptions,
    ) -> Result<()> {
        writer.commit()?;
        writer.set_merge_policy(Box::new(BoundedMergePolicy {
            dir: self.dir.clone(),
            max_bytes: options.memory_budget as u64,
        }));
        // A commit with nothing new only lets the policy look at the segments.
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.reload()
    }

    /// Makes the latest commit visible to searches.
    pub(crate) fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }
}

/// Settings of a new index: its stored fields (the text, and the JSON of
/// entities, dates and quotes) compressed with zstd rather than lz4, which
/// makes them 30% smaller (the whole index 15%) for the same indexing and
/// search times. Each store file names its compressor, so indexes made
/// with lz4 stay readable.
///
/// The store is compressed in blocks of [`DOCSTORE_BLOCK_BYTES`] rather
/// than tantivy's 16 KB: a block holds a few articles instead of one or
/// two, and zstd finds more to share between them. The block size is
/// written in the index's settings, so an index keeps the size it was
/// made with.
fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

/// zstd's fastest level. zstd's default level, 3, makes the index 3%
/// smaller (10 MB of news: 12.9 MB rather than 13.3 MB) and costs 2.5% more
/// instructions to index; level 9 would make it 3% smaller again, for 12%
/// more indexing time.
const ZSTD_LEVEL: i32 = 1;

/// The size of a block of the store before compression. Over 100 MB of
/// news, 64 KB makes the store 10% smaller than 16 KB (the index 5%); a
/// hit reads and decompresses a whole block, which made a search of ten
/// hits 0.3 ms slower and a listing of 50 quotes from 50 articles 3 ms.
const DOCSTORE_BLOCK_BYTES: usize = 64 * 1024;

fn check_version(dir: &Path) -> Result<()> {
    let found = match fs::read_to_string(dir.join(VERSION_FILE)) {
        Ok(text) => text.trim().to_owned(),
        Err(_) => "no version file".to_owned(),
    };
    if found != SCHEMA_VERSION.to_string() {
        let found = if found.chars().all(|c| c.is_ascii_digit()) && !found.is_empty() {
            format!("schema version {found}, expected {SCHEMA_VERSION}")
        } else {
            found
        };
        return Err(Error::Incompatible {
            path: dir.to_path_buf(),
            found,
        });
    }
    Ok(())
}

fn open_error(dir: &Path, error: TantivyError) -> Error {
    match error {
        TantivyError::SchemaError(reason) => Error::Incompatible {
            path: dir.to_path_buf(),
            found: reason,
        },
        other => Error::Tantivy(other),
    }
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentId;
    use tantivy::schema::Schema;

    use super::*;

    fn segments(index: &Index, docs: &[u32]) -> Vec<SegmentMeta> {
        docs.iter()
            .map(|&docs| index.new_segment_meta(SegmentId::generate_random(), docs))
            .collect()
    }

    fn policy(max_bytes: u64) -> BoundedMergePolicy {
        // In RAM, a document counts 1 KB.
        BoundedMergePolicy {
            dir: None,
            max_bytes,
        }
    }

    #[test]
    fn a_new_index_keeps_its_store_settings_when_opened_again() {
        let dir = tempfile::tempdir().unwrap();
        drop(NewsIndex::open_or_create(dir.path()).unwrap());
        let opened = NewsIndex::open(dir.path()).unwrap();
        let settings = opened.tantivy_index().settings();
        assert_eq!(settings.docstore_blocksize, DOCSTORE_BLOCK_BYTES);
        assert!(matches!(
            settings.docstore_compression,
            Compressor::Zstd(ZstdCompressor {
                compression_level: Some(ZSTD_LEVEL)
            })
        ));
    }

    #[test]
    fn merges_the_smallest_segments_within_the_bound() {
        let index = Index::create_in_ram(Schema::builder().build());
        let metas = segments(&index, &[500, 30, 10, 20, 45]);
        let candidates = policy(70_000).compute_merge_candidates(&metas);
        assert_eq!(candidates.len(), 1);
        let mut chosen = candidates[0].0.clone();
        chosen.sort();
        let mut expected = vec![metas[1].id(), metas[2].id(), metas[3].id()];
        expected.sort();
        assert_eq!(
            chosen, expected,
            "10 + 20 + 30 documents fit, 45 more do not"
        );
    }

    #[test]
    fn leaves_segments_alone_when_no_two_fit_together() {
        let index = Index::create_in_ram(Schema::builder().build());
        let metas = segments(&index, &[500, 40, 45]);
        assert!(policy(70_000).compute_merge_candidates(&metas).is_empty());
        assert!(
            policy(70_000)
                .compute_merge_candidates(&metas[..1])
                .is_empty()
        );
    }

    #[test]
    fn rewrites_a_segment_that_is_mostly_deleted() {
        let index = Index::create_in_ram(Schema::builder().build());
        let mut metas = segments(&index, &[500, 400]);
        metas[0] = metas[0].clone().with_delete_meta(200, 7);
        let candidates = policy(70_000).compute_merge_candidates(&metas);
        assert_eq!(candidates.len(), 1);
        assert_eq!(candidates[0].0, vec![metas[0].id()]);
    }
}
