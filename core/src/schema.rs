//! The schema: every kind of record, its fields, their types and limits.
//!
//! Records are uniform (a kind, an id, one value per field) so that sync,
//! per-field versions, conflicts and search treat every record alike; this
//! table is what makes them typed. Every field has explicit limits: lengths in
//! characters, counts of items, numeric ranges.

use serde::{Deserialize, Serialize};

/// The kinds of record a collective holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The collective itself: name, charter, default required roles.
    Collective,
    /// A circle of the organisation (centre, pôle, function, partner collective).
    Pole,
    /// A responsibility of a pôle, grouped by function.
    Mission,
    /// A link between two pôles.
    Link,
    /// A member of the collective.
    Person,
    /// A person holding a role in a pôle.
    RoleAssignment,
    /// An open role or a skill a pôle needs.
    Need,
    /// A person's offer of help.
    Offer,
    /// A small piece of work anyone may pick.
    Task,
    /// A time-boxed, single-theme meeting.
    Meeting,
    /// An item of a meeting's agenda.
    AgendaItem,
    /// Someone speaking in a meeting, for speaking-time tracking.
    SpeakingTurn,
    /// What was decided, how, and when to review it.
    Decision,
    /// A how-to kit (its content lives in versions).
    Kit,
    /// One immutable version of a kit.
    KitVersion,
    /// A group working through a kit's checklist.
    KitRun,
    /// What worked, what didn't, ideas — on a kit or a meeting.
    Feedback,
    /// A place on the territory map.
    Place,
    /// A problem reported on a place.
    Report,
    /// An event in the agenda.
    Event,
}

impl Kind {
    /// Every kind, in schema order.
    pub const ALL: [Kind; 20] = [
        Kind::Collective,
        Kind::Pole,
        Kind::Mission,
        Kind::Link,
        Kind::Person,
        Kind::RoleAssignment,
        Kind::Need,
        Kind::Offer,
        Kind::Task,
        Kind::Meeting,
        Kind::AgendaItem,
        Kind::SpeakingTurn,
        Kind::Decision,
        Kind::Kit,
        Kind::KitVersion,
        Kind::KitRun,
        Kind::Feedback,
        Kind::Place,
        Kind::Report,
        Kind::Event,
    ];

    /// The stable name of the kind (wire format, database, error messages).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Collective => "collective",
            Kind::Pole => "pole",
            Kind::Mission => "mission",
            Kind::Link => "link",
            Kind::Person => "person",
            Kind::RoleAssignment => "role_assignment",
            Kind::Need => "need",
            Kind::Offer => "offer",
            Kind::Task => "task",
            Kind::Meeting => "meeting",
            Kind::AgendaItem => "agenda_item",
            Kind::SpeakingTurn => "speaking_turn",
            Kind::Decision => "decision",
            Kind::Kit => "kit",
            Kind::KitVersion => "kit_version",
            Kind::KitRun => "kit_run",
            Kind::Feedback => "feedback",
            Kind::Place => "place",
            Kind::Report => "report",
            Kind::Event => "event",
        }
    }

    /// The fields of this kind.
    #[must_use]
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Kind::Collective => COLLECTIVE,
            Kind::Pole => POLE,
            Kind::Mission => MISSION,
            Kind::Link => LINK,
            Kind::Person => PERSON,
            Kind::RoleAssignment => ROLE_ASSIGNMENT,
            Kind::Need => NEED,
            Kind::Offer => OFFER,
            Kind::Task => TASK,
            Kind::Meeting => MEETING,
            Kind::AgendaItem => AGENDA_ITEM,
            Kind::SpeakingTurn => SPEAKING_TURN,
            Kind::Decision => DECISION,
            Kind::Kit => KIT,
            Kind::KitVersion => KIT_VERSION,
            Kind::KitRun => KIT_RUN,
            Kind::Feedback => FEEDBACK,
            Kind::Place => PLACE,
            Kind::Report => REPORT,
            Kind::Event => EVENT,
        }
    }

    /// The index of the field called `name`, if this kind has one.
    #[must_use]
    pub fn field_index(self, name: &str) -> Option<usize> {
        self.fields().iter().position(|field| field.name == name)
    }

    /// The field called `name`, if this kind has one.
    #[must_use]
    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|field| field.name == name)
    }

    /// Versions of a kit never change once written.
    #[must_use]
    pub const fn is_immutable(self) -> bool {
        matches!(self, Kind::KitVersion)
    }
}

