//! Boilerplate removal for pages scraped to text.
//!
//! A line is dropped as boilerplate by one of these rules, applied in this
//! order; a line that no rule drops is kept.
//!
//! 1. **Cue lines.** [`CUES`] is a table of phrases that page furniture
//!    opens with or consists of ("Skip to main content", "Share on
//!    Facebook", "Sign up to our daily newsletter", "Image copyright: …",
//!    "Advertisement", "Read more", "We use cookies …"). A cue only matches
//!    a *short* line that it dominates: each entry says how many words may
//!    follow the phrase, so "Share this article" is dropped while "Share
//!    prices fell sharply on Monday." is kept. Lines made only of menu or
//!    share-bar words ("Home | News | Sport", "Facebook Twitter Email") are
//!    cue lines too. A line that continues the sentence of the line before
//!    it (it starts in lower case after a line without sentence
//!    punctuation) is never a cue line.
//! 2. **Position.** Strong cues (distinctive phrases) are dropped anywhere.
//!    Weak cues (single generic words such as "Home", "Email", "Print",
//!    "Comments") are dropped only in the top zone (before the first line
//!    of prose), in the bottom zone (after the last line of prose), or next
//!    to another cue line; a lone "Email" between two paragraphs stays.
//! 3. **Author bios.** A heading such as "About The Author" and the
//!    paragraphs after it (at most [`MAX_BIO_BLOCKS`], up to the next cue or
//!    short line) are dropped; so is a last paragraph that opens like a bio
//!    ("Emily Jones is a multi-media journalist for CBN News …"). The text
//!    is mined for the author and outlet before it goes.
//! 4. **Wire sign-offs.** A last line that is only a wire service's sign-off
//!    ("Reuter", "REUTER", "MORE", "-30-") is dropped. A sign-off glued to
//!    the end of the last sentence ("… (33.7). REUTER") is left alone: it
//!    cannot be cut without editing a line of text.
//! 5. **Decoration.** Separator lines drawn with characters ("* * *",
//!    "___", "- - - -") are dropped.
//! 6. **Repetition.** A short line that occurs in many files of the same run
//!    ([`RepeatedLines`]) is dropped wherever it occurs: site names, footers,
//!    database labels.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

use crate::metadata;
use crate::text::{self, Line};

/// At most this many paragraphs after an "About the author" heading are
/// taken as the bio; bios are short, and the limit protects the article if
/// such a heading appears in an unusual place.
const MAX_BIO_BLOCKS: usize = 3;

/// Lines longer than this are never cue lines; the longest cues are cookie
/// notices of a few sentences.
const MAX_CUE_LINE_BYTES: usize = 400;

/// The longest line, in words, that counts towards repetition.
const MAX_REPEATED_LINE_WORDS: usize = 12;

/// The longest line, in bytes, that counts towards repetition.
const MAX_REPEATED_LINE_BYTES: usize = 160;

/// Why a line was dropped as boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum BoilerplateReason {
    /// Site navigation: "Skip to main content", "Menu", "Home", breadcrumbs.
    Navigation,
    /// Share prompts and share bars: "Share This article", "Tweet", "Email".
    Share,
    /// Newsletter and subscription prompts.
    Newsletter,
    /// Image credits and captions: "Image copyright: …", "Photo: …".
    ImageCredit,
    /// Advertising markers: "Advertisement", "Sponsored content".
    Advertisement,
    /// Links to other articles: "Read more", "Related articles".
    Related,
    /// Embedded media prompts: "Watch: …", "Your browser does not support …".
    Media,
    /// Cookie and privacy notices.
    Cookie,
    /// Social-media prompts: "Follow us on Twitter", "Like us on Facebook".
    Social,
    /// Comment prompts: "Comments", "Leave a comment".
    Comments,
    /// Copyright and rights lines: "© 2022 …", "All rights reserved".
    Copyright,
    /// Tag and category lists: "Tags: …", "Filed under: …".
    Tags,
    /// Separator lines: "* * *", "___".
    Decoration,
    /// An author-bio block, or its heading.
    AuthorBio,
    /// A wire service's sign-off at the end: "Reuter", "MORE".
    WireSignOff,
    /// A short line that occurs in many files of the run.
    Repeated,
}

impl BoilerplateReason {
    /// Every reason, in declaration order.
    pub const ALL: [BoilerplateReason; 16] = [
        BoilerplateReason::Navigation,
        BoilerplateReason::Share,
        BoilerplateReason::Newsletter,
        BoilerplateReason::ImageCredit,
        BoilerplateReason::Advertisement,
        BoilerplateReason::Related,
        BoilerplateReason::Media,
        BoilerplateReason::Cookie,
        BoilerplateReason::Social,
        BoilerplateReason::Comments,
        BoilerplateReason::Copyright,
        BoilerplateReason::Tags,
        BoilerplateReason::Decoration,
        BoilerplateReason::AuthorBio,
        BoilerplateReason::WireSignOff,
        BoilerplateReason::Repeated,
    ];

    /// A short lower-case name for reports and warnings ("image-credit").
    pub fn as_str(self) -> &'static str {
        match self {
            BoilerplateReason::Navigation => "navigation",
            BoilerplateReason::Share => "share",
            BoilerplateReason::Newsletter => "newsletter",
            BoilerplateReason::ImageCredit => "image-credit",
            BoilerplateReason::Advertisement => "advertisement",
            BoilerplateReason::Related => "related",
            BoilerplateReason::Media => "media",
            BoilerplateReason::Cookie => "cookie",
            BoilerplateReason::Social => "social",
            BoilerplateReason::Comments => "comments",
            BoilerplateReason::Copyright => "copyright",
            BoilerplateReason::Tags => "tags",
            BoilerplateReason::Decoration => "decoration",
            BoilerplateReason::AuthorBio => "author-bio",
            BoilerplateReason::WireSignOff => "wire-sign-off",
            BoilerplateReason::Repeated => "repeated",
        }
    }
}

impl fmt::Display for BoilerplateReason {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// What [`classify_lines`] decided about one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// An empty line (after trimming).
    Blank,
    /// A line that is kept: article text, or metadata such as the title.
    Content,
    /// A line that is dropped, and why.
    Boilerplate(BoilerplateReason),
}

/// The verdict on one line of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineVerdict<'a> {
    /// The 1-based line number.
    pub number: usize,
    /// The line, trimmed.
    pub text: &'a str,
    /// Kept, blank, or dropped with a reason.
    pub kind: LineKind,
}

/// Says for each line of a normalised text whether it is boilerplate and why.
///
/// This is the same decision [`crate::ingest`] makes; it is exposed so that
/// tools can report what was dropped. `repeated` holds the lines that recur
/// across the files of the run, if they were collected.
pub fn classify_lines<'a>(
    normalized_text: &'a str,
    repeated: Option<&RepeatedLines>,
) -> Vec<LineVerdict<'a>> {
    let lines = text::split_lines(normalized_text);
    let kinds = classify(&lines, repeated);
    lines
        .iter()
        .zip(kinds)
        .enumerate()
        .map(|(index, (line, kind))| LineVerdict {
            number: index + 1,
            text: line.text,
            kind,
        })
        .collect()
}

/// How much evidence a cue is on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// A generic word ("Home", "Email"): boilerplate only at the edges of
    /// the page or next to other cue lines.
    Weak,
    /// A distinctive phrase: boilerplate wherever it is.
    Strong,
}

