//! Saying who a speaker phrase names.
//!
//! - A phrase whose head is an entity's mention names that entity ("Turkish
//!   President Recep Tayyip Erdogan said" names the entity "Recep Tayyip
//!   Erdogan").
//! - A capitalised name that is no entity's mention is kept as written,
//!   without its titles ("Sen. Ted Cruz" gives "Ted Cruz"), or becomes the
//!   person entity whose name contains all its words ("Erdogan" in an
//!   article that names "Recep Tayyip Erdogan").
//! - A role ("Israel’s president", "the Turkish president", "the
//!   minister") names the person whose mention the article introduces with
//!   that role and the same qualifiers ("Israeli President Isaac Herzog";
//!   Israel and Israeli are the same qualifier): the last such mention
//!   before the quote, else the first after it.
//! - "he" and "she" name the most recent person before the pronoun, outside
//!   quotes, whose gender is not the other one; gender comes from the given
//!   name (a list shipped as data) or from a title ("Mrs.",
//!   "congresswoman"). After "he added" or "she continued", the speaker of
//!   the quote just before is preferred when the gender fits.
//!
//! Anything else ("a source", "they", a role nobody in the article holds)
//! is reported with its mention and no name: unresolved, never guessed.

use std::cell::OnceCell;

use crate::{Entity, EntityKind, SpeakerResolution, entity_key};

use super::Map;
use super::attribution::{Phrase, PhraseKind};
use super::lexicon::{
    Gender, given_name_gender, is_capitalized_function_word, is_demonym, is_determiner,
    is_name_prefix, is_possessive, is_role_modifier, pronoun, qualifier_key, role,
};
use super::tokens::Tokens;

/// How many earlier people a pronoun is compared with before giving up.
const PRONOUN_LOOKBACK: usize = 60;
/// How many people introduced with a role are compared with a role, on
/// each side of the quote: a bound that keeps the work per quote constant.
const ROLE_LOOKAROUND: usize = 64;

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Speaker {
    pub(crate) name: Option<String>,
    pub(crate) kind: Option<EntityKind>,
    pub(crate) mention: Option<[usize; 2]>,
    pub(crate) resolution: SpeakerResolution,
    pub(crate) gender: Option<Gender>,
}

/// A person mention introduced with a role: "Israeli President [Isaac Herzog]".
#[derive(Debug, Clone)]
struct Titled {
    position: usize,
    entity: usize,
    qualifiers: Vec<String>,
}

/// A name kept as written because no entity matched it.
#[derive(Debug, Clone)]
struct WrittenName {
    name: String,
    words: Vec<String>,
    gender: Option<Gender>,
}

/// What the article says about its people, and the speakers found so far.
pub(crate) struct Resolver<'t, 'a> {
    tokens: &'t Tokens<'a>,
    entities: &'t [Entity],
    /// Every mention of every entity: start, end, entity index; by start.
    mentions: Vec<(usize, usize, usize)>,
    /// Mentions of persons outside quotes, by start: pronoun antecedents.
    person_mentions: Vec<(usize, usize)>,
    genders: Vec<Option<Gender>>,
    /// Person mentions by the role words that introduce them, in text order.
    titled: Map<String, Vec<Titled>>,
    /// Person entities by the words of their canonical names; made when a
    /// name that is no mention is first looked up, which few articles need.
    persons_by_word: OnceCell<Map<String, Vec<usize>>>,
    /// The sorted starts of each entity's mentions.
    mention_starts: Vec<Vec<usize>>,
    written: Vec<WrittenName>,
    /// Names kept as written, by their words.
    written_by_word: Map<String, Vec<usize>>,
    /// Speakers resolved so far, with the position they were named at.
    spoken: Vec<(usize, Speaker)>,
}

