//! `archipel backup` and `archipel restore`: one collective to a portable
//! archive file and back, on either engine (`storage::archive` holds the
//! format). Moving a collective from SQLite to PostgreSQL is a backup with
//! `--data-dir` followed by a restore with `--database-url`.

use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use archipel_core::Id;

use crate::secrets;
use crate::storage::Storage;
use crate::storage::archive::{self, Header};

/// What a backup or a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The collective.
    pub collective: Id,
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: i64,
    /// Rows written or read, all tables together.
    pub rows: usize,
    /// Operations in its log.
    pub operations: usize,
    /// Attachments.
    pub attachments: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "« {} » ({}) at version {}: {} rows, {} operations in the log, {} attachments",
            self.name, self.collective, self.version, self.rows, self.operations, self.attachments
        )
    }
}

/// The collective to back up: the one given, or the only one there is.
async fn choose(storage: &Storage, collective: Option<Id>) -> Result<Id, String> {
    if let Some(collective) = collective {
        return Ok(collective);
    }
    let all = storage
        .collectives()
        .await
        .map_err(|error| error.to_string())?;
    match all.as_slice() {
        [only] => Ok(only.id),
        [] => Err("there is no collective to back up".into()),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|row| format!("  {}  {}", row.id, row.name))
                .collect();
            Err(format!(
                "several collectives here; name one with --collective:\n{}",
                list.join("\n")
            ))
        }
    }
}

/// Writes `collective` (or the only one) to `output`, atomically: a
/// `.partial` file synced to disk, then renamed.
///
/// # Errors
/// A message for people: unknown collective, database or file errors.
pub async fn backup(
    storage: &Storage,
    collective: Option<Id>,
    output: &Path,
) -> Result<Summary, String> {
    let collective = choose(storage, collective).await?;
    let rows = storage
        .export(collective)
        .await
        .map_err(|error| error.to_string())?
        .ok_or_else(|| format!("no collective {collective} here"))?;
    let header = Header {
        format: archive::FORMAT.into(),
        version: archive::VERSION,
        collective: collective.to_string(),
        server: env!("CARGO_PKG_VERSION").into(),
        engine: storage.engine_name().into(),
        created_at: secrets::now_text(),
        attachments: rows
            .attachments
            .iter()
            .map(|row| row.hash.clone())
            .collect(),
    };
    let partial = PathBuf::from(format!("{}.partial", output.display()));
    let written = (|| -> Result<(), archive::ArchiveError> {
        let file = std::fs::File::create(&partial)?;
        let mut out = BufWriter::new(file);
        archive::write(&mut out, header, &rows)?;
        out.flush()?;
        out.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?
            .sync_all()?;
        std::fs::rename(&partial, output)?;
        Ok(())
    })();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(format!("cannot write {}: {error}", output.display()));
    }
    Ok(summary(collective, &rows))
}

/// Restores the collective archived in `input`; refuses to overwrite an
/// existing one unless `replace`.
///
/// # Errors
/// A message for people: unreadable archive, existing collective, database errors.
pub async fn restore(storage: &Storage, input: &Path, replace: bool) -> Result<Summary, String> {
    let file = std::fs::File::open(input)
        .map_err(|error| format!("cannot open {}: {error}", input.display()))?;
    let (header, rows) = archive::read(BufReader::new(file))
        .map_err(|error| format!("{}: {error}", input.display()))?;
    let collective: Id = header
        .collective
        .parse()
        .map_err(|_| format!("{}: the header names no valid collective", input.display()))?;
    let summary = summary(collective, &rows);
    storage
        .import(rows, replace)
        .await
        .map_err(|error| error.to_string())?;
    Ok(summary)
}

fn summary(collective: Id, rows: &archive::Rows) -> Summary {
    let (name, version) = rows
        .collective
        .as_ref()
        .map(|row| (row.name.clone(), row.version))
        .unwrap_or_default();
    Summary {
        collective,
        name,
        version,
        rows: rows.count(),
        operations: rows.operations.len(),
        attachments: rows.attachments.len(),
    }
}
