//! Finding who a quote is attributed to, as words of the text: the speech
//! verb (the cue) and the noun phrase that names the speaker.
//!
//! The patterns, tried on the side of the quote its punctuation suggests
//! first (before it when the quoted words end a sentence, after it when
//! they end with a comma or nothing):
//!
//! - after the quote: `“…,” Erdogan said`, `“…,” he added`, `“…,” said
//!   Isaac Herzog`, `“…,” according to officials`, `“…,” Herzog, Israel’s
//!   president, said` (an appositive, however long), `“…” to drive up the
//!   price, she said` (at the end of the sentence), `“…” — Donald Trump`
//!   (a signature);
//! - before it, in the same sentence: `Erdogan said: “…”`, `according to
//!   X, “…”`, `was told by X that “…”`, and partial quotes, `Herzog called
//!   the visit a “key moment.”`: the subject of the nearest speech verb;
//!   for a participle after a comma ("…, telling the council, “…”") the subject
//!   of the clause before it;
//! - a colon: `Trump: “…”`, `Ellis released the following statement:
//!   “…”` (the subject of the sentence), also when the colon ends the
//!   paragraph before a quote paragraph.
//!
//! A speech verb counts as a verb unless a determiner, a possessive or
//! "of" stands before it ("a call", "Clinton’s call"); the verbs that are
//! more often nouns in their base and -s forms ("report", "states",
//! "claims") count only after a name, a pronoun, "to" or a modal, or right
//! before the quote. Only the words are found here; [`super::resolve`]
//! says who they name.

use std::ops::Range;

use super::lexicon::{
    ends_noun_phrase, is_calendar_word, is_capitalized_function_word, is_determiner,
    is_modal_or_to, is_name_particle, is_often_noun, is_possessive, is_preposition,
    is_skippable_before_verb, marks_noun, pronoun, role, speech_verb,
};
use super::tokens::{TokenKind, Tokens};

/// How many tokens after a quote its attribution is looked for in: enough
/// for "Baker campaign chairman John Wells told reporters on Tuesday".
/// This bound and the ones below keep the work per quote constant.
const AFTER_WINDOW: usize = 16;
/// How many tokens before a quote (in its sentence) are read.
const BEFORE_WINDOW: usize = 60;
/// The longest appositive between a speaker and the verb after a quote.
const LONG_APPOSITIVE: usize = 40;
/// The farthest a speech verb before a quote may be from it, in tokens.
const MAX_VERB_DISTANCE: usize = 30;
/// The longest description of a speaker, in words ("a senior adviser to
/// the Clinton campaign").
const MAX_PHRASE: usize = 8;

/// What a speaker's noun phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    /// "he", "she", "they".
    Pronoun,
    /// Capitalised words, possibly after titles: "Turkish President Recep
    /// Tayyip Erdogan", "Trump", "The New York Times".
    Name,
    /// A description: "Israel’s president", "a campaign spokesman".
    Description,
}

/// The noun phrase that names a speaker: tokens `first..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub(crate) first: usize,
    pub(crate) end: usize,
    pub(crate) kind: PhraseKind,
}

/// An attribution found around a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// Who is named; `None` when a speech verb was found without a subject
    /// that could be read ("went on to call it a “disgrace”").
    pub(crate) speaker: Option<Phrase>,
    /// The tokens of the cue: the speech verb, or "according to".
    pub(crate) cue: Option<Range<usize>>,
    /// The base form of the speech verb ("add" for "added").
    pub(crate) lemma: Option<&'static str>,
}

/// Where a quote is among the tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QuoteTokens {
    /// The token of the opening mark.
    pub(crate) open: usize,
    /// The first token after the quote (after its closing mark).
    pub(crate) after: usize,
    /// The first token the words before the quote may start at: the start
    /// of its sentence, or the token after the previous quote.
    pub(crate) before_limit: usize,
    /// Whether the quoted words end a sentence (“….”), which makes an
    /// attribution before the quote likelier than one after it.
    pub(crate) ends_sentence: bool,
}

/// Finds the attribution of one quote.
pub(crate) fn attribution_of(tokens: &Tokens<'_>, quote: QuoteTokens) -> Option<Attribution> {
    let after = || after_quote(tokens, quote.after);
    let before = || {
        let lo = quote
            .before_limit
            .max(quote.open.saturating_sub(BEFORE_WINDOW));
        before_quote(tokens, lo, quote.open)
            .or_else(|| introduced_by_previous_paragraph(tokens, quote.open))
    };
    let found = if quote.ends_sentence {
        before().or_else(after)
    } else {
        after().or_else(before)
    };
    let other = || {
        if quote.ends_sentence {
            after()
        } else {
            before()
        }
    };
    match found {
        // A speech verb without a readable speaker is a weaker finding than
        // a full attribution on the other side.
        Some(Attribution { speaker: None, .. }) => {
            other().filter(|a| a.speaker.is_some()).or(found)
        }
        // So is a pronoun, when the other side names someone: "Cruz said:
        // “… (paragraphs) …,” he said."
        Some(Attribution {
            speaker:
                Some(Phrase {
                    kind: PhraseKind::Pronoun,
                    ..
                }),
            ..
        }) => other()
            .filter(|a| a.speaker.is_some_and(|p| p.kind == PhraseKind::Name))
            .or(found),
        found => found,
    }
}

