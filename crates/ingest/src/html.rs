//! HTML pages: the main text through [`dom_smoothie`] (a Readability.js
//! port), the metadata from the page's own declarations.
//!
//! Metadata comes, in order of trust, from JSON-LD `NewsArticle` (headline,
//! author, datePublished, publisher, articleSection), Open Graph and
//! `article:*` meta tags, other meta tags, `<time datetime>`, and last the
//! `<title>` as Readability cleans it. The body keeps the article's `<h2>`…
//! `<h6>` headings as [`Section`]s.
//!
//! Pages nested deeper than [`MAX_DEPTH`] (the HTML parser and Readability
//! both take time quadratic in depth) or where Readability finds no article
//! are read with the tolerant tag scanner instead, and their text goes
//! through the plain-text parser with its boilerplate removal. The depth is
//! measured on the tree the HTML parser builds, while it builds it: the
//! parser's error recovery (ignored end tags, reopened formatting elements,
//! templates, foreign content) nests elements in ways no tag count predicts.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilderOpts, TreeSink};
use html5ever::{Attribute, ParseOpts, QualName, parse_document};
use serde_json::{Map, Value};

use crate::article::{Article, Section};
use crate::markup::text_of;
use crate::normalize::normalize;
use crate::record::{FileContext, Record, clean_line, finish_file, normalize_date, split_authors};

/// Pages whose elements nest deeper than this are not given to Readability:
/// real pages stay well under 100 levels, and the time the HTML parser and
/// Readability take grows with the square of the depth (10,000 nested
/// `<div>`s take half a minute, 100,000 hours).
pub(crate) const MAX_DEPTH: usize = 200;

/// How much of a page the HTML parser is given between two looks at the
/// depth of its tree. Within one chunk the tree can grow by at most one
/// element per three bytes, which bounds the parser's quadratic work before
/// a page that is too deep is given up on.
const PARSE_CHUNK_BYTES: usize = 16 * 1024;

/// What the page declares about itself.
#[derive(Debug, Default)]
struct PageMeta {
    title: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    topics: Vec<String>,
    language: Option<String>,
    /// The text of `<time>` elements, to recognise a date line in the body.
    time_texts: Vec<String>,
    /// `articleBody` from JSON-LD, used when the page's markup has no text.
    ld_body: Option<String>,
}

/// Reads the article of an HTML page.
pub(crate) fn read(
    html: &str,
    context: &FileContext<'_>,
    mut file_warnings: Vec<String>,
) -> Vec<Article> {
    let Some(document) = parse_within_depth(html) else {
        file_warnings.push(format!(
            "elements nested more than {MAX_DEPTH} deep: read as tag soup without finding the main text"
        ));
        let meta = PageMeta::default();
        return fallback(html, meta, context, file_warnings);
    };
    let meta = page_meta(&document);
    let config = Config {
        text_mode: TextMode::Raw,
        ..Config::default()
    };
    let parsed = Readability::with_document(document, None, Some(config))
        .and_then(|mut readability| readability.parse());
    let extracted = match parsed {
        Ok(extracted) => extracted,
        Err(error) => {
            file_warnings.push(format!(
                "no main text found ({error}): the page's text was read as plain text"
            ));
            return fallback(html, meta, context, file_warnings);
        }
    };
    let content = Document::from(extracted.content.as_ref());
    let blocks = render(&content);
    let readability_title = clean_line(&extracted.title);
    let title = meta.title.clone().or(readability_title);
    let mut record = Record {
        title,
        authors: meta.authors.clone(),
        published: meta.published.clone(),
        outlet: meta.outlet.clone(),
        url: meta.url.clone(),
        topics: meta.topics.clone(),
        declared_language: meta.language.clone().or_else(|| extracted.lang.clone()),
        ..Record::default()
    };
    if record.authors.is_empty()
        && let Some(byline) = &extracted.byline
    {
        record.authors = split_authors(byline);
    }
    if record.published.is_none() {
        record.published = extracted.published_time.as_deref().and_then(normalize_date);
    }
    if record.outlet.is_none() {
        record.outlet = extracted.site_name.as_deref().and_then(clean_line);
    }
    let (body, sections) = assemble(&blocks, &record, &meta);
    if body.is_empty() {
        file_warnings.push(
            "the main text found was empty: the page's text was read as plain text".to_owned(),
        );
        return fallback(html, meta, context, file_warnings);
    }
    record.body = body;
    record.sections = sections;
    finish_file(
        context,
        vec![record.into_article(context)],
        file_warnings,
        String::new,
    )
}

