//! One search box over every text of every record.
//!
//! Volunteers look for "the pôle that does the newsletter", "the kit about
//! welcoming newcomers", "who knows graphic design" — typed quickly on a phone,
//! without accents, often half a word at a time. This module answers that from
//! a single index over every text-bearing field of every record (picked from
//! the schema's [`FieldType`], kit steps included), so a new kind or field is
//! searchable without touching this code.
//!
//! Matching is accent-, case- and punctuation-insensitive ([`fold`]: "Pôle"
//! and "pole", "Site web" and "site-web" are the same words) and works as you
//! type: every word of the query must be the beginning of some word of the
//! record. Folded words are kept in a sorted map, so a prefix is a range scan.
//!
//! The index is built once from a [`State`] and kept in step after each
//! operation with [`SearchIndex::update`] / [`SearchIndex::remove`] (or
//! [`SearchIndex::refresh`], which looks the record up in the state).

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
#[cfg(feature = "unicode-tables")]
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::ids::Id;
use crate::schema::{FieldType, Kind};
use crate::state::{Record, State};
use crate::value::Value;

/// Folds `text` for comparison: each character canonically decomposed (as in
/// NFD) with the combining marks dropped ("é" → "e"), the Latin letters that do
/// not decompose spelled out ("œ" → "oe", "ß" → "ss", "ø" → "o"), lower-cased,
/// every run of punctuation or spaces turned into one space, and trimmed.
/// Letters of other scripts stay as they are, so Arabic or Cyrillic text is
/// found by a query in the same script.
///
/// `fold("Pôle « Site-web » !")` is `"pole site web"`.
///
/// Canonical decomposition rather than transliteration or compatibility
/// tables: the app compiles this to WebAssembly, where those tables would
/// outweigh the rest of the app (about 30 KB here against 200 KB).
///
/// The decomposition comes from compiled-in tables with the `unicode-tables`
/// feature (on by default: the server, tests, benchmarks). Without it, from
/// the function given to [`set_decomposer`] (which lower-cases too): the app
/// passes the browser's own `normalize` and `toLowerCase`, which ship no
/// tables in the bundle.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    if text.is_ascii() {
        text.chars()
            .for_each(|c| push_folded(c, &mut gap, &mut out));
        return out;
    }
    let mut push_base = |part: char| match spelled_out(part) {
        Some(letters) => letters
            .chars()
            .for_each(|a| push_folded(a, &mut gap, &mut out)),
        None => push_folded(part, &mut gap, &mut out),
    };
    #[cfg(feature = "unicode-tables")]
    for c in text.chars() {
        decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                push_base(part);
            }
        });
    }
    #[cfg(not(feature = "unicode-tables"))]
    for part in DECOMPOSER
        .get()
        .map_or_else(|| text.to_owned(), |decompose| decompose(text))
        .chars()
    {
        push_base(part);
    }
    out
}

/// Where [`fold`] gets canonical decompositions without the `unicode-tables`
/// feature (see [`set_decomposer`]).
static DECOMPOSER: OnceLock<fn(&str) -> String> = OnceLock::new();

/// Gives [`fold`] its canonical decomposition and lower-casing when the core
/// is built without the `unicode-tables` feature: `decompose` must return its
/// text in NFD, each character lower-cased on its own (as
/// `char::to_lowercase`, so no final-sigma rule) and every combining mark
/// (General Category M) removed, as the tables would. The first call wins;
/// with the feature on, the tables are used and this is ignored. Until it is
/// called (and without the feature), `fold` keeps non-ASCII letters as they
/// are, accents and case included.
pub fn set_decomposer(decompose: fn(&str) -> String) {
    let _ = DECOMPOSER.set(decompose);
}

