//! Why an operation was refused: a stable machine code and a human message
//! in French and English.
//!
//! A refused operation changes nothing. Codes never change meaning once
//! shipped: clients and the server store them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::Id;
use crate::schema::Kind;

/// The stable reason for a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalCode {
    /// The actor's role does not allow this operation.
    Forbidden,
    /// The record does not exist.
    NotFound,
    /// The record was deleted; edits after delete are refused, never resurrected.
    Deleted,
    /// A record with this id already exists.
    AlreadyExists,
    /// The record or reference is not of the expected kind.
    WrongKind,
    /// The kind has no such field.
    UnknownField,
    /// The record or field cannot change once written.
    Immutable,
    /// A required field is missing or emptied.
    Required,
    /// A text is longer than the field allows.
    TooLong,
    /// A list or set holds more items than the field allows.
    TooMany,
    /// A number is outside the field's range.
    OutOfRange,
    /// The value is not one the field accepts (choice, colour, address, order key…).
    InvalidValue,
    /// The value's type does not match the field (text for a date…).
    WrongType,
    /// A reference points to a record that does not exist or was deleted.
    DanglingReference,
    /// The move would make a pôle its own ancestor.
    Cycle,
    /// Other records still refer to the record to delete.
    InUse,
    /// Fields that contradict each other (a link from a pôle to itself…).
    InvalidCombination,
    /// This version number of the kit already exists.
    VersionExists,
    /// The operation changes nothing (no field given).
    EmptyChange,
}

impl RefusalCode {
    /// Every code, for exhaustive tests and documentation.
    pub const ALL: [RefusalCode; 19] = [
        RefusalCode::Forbidden,
        RefusalCode::NotFound,
        RefusalCode::Deleted,
        RefusalCode::AlreadyExists,
        RefusalCode::WrongKind,
        RefusalCode::UnknownField,
        RefusalCode::Immutable,
        RefusalCode::Required,
        RefusalCode::TooLong,
        RefusalCode::TooMany,
        RefusalCode::OutOfRange,
        RefusalCode::InvalidValue,
        RefusalCode::WrongType,
        RefusalCode::DanglingReference,
        RefusalCode::Cycle,
        RefusalCode::InUse,
        RefusalCode::InvalidCombination,
        RefusalCode::VersionExists,
        RefusalCode::EmptyChange,
    ];

    /// The stable text form of the code (`"too_long"`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            RefusalCode::Forbidden => "forbidden",
            RefusalCode::NotFound => "not_found",
            RefusalCode::Deleted => "deleted",
            RefusalCode::AlreadyExists => "already_exists",
            RefusalCode::WrongKind => "wrong_kind",
            RefusalCode::UnknownField => "unknown_field",
            RefusalCode::Immutable => "immutable",
            RefusalCode::Required => "required",
            RefusalCode::TooLong => "too_long",
            RefusalCode::TooMany => "too_many",
            RefusalCode::OutOfRange => "out_of_range",
            RefusalCode::InvalidValue => "invalid_value",
            RefusalCode::WrongType => "wrong_type",
            RefusalCode::DanglingReference => "dangling_reference",
            RefusalCode::Cycle => "cycle",
            RefusalCode::InUse => "in_use",
            RefusalCode::InvalidCombination => "invalid_combination",
            RefusalCode::VersionExists => "version_exists",
            RefusalCode::EmptyChange => "empty_change",
        }
    }
}

/// The language of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// French, the reference language.
    Fr,
    /// English.
    En,
}

/// A refused operation: what was wrong, where, and the limits involved.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Refusal {
    /// The stable machine code.
    pub code: RefusalCode,
    /// The kind of record concerned, when known.
    pub kind: Option<Kind>,
    /// The record concerned, when known.
    pub record: Option<Id>,
    /// The field concerned, when there is one.
    pub field: Option<String>,
    /// A limit involved (maximum length, count, or the bounds of a range).
    pub limit: Option<(i64, i64)>,
    /// Extra detail for people (the offending value, the expected kind…).
    pub detail: Option<String>,
}

impl Refusal {
    /// A refusal with only a code.
    #[must_use]
    pub const fn new(code: RefusalCode) -> Refusal {
        Refusal {
            code,
            kind: None,
            record: None,
            field: None,
            limit: None,
            detail: None,
        }
    }

    /// Names the record concerned.
    #[must_use]
    pub fn on(mut self, kind: Kind, record: Id) -> Refusal {
        self.kind = Some(kind);
        self.record = Some(record);
        self
    }

    /// Names the kind concerned.
    #[must_use]
    pub fn kind(mut self, kind: Kind) -> Refusal {
        self.kind = Some(kind);
        self
    }

    /// Names the field concerned.
    #[must_use]
    pub fn field(mut self, field: &str) -> Refusal {
        self.field = Some(field.to_owned());
        self
    }

    /// Adds a limit (`(max, max)` for a maximum, `(min, max)` for a range).
    #[must_use]
    pub fn limit(mut self, low: i64, high: i64) -> Refusal {
        self.limit = Some((low, high));
        self
    }

    /// Adds detail for people.
    #[must_use]
    pub fn detail(mut self, detail: impl Into<String>) -> Refusal {
        self.detail = Some(detail.into());
        self
    }

