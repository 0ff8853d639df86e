//! Attachments: the files a kit carries (PDF guides, posters, photos).
//!
//! A file is stored once per collective by the server under the SHA-256 of its
//! bytes (content-addressed: the same poster attached to two kits is one file)
//! and referred to from records by a [`FileRef`]. This module holds what both
//! sides must agree on: the size limit, the types accepted, and how a type is
//! recognised from the bytes themselves ([`sniff`]) — the server never trusts
//! a declared type, and the app checks the same rules before uploading, so a
//! file over the limit is refused on the spot, even offline.
//!
//! Only types a browser shows without running anything are accepted: no HTML,
//! no SVG (both can carry scripts that would run in the app's origin when the
//! file is opened).

use serde::{Deserialize, Serialize};

use crate::refusal::Lang;

/// The largest attachment accepted, in bytes (10 MiB).
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// Content types accepted for attachments, recognised by [`sniff`].
pub const TYPES: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
    "text/plain",
];

/// A reference to an attachment, as kept in a record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileRef {
    /// SHA-256 of the bytes, 64 lower-case hexadecimal digits.
    pub hash: String,
    /// The file's name as shown to people (`affiche-disco-soupe.pdf`).
    pub name: String,
    /// One of [`TYPES`].
    pub content_type: String,
    /// Size in bytes, at most [`MAX_BYTES`].
    pub size: u64,
}

/// Why a file cannot be attached.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Over [`MAX_BYTES`].
    #[error("file of {size} bytes, over the limit of {MAX_BYTES} bytes")]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
    },
    /// Not one of [`TYPES`] (by its bytes).
    #[error("unsupported file type")]
    UnsupportedType,
    /// An empty file.
    #[error("empty file")]
    Empty,
}

impl FileError {
    /// The stable machine code the server answers with and the app shows:
    /// `file_too_large`, `file_type_unsupported` or `file_empty`.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            FileError::TooLarge { .. } => "file_too_large",
            FileError::UnsupportedType => "file_type_unsupported",
            FileError::Empty => "file_empty",
        }
    }

    /// The message shown to people, in `lang`: the same words whether the
    /// app refuses the file before sending it or the server refuses it.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Fr, FileError::TooLarge { size }) => format!(
                "Le fichier fait {} ; la limite est de {}.",
                size_fr(*size),
                size_fr(MAX_BYTES)
            ),
            (Lang::En, FileError::TooLarge { size }) => format!(
                "The file is {}; the limit is {}.",
                size_en(*size),
                size_en(MAX_BYTES)
            ),
            (Lang::Fr, FileError::UnsupportedType) => "Ce type de fichier n’est pas accepté. Types acceptés : PDF, PNG, JPEG, WebP, GIF, texte.".to_owned(),
            (Lang::En, FileError::UnsupportedType) => "This type of file is not accepted. Accepted types: PDF, PNG, JPEG, WebP, GIF, plain text.".to_owned(),
            (Lang::Fr, FileError::Empty) => "Le fichier est vide.".to_owned(),
            (Lang::En, FileError::Empty) => "The file is empty.".to_owned(),
        }
    }
}

/// The type of `bytes`, recognised from their first bytes: one of [`TYPES`],
/// or `None`. Text is valid UTF-8 without NUL bytes and without an HTML or
/// SVG opening (`<!doctype`, `<html`, `<svg`, `<?xml` at the start).
#[must_use]
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some("image/gif");
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let start: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(9)
        .flat_map(char::to_lowercase)
        .collect();
    let markup = ["<!doctype", "<html", "<svg", "<?xml", "<script"]
        .iter()
        .any(|opening| start.starts_with(opening));
    (!text.contains('\0') && !markup).then_some("text/plain")
}

/// Checks a file before it is uploaded or stored: not empty, at most
/// [`MAX_BYTES`], and of an accepted type. Returns the type recognised.
///
/// # Errors
/// [`FileError`] says which rule the file breaks.
pub fn check(bytes: &[u8]) -> Result<&'static str, FileError> {
    let size = bytes.len() as u64;
    if size == 0 {
        return Err(FileError::Empty);
    }
    if size > MAX_BYTES {
        return Err(FileError::TooLarge { size });
    }
    sniff(bytes).ok_or(FileError::UnsupportedType)
}