/// Latin letters with no decomposition, as their usual ASCII spelling.
const fn spelled_out(c: char) -> Option<&'static str> {
    Some(match c {
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' | 'ẞ' => "ss",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// Appends one character to folded text: letters and digits lower-cased,
/// anything else remembered as a gap between words.
fn push_folded(c: char, gap: &mut bool, out: &mut String) {
    if c.is_alphanumeric() {
        if *gap && !out.is_empty() {
            out.push(' ');
        }
        *gap = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            push_lowercase(c, out);
        }
    } else {
        *gap = true;
    }
}

/// Appends a non-ASCII letter or digit lower-cased (`char::to_lowercase`).
#[cfg(feature = "unicode-tables")]
fn push_lowercase(c: char, out: &mut String) {
    out.extend(c.to_lowercase());
}

/// Without the `unicode-tables` feature the decomposer has lower-cased the
/// text already (see [`set_decomposer`]): the case tables stay out of the app.
#[cfg(not(feature = "unicode-tables"))]
fn push_lowercase(c: char, out: &mut String) {
    out.push(c);
}

/// Query words beyond this many are ignored.
const MAX_QUERY_WORDS: usize = 16;

/// The words of `text`, folded (see [`fold`]), each once, in first-seen order.
fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut seen: Vec<String> = Vec::new();
    for word in folded.split(' ').filter(|word| !word.is_empty()) {
        if !seen.iter().any(|known| known == word) {
            seen.push(word.to_owned());
        }
    }
    seen
}

/// Whether a field of this type holds text people would search for.
///
/// Choices (`"referent"`, `"open"`), colours, order keys, numbers, dates and
/// references hold codes, not words, and are left out.
#[must_use]
pub const fn is_searchable(ty: FieldType) -> bool {
    matches!(
        ty,
        FieldType::Text { .. }
            | FieldType::LongText { .. }
            | FieldType::Markdown { .. }
            | FieldType::List { .. }
            | FieldType::Set { .. }
            | FieldType::Url
            | FieldType::Steps
            | FieldType::Files { .. }
    )
}

/// The field that names a record of `kind` (its name or title): the first
/// required one-line text field, if the kind has one.
///
/// Matches there rank before matches elsewhere.
#[must_use]
pub fn title_field(kind: Kind) -> Option<usize> {
    kind.fields()
        .iter()
        .position(|spec| spec.required && matches!(spec.ty, FieldType::Text { .. }))
}

/// Calls `each` with every piece of text a value holds.
fn texts(value: &Value, each: &mut dyn FnMut(&str)) {
    match value {
        Value::Text(text) => each(text),
        Value::List(items) => items.iter().for_each(|item| each(item)),
        Value::Set(items) => items.iter().for_each(|item| each(item)),
        Value::Steps(steps) => {
            for step in steps {
                each(&step.phase);
                each(&step.title);
                each(&step.body);
            }
        }
        Value::Files(files) => files.iter().for_each(|file| each(&file.name)),
        _ => {}
    }
}

/// The folded words of a record, each with the set of fields (a bit per field
/// index) it appears in.
fn record_words(record: &Record) -> Vec<(String, u64)> {
    let mut found: FxHashMap<String, u64> = FxHashMap::default();
    for (index, (spec, value)) in record.kind.fields().iter().zip(&record.values).enumerate() {
        if index >= 64 || !is_searchable(spec.ty) {
            continue;
        }
        let bit = 1u64 << index;
        texts(value, &mut |text| {
            for word in fold(text).split(' ').filter(|word| !word.is_empty()) {
                match found.get_mut(word) {
                    Some(mask) => *mask |= bit,
                    None => {
                        found.insert(word.to_owned(), bit);
                    }
                }
            }
        });
    }
    found.into_iter().collect()
}

/// One record found by a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The record's id.
    pub id: Id,
    /// The record's kind.
    pub kind: Kind,
    /// The best field to show a snippet from: the name or title if it matched,
    /// else the first matching field in schema order.
    pub field: &'static str,
    /// Every field that matched some word of the query, in schema order.
    pub fields: Vec<&'static str>,
    /// The record is archived (shown, but marked as such).
    pub archived: bool,
}