impl<'t, 'a> Resolver<'t, 'a> {
    /// Reads the entities of an article; `quoted` are the byte ranges of
    /// its quotes, whose mentions cannot be antecedents of a pronoun.
    pub(crate) fn new(
        tokens: &'t Tokens<'a>,
        entities: &'t [Entity],
        quoted: &[[usize; 2]],
    ) -> Self {
        let text = tokens.text;
        // Sized up front: an article has dozens to hundreds of mentions.
        let mut mentions =
            Vec::with_capacity(entities.iter().map(|entity| entity.mentions.len()).sum());
        for (index, entity) in entities.iter().enumerate() {
            for &[start, end] in &entity.mentions {
                // Offsets from elsewhere are not trusted to be in range or
                // on character boundaries.
                if start < end
                    && end <= text.len()
                    && text.is_char_boundary(start)
                    && text.is_char_boundary(end)
                {
                    mentions.push((start, end, index));
                }
            }
        }
        mentions.sort_unstable();
        let inside_quote = |position: usize| {
            let after = quoted.partition_point(|q| q[0] <= position);
            after > 0 && position < quoted[after - 1][1]
        };
        let mut genders: Vec<Option<Gender>> = entities
            .iter()
            .map(|entity| match entity.kind {
                EntityKind::Person => entity
                    .name
                    .split_whitespace()
                    .next()
                    .and_then(given_name_gender),
                _ => None,
            })
            .collect();
        let mut person_mentions = Vec::with_capacity(mentions.len());
        let mut titled: Map<String, Vec<Titled>> = Map::default();
        for &(start, end, entity) in &mentions {
            if entities[entity].kind != EntityKind::Person {
                continue;
            }
            if !inside_quote(start) {
                person_mentions.push((start, entity));
            }
            let context = title_context(tokens, start, end);
            if let Some(gender) = context.gender {
                genders[entity] = Some(gender);
            }
            if context.roles.is_empty() {
                continue;
            }
            let qualifiers: Vec<String> = context
                .qualifiers
                .iter()
                .map(|&index| qualifier_key(tokens.str(index)))
                .collect();
            for word in context.roles {
                titled.entry(word).or_default().push(Titled {
                    position: start,
                    entity,
                    qualifiers: qualifiers.clone(),
                });
            }
        }
        let mut mention_starts: Vec<Vec<usize>> = entities
            .iter()
            .map(|entity| Vec::with_capacity(entity.mentions.len()))
            .collect();
        for &(start, _, entity) in &mentions {
            mention_starts[entity].push(start);
        }
        Resolver {
            tokens,
            entities,
            mentions,
            person_mentions,
            genders,
            titled,
            persons_by_word: OnceCell::new(),
            mention_starts,
            written: Vec::new(),
            written_by_word: Map::default(),
            spoken: Vec::new(),
        }
    }

    /// Records the speaker of a quote, as an antecedent for later pronouns.
    pub(crate) fn note(&mut self, position: usize, speaker: &Speaker) {
        if speaker.name.is_some() {
            self.spoken.push((position, speaker.clone()));
        }
    }

    /// Says who `phrase` names. `lemma` is the speech verb's base form, and
    /// `previous` the speaker of the quote just before, when it is in the
    /// same or the previous paragraph.
    pub(crate) fn resolve(
        &mut self,
        phrase: Phrase,
        lemma: Option<&str>,
        previous: Option<&Speaker>,
    ) -> Speaker {
        let tokens = self.tokens;
        let span = [
            tokens.tokens[phrase.first].start,
            tokens.tokens[phrase.end - 1].end,
        ];
        match phrase.kind {
            PhraseKind::Pronoun => match pronoun(&tokens.lower(phrase.first)) {
                Some(Some(gender)) => self.resolve_pronoun(span, gender, lemma, previous),
                _ => unresolved(span),
            },
            PhraseKind::Name | PhraseKind::Description => {
                if let Some(speaker) = self.head_entity(phrase, span) {
                    return speaker;
                }
                if phrase.kind == PhraseKind::Name {
                    if let Some(speaker) = self.written_name(phrase, span) {
                        return speaker;
                    }
                }
                self.resolve_role(phrase, span)
            }
        }
    }