/// Whether `hash` has the shape of a SHA-256 in hexadecimal (64 lower-case
/// hexadecimal digits): what a [`FileRef`] and the attachment URLs carry.
#[must_use]
pub fn is_hash(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The longest file name kept, in characters.
pub const NAME_MAX: usize = 200;

/// A file name fit to show and keep: only its last path component (no `/` or
/// `\`), without control characters, trimmed, at most [`NAME_MAX`]
/// characters; `"fichier"` when nothing is left.
#[must_use]
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let kept: String = last
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .chars()
        .take(NAME_MAX)
        .collect();
    let kept = kept.trim_end().to_owned();
    if kept.is_empty() || kept == "." || kept == ".." {
        "fichier".to_owned()
    } else {
        kept
    }
}

/// A size for people, in French style ("850 o", "12,4 Ko", "3,1 Mo"), with
/// units of 1024.
#[must_use]
pub fn size_fr(size: u64) -> String {
    human(size, ',', ["o", "Ko", "Mo", "Go"])
}

/// A size for people, in English ("850 B", "12.4 KB", "3.1 MB"), units of 1024.
#[must_use]
pub fn size_en(size: u64) -> String {
    human(size, '.', ["B", "KB", "MB", "GB"])
}

fn human(size: u64, separator: char, units: [&str; 4]) -> String {
    let mut unit = 0;
    let mut scale = 1u64;
    while unit < 3 && size >= scale * 1024 {
        scale *= 1024;
        unit += 1;
    }
    if unit == 0 {
        return format!("{size} {}", units[0]);
    }
    // One decimal, rounded half up, in integers (no float formatting).
    let tenths = (size * 10 + scale / 2) / scale;
    format!("{}{separator}{} {}", tenths / 10, tenths % 10, units[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_recognised_from_the_bytes_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"GIF89a..."), Some("image/gif"));
        assert_eq!(sniff("Liste du matériel\n".as_bytes()), Some("text/plain"));
    }

    #[test]
    fn markup_and_binary_files_are_refused() {
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'>"), None);
        assert_eq!(sniff(b"  <!DOCTYPE html><p>"), None);
        assert_eq!(sniff(b"<HTML><script>"), None);
        assert_eq!(sniff(b"\xef\xbb\xbf<?xml version='1.0'?>"), None);
        assert_eq!(sniff(b"PK\x03\x04\0\0binary"), None);
        assert_eq!(sniff(b"MZ\x90\0\xff\xfe"), None);
    }

    #[test]
    fn check_names_the_rule_broken() {
        assert_eq!(check(b""), Err(FileError::Empty));
        let big = vec![b'a'; usize::try_from(MAX_BYTES).unwrap_or(0) + 1];
        assert_eq!(
            check(&big),
            Err(FileError::TooLarge {
                size: MAX_BYTES + 1
            })
        );
        assert_eq!(check(b"<svg/>"), Err(FileError::UnsupportedType));
        assert_eq!(check(b"%PDF-1.4"), Ok("application/pdf"));
    }

    #[test]
    fn hashes_are_64_lower_case_hex_digits() {
        assert!(is_hash(&"ab".repeat(32)));
        assert!(!is_hash(&"AB".repeat(32)));
        assert!(!is_hash("../../etc/passwd"));
        assert!(!is_hash(&"a".repeat(63)));
    }

    #[test]
    fn refusals_say_the_size_and_the_limit_in_both_languages() {
        let error = FileError::TooLarge { size: 12_897_485 };
        assert_eq!(error.code(), "file_too_large");
        assert_eq!(
            error.message(Lang::Fr),
            "Le fichier fait 12,3 Mo ; la limite est de 10,0 Mo."
        );
        assert_eq!(
            error.message(Lang::En),
            "The file is 12.3 MB; the limit is 10.0 MB."
        );
        for error in [FileError::UnsupportedType, FileError::Empty] {
            assert_ne!(error.message(Lang::Fr), error.message(Lang::En));
        }
        assert!(FileError::UnsupportedType.message(Lang::Fr).contains("PDF"));
    }

    #[test]
    fn names_lose_their_path_and_control_characters() {
        assert_eq!(clean_name("  affiche.pdf "), "affiche.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\Users\\a\\plan.png"), "plan.png");
        assert_eq!(clean_name("a\nb\u{0}.txt"), "ab.txt");
        assert_eq!(clean_name(""), "fichier");
        assert_eq!(clean_name("dossier/"), "fichier");
        assert_eq!(clean_name(&"é".repeat(300)).chars().count(), NAME_MAX);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_fr(850), "850 o");
        assert_eq!(size_fr(12_698), "12,4 Ko");
        assert_eq!(size_en(3_250_586), "3.1 MB");
        assert_eq!(size_fr(MAX_BYTES), "10,0 Mo");
    }
}
