//! The kit library: versioned how-to kits that turn into checklists.
//!
//! A kit (`kit` record: title, summary, pôle in charge, maintainer) has
//! immutable versions (`kit_version`: number, changelog, markdown body, steps
//! grouped by phase or day, audience, format, tags, language, duration,
//! attachments). Editing a kit publishes a new version; older ones stay
//! readable and any two can be compared ([`diff`]). Starting a kit creates a
//! run (`kit_run`) for a pôle, a local group or oneself: its checked steps are a
//! set, so two devices ticking steps offline merge without conflict. Finishing a
//! run leaves feedback (worked / didn't / idea) on the kit for its maintainers.
//!
//! Like the rest of the core, functions that act return the [`Change`]s to
//! send; ids are passed in.
//!
//! Two devices publishing "version 2" offline at once both keep their version:
//! versions are ordered by number, then by the server's order of arrival
//! ([`versions`]), and the latest in that order is the current one.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;
use similar::{ChangeTag, TextDiff};

use crate::files::FileRef;
use crate::ids::Id;
use crate::op::Change;
use crate::schema::Kind;
use crate::search::fold;
use crate::state::{Record, State};
use crate::value::{Step, Value};

/// What the library is filtered by (every criterion optional; all must hold).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KitFilter {
    /// A tag (theme) of the current version.
    pub tag: Option<String>,
    /// The current version's audience, as written.
    pub audience: Option<String>,
    /// One of [`crate::schema::KIT_FORMATS`].
    pub format: Option<String>,
    /// The pôle in charge (the kit's, else its version's).
    pub pole: Option<Id>,
    /// One of [`crate::schema::LANGUAGES`].
    pub language: Option<String>,
}

/// One kit of the library with its current version.
#[derive(Debug, Clone, Copy)]
pub struct KitCard<'a> {
    /// The kit record.
    pub kit: &'a Record,
    /// Its current version, if it has one.
    pub version: Option<&'a Record>,
}

impl KitCard<'_> {
    /// The current version's number (0 without one).
    #[must_use]
    pub fn number(&self) -> i64 {
        self.version
            .and_then(|version| version.get("number").as_int())
            .unwrap_or(0)
    }

    /// A text field of the current version.
    #[must_use]
    pub fn text(&self, field: &str) -> Option<&str> {
        self.version.and_then(|version| version.text(field))
    }

    /// The pôle in charge: the kit's, else its current version's.
    #[must_use]
    pub fn pole(&self) -> Option<Id> {
        pole_in_charge(self.kit, self.version)
    }
}

fn pole_in_charge(kit: &Record, version: Option<&Record>) -> Option<Id> {
    kit.reference("pole")
        .or_else(|| version.and_then(|version| version.reference("pole")))
}

fn number(version: &Record) -> i64 {
    version.get("number").as_int().unwrap_or(0)
}

fn by_number(a: &&Record, b: &&Record) -> Ordering {
    number(a)
        .cmp(&number(b))
        .then(a.created_at.cmp(&b.created_at))
        .then(a.id.cmp(&b.id))
}

/// Every version of `kit`, oldest first (by number, then by arrival).
#[must_use]
pub fn versions(state: &State, kit: Id) -> Vec<&Record> {
    let mut all: Vec<&Record> = state
        .of_kind(Kind::KitVersion)
        .filter(|version| version.reference("kit") == Some(kit))
        .collect();
    crate::sort::sort_by(&mut all, by_number);
    all
}

/// The current (latest) version of `kit`.
#[must_use]
pub fn latest(state: &State, kit: Id) -> Option<&Record> {
    state
        .of_kind(Kind::KitVersion)
        .filter(|version| version.reference("kit") == Some(kit))
        .max_by(by_number)
}

