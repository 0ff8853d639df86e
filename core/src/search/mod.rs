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
//! [`SearchIndex::refresh`], which looks the record up in the state), or with
//! [`SearchIndex::catch_up`], which re-indexes only the records whose versions
//! moved since they were indexed.
//!
//! The search box asks [`SearchIndex::search_grouped`]: results in [`Group`]s
//! (pôles, people, kits…), a kit's versions and a meeting's agenda items shown
//! as their kit or meeting, with counts per group. [`present`] gives a result's
//! title and snippet; [`highlight`] and [`snippet`] (in `highlight.rs`) mark the
//! matched words on the original text.

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

mod highlight;
mod present;

pub use highlight::{Segment, highlight, snippet};
pub use present::{Presented, present};

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
    /// The group its results show in (none: found by [`SearchIndex::search`] only).
    group: Option<Group>,
    /// The record a result opens: itself, or its kit (a kit version) or
    /// meeting (an agenda item).
    shown: Id,
    /// The fingerprint of its versions when indexed (see [`stamp`]).
    stamp: u64,
    /// The bit of its name or title field ([`title_field`]; 0 when none),
    /// kept so a query does not look it up per record.
    title_bit: u64,
}

/// The groups the search box shows results in, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Pôles (and functions, partners, the centre).
    Pole,
    /// A pôle's missions (opened on their pôle).
    Mission,
    /// People (their skills and interests included).
    Person,
    /// Open needs of the pôles.
    Need,
    /// Offers of help.
    Offer,
    /// Tasks.
    Task,
    /// Meetings (their agenda items shown as the meeting).
    Meeting,
    /// Decisions.
    Decision,
    /// Kits (their latest version's text shown as the kit).
    Kit,
    /// Places of the territory.
    Place,
}

impl Group {
    /// Every group, in display order.
    pub const ALL: [Group; 10] = [
        Group::Pole,
        Group::Mission,
        Group::Person,
        Group::Need,
        Group::Offer,
        Group::Task,
        Group::Meeting,
        Group::Decision,
        Group::Kit,
        Group::Place,
    ];

    /// The group a record of `kind` shows in; none for kinds with no page of
    /// their own (links, role assignments, speaking turns, kit runs…).
    #[must_use]
    pub const fn of(kind: Kind) -> Option<Group> {
        Some(match kind {
            Kind::Pole => Group::Pole,
            Kind::Mission => Group::Mission,
            Kind::Person => Group::Person,
            Kind::Need => Group::Need,
            Kind::Offer => Group::Offer,
            Kind::Task => Group::Task,
            Kind::Meeting | Kind::AgendaItem => Group::Meeting,
            Kind::Decision => Group::Decision,
            Kind::Kit | Kind::KitVersion => Group::Kit,
            Kind::Place => Group::Place,
            _ => return None,
        })
    }

    /// The kind whose records this group opens.
    #[must_use]
    pub const fn kind(self) -> Kind {
        match self {
            Group::Pole => Kind::Pole,
            Group::Mission => Kind::Mission,
            Group::Person => Kind::Person,
            Group::Need => Kind::Need,
            Group::Offer => Kind::Offer,
            Group::Task => Kind::Task,
            Group::Meeting => Kind::Meeting,
            Group::Decision => Kind::Decision,
            Group::Kit => Kind::Kit,
            Group::Place => Kind::Place,
        }
    }

    /// This group's bit in a [`Groups`] set.
    #[must_use]
    pub const fn bit(self) -> Groups {
        Groups(1 << self as u16)
    }
}

/// A set of [`Group`]s (the kind filter of the search box).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Groups(pub u16);

impl Groups {
    /// Every group.
    pub const ALL: Groups = Groups((1 << Group::ALL.len()) - 1);

    /// Whether `group` is in the set.
    #[must_use]
    pub const fn contains(self, group: Group) -> bool {
        self.0 & group.bit().0 != 0
    }

    /// The set with `group` added or removed.
    #[must_use]
    pub const fn toggled(self, group: Group) -> Groups {
        Groups(self.0 ^ group.bit().0)
    }

    /// True when no group is in the set.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// One result of [`SearchIndex::search_grouped`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The group it shows in.
    pub group: Group,
    /// The record it opens (a kit for a kit version, a meeting for an agenda item).
    pub id: Id,
    /// The record that matched, and where.
    pub hit: Hit,
}

/// What [`SearchIndex::search_grouped`] answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grouped {
    /// How many results each group holds, for every group with one or more
    /// (in display order), whether or not the filter shows it.
    pub counts: Vec<(Group, usize)>,
    /// The best results of each group the filter shows, best first, in display order.
    pub groups: Vec<(Group, Vec<Found>)>,
}