/// What a field holds, and its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text, at most `max` characters (trimmed).
    Text {
        /// Maximum length in characters.
        max: usize,
    },
    /// Several lines of plain text.
    LongText {
        /// Maximum length in characters.
        max: usize,
    },
    /// Markdown (rendered safely by the app).
    Markdown {
        /// Maximum length in characters.
        max: usize,
    },
    /// An ordered list of one-line texts.
    List {
        /// Maximum number of items.
        max_items: usize,
        /// Maximum length of one item in characters.
        max_len: usize,
    },
    /// A set of short texts (merged without conflict).
    Set {
        /// Maximum number of items.
        max_items: usize,
        /// Maximum length of one item in characters.
        max_len: usize,
    },
    /// One of a fixed list of values.
    Choice(&'static [&'static str]),
    /// A whole number in `min..=max`.
    Int {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// A counter: incremented, merged without conflict, never below 0.
    Counter,
    /// A latitude in 1e-7 degrees (−90..90).
    Latitude,
    /// A longitude in 1e-7 degrees (−180..180).
    Longitude,
    /// Yes or no.
    Bool,
    /// A calendar date.
    Date,
    /// An instant (milliseconds since the Unix epoch).
    Time,
    /// A reference to a record of the given kind.
    Ref(Kind),
    /// A set of references to records of the given kind.
    Refs {
        /// The kind referred to.
        kind: Kind,
        /// Maximum number of references.
        max_items: usize,
    },
    /// A colour, `#rrggbb`.
    Colour,
    /// An `http(s)://` or `mailto:` address.
    Url,
    /// A fractional index used to order siblings.
    Order,
    /// Required roles and how many holders each.
    Roles,
    /// The steps of a kit, grouped by phase.
    Steps,
    /// Attachments: references to files stored by the server (see
    /// [`crate::files`]).
    Files {
        /// Maximum number of files.
        max_items: usize,
    },
}

/// One field of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's name (wire format).
    pub name: &'static str,
    /// What it holds.
    pub ty: FieldType,
    /// Must be given at creation and never emptied.
    pub required: bool,
    /// Who, beyond facilitators, may set it (see [`crate::authz`]).
    pub owner_may_edit: bool,
}

const fn field(name: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        required: false,
        owner_may_edit: false,
    }
}

const fn required(name: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        required: true,
        owner_may_edit: false,
    }
}

/// A field the record's owner (the person it is about, or who made it) may edit.
const fn own(spec: FieldSpec) -> FieldSpec {
    FieldSpec {
        owner_may_edit: true,
        ..spec
    }
}

const NAME: FieldType = FieldType::Text { max: 120 };
const TITLE: FieldType = FieldType::Text { max: 200 };
const SHORT: FieldType = FieldType::LongText { max: 2_000 };
const LONG: FieldType = FieldType::LongText { max: 10_000 };
const TAGS: FieldType = FieldType::Set {
    max_items: 30,
    max_len: 60,
};
const STATEMENTS: FieldType = FieldType::List {
    max_items: 30,
    max_len: 400,
};
const HOURS_PER_WEEK: FieldType = FieldType::Int { min: 0, max: 80 };
/// A coordinate on the cartography, in map units: far beyond any layout
/// (a 1 000-node collective spans a few thousand units).
const MAP_COORDINATE: FieldType = FieldType::Int {
    min: -1_000_000,
    max: 1_000_000,
};