    /// The entity whose mention is the head of the phrase (its last word).
    fn head_entity(&self, phrase: Phrase, span: [usize; 2]) -> Option<Speaker> {
        let head_start = self.tokens.tokens[head_token(self.tokens, phrase)].start;
        let after = self.mentions.partition_point(|m| m.0 < span[1]);
        let (start, end, entity) = self.mentions[..after]
            .iter()
            .rev()
            .take(8)
            .find(|m| m.1 > head_start && m.0 >= span[0].saturating_sub(64))
            .copied()?;
        let entity_ref = &self.entities[entity];
        Some(Speaker {
            name: Some(entity_ref.name.clone()),
            kind: Some(entity_ref.kind),
            mention: Some([start.max(span[0]), end.min(span[1]).max(start.max(span[0]))]),
            resolution: SpeakerResolution::Named,
            gender: self.genders[entity],
        })
    }

    /// A capitalised name that is no entity's mention, without its titles.
    fn written_name(&mut self, phrase: Phrase, span: [usize; 2]) -> Option<Speaker> {
        let tokens = self.tokens;
        let mut first = phrase.first;
        let mut gender = None;
        while first < phrase.end {
            let word = tokens.lower(first);
            let is_prefix = is_name_prefix(&word)
                || is_demonym(tokens.str(first))
                || is_possessive(tokens.str(first))
                || matches!(
                    word.as_ref(),
                    "republican" | "democratic" | "democrat" | "gop"
                )
                || (tokens.sentence_of(first) == first && is_capitalized_function_word(&word));
            if !is_prefix {
                break;
            }
            if let Some(Some(title_gender)) = role(&word) {
                gender = Some(title_gender);
            }
            first += 1;
        }
        // A name of one letter or a lone number is not a name.
        let name_tokens: Vec<usize> = (first..phrase.end).collect();
        if name_tokens.is_empty()
            || (name_tokens.len() == 1
                && tokens
                    .str(first)
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .count()
                    < 2)
        {
            return None;
        }
        let name = &tokens.text[tokens.tokens[first].start..span[1]];
        let words: Vec<String> = entity_key(name).split(' ').map(str::to_owned).collect();
        let mention = Some([tokens.tokens[first].start, span[1]]);
        if let Some(entity) = self.person_with_words(&words, span[0]) {
            let entity_ref = &self.entities[entity];
            return Some(Speaker {
                name: Some(entity_ref.name.clone()),
                kind: Some(entity_ref.kind),
                mention,
                resolution: SpeakerResolution::Named,
                gender: self.genders[entity].or(gender),
            });
        }
        let given = given_name_gender(tokens.str(first));
        let known = words
            .last()
            .and_then(|last| self.written_by_word.get(last))
            .and_then(|indexes| {
                indexes
                    .iter()
                    .map(|&index| &self.written[index])
                    .find(|w| words.iter().all(|word| w.words.contains(word)))
            });
        if let Some(known) = known {
            return Some(Speaker {
                name: Some(known.name.clone()),
                kind: known.gender.map(|_| EntityKind::Person),
                mention,
                resolution: SpeakerResolution::Named,
                gender: known.gender.or(gender),
            });
        }
        let gender = gender.or(if words.len() > 1 { given } else { None });
        for word in &words {
            self.written_by_word
                .entry(word.clone())
                .or_default()
                .push(self.written.len());
        }
        self.written.push(WrittenName {
            name: name.to_owned(),
            words,
            gender,
        });
        Some(Speaker {
            name: Some(name.to_owned()),
            kind: gender.map(|_| EntityKind::Person),
            mention,
            resolution: SpeakerResolution::Named,
            gender,
        })
    }

    /// Person entities by the words of their canonical names.
    fn persons_by_word(&self) -> &Map<String, Vec<usize>> {
        self.persons_by_word.get_or_init(|| {
            let mut persons_by_word: Map<String, Vec<usize>> = Map::default();
            for (index, entity) in self.entities.iter().enumerate() {
                if entity.kind == EntityKind::Person {
                    for word in entity_key(&entity.name).split(' ') {
                        persons_by_word
                            .entry(word.to_owned())
                            .or_default()
                            .push(index);
                    }
                }
            }
            persons_by_word
        })
    }

