//! Boilerplate removal and metadata on real corpora: BBC News, Reuters-21578
//! and PolNeAR, read at run time from the shared corpora folder.
//!
//! These tests are ignored by default; run them with `cargo test -p
//! newsdex-ingest --test boilerplate_shared -- --ignored`. They read
//! `../shared/corpora` beside the workspace, or the folder named by
//! `NEWSDEX_CORPORA`, and fail with a clear message when it is missing.
//! No corpus text is copied here: the assertions are counts and facts about
//! shapes, and the strings they name are generic ones written for the tests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsdex_ingest::{
    Article, BoilerplateReason, IngestOptions, LineKind, RepeatedLines, RepeatedLinesBuilder,
    Source, classify_lines, decode, ingest, normalize,
};

/// The folder of the shared corpora: `NEWSDEX_CORPORA` when set, otherwise
/// `shared/corpora` beside the workspace.
fn corpora_folder() -> PathBuf {
    match std::env::var_os("NEWSDEX_CORPORA") {
        Some(folder) => PathBuf::from(folder),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
    }
}

/// A folder of the shared corpora, or a panic that says how to provide it.
fn corpus(name: &str) -> PathBuf {
    let folder = corpora_folder().join(name);
    assert!(
        folder.is_dir(),
        "the shared corpora folder is missing: {} is not there; put the corpora in ../shared/corpora \
         beside the workspace or point NEWSDEX_CORPORA at them",
        folder.display()
    );
    folder
}