/// Every kit's current version, from one pass over the records.
fn latest_of_each(state: &State) -> FxHashMap<Id, &Record> {
    let mut latest: FxHashMap<Id, &Record> = FxHashMap::default();
    for version in state.of_kind(Kind::KitVersion) {
        let Some(kit) = version.reference("kit") else {
            continue;
        };
        match latest.get_mut(&kit) {
            Some(best) => {
                if by_number(best, &version) == Ordering::Less {
                    *best = version;
                }
            }
            None => {
                latest.insert(kit, version);
            }
        }
    }
    latest
}

/// The library: live kits matching `filter`, by title (accents and case
/// ignored).
#[must_use]
pub fn library<'a>(state: &'a State, filter: &KitFilter) -> Vec<KitCard<'a>> {
    let latest = latest_of_each(state);
    let mut cards: Vec<(String, KitCard<'a>)> = state
        .of_kind(Kind::Kit)
        .filter(|kit| !kit.archived)
        .map(|kit| KitCard {
            kit,
            version: latest.get(&kit.id).copied(),
        })
        .filter(|card| matches(card, filter))
        .map(|card| (fold(card.kit.text("title").unwrap_or_default()), card))
        .collect();
    crate::sort::sort_by(&mut cards, |a, b| {
        a.0.cmp(&b.0).then(a.1.kit.id.cmp(&b.1.kit.id))
    });
    cards.into_iter().map(|(_, card)| card).collect()
}

fn matches(card: &KitCard<'_>, filter: &KitFilter) -> bool {
    let same = |wanted: &Option<String>, field: &str| {
        wanted
            .as_deref()
            .is_none_or(|wanted| card.text(field) == Some(wanted))
    };
    let tagged = filter.tag.as_deref().is_none_or(|tag| {
        card.version.is_some_and(
            |version| matches!(version.get("tags"), Value::Set(tags) if tags.contains(tag)),
        )
    });
    tagged
        && same(&filter.audience, "audience")
        && same(&filter.format, "format")
        && same(&filter.language, "language")
        && filter.pole.is_none_or(|pole| card.pole() == Some(pole))
}

/// The values present in the library, for its filter menus (each sorted,
/// without repeats): tags, audiences, formats, languages and pôles in charge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Tags (themes).
    pub tags: Vec<String>,
    /// Audiences, as written.
    pub audiences: Vec<String>,
    /// Formats.
    pub formats: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// Pôles in charge.
    pub poles: Vec<Id>,
}

/// What the library's filters can choose from (see [`Facets`]).
#[must_use]
pub fn facets(state: &State) -> Facets {
    let mut facets = Facets::default();
    for card in library(state, &KitFilter::default()) {
        if let Some(Value::Set(tags)) = card.version.map(|version| version.get("tags")) {
            facets.tags.extend(tags.iter().cloned());
        }
        for (field, into) in [
            ("audience", &mut facets.audiences),
            ("format", &mut facets.formats),
            ("language", &mut facets.languages),
        ] {
            if let Some(text) = card.text(field) {
                into.push(text.to_owned());
            }
        }
        facets.poles.extend(card.pole());
    }
    for list in [
        &mut facets.tags,
        &mut facets.audiences,
        &mut facets.formats,
        &mut facets.languages,
    ] {
        crate::sort::sort(list);
        list.dedup();
    }
    crate::sort::sort(&mut facets.poles);
    facets.poles.dedup();
    facets
}

/// The steps of a version grouped by phase (or day), phases in the order
/// they first appear.
#[must_use]
pub fn phases(steps: &[Step]) -> Vec<(&str, Vec<&Step>)> {
    let mut groups: Vec<(&str, Vec<&Step>)> = Vec::new();
    for step in steps {
        match groups.iter_mut().find(|(phase, _)| *phase == step.phase) {
            Some((_, list)) => list.push(step),
            None => groups.push((&step.phase, vec![step])),
        }
    }
    groups
}

/// The steps of a version (empty if it has none).
#[must_use]
pub fn steps(version: &Record) -> &[Step] {
    match version.get("steps") {
        Value::Steps(steps) => steps,
        _ => &[],
    }
}