/// Reads a page with the tag scanner and the plain-text parser, keeping
/// what the page declares about itself.
fn fallback(
    html: &str,
    meta: PageMeta,
    context: &FileContext<'_>,
    file_warnings: Vec<String>,
) -> Vec<Article> {
    const SKIP: &[&str] = &[
        "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form",
        "button", "select", "svg", "iframe", "textarea",
    ];
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dd",
        "dt",
        "figure",
        "figcaption",
        "hr",
        "main",
        "header",
        "title",
    ];
    let text = normalize(&text_of(html, SKIP, BLOCKS));
    let parsed = crate::text::parse(&text, context.options.repeated_lines.as_deref());
    let mut record = Record {
        title: meta.title.or(parsed.title),
        authors: if meta.authors.is_empty() {
            parsed.authors
        } else {
            meta.authors
        },
        outlet: meta.outlet.or(parsed.outlet),
        dateline: parsed.dateline,
        published: meta.published.or(parsed.published),
        url: meta.url,
        topics: meta.topics,
        declared_language: meta.language,
        sections: parsed.sections,
        body: parsed.body,
        ..Record::default()
    };
    if record.body.is_empty()
        && let Some(body) = meta.ld_body
    {
        record.body = crate::record::shape_body(&body, crate::record::LineBreaks::Guess);
        record.sections.clear();
    }
    let mut warnings = file_warnings;
    warnings.extend(parsed.warnings);
    let articles = if record.body.is_empty() && record.title.is_none() {
        Vec::new()
    } else {
        vec![record.into_article(context)]
    };
    finish_file(context, articles, warnings, || {
        "the page has no text".to_owned()
    })
}

/// Parses a page into a DOM as [`Document::from`] does, unless its elements
/// nest deeper than [`MAX_DEPTH`]; then parsing stops early and the answer
/// is `None`.
///
/// The page is fed to the parser a chunk at a time and the depth of every
/// node it inserts is measured on the tree itself, so whatever the parser's
/// error recovery does is counted.
fn parse_within_depth(html: &str) -> Option<Document> {
    let sink = DepthLimitedSink {
        document: Document::default(),
        deepest: Cell::new(0),
        template_of_contents: RefCell::new(HashMap::new()),
    };
    let options = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        },
        ..ParseOpts::default()
    };
    let mut parser = parse_document(sink, options);
    let mut rest = html;
    while !rest.is_empty() {
        let mut end = rest.len().min(PARSE_CHUNK_BYTES);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (chunk, tail) = rest.split_at(end);
        parser.process(StrTendril::from_slice(chunk));
        if parser.tokenizer.sink.sink.deepest.get() > MAX_DEPTH {
            return None;
        }
        rest = tail;
    }
    let sink = parser.finish();
    (sink.deepest.get() <= MAX_DEPTH).then_some(sink.document)
}

/// A [`Document`] being built by the HTML parser that remembers how deep
/// the deepest node inserted so far sits.
struct DepthLimitedSink {
    document: Document,
    /// The depth of the deepest node inserted, counted up to just over
    /// [`MAX_DEPTH`].
    deepest: Cell<usize>,
    /// A template's contents are a fragment of their own, without a parent;
    /// they count as nested inside their template.
    template_of_contents: RefCell<HashMap<NodeId, NodeId>>,
}

impl DepthLimitedSink {
    /// How many ancestors `node` has, through templates, counted up to just
    /// over [`MAX_DEPTH`].
    fn depth_of(&self, node: &NodeId) -> usize {
        let templates = self.template_of_contents.borrow();
        let mut depth = 0;
        let mut current = *node;
        loop {
            let mut top = current;
            for ancestor in self.document.tree.ancestor_ids_of_it(&current, None) {
                depth += 1;
                if depth > MAX_DEPTH {
                    return depth;
                }
                top = ancestor;
            }
            match templates.get(&top) {
                Some(template) => {
                    depth += 1;
                    current = *template;
                }
                None => return depth,
            }
        }
    }