    /// The message shown to people, in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        let field = self.field.as_deref().unwrap_or("?");
        let kind = self.kind.map_or("?", Kind::name);
        let max = self.limit.map_or(0, |(_, high)| high);
        let min = self.limit.map_or(0, |(low, _)| low);
        let detail = self.detail.as_deref().unwrap_or("");
        match (lang, self.code) {
            (Lang::Fr, RefusalCode::Forbidden) => "Votre rôle dans le collectif ne permet pas cette modification.".to_owned(),
            (Lang::En, RefusalCode::Forbidden) => "Your role in the collective does not allow this change.".to_owned(),
            (Lang::Fr, RefusalCode::NotFound) => format!("Cet élément ({kind}) n’existe pas."),
            (Lang::En, RefusalCode::NotFound) => format!("This {kind} does not exist."),
            (Lang::Fr, RefusalCode::Deleted) => format!("Cet élément ({kind}) a été supprimé entre-temps ; la modification n’a pas été appliquée."),
            (Lang::En, RefusalCode::Deleted) => format!("This {kind} was deleted in the meantime; the change was not applied."),
            (Lang::Fr, RefusalCode::AlreadyExists) => format!("Un élément ({kind}) avec le même identifiant existe déjà."),
            (Lang::En, RefusalCode::AlreadyExists) => format!("A {kind} with the same identifier already exists."),
            (Lang::Fr, RefusalCode::WrongKind) => format!("Le champ « {field} » attend un autre type d’élément ({detail})."),
            (Lang::En, RefusalCode::WrongKind) => format!("Field “{field}” expects another kind of record ({detail})."),
            (Lang::Fr, RefusalCode::UnknownField) => format!("Le champ « {field} » n’existe pas pour ce type d’élément ({kind})."),
            (Lang::En, RefusalCode::UnknownField) => format!("A {kind} has no field “{field}”."),
            (Lang::Fr, RefusalCode::Immutable) => format!("« {field} » ne peut plus changer une fois enregistré ; créez une nouvelle version."),
            (Lang::En, RefusalCode::Immutable) => format!("“{field}” cannot change once saved; create a new version."),
            (Lang::Fr, RefusalCode::Required) => format!("Le champ « {field} » est obligatoire."),
            (Lang::En, RefusalCode::Required) => format!("Field “{field}” is required."),
            (Lang::Fr, RefusalCode::TooLong) => format!("Le champ « {field} » dépasse {max} caractères."),
            (Lang::En, RefusalCode::TooLong) => format!("Field “{field}” is longer than {max} characters."),
            (Lang::Fr, RefusalCode::TooMany) => format!("Le champ « {field} » contient plus de {max} éléments."),
            (Lang::En, RefusalCode::TooMany) => format!("Field “{field}” holds more than {max} items."),
            (Lang::Fr, RefusalCode::OutOfRange) => format!("Le champ « {field} » doit être compris entre {min} et {max}."),
            (Lang::En, RefusalCode::OutOfRange) => format!("Field “{field}” must be between {min} and {max}."),
            (Lang::Fr, RefusalCode::InvalidValue) => format!("Valeur non valable pour « {field} » : {detail}"),
            (Lang::En, RefusalCode::InvalidValue) => format!("Invalid value for “{field}”: {detail}"),
            (Lang::Fr, RefusalCode::WrongType) => format!("Le champ « {field} » attend une valeur d’un autre type ({detail})."),
            (Lang::En, RefusalCode::WrongType) => format!("Field “{field}” expects a value of another type ({detail})."),
            (Lang::Fr, RefusalCode::DanglingReference) => format!("« {field} » renvoie à un élément qui n’existe pas ou a été supprimé."),
            (Lang::En, RefusalCode::DanglingReference) => format!("“{field}” refers to a record that does not exist or was deleted."),
            (Lang::Fr, RefusalCode::Cycle) => "Un pôle ne peut pas être placé à l’intérieur de lui-même ou de l’un de ses sous-pôles.".to_owned(),
            (Lang::En, RefusalCode::Cycle) => "A pôle cannot be placed inside itself or one of its own sub-pôles.".to_owned(),
            (Lang::Fr, RefusalCode::InUse) => format!("Cet élément ({kind}) est encore utilisé par d’autres ({detail}) ; archivez-le plutôt."),
            (Lang::En, RefusalCode::InUse) => format!("This {kind} is still used by other records ({detail}); archive it instead."),
            (Lang::Fr, RefusalCode::InvalidCombination) => format!("Ces valeurs sont incompatibles : {detail}"),
            (Lang::En, RefusalCode::InvalidCombination) => format!("These values contradict each other: {detail}"),
            (Lang::Fr, RefusalCode::VersionExists) => format!("La version {max} de ce kit existe déjà ; repartez de la dernière version."),
            (Lang::En, RefusalCode::VersionExists) => format!("Version {max} of this kit already exists; start again from the latest version."),
            (Lang::Fr, RefusalCode::EmptyChange) => "La modification ne contient aucun changement.".to_owned(),
            (Lang::En, RefusalCode::EmptyChange) => "The change contains nothing to change.".to_owned(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message(Lang::En))
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_distinct_stable_name_and_both_messages() {
        let mut names: Vec<&str> = RefusalCode::ALL.iter().map(|code| code.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RefusalCode::ALL.len());
        for code in RefusalCode::ALL {
            let refusal = Refusal::new(code).field("name").limit(1, 80).detail("x");
            let fr = refusal.message(Lang::Fr);
            let en = refusal.message(Lang::En);
            assert!(!fr.is_empty() && !en.is_empty());
            assert_ne!(fr, en, "{code:?} must be translated");
            let json = serde_json::to_string(&code).expect("serialises");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn messages_name_the_field_and_the_limit() {
        let refusal = Refusal::new(RefusalCode::TooLong)
            .field("name")
            .limit(80, 80);
        assert_eq!(
            refusal.message(Lang::Fr),
            "Le champ « name » dépasse 80 caractères."
        );
        assert_eq!(
            refusal.message(Lang::En),
            "Field “name” is longer than 80 characters."
        );
    }
}
