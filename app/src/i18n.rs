//! The one translation layer: Fluent files in `app/locales/<lang>/` (one per
//! area: `main.ftl`, `governance.ftl`, `meetings.ftl`, `people.ftl`, `kits.ftl`,
//! `search.ftl`, each ending with a newline), built into the bundle and read by a
//! small reader of the part of Fluent they use.
//!
//! French is the reference language and the default; English is second. The
//! choice is kept in the device's local storage (`archipel.lang`) and set as
//! the page's `lang`. Only French and English are offered, both left-to-right,
//! so no Unicode isolation marks are added around arguments (they would end
//! up in copied text and accessible names). Components translate with
//! `move_tr!("key")` (reactive) or `tr!("key")` inside a reactive closure —
//! never with literal strings. Tests check that every key used exists in both
//! languages and that every key written is used.
//!
//! The Fluent used, and read here: messages `key = text` on one line, with
//! placeables `{ $name }`, and selections
//! `{ $count -> [0] … [one] … *[other] … }` whose variants fit on one line
//! each. A number selects an exact numeric variant first, then its plural
//! category (CLDR cardinal rules of the language), then the default variant.

use leptos::prelude::*;

/// Where the chosen language is kept on the device.
const STORAGE_KEY: &str = "archipel.lang";

/// A language of the interface.
#[derive(Debug)]
pub struct Language {
    /// Its code (`fr`, `en`), as set on the page's `lang`.
    pub code: &'static str,
    /// Its name, in itself.
    pub name: &'static str,
    /// Its Fluent file.
    source: &'static str,
}

impl PartialEq for Language {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Language {}

/// French, the reference language and the default.
pub static FRENCH: Language = Language {
    code: "fr",
    name: "Français",
    source: concat!(
        include_str!("../locales/fr/main.ftl"),
        include_str!("../locales/fr/governance.ftl"),
        include_str!("../locales/fr/meetings.ftl"),
        include_str!("../locales/fr/people.ftl"),
        include_str!("../locales/fr/kits.ftl"),
        include_str!("../locales/fr/search.ftl"),
    ),
};

/// English.
pub static ENGLISH: Language = Language {
    code: "en",
    name: "English",
    source: concat!(
        include_str!("../locales/en/main.ftl"),
        include_str!("../locales/en/governance.ftl"),
        include_str!("../locales/en/meetings.ftl"),
        include_str!("../locales/en/people.ftl"),
        include_str!("../locales/en/kits.ftl"),
        include_str!("../locales/en/search.ftl"),
    ),
};

/// The languages offered.
pub static LANGUAGES: [&Language; 2] = [&FRENCH, &ENGLISH];

/// The translation context: the current language and the ones offered.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    /// The current language.
    pub language: RwSignal<&'static Language>,
    /// The languages offered.
    pub languages: &'static [&'static Language],
}

/// An argument of a message: a text, or a number (which selects plural forms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Inserted as is.
    Text(String),
    /// Written in digits; selects `[n]` or the plural category of `n`.
    Number(i64),
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

macro_rules! number_args {
    ($($number:ty),*) => {$(
        impl From<$number> for Arg {
            fn from(number: $number) -> Arg {
                Arg::Number(i64::try_from(number).unwrap_or(i64::MAX))
            }
        }
    )*};
}

number_args!(usize, u64, u32, u16, u8, i64, i32);

/// Translates `id` into the current language (reactive: tracks the language).
#[macro_export]
macro_rules! tr {
    ($id:literal $(,)?) => {
        $crate::i18n::tr($id, &[])
    };
    ($id:literal, { $($key:literal => $value:expr),* $(,)? } $(,)?) => {
        $crate::i18n::tr($id, &[$(($key, $crate::i18n::Arg::from($value))),*])
    };
}