    /// The person entity whose canonical name holds all of `words`; the
    /// one mentioned last before `position` when several do.
    fn person_with_words(&self, words: &[String], position: usize) -> Option<usize> {
        let candidates = self.persons_by_word().get(words.last()?)?;
        let matching = candidates.iter().copied().filter(|&entity| {
            let key = entity_key(&self.entities[entity].name);
            let name_words: Vec<&str> = key.split(' ').collect();
            words.iter().all(|w| name_words.contains(&w.as_str()))
        });
        matching.max_by_key(|&entity| {
            let starts = &self.mention_starts[entity];
            let before = starts.partition_point(|&start| start < position);
            before.checked_sub(1).map(|i| starts[i])
        })
    }

    /// A role ("Israel’s president") resolved to the person the article
    /// introduces with it.
    fn resolve_role(&self, phrase: Phrase, span: [usize; 2]) -> Speaker {
        let tokens = self.tokens;
        let mut head_role = None;
        let mut qualifiers = Vec::new();
        let mut after_of = false;
        for index in phrase.first..phrase.end {
            let word = tokens.lower(index);
            if word == "of" {
                after_of = true;
                continue;
            }
            if role(&word).is_some() && !is_possessive(tokens.str(index)) {
                if !after_of {
                    head_role = Some(word.trim_end_matches('.').to_owned());
                }
            } else if tokens.is_capitalized(index) || is_possessive(tokens.str(index)) {
                if !is_determiner(&word) && !is_role_modifier(&word) {
                    qualifiers.push(qualifier_key(tokens.str(index)));
                }
            } else if matches!(word.as_ref(), "republican" | "democratic") {
                qualifiers.push(qualifier_key(&word));
            }
        }
        let Some(head_role) = head_role else {
            return unresolved(span);
        };
        let Some(candidates) = self.titled.get(&head_role) else {
            return unresolved(span);
        };
        let fits = |c: &&Titled| qualifiers.iter().all(|q| c.qualifiers.contains(q));
        let split = candidates.partition_point(|c| c.position < span[0]);
        let before = candidates[..split]
            .iter()
            .rev()
            .take(ROLE_LOOKAROUND)
            .find(fits);
        let chosen = before.or_else(|| candidates[split..].iter().take(ROLE_LOOKAROUND).find(fits));
        match chosen {
            Some(titled) => {
                let entity = &self.entities[titled.entity];
                Speaker {
                    name: Some(entity.name.clone()),
                    kind: Some(entity.kind),
                    mention: Some(span),
                    resolution: SpeakerResolution::Role,
                    gender: self.genders[titled.entity],
                }
            }
            None => unresolved(span),
        }
    }

    /// "he" or "she": the most recent person outside quotes whose gender
    /// does not contradict the pronoun.
    fn resolve_pronoun(
        &self,
        span: [usize; 2],
        gender: Gender,
        lemma: Option<&str>,
        previous: Option<&Speaker>,
    ) -> Speaker {
        let fits = |g: Option<Gender>| g.is_none_or(|g| g == gender);
        let resolved = |name: String, kind, person_gender| Speaker {
            name: Some(name),
            kind,
            mention: Some(span),
            resolution: SpeakerResolution::Pronoun,
            gender: person_gender,
        };
        // "he added", "she continued": the speaker goes on.
        if matches!(lemma, Some("add" | "continue" | "conclude"))
            && let Some(previous) = previous
            && let Some(name) = &previous.name
            && previous.kind != Some(EntityKind::Organization)
            && fits(previous.gender)
        {
            return resolved(name.clone(), previous.kind, previous.gender);
        }
        let from_mentions = {
            let before = self.person_mentions.partition_point(|m| m.0 < span[0]);
            self.person_mentions[..before]
                .iter()
                .rev()
                .take(PRONOUN_LOOKBACK)
                .find(|(_, entity)| fits(self.genders[*entity]))
                .map(|&(position, entity)| {
                    let e = &self.entities[entity];
                    (
                        position,
                        resolved(e.name.clone(), Some(e.kind), self.genders[entity]),
                    )
                })
        };
        let from_speakers = self
            .spoken
            .iter()
            .rev()
            .take(2 * PRONOUN_LOOKBACK)
            .filter(|(position, _)| *position < span[0])
            .take(PRONOUN_LOOKBACK)
            .find(|(_, s)| s.kind != Some(EntityKind::Organization) && fits(s.gender))
            .and_then(|(position, s)| {
                Some((*position, resolved(s.name.clone()?, s.kind, s.gender)))
            });
        match (from_mentions, from_speakers) {
            (Some(a), Some(b)) => Some(if a.0 >= b.0 { a.1 } else { b.1 }),
            (a, b) => a.or(b).map(|found| found.1),
        }
        .unwrap_or_else(|| unresolved(span))
    }
}