    fn inserting_at_depth(&self, depth: usize) {
        if depth > self.deepest.get() {
            self.deepest.set(depth);
        }
    }

    fn inserting_into(&self, parent: &NodeId) {
        // Once the page is known to be too deep, nothing needs measuring.
        if self.deepest.get() <= MAX_DEPTH {
            self.inserting_at_depth(self.depth_of(parent) + 1);
        }
    }

    fn inserting_beside(&self, sibling: &NodeId) {
        if self.deepest.get() <= MAX_DEPTH {
            self.inserting_at_depth(self.depth_of(sibling));
        }
    }
}

impl TreeSink for DepthLimitedSink {
    type Handle = NodeId;
    type Output = Self;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, message: Cow<'static, str>) {
        self.document.parse_error(message);
    }

    fn get_document(&self) -> NodeId {
        self.document.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.document.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.document.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.document.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.document.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if matches!(child, NodeOrText::AppendNode(_)) {
            self.inserting_into(parent);
        }
        self.document.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if matches!(child, NodeOrText::AppendNode(_)) {
            // The child goes beside `element` if that has a parent, else
            // into `prev_element`: counting both is an upper bound.
            self.inserting_beside(element);
            self.inserting_into(prev_element);
        }
        self.document
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.document
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let contents = self.document.get_template_contents(target);
        self.template_of_contents
            .borrow_mut()
            .insert(contents, *target);
        contents
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.document.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.document.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        if matches!(new_node, NodeOrText::AppendNode(_)) {
            self.inserting_beside(sibling);
        }
        self.document.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.document.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.document.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inserting_into(new_parent);
        self.document.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.document
            .is_mathml_annotation_xml_integration_point(handle)
    }
}

/// A piece of the extracted article.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Paragraph(String),
    Heading { level: u8, text: String },
}