/// Whether the quote has words before it in its sentence: a partial quote
/// ("Herzog called the visit a “key moment.”").
pub(crate) fn is_inside_sentence(tokens: &Tokens<'_>, quote: QuoteTokens) -> bool {
    (quote.before_limit..quote.open).any(|i| tokens.is_word(i))
}

/// The speaker of a quote that no speech verb attributes, read from its
/// context: the subject of its sentence for a partial quote ("Dunn
/// thought the delay was “a sign of panic.”"), else the subject
/// of the sentence just before it, in the same or the previous paragraph
/// ("Schmidt praised the budget. ¶ “This city finally has a plan.”").
pub(crate) fn context_subject(tokens: &Tokens<'_>, quote: QuoteTokens) -> Option<Phrase> {
    if is_inside_sentence(tokens, quote) {
        return clause_subject(tokens, quote.before_limit, quote.open);
    }
    let mut end = quote.open;
    let mut line_breaks = 0;
    while end > 0 && tokens.tokens[end - 1].kind == TokenKind::Newline {
        end -= 1;
        line_breaks += 1;
    }
    if end == 0 || line_breaks > 2 {
        return None;
    }
    let start = tokens
        .sentence_of(end - 1)
        .max(end.saturating_sub(BEFORE_WINDOW));
    // A sentence with quotes of its own has its own speakers.
    if (start..end).any(|i| tokens.is_quote_mark(i) && !tokens.is_punct(i, '’')) {
        return None;
    }
    clause_subject(tokens, start, end)
}