/// A posting: one record holding a word, and in which fields.
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    fields: u64,
}

/// A folded word and the records holding it, sorted by slot.
#[derive(Debug, Clone, Default)]
struct Term {
    word: Box<str>,
    list: Vec<Posting>,
}

/// What the index remembers of one record.
#[derive(Debug, Clone)]
struct Doc {
    id: Id,
    kind: Kind,
    archived: bool,
    terms: Vec<u32>,
}

/// The search index of a collective: folded words → the records holding them.
///
/// Build it with [`SearchIndex::build`], keep it in step with
/// [`SearchIndex::update`] and [`SearchIndex::remove`], query it with
/// [`SearchIndex::search`].
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Folded word → term number, sorted so a prefix is a range.
    sorted: BTreeMap<Box<str>, u32>,
    /// Folded word → term number, for quick lookups while indexing.
    terms: FxHashMap<Box<str>, u32>,
    /// Per term number, the word and the records holding it (sorted by slot).
    postings: Vec<Term>,
    /// Term numbers no longer used.
    free_terms: Vec<u32>,
    /// Per slot, the record indexed there.
    docs: Vec<Option<Doc>>,
    /// Slots no longer used.
    free_docs: Vec<u32>,
    /// Record id → slot.
    slots: FxHashMap<Id, u32>,
}

impl SearchIndex {
    /// An empty index.
    #[must_use]
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// The index of every record of `state` that is not deleted.
    #[must_use]
    pub fn build(state: &State) -> SearchIndex {
        let mut index = SearchIndex::new();
        // Sorted by id so that slots, and thus ties in results, do not depend
        // on the state's hash order.
        let mut records: Vec<&Record> = state.records().collect();
        records.sort_unstable_by_key(|record| record.id);
        index.docs.reserve(records.len());
        index.slots.reserve(records.len());
        for record in records {
            index.update(record);
        }
        index
    }

    /// How many records are indexed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when no record is indexed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// How many distinct folded words are indexed.
    #[must_use]
    pub fn word_count(&self) -> usize {
        self.sorted.len()
    }

    /// Indexes `record` anew (after it was created or changed); a deleted
    /// record is removed.
    pub fn update(&mut self, record: &Record) {
        if record.deleted {
            self.remove(record.id);
            return;
        }
        let slot = match self.slots.get(&record.id) {
            Some(&slot) => {
                self.unlink(slot);
                slot
            }
            None => {
                let slot = self.free_docs.pop().unwrap_or_else(|| {
                    self.docs.push(None);
                    u32::try_from(self.docs.len() - 1).unwrap_or(u32::MAX)
                });
                self.slots.insert(record.id, slot);
                slot
            }
        };
        let words = record_words(record);
        let mut terms = Vec::with_capacity(words.len());
        for (word, fields) in words {
            let term = self.term(word);
            let list = &mut self.postings[term as usize].list;
            let posting = Posting { doc: slot, fields };
            match list.last() {
                Some(last) if last.doc > slot => {
                    let at = list.partition_point(|p| p.doc < slot);
                    list.insert(at, posting);
                }
                _ => list.push(posting),
            }
            terms.push(term);
        }
        if let Some(entry) = self.docs.get_mut(slot as usize) {
            *entry = Some(Doc {
                id: record.id,
                kind: record.kind,
                archived: record.archived,
                terms,
            });
        }
    }

    /// Forgets the record `id` (after it was deleted). Unknown ids are ignored.
    pub fn remove(&mut self, id: Id) {
        if let Some(slot) = self.slots.remove(&id) {
            self.unlink(slot);
            if let Some(entry) = self.docs.get_mut(slot as usize) {
                *entry = None;
            }
            self.free_docs.push(slot);
        }
    }

    /// Brings the record `id` in step with `state`: re-indexed if it exists,
    /// forgotten if it was deleted or is unknown.
    pub fn refresh(&mut self, state: &State, id: Id) {
        match state.existing(id) {
            Some(record) => self.update(record),
            None => self.remove(id),
        }
    }