/// Roles a person may hold in a pôle.
pub const ROLES: &[&str] = &["referent", "facilitator", "welcome", "member", "custom"];
/// Kinds of pôle.
pub const POLE_KINDS: &[&str] = &["centre", "pole", "function", "partner"];
/// Life of a pôle.
pub const POLE_STATUSES: &[&str] = &["active", "dormant", "archived"];
/// Kinds of link between pôles.
pub const LINK_KINDS: &[&str] = &["works_with", "reports_to", "partner"];
/// Life of a person in the collective.
/// (`leaving`: handing over roles and tasks; `left` is refused until that is done.)
pub const PERSON_STATUSES: &[&str] = &["active", "paused", "left", "leaving"];
/// Life of a need.
pub const NEED_STATUSES: &[&str] = &["open", "filled", "cancelled"];
/// Life of an offer of help.
pub const OFFER_STATUSES: &[&str] = &["open", "matched", "withdrawn"];
/// Life of a task.
pub const TASK_STATUSES: &[&str] = &["open", "taken", "done"];
/// Meeting templates.
pub const MEETING_TEMPLATES: &[&str] = &["strategic", "thematic", "retrospective"];
/// How a decision is made.
pub const DECISION_PROCESSES: &[&str] = &["consent", "consensus", "vote", "advice"];
/// Life of a decision.
pub const DECISION_STATUSES: &[&str] = &["proposed", "adopted", "rejected", "superseded"];
/// Formats of a kit.
pub const KIT_FORMATS: &[&str] = &[
    "kit",
    "remote_training",
    "in_person_training",
    "faq",
    "other",
];
/// Languages a kit can be written in.
pub const LANGUAGES: &[&str] = &[
    "fr", "en", "es", "de", "it", "pt", "nl", "ar", "br", "oc", "eu", "ca",
];
/// Life of a kit run.
pub const KIT_RUN_STATUSES: &[&str] = &["running", "finished", "abandoned"];
/// Kinds of feedback (seed 003's retrospective columns).
pub const FEEDBACK_KINDS: &[&str] = &["worked", "didnt", "idea"];
/// Why a place is reported.
pub const REPORT_REASONS: &[&str] = &["gone", "wrong", "against_charter", "other"];
/// Life of a report.
pub const REPORT_STATUSES: &[&str] = &["open", "resolved", "dismissed"];

const COLLECTIVE: &[FieldSpec] = &[
    required("name", NAME),
    field("description", SHORT),
    field("charter", FieldType::Markdown { max: 50_000 }),
    field("required_roles", FieldType::Roles),
    field(
        "functions",
        FieldType::List {
            max_items: 30,
            max_len: 120,
        },
    ),
];

const POLE: &[FieldSpec] = &[
    required("name", FieldType::Text { max: 80 }),
    required("kind", FieldType::Choice(POLE_KINDS)),
    field("parent", FieldType::Ref(Kind::Pole)),
    field("purpose", STATEMENTS),
    field("colour", FieldType::Colour),
    field("order", FieldType::Order),
    field("status", FieldType::Choice(POLE_STATUSES)),
    field(
        "functions",
        FieldType::Set {
            max_items: 30,
            max_len: 120,
        },
    ),
    field("required_roles", FieldType::Roles),
    field("description", SHORT),
    // A position nudged by hand on the map (map units, see `crate::map`); both
    // set pins the pôle there, otherwise the layout places it.
    field("x", MAP_COORDINATE),
    field("y", MAP_COORDINATE),
];

const MISSION: &[FieldSpec] = &[
    required("pole", FieldType::Ref(Kind::Pole)),
    required("title", TITLE),
    field("description", SHORT),
    field("function", FieldType::Text { max: 80 }),
    field("order", FieldType::Order),
];

const LINK: &[FieldSpec] = &[
    required("from", FieldType::Ref(Kind::Pole)),
    required("to", FieldType::Ref(Kind::Pole)),
    required("kind", FieldType::Choice(LINK_KINDS)),
    field("note", FieldType::Text { max: 500 }),
];

const PERSON: &[FieldSpec] = &[
    own(required("display_name", FieldType::Text { max: 80 })),
    own(field("skills", TAGS)),
    own(field("interests", TAGS)),
    own(field("available", FieldType::Bool)),
    own(field("off_until", FieldType::Date)),
    own(field("hours_per_week", HOURS_PER_WEEK)),
    field("joined_on", FieldType::Date),
    field("tutor", FieldType::Ref(Kind::Person)),
    field("status", FieldType::Choice(PERSON_STATUSES)),
    own(field("contact", FieldType::Text { max: 200 })),
];