/// The attachments of a version.
#[must_use]
pub fn attachments(version: &Record) -> &[FileRef] {
    match version.get("attachments") {
        Value::Files(files) => files,
        _ => &[],
    }
}

/// The content of a version as an author edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Markdown body.
    pub body: String,
    /// Steps, grouped by their phase.
    pub steps: Vec<Step>,
    /// Who it is for.
    pub audience: String,
    /// One of [`crate::schema::KIT_FORMATS`] (empty: not said).
    pub format: String,
    /// The pôle in charge of this version.
    pub pole: Option<Id>,
    /// Tags (themes).
    pub tags: Vec<String>,
    /// One of [`crate::schema::LANGUAGES`] (empty: not said).
    pub language: String,
    /// Licence, as written.
    pub licence: String,
    /// Estimated duration in minutes.
    pub duration_minutes: Option<i64>,
    /// Attached files.
    pub attachments: Vec<FileRef>,
}

impl Draft {
    /// The content of `version`, to edit it into the next one.
    #[must_use]
    pub fn of(version: &Record) -> Draft {
        let text = |field: &str| version.text(field).unwrap_or_default().to_owned();
        Draft {
            body: text("body"),
            steps: steps(version).to_vec(),
            audience: text("audience"),
            format: text("format"),
            pole: version.reference("pole"),
            tags: match version.get("tags") {
                Value::Set(tags) => tags.iter().cloned().collect(),
                _ => Vec::new(),
            },
            language: text("language"),
            licence: text("licence"),
            duration_minutes: version.get("duration_minutes").as_int(),
            attachments: attachments(version).to_vec(),
        }
    }

    fn fields(&self) -> Vec<(&'static str, Value)> {
        let text = |text: &str| {
            if text.trim().is_empty() {
                Value::Null
            } else {
                Value::text(text)
            }
        };
        vec![
            ("body", text(&self.body)),
            ("steps", Value::Steps(self.steps.clone())),
            ("audience", text(&self.audience)),
            ("format", text(&self.format)),
            ("pole", self.pole.map_or(Value::Null, Value::Ref)),
            (
                "tags",
                Value::set(
                    self.tags
                        .iter()
                        .map(|tag| tag.trim())
                        .filter(|tag| !tag.is_empty()),
                ),
            ),
            ("language", text(&self.language)),
            ("licence", text(&self.licence)),
            (
                "duration_minutes",
                self.duration_minutes.map_or(Value::Null, Value::Int),
            ),
            ("attachments", Value::Files(self.attachments.clone())),
        ]
    }
}

/// Why a version cannot be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PublishError {
    /// A new version needs a changelog line saying what changed.
    #[error("a new version needs a changelog line")]
    NoChangelog,
    /// Nothing differs from the current version.
    #[error("nothing changed since the current version")]
    Unchanged,
    /// The kit does not exist (or was deleted).
    #[error("no such kit")]
    NoKit,
}

/// The change publishing `draft` as the next version of `kit`, with
/// `changelog` saying what changed (required, and something must differ from
/// the current version).
///
/// # Errors
/// [`PublishError`] when the changelog is empty, nothing changed or the kit
/// is gone.
pub fn publish(
    state: &State,
    kit: Id,
    draft: &Draft,
    changelog: &str,
    id: Id,
) -> Result<Change, PublishError> {
    state.existing(kit).ok_or(PublishError::NoKit)?;
    if changelog.trim().is_empty() {
        return Err(PublishError::NoChangelog);
    }
    let current = latest(state, kit);
    if current.is_some_and(|current| Draft::of(current).same_as(draft)) {
        return Err(PublishError::Unchanged);
    }
    let next = current.map_or(1, |current| number(current) + 1);
    let mut fields = draft.fields();
    fields.push(("kit", Value::Ref(kit)));
    fields.push(("number", Value::Int(next)));
    fields.push(("changelog", Value::text(changelog.trim())));
    Ok(Change::create(Kind::KitVersion, id, fields))
}