    /// The term number of `word`, created if new.
    fn term(&mut self, word: String) -> u32 {
        if let Some(&term) = self.terms.get(word.as_str()) {
            return term;
        }
        let term = self.free_terms.pop().unwrap_or_else(|| {
            self.postings.push(Term::default());
            u32::try_from(self.postings.len() - 1).unwrap_or(u32::MAX)
        });
        let word: Box<str> = word.into_boxed_str();
        self.terms.insert(word.clone(), term);
        self.sorted.insert(word.clone(), term);
        self.postings[term as usize] = Term {
            word,
            list: Vec::new(),
        };
        term
    }

    /// Removes the postings of the record in `slot`, dropping words no record holds any more.
    fn unlink(&mut self, slot: u32) {
        let Some(Some(doc)) = self.docs.get_mut(slot as usize) else {
            return;
        };
        let terms = std::mem::take(&mut doc.terms);
        for term in terms {
            let entry = &mut self.postings[term as usize];
            if let Ok(at) = entry.list.binary_search_by_key(&slot, |p| p.doc) {
                entry.list.remove(at);
            }
            if entry.list.is_empty() {
                let word = std::mem::take(&mut entry.word);
                self.terms.remove(&word);
                self.sorted.remove(&word);
                self.free_terms.push(term);
            }
        }
    }

    /// Every record matching `query`, best first (see [`SearchIndex::search_top`]).
    #[must_use]
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_top(query, usize::MAX)
    }

    /// At most `limit` records matching `query`, best first.
    ///
    /// Every word of the (folded) query must begin some word of the record.
    /// Ranking, from most to least important: live records before archived
    /// ones; more query words found in the record's name or title; more query
    /// words found whole rather than as a beginning; more fields matching;
    /// then by kind (schema order) and id, so results are stable.
    /// An empty query finds nothing.
    #[must_use]
    pub fn search_top(&self, query: &str, limit: usize) -> Vec<Hit> {
        let query = words(query);
        if query.is_empty() || limit == 0 || self.slots.is_empty() {
            return Vec::new();
        }
        // The terms each query word begins, rarest query word first, so that
        // the candidates shrink as fast as possible.
        let mut per_word: Vec<(Vec<(u32, bool)>, usize)> = query
            .iter()
            .take(MAX_QUERY_WORDS)
            .map(|word| {
                let mut total = 0;
                let terms: Vec<(u32, bool)> = self
                    .sorted
                    .range::<str, _>((Bound::Included(word.as_str()), Bound::Unbounded))
                    .take_while(|(term, _)| term.starts_with(word.as_str()))
                    .map(|(term, &number)| {
                        total += self.postings[number as usize].list.len();
                        (number, term.len() == word.len())
                    })
                    .collect();
                (terms, total)
            })
            .collect();
        if per_word.iter().any(|(terms, _)| terms.is_empty()) {
            return Vec::new();
        }
        per_word.sort_by_key(|(_, total)| *total);

        const EXACT: u64 = 1 << 63;
        let slots = self.docs.len();
        // Per slot: how many query words matched so far, the fields they
        // matched in, and the score parts.
        let mut matched = vec![0u8; slots];
        let mut fields = vec![0u64; slots];
        let mut in_title = vec![0u8; slots];
        let mut exact = vec![0u8; slots];
        // Scratch for the current word.
        let mut word_fields = vec![0u64; slots];
        let mut touched: Vec<u32> = Vec::new();
        let mut candidates: Vec<u32> = Vec::new();
        for (round, (terms, _)) in per_word.iter().enumerate() {
            let round = u8::try_from(round).unwrap_or(u8::MAX);
            touched.clear();
            for &(term, whole) in terms {
                let flag = if whole { EXACT } else { 0 };
                for posting in &self.postings[term as usize].list {
                    let doc = posting.doc as usize;
                    if matched[doc] != round {
                        continue;
                    }
                    if word_fields[doc] == 0 {
                        touched.push(posting.doc);
                    }
                    word_fields[doc] |= posting.fields | flag;
                }
            }
            for &slot in &touched {
                let doc = slot as usize;
                let mask = std::mem::take(&mut word_fields[doc]);
                matched[doc] = round + 1;
                fields[doc] |= mask & !EXACT;
                exact[doc] += u8::from(mask & EXACT != 0);
                if let Some(Some(record)) = self.docs.get(doc)
                    && let Some(title) = title_field(record.kind)
                    && mask & (1 << title) != 0
                {
                    in_title[doc] += 1;
                }
            }
            if touched.is_empty() {
                return Vec::new();
            }
            candidates.clone_from(&touched);
        }

        type Key = (
            bool,
            std::cmp::Reverse<u8>,
            std::cmp::Reverse<u8>,
            std::cmp::Reverse<u32>,
            Kind,
            Id,
        );
        let mut ranked: Vec<(Key, u32)> = candidates
            .iter()
            .filter_map(|&slot| {
                let doc = slot as usize;
                let record = self.docs.get(doc)?.as_ref()?;
                let key = (
                    record.archived,
                    std::cmp::Reverse(in_title[doc]),
                    std::cmp::Reverse(exact[doc]),
                    std::cmp::Reverse(fields[doc].count_ones()),
                    record.kind,
                    record.id,
                );
                Some((key, slot))
            })
            .collect();
        if limit < ranked.len() {
            ranked.select_nth_unstable_by_key(limit, |entry| entry.0);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by_key(|entry| entry.0);
        ranked
            .into_iter()
            .filter_map(|(_, slot)| {
                let doc = self.docs.get(slot as usize)?.as_ref()?;
                Some(hit(doc, fields[slot as usize]))
            })
            .collect()
    }
}