/// The paragraphs and headings of Readability's article content, walked
/// without recursion.
fn render(content: &Document) -> Vec<Block> {
    const SKIP: &[&str] = &[
        "script",
        "style",
        "noscript",
        "template",
        "figcaption",
        "button",
        "form",
        "select",
        "textarea",
        "svg",
        "iframe",
        "nav",
        "aside",
    ];
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "section",
        "article",
        "li",
        "blockquote",
        "pre",
        "tr",
        "table",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "header",
        "footer",
        "main",
        "figure",
        "br",
        "hr",
        "body",
        "center",
        "address",
        "details",
        "summary",
    ];
    let mut blocks = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, blocks: &mut Vec<Block>| {
        if let Some(paragraph) = clean_line(current) {
            blocks.push(Block::Paragraph(paragraph));
        }
        current.clear();
    };
    // (node, whether its children were already pushed)
    let mut stack: Vec<(NodeRef<'_>, bool)> = vec![(content.root(), false)];
    while let Some((node, visited)) = stack.pop() {
        if node.is_text() {
            current.push_str(&node.text());
            continue;
        }
        let name = node
            .node_name()
            .map(|name| name.to_ascii_lowercase())
            .unwrap_or_default();
        if visited {
            if BLOCKS.contains(&name.as_str()) {
                flush(&mut current, &mut blocks);
            } else if name == "td" || name == "th" {
                current.push(' ');
            }
            continue;
        }
        if SKIP.contains(&name.as_str()) {
            continue;
        }
        if let Some(level) = heading_level(&name) {
            flush(&mut current, &mut blocks);
            if let Some(text) = clean_line(&node.text()) {
                blocks.push(Block::Heading { level, text });
            }
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            flush(&mut current, &mut blocks);
        }
        stack.push((node, true));
        let children: Vec<NodeRef<'_>> = node.children_it(true).collect();
        stack.extend(children.into_iter().map(|child| (child, false)));
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

/// Joins the blocks into the body, dropping a repeated title and the
/// byline or date lines that open it, and computes the sections: each
/// heading spans the paragraphs after it up to the next heading of the
/// same or a higher level.
fn assemble(blocks: &[Block], record: &Record, meta: &PageMeta) -> (String, Vec<Section>) {
    let mut kept: Vec<&Block> = Vec::with_capacity(blocks.len());
    let mut opening = true;
    for block in blocks {
        match block {
            Block::Paragraph(text) if opening && is_metadata_line(text, record, meta) => continue,
            Block::Heading { text, .. }
                if opening
                    && record
                        .title
                        .as_deref()
                        .is_some_and(|title| same_text(title, text)) =>
            {
                continue;
            }
            Block::Paragraph(text) if text.chars().count() > 120 => opening = false,
            _ => {}
        }
        kept.push(block);
    }
    let mut body = String::new();
    // For each heading: (level, heading text, start offset, end offset).
    let mut open: Vec<(u8, String, Option<usize>, usize)> = Vec::new();
    let mut sections = Vec::new();
    let close = |open: &mut Vec<(u8, String, Option<usize>, usize)>,
                 sections: &mut Vec<Section>,
                 level: u8| {
        while open
            .last()
            .is_some_and(|(open_level, ..)| *open_level >= level)
        {
            if let Some((_, heading, Some(start), end)) = open.pop() {
                sections.push(Section {
                    heading,
                    start,
                    end,
                });
            }
        }
    };
    for block in kept {
        match block {
            Block::Heading { level, text } => {
                close(&mut open, &mut sections, *level);
                open.push((*level, text.clone(), None, 0));
            }
            Block::Paragraph(text) => {
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                let start = body.len();
                body.push_str(text);
                for (_, _, section_start, end) in &mut open {
                    section_start.get_or_insert(start);
                    *end = body.len();
                }
            }
        }
    }
    close(&mut open, &mut sections, 0);
    sections.sort_by_key(|section| (section.start, std::cmp::Reverse(section.end)));
    (body, sections)
}

/// Whether an opening paragraph only restates metadata: the title, a
/// byline, or the date of a `<time>` element.
fn is_metadata_line(text: &str, record: &Record, meta: &PageMeta) -> bool {
    if text.chars().count() > 120 {
        return false;
    }
    if record
        .title
        .as_deref()
        .is_some_and(|title| same_text(title, text))
    {
        return true;
    }
    let lower = text.to_lowercase();
    let names_author = record
        .authors
        .iter()
        .any(|author| lower.contains(&author.to_lowercase()));
    let bylined = ["by ", "von ", "par ", "por ", "di "]
        .iter()
        .any(|prefix| lower.starts_with(prefix));
    let dated = meta
        .time_texts
        .iter()
        .any(|time| !time.is_empty() && text.contains(time.as_str()));
    names_author || bylined || dated
}

fn same_text(a: &str, b: &str) -> bool {
    let simplify = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    simplify(a) == simplify(b)
}

/// What the page declares: JSON-LD, meta tags, `<time>`, `<html lang>`.
fn page_meta(document: &Document) -> PageMeta {
    let mut meta = PageMeta::default();
    let ld = json_ld_article(document);
    let metas = meta_tags(document);
    let get = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            metas
                .iter()
                .find(|(key, _)| key == name)
                .and_then(|(_, value)| clean_line(value))
        })
    };
    let ld_field = |name: &str| ld.as_ref().and_then(|ld| ld.get(name));

    meta.title = ld_field("headline")
        .and_then(Value::as_str)
        .and_then(clean_line)
        .or_else(|| get(&["og:title", "twitter:title", "dc.title", "title"]));

    meta.authors = ld_field("author").map(ld_names).unwrap_or_default();
    if meta.authors.is_empty() {
        meta.authors = get(&[
            "author",
            "article:author",
            "dc.creator",
            "byl",
            "sailthru.author",
            "parsely-author",
        ])
        .filter(|author| !author.contains("://"))
        .map(|author| split_authors(&author))
        .unwrap_or_default();
    }
    if meta.authors.is_empty() {
        let mut names = Vec::new();
        for node in document.select("[rel=author], [itemprop=author]").nodes() {
            if let Some(name) = clean_line(&node.text())
                && name.chars().count() <= 80
            {
                names.extend(split_authors(&name));
            }
        }
        names.dedup();
        meta.authors = names;
    }

    let mut time_values = Vec::new();
    for node in document.select("time").nodes() {
        if let Some(text) = clean_line(&node.text()) {
            meta.time_texts.push(text);
        }
        if let Some(value) = node.attr("datetime") {
            time_values.push(value.to_string());
        }
    }
    let itemprop_date = document
        .select("[itemprop=datePublished]")
        .nodes()
        .iter()
        .find_map(|node| {
            node.attr("content")
                .or_else(|| node.attr("datetime"))
                .map(|value| value.to_string())
        });
    meta.published = ld_field("datePublished")
        .or_else(|| ld_field("dateCreated"))
        .and_then(Value::as_str)
        .and_then(normalize_date)
        .or_else(|| {
            get(&[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
                "parsely-pub-date",
                "sailthru.date",
                "article.published",
            ])
            .as_deref()
            .and_then(normalize_date)
        })
        .or_else(|| itemprop_date.as_deref().and_then(normalize_date))
        .or_else(|| time_values.iter().find_map(|value| normalize_date(value)));

    meta.outlet = ld_field("publisher")
        .map(ld_names)
        .and_then(|names| names.into_iter().next())
        .or_else(|| {
            get(&[
                "og:site_name",
                "application-name",
                "publisher",
                "dc.publisher",
            ])
        });

    meta.url = document
        .select("link[rel=canonical]")
        .attr("href")
        .and_then(|href| clean_line(&href))
        .or_else(|| get(&["og:url"]))
        .or_else(|| ld_field("url").and_then(Value::as_str).and_then(clean_line));

    if let Some(section) = ld_field("articleSection") {
        meta.topics.extend(ld_strings(section));
    }
    if let Some(section) = get(&["article:section"])
        && !meta.topics.contains(&section)
    {
        meta.topics.push(section);
    }

    meta.language = document
        .select("html")
        .attr("lang")
        .map(|lang| lang.to_string())
        .filter(|lang| !lang.trim().is_empty())
        .or_else(|| {
            ld_field("inLanguage")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .or_else(|| get(&["og:locale", "content-language", "language", "dc.language"]));

    meta.ld_body = ld_field("articleBody")
        .and_then(Value::as_str)
        .map(str::to_owned);
    meta
}

/// `(name or property, content)` of the page's meta tags, names lowercase.
fn meta_tags(document: &Document) -> Vec<(String, String)> {
    let mut tags = Vec::new();
    for node in document.select("meta").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let key = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("http-equiv"));
        if let Some(key) = key {
            tags.push((key.trim().to_ascii_lowercase(), content.to_string()));
        }
    }
    tags
}