/// The files under `folder` (recursively) whose name ends with `extension`,
/// in name order.
fn files_with_extension(folder: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_owned()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current)
            .unwrap_or_else(|error| panic!("{}: {error}", current.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|found| found == extension) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// One document of a corpus: its name and its normalised text.
struct Document {
    name: String,
    text: String,
}

fn read_text_files(folder: &Path) -> Vec<Document> {
    files_with_extension(folder, "txt")
        .into_iter()
        .map(|path| {
            let bytes =
                std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            Document {
                name: path.display().to_string(),
                text: normalize(&decode(&bytes).text),
            }
        })
        .collect()
}

/// The bodies of the Reuters-21578 records, extracted crudely: the text of
/// each `<BODY>` element, entities unescaped, the end-of-text mark `&#3;`
/// dropped, and a blank line before each indented line, because indentation
/// is how these bodies mark paragraphs and normalisation trims lines.
fn reuters_bodies() -> Vec<Document> {
    let folder = corpus("reuters21578");
    let mut documents = Vec::new();
    for path in files_with_extension(&folder, "sgm") {
        let bytes =
            std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let text = decode(&bytes).text;
        let mut rest = text.as_str();
        while let Some(start) = rest.find("<BODY>") {
            let after = &rest[start + "<BODY>".len()..];
            let Some(end) = after.find("</BODY>") else {
                break;
            };
            let body = after[..end]
                .replace("&#3;", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            let mut paragraphs = String::with_capacity(body.len() + 64);
            for line in body.lines() {
                if line.starts_with([' ', '\t'])
                    && !line.trim().is_empty()
                    && !paragraphs.is_empty()
                {
                    paragraphs.push('\n');
                }
                paragraphs.push_str(line);
                paragraphs.push('\n');
            }
            documents.push(Document {
                name: format!("{}#{}", path.display(), documents.len() + 1),
                text: normalize(&paragraphs),
            });
            rest = &after[end..];
        }
    }
    assert!(
        documents.len() > 19_000,
        "found only {} Reuters bodies",
        documents.len()
    );
    documents
}

/// The repeated lines of a run of documents, built the way the CLI does.
fn repeated_lines(documents: &[Document]) -> Arc<RepeatedLines> {
    let mut builder = RepeatedLinesBuilder::new();
    for document in documents {
        builder.add_text(&document.text);
    }
    Arc::new(builder.build())
}

fn ingest_document(document: &Document, repeated: &Arc<RepeatedLines>) -> Article {
    let options = IngestOptions {
        repeated_lines: Some(Arc::clone(repeated)),
        ..IngestOptions::default()
    };
    let mut articles = ingest(
        document.text.as_bytes(),
        &Source::new(&document.name),
        &options,
    );
    assert_eq!(articles.len(), 1);
    let article = articles.remove(0);
    for section in &article.sections {
        assert!(
            section.start <= section.end && section.end <= article.text.len(),
            "{}",
            document.name
        );
        assert!(
            article.text.is_char_boundary(section.start)
                && article.text.is_char_boundary(section.end)
        );
    }
    article
}

/// Dropped lines per reason over a run.
fn dropped_by_reason(
    documents: &[Document],
    repeated: &RepeatedLines,
) -> HashMap<BoilerplateReason, usize> {
    let mut counts = HashMap::new();
    for document in documents {
        for verdict in classify_lines(&document.text, Some(repeated)) {
            if let LineKind::Boilerplate(reason) = verdict.kind {
                *counts.entry(reason).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// Whether a paragraph is made only of separator characters.
fn is_separator(paragraph: &str) -> bool {
    !paragraph.is_empty() && paragraph.chars().all(|c| "-_*=~#.…—–• ".contains(c))
}

/// BBC files are clean: a headline, a blank line, paragraphs. Every file
/// keeps its headline as the title and all its paragraphs in the body; the
/// only lines dropped are a few columnists' bios at the end of technology
/// columns and a stray separator.
#[test]
#[ignore = "needs ../shared/corpora"]
fn bbc_articles_keep_all_their_paragraphs() {
    let documents = read_text_files(&corpus("bbc"));
    assert!(
        documents.len() > 2_000,
        "found only {} BBC files",
        documents.len()
    );
    let repeated = repeated_lines(&documents);
    assert!(
        repeated.is_empty(),
        "no line recurs in 5 % of BBC articles, found {}",
        repeated.len()
    );

    let dropped = dropped_by_reason(&documents, &repeated);
    let total_dropped: usize = dropped.values().sum();
    assert!(
        total_dropped <= 15,
        "{total_dropped} lines dropped from BBC files: {dropped:?}"
    );
    for reason in dropped.keys() {
        assert!(
            matches!(
                reason,
                BoilerplateReason::AuthorBio | BoilerplateReason::Decoration
            ),
            "unexpected boilerplate in BBC files: {reason}"
        );
    }

    let mut files_with_sections = Vec::new();
    for document in &documents {
        let article = ingest_document(document, &repeated);
        let first_line = document.text.lines().next().unwrap_or("").trim();
        assert_eq!(
            article.title.as_deref(),
            Some(first_line),
            "title of {}",
            document.name
        );
        assert_eq!(article.published, None, "{}", document.name);
        assert_eq!(article.dateline, None, "{}", document.name);
        // Every paragraph after the headline is in the body, unless it was
        // dropped as a bio or a separator.
        // Bullet items ("- ", "• ") lose their bullet in the body.
        let kept: Vec<&str> = classify_lines(&document.text, Some(&repeated))
            .into_iter()
            .skip(1)
            .filter(|verdict| verdict.kind == LineKind::Content)
            .map(|verdict| {
                let text = verdict.text;
                text.strip_prefix("- ")
                    .or_else(|| text.strip_prefix("• "))
                    .unwrap_or(text)
                    .trim_start()
            })
            .collect();
        let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
        for line in &kept {
            let is_heading = article
                .sections
                .iter()
                .any(|section| section.heading == *line);
            assert!(
                is_heading || article.text.contains(line),
                "{}: a kept line is missing from the body",
                document.name
            );
        }
        let headings = article.sections.len();
        assert_eq!(
            paragraphs.len() + headings,
            kept.len(),
            "paragraphs of {}",
            document.name
        );
        if headings > 0 {
            files_with_sections.push((document.name.clone(), article.sections));
        }
    }
    // BBC stories have no sections. The only headings found are the titles
    // of the games reviewed in one technology round-up (stored twice), which
    // are written in capitals.
    assert!(
        files_with_sections.len() <= 2,
        "sections in BBC files: {files_with_sections:?}"
    );
    for (name, sections) in &files_with_sections {
        assert!(name.contains("tech"), "sections in {name}: {sections:?}");
        for section in sections {
            assert!(
                !section.heading.chars().any(char::is_lowercase),
                "{name}: {section:?}"
            );
        }
    }
    // The first fifty stories of each of the other topics have none.
    for topic in ["business", "entertainment", "politics", "sport"] {
        let topic_files = documents
            .iter()
            .filter(|document| document.name.contains(&format!("/{topic}/")))
            .take(50);
        for document in topic_files {
            let article = ingest_document(document, &repeated);
            assert!(
                article.sections.is_empty(),
                "{}: {:?}",
                document.name,
                article.sections
            );
        }
    }
}

/// Reuters bodies end with the wire's sign-off line ("Reuter"), which is
/// dropped and names the outlet; nothing else of substance is dropped, and
/// the table labels and stock phrases that recur in a few per cent of the
/// stories are not mistaken for boilerplate.
#[test]
#[ignore = "needs ../shared/corpora"]
fn reuters_bodies_lose_only_the_sign_off() {
    let documents = reuters_bodies();
    let repeated = repeated_lines(&documents);
    assert!(
        repeated.len() <= 5,
        "{} repeated lines in Reuters bodies",
        repeated.len()
    );
    for label in ["Year", "Nine mths", "said.", "Reuters"] {
        assert!(
            !repeated.contains(label),
            "{label:?} is taken as a repeated line"
        );
    }

    let dropped = dropped_by_reason(&documents, &repeated);
    let sign_offs = dropped
        .get(&BoilerplateReason::WireSignOff)
        .copied()
        .unwrap_or(0);
    assert!(
        sign_offs * 100 >= documents.len() * 98,
        "only {sign_offs} sign-offs in {} bodies",
        documents.len()
    );
    let other: usize = dropped
        .iter()
        .filter(|(reason, _)| {
            !matches!(
                reason,
                BoilerplateReason::WireSignOff | BoilerplateReason::Decoration
            )
        })
        .map(|(_, count)| count)
        .sum();
    assert!(
        other <= 10,
        "unexpected boilerplate in Reuters bodies: {dropped:?}"
    );

    let mut with_outlet = 0;
    let mut with_sections = 0;
    let mut with_published = 0;
    let mut ending_with_sign_off = 0;
    for document in &documents {
        let article = ingest_document(document, &repeated);
        with_outlet += usize::from(article.outlet.as_deref() == Some("Reuters"));
        with_sections += usize::from(!article.sections.is_empty());
        with_published += usize::from(article.published.is_some());
        let last_line = article.text.lines().last().unwrap_or("").trim();
        ending_with_sign_off += usize::from(last_line.eq_ignore_ascii_case("reuter"));
        assert!(
            article.authors.is_empty(),
            "{}: {:?}",
            document.name,
            article.authors
        );
        assert!(!article.text.contains("&#3;"));
    }
    assert!(
        with_outlet * 100 >= documents.len() * 98,
        "outlet found in {with_outlet} bodies"
    );
    assert_eq!(
        ending_with_sign_off, 0,
        "bodies still ending with a sign-off line"
    );
    // Figures tables are not sections, and dates inside sentences are not
    // publication dates.
    assert!(
        with_sections <= 3,
        "{with_sections} Reuters bodies with sections"
    );
    assert!(
        with_published <= 3,
        "{with_published} Reuters bodies with a publication date"
    );
}

/// PolNeAR pages were scraped from seven outlets. The furniture left in them
/// (social prompts, credits, separators, two database labels that head the
/// abstract and the full text of one outlet's articles) is dropped, the
/// headline is the title, and datelines are found.
#[test]
#[ignore = "needs ../shared/corpora"]
fn polnear_pages_lose_their_furniture() {
    let folder = corpus("polnear");
    let mut documents = read_text_files(&folder.join("train/text"));
    documents.extend(read_text_files(&folder.join("dev/text")));
    assert!(
        documents.len() > 900,
        "found only {} PolNeAR texts",
        documents.len()
    );
    let repeated = repeated_lines(&documents);
    // The repeated lines are a handful of short labels, not sentences.
    assert!(
        (1..=5).contains(&repeated.len()),
        "{} repeated lines",
        repeated.len()
    );

    let dropped = dropped_by_reason(&documents, &repeated);
    let total_dropped: usize = dropped.values().sum();
    let total_lines: usize = documents
        .iter()
        .map(|document| {
            document
                .text
                .lines()
                .filter(|line| !line.trim().is_empty())
                .count()
        })
        .sum();
    assert!(
        total_dropped * 100 <= total_lines * 4,
        "{total_dropped} of {total_lines} lines dropped: {dropped:?}"
    );
    for reason in [
        BoilerplateReason::Repeated,
        BoilerplateReason::Social,
        BoilerplateReason::ImageCredit,
    ] {
        assert!(
            dropped.get(&reason).copied().unwrap_or(0) >= 20,
            "too few {reason} lines: {dropped:?}"
        );
    }

    let titles = polnear_titles(&folder);
    let mut titles_matching = 0;
    let mut with_dateline = 0;
    for document in &documents {
        let article = ingest_document(document, &repeated);
        for paragraph in article.text.split("\n\n") {
            assert!(
                !is_separator(paragraph),
                "{}: separator left in the body",
                document.name
            );
            let lower = paragraph.to_lowercase();
            assert!(
                !(lower.starts_with("follow ")
                    && lower.contains("on twitter @")
                    && paragraph.len() < 80),
                "{}: social prompt left in the body",
                document.name
            );
            assert!(!lower.starts_with("share this"), "{}", document.name);
        }
        let stem = Path::new(&document.name)
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("");
        // metadata.tsv gives some titles with their summary after a ";",
        // so the title found must open the listed one; letters and digits
        // are compared, punctuation is not.
        if let (Some(expected), Some(title)) = (titles.get(stem), &article.title) {
            let letters = |text: &str| -> String {
                text.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect()
            };
            let found = letters(title);
            titles_matching +=
                usize::from(found.len() >= 10 && letters(expected).starts_with(&found));
        }
        if let Some(dateline) = &article.dateline {
            with_dateline += 1;
            assert!(
                dateline.chars().next().is_some_and(char::is_uppercase),
                "{}: {dateline:?}",
                document.name
            );
            assert!(
                article.text.starts_with(dateline.as_str())
                    || article.text.contains(&format!("\n\n{dateline}"))
            );
        }
    }
    assert!(
        titles_matching * 100 >= documents.len() * 98,
        "only {titles_matching} titles match metadata.tsv"
    );
    assert!(with_dateline >= 100, "only {with_dateline} datelines");
}

/// Titles by file stem, from PolNeAR's `metadata.tsv`.
fn polnear_titles(folder: &Path) -> HashMap<String, String> {
    let path = folder.join("metadata.tsv");
    let metadata = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut lines = metadata.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let column = |name: &str| header.iter().position(|field| *field == name);
    let (Some(file_column), Some(title_column)) = (column("filename"), column("title")) else {
        panic!("{} has no filename and title columns", path.display());
    };
    lines
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            Some((
                (*fields.get(file_column)?).to_owned(),
                (*fields.get(title_column)?).to_owned(),
            ))
        })
        .collect()
}