/// The hit for `doc`, whose fields in `mask` matched.
fn hit(doc: &Doc, mask: u64) -> Hit {
    let specs = doc.kind.fields();
    let fields: Vec<&'static str> = specs
        .iter()
        .enumerate()
        .filter(|(index, _)| *index < 64 && mask & (1 << index) != 0)
        .map(|(_, spec)| spec.name)
        .collect();
    let field = title_field(doc.kind)
        .filter(|&title| mask & (1 << title) != 0)
        .map(|title| specs[title].name)
        .or_else(|| fields.first().copied())
        .unwrap_or("");
    Hit {
        id: doc.id,
        kind: doc.kind,
        field,
        fields,
        archived: doc.archived,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_accents_case_and_punctuation() {
        assert_eq!(fold("Pôle « Site-web » !"), "pole site web");
        assert_eq!(fold("BÉNÉVOLES"), "benevoles");
        assert_eq!(fold("  cœur   d'Œuvre "), "coeur d oeuvre");
        assert_eq!(fold("e\u{301}quipe"), "equipe");
        assert_eq!(fold("Straße 12"), "strasse 12");
        assert_eq!(fold("—"), "");
        assert_eq!(fold("Ærø · Łódź"), "aero lodz");
        assert_eq!(fold("Тест, مرحبا!"), "тест مرحبا");
        assert_eq!(fold("ΣΟΦΙΑΣ Σ İstanbul"), "σοφιασ σ istanbul");
        assert_eq!(
            fold("Ça s’écrit « Noël », à l’École\u{a0}: où ?"),
            "ca s ecrit noel a l ecole ou"
        );
    }

    #[test]
    fn query_words_are_folded_and_deduplicated() {
        assert_eq!(words("Pôle pole POLE, web"), vec!["pole", "web"]);
        assert!(words(" ,;- ").is_empty());
    }

    #[test]
    fn every_kind_with_a_title_has_it_searchable() {
        for kind in Kind::ALL {
            if let Some(title) = title_field(kind) {
                assert!(is_searchable(kind.fields()[title].ty), "{}", kind.name());
            }
            assert!(kind.fields().len() < 64, "{}", kind.name());
        }
    }
}