/// The first JSON-LD object of the page whose `@type` is an article
/// (`NewsArticle`, `Article`, `ReportageNewsArticle`, `BlogPosting`…),
/// looked for in arrays and `@graph`s.
fn json_ld_article(document: &Document) -> Option<Map<String, Value>> {
    for node in document
        .select("script[type='application/ld+json']")
        .nodes()
    {
        let text = node.text();
        let text = text
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_end_matches(';');
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        if let Some(article) = find_ld_article(&value, 0) {
            return Some(article.clone());
        }
    }
    None
}

fn find_ld_article(value: &Value, depth: usize) -> Option<&Map<String, Value>> {
    if depth > 8 {
        return None;
    }
    match value {
        Value::Object(object) => {
            if object.get("@type").is_some_and(is_article_type) {
                return Some(object);
            }
            [
                "@graph",
                "mainEntity",
                "mainEntityOfPage",
                "itemListElement",
            ]
            .iter()
            .filter_map(|key| object.get(*key))
            .find_map(|inner| find_ld_article(inner, depth + 1))
        }
        Value::Array(values) => values
            .iter()
            .find_map(|inner| find_ld_article(inner, depth + 1)),
        _ => None,
    }
}

fn is_article_type(value: &Value) -> bool {
    match value {
        Value::String(kind) => {
            let kind = kind.rsplit(['/', ':']).next().unwrap_or(kind);
            kind.ends_with("Article") || kind.ends_with("BlogPosting") || kind == "Report"
        }
        Value::Array(kinds) => kinds.iter().any(is_article_type),
        _ => false,
    }
}

/// Names from JSON-LD: a string, a `{"name": …}` object, or an array of them.
fn ld_names(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => split_authors(text),
        Value::Object(object) => object.get("name").map(ld_names).unwrap_or_default(),
        Value::Array(values) => {
            let mut names: Vec<String> = Vec::new();
            for name in values.iter().flat_map(ld_names) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            names
        }
        _ => Vec::new(),
    }
}