/// How a cue's phrase must match a line's key (the line in lower case,
/// without surrounding punctuation).
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// The key is the phrase.
    Exact,
    /// The key starts with the phrase (at a word boundary), followed by at
    /// most this many words.
    Prefix(usize),
    /// The key ends with the phrase and has at most this many words; only
    /// for lines that are not sentences (see [`is_sentence`]).
    Suffix(usize),
    /// The key contains the phrase and has at most this many words; only
    /// for lines that are not sentences.
    Contains(usize),
    /// The key contains the phrase, which is distinctive enough to match
    /// sentences too, and has at most this many words.
    Phrase(usize),
}

/// One entry of the cue table.
#[derive(Debug, Clone, Copy)]
struct Cue {
    phrase: &'static str,
    shape: Shape,
    /// Words of which the key must contain at least one (empty: none
    /// needed), for cues such as "sign up" that are boilerplate only when
    /// they mention a newsletter.
    requires: &'static [&'static str],
    strength: Strength,
    reason: BoilerplateReason,
}

const fn cue(
    phrase: &'static str,
    shape: Shape,
    strength: Strength,
    reason: BoilerplateReason,
) -> Cue {
    Cue {
        phrase,
        shape,
        requires: &[],
        strength,
        reason,
    }
}

/// A strong cue that matches only when the line also holds one of
/// `requires`.
const fn cue_requiring(
    phrase: &'static str,
    shape: Shape,
    requires: &'static [&'static str],
    reason: BoilerplateReason,
) -> Cue {
    Cue {
        phrase,
        shape,
        requires,
        strength: Strength::Strong,
        reason,
    }
}

use BoilerplateReason as R;
use Shape::{Contains, Exact, Phrase, Prefix, Suffix};
use Strength::{Strong, Weak};

/// Words that a newsletter prompt mentions.
const NEWSLETTER_WORDS: &[&str] = &[
    "newsletter",
    "email",
    "e-mail",
    "alerts",
    "updates",
    "briefing",
    "digest",
    "bulletin",
    "inbox",
    "mailing list",
];

/// Words that a subscription prompt mentions.
const SUBSCRIBE_WORDS: &[&str] = &[
    "newsletter",
    "channel",
    "podcast",
    "email",
    "now",
    "today",
    "free",
    "our",
    "updates",
    "alerts",
    "here",
    "digital",
];

/// Words that a social-media prompt mentions.
const SOCIAL_WORDS: &[&str] = &[
    "twitter",
    "facebook",
    "instagram",
    "tiktok",
    "youtube",
    "linkedin",
    "threads",
    "@",
    "social media",
    "x.com",
];

