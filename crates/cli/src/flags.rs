//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Search engine for news archives: who said what, about whom, and when.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, max_term_width = 100)]
pub struct Cli {
    /// The index directory [default: .newsdex in the current directory].
    #[arg(long, global = true, env = "NEWSDEX_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to color output: auto means when stdout is a terminal and NO_COLOR is unset.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

/// Whether to use colors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add news files to the index, or bring it up to date with them.
    Index(IndexArgs),
    /// Search the index and print ranked hits with highlighted snippets.
    Search(SearchArgs),
    /// Print one article by id.
    Show(ShowArgs),
    /// Print counts that describe the index.
    Stats(StatsArgs),
    /// Read news files and print the clean articles, without indexing.
    Extract(ExtractArgs),
    /// List the entities most mentioned by the articles that match.
    Entities(EntitiesArgs),
    /// Draw a bar chart of matching articles per month or year.
    Timeline(TimelineArgs),
    /// List direct quotes that match, with who said them and where.
    Quotes(QuotesArgs),
    /// List the speakers quoted most in the quotes that match.
    Speakers(SpeakersArgs),
}

/// Restrictions on entities and dates, shared by search, entities and timeline.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only articles that mention this person (words of the canonical name; repeatable).
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,

    /// Only articles that mention this organisation (repeatable).
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,

    /// Only articles that mention this place (repeatable).
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,

    /// Only articles that quote this speaker; for quotes, only what this speaker said (repeatable).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Only articles published on or after this date (2022-03-09, 2022-03 or 2022).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles published on or before the end of this date (2022 = through 2022-12-31).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Only articles that mention a date on or after this one.
    #[arg(long, value_name = "DATE")]
    pub mentions_since: Option<String>,

    /// Only articles that mention a date on or before the end of this one.
    #[arg(long, value_name = "DATE")]
    pub mentions_until: Option<String>,
}

/// `newsdex entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Count among the articles that match this query [default: all articles].
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Only this kind of entity.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,

    /// How many entities to list.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Print JSON Lines: one {"type":"entity"} per entity.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Words the quote must contain, in search syntax [default: every quote].
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// How many quotes to print.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,

    /// Skip this many quotes first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,

    /// Order of quotes [default: relevance with a query, newest without].
    #[arg(long, value_enum)]
    pub sort: Option<SortArg>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Print JSON Lines: one {"type":"quote"} per quote, then a {"type":"summary"}.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex speakers`.
#[derive(Debug, Args)]
pub struct SpeakersArgs {
    /// Count among the quotes that contain these words [default: every quote].
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// How many speakers to list.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Print JSON Lines: one {"type":"speaker"} per speaker.
    #[arg(long)]
    pub json: bool,
}

/// Kinds of entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// People.
    Person,
    /// Organisations.
    #[value(alias = "org")]
    Organization,
    /// Places.
    Place,
}

/// `newsdex timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Count the articles that match this query [default: all articles].
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Bar width [default: months when the dates span at most three years, else years].
    #[arg(long, value_enum)]
    pub by: Option<GranularityArg>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Print JSON Lines: one {"type":"period"} per bar, then a {"type":"summary"}.
    #[arg(long)]
    pub json: bool,
}

/// Timeline granularities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GranularityArg {
    /// One bar per month.
    Month,
    /// One bar per year.
    Year,
}

/// Settings shared by the commands that read news files.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Use this publication date (YYYY-MM-DD, YYYY-MM or YYYY) for every article.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,

    #[command(flatten)]
    pub article_limit: ArticleLimitArgs,
}

/// The article length limit, for every command that reads news files.
#[derive(Debug, Args)]
pub struct ArticleLimitArgs {
    /// Cut the text of an article longer than this many megabytes, with a warning.
    #[arg(
        long = "max-article-size",
        value_name = "MB",
        default_value_t = DEFAULT_MAX_ARTICLE_MB,
        value_parser = at_least_one_megabyte
    )]
    pub max_article_size: u64,
}

impl ArticleLimitArgs {
    /// The limit in bytes.
    pub fn max_article_bytes(&self) -> usize {
        usize::try_from(self.max_article_size.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX)
    }
}

fn at_least_one_megabyte(value: &str) -> Result<u64, String> {
    match value.parse::<u64>() {
        Ok(0) => Err("an article needs at least 1 megabyte".to_owned()),
        Ok(megabytes) => Ok(megabytes),
        Err(_) => Err("not a whole number of megabytes".to_owned()),
    }
}

/// The default of `--max-article-size`, in megabytes.
const DEFAULT_MAX_ARTICLE_MB: u64 =
    (newsdex_ingest::DEFAULT_MAX_ARTICLE_BYTES / (1024 * 1024)) as u64;

/// `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and directories to index; directories are walked for *.txt files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// The index writer's memory budget, in megabytes: what it buffers
    /// before writing a segment, and the most one merge of segments reads.
    #[arg(long, default_value_t = 200, value_name = "MB")]
    pub memory: usize,

    /// Indexing threads [default: one per core, at most 8].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Skip files larger than this many megabytes.
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub max_file_size: u64,

    /// Commit after this many articles, so that a crash loses at most that many.
    #[arg(long, default_value_t = 50_000, value_name = "N")]
    pub commit_every: usize,

    /// Print no progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,

    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query, in tantivy syntax: words (all required), "phrases", OR, NOT, field:term.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// How many hits to print.
    #[arg(short = 'n', long, default_value_t = 10)]
    pub limit: usize,

    /// Skip this many hits first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,

    /// Only match text inside sections with this heading ("The Facts").
    #[arg(long, value_name = "HEADING")]
    pub section: Option<String>,

    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Bring the index up to date with these files or directories first
    /// (indexing them on first use).
    #[arg(long = "in", value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    // For --in.
    #[command(flatten)]
    pub article_limit: ArticleLimitArgs,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Print JSON Lines: one {"type":"hit"} per hit, then a {"type":"summary"}.
    #[arg(long)]
    pub json: bool,
}

/// Orders of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first (same as newest).
    Date,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
}

/// `newsdex show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article id, as printed by search.
    pub id: String,

    /// Print the article as one JSON line.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print the counts as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files and directories to read; directories are walked for *.txt files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Print JSON Lines, one {"type":"article"} per article (the data contract).
    #[arg(long)]
    pub json: bool,
}