impl Grouped {
    /// How many results `group` holds (0 if none).
    #[must_use]
    pub fn count(&self, group: Group) -> usize {
        self.counts
            .iter()
            .find(|(known, _)| *known == group)
            .map_or(0, |(_, count)| *count)
    }

    /// How many results in all.
    #[must_use]
    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, count)| count).sum()
    }
}

/// A fingerprint of what a record holds: its last change, archived and deleted
/// flags, and each field's version and writer. Two copies of a record with the
/// same stamp hold the same values (a device's view re-applies its pending
/// operations at the same local versions, so an unchanged record keeps its stamp).
fn stamp(record: &Record) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    record.changed_at.hash(&mut hasher);
    record.archived.hash(&mut hasher);
    record.deleted.hash(&mut hasher);
    record.versions.hash(&mut hasher);
    record.writers.hash(&mut hasher);
    hasher.finish()
}

/// The record a result for `record` opens: its kit or meeting for a kit
/// version or agenda item, else itself.
fn shown(record: &Record) -> Id {
    match record.kind {
        Kind::KitVersion => record.reference("kit"),
        Kind::AgendaItem => record.reference("meeting"),
        _ => None,
    }
    .unwrap_or(record.id)
}

/// The ranking key of a candidate: smaller is better.
type Rank = (
    bool,
    std::cmp::Reverse<u8>,
    std::cmp::Reverse<u8>,
    std::cmp::Reverse<u32>,
    Kind,
    Id,
);

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
    /// Every kit version: (kit id, number, slot); only a kit's latest one is a
    /// result. A list: kits have few versions, and no map type is compiled for it.
    kit_versions: Vec<(Id, i64, u32)>,
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
        crate::sort::sort_by_key(&mut records, |record| record.id);
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
        let shown = shown(record);
        if record.kind == Kind::KitVersion {
            let number = record.get("number").as_int().unwrap_or(0);
            self.kit_versions.push((shown, number, slot));
        }
        if let Some(entry) = self.docs.get_mut(slot as usize) {
            *entry = Some(Doc {
                id: record.id,
                kind: record.kind,
                archived: record.archived,
                terms,
                group: Group::of(record.kind),
                shown,
                stamp: stamp(record),
                title_bit: title_field(record.kind)
                    .filter(|&title| title < 64)
                    .map_or(0, |title| 1 << title),
            });
        }
    }

    /// Brings the whole index in step with `state`, re-indexing only the
    /// records whose versions moved since they were indexed (and forgetting
    /// those deleted or gone). Returns how many records were re-indexed or
    /// forgotten. Cheap when little changed: one pass comparing fingerprints.
    pub fn catch_up(&mut self, state: &State) -> usize {
        let mut changed = 0;
        let mut present = 0;
        for record in state.records.values() {
            let known = self.slots.get(&record.id).copied();
            if record.deleted {
                if known.is_some() {
                    self.remove(record.id);
                    changed += 1;
                }
                continue;
            }
            present += 1;
            let same = known
                .and_then(|slot| self.docs.get(slot as usize)?.as_ref())
                .is_some_and(|doc| doc.stamp == stamp(record));
            if !same {
                self.update(record);
                changed += 1;
            }
        }
        if present != self.slots.len() {
            let gone: Vec<Id> = self
                .slots
                .keys()
                .filter(|id| state.existing(**id).is_none())
                .copied()
                .collect();
            changed += gone.len();
            for id in gone {
                self.remove(id);
            }
        }
        changed
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
        if doc.kind == Kind::KitVersion {
            self.kit_versions.retain(|(_, _, known)| *known != slot);
        }
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
        if limit == 0 {
            return Vec::new();
        }
        let mut ranked = self.matches(query);
        if limit < ranked.len() {
            ranked.select_nth_unstable_by_key(limit, |entry| entry.0);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by_key(|entry| entry.0);
        ranked
            .into_iter()
            .filter_map(|(_, slot, mask)| Some(hit(self.docs.get(slot as usize)?.as_ref()?, mask)))
            .collect()
    }

    /// What the search box shows for `query`: the results of every group,
    /// counted, and the best `per_group` of each group in `only`, ranked as
    /// [`SearchIndex::search_top`] does.
    ///
    /// A kit version is shown as its kit, and only if it is the kit's latest
    /// version; an agenda item as its meeting; a kit or meeting found through
    /// several records is one result, at its best rank. Records of kinds with
    /// no [`Group`] are left out.
    #[must_use]
    pub fn search_grouped(&self, query: &str, only: Groups, per_group: usize) -> Grouped {
        // Each kit's latest version, looked up once rather than per hit.
        let latest = self.latest_versions();
        // Per group, the best `per_group` (rank, slot, fields) so far, best first.
        let mut best: Vec<Vec<(Rank, u32, u64)>> = vec![Vec::new(); Group::ALL.len()];
        let mut counts = [0usize; Group::ALL.len()];
        // Kits and meetings found through several records: shown id → its rank so far.
        let mut merged: FxHashMap<Id, Rank> = FxHashMap::default();
        self.each_match(query, |rank, slot, mask| {
            let Some(Some(doc)) = self.docs.get(slot as usize) else {
                return;
            };
            let Some(group) = doc.group else { return };
            if doc.kind == Kind::KitVersion
                && latest
                    .get(&doc.shown)
                    .is_some_and(|(_, newest)| *newest != slot)
            {
                return;
            }
            let index = group as usize;
            if matches!(group, Group::Kit | Group::Meeting) {
                match merged.get_mut(&doc.shown) {
                    Some(known) => {
                        if rank < *known {
                            // The better record replaces the other one in place.
                            *known = rank;
                            if !only.contains(group) {
                                return;
                            }
                            let list = &mut best[index];
                            if let Some(at) = list.iter().position(|entry| {
                                self.docs
                                    .get(entry.1 as usize)
                                    .and_then(Option::as_ref)
                                    .is_some_and(|other| other.shown == doc.shown)
                            }) {
                                list.remove(at);
                            }
                            insert_best(list, (rank, slot, mask), per_group);
                        }
                        return;
                    }
                    None => {
                        merged.insert(doc.shown, rank);
                    }
                }
            }
            counts[index] += 1;
            if only.contains(group) {
                insert_best(&mut best[index], (rank, slot, mask), per_group);
            }
        });
        let mut grouped = Grouped::default();
        for group in Group::ALL {
            let count = counts[group as usize];
            if count == 0 {
                continue;
            }
            grouped.counts.push((group, count));
            let list = std::mem::take(&mut best[group as usize]);
            if list.is_empty() {
                continue;
            }
            let found = list
                .into_iter()
                .filter_map(|(_, slot, mask)| {
                    let doc = self.docs.get(slot as usize)?.as_ref()?;
                    Some(Found {
                        group,
                        id: doc.shown,
                        hit: hit(doc, mask),
                    })
                })
                .collect();
            grouped.groups.push((group, found));
        }
        grouped
    }

    /// Each kit's latest version: the highest number, the first indexed among
    /// equals (kit → (number, slot)).
    fn latest_versions(&self) -> FxHashMap<Id, (i64, u32)> {
        let mut latest: FxHashMap<Id, (i64, u32)> = FxHashMap::default();
        for &(kit, number, slot) in &self.kit_versions {
            match latest.get_mut(&kit) {
                Some(best) if number > best.0 || (number == best.0 && slot < best.1) => {
                    *best = (number, slot);
                }
                Some(_) => {}
                None => {
                    latest.insert(kit, (number, slot));
                }
            }
        }
        latest
    }

    /// Every record matching `query`, unordered: its rank, slot and the
    /// fields that matched.
    fn matches(&self, query: &str) -> Vec<(Rank, u32, u64)> {
        let mut all = Vec::new();
        self.each_match(query, |rank, slot, mask| all.push((rank, slot, mask)));
        all
    }

    /// Calls `each` with every record matching `query`, unordered: its rank,
    /// slot and the fields that matched (no list of them all is made).
    fn each_match(&self, query: &str, mut each: impl FnMut(Rank, u32, u64)) {
        let query = words(query);
        if query.is_empty() || self.slots.is_empty() {
            return;
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
            return;
        }
        crate::sort::sort_by_key(&mut per_word, |(_, total)| *total);

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
                    && mask & record.title_bit != 0
                {
                    in_title[doc] += 1;
                }
            }
            if touched.is_empty() {
                return;
            }
            candidates.clone_from(&touched);
        }

        for &slot in &candidates {
            let doc = slot as usize;
            let Some(Some(record)) = self.docs.get(doc) else {
                continue;
            };
            let rank = (
                record.archived,
                std::cmp::Reverse(in_title[doc]),
                std::cmp::Reverse(exact[doc]),
                std::cmp::Reverse(fields[doc].count_ones()),
                record.kind,
                record.id,
            );
            each(rank, slot, fields[doc]);
        }
    }
}

/// Inserts `entry` in `list` (best first) if it is among the best `limit`.
/// A linear insertion: lists hold a handful of results, and no sort is compiled.
fn insert_best(list: &mut Vec<(Rank, u32, u64)>, entry: (Rank, u32, u64), limit: usize) {
    if limit == 0 || (list.len() >= limit && list.last().is_some_and(|last| last.0 <= entry.0)) {
        return;
    }
    let at = list.partition_point(|known| known.0 <= entry.0);
    list.insert(at, entry);
    list.truncate(limit);
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