/// The cue table: page furniture, as data. Phrases are lower case.
const CUES: &[Cue] = &[
    // Navigation.
    cue("skip to", Prefix(3), Strong, R::Navigation),
    cue("skip navigation", Exact, Strong, R::Navigation),
    cue("jump to", Prefix(2), Weak, R::Navigation),
    cue("toggle navigation", Exact, Strong, R::Navigation),
    cue("main menu", Exact, Strong, R::Navigation),
    cue("open menu", Exact, Strong, R::Navigation),
    cue("close menu", Exact, Strong, R::Navigation),
    cue("navigation menu", Exact, Strong, R::Navigation),
    cue("site navigation", Exact, Strong, R::Navigation),
    cue("back to top", Exact, Strong, R::Navigation),
    cue("return to top", Exact, Strong, R::Navigation),
    cue("scroll to top", Exact, Strong, R::Navigation),
    cue("you are here", Prefix(10), Strong, R::Navigation),
    cue("log in", Prefix(2), Weak, R::Navigation),
    cue("sign in", Prefix(2), Weak, R::Navigation),
    cue("terms of use", Prefix(3), Strong, R::Navigation),
    cue("terms of service", Prefix(3), Strong, R::Navigation),
    cue("terms and conditions", Prefix(3), Strong, R::Navigation),
    cue("contact us", Exact, Weak, R::Navigation),
    cue("about us", Exact, Weak, R::Navigation),
    cue("next article", Exact, Strong, R::Navigation),
    cue("previous article", Exact, Strong, R::Navigation),
    cue("next story", Exact, Strong, R::Navigation),
    cue("previous story", Exact, Strong, R::Navigation),
    // Share prompts.
    cue("share this", Prefix(3), Strong, R::Share),
    cue("share on", Prefix(2), Strong, R::Share),
    cue("share via", Prefix(2), Strong, R::Share),
    cue("share article", Exact, Strong, R::Share),
    cue("share story", Exact, Strong, R::Share),
    cue("share page", Exact, Strong, R::Share),
    cue("share the story", Exact, Strong, R::Share),
    cue("share with", Prefix(2), Weak, R::Share),
    cue("click to share", Prefix(4), Strong, R::Share),
    cue("tweet this", Prefix(2), Strong, R::Share),
    cue("email this", Prefix(3), Strong, R::Share),
    cue("print this", Prefix(2), Strong, R::Share),
    cue("email to a friend", Exact, Strong, R::Share),
    cue("send to a friend", Exact, Strong, R::Share),
    cue("copy link", Exact, Strong, R::Share),
    cue("copy the link", Exact, Strong, R::Share),
    cue("link copied", Exact, Strong, R::Share),
    // Newsletter and subscription prompts.
    cue_requiring("sign up", Prefix(10), NEWSLETTER_WORDS, R::Newsletter),
    cue_requiring("subscribe", Prefix(8), SUBSCRIBE_WORDS, R::Newsletter),
    cue_requiring(
        "get our",
        Prefix(6),
        &["newsletter", "email", "app"],
        R::Newsletter,
    ),
    cue_requiring("get the", Prefix(6), &["newsletter"], R::Newsletter),
    cue_requiring(
        "join our",
        Prefix(6),
        &["newsletter", "mailing list", "community"],
        R::Newsletter,
    ),
    cue("enter your email", Prefix(8), Strong, R::Newsletter),
    cue("your email address", Prefix(6), Strong, R::Newsletter),
    cue("daily newsletter", Exact, Strong, R::Newsletter),
    cue("newsletter sign-up", Exact, Strong, R::Newsletter),
    cue("newsletter signup", Exact, Strong, R::Newsletter),
    cue("newsletter", Exact, Weak, R::Newsletter),
    cue("newsletters", Exact, Weak, R::Newsletter),
    cue("subscribe", Exact, Weak, R::Newsletter),
    // Image credits and captions.
    cue("image copyright", Prefix(15), Strong, R::ImageCredit),
    cue("image caption", Prefix(30), Strong, R::ImageCredit),
    cue("image source", Prefix(15), Strong, R::ImageCredit),
    cue("image credit", Prefix(15), Strong, R::ImageCredit),
    cue("image:", Prefix(15), Strong, R::ImageCredit),
    cue("photo:", Prefix(15), Strong, R::ImageCredit),
    cue("photos:", Prefix(15), Strong, R::ImageCredit),
    cue("photo credit", Prefix(15), Strong, R::ImageCredit),
    cue("photo by", Prefix(10), Strong, R::ImageCredit),
    cue("photograph:", Prefix(15), Strong, R::ImageCredit),
    cue("photograph by", Prefix(10), Strong, R::ImageCredit),
    cue("picture:", Prefix(15), Strong, R::ImageCredit),
    cue("illustration:", Prefix(15), Strong, R::ImageCredit),
    cue("credit:", Prefix(10), Strong, R::ImageCredit),
    cue("caption:", Prefix(30), Strong, R::ImageCredit),
    cue("file photo", Prefix(12), Strong, R::ImageCredit),
    cue("ap photo", Prefix(6), Strong, R::ImageCredit),
    cue("getty images", Suffix(12), Strong, R::ImageCredit),
    cue("getty", Exact, Strong, R::ImageCredit),
    cue("ap photo", Contains(12), Strong, R::ImageCredit),
    cue("/ap", Suffix(8), Strong, R::ImageCredit),
    cue("/reuters", Suffix(8), Strong, R::ImageCredit),
    cue("/afp", Suffix(8), Strong, R::ImageCredit),
    cue("shutterstock", Suffix(8), Strong, R::ImageCredit),
    cue("photo", Exact, Weak, R::ImageCredit),
    cue("photos", Exact, Weak, R::ImageCredit),
    // Advertising.
    cue("advertisement", Exact, Strong, R::Advertisement),
    cue("advertisements", Exact, Strong, R::Advertisement),
    cue("advertising", Exact, Weak, R::Advertisement),
    cue("sponsored", Exact, Strong, R::Advertisement),
    cue("sponsored content", Exact, Strong, R::Advertisement),
    cue("sponsored by", Prefix(5), Strong, R::Advertisement),
    cue("paid content", Exact, Strong, R::Advertisement),
    cue("paid post", Exact, Strong, R::Advertisement),
    cue("promoted content", Exact, Strong, R::Advertisement),
    cue("promoted stories", Exact, Strong, R::Advertisement),
    cue("story continues below", Prefix(2), Strong, R::Advertisement),
    cue(
        "article continues below",
        Prefix(2),
        Strong,
        R::Advertisement,
    ),
    cue("continue reading", Prefix(5), Strong, R::Advertisement),
    cue("scroll to continue", Prefix(3), Strong, R::Advertisement),
    cue("ad", Exact, Weak, R::Advertisement),
    cue("ads", Exact, Weak, R::Advertisement),
    // Links to other articles.
    cue("read more", Exact, Strong, R::Related),
    cue("read more:", Prefix(15), Strong, R::Related),
    cue("read more about", Prefix(8), Strong, R::Related),
    cue("read more on", Prefix(8), Strong, R::Related),
    cue("read more at", Prefix(8), Strong, R::Related),
    cue("related", Exact, Weak, R::Related),
    cue("related:", Prefix(15), Strong, R::Related),
    cue("related articles", Exact, Strong, R::Related),
    cue("related stories", Exact, Strong, R::Related),
    cue("related content", Exact, Strong, R::Related),
    cue("related coverage", Exact, Strong, R::Related),
    cue("related links", Exact, Strong, R::Related),
    cue("related topics", Exact, Strong, R::Related),
    cue("related news", Exact, Strong, R::Related),
    cue("related posts", Exact, Strong, R::Related),
    cue("related video", Exact, Strong, R::Related),
    cue("related videos", Exact, Strong, R::Related),
    cue("more on this story", Exact, Strong, R::Related),
    cue("articles on this story", Exact, Strong, R::Related),
    cue("more from", Prefix(4), Weak, R::Related),
    cue("more stories", Exact, Strong, R::Related),
    cue("more news", Exact, Weak, R::Related),
    cue("more like this", Exact, Strong, R::Related),
    cue("see also:", Prefix(15), Strong, R::Related),
    cue("see also", Exact, Strong, R::Related),
    cue("also read", Prefix(15), Strong, R::Related),
    cue("also see", Prefix(15), Weak, R::Related),
    cue("recommended", Exact, Weak, R::Related),
    cue("recommended for you", Exact, Strong, R::Related),
    cue("recommended by", Prefix(2), Strong, R::Related),
    cue("you may also like", Exact, Strong, R::Related),
    cue("you might also like", Exact, Strong, R::Related),
    cue("you may be interested in", Exact, Strong, R::Related),
    cue("most popular", Exact, Strong, R::Related),
    cue("most read", Exact, Strong, R::Related),
    cue("most viewed", Exact, Strong, R::Related),
    cue("top stories", Exact, Weak, R::Related),
    cue("trending", Exact, Weak, R::Related),
    cue("trending now", Exact, Strong, R::Related),
    cue("latest news", Exact, Weak, R::Related),
    cue("latest stories", Exact, Strong, R::Related),
    cue("editor's picks", Exact, Strong, R::Related),
    cue("editors' picks", Exact, Strong, R::Related),
    cue("what to read next", Exact, Strong, R::Related),
    cue("up next", Exact, Weak, R::Related),
    cue("click here", Prefix(12), Strong, R::Related),
    // Embedded media.
    cue("watch:", Prefix(15), Strong, R::Media),
    cue("listen:", Prefix(15), Strong, R::Media),
    cue("video:", Prefix(15), Strong, R::Media),
    cue("play video", Prefix(3), Strong, R::Media),
    cue("watch video", Prefix(3), Strong, R::Media),
    cue("watch the video", Prefix(3), Strong, R::Media),
    cue("video player", Prefix(6), Strong, R::Media),
    cue(
        "your browser does not support",
        Prefix(12),
        Strong,
        R::Media,
    ),
    cue("video is restricted", Phrase(20), Strong, R::Media),
    cue("video is not available", Phrase(20), Strong, R::Media),
    cue("video is unavailable", Phrase(20), Strong, R::Media),
    cue("please enable javascript", Prefix(15), Strong, R::Media),
    cue("javascript is disabled", Prefix(15), Strong, R::Media),
    cue("video", Exact, Weak, R::Media),
    cue("videos", Exact, Weak, R::Media),
    cue("watch", Exact, Weak, R::Media),
    cue("listen", Exact, Weak, R::Media),
    // Cookie and privacy notices.
    cue("we use cookies", Prefix(40), Strong, R::Cookie),
    cue("this site uses cookies", Prefix(40), Strong, R::Cookie),
    cue("this website uses cookies", Prefix(40), Strong, R::Cookie),
    cue("our site uses cookies", Prefix(40), Strong, R::Cookie),
    cue("our website uses cookies", Prefix(40), Strong, R::Cookie),
    cue_requiring(
        "by continuing to",
        Prefix(40),
        &["cookie", "site", "website", "browse"],
        R::Cookie,
    ),
    cue_requiring(
        "by using this",
        Prefix(40),
        &["cookie", "site", "website"],
        R::Cookie,
    ),
    cue("accept cookies", Prefix(3), Strong, R::Cookie),
    cue("accept all cookies", Exact, Strong, R::Cookie),
    cue("cookie policy", Prefix(3), Strong, R::Cookie),
    cue("cookie settings", Exact, Strong, R::Cookie),
    cue("manage cookies", Exact, Strong, R::Cookie),
    cue("privacy policy", Prefix(3), Strong, R::Cookie),
    cue("accept", Exact, Weak, R::Cookie),
    // Social-media prompts.
    cue("follow us", Prefix(4), Strong, R::Social),
    cue_requiring("follow", Prefix(8), SOCIAL_WORDS, R::Social),
    cue("like us on", Prefix(3), Strong, R::Social),
    cue("find us on", Prefix(3), Strong, R::Social),
    cue("connect with us", Prefix(3), Strong, R::Social),
    cue("like the page", Contains(12), Strong, R::Social),
    cue_requiring("twitter:", Prefix(3), &["@"], R::Social),
    cue_requiring("instagram:", Prefix(3), &["@"], R::Social),
    // Comment prompts.
    cue("comments", Exact, Weak, R::Comments),
    cue("comment", Exact, Weak, R::Comments),
    cue("leave a comment", Prefix(2), Strong, R::Comments),
    cue("leave a reply", Exact, Strong, R::Comments),
    cue("add a comment", Prefix(2), Strong, R::Comments),
    cue("post a comment", Prefix(2), Strong, R::Comments),
    cue("show comments", Exact, Strong, R::Comments),
    cue("view comments", Exact, Strong, R::Comments),
    cue("hide comments", Exact, Strong, R::Comments),
    cue("join the conversation", Prefix(4), Strong, R::Comments),
    cue("join the discussion", Prefix(4), Strong, R::Comments),
    cue("comments are closed", Exact, Strong, R::Comments),
    cue("write a comment", Exact, Strong, R::Comments),
    cue("be the first to comment", Exact, Strong, R::Comments),
    cue("sign in to comment", Exact, Strong, R::Comments),
    cue("log in to comment", Exact, Strong, R::Comments),
    cue("have your say", Exact, Weak, R::Comments),
    cue("tell us what you think", Prefix(4), Strong, R::Comments),
    // Copyright and rights lines.
    cue("©", Prefix(15), Strong, R::Copyright),
    cue_requiring(
        "copyright",
        Prefix(15),
        &["©", "(c)", "rights reserved"],
        R::Copyright,
    ),
    cue("all rights reserved", Prefix(3), Strong, R::Copyright),
    cue(
        "this material may not be published",
        Prefix(10),
        Strong,
        R::Copyright,
    ),
    // Tag lists.
    cue("tags:", Prefix(30), Strong, R::Tags),
    cue("topics:", Prefix(30), Strong, R::Tags),
    cue("filed under:", Prefix(30), Strong, R::Tags),
    cue("categories:", Prefix(30), Strong, R::Tags),
];