impl Draft {
    /// Same content once trimmed as validation would store it.
    fn same_as(&self, other: &Draft) -> bool {
        let clean = |draft: &Draft| {
            let mut tags: Vec<String> = draft
                .tags
                .iter()
                .map(|tag| tag.trim().to_owned())
                .filter(|tag| !tag.is_empty())
                .collect();
            crate::sort::sort(&mut tags);
            tags.dedup();
            let mut draft = draft.clone();
            for text in [
                &mut draft.body,
                &mut draft.audience,
                &mut draft.format,
                &mut draft.language,
                &mut draft.licence,
            ] {
                *text = text.trim().to_owned();
            }
            draft.tags = tags;
            draft
        };
        clean(self) == clean(other)
    }
}

/// The changes creating a kit (`kit_id`) with its first version
/// (`version_id`).
#[must_use]
pub fn create(
    kit_id: Id,
    version_id: Id,
    title: &str,
    summary: &str,
    maintainer: Option<Id>,
    draft: &Draft,
) -> Vec<Change> {
    let summary = if summary.trim().is_empty() {
        Value::Null
    } else {
        Value::text(summary)
    };
    let mut fields = draft.fields();
    fields.push(("kit", Value::Ref(kit_id)));
    fields.push(("number", Value::Int(1)));
    fields.push(("changelog", Value::Null));
    vec![
        Change::create(
            Kind::Kit,
            kit_id,
            [
                ("title", Value::text(title)),
                ("summary", summary),
                ("pole", draft.pole.map_or(Value::Null, Value::Ref)),
                ("maintainer", maintainer.map_or(Value::Null, Value::Ref)),
            ],
        ),
        Change::create(Kind::KitVersion, version_id, fields),
    ]
}

// ---------------------------------------------------------------------------
// Comparing versions
// ---------------------------------------------------------------------------

/// How a line of a comparison changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineChange {
    /// In both versions.
    Same,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
}

/// One line of a comparison, split into parts; `true` marks the words that
/// changed within a changed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// How the line changed.
    pub change: LineChange,
    /// The line's text in parts, with the changed words marked.
    pub parts: Vec<(bool, String)>,
}

impl DiffLine {
    /// The whole line.
    #[must_use]
    pub fn text(&self) -> String {
        self.parts.iter().map(|(_, part)| part.as_str()).collect()
    }
}

/// One field that differs between two versions (besides the body and steps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field's name (`audience`, `format`, `tags`…).
    pub field: &'static str,
    /// Its value in the older version, as text.
    pub before: String,
    /// Its value in the newer version, as text.
    pub after: String,
}

/// What differs between two versions of a kit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionDiff {
    /// Fields that differ, in schema order.
    pub fields: Vec<FieldChange>,
    /// The body, line by line (unchanged lines included, for context).
    pub body: Vec<DiffLine>,
    /// The steps, one line per step (`phase · title`) and its details.
    pub steps: Vec<DiffLine>,
}

impl VersionDiff {
    /// Nothing differs.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
            && self
                .body
                .iter()
                .chain(&self.steps)
                .all(|line| line.change == LineChange::Same)
    }
}

fn lines(old: &str, new: &str) -> Vec<DiffLine> {
    let diff = TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for op in diff.ops() {
        // No deadline: reading the clock panics in WebAssembly (and the core reads none).
        for change in diff.iter_inline_changes_deadline(op, None) {
            let line = DiffLine {
                change: match change.tag() {
                    ChangeTag::Equal => LineChange::Same,
                    ChangeTag::Insert => LineChange::Added,
                    ChangeTag::Delete => LineChange::Removed,
                },
                parts: change
                    .iter_strings_lossy()
                    .map(|(emphasised, text)| (emphasised, text.trim_end_matches('\n').to_owned()))
                    .filter(|(_, text)| !text.is_empty())
                    .collect(),
            };
            out.push(line);
        }
    }
    out
}

