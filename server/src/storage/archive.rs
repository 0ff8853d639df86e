//! A portable archive of one collective: everything the server stores about
//! it, in one file that either engine writes and either engine restores.
//!
//! The format (`docs/backup.md`) is JSON Lines: a `header` line, one line per
//! stored row tagged by its `line` (the table), and an `end` line that counts the lines
//! before it (a truncated file is refused). Values are the columns as stored:
//! records, conflicts, operations, actors and refusals stay the exact JSON text
//! the server keeps, so a restored collective answers byte-identical pulls.
//! Token hashes are hex; tokens themselves are never stored, so devices keep
//! working after a restore and nobody can read a token out of an archive.
//! Attachments come last, one `attachment` line each, their bytes in base64.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

/// The `format` every archive header carries.
pub const FORMAT: &str = "archipel-collective";
/// The archive format version this server writes. It also reads version 1
/// (before attachments), which has no `attachment` lines.
pub const VERSION: u32 = 2;
/// The oldest archive format version this server reads.
pub const OLDEST: u32 = 1;

/// One line of an archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "line", rename_all = "snake_case", deny_unknown_fields)]
pub enum Line {
    /// First line: what this file is.
    Header(Header),
    /// The collective itself (exactly one).
    Collective(CollectiveLine),
    /// A member.
    Member(MemberLine),
    /// A device (its token as a SHA-256 hash).
    Device(DeviceLine),
    /// An invitation (its token as a SHA-256 hash).
    Invite(InviteLine),
    /// A client's last sequence number.
    Client(ClientLine),
    /// The outcome of one received operation.
    Result(ResultLine),
    /// A current record.
    Record(RecordLine),
    /// A conflict.
    Conflict(ConflictLine),
    /// An applied operation of the log.
    Operation(OperationLine),
    /// An attachment, its bytes in base64 (version 2).
    Attachment(AttachmentLine),
    /// Last line: how many lines came before it.
    End {
        /// Lines before this one, the header included.
        lines: u64,
    },
}

/// What an archive is and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// The collective's id.
    pub collective: String,
    /// The server version that wrote it.
    pub server: String,
    /// The engine it was read from (`sqlite`, `postgres`).
    pub engine: String,
    /// When it was written (RFC 3339, UTC).
    pub created_at: String,
    /// The hashes of the attachments the archive carries, in the order of
    /// their `attachment` lines (always empty in version 1).
    pub attachments: Vec<String>,
}

/// The `collectives` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectiveLine {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Version (operations applied).
    pub version: i64,
    /// Operations received, applied or refused.
    pub received: i64,
    /// Creation time, as stored.
    pub created_at: String,
}

/// A `members` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberLine {
    /// Id.
    pub id: String,
    /// The person record they act as.
    pub person_id: Option<String>,
    /// Display name.
    pub display_name: String,
    /// Access level.
    pub access: String,
    /// Creation time, as stored.
    pub created_at: String,
}

/// A `devices` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceLine {
    /// Id (its client id).
    pub id: String,
    /// Its member.
    pub member_id: String,
    /// SHA-256 of its token, hex.
    pub token_hash: String,
    /// Creation time, as stored.
    pub created_at: String,
    /// When it was revoked.
    pub revoked_at: Option<String>,
}

/// An `invites` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteLine {
    /// Id.
    pub id: String,
    /// SHA-256 of its token, hex.
    pub token_hash: String,
    /// Access level it gives.
    pub access: String,
    /// Expiry, unix milliseconds.
    pub expires_at: i64,
    /// Uses allowed.
    pub max_uses: i64,
    /// Uses made.
    pub uses: i64,
    /// The member who made it.
    pub created_by: Option<String>,
    /// Creation time, as stored.
    pub created_at: String,
    /// When it was withdrawn.
    pub revoked_at: Option<String>,
}

/// A `clients` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientLine {
    /// The client id.
    pub client_id: String,
    /// Its last sequence number received.
    pub last_seq: i64,
}