/// Headings that open an author bio.
const BIO_HEADINGS: &[&str] = &[
    "about the author",
    "about the authors",
    "about the writer",
    "about the reporter",
    "about the contributor",
    "about this author",
    "author bio",
    "author biography",
    "about the author:",
];

/// Words of menu bars ("Home | News | Sport | Weather").
const NAVIGATION_WORDS: &[&str] = &[
    "home",
    "menu",
    "search",
    "news",
    "sport",
    "sports",
    "weather",
    "business",
    "politics",
    "world",
    "opinion",
    "tech",
    "technology",
    "science",
    "health",
    "entertainment",
    "culture",
    "lifestyle",
    "travel",
    "video",
    "videos",
    "live",
    "latest",
    "sections",
    "login",
    "register",
    "subscribe",
    "more",
    "local",
    "national",
    "us",
    "uk",
    "arts",
    "style",
    "food",
    "markets",
    "money",
    "podcasts",
    "newsletters",
    "close",
    "back",
];

/// Words of share bars ("Facebook Twitter Email").
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "tweet",
    "email",
    "e-mail",
    "print",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "pinterest",
    "reddit",
    "messenger",
    "flipboard",
    "pocket",
    "save",
    "bookmark",
    "copy",
    "link",
    "sms",
    "telegram",
    "comments",
    "comment",
    "x",
];

/// Single words that are weak cues on a line of their own (besides those in
/// [`CUES`]): menu items and share buttons.
const WEAK_SINGLE_NAVIGATION: &[&str] = &[
    "home",
    "menu",
    "search",
    "navigation",
    "sections",
    "close",
    "more",
    "next",
    "previous",
    "back",
    "login",
    "register",
    "top",
    "main",
];

/// Final lines that sign off wire copy.
const SIGN_OFFS: &[&str] = &[
    "reuter", "reuters", "more", "end", "ends", "-30-", "###", "(end)", "(more)",
];

/// What matching a line against the cue table found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueMatch {
    /// Page furniture of some strength.
    Cue(BoilerplateReason, Strength),
    /// The heading of an author bio.
    BioHeading,
}