/// A signal of the translation of `id` into the current language.
#[macro_export]
macro_rules! move_tr {
    ($id:literal $(,)?) => {
        ::leptos::prelude::Signal::derive(move || $crate::tr!($id))
    };
    ($id:literal, { $($key:literal => $value:expr),* $(,)? } $(,)?) => {
        ::leptos::prelude::Signal::derive(move || $crate::tr!($id, { $($key => $value),* }))
    };
}

/// Translates `id` with `args` into the current language (tracks it).
#[must_use]
pub fn tr(id: &str, args: &[(&str, Arg)]) -> String {
    let language = expect_context::<I18n>().language.get();
    translate(language, id, args)
}

/// Translates `id` with `args` into `language` (French when it lacks `id`).
#[must_use]
pub fn translate(language: &Language, id: &str, args: &[(&str, Arg)]) -> String {
    match message(language.source, id).or_else(|| message(FRENCH.source, id)) {
        Some(pattern) => {
            let mut out = String::new();
            format_pattern(pattern, language, args, &mut out);
            out
        }
        None => format!("Unknown localization {id}"),
    }
}

/// The pattern of message `id` in a Fluent file: the text after `=`, with its
/// indented continuation lines.
fn message<'a>(source: &'a str, id: &str) -> Option<&'a str> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.strip_prefix(id) else {
            continue;
        };
        let Some(value) = rest.trim_start_matches(' ').strip_prefix('=') else {
            continue;
        };
        let value_start = start + (line.len() - value.len());
        let mut end = offset;
        for next in source[offset..].split_inclusive('\n') {
            if !next.starts_with(' ') {
                break;
            }
            end += next.len();
        }
        return Some(source[value_start..end].trim());
    }
    None
}

/// Writes `pattern` with its placeables resolved.
fn format_pattern(pattern: &str, language: &Language, args: &[(&str, Arg)], out: &mut String) {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        let close = closing_brace(inner);
        placeable(inner[..close].trim(), language, args, out);
        rest = inner.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
}

/// The position of the `}` closing a placeable whose `{` came just before `text`.
fn closing_brace(text: &str) -> usize {
    let mut depth = 0_usize;
    for (index, character) in text.char_indices() {
        match character {
            '{' => depth += 1,
            '}' if depth == 0 => return index,
            '}' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

/// Writes one placeable: `$name`, or a selection `$name -> variants`.
fn placeable(inner: &str, language: &Language, args: &[(&str, Arg)], out: &mut String) {
    let (selector, variants) = match inner.split_once("->") {
        Some((selector, variants)) => (selector.trim(), Some(variants)),
        None => (inner, None),
    };
    let name = selector.strip_prefix('$').unwrap_or(selector);
    let arg = args
        .iter()
        .find_map(|(key, value)| (*key == name).then_some(value));
    let Some(variants) = variants else {
        match arg {
            Some(Arg::Text(text)) => out.push_str(text),
            Some(Arg::Number(number)) => out.push_str(&number.to_string()),
            // As Fluent writes a missing argument.
            None => {
                out.push_str("{$");
                out.push_str(name);
                out.push('}');
            }
        }
        return;
    };
    let mut default = "";
    let mut exact = None;
    let mut by_category = None;
    let category = match arg {
        Some(Arg::Number(number)) => Some(plural_category(language, *number)),
        _ => None,
    };
    for line in variants.lines() {
        let line = line.trim();
        let (is_default, line) = match line.strip_prefix('*') {
            Some(line) => (true, line),
            None => (false, line),
        };
        let Some((key, value)) = line.strip_prefix('[').and_then(|line| line.split_once(']'))
        else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if is_default {
            default = value;
        }
        match arg {
            Some(Arg::Number(number)) if key.parse::<i64>() == Ok(*number) => {
                exact = exact.or(Some(value));
            }
            Some(Arg::Text(text)) if key == text => exact = exact.or(Some(value)),
            _ if category == Some(key) => by_category = by_category.or(Some(value)),
            _ => {}
        }
    }
    format_pattern(
        exact.or(by_category).unwrap_or(default),
        language,
        args,
        out,
    );
}

/// The CLDR cardinal plural category of the integer `number` in `language`.
fn plural_category(language: &Language, number: i64) -> &'static str {
    let n = number.unsigned_abs();
    if language.code == "fr" {
        // one: i = 0,1; many: e = 0 and i != 0 and i % 1000000 = 0 and v = 0.
        match n {
            0 | 1 => "one",
            _ if n.is_multiple_of(1_000_000) => "many",
            _ => "other",
        }
    } else {
        // English — one: i = 1 and v = 0.
        if n == 1 { "one" } else { "other" }
    }
}

/// The language kept on this device, if it is one offered (`en-GB` is English).
fn stored_language() -> Option<&'static Language> {
    let stored = window()
        .local_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()??;
    let code = stored
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    LANGUAGES
        .iter()
        .copied()
        .find(|language| language.code == code)
}

/// Provides the translation context to `children`, keeps the chosen language
/// on the device and sets it as the page's `lang`.
#[component]
pub fn I18nProvider(children: Children) -> impl IntoView {
    let i18n = I18n {
        language: RwSignal::new(stored_language().unwrap_or(&FRENCH)),
        languages: &LANGUAGES,
    };
    provide_context(i18n);
    Effect::new(move |_| {
        let code = i18n.language.get().code;
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(STORAGE_KEY, code);
        }
    });
    children()
}