const ROLE_ASSIGNMENT: &[FieldSpec] = &[
    required("person", FieldType::Ref(Kind::Person)),
    required("pole", FieldType::Ref(Kind::Pole)),
    required("role", FieldType::Choice(ROLES)),
    field("custom_name", FieldType::Text { max: 80 }),
    field("custom_purpose", FieldType::Text { max: 500 }),
    field("accountabilities", STATEMENTS),
    field("since", FieldType::Date),
    field("until", FieldType::Date),
];

const NEED: &[FieldSpec] = &[
    required("pole", FieldType::Ref(Kind::Pole)),
    required("title", TITLE),
    field("role", FieldType::Choice(ROLES)),
    field("skills", TAGS),
    field("hours_per_week", HOURS_PER_WEEK),
    field("description", SHORT),
    field("status", FieldType::Choice(NEED_STATUSES)),
];

const OFFER: &[FieldSpec] = &[
    required("person", FieldType::Ref(Kind::Person)),
    own(field("skills", TAGS)),
    own(field("hours_per_week", HOURS_PER_WEEK)),
    own(field("message", SHORT)),
    own(field("status", FieldType::Choice(OFFER_STATUSES))),
];

const TASK: &[FieldSpec] = &[
    own(required("title", TITLE)),
    own(field("description", LONG)),
    own(field("pole", FieldType::Ref(Kind::Pole))),
    own(field(
        "size_minutes",
        FieldType::Int {
            min: 1,
            max: 10_080,
        },
    )),
    own(field("skills", TAGS)),
    field("status", FieldType::Choice(TASK_STATUSES)),
    field("taker", FieldType::Ref(Kind::Person)),
    own(field("deadline", FieldType::Date)),
];

const MEETING: &[FieldSpec] = &[
    required("title", TITLE),
    required("theme", TITLE),
    required("starts_at", FieldType::Time),
    field("duration_minutes", FieldType::Int { min: 5, max: 1_440 }),
    field("place", FieldType::Text { max: 300 }),
    field("link", FieldType::Url),
    field(
        "poles",
        FieldType::Refs {
            kind: Kind::Pole,
            max_items: 50,
        },
    ),
    field("template", FieldType::Choice(MEETING_TEMPLATES)),
    field("minutes", FieldType::Markdown { max: 50_000 }),
    // Who takes part (speaking time is shared among them).
    field(
        "participants",
        FieldType::Refs {
            kind: Kind::Person,
            max_items: 200,
        },
    ),
    // Who asked to speak, in order (person ids).
    field(
        "queue",
        FieldType::List {
            max_items: 100,
            max_len: 40,
        },
    ),
    field("started_at", FieldType::Time),
    field("ended_at", FieldType::Time),
];

const AGENDA_ITEM: &[FieldSpec] = &[
    required("meeting", FieldType::Ref(Kind::Meeting)),
    required("title", TITLE),
    field("owner", FieldType::Ref(Kind::Person)),
    field("timebox_minutes", FieldType::Int { min: 1, max: 480 }),
    field("order", FieldType::Order),
    field("notes", LONG),
    field("outcome", SHORT),
    // The facilitator's console: when the item was opened and closed.
    field("started_at", FieldType::Time),
    field("ended_at", FieldType::Time),
];

const SPEAKING_TURN: &[FieldSpec] = &[
    required("meeting", FieldType::Ref(Kind::Meeting)),
    required("person", FieldType::Ref(Kind::Person)),
    required("started_at", FieldType::Time),
    field(
        "duration_seconds",
        FieldType::Int {
            min: 0,
            max: 86_400,
        },
    ),
    // The agenda item under way when the turn started.
    field("item", FieldType::Ref(Kind::AgendaItem)),
];

const DECISION: &[FieldSpec] = &[
    required("title", TITLE),
    field("text", FieldType::Markdown { max: 20_000 }),
    field("pole", FieldType::Ref(Kind::Pole)),
    field("meeting", FieldType::Ref(Kind::Meeting)),
    required("process", FieldType::Choice(DECISION_PROCESSES)),
    field("status", FieldType::Choice(DECISION_STATUSES)),
    field("decided_on", FieldType::Date),
    field("review_on", FieldType::Date),
];