/// The classification of each line of `lines`; see the module documentation.
pub(crate) fn classify(lines: &[Line<'_>], repeated: Option<&RepeatedLines>) -> Vec<LineKind> {
    let count = lines.len();
    let mut kinds: Vec<LineKind> = lines
        .iter()
        .map(|line| {
            if line.is_blank() {
                LineKind::Blank
            } else {
                LineKind::Content
            }
        })
        .collect();
    let cues: Vec<Option<CueMatch>> = (0..count)
        .map(|index| {
            if is_continuation(lines, index) {
                None
            } else {
                match_cue(lines[index].text)
            }
        })
        .collect();

    for index in 0..count {
        match cues[index] {
            Some(CueMatch::Cue(reason, Strength::Strong)) => {
                kinds[index] = LineKind::Boilerplate(reason)
            }
            Some(CueMatch::BioHeading) => {
                kinds[index] = LineKind::Boilerplate(BoilerplateReason::AuthorBio);
                mark_bio_after_heading(lines, &cues, index, &mut kinds);
            }
            _ => {}
        }
        if kinds[index] == LineKind::Content && is_decoration(lines[index].text) {
            kinds[index] = LineKind::Boilerplate(BoilerplateReason::Decoration);
        }
    }

    if let Some(last) = (0..count).rev().find(|&index| !lines[index].is_blank()) {
        if is_sign_off(lines[last].text) {
            kinds[last] = LineKind::Boilerplate(BoilerplateReason::WireSignOff);
        }
    }

    if let Some(repeated) = repeated {
        for index in 0..count {
            if kinds[index] == LineKind::Content
                && is_repetition_candidate(lines, index)
                && repeated.contains(lines[index].text)
            {
                kinds[index] = LineKind::Boilerplate(BoilerplateReason::Repeated);
            }
        }
    }

    mark_trailing_bio(lines, &cues, &mut kinds);

    // Weak cues: dropped at the edges of the page and in clusters of cue
    // lines. The edges are the first and the last kept line, other than a
    // cue line, of a block of prose; blocks rather than lines are judged,
    // because the lines of a hard-wrapped paragraph are short.
    let (first_prose, last_prose) = prose_edges(lines, &kinds, &cues);
    let is_cue_or_dropped = |index: usize, kinds: &[LineKind]| {
        cues[index].is_some() || matches!(kinds[index], LineKind::Boilerplate(_))
    };
    for index in 0..count {
        let Some(CueMatch::Cue(reason, Strength::Weak)) = cues[index] else {
            continue;
        };
        if kinds[index] != LineKind::Content {
            continue;
        }
        let at_edge = match (first_prose, last_prose) {
            (Some(first), Some(last)) => index < first || index > last,
            _ => true,
        };
        let previous = (0..index).rev().find(|&other| !lines[other].is_blank());
        let next = (index + 1..count).find(|&other| !lines[other].is_blank());
        let in_cluster = previous.is_some_and(|other| is_cue_or_dropped(other, &kinds))
            || next.is_some_and(|other| is_cue_or_dropped(other, &kinds));
        if at_edge || in_cluster {
            kinds[index] = LineKind::Boilerplate(reason);
        }
    }
    kinds
}

/// The first and the last line, other than cue lines and dropped lines, of
/// the blocks whose kept text is prose (see [`text::is_prose`]).
fn prose_edges(
    lines: &[Line<'_>],
    kinds: &[LineKind],
    cues: &[Option<CueMatch>],
) -> (Option<usize>, Option<usize>) {
    let is_real = |index: usize| kinds[index] == LineKind::Content && cues[index].is_none();
    let mut first = None;
    let mut last = None;
    let mut start = 0;
    while start < lines.len() {
        if lines[start].is_blank() {
            start += 1;
            continue;
        }
        let block = lines[start].block;
        let mut end = start;
        while end < lines.len() && !lines[end].is_blank() && lines[end].block == block {
            end += 1;
        }
        // The kept text of the block, counted without building it: its
        // words, and whether its last kept line ends a sentence.
        let mut words = 0;
        let mut ends_sentence = false;
        let mut first_real = None;
        let mut last_real = None;
        for index in (start..end).filter(|&index| is_real(index)) {
            words += text::count_words_up_to(lines[index].text, 20);
            ends_sentence = text::ends_with_terminal_punctuation(lines[index].text);
            first_real.get_or_insert(index);
            last_real = Some(index);
        }
        if words >= 20 || (words >= 8 && ends_sentence) {
            first = first.or(first_real);
            last = last_real.or(last);
        }
        start = end;
    }
    (first, last)
}

/// Whether line `index` continues the sentence of the line before it in the
/// same block (see [`text::continues_sentence`]).
fn is_continuation(lines: &[Line<'_>], index: usize) -> bool {
    let Some(previous) = index.checked_sub(1).map(|before| &lines[before]) else {
        return false;
    };
    !previous.is_blank()
        && previous.block == lines[index].block
        && text::continues_sentence(previous.text, lines[index].text)
}

/// Marks the bio after the heading at `heading`: the following paragraphs,
/// at most [`MAX_BIO_BLOCKS`], up to a cue line or a short line (the next
/// heading). A paragraph is a block; lines that share the heading's block
/// (a page scraped without blank lines) count as one paragraph each.
fn mark_bio_after_heading(
    lines: &[Line<'_>],
    cues: &[Option<CueMatch>],
    heading: usize,
    kinds: &mut [LineKind],
) {
    let heading_block = lines[heading].block;
    let mut paragraphs_taken = 0;
    let mut current_block = None;
    for index in heading + 1..lines.len() {
        let line = &lines[index];
        if line.is_blank() {
            continue;
        }
        let starts_paragraph = line.block == heading_block || current_block != Some(line.block);
        if starts_paragraph {
            let short = text::count_words_up_to(line.text, 8) < 8;
            if paragraphs_taken == MAX_BIO_BLOCKS || cues[index].is_some() || short {
                return;
            }
            paragraphs_taken += 1;
            current_block = Some(line.block);
        }
        kinds[index] = LineKind::Boilerplate(BoilerplateReason::AuthorBio);
    }
}

/// Drops the last kept block when it opens like an author bio ("Emily Jones
/// is a multi-media journalist for …").
fn mark_trailing_bio(lines: &[Line<'_>], cues: &[Option<CueMatch>], kinds: &mut [LineKind]) {
    let Some(last) = (0..lines.len())
        .rev()
        .find(|&index| kinds[index] == LineKind::Content && cues[index].is_none())
    else {
        return;
    };
    let block = lines[last].block;
    let block_lines: Vec<usize> = (0..=last)
        .rev()
        .take_while(|&index| lines[index].is_blank() || lines[index].block == block)
        .collect();
    let mut opening = String::new();
    for &index in block_lines.iter().rev() {
        if kinds[index] != LineKind::Content || opening.len() >= 400 {
            continue;
        }
        if !opening.is_empty() {
            opening.push(' ');
        }
        opening.push_str(metadata::prefix_within(lines[index].text, 400));
    }
    if metadata::parse_bio(&opening).is_some() {
        for index in block_lines {
            if kinds[index] == LineKind::Content {
                kinds[index] = LineKind::Boilerplate(BoilerplateReason::AuthorBio);
            }
        }
    }
}

/// Whether `line` is a separator drawn with characters ("* * *", "___",
/// "- - - -"): at least two separator characters and nothing else. Stray
/// brackets and quotes are left alone: they belong to the text around them.
fn is_decoration(line: &str) -> bool {
    let mut marks = 0;
    for c in line.chars() {
        if matches!(
            c,
            '-' | '_' | '*' | '=' | '~' | '#' | '•' | '·' | '.' | '—' | '–' | '…' | '+'
        ) {
            marks += 1;
        } else if !c.is_whitespace() {
            return false;
        }
    }
    marks >= 2
}

/// Whether `line` is a wire service's sign-off.
fn is_sign_off(line: &str) -> bool {
    let word = line
        .trim()
        .trim_end_matches("^M")
        .trim_end_matches("...")
        .trim_end_matches('.')
        .to_lowercase();
    SIGN_OFFS.contains(&word.as_str())
}

/// The key a line is matched with: lower case, without leading and
/// trailing punctuation (a trailing colon is kept, because "Photo:" and
/// "Related:" mean more than "Photo" and "Related").
fn cue_key(line: &str) -> String {
    let lower = line.to_lowercase();
    let start = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '©' | '@'));
    let end = start
        .trim_end_matches("^m")
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ':');
    end.to_owned()
}

/// The number of words in `text` that hold a letter or digit; a lone ":"
/// or "|" is not a word.
fn count_key_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count()
}

/// Whether `line` is a sentence: it ends with sentence punctuation and has
/// more than three words. Suffix and contains cues never match sentences,
/// so that "The archive was sold to Getty Images." stays.
fn is_sentence(line: &str, words: usize) -> bool {
    words > 3 && text::ends_with_terminal_punctuation(line)
}

/// The first of `cues` that `key` (of `words` words, a sentence or not)
/// matches.
fn first_matching_cue<'c>(
    cues: impl IntoIterator<Item = &'c Cue>,
    key: &str,
    words: usize,
    sentence: bool,
) -> Option<&'c Cue> {
    cues.into_iter().find(|cue| {
        let matched = match cue.shape {
            Exact => key == cue.phrase,
            Prefix(max_extra) => strip_word_prefix(key, cue.phrase)
                .is_some_and(|rest| count_key_words(rest) <= max_extra),
            Suffix(max_words) => !sentence && words <= max_words && key.ends_with(cue.phrase),
            Contains(max_words) => !sentence && words <= max_words && key.contains(cue.phrase),
            Phrase(max_words) => words <= max_words && key.contains(cue.phrase),
        };
        matched && (cue.requires.is_empty() || cue.requires.iter().any(|word| key.contains(word)))
    })
}