fn steps_text(steps: &[Step]) -> String {
    let mut text = String::new();
    for step in steps {
        text.push_str(&step.phase);
        text.push_str(" · ");
        text.push_str(&step.title);
        text.push('\n');
        for line in step.body.lines().filter(|line| !line.trim().is_empty()) {
            text.push_str("    ");
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

fn field_text(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Int(number) => number.to_string(),
        Value::Set(items) => items.iter().cloned().collect::<Vec<_>>().join(", "),
        Value::Ref(id) => id.to_string(),
        Value::Files(files) => files
            .iter()
            .map(|file| file.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

/// What changed from `older` to `newer` (two versions of one kit).
#[must_use]
pub fn diff(older: &Record, newer: &Record) -> VersionDiff {
    let fields = [
        "audience",
        "format",
        "pole",
        "tags",
        "language",
        "licence",
        "duration_minutes",
        "attachments",
    ]
    .into_iter()
    .filter_map(|field| {
        let before = field_text(older.get(field));
        let after = field_text(newer.get(field));
        (before != after).then_some(FieldChange {
            field,
            before,
            after,
        })
    })
    .collect();
    VersionDiff {
        fields,
        body: lines(
            older.text("body").unwrap_or_default(),
            newer.text("body").unwrap_or_default(),
        ),
        steps: lines(&steps_text(steps(older)), &steps_text(steps(newer))),
    }
}

// ---------------------------------------------------------------------------
// Using a kit
// ---------------------------------------------------------------------------

/// Who a run of a kit is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunFor {
    /// A pôle of the collective.
    Pole(Id),
    /// A local group, by name.
    Group(String),
    /// Oneself.
    Me,
}

/// The changes starting `kit` (its current version) for `run_for`: the run,
/// and, when `task_ids` has one id per step, one task per step in the task
/// pool (for the run's pôle, if it is for a pôle). `me` is the person starting
/// it.
///
/// `None` when the kit has no version.
#[must_use]
pub fn start(
    state: &State,
    kit: Id,
    run_for: &RunFor,
    me: Option<Id>,
    run_id: Id,
    task_ids: &[Id],
) -> Option<Vec<Change>> {
    let kit_record = state.existing(kit)?;
    let version = latest(state, kit)?;
    let (pole, group, person) = match run_for {
        RunFor::Pole(pole) => (Value::Ref(*pole), Value::Null, Value::Null),
        RunFor::Group(name) => (Value::Null, Value::text(name.trim()), Value::Null),
        RunFor::Me => (Value::Null, Value::Null, me.map_or(Value::Null, Value::Ref)),
    };
    let task_pole = pole.clone();
    let mut changes = vec![Change::create(
        Kind::KitRun,
        run_id,
        [
            ("kit", Value::Ref(kit)),
            ("version", Value::Ref(version.id)),
            ("pole", pole),
            ("group", group),
            ("person", person),
            ("status", Value::text("running")),
        ],
    )];
    let steps = steps(version);
    if task_ids.len() == steps.len() {
        let title = kit_record.text("title").unwrap_or_default();
        for (step, &id) in steps.iter().zip(task_ids) {
            let mut description = format!("Kit « {title} »");
            if !step.phase.is_empty() {
                description.push_str(" — ");
                description.push_str(&step.phase);
            }
            changes.push(Change::create(
                Kind::Task,
                id,
                [
                    ("title", Value::text(step.title.clone())),
                    ("description", Value::text(description)),
                    ("pole", task_pole.clone()),
                    ("status", Value::text("open")),
                ],
            ));
        }
    }
    Some(changes)
}

/// A run's checklist: its version's steps, each with whether it is done.
#[derive(Debug, Clone)]
pub struct Checklist<'a> {
    /// The steps in order, each with its check.
    pub steps: Vec<(&'a Step, bool)>,
    /// How many are done.
    pub done: usize,
}

impl Checklist<'_> {
    /// Progress in per cent (100 when the kit has no steps).
    #[must_use]
    pub fn percent(&self) -> usize {
        if self.steps.is_empty() {
            100
        } else {
            self.done * 100 / self.steps.len()
        }
    }
}

/// The checklist of `run` (steps of the version it was started from; checks
/// of steps no longer in it are ignored).
#[must_use]
pub fn checklist<'a>(state: &'a State, run: &'a Record) -> Checklist<'a> {
    let done_keys = match run.get("done_steps") {
        Value::Set(keys) => Some(keys),
        _ => None,
    };
    let steps: Vec<(&Step, bool)> = run
        .reference("version")
        .and_then(|version| state.existing(version))
        .map(steps)
        .unwrap_or_default()
        .iter()
        .map(|step| (step, done_keys.is_some_and(|keys| keys.contains(&step.key))))
        .collect();
    let done = steps.iter().filter(|(_, done)| *done).count();
    Checklist { steps, done }
}

/// The change ticking (or unticking) step `key` of `run`: an add to (or
/// removal from) a set, which merges with other devices' ticks.
#[must_use]
pub fn check_step(run: Id, key: &str, done: bool) -> Change {
    let items = Value::set([key]);
    if done {
        Change::Add {
            id: run,
            field: "done_steps".to_owned(),
            items,
        }
    } else {
        Change::Remove {
            id: run,
            field: "done_steps".to_owned(),
            items,
        }
    }
}

/// The changes finishing `run`, with feedback for the kit's maintainers when
/// `feedback` gives a kind (`worked`, `didnt`, `idea`) and a non-empty text.
#[must_use]
pub fn finish(
    run: &Record,
    feedback: Option<(&str, &str)>,
    person: Option<Id>,
    feedback_id: Id,
) -> Vec<Change> {
    let mut changes = vec![Change::set(
        run.id,
        "status",
        Value::text("finished"),
        run.version_of("status"),
    )];
    if let (Some((kind, text)), Some(kit)) = (feedback, run.reference("kit"))
        && !text.trim().is_empty()
    {
        changes.push(Change::create(
            Kind::Feedback,
            feedback_id,
            [
                ("kit", Value::Ref(kit)),
                ("kind", Value::text(kind)),
                ("text", Value::text(text.trim())),
                ("person", person.map_or(Value::Null, Value::Ref)),
            ],
        ));
    }
    changes
}

/// Runs of `kit`, the ones under way first, newest first within each.
#[must_use]
pub fn runs(state: &State, kit: Id) -> Vec<&Record> {
    let mut runs: Vec<&Record> = state
        .of_kind(Kind::KitRun)
        .filter(|run| run.reference("kit") == Some(kit) && !run.archived)
        .collect();
    crate::sort::sort_by(&mut runs, |a, b| {
        let under_way = |run: &Record| run.text("status") == Some("running");
        under_way(b)
            .cmp(&under_way(a))
            .then(b.created_at.cmp(&a.created_at))
            .then(b.id.cmp(&a.id))
    });
    runs
}

/// Feedback left on `kit`, newest first.
#[must_use]
pub fn feedback(state: &State, kit: Id) -> Vec<&Record> {
    let mut all: Vec<&Record> = state
        .of_kind(Kind::Feedback)
        .filter(|feedback| feedback.reference("kit") == Some(kit) && !feedback.archived)
        .collect();
    crate::sort::sort_by(&mut all, |a, b| {
        b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id))
    });
    all
}

/// Whether someone with `access` (and, for a member, being `person`) may
/// publish a new version of `kit`: facilitators and admins, and members
/// holding a role in the kit's pôle (the permission matrix's exception 2).
#[must_use]
pub fn may_publish(state: &State, access: crate::op::Access, person: Option<Id>, kit: Id) -> bool {
    use crate::op::Access;
    match access {
        Access::Facilitator | Access::Admin => true,
        Access::Member => {
            let pole = state.existing(kit).and_then(|kit| kit.reference("pole"));
            matches!((pole, person), (Some(pole), Some(person)) if crate::authz::holds_role_in(state, person, pole))
        }
        Access::Guest => false,
    }
}