/// The translated name of an access level.
pub fn access_name(access: archipel_core::Access) -> Signal<String> {
    match access {
        archipel_core::Access::Guest => move_tr!("role-guest"),
        archipel_core::Access::Member => move_tr!("role-member"),
        archipel_core::Access::Facilitator => move_tr!("role-facilitator"),
        archipel_core::Access::Admin => move_tr!("role-admin"),
    }
}

/// True while the interface is in French (to pick the French text of a server message).
pub fn is_french() -> bool {
    expect_context::<I18n>().language.get().code == "fr"
}

/// A refusal's message in the interface's language.
pub fn refusal_text(refusal: &archipel_core::Refusal) -> String {
    refusal.message(if is_french() {
        archipel_core::Lang::Fr
    } else {
        archipel_core::Lang::En
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn keys(language: &Language) -> BTreeSet<&'static str> {
        language
            .source
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim()))
            .collect()
    }

    fn used_keys(dir: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("source directory") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                used_keys(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = std::fs::read_to_string(&path).expect("source file");
                // Tests aside (this one names the macros in its own code).
                let text = text.split("#[cfg(test)]").next().unwrap_or_default();
                let code: Vec<&str> = text
                    .lines()
                    .filter(|line| !line.trim_start().starts_with("//"))
                    .collect();
                let code = code.join("\n");
                for (at, _) in code.match_indices("tr!(") {
                    // `tr!` or `move_tr!`, not `include_str!`; the key may be on the next line.
                    let before = &code[..at];
                    if before.ends_with(|c: char| c.is_alphanumeric() || c == '_')
                        && !before.ends_with("move_")
                    {
                        continue;
                    }
                    let Some(rest) = code[at + "tr!(".len()..].trim_start().strip_prefix('"')
                    else {
                        continue;
                    };
                    let end = rest.find('"').expect("closing quote");
                    found.insert(rest[..end].to_owned());
                }
            }
        }
    }

    #[test]
    fn no_key_is_written_twice() {
        for language in LANGUAGES {
            let mut seen = BTreeSet::new();
            for line in language.source.lines() {
                if line.starts_with(|c: char| c.is_ascii_lowercase())
                    && let Some((key, _)) = line.split_once('=')
                {
                    assert!(
                        seen.insert(key.trim()),
                        "{}: {} twice",
                        language.code,
                        key.trim()
                    );
                }
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_keys_and_every_key_is_used() {
        let french = keys(&FRENCH);
        assert_eq!(french, keys(&ENGLISH));
        let mut used = BTreeSet::new();
        used_keys(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut used,
        );
        let used: BTreeSet<&str> = used.iter().map(String::as_str).collect();
        let missing: Vec<_> = used.difference(&french).collect();
        assert!(
            missing.is_empty(),
            "keys used but not translated: {missing:?}"
        );
        let unused: Vec<_> = french.difference(&used).collect();
        assert!(
            unused.is_empty(),
            "keys translated but never used: {unused:?}"
        );
    }

    #[test]
    fn every_message_reads_without_leftover_syntax() {
        // Every argument named anywhere, as a number (which also reads as text).
        let mut names = BTreeSet::new();
        for language in LANGUAGES {
            for (at, _) in language.source.match_indices('$') {
                let name: String = language.source[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                names.insert(name);
            }
        }
        let args: Vec<(&str, Arg)> = names
            .iter()
            .map(|name| (name.as_str(), Arg::Number(3)))
            .collect();
        for language in LANGUAGES {
            for key in keys(language) {
                let text = translate(language, key, &args);
                assert!(!text.is_empty(), "{key}");
                for leftover in ['{', '}', '$', '[', '*', '\n'] {
                    assert!(
                        !text.contains(leftover),
                        "{}: {key} = {text:?}",
                        language.code
                    );
                }
            }
        }
    }

    /// French typography puts no-break spaces before `:` and inside `« »`;
    /// written as plain spaces here for readability.
    fn translate(language: &Language, id: &str, args: &[(&str, Arg)]) -> String {
        super::translate(language, id, args).replace('\u{a0}', " ")
    }

    #[test]
    fn messages_read_as_fluent_writes_them() {
        let count = |n| [("count", Arg::Number(n))];
        assert_eq!(translate(&FRENCH, "app-name", &[]), "Archipel");
        assert_eq!(
            translate(&FRENCH, "sync-last", &[("time", Arg::from("14:05"))]),
            "Dernière synchronisation à 14:05"
        );
        assert_eq!(
            translate(
                &FRENCH,
                "pole-conflict",
                &[("lost", Arg::from("A")), ("won", Arg::from("B"))]
            ),
            "Modifié en même temps ailleurs : « A » a été remplacé par « B »."
        );
        // Exact numbers first, then the plural category, then the default.
        assert_eq!(
            translate(&FRENCH, "settings-storage-ok", &count(0)),
            "Base locale ouverte : aucun enregistrement."
        );
        assert_eq!(
            translate(&FRENCH, "settings-storage-ok", &count(1)),
            "Base locale ouverte : un enregistrement."
        );
        assert_eq!(
            translate(&FRENCH, "settings-storage-ok", &count(42)),
            "Base locale ouverte : 42 enregistrements."
        );
        assert_eq!(
            translate(&ENGLISH, "settings-storage-ok", &count(0)),
            "Local database open: no records."
        );
        assert_eq!(
            translate(&ENGLISH, "settings-storage-ok", &count(1)),
            "Local database open: one record."
        );
        // French puts 0 and 1 in "one", English only 1.
        assert_eq!(
            translate(&FRENCH, "sync-pending", &count(1)),
            "1 modification en attente"
        );
        assert_eq!(
            translate(&FRENCH, "sync-pending", &count(2_000_000)),
            "2000000 modifications en attente"
        );
        assert_eq!(
            translate(&ENGLISH, "sync-pending", &count(1)),
            "1 change waiting to sync"
        );
        assert_eq!(
            translate(&ENGLISH, "sync-pending", &count(0)),
            "0 changes waiting to sync"
        );
        // A missing argument shows as Fluent shows it; an unknown key is named.
        assert_eq!(
            translate(&ENGLISH, "unsent-reason", &[]),
            "Reason: {$reason}"
        );
        assert_eq!(
            translate(&ENGLISH, "no-such-key", &[]),
            "Unknown localization no-such-key"
        );
    }
}