/// For each first byte of a key, the cues that may match it, in the order
/// of [`CUES`]: an exact or prefix cue only when its phrase starts with
/// that byte, every other cue always. Trying only those finds the same
/// first match as trying them all.
static CUES_BY_FIRST_BYTE: LazyLock<Vec<Vec<usize>>> = LazyLock::new(|| {
    (0..=u8::MAX)
        .map(|byte| {
            CUES.iter()
                .enumerate()
                .filter(|(_, cue)| match cue.shape {
                    Exact | Prefix(_) => cue.phrase.as_bytes().first() == Some(&byte),
                    Suffix(_) | Contains(_) | Phrase(_) => true,
                })
                .map(|(at, _)| at)
                .collect()
        })
        .collect()
});

/// The cue that `line` matches, if any.
fn match_cue(line: &str) -> Option<CueMatch> {
    if line.len() > MAX_CUE_LINE_BYTES {
        return None;
    }
    let key = cue_key(line);
    if key.is_empty() {
        return None;
    }
    let key_for_bio = key.trim_end_matches(':');
    if BIO_HEADINGS.contains(&key_for_bio) {
        return Some(CueMatch::BioHeading);
    }
    let words = count_key_words(&key);
    let sentence = is_sentence(line, words);
    let first_byte = usize::from(key.as_bytes()[0]);
    let cues = CUES_BY_FIRST_BYTE[first_byte].iter().map(|&at| &CUES[at]);
    if let Some(cue) = first_matching_cue(cues, &key, words, sentence) {
        return Some(CueMatch::Cue(cue.reason, cue.strength));
    }
    match_word_bar(&key)
}

/// `key` without `phrase` at its start, if it starts with it at a word
/// boundary.
fn strip_word_prefix<'a>(key: &'a str, phrase: &str) -> Option<&'a str> {
    let rest = key.strip_prefix(phrase)?;
    let boundary = phrase.ends_with(|c: char| !c.is_alphanumeric())
        || rest.is_empty()
        || rest.starts_with(|c: char| !c.is_alphanumeric());
    boundary.then_some(rest)
}

/// Menu bars and share bars: lines made only of menu or share words, and
/// counters such as "12 Comments".
fn match_word_bar(key: &str) -> Option<CueMatch> {
    let words: Vec<&str> = key
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|word| !word.is_empty())
        .collect();
    match words.as_slice() {
        [] => None,
        [word] if WEAK_SINGLE_NAVIGATION.contains(word) => Some(CueMatch::Cue(R::Navigation, Weak)),
        [word]
            if SHARE_WORDS.contains(word) && *word != "x" && *word != "link" && *word != "copy" =>
        {
            Some(CueMatch::Cue(R::Share, Weak))
        }
        [count, word]
            if count
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | 'k'))
                && count.chars().next().is_some_and(|c| c.is_ascii_digit())
                && matches!(
                    *word,
                    "shares" | "comments" | "comment" | "views" | "likes" | "reactions"
                ) =>
        {
            let reason = if word.starts_with("comment") {
                R::Comments
            } else {
                R::Share
            };
            Some(CueMatch::Cue(reason, Strong))
        }
        [_] => None,
        _ => {
            let all_share = words.iter().all(|word| SHARE_WORDS.contains(word));
            let all_menu = words
                .iter()
                .all(|word| NAVIGATION_WORDS.contains(word) || SHARE_WORDS.contains(word));
            let strength = if words.len() >= 3 { Strong } else { Weak };
            if all_share {
                Some(CueMatch::Cue(R::Share, strength))
            } else if all_menu {
                Some(CueMatch::Cue(R::Navigation, strength))
            } else {
                None
            }
        }
    }
}

