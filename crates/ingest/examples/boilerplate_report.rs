//! Reports what boilerplate removal drops from a set of files.
//!
//! ```text
//! cargo run -p newsdex-ingest --example boilerplate_report -- [--top N] [--list] [--metadata] DIR_OR_FILE...
//! ```
//!
//! Walks the given directories for `.txt` files and `.sgm` files (Reuters
//! SGML: the text of each `<BODY>` element is one document, extracted
//! crudely: entities unescaped, the end-of-text mark `&#3;` dropped, and an
//! indented line taken as the start of a paragraph, which is how those
//! bodies mark paragraphs). It builds the run's repeated lines over all
//! documents, then prints the number of documents and lines, the lines
//! dropped per reason, the most frequent dropped lines, and a few metadata
//! counts. `--list` also prints every dropped line with its document, to
//! look for false removals; `--metadata` prints the title, authors,
//! outlet, dateline and date found in each document.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use newsdex_ingest::{
    BoilerplateReason, IngestOptions, LineKind, RepeatedLinesBuilder, Source, classify_lines,
    decode, ingest, normalize,
};

/// One document to classify: where it came from and its normalised text.
struct Document {
    name: String,
    text: String,
}

/// The command line.
struct Options {
    top: usize,
    list: bool,
    metadata: bool,
    paths: Vec<PathBuf>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        top: 30,
        list: false,
        metadata: false,
        paths: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--top" => {
                let value = args.next().ok_or("--top needs a number")?;
                options.top = value
                    .parse()
                    .map_err(|_| format!("--top: not a number: {value}"))?;
            }
            "--list" => options.list = true,
            "--metadata" => options.metadata = true,
            "-h" | "--help" => {
                return Err(
                    "usage: boilerplate_report [--top N] [--list] [--metadata] DIR_OR_FILE..."
                        .to_owned(),
                );
            }
            _ => options.paths.push(PathBuf::from(arg)),
        }
    }
    if options.paths.is_empty() {
        return Err(
            "usage: boilerplate_report [--top N] [--list] [--metadata] DIR_OR_FILE...".to_owned(),
        );
    }
    Ok(options)
}

/// Appends the `.txt` and `.sgm` files under `path`, in name order.
fn collect_files(path: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .collect();
        entries.sort();
        for entry in entries {
            collect_files(&entry, files)?;
        }
    } else if path
        .extension()
        .is_some_and(|extension| extension == "txt" || extension == "sgm")
    {
        files.push(path.to_owned());
    }
    Ok(())
}

/// The bodies of the `<REUTERS>` records of an SGML file, crudely.
fn sgml_bodies(text: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<BODY>") {
        let after = &rest[start + "<BODY>".len()..];
        let Some(end) = after.find("</BODY>") else {
            break;
        };
        bodies.push(paragraphs_from_indentation(&unescape(&after[..end])));
        rest = &after[end..];
    }
    bodies
}