/// A `results` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultLine {
    /// The client id.
    pub client_id: String,
    /// Its sequence number.
    pub seq: i64,
    /// The operation id.
    pub op_id: String,
    /// `applied` or `refused`.
    pub outcome: String,
    /// The version it produced.
    pub version: Option<i64>,
    /// The refusal, as stored JSON text.
    pub refusal: Option<String>,
}

/// A `records` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordLine {
    /// Record id.
    pub id: String,
    /// Kind name.
    pub kind: String,
    /// Version that last changed it.
    pub changed_at: i64,
    /// The core record, as stored JSON text.
    pub data: String,
}

/// A `conflicts` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictLine {
    /// Conflict id.
    pub id: String,
    /// Version that created or last settled it.
    pub at: i64,
    /// The core conflict, as stored JSON text.
    pub data: String,
}

/// An `operations` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationLine {
    /// The version it produced.
    pub version: i64,
    /// Operation id.
    pub op_id: String,
    /// Client id.
    pub client_id: String,
    /// Sequence number.
    pub seq: i64,
    /// The actor as authorised then, stored JSON text.
    pub actor: String,
    /// The operation, stored JSON text.
    pub operation: String,
    /// Server time of reception, unix milliseconds.
    pub received_at: i64,
}

/// A `files` row: an attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentLine {
    /// SHA-256 of its bytes, hex.
    pub hash: String,
    /// Its type, as recognised when uploaded.
    pub content_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// The member who uploaded it.
    pub uploaded_by: Option<String>,
    /// Upload time, as stored.
    pub created_at: String,
    /// The bytes, base64 (standard alphabet, padded).
    pub data: String,
}

/// Every stored row of one collective.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// The collective (`None` only while being filled).
    pub collective: Option<CollectiveLine>,
    /// Members.
    pub members: Vec<MemberLine>,
    /// Devices.
    pub devices: Vec<DeviceLine>,
    /// Invitations.
    pub invites: Vec<InviteLine>,
    /// Clients' sequences.
    pub clients: Vec<ClientLine>,
    /// Results.
    pub results: Vec<ResultLine>,
    /// Records.
    pub records: Vec<RecordLine>,
    /// Conflicts.
    pub conflicts: Vec<ConflictLine>,
    /// The log.
    pub operations: Vec<OperationLine>,
    /// Attachments.
    pub attachments: Vec<AttachmentLine>,
}

impl Rows {
    /// How many rows, all tables together.
    #[must_use]
    pub fn count(&self) -> usize {
        usize::from(self.collective.is_some())
            + self.members.len()
            + self.devices.len()
            + self.invites.len()
            + self.clients.len()
            + self.results.len()
            + self.records.len()
            + self.conflicts.len()
            + self.operations.len()
            + self.attachments.len()
    }
}