fn ld_strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => clean_line(text).into_iter().collect(),
        Value::Array(values) => values.iter().flat_map(ld_strings).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The depth of the deepest element of a parsed page, walked without
    /// recursion.
    fn deepest_element(document: &Document) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(document.root(), 0)];
        while let Some((node, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            stack.extend(node.children_it(false).map(|child| (child, depth + 1)));
        }
        deepest
    }

    #[test]
    fn pages_within_the_depth_limit_parse_as_document_from_does() {
        let page = "<!DOCTYPE html><html><head><title>T</title></head><body>\
            <div><p>One <b>bold<p>two</b> three<table><tr><td>cell</table>\
            <template><div><p>kept</template><svg><g><text>svg</text></g></svg></div>";
        let document = parse_within_depth(page).expect("shallow page");
        assert_eq!(document.html(), Document::from(page).html());
        // The html element is at depth 1 and the body at 2.
        let at_limit = format!("<html><body>{}", "<div>".repeat(MAX_DEPTH - 2));
        let document = parse_within_depth(&at_limit).expect("at the limit");
        assert_eq!(deepest_element(&document), MAX_DEPTH);
        let over_limit = format!("<html><body>{}", "<div>".repeat(MAX_DEPTH - 1));
        assert!(parse_within_depth(&over_limit).is_none());
    }

    #[test]
    fn pages_nested_too_deep_are_refused_however_they_nest() {
        let pages = [
            "<div>".repeat(MAX_DEPTH),
            // End tags that close nothing, which a tag count would believe.
            "<div></span>".repeat(MAX_DEPTH),
            // Formatting elements reopened in every paragraph.
            (0..MAX_DEPTH)
                .map(|number| format!("<p><b id={number}>x</p>"))
                .collect(),
            // Templates, whose contents have no parent in the tree.
            "<template>".repeat(MAX_DEPTH),
            // Script and CDATA are markup inside SVG.
            format!("<svg><script>{}</script>", "<g>".repeat(MAX_DEPTH)),
            format!("<svg><![CDATA[ ]]>{}", "<g>".repeat(MAX_DEPTH)),
        ];
        for (number, page) in pages.iter().enumerate() {
            let shown = &page[..page.len().min(60)];
            // Each page really nests that deep (a template's contents are
            // not among its children, so that page cannot be checked so).
            if !page.starts_with("<template>") {
                assert!(
                    deepest_element(&Document::from(page.as_str())) > MAX_DEPTH,
                    "page {number} is not deep: {shown}"
                );
            }
            assert!(parse_within_depth(page).is_none(), "{shown}");
        }
    }

    #[test]
    fn renders_paragraphs_and_headings() {
        let document = Document::from(
            "<div><p>One <b>bold</b> line.</p><h2>Part</h2><p>Two</p><ul><li>a</li><li>b</li></ul></div>",
        );
        let blocks = render(&document);
        assert_eq!(
            blocks,
            [
                Block::Paragraph("One bold line.".into()),
                Block::Heading {
                    level: 2,
                    text: "Part".into()
                },
                Block::Paragraph("Two".into()),
                Block::Paragraph("a".into()),
                Block::Paragraph("b".into()),
            ]
        );
    }

    #[test]
    fn sections_span_their_paragraphs() {
        let blocks = [
            Block::Paragraph("Intro.".into()),
            Block::Heading {
                level: 2,
                text: "The Spin".into(),
            },
            Block::Heading {
                level: 3,
                text: "Narrative A".into(),
            },
            Block::Paragraph("A.".into()),
            Block::Heading {
                level: 3,
                text: "Narrative B".into(),
            },
            Block::Paragraph("B.".into()),
        ];
        let (body, sections) = assemble(&blocks, &Record::default(), &PageMeta::default());
        assert_eq!(body, "Intro.\n\nA.\n\nB.");
        let found: Vec<(&str, &str)> = sections
            .iter()
            .map(|section| (section.heading.as_str(), &body[section.start..section.end]))
            .collect();
        assert_eq!(
            found,
            [
                ("The Spin", "A.\n\nB."),
                ("Narrative A", "A."),
                ("Narrative B", "B.")
            ]
        );
    }
}