const KIT: &[FieldSpec] = &[
    required("title", TITLE),
    field("summary", FieldType::Text { max: 500 }),
    field("pole", FieldType::Ref(Kind::Pole)),
    field("maintainer", FieldType::Ref(Kind::Person)),
];

const KIT_VERSION: &[FieldSpec] = &[
    required("kit", FieldType::Ref(Kind::Kit)),
    required(
        "number",
        FieldType::Int {
            min: 1,
            max: 10_000,
        },
    ),
    field("changelog", FieldType::Text { max: 500 }),
    field("body", FieldType::Markdown { max: 100_000 }),
    field("steps", FieldType::Steps),
    field("attachments", FieldType::Files { max_items: 30 }),
    field("audience", FieldType::Text { max: 200 }),
    field("format", FieldType::Choice(KIT_FORMATS)),
    field("pole", FieldType::Ref(Kind::Pole)),
    field("tags", TAGS),
    field("language", FieldType::Choice(LANGUAGES)),
    field("licence", FieldType::Text { max: 80 }),
    field(
        "duration_minutes",
        FieldType::Int {
            min: 1,
            max: 100_000,
        },
    ),
];

const KIT_RUN: &[FieldSpec] = &[
    required("kit", FieldType::Ref(Kind::Kit)),
    required("version", FieldType::Ref(Kind::KitVersion)),
    own(field("pole", FieldType::Ref(Kind::Pole))),
    own(field("group", FieldType::Text { max: 120 })),
    own(field("person", FieldType::Ref(Kind::Person))),
    own(field(
        "done_steps",
        FieldType::Set {
            max_items: 500,
            max_len: 80,
        },
    )),
    own(field("status", FieldType::Choice(KIT_RUN_STATUSES))),
];

const FEEDBACK: &[FieldSpec] = &[
    field("kit", FieldType::Ref(Kind::Kit)),
    field("meeting", FieldType::Ref(Kind::Meeting)),
    required("kind", FieldType::Choice(FEEDBACK_KINDS)),
    own(required("text", SHORT)),
    field("person", FieldType::Ref(Kind::Person)),
];

const PLACE: &[FieldSpec] = &[
    required("name", TITLE),
    field(
        "categories",
        FieldType::Set {
            max_items: 10,
            max_len: 60,
        },
    ),
    required("lat", FieldType::Latitude),
    required("lon", FieldType::Longitude),
    field("address", FieldType::Text { max: 300 }),
    field("description", FieldType::LongText { max: 4_000 }),
    field("website", FieldType::Url),
    field("opening_hours", FieldType::Text { max: 300 }),
    field("source", FieldType::Text { max: 120 }),
    field("confirmations", FieldType::Counter),
];

const REPORT: &[FieldSpec] = &[
    required("place", FieldType::Ref(Kind::Place)),
    required("reason", FieldType::Choice(REPORT_REASONS)),
    field("comment", SHORT),
    field("status", FieldType::Choice(REPORT_STATUSES)),
];

const EVENT: &[FieldSpec] = &[
    required("title", TITLE),
    required("starts_at", FieldType::Time),
    field("ends_at", FieldType::Time),
    field("place", FieldType::Text { max: 300 }),
    field("pole", FieldType::Ref(Kind::Pole)),
    field("link", FieldType::Url),
    field("description", SHORT),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_unique_within_each_kind() {
        for kind in Kind::ALL {
            let mut names: Vec<_> = kind.fields().iter().map(|field| field.name).collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            assert_eq!(before, names.len(), "{}", kind.name());
        }
    }

    #[test]
    fn every_kind_has_a_required_field_and_fits_in_a_version_mask() {
        for kind in Kind::ALL {
            assert!(
                kind.fields().iter().any(|field| field.required),
                "{}",
                kind.name()
            );
            assert!(kind.fields().len() <= 32, "{}", kind.name());
        }
    }
}