/// Whether line `index` may count as a repeated line: short, not a
/// fragment of a hard-wrapped sentence (it does not start in lower case,
/// does not end with a comma or hyphen, and the next line of its block does
/// not continue it), not a long sentence, and holding a letter.
fn is_repetition_candidate(lines: &[Line<'_>], index: usize) -> bool {
    let line = lines[index].text;
    if line.is_empty() || line.len() > MAX_REPEATED_LINE_BYTES {
        return false;
    }
    let words = text::count_words_up_to(line, MAX_REPEATED_LINE_WORDS);
    if words > MAX_REPEATED_LINE_WORDS || (words > 8 && text::ends_with_terminal_punctuation(line))
    {
        return false;
    }
    if text::starts_lowercase(line)
        || line.ends_with([',', '-', '–', ';'])
        || !line.chars().any(char::is_alphabetic)
        || is_continuation(lines, index)
    {
        return false;
    }
    let continued = lines.get(index + 1).is_some_and(|next| {
        !next.is_blank() && next.block == lines[index].block && text::starts_lowercase(next.text)
    });
    !continued
}

/// The hash a line is remembered by.
fn line_hash(line: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(line.trim().as_bytes())
}

/// Lines that recur in many files of one run; they are boilerplate (site
/// names, footers, database labels).
///
/// Built with [`RepeatedLinesBuilder`]. Only hashes are kept, so the set is
/// small, and it is `Send + Sync`: share one behind an `Arc` across threads.
#[derive(Debug, Clone, Default)]
pub struct RepeatedLines {
    hashes: HashSet<u64>,
    files: usize,
    min_files: usize,
}

impl RepeatedLines {
    /// Whether `line` (trimmed) is one of the repeated lines.
    pub fn contains(&self, line: &str) -> bool {
        !self.hashes.is_empty() && self.hashes.contains(&line_hash(line))
    }

    /// The number of distinct repeated lines.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether no line was frequent enough.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The number of distinct files the set was built from.
    pub fn files(&self) -> usize {
        self.files
    }

    /// The number of files a line had to occur in to be kept.
    pub fn min_files(&self) -> usize {
        self.min_files
    }
}

/// Collects line counts over the files of a run, then builds
/// [`RepeatedLines`].
///
/// Each distinct candidate line counts once per file: short lines (at most
/// 12 words and 160 bytes) that are not fragments of hard-wrapped sentences
/// nor long sentences. Files whose text is identical to one already added
/// are skipped, so that duplicated articles do not make their own title
/// and text "repeated".
///
/// A line is repeated when it occurs in at least [`Self::DEFAULT_MIN_FILES`]
/// files *and* in at least [`Self::DEFAULT_MIN_SHARE`] of the files. The
/// share keeps table labels and short stock phrases of large archives
/// ("Year", "Nine mths" in a few per cent of Reuters stories) in the text,
/// while site furniture, which is on most pages of a site, goes; the file
/// minimum keeps a line shared by two files of a tiny run.
#[derive(Debug, Clone)]
pub struct RepeatedLinesBuilder {
    counts: HashMap<u64, u32>,
    seen_files: HashSet<u64>,
    min_files: usize,
    min_share: f64,
}

impl Default for RepeatedLinesBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl RepeatedLinesBuilder {
    /// The default minimum number of files a repeated line occurs in.
    pub const DEFAULT_MIN_FILES: usize = 3;
    /// The default minimum share of files (0.05 = 5 %) a repeated line
    /// occurs in.
    pub const DEFAULT_MIN_SHARE: f64 = 0.05;

    /// A builder with the default thresholds.
    pub fn new() -> Self {
        Self::with_thresholds(Self::DEFAULT_MIN_FILES, Self::DEFAULT_MIN_SHARE)
    }

    /// A builder that keeps lines seen in at least `min_files` files and in
    /// at least the share `min_share` (between 0 and 1) of the files.
    pub fn with_thresholds(min_files: usize, min_share: f64) -> Self {
        let min_share = if min_share.is_finite() {
            min_share.clamp(0.0, 1.0)
        } else {
            Self::DEFAULT_MIN_SHARE
        };
        RepeatedLinesBuilder {
            counts: HashMap::new(),
            seen_files: HashSet::new(),
            min_files: min_files.max(1),
            min_share,
        }
    }

    /// Counts the candidate lines of one file's normalised text.
    pub fn add_text(&mut self, normalized_text: &str) {
        if !self
            .seen_files
            .insert(xxhash_rust::xxh3::xxh3_64(normalized_text.as_bytes()))
        {
            return;
        }
        let lines = text::split_lines(normalized_text);
        let mut in_this_file = HashSet::new();
        for index in 0..lines.len() {
            if is_repetition_candidate(&lines, index) {
                in_this_file.insert(line_hash(lines[index].text));
            }
        }
        for hash in in_this_file {
            *self.counts.entry(hash).or_insert(0) += 1;
        }
    }

    /// Adds the counts of another builder, for runs that collect lines in
    /// parallel; the thresholds of `self` are kept.
    pub fn merge(&mut self, other: RepeatedLinesBuilder) {
        // A file seen by both builders would be counted twice; that cannot
        // be undone from counts, so it is accepted (it only happens for
        // duplicated files split across workers).
        self.seen_files.extend(other.seen_files);
        for (hash, count) in other.counts {
            *self.counts.entry(hash).or_insert(0) += count;
        }
    }

    /// The number of distinct files added so far.
    pub fn files(&self) -> usize {
        self.seen_files.len()
    }

    /// The lines frequent enough to be boilerplate.
    pub fn build(self) -> RepeatedLines {
        let files = self.seen_files.len();
        // The share threshold rounded up, so that 5 % of 30 files is 2 and
        // the file minimum decides.
        // A small tolerance keeps 0.05 × 100 from rounding up to 6.
        let by_share = (self.min_share * files as f64 - 1e-9).ceil().max(0.0) as usize;
        let min_files = self.min_files.max(by_share);
        let hashes = self
            .counts
            .into_iter()
            .filter(|&(_, count)| count as usize >= min_files)
            .map(|(hash, _)| hash)
            .collect();
        RepeatedLines {
            hashes,
            files,
            min_files,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_by_first_byte_find_what_trying_every_cue_finds() {
        let mut keys: Vec<String> = Vec::new();
        for cue in CUES {
            keys.push(cue.phrase.to_owned());
            keys.push(format!("{} our newsletter today", cue.phrase));
            keys.push(format!("please {}", cue.phrase));
        }
        for (_, text) in crate::testing::corpus_texts() {
            keys.extend(text.lines().map(cue_key));
        }
        let mut matched = 0;
        for key in keys.iter().filter(|key| !key.is_empty()) {
            let words = count_key_words(key);
            for sentence in [false, true] {
                let cues = CUES_BY_FIRST_BYTE[usize::from(key.as_bytes()[0])]
                    .iter()
                    .map(|&at| &CUES[at]);
                let found = first_matching_cue(cues, key, words, sentence);
                let expected = first_matching_cue(CUES, key, words, sentence);
                assert_eq!(
                    found.map(|cue| cue.phrase),
                    expected.map(|cue| cue.phrase),
                    "{key}"
                );
                matched += usize::from(expected.is_some());
            }
        }
        assert!(matched > 300, "{matched} matches");
    }

    /// The reasons of the non-blank lines of `text`, `None` for kept lines.
    fn reasons(
        text: &str,
        repeated: Option<&RepeatedLines>,
    ) -> Vec<(String, Option<BoilerplateReason>)> {
        classify_lines(text, repeated)
            .into_iter()
            .filter(|verdict| verdict.kind != LineKind::Blank)
            .map(|verdict| {
                let reason = match verdict.kind {
                    LineKind::Boilerplate(reason) => Some(reason),
                    _ => None,
                };
                (verdict.text.to_owned(), reason)
            })
            .collect()
    }

    const PROSE: &str = "Israel and Turkey on Wednesday vowed to rebuild their strained relationship despite deep differences.";

    /// Checks what happens to `line` placed in the middle of an article
    /// (between two paragraphs of prose) and at its top.
    fn check(line: &str, middle: Option<BoilerplateReason>, top: Option<BoilerplateReason>) {
        let text = format!("{PROSE}\n\n{line}\n\n{PROSE}\n");
        let found = reasons(&text, None);
        assert_eq!(
            found[1],
            (line.to_owned(), middle),
            "{line:?} in the middle"
        );
        let text = format!("{line}\n\n{PROSE}\n\n{PROSE}\n");
        let found = reasons(&text, None);
        assert_eq!(found[0], (line.to_owned(), top), "{line:?} at the top");
    }

    #[test]
    fn strong_cues_are_dropped_anywhere() {
        for (line, reason) in [
            ("Skip to main content", R::Navigation),
            ("Share This article", R::Share),
            ("Share on Facebook", R::Share),
            ("Sign up to our daily newsletter", R::Newsletter),
            (
                "Sign up for our newsletter to get the latest news.",
                R::Newsletter,
            ),
            ("Subscribe to our YouTube channel", R::Newsletter),
            (
                "Image copyright: Israel's Defense Ministry [via The Times of Israel]",
                R::ImageCredit,
            ),
            ("Photo: John Doe/Reuters", R::ImageCredit),
            ("(AP Photo/Evan Vucci)", R::ImageCredit),
            ("AFP/Getty Images", R::ImageCredit),
            ("Getty.", R::ImageCredit),
            ("Advertisement", R::Advertisement),
            ("Story continues below advertisement", R::Advertisement),
            ("Read more: Israel and Turkey mend ties", R::Related),
            ("Related Articles", R::Related),
            ("Articles on this story", R::Related),
            ("\"Related:\"", R::Related),
            (
                "We use cookies to give you the best experience on our website. By continuing you agree.",
                R::Cookie,
            ),
            ("Follow us on Twitter", R::Social),
            ("Follow Jane Doe on Twitter @janedoe.", R::Social),
            ("Do you support the plan? Like the page:", R::Social),
            ("Leave a comment", R::Comments),
            ("12 Comments", R::Comments),
            (
                "© 2022 The Example Times. All rights reserved.",
                R::Copyright,
            ),
            ("Tags: Israel, Turkey, diplomacy", R::Tags),
            ("Facebook Twitter Email", R::Share),
            ("Home | News | Sport | Weather", R::Navigation),
            ("* * *", R::Decoration),
            ("___.", R::Decoration),
            (
                "We Are Sorry,This video is restricted from playing in your location.",
                R::Media,
            ),
        ] {
            check(line, Some(reason), Some(reason));
        }
    }

    #[test]
    fn weak_cues_are_dropped_only_at_the_edges_or_in_clusters() {
        for (line, reason) in [
            ("Menu", R::Navigation),
            ("Home", R::Navigation),
            ("Email", R::Share),
            ("Print", R::Share),
            ("Tweet", R::Share),
            ("Comments", R::Comments),
            ("Related", R::Related),
            ("Subscribe", R::Newsletter),
        ] {
            check(line, None, Some(reason));
        }
        let text = format!("{PROSE}\n\nTweet\n\nEmail\n\n{PROSE}\n");
        let found = reasons(&text, None);
        assert_eq!(found[1].1, Some(R::Share));
        assert_eq!(found[2].1, Some(R::Share));
    }

    #[test]
    fn real_sentences_with_cue_words_stay() {
        for line in [
            "Share prices fell sharply on Monday.",
            "Shares in the company rose 5%.",
            "The newsletter was sent to 40,000 readers, she said.",
            "Subscribers to the newsletter complained about the change.",
            "Sign up rates for the scheme rose by a third last year.",
            "Read more carefully, the law says something else.",
            "He said he would follow the money wherever it led.",
            "The archive was sold to Getty Images.",
            "Home prices rose 3% in March.",
            "Advertising revenue rose 12% in the quarter.",
            "Print editions will end next year, the publisher said.",
            "The Facts",
            "Narrative A",
            "May 2009 was hot.",
            "]).",
            ".",
        ] {
            check(line, None, None);
        }
    }

    #[test]
    fn continuation_lines_are_never_cues() {
        let text = format!("{PROSE}\n\nThe minister said he would\nshare\n\n{PROSE}\n");
        assert!(
            reasons(&text, None)
                .iter()
                .all(|(_, reason)| reason.is_none())
        );
    }

    #[test]
    fn author_bio_after_heading_is_dropped() {
        let text = format!(
            "{PROSE}\n\nShare This article\n\nAbout The Author\n\n\nEmily Jones is a multi-media journalist for CBN News in Jerusalem. She moved there in 2019.\n"
        );
        let found = reasons(&text, None);
        assert_eq!(found[0].1, None);
        assert_eq!(found[1].1, Some(R::Share));
        assert_eq!(found[2].1, Some(R::AuthorBio));
        assert_eq!(found[3].1, Some(R::AuthorBio));
    }

    #[test]
    fn author_bio_heading_takes_at_most_three_paragraphs() {
        let bio = "Jane Doe reports on energy and diplomacy from Ankara and Jerusalem.";
        let text = format!("{PROSE}\nAbout the author\n{bio}\n{bio}\n{bio}\n{PROSE}\n{PROSE}\n");
        let found = reasons(&text, None);
        let dropped: Vec<Option<BoilerplateReason>> =
            found.iter().map(|(_, reason)| *reason).collect();
        let bio_reason = Some(R::AuthorBio);
        assert_eq!(
            dropped,
            [
                None, bio_reason, bio_reason, bio_reason, bio_reason, None, None
            ]
        );
    }

    #[test]
    fn trailing_bio_without_heading_is_dropped_but_not_in_the_middle() {
        let bio = "Jane Doe is a senior correspondent for the Example Post in Ankara.";
        let found = reasons(&format!("{PROSE}\n\n{PROSE}\n\n{bio}\n"), None);
        assert_eq!(found[2].1, Some(R::AuthorBio));
        let found = reasons(&format!("{PROSE}\n\n{bio}\n\n{PROSE}\n"), None);
        assert_eq!(found[1].1, None);
        let not_bio = "Erdogan is a harsh critic of Israel in its conflict with the Palestinians.";
        let found = reasons(&format!("{PROSE}\n\n{not_bio}\n"), None);
        assert_eq!(found[1].1, None);
    }

    #[test]
    fn wire_sign_off_is_dropped_only_at_the_end() {
        let found = reasons(&format!("{PROSE}\n Reuter\n"), None);
        assert_eq!(found[1].1, Some(R::WireSignOff));
        let found = reasons(&format!("{PROSE}\nREUTER^M\n"), None);
        assert_eq!(found[1].1, Some(R::WireSignOff));
        let found = reasons(&format!("Reuter\n\n{PROSE}\n"), None);
        assert_eq!(found[0].1, None);
    }

    /// Three synthetic pages of one site, plus unrelated files.
    fn synthetic_run(files_from_site: usize, unrelated: usize) -> RepeatedLines {
        let mut builder = RepeatedLinesBuilder::new();
        for number in 0..files_from_site {
            builder.add_text(&format!(
                "Example Gazette Online\n\nStory number {number} made the news\n\n{PROSE} Number {number}.\n\nCopyright Example Gazette Ltd\n"
            ));
        }
        for number in 0..unrelated {
            builder.add_text(&format!(
                "Another headline {number}\n\n{PROSE} Other {number}.\n"
            ));
        }
        builder.build()
    }

    #[test]
    fn repeated_lines_across_files_are_dropped() {
        let repeated = synthetic_run(3, 3);
        assert!(repeated.contains("Example Gazette Online"));
        assert!(repeated.contains("Copyright Example Gazette Ltd"));
        let page = format!(
            "Example Gazette Online\n\nA new story made the news\n\n{PROSE}\n\nCopyright Example Gazette Ltd\n"
        );
        let found = reasons(&page, Some(&repeated));
        assert_eq!(found[0].1, Some(R::Repeated));
        assert_eq!(found[1].1, None, "the title is not repeated");
        assert_eq!(found[3].1, Some(R::Repeated));
    }

    #[test]
    fn lines_in_one_or_two_files_are_kept() {
        let mut builder = RepeatedLinesBuilder::new();
        builder.add_text("Shared by two\n\nFirst file text.\n");
        builder.add_text("Shared by two\n\nSecond file text.\n");
        builder.add_text("Something else\n\nThird file text.\n");
        let repeated = builder.build();
        assert!(!repeated.contains("Shared by two"));
        assert!(repeated.is_empty());
    }

    #[test]
    fn identical_files_count_once() {
        let mut builder = RepeatedLinesBuilder::new();
        for _ in 0..5 {
            builder.add_text("Same headline\n\nSame text.\n");
        }
        assert_eq!(builder.files(), 1);
        assert!(builder.build().is_empty());
    }

    #[test]
    fn the_share_threshold_applies_to_large_runs() {
        // In 3 of 100 files: above the file minimum, below 5 %.
        let mut builder = RepeatedLinesBuilder::new();
        for number in 0..100 {
            let label = if number < 3 {
                "Nine mths"
            } else {
                "Other label"
            };
            builder.add_text(&format!("{label}\n\nFile {number}.\n"));
        }
        let repeated = builder.build();
        assert_eq!(repeated.min_files(), 5);
        assert!(!repeated.contains("Nine mths"));
        assert!(repeated.contains("Other label"));
    }

    #[test]
    fn fragments_and_long_sentences_are_not_counted() {
        let mut builder = RepeatedLinesBuilder::new();
        for number in 0..4 {
            builder.add_text(&format!(
                "The company said it\nwould pay {number} dlrs.\nsaid.\nIt takes many delegates to win the Republican nomination for president.\n"
            ));
        }
        let repeated = builder.build();
        assert!(!repeated.contains("The company said it"));
        assert!(!repeated.contains("said."));
        assert!(
            !repeated.contains(
                "It takes many delegates to win the Republican nomination for president."
            )
        );
    }

    #[test]
    fn merged_builders_count_together() {
        let mut first = RepeatedLinesBuilder::new();
        let mut second = RepeatedLinesBuilder::new();
        first.add_text("Site footer line\n\nA.\n");
        first.add_text("Site footer line\n\nB.\n");
        second.add_text("Site footer line\n\nC.\n");
        first.merge(second);
        assert!(first.build().contains("Site footer line"));
    }

    #[test]
    fn repeated_lines_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<RepeatedLines>();
    }
}