/// SGML entities of the Reuters files, and the end-of-text mark removed.
fn unescape(text: &str) -> String {
    text.replace("&#3;", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A blank line before every indented line, so that indentation-marked
/// paragraphs survive normalisation (which trims lines).
fn paragraphs_from_indentation(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for line in text.lines() {
        if line.starts_with([' ', '\t']) && !line.trim().is_empty() && !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn read_documents(paths: &[PathBuf]) -> Vec<Document> {
    let mut files = Vec::new();
    for path in paths {
        if let Err(error) = collect_files(path, &mut files) {
            eprintln!("{}: {error}", path.display());
        }
    }
    let mut documents = Vec::new();
    for file in files {
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{}: {error}", file.display());
                continue;
            }
        };
        let name = file.display().to_string();
        if file.extension().is_some_and(|extension| extension == "sgm") {
            let text = decode(&bytes).text;
            for (number, body) in sgml_bodies(&text).into_iter().enumerate() {
                documents.push(Document {
                    name: format!("{name}#{}", number + 1),
                    text: normalize(&body),
                });
            }
        } else {
            documents.push(Document {
                name,
                text: normalize(&decode(&bytes).text),
            });
        }
    }
    documents
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let documents = read_documents(&options.paths);

    let mut builder = RepeatedLinesBuilder::new();
    for document in &documents {
        builder.add_text(&document.text);
    }
    let repeated = Arc::new(builder.build());

    let mut lines_total = 0usize;
    let mut dropped_by_reason: HashMap<BoilerplateReason, usize> = HashMap::new();
    let mut dropped_lines: HashMap<(String, BoilerplateReason), usize> = HashMap::new();
    let mut documents_with_drops = 0usize;
    for document in &documents {
        let mut dropped_here = false;
        for verdict in classify_lines(&document.text, Some(&repeated)) {
            match verdict.kind {
                LineKind::Blank => {}
                LineKind::Content => lines_total += 1,
                LineKind::Boilerplate(reason) => {
                    lines_total += 1;
                    dropped_here = true;
                    *dropped_by_reason.entry(reason).or_insert(0) += 1;
                    *dropped_lines
                        .entry((verdict.text.to_owned(), reason))
                        .or_insert(0) += 1;
                    if options.list {
                        println!(
                            "DROPPED {}:{} [{reason}] {}",
                            document.name, verdict.number, verdict.text
                        );
                    }
                }
            }
        }
        documents_with_drops += usize::from(dropped_here);
    }

    let ingest_options = IngestOptions {
        repeated_lines: Some(Arc::clone(&repeated)),
        ..IngestOptions::default()
    };
    let mut with_title = 0;
    let mut with_authors = 0;
    let mut with_outlet = 0;
    let mut with_dateline = 0;
    let mut with_published = 0;
    let mut with_sections: Vec<(String, Vec<String>)> = Vec::new();
    for document in &documents {
        for article in ingest(
            document.text.as_bytes(),
            &Source::new(&document.name),
            &ingest_options,
        ) {
            if options.metadata {
                println!(
                    "METADATA {} title={:?} authors={:?} outlet={:?} dateline={:?} published={:?}",
                    document.name,
                    article.title,
                    article.authors,
                    article.outlet,
                    article.dateline,
                    article.published
                );
            }
            with_title += usize::from(article.title.is_some());
            with_authors += usize::from(!article.authors.is_empty());
            with_outlet += usize::from(article.outlet.is_some());
            with_dateline += usize::from(article.dateline.is_some());
            with_published += usize::from(article.published.is_some());
            if !article.sections.is_empty() {
                let headings = article
                    .sections
                    .into_iter()
                    .map(|section| section.heading)
                    .collect();
                with_sections.push((document.name.clone(), headings));
            }
        }
    }

    let dropped_total: usize = dropped_by_reason.values().sum();
    println!("documents:            {}", documents.len());
    println!("non-blank lines:      {lines_total}");
    println!(
        "repeated lines (set): {} (a line must be in >= {} documents)",
        repeated.len(),
        repeated.min_files()
    );
    println!("dropped lines:        {dropped_total} in {documents_with_drops} documents");
    for reason in BoilerplateReason::ALL {
        if let Some(count) = dropped_by_reason.get(&reason) {
            println!("  {:<14} {count}", reason.as_str());
        }
    }
    let mut top: Vec<(&(String, BoilerplateReason), &usize)> = dropped_lines.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    println!(
        "top {} dropped lines ({} distinct):",
        options.top.min(top.len()),
        top.len()
    );
    for ((line, reason), count) in top.into_iter().take(options.top) {
        let shown: String = line.chars().take(80).collect();
        println!("  {count:>6}  {:<14} {shown}", reason.as_str());
    }
    println!(
        "metadata: title {with_title}, authors {with_authors}, outlet {with_outlet}, dateline {with_dateline}, published {with_published}, sections {}",
        with_sections.len()
    );
    for (name, headings) in with_sections.iter().take(options.top) {
        println!("  sections in {name}: {headings:?}");
    }
    ExitCode::SUCCESS
}