/// Why an archive could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// Reading or writing the file failed.
    #[error("archive file: {0}")]
    Io(#[from] std::io::Error),
    /// A line is not what the format says.
    #[error("line {line}: {message}")]
    Malformed {
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// Not an archive this server can read.
    #[error("{0}")]
    Unsupported(String),
    /// The file ends before its `end` line, or counts other lines than it has.
    #[error("the archive is truncated or damaged: {0}")]
    Truncated(String),
}

/// Writes `rows` as an archive: header, rows table by table, end.
///
/// # Errors
/// [`ArchiveError::Io`] when writing fails.
pub fn write(out: &mut impl Write, header: Header, rows: &Rows) -> Result<u64, ArchiveError> {
    // The header and every row come before the end line.
    let before = 1 + rows.count() as u64;
    let mut put = |line: &Line| -> Result<(), ArchiveError> {
        serde_json::to_writer(&mut *out, line).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        Ok(())
    };
    put(&Line::Header(header))?;
    if let Some(collective) = &rows.collective {
        put(&Line::Collective(collective.clone()))?;
    }
    for row in &rows.members {
        put(&Line::Member(row.clone()))?;
    }
    for row in &rows.devices {
        put(&Line::Device(row.clone()))?;
    }
    for row in &rows.invites {
        put(&Line::Invite(row.clone()))?;
    }
    for row in &rows.clients {
        put(&Line::Client(row.clone()))?;
    }
    for row in &rows.results {
        put(&Line::Result(row.clone()))?;
    }
    for row in &rows.records {
        put(&Line::Record(row.clone()))?;
    }
    for row in &rows.conflicts {
        put(&Line::Conflict(row.clone()))?;
    }
    for row in &rows.operations {
        put(&Line::Operation(row.clone()))?;
    }
    for row in &rows.attachments {
        put(&Line::Attachment(row.clone()))?;
    }
    put(&Line::End { lines: before })?;
    out.flush()?;
    Ok(before + 1)
}

/// Reads an archive back, checking its header, its single collective, that
/// every row belongs to it and that nothing is missing at the end.
///
/// # Errors
/// See [`ArchiveError`].
pub fn read(input: impl BufRead) -> Result<(Header, Rows), ArchiveError> {
    let mut header: Option<Header> = None;
    let mut rows = Rows::default();
    let mut count = 0u64;
    let mut ended = false;
    for (index, text) in input.lines().enumerate() {
        let number = index as u64 + 1;
        let text = text?;
        if ended {
            if text.trim().is_empty() {
                continue;
            }
            return Err(ArchiveError::Malformed {
                line: number,
                message: "text after the end line".into(),
            });
        }
        let line: Line = serde_json::from_str(&text).map_err(|error| ArchiveError::Malformed {
            line: number,
            message: error.to_string(),
        })?;
        let misplaced = |message: &str| ArchiveError::Malformed {
            line: number,
            message: message.to_owned(),
        };
        match line {
            Line::Header(found) => {
                if number != 1 {
                    return Err(misplaced("a second header"));
                }
                if found.format != FORMAT {
                    return Err(ArchiveError::Unsupported(format!(
                        "not an Archipel collective archive (format {:?})",
                        found.format
                    )));
                }
                if !(OLDEST..=VERSION).contains(&found.version) {
                    return Err(ArchiveError::Unsupported(format!(
                        "archive format version {} is not supported by this server (it reads {OLDEST} to {VERSION}); use a newer archipel",
                        found.version
                    )));
                }
                header = Some(found);
            }
            _ if header.is_none() => return Err(misplaced("the first line must be the header")),
            Line::Collective(row) => {
                if rows.collective.is_some() {
                    return Err(misplaced("a second collective"));
                }
                if header
                    .as_ref()
                    .is_some_and(|header| header.collective != row.id)
                {
                    return Err(misplaced("the collective is not the one the header names"));
                }
                rows.collective = Some(row);
            }
            Line::Member(row) => rows.members.push(row),
            Line::Device(row) => rows.devices.push(row),
            Line::Invite(row) => rows.invites.push(row),
            Line::Client(row) => rows.clients.push(row),
            Line::Result(row) => rows.results.push(row),
            Line::Record(row) => rows.records.push(row),
            Line::Conflict(row) => rows.conflicts.push(row),
            Line::Operation(row) => rows.operations.push(row),
            Line::Attachment(row) => {
                let listed = header
                    .as_ref()
                    .and_then(|header| header.attachments.get(rows.attachments.len()));
                if listed != Some(&row.hash) {
                    return Err(misplaced("an attachment the header does not list here"));
                }
                rows.attachments.push(row);
            }
            Line::End { lines } => {
                if lines != count {
                    return Err(ArchiveError::Truncated(format!(
                        "the end line counts {lines} lines, the file has {count}"
                    )));
                }
                ended = true;
            }
        }
        count += 1;
    }
    let header = header.ok_or_else(|| ArchiveError::Truncated("the file is empty".into()))?;
    if !ended {
        return Err(ArchiveError::Truncated("no end line".into()));
    }
    if rows.collective.is_none() {
        return Err(ArchiveError::Truncated("no collective line".into()));
    }
    if rows.attachments.len() != header.attachments.len() {
        return Err(ArchiveError::Truncated(format!(
            "the header lists {} attachments, the file has {}",
            header.attachments.len(),
            rows.attachments.len()
        )));
    }
    Ok((header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Header, Rows) {
        let header = Header {
            format: FORMAT.into(),
            version: VERSION,
            collective: "c".into(),
            server: "0.1.0".into(),
            engine: "sqlite".into(),
            created_at: "2026-11-21T00:00:00Z".into(),
            attachments: Vec::new(),
        };
        let rows = Rows {
            collective: Some(CollectiveLine {
                id: "c".into(),
                name: "Collectif".into(),
                version: 1,
                received: 2,
                created_at: "2026".into(),
            }),
            records: vec![RecordLine {
                id: "r".into(),
                kind: "place".into(),
                changed_at: 1,
                data: "{\"z\":1,\"a\":\"é\"}".into(),
            }],
            clients: vec![ClientLine {
                client_id: "c".into(),
                last_seq: 2,
            }],
            attachments: vec![AttachmentLine {
                hash: "ab".repeat(32),
                content_type: "text/plain".into(),
                size: 3,
                uploaded_by: None,
                created_at: "2026".into(),
                data: "YWJj".into(),
            }],
            ..Rows::default()
        };
        let header = Header {
            attachments: vec!["ab".repeat(32)],
            ..header
        };
        (header, rows)
    }

    #[test]
    fn an_archive_reads_back_exactly_what_was_written() {
        let (header, rows) = sample();
        let mut bytes = Vec::new();
        let lines = write(&mut bytes, header.clone(), &rows).expect("written");
        assert_eq!(lines, 6);
        let (again_header, again) = read(bytes.as_slice()).expect("read");
        assert_eq!((again_header, again), (header, rows));
    }

    #[test]
    fn a_truncated_or_foreign_archive_is_refused() {
        let (header, rows) = sample();
        let mut bytes = Vec::new();
        write(&mut bytes, header, &rows).expect("written");
        let text = String::from_utf8(bytes).expect("utf-8");
        let cut: String = text
            .lines()
            .take(3)
            .map(|line| format!("{line}\n"))
            .collect();
        assert!(matches!(
            read(cut.as_bytes()),
            Err(ArchiveError::Truncated(_))
        ));
        let dropped: String = text
            .lines()
            .enumerate()
            .filter(|(index, _)| *index != 2)
            .map(|(_, line)| format!("{line}\n"))
            .collect();
        assert!(matches!(
            read(dropped.as_bytes()),
            Err(ArchiveError::Truncated(_))
        ));
        let newer = text.replace(
            "\"version\":2,\"collective\"",
            "\"version\":3,\"collective\"",
        );
        assert!(matches!(
            read(newer.as_bytes()),
            Err(ArchiveError::Unsupported(_))
        ));
        let unknown = text.replace("\"line\":\"client\"", "\"line\":\"attachment\"");
        assert!(matches!(
            read(unknown.as_bytes()),
            Err(ArchiveError::Malformed { .. })
        ));
        let unlisted = text.replace(&"ab".repeat(32), &"cd".repeat(32));
        assert!(
            read(unlisted.as_bytes()).is_ok(),
            "header and line renamed together"
        );
        let header_only = text.replacen(&"ab".repeat(32), &"cd".repeat(32), 1);
        assert!(matches!(
            read(header_only.as_bytes()),
            Err(ArchiveError::Malformed { .. })
        ));
    }

    #[test]
    fn a_version_1_archive_without_attachments_still_reads() {
        let (header, mut rows) = sample();
        rows.attachments.clear();
        let header = Header {
            version: 1,
            attachments: Vec::new(),
            ..header
        };
        let mut bytes = Vec::new();
        write(&mut bytes, header.clone(), &rows).expect("written");
        let (again_header, again) = read(bytes.as_slice()).expect("read");
        assert_eq!((again_header, again), (header, rows));
    }
}