/// The word a phrase is about: its last word, or the last before "of"
/// ("the *president* of Turkey").
fn head_token(tokens: &Tokens<'_>, phrase: Phrase) -> usize {
    if phrase.kind == PhraseKind::Description {
        if let Some(of) = (phrase.first + 1..phrase.end).find(|&i| tokens.lower_is(i, "of")) {
            return of - 1;
        }
    }
    phrase.end - 1
}

fn unresolved(span: [usize; 2]) -> Speaker {
    Speaker {
        name: None,
        kind: None,
        mention: Some(span),
        resolution: SpeakerResolution::Unresolved,
        gender: None,
    }
}

/// The roles, qualifiers and gender that introduce a person mention:
/// "Israeli President [Isaac Herzog]", "[Herzog], Israel’s president,".
#[derive(Debug, Default)]
struct TitleContext {
    roles: Vec<String>,
    /// The tokens of the qualifiers, keyed (see [`qualifier_key`]) only
    /// when there is a role to file them under, as for few mentions.
    qualifiers: Vec<usize>,
    gender: Option<Gender>,
}

fn title_context(tokens: &Tokens<'_>, start: usize, end: usize) -> TitleContext {
    let mut context = TitleContext::default();
    let first = tokens.at_or_after(start);
    let add = |index: usize, context: &mut TitleContext| {
        let word = tokens.lower(index);
        if let Some(gender) = role(&word) {
            if !is_possessive(tokens.str(index)) {
                context.roles.push(word.trim_end_matches('.').to_owned());
                if gender.is_some() {
                    context.gender = gender;
                }
                return;
            }
        }
        if is_role_modifier(&word) && !matches!(word.as_ref(), "republican" | "democratic") {
            return;
        }
        if tokens.is_capitalized(index) || is_possessive(tokens.str(index)) {
            context.qualifiers.push(index);
        }
    };
    // Before the mention, up to six words of titles and qualifiers.
    let mut index = first;
    while index > 0 && first - index < 6 {
        let previous = index - 1;
        if !tokens.is_word(previous) {
            break;
        }
        let word = tokens.lower(previous);
        let fits = tokens.is_capitalized(previous)
            || role(&word).is_some()
            || is_role_modifier(&word)
            || is_possessive(tokens.str(previous))
            || word == "of";
        if !fits
            || (tokens.sentence_of(previous) == previous && is_capitalized_function_word(&word))
        {
            break;
        }
        add(previous, &mut context);
        index = previous;
    }
    // After it, an appositive: ", Israel’s president," or ", the Turkish
    // president,". It counts only when it holds a role.
    let after = tokens.at_or_after(end);
    if after < tokens.len() && tokens.is_punct(after, ',') {
        let mut index = after + 1;
        let opens_description = index < tokens.len()
            && tokens.is_word(index)
            && (is_determiner(&tokens.lower(index))
                || is_possessive(tokens.str(index))
                || is_demonym(tokens.str(index))
                || role(&tokens.lower(index)).is_some()
                || is_role_modifier(&tokens.lower(index)));
        if opens_description {
            let mut appositive = TitleContext::default();
            while index < tokens.len() && index - after < 8 && tokens.is_word(index) {
                add(index, &mut appositive);
                index += 1;
            }
            if !appositive.roles.is_empty() {
                context.roles.append(&mut appositive.roles);
                context.qualifiers.append(&mut appositive.qualifiers);
                context.gender = context.gender.or(appositive.gender);
            }
        }
    }
    context
}