/// Whether token `index` is a speech verb used as a verb; its base form.
fn speech_verb_at(tokens: &Tokens<'_>, index: usize) -> Option<&'static str> {
    if !tokens.is_word(index) {
        return None;
    }
    let form = tokens.lower(index);
    let lemma = speech_verb(&form)?;
    // A capitalised verb only opens a sentence ("Said Trump: …"); "Post" or
    // "State" elsewhere are parts of names.
    if tokens.is_capitalized(index) && tokens.sentence_of(index) != index {
        return None;
    }
    // After a determiner, a possessive or "of" it is a noun: "a call", "his
    // tweet", "Clinton’s call", "secretary of state".
    if index > 0
        && tokens.is_word(index - 1)
        && (marks_noun(&tokens.lower(index - 1)) || is_possessive(tokens.str(index - 1)))
    {
        return None;
    }
    let next = (index + 1 < tokens.len()).then(|| tokens.lower(index + 1));
    // "continued to fight" is not speech.
    if lemma == "continue"
        && next
            .as_deref()
            .is_some_and(|n| n == "to" || n.ends_with("ing"))
    {
        return None;
    }
    let is_base_or_plural =
        !form.ends_with("ed") && !form.ends_with("ing") && form.len() <= lemma.len() + 2;
    if is_often_noun(lemma) && is_base_or_plural {
        // "Trump claims", "to state", "he notes"; but "a report", "swing
        // states". Right before a quote or a colon it is a verb: "the sign
        // read: “…”".
        let mut previous = index;
        while previous > 0 && index - previous < 3 && is_skippable_word(tokens, previous - 1) {
            previous -= 1;
        }
        let after_subject = previous > 0 && {
            let word = tokens.lower(previous - 1);
            tokens.is_capitalized(previous - 1) || pronoun(&word).is_some() || is_modal_or_to(&word)
        };
        let before_quote = index + 1 < tokens.len()
            && (tokens.is_quote_mark(index + 1) || tokens.is_punct(index + 1, ':'));
        if !after_subject && !before_quote {
            return None;
        }
    }
    Some(lemma)
}

/// `“…,” X said`, `“…,” said X`, `“…,” according to X`, `“…” — X`.
fn after_quote(tokens: &Tokens<'_>, from: usize) -> Option<Attribution> {
    let mut end = from;
    while end < tokens.len()
        && end - from < AFTER_WINDOW
        && !tokens.is_terminator(end)
        && !tokens.is_quote_mark(end)
    {
        end += 1;
    }
    let mut first = from;
    let mut dash = false;
    while first < end && tokens.tokens[first].kind == TokenKind::Punct {
        let mark = tokens.str(first);
        if matches!(mark, "—" | "–" | "―" | "‒" | "-") {
            dash = true;
        } else if mark != "," {
            return None;
        }
        first += 1;
    }
    if first >= end {
        return None;
    }
    // The signature of an embedded post: “…” — Donald J. Trump (@…)
    if dash && tokens.is_capitalized(first) {
        let speaker = phrase_after(tokens, first, end)?;
        return Some(Attribution {
            speaker: Some(speaker),
            cue: None,
            lemma: None,
        });
    }
    if let Some(attribution) = according_to(tokens, first, end) {
        return Some(attribution);
    }
    let verb_limit = end.min(first + 10);
    let Some(verb) = (first..verb_limit).find(|&i| speech_verb_at(tokens, i).is_some()) else {
        return sentence_final_attribution(tokens, first)
            .or_else(|| name_with_long_appositive(tokens, first));
    };
    let lemma = speech_verb_at(tokens, verb);
    let cue = Some(verb..verb + 1);
    let only_adverbs_before = (first..verb).all(|i| is_skippable_word(tokens, i));
    if only_adverbs_before {
        // Inverted: “…,” said Isaac Herzog. But in “…,” saying the city …
        // what follows the participle is what was said, and the speaker is
        // the subject of the clause before the quote.
        let speaker = if tokens.lower(verb).ends_with("ing") {
            None
        } else {
            phrase_after(tokens, verb + 1, end)
        };
        return Some(Attribution {
            speaker,
            cue,
            lemma,
        });
    }
    let speaker = subject_before(tokens, verb, first)?;
    // Whatever stands between the quote and the speaker must be part of
    // the speaker's description ("Baker campaign chairman John Wells
    // said"), not a clause of its own ("… while Sanders said").
    let gap_is_description = speaker.first - first <= 6
        && (first..speaker.first).all(|i| {
            tokens.is_punct(i, ',')
                || (tokens.is_word(i)
                    && !ends_noun_phrase(&tokens.lower(i))
                    && speech_verb_at(tokens, i).is_none())
        });
    gap_is_description.then_some(Attribution {
        speaker: Some(speaker),
        cue,
        lemma,
    })
}

/// `“…” to save money on the roof, she said.`: an attribution after a
/// comma at the end of the sentence, however long the clause before it.
fn sentence_final_attribution(tokens: &Tokens<'_>, first: usize) -> Option<Attribution> {
    let mut end = first;
    while end < tokens.len()
        && end - first < LONG_APPOSITIVE
        && !tokens.is_terminator(end)
        && !tokens.is_quote_mark(end)
    {
        end += 1;
    }
    let commas = (first..end)
        .rev()
        .filter(|&i| tokens.is_punct(i, ','))
        .take(3);
    for comma in commas {
        let Some(verb) =
            (comma + 1..end.min(comma + 8)).find(|&i| speech_verb_at(tokens, i).is_some())
        else {
            continue;
        };
        let rest_is_short = (verb + 1..end)
            .take_while(|&i| !tokens.is_punct(i, ','))
            .count()
            <= 4;
        let speaker = subject_before(tokens, verb, comma + 1).filter(|p| p.first == comma + 1);
        if rest_is_short && let Some(speaker) = speaker {
            return Some(Attribution {
                speaker: Some(speaker),
                cue: Some(verb..verb + 1),
                lemma: speech_verb_at(tokens, verb),
            });
        }
    }
    None
}

/// `“…,” Reed, the longtime chairman of the water board and …, said`: a name,
/// then an appositive too long for the usual window, then the verb.
fn name_with_long_appositive(tokens: &Tokens<'_>, first: usize) -> Option<Attribution> {
    let mut name_end = first;
    while name_end < tokens.len()
        && (is_name_word(tokens, name_end) || is_particle_in_name(tokens, name_end))
    {
        name_end += 1;
    }
    if name_end == first || name_end >= tokens.len() || !tokens.is_punct(name_end, ',') {
        return None;
    }
    let mut index = name_end + 1;
    while index < tokens.len() && index - name_end < LONG_APPOSITIVE && !tokens.is_terminator(index)
    {
        if tokens.is_punct(index - 1, ',')
            && !tokens.lower(index).ends_with("ing")
            && let Some(lemma) = speech_verb_at(tokens, index)
        {
            return Some(Attribution {
                speaker: Some(Phrase {
                    first,
                    end: name_end,
                    kind: PhraseKind::Name,
                }),
                cue: Some(index..index + 1),
                lemma: Some(lemma),
            });
        }
        index += 1;
    }
    None
}

/// `according to X` starting at token `first`.
fn according_to(tokens: &Tokens<'_>, first: usize, end: usize) -> Option<Attribution> {
    if first + 2 < end && tokens.lower_is(first, "according") && tokens.lower_is(first + 1, "to") {
        let speaker = phrase_after(tokens, first + 2, end)?;
        return Some(Attribution {
            speaker: Some(speaker),
            cue: Some(first..first + 2),
            lemma: None,
        });
    }
    None
}

/// `X said: “…”`, `according to X, “…”`, `X called it a “…”`, `X: “…”`,
/// in tokens `lo..open`.
fn before_quote(tokens: &Tokens<'_>, lo: usize, open: usize) -> Option<Attribution> {
    if lo >= open {
        return None;
    }
    for first in lo..open {
        if let Some(attribution) = according_to(tokens, first, open) {
            return Some(attribution);
        }
    }
    let mut verb_without_subject = None;
    let mut participle = None;
    let nearest_verb = lo.max(open.saturating_sub(MAX_VERB_DISTANCE));
    for verb in (nearest_verb..open).rev() {
        let Some(lemma) = speech_verb_at(tokens, verb) else {
            continue;
        };
        let found = |speaker| {
            Some(Attribution {
                speaker: Some(speaker),
                cue: Some(verb..verb + 1),
                lemma: Some(lemma),
            })
        };
        // Passive: "was told by X".
        if verb + 2 < open
            && tokens.lower_is(verb + 1, "by")
            && let Some(speaker) = phrase_after(tokens, verb + 2, open)
        {
            return found(speaker);
        }
        // A participle after a comma has the subject of the clause before
        // it: "Lopez returned the favour, telling the council, “…”".
        let is_participle = tokens.lower(verb).ends_with("ing");
        if is_participle && verb > lo && tokens.is_punct(verb - 1, ',') {
            if let Some(speaker) = segment_subject(tokens, verb - 1) {
                return found(speaker);
            }
            continue;
        }
        if let Some(speaker) = subject_before(tokens, verb, lo) {
            // "a report suggesting …", "a statement describing …": the noun
            // before a participle is less often the speaker than the
            // subject of a finite verb before it.
            if is_participle && speaker.kind == PhraseKind::Description {
                participle.get_or_insert_with(|| found(speaker));
                continue;
            }
            return found(speaker);
        }
        // Inverted at the start of the clause: "Said Trump: “…”".
        if (lo..verb).all(|i| is_skippable_word(tokens, i) || !tokens.is_word(i))
            && let Some(speaker) = phrase_after(tokens, verb + 1, open)
        {
            return found(speaker);
        }
        verb_without_subject.get_or_insert(Attribution {
            speaker: None,
            cue: Some(verb..verb + 1),
            lemma: Some(lemma),
        });
    }
    if let Some(attribution) = participle {
        return attribution;
    }
    if let Some(mut attribution) = verb_without_subject {
        // "Reed went on to call the plan “reckless”": the verb has no subject of
        // its own; the sentence's does.
        attribution.speaker = clause_subject(tokens, lo, attribution.cue.as_ref()?.start);
        return Some(attribution);
    }
    // A colon and no speech verb: "Trump: “…”", "pollster Anna Schmidt:
    // “…”", "the headline reads: “…”", "Ellis released the
    // following statement: “…”".
    if tokens.is_punct(open - 1, ':') {
        let name = phrase_ending_at(tokens, open - 1, lo).filter(|p| p.kind == PhraseKind::Name);
        let sentence = tokens
            .sentence_of(open - 1)
            .max(open.saturating_sub(BEFORE_WINDOW));
        let speaker = name.or_else(|| clause_subject(tokens, sentence, open - 1))?;
        return Some(Attribution {
            speaker: Some(speaker),
            cue: None,
            lemma: None,
        });
    }
    None
}

/// The subject of the comma-separated segment that ends at token `comma`:
/// for "Speaking in Salem, Oregon, Lopez thanked the voters, calling
/// him …", the segment "Trump went after Bush" and its subject Trump.
fn segment_subject(tokens: &Tokens<'_>, comma: usize) -> Option<Phrase> {
    let lo = tokens
        .sentence_of(comma)
        .max(comma.saturating_sub(BEFORE_WINDOW));
    let start = (lo.max(comma.saturating_sub(40))..comma)
        .rev()
        .find(|&i| tokens.is_punct(i, ','))
        .map_or(lo, |i| i + 1);
    clause_subject(tokens, start, comma).or_else(|| clause_subject(tokens, lo, comma))
}

/// A quote that opens its paragraph after a paragraph ending with a colon
/// ("Erdogan told reporters:") is attributed by that paragraph's last
/// sentence.
fn introduced_by_previous_paragraph(tokens: &Tokens<'_>, open: usize) -> Option<Attribution> {
    if open == 0 || tokens.tokens[open - 1].kind != TokenKind::Newline {
        return None;
    }
    let mut colon = open - 1;
    while colon > 0 && tokens.tokens[colon].kind == TokenKind::Newline {
        colon -= 1;
    }
    if !tokens.is_punct(colon, ':') {
        return None;
    }
    let lo = tokens
        .sentence_of(colon)
        .max(colon.saturating_sub(BEFORE_WINDOW));
    before_quote(tokens, lo, colon + 1)
}

/// The subject of the clause `lo..end`, for a speech verb whose own
/// subject is out of reach: its first pronoun, name or description, after
/// a dateline ("BERLIN (Reuters) —") and an introductory phrase
/// ("In Ohio,", "Two days later,").
fn clause_subject(tokens: &Tokens<'_>, lo: usize, end: usize) -> Option<Phrase> {
    let mut start = lo;
    let dateline_dash = (start..end.min(start + 12))
        .find(|&i| tokens.is_punct(i, '—') || tokens.is_punct(i, '–'))
        .filter(|&dash| (start..dash).all(|i| !tokens.is_lowercase_word(i)));
    if let Some(dash) = dateline_dash {
        start = dash + 1;
    }
    if start < end && tokens.is_word(start) {
        let opens_with_function_word = tokens.sentence_of(start) == start
            && is_capitalized_function_word(&tokens.lower(start));
        let short_intro = (start..end.min(start + 5))
            .find(|&i| tokens.is_punct(i, ','))
            .filter(|&comma| (start..comma).any(|i| tokens.is_lowercase_word(i)));
        if let Some(comma) = short_intro {
            start = comma + 1;
        } else if opens_with_function_word
            && let Some(comma) = (start..end.min(start + 25)).find(|&i| tokens.is_punct(i, ','))
        {
            start = comma + 1;
        }
    }
    let mut index = start;
    while index < end {
        if !tokens.is_word(index) {
            index += 1;
            continue;
        }
        let lower = tokens.lower(index);
        if matches!(pronoun(&lower), Some(Some(_))) || lower == "i" || lower == "we" {
            return Some(Phrase {
                first: index,
                end: index + 1,
                kind: PhraseKind::Pronoun,
            });
        }
        if is_determiner(&lower) && !matches!(lower.as_ref(), "that" | "this" | "one") {
            // A description: "The county candidate sent …"
            let mut phrase_end = index + 1;
            while phrase_end < end
                && phrase_end - index <= 4
                && tokens.is_word(phrase_end)
                && !ends_noun_phrase(&tokens.lower(phrase_end))
                && !tokens.lower(phrase_end).ends_with("ed")
                && speech_verb_at(tokens, phrase_end).is_none()
            {
                phrase_end += 1;
            }
            if phrase_end > index + 1 {
                return Some(Phrase {
                    first: index,
                    end: phrase_end,
                    kind: PhraseKind::Description,
                });
            }
        } else if is_name_word(tokens, index) {
            let mut phrase_end = index + 1;
            while phrase_end < end
                && (tokens.is_capitalized(phrase_end) || is_particle_in_name(tokens, phrase_end))
                && !is_possessive(tokens.str(phrase_end - 1))
            {
                phrase_end += 1;
            }
            let kind = if is_possessive(tokens.str(phrase_end - 1)) {
                PhraseKind::Description
            } else {
                PhraseKind::Name
            };
            return Some(Phrase {
                first: index,
                end: phrase_end,
                kind,
            });
        }
        index += 1;
    }
    None
}

/// Whether token `index` can be part of a name: capitalised, and neither a
/// day or month nor a word that is capitalised only because it opens the
/// sentence ("But", "Speaking").
fn is_name_word(tokens: &Tokens<'_>, index: usize) -> bool {
    if !tokens.is_capitalized(index) {
        return false;
    }
    let word = tokens.lower(index);
    if is_calendar_word(&word) {
        return false;
    }
    let opens_sentence = tokens.sentence_of(index) == index
        || (index > 0
            && tokens.tokens[index - 1].kind != TokenKind::Word
            && !tokens.is_punct(index - 1, ','));
    !(opens_sentence && (is_capitalized_function_word(&word) || word.ends_with("ing")))
}

fn is_skippable_word(tokens: &Tokens<'_>, index: usize) -> bool {
    tokens.is_lowercase_word(index) && is_skippable_before_verb(&tokens.lower(index))
}

fn is_particle_in_name(tokens: &Tokens<'_>, index: usize) -> bool {
    tokens.is_lowercase_word(index)
        && is_name_particle(tokens.str(index))
        && index + 1 < tokens.len()
        && tokens.is_capitalized(index + 1)
}

/// The subject of the speech verb at `verb`, reading back no further than
/// `lo`: skips auxiliaries and adverbs ("has repeatedly said"), a
/// parenthesis ("Ted Cruz (R-Texas) said") and an appositive or relative
/// clause between commas ("Herzog, Israel’s president, said").
fn subject_before(tokens: &Tokens<'_>, verb: usize, lo: usize) -> Option<Phrase> {
    let mut end = verb;
    loop {
        if end <= lo {
            return None;
        }
        let previous = end - 1;
        if is_skippable_word(tokens, previous) {
            end = previous;
        } else if tokens.is_punct(previous, ')') {
            let open = (lo.max(previous.saturating_sub(12))..previous)
                .rev()
                .find(|&i| tokens.is_punct(i, '('))?;
            end = open;
        } else {
            break;
        }
    }
    let head = end - 1;
    if !tokens.is_punct(head, ',') {
        let phrase = phrase_ending_at(tokens, end, lo)?;
        if phrase.kind == PhraseKind::Pronoun && tokens.lower_is(phrase.first, "who") {
            // "Dunn, who has called the plan “…”": who is Dunn.
            return (phrase.first >= lo + 2 && tokens.is_punct(phrase.first - 1, ','))
                .then(|| phrase_ending_at(tokens, phrase.first - 1, lo))
                .flatten();
        }
        // "Trump on Tuesday said", "who has in the past described": a
        // prepositional phrase stands between the subject and the verb.
        if phrase.kind != PhraseKind::Pronoun
            && phrase.first > lo
            && is_preposition(&tokens.lower(phrase.first - 1))
            && let Some(subject) = subject_before(tokens, phrase.first - 1, lo)
            && subject.kind != PhraseKind::Description
        {
            return Some(subject);
        }
        return Some(phrase);
    }
    // "X, <appositive>, said": the speaker is X, or the appositive when it
    // is a name and X only describes ("his spokesman, Paul Dunn, said").
    let comma = (lo.max(head.saturating_sub(14))..head)
        .rev()
        .find(|&i| tokens.is_punct(i, ','))?;
    let outer = phrase_ending_at(tokens, comma, lo);
    let inner = phrase_ending_at(tokens, head, comma + 1).filter(|p| p.first == comma + 1);
    match (outer, inner) {
        (Some(outer), Some(inner))
            if outer.kind == PhraseKind::Description && inner.kind == PhraseKind::Name =>
        {
            Some(inner)
        }
        (Some(outer), _) => Some(outer),
        (None, inner) => inner.filter(|p| p.kind != PhraseKind::Pronoun),
    }
}

/// The noun phrase that ends just before token `end`, starting no earlier
/// than `lo`.
fn phrase_ending_at(tokens: &Tokens<'_>, end: usize, lo: usize) -> Option<Phrase> {
    if end <= lo {
        return None;
    }
    let head = end - 1;
    if !tokens.is_word(head) {
        return None;
    }
    let lower = tokens.lower(head);
    if pronoun(&lower).is_some() {
        return Some(Phrase {
            first: head,
            end,
            kind: PhraseKind::Pronoun,
        });
    }
    if ends_noun_phrase(&lower) || is_determiner(&lower) {
        return None;
    }
    if tokens.is_capitalized(head) {
        if !is_name_word(tokens, head) {
            return None;
        }
        let mut first = head;
        while first > lo {
            let previous = first - 1;
            if is_name_word(tokens, previous)
                || (previous > lo && is_particle_in_name(tokens, previous))
            {
                first = previous;
            } else {
                break;
            }
        }
        // "A spokesman for Democratic presidential candidate Hillary
        // Clinton said": the head is the spokesman.
        let mut back = first;
        while back > lo && first - back < 5 && tokens.is_word(back - 1) {
            let word = tokens.lower(back - 1);
            if matches!(word.as_ref(), "for" | "of" | "to")
                && back >= lo + 2
                && role(&tokens.lower(back - 2)).is_some()
            {
                let description = phrase_ending_at(tokens, back - 1, lo)?;
                return Some(Phrase {
                    first: description.first,
                    end,
                    kind: PhraseKind::Description,
                });
            }
            if ends_noun_phrase(&word) {
                break;
            }
            back -= 1;
        }
        return Some(Phrase {
            first,
            end,
            kind: PhraseKind::Name,
        });
    }
    // A description: "the president", "Israel’s president", "a senior
    // Clinton aide", "the former secretary of state", "officials".
    let mut first = head;
    while first > lo && head - first < MAX_PHRASE {
        let previous = first - 1;
        if !tokens.is_word(previous) {
            break;
        }
        let word = tokens.lower(previous);
        if is_determiner(&word) || is_possessive(tokens.str(previous)) {
            first = previous;
            break;
        }
        if ends_noun_phrase(&word)
            || pronoun(&word).is_some()
            || (tokens.is_lowercase_word(previous) && speech_verb_at(tokens, previous).is_some())
            || is_skippable_word(tokens, previous)
        {
            break;
        }
        first = previous;
    }
    while first < head && tokens.lower_is(first, "of") {
        first += 1;
    }
    Some(Phrase {
        first,
        end,
        kind: PhraseKind::Description,
    })
}

/// The noun phrase that starts at token `from`, ending before `end`: the
/// speaker after an inverted verb ("said Israeli President Isaac Herzog")
/// or "according to".
fn phrase_after(tokens: &Tokens<'_>, from: usize, end: usize) -> Option<Phrase> {
    if from >= end || !tokens.is_word(from) {
        return None;
    }
    if pronoun(&tokens.lower(from)).is_some() {
        return Some(Phrase {
            first: from,
            end: from + 1,
            kind: PhraseKind::Pronoun,
        });
    }
    let mut last = from;
    let mut has_of = false;
    while last < end && last - from < MAX_PHRASE && tokens.is_word(last) {
        let word = tokens.lower(last);
        let lowercase = tokens.is_lowercase_word(last);
        if word == "of" {
            has_of = true;
        } else if ends_noun_phrase(&word)
            || pronoun(&word).is_some()
            || (lowercase && last > from && is_determiner(&word))
            || (lowercase
                && (speech_verb_at(tokens, last).is_some() || is_skippable_before_verb(&word)))
        {
            break;
        }
        last += 1;
    }
    while last > from
        && ["of", "the", "a", "an"]
            .iter()
            .any(|word| tokens.lower_is(last - 1, word))
    {
        last -= 1;
    }
    if last == from {
        return None;
    }
    let head = last - 1;
    let described_role = has_of
        && (from..head)
            .any(|i| tokens.lower_is(i, "of") && i > from && tokens.is_lowercase_word(i - 1));
    if tokens.is_capitalized(head) && !described_role {
        // The name is the trailing run of capitalised words: "Trump
        // spokesman Paul Dunn" names Paul Dunn.
        let mut first = head;
        while first > from
            && (tokens.is_capitalized(first - 1) || is_particle_in_name(tokens, first - 1))
        {
            first -= 1;
        }
        return Some(Phrase {
            first,
            end: last,
            kind: PhraseKind::Name,
        });
    }
    let description = Phrase {
        first: from,
        end: last,
        kind: PhraseKind::Description,
    };
    // "said his spokesman, Paul Dunn": the name in apposition.
    if last + 1 < end && tokens.is_punct(last, ',') && tokens.is_capitalized(last + 1) {
        let mut name_end = last + 1;
        while name_end < end
            && (tokens.is_capitalized(name_end) || is_particle_in_name(tokens, name_end))
        {
            name_end += 1;
        }
        let closes = name_end >= end || !tokens.is_word(name_end);
        if closes {
            return Some(Phrase {
                first: last + 1,
                end: name_end,
                kind: PhraseKind::Name,
            });
        }
    }
    Some(description)
}

#[cfg(test)]
mod tests {
    use super::super::spans::quoted_spans;
    use super::*;

    /// The speaker phrase and cue of the first quote of `text`.
    fn check(text: &str, speaker: Option<&str>, cue: Option<&str>) {
        let tokens = Tokens::new(text);
        let span = &quoted_spans(text)[0];
        let open = tokens.at_or_after(span.open);
        let after = tokens.at_or_after(span.close_end);
        let quote = QuoteTokens {
            open,
            after,
            before_limit: tokens.sentence_of(open),
            ends_sentence: span.words(text).trim_end().ends_with('.'),
        };
        let found = attribution_of(&tokens, quote);
        let phrase_text =
            |p: &Phrase| &text[tokens.tokens[p.first].start..tokens.tokens[p.end - 1].end];
        let got_speaker = found
            .as_ref()
            .and_then(|a| a.speaker.as_ref())
            .map(phrase_text);
        let got_cue = found
            .as_ref()
            .and_then(|a| a.cue.clone())
            .map(|c| &text[tokens.tokens[c.start].start..tokens.tokens[c.end - 1].end]);
        assert_eq!((got_speaker, got_cue), (speaker, cue), "in {text:?}");
    }

    #[test]
    fn after_the_quote() {
        check("“We won,” Erdogan said.", Some("Erdogan"), Some("said"));
        check("“We won,” he added, smiling.", Some("he"), Some("added"));
        check(
            "“We won,” said Israeli President Isaac Herzog.",
            Some("Israeli President Isaac Herzog"),
            Some("said"),
        );
        check(
            "“We won,” Erdogan later told reporters.",
            Some("Erdogan"),
            Some("told"),
        );
        check(
            "“We won,” Baker campaign chairman John Wells said Tuesday.",
            Some("John Wells"),
            Some("said"),
        );
        check(
            "“We won,” the former secretary of state said.",
            Some("the former secretary of state"),
            Some("said"),
        );
        check(
            "“We won,” according to a campaign aide.",
            Some("a campaign aide"),
            Some("according to"),
        );
        check(
            "“We won,” Herzog, Israel’s president, said.",
            Some("Herzog"),
            Some("said"),
        );
        check(
            "“We won,” his spokesman, Paul Dunn, said.",
            Some("Paul Dunn"),
            Some("said"),
        );
        check(
            "“We won,” said his spokesman, Paul Dunn.",
            Some("Paul Dunn"),
            Some("said"),
        );
        check(
            "“We won,” Sen. Ted Cruz (R-Texas) said.",
            Some("Sen. Ted Cruz"),
            Some("said"),
        );
        check(
            "“We won,” said the president of Turkey.",
            Some("the president of Turkey"),
            Some("said"),
        );
        check(
            "“We won” — Jane Q. Doe (@janedoe)",
            Some("Jane Q. Doe"),
            None,
        );
    }

    #[test]
    fn before_the_quote() {
        check("Erdogan said: “We won.”", Some("Erdogan"), Some("said"));
        check(
            "Israel’s president called the visit a “key moment.”",
            Some("Israel’s president"),
            Some("called"),
        );
        check(
            "Erdogan lauded his talks with Herzog as a “new turning point.”",
            Some("Erdogan"),
            Some("lauded"),
        );
        check(
            "According to the report, “it failed.”",
            Some("the report"),
            Some("According to"),
        );
        check("Trump: “We will win.”", Some("Trump"), None);
        check("Said Trump: “We will win.”", Some("Trump"), Some("Said"));
        check(
            "Reed went on to call the plan “reckless.”",
            Some("Reed"),
            Some("call"),
        );
        check(
            "He was told by aides that “it is over.”",
            Some("aides"),
            Some("told"),
        );
        check(
            "Erdogan told reporters:\n\n“We won.”",
            Some("Erdogan"),
            Some("told"),
        );
    }

    #[test]
    fn no_attribution() {
        check("The so-called “alt-right” grew.", None, None);
        check("He made a call. “We won.”", None, None);
    }
    #[test]
    fn long_and_odd_attributions() {
        check(
            "“The bridge must be rebuilt.”― Omar Haddad",
            Some("Omar Haddad"),
            None,
        );
        check(
            "“You cut every corner” to save money on the new stadium roof, she said.",
            Some("she"),
            Some("said"),
        );
        check(
            "“We will appeal,” Reed, the longtime chairman of the county water board and a former \
             deputy mayor of the city for two terms, said.",
            Some("Reed"),
            Some("said"),
        );
        check(
            "“We will appeal,” Sen. Alan Reed (D-Ore.) said.",
            Some("Sen. Alan Reed"),
            Some("said"),
        );
        // After a participle, what follows is what was said.
        check(
            "Lopez hailed the ruling as “overdue,” telling reporters it would help tenants.",
            Some("Lopez"),
            Some("hailed"),
        );
        check(
            "Two days later, Lopez returned the favour, telling the council, “The money is there.”",
            Some("Lopez"),
            Some("telling"),
        );
        check(
            "A spokesman for Republican county candidate Tom Baker called a memo suggesting fraud \
             “absurd.”",
            Some("A spokesman for Republican county candidate Tom Baker"),
            Some("called"),
        );
        check(
            "Dunn, who has in the past described the plan as “a fantasy.”",
            Some("Dunn"),
            Some("described"),
        );
        check(
            "Ellis on Tuesday said the budget was “a mess.”",
            Some("Ellis"),
            Some("said"),
        );
        check(
            "The result does not surprise pollster Anna Schmidt: “Turnout decides everything.”",
            Some("Anna Schmidt"),
            None,
        );
        check(
            "Ellis released the following statement: “We mourn with the families.”",
            Some("Ellis"),
            None,
        );
        check(
            "Maria Lopez said she hadn’t yet called for a recount because “we must be patient.”",
            Some("she"),
            Some("called"),
        );
        // "states" after a noun is a noun.
        check(
            "Two swing states gave “record turnout” numbers.",
            None,
            None,
        );
    }
}
