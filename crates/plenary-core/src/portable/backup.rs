//! Backups: one tar file holding a header, a consistent snapshot of the database (SQLite's online
//! backup API), the stored document files and, last, a manifest of every entry's size and
//! SHA-256. Restoring checks all of it in a scratch folder before the data folder is touched.

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use super::{Scratch, Work, beside, copy_hashed, finish, io_reason, write_failed};
use crate::error::{CoreError, Result};
use crate::store::{DATABASE_FILE, SCHEMA_VERSION, Store};

/// A backup file's extension.
pub const BACKUP_EXTENSION: &str = "plenary-backup";
/// The layout this build writes; a backup with a higher number is refused.
pub const BACKUP_FORMAT_VERSION: u32 = 1;
const FORMAT: &str = "plenary-backup";
/// The first entry: what the file is, read before anything else.
const HEADER: &str = "plenary-backup.json";
/// The last entry: every other entry's size and checksum.
const MANIFEST: &str = "manifest.json";
const DOCUMENTS: &str = "documents";

/// The first entry of a backup: enough to refuse a file before reading the rest.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Header {
    format: String,
    format_version: u32,
    app_version: String,
    schema_version: i64,
    created_at: String,
}

/// The last entry of a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupManifest {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    pub schema_version: i64,
    pub created_at: String,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// What a backup holds, for the message after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupSummary {
    pub path: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    pub documents: u32,
    /// Document files the database names but the data folder no longer has (not in the backup).
    pub missing_documents: u32,
    pub created_at: String,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreSummary {
    /// When the restored backup was made.
    pub backed_up_at: String,
    pub documents: u32,
    /// The backup of the data as it was just before, kept in case the restore was a mistake.
    pub previous_data: String,
}

/// `plenary-<label>-2026-11-30-0915.plenary-backup`, from a local date and time.
pub fn backup_file_name(label: &str, at: jiff::civil::DateTime) -> String {
    format!(
        "plenary-{label}-{}.{BACKUP_EXTENSION}",
        at.strftime("%Y-%m-%d-%H%M%S")
    )
}

/// Removes the oldest backups named `plenary-<label>-…` in `folder` beyond the newest `keep`.
/// Other files (backups made by hand, before a restore) are never touched. Returns how many.
pub fn prune_backups(folder: &Path, label: &str, keep: usize) -> Result<usize> {
    let prefix = format!("plenary-{label}-");
    let suffix = format!(".{BACKUP_EXTENSION}");
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map_err(|e| {
            CoreError::Refused(format!(
                "the backup folder could not be read ({})",
                io_reason(&e)
            ))
        })?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(&prefix) && name.ends_with(&suffix))
        .collect();
    // The date and time in the name sort as text.
    names.sort();
    let excess = names.len().saturating_sub(keep);
    let mut removed = 0;
    for name in &names[..excess] {
        if std::fs::remove_file(folder.join(name)).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

fn damaged(file: &Path, why: &str) -> CoreError {
    CoreError::Refused(format!(
        "{} is damaged or incomplete ({why}). Nothing was changed. Choose another backup.",
        file.display()
    ))
}

fn not_a_backup(file: &Path) -> CoreError {
    CoreError::Refused(format!(
        "{} is not a Plenary backup. Nothing was changed. Choose a file ending in .{BACKUP_EXTENSION}.",
        file.display()
    ))
}

impl Store {
    /// Writes a backup of this data folder to `file` (replacing it). A cancelled or failed backup
    /// leaves no file behind, nor half of one.
    pub fn backup_to(&self, file: &Path, work: &Work<'_>) -> Result<BackupSummary> {
        self.backup_snapshot(file, work)?.write(work)
    }

    /// The part of a backup to `file` that reads the store: a consistent copy of the database
    /// beside `file`, and which document files it names. The rest, [`BackupSnapshot::write`],
    /// needs no store, so a caller sharing the store holds it only for this part.
    pub fn backup_snapshot(&self, file: &Path, work: &Work<'_>) -> Result<BackupSnapshot> {
        work.check()?;
        let database = Scratch::new(beside(file, "database"));
        let (documents, missing) = self.snapshot_database(database.path(), work)?;
        Ok(BackupSnapshot {
            file: file.to_owned(),
            header: Header {
                format: FORMAT.to_owned(),
                format_version: BACKUP_FORMAT_VERSION,
                app_version: env!("CARGO_PKG_VERSION").to_owned(),
                schema_version: self.schema_version()?,
                created_at: self.clock().now(),
            },
            database,
            documents: documents
                .into_iter()
                .map(|sha256| {
                    let path = self.file_path(&sha256);
                    (sha256, path)
                })
                .collect(),
            missing,
        })
    }

    /// Copies the database to `to` with SQLite's online backup API (a consistent snapshot) and
    /// returns the stored files it names that the data folder has, and how many it lacks.
    fn snapshot_database(&self, to: &Path, work: &Work<'_>) -> Result<(Vec<String>, u32)> {
        let mut copy = Connection::open(to).map_err(|_| {
            write_failed(to)(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
        })?;
        {
            let backup = rusqlite::backup::Backup::new(self.connection(), &mut copy)?;
            loop {
                work.check()?;
                let step = backup.step(512)?;
                let progress = backup.progress();
                let total = u64::try_from(progress.pagecount).unwrap_or(0);
                let left = u64::try_from(progress.remaining).unwrap_or(0);
                work.report("Copying the database", total - left.min(total), total);
                if step == rusqlite::backup::StepResult::Done {
                    break;
                }
            }
        }
        // One self-contained file: no write-ahead log beside it.
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        let hashes: Vec<String> = copy
            .prepare("SELECT DISTINCT sha256 FROM document ORDER BY sha256")?
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        copy.close().map_err(|(_, e)| CoreError::from(e))?;
        let (present, missing): (Vec<String>, Vec<String>) = hashes
            .into_iter()
            .filter(|sha| sha.len() == 64)
            .partition(|sha| self.file_path(sha).is_file());
        Ok((present, u32::try_from(missing.len()).unwrap_or(u32::MAX)))
    }

    /// Replaces this data folder with the backup in `file`, then opens it. The file is checked
    /// in full first (every checksum of the manifest, SQLite's `integrity_check`, the schema
    /// version); the data as it was is backed up into `keep_current_in` before anything changes.
    /// A refused, failed or cancelled restore changes nothing.
    pub fn restore_from(
        &mut self,
        file: &Path,
        keep_current_in: &Path,
        work: &Work<'_>,
    ) -> Result<RestoreSummary> {
        let data_dir = self.data_dir();
        let staging = Scratch::new(data_dir.join(format!(".restoring-{}", uuid::Uuid::now_v7())));
        std::fs::create_dir(staging.path()).map_err(write_failed(&data_dir))?;
        let manifest = unpack_checked(file, staging.path(), work)?;

        std::fs::create_dir_all(keep_current_in).map_err(write_failed(keep_current_in))?;
        let local = self
            .clock()
            .timestamp()
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .datetime();
        let previous = keep_current_in.join(backup_file_name("before-restore", local));
        self.backup_to(&previous, work)?;
        work.check()?;

        self.replace_data_with(staging.path())?;
        drop(staging);
        Ok(RestoreSummary {
            backed_up_at: manifest.created_at,
            documents: u32::try_from(
                manifest
                    .files
                    .iter()
                    .filter(|f| f.path.starts_with(DOCUMENTS))
                    .count(),
            )
            .unwrap_or(u32::MAX),
            previous_data: previous.display().to_string(),
        })
    }

    /// Reads a backup's manifest after checking the whole file, without changing anything.
    pub fn check_backup(file: &Path, scratch_in: &Path, work: &Work<'_>) -> Result<BackupManifest> {
        let staging = Scratch::new(scratch_in.join(format!(".checking-{}", uuid::Uuid::now_v7())));
        std::fs::create_dir_all(staging.path()).map_err(write_failed(scratch_in))?;
        unpack_checked(file, staging.path(), work)
    }
}

/// A backup's consistent copy of the database, taken under the store, waiting to be written
/// into its archive. Dropped unwritten, it leaves nothing behind.
pub struct BackupSnapshot {
    file: PathBuf,
    header: Header,
    database: Scratch,
    /// The stored files the copy names, by SHA-256, and where they are.
    documents: Vec<(String, PathBuf)>,
    /// Files the copy names that the data folder did not have.
    missing: u32,
}

impl BackupSnapshot {
    /// Writes the archive: the header, the database copy, the document files and the manifest,
    /// aside and renamed over the backup's file when complete. Stored files are never changed,
    /// only removed when no record names them any more; one removed since the snapshot is
    /// counted as missing, like one that was already gone.
    pub fn write(self, work: &Work<'_>) -> Result<BackupSummary> {
        let file = self.file.as_path();
        let failed = |e| {
            if work.check().is_err() {
                CoreError::Cancelled
            } else {
                write_failed(file)(e)
            }
        };
        work.check()?;
        let partial = Scratch::new(beside(file, "partial"));
        let archive = File::create(partial.path()).map_err(failed)?;
        let mut missing = self.missing;
        // Opened one at a time while writing: a decade's folder has thousands of stored files,
        // more than a process may hold open at once.
        let mut entries: Vec<(String, PathBuf, u64)> = Vec::with_capacity(self.documents.len() + 1);
        let database = self.database.path().to_owned();
        let size = std::fs::metadata(&database).map_err(failed)?.len();
        entries.push((DATABASE_FILE.to_owned(), database, size));
        for (sha256, path) in &self.documents {
            match std::fs::metadata(path) {
                Ok(metadata) => entries.push((
                    format!("{DOCUMENTS}/{}/{sha256}", &sha256[..2]),
                    path.clone(),
                    metadata.len(),
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing += 1,
                Err(e) => return Err(failed(e)),
            }
        }
        let total: u64 = entries.iter().map(|(_, _, size)| size).sum();

        let mut builder = tar::Builder::new(std::io::BufWriter::new(archive));
        append_bytes(&mut builder, HEADER, &json(&self.header)).map_err(failed)?;
        let mut files = Vec::with_capacity(entries.len());
        let mut done = 0u64;
        for (index, (name, path, size)) in entries.into_iter().enumerate() {
            let mut source = match File::open(&path) {
                Ok(source) => source,
                // Removed since its size was read (the database copy is never removed).
                Err(e) if index > 0 && e.kind() == std::io::ErrorKind::NotFound => {
                    missing += 1;
                    continue;
                }
                Err(e) => return Err(failed(e)),
            };
            let mut tar_header = entry_header(size);
            let sha256 = append_hashed(
                &mut builder,
                &mut tar_header,
                &name,
                &mut source,
                work,
                done,
                total,
            )
            .map_err(failed)?;
            done += size;
            files.push(ManifestFile {
                path: name,
                size,
                sha256,
            });
        }
        let documents = files.len() - 1;
        let header = self.header;
        let created_at = header.created_at.clone();
        let manifest = BackupManifest {
            format: header.format,
            format_version: header.format_version,
            app_version: header.app_version,
            schema_version: header.schema_version,
            created_at: created_at.clone(),
            files,
        };
        append_bytes(&mut builder, MANIFEST, &json(&manifest)).map_err(failed)?;
        let writer = builder.into_inner().map_err(failed)?;
        let archive = writer.into_inner().map_err(|e| failed(e.into_error()))?;
        work.check()?;
        finish(archive, partial, file)?;
        drop(self.database);
        Ok(BackupSummary {
            path: file.display().to_string(),
            bytes: std::fs::metadata(file).map(|m| m.len()).unwrap_or(0),
            documents: u32::try_from(documents).unwrap_or(u32::MAX),
            missing_documents: missing,
            created_at,
        })
    }
}

fn json(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn entry_header(size: u64) -> tar::Header {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o600);
    header.set_entry_type(tar::EntryType::Regular);
    header
}

fn append_bytes<W: std::io::Write>(
    builder: &mut tar::Builder<W>,
    name: &str,
    bytes: &[u8],
) -> std::io::Result<()> {
    let mut header = entry_header(bytes.len() as u64);
    builder.append_data(&mut header, name, bytes)
}

/// Appends `source` under `name`, hashing it on the way; the SHA-256 is returned.
fn append_hashed<W: std::io::Write>(
    builder: &mut tar::Builder<W>,
    header: &mut tar::Header,
    name: &str,
    source: &mut File,
    work: &Work<'_>,
    base: u64,
    total: u64,
) -> std::io::Result<String> {
    let mut reader = Watched {
        inner: source,
        hasher: sha2::Sha256::default(),
        work,
        done: base,
        total,
    };
    builder.append_data(header, name, &mut reader)?;
    Ok(format!("{:x}", sha2::Digest::finalize(reader.hasher)))
}

/// A reader that hashes what passes, reports progress and stops when cancelled.
struct Watched<'a, 'w> {
    inner: &'a mut File,
    hasher: sha2::Sha256,
    work: &'a Work<'w>,
    done: u64,
    total: u64,
}

impl std::io::Read for Watched<'_, '_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        if self.work.check().is_err() {
            return Err(std::io::Error::other("cancelled"));
        }
        let read = self.inner.read(buffer)?;
        sha2::Digest::update(&mut self.hasher, &buffer[..read]);
        self.done += read as u64;
        self.work
            .report("Writing the backup", self.done, self.total);
        Ok(read)
    }
}

/// Unpacks the backup `file` into `into`, checking every entry against the manifest, then the
/// database with `integrity_check` and its schema version. Returns the manifest.
fn unpack_checked(file: &Path, into: &Path, work: &Work<'_>) -> Result<BackupManifest> {
    let source = File::open(file).map_err(|e| {
        CoreError::Refused(format!(
            "{} could not be read ({}). Nothing was changed.",
            file.display(),
            io_reason(&e)
        ))
    })?;
    let total = source.metadata().map(|m| m.len()).unwrap_or(0);
    let mut archive = tar::Archive::new(std::io::BufReader::new(source));
    let mut entries = archive.entries().map_err(|_| not_a_backup(file))?;

    // The header first: a file that is not a backup, or one from a newer Plenary, is refused
    // before the rest is read.
    let header: Header = match entries.next() {
        Some(Ok(mut entry)) if entry.path().ok().as_deref() == Some(Path::new(HEADER)) => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).map_err(|_| not_a_backup(file))?;
            serde_json::from_slice(&bytes).map_err(|_| not_a_backup(file))?
        }
        _ => return Err(not_a_backup(file)),
    };
    if header.format != FORMAT {
        return Err(not_a_backup(file));
    }
    if header.format_version > BACKUP_FORMAT_VERSION {
        return Err(newer(file, &header.app_version, header.schema_version));
    }
    if header.schema_version > SCHEMA_VERSION {
        return Err(newer(file, &header.app_version, header.schema_version));
    }

    let mut found: Vec<ManifestFile> = Vec::new();
    let mut manifest: Option<BackupManifest> = None;
    let mut done = 0u64;
    for entry in entries {
        work.check()?;
        let mut entry =
            entry.map_err(|_| damaged(file, "it ends early or an entry is unreadable"))?;
        let name = entry
            .path()
            .map_err(|_| damaged(file, "an entry has an unreadable name"))?
            .to_string_lossy()
            .into_owned();
        if manifest.is_some() {
            return Err(damaged(file, "there is more after the manifest"));
        }
        if name == MANIFEST {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes)
                .map_err(|_| damaged(file, "the manifest is cut short"))?;
            manifest = Some(
                serde_json::from_slice(&bytes)
                    .map_err(|_| damaged(file, "the manifest is unreadable"))?,
            );
            continue;
        }
        if !allowed_entry(&name) || found.iter().any(|f| f.path == name) {
            return Err(damaged(
                file,
                &format!("it holds an unexpected entry “{name}”"),
            ));
        }
        let target = into.join(&name);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(write_failed(into))?;
        }
        let mut out = File::create(&target).map_err(write_failed(into))?;
        let (size, sha256) = copy_hashed(
            &mut entry,
            &mut out,
            work,
            "Checking the backup",
            done,
            total,
        )
        .map_err(|e| {
            if work.check().is_err() {
                CoreError::Cancelled
            } else if e.kind() == std::io::ErrorKind::UnexpectedEof {
                damaged(file, "it ends early")
            } else {
                write_failed(into)(e)
            }
        })?;
        if entry.size() != size {
            return Err(damaged(file, "it ends early"));
        }
        out.sync_all().map_err(write_failed(into))?;
        done += size;
        found.push(ManifestFile {
            path: name,
            size,
            sha256,
        });
    }
    let manifest =
        manifest.ok_or_else(|| damaged(file, "its manifest is missing: it ends early"))?;
    if manifest.schema_version != header.schema_version || manifest.format != FORMAT {
        return Err(damaged(file, "the manifest does not match its header"));
    }
    let mut expected = manifest.files.clone();
    expected.sort_by(|a, b| a.path.cmp(&b.path));
    found.sort_by(|a, b| a.path.cmp(&b.path));
    if expected != found {
        let bad = expected
            .iter()
            .find(|e| !found.contains(e))
            .map(|e| e.path.clone())
            .or_else(|| {
                found
                    .iter()
                    .find(|f| !expected.contains(f))
                    .map(|f| f.path.clone())
            })
            .unwrap_or_default();
        return Err(damaged(
            file,
            &format!("“{bad}” does not match its checksum"),
        ));
    }
    if !found.iter().any(|f| f.path == DATABASE_FILE) {
        return Err(damaged(file, "it holds no database"));
    }
    check_database(file, &into.join(DATABASE_FILE), manifest.schema_version)?;
    Ok(manifest)
}

fn allowed_entry(name: &str) -> bool {
    if name == DATABASE_FILE {
        return true;
    }
    let parts: Vec<&str> = name.split('/').collect();
    matches!(parts.as_slice(), [DOCUMENTS, prefix, sha]
        if sha.len() == 64
            && sha.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            && sha.starts_with(prefix)
            && prefix.len() == 2)
}

/// The refusal of what a newer Plenary wrote, naming both versions.
pub(crate) fn newer(file: &Path, app: &str, schema: i64) -> CoreError {
    CoreError::Refused(format!(
        "{} was made by a newer Plenary ({app}, database schema {schema}; this version \
         understands up to {SCHEMA_VERSION}). Nothing was changed. Update Plenary to open it.",
        file.display()
    ))
}

/// The unpacked database must pass SQLite's own check and be the schema version it claims.
fn check_database(file: &Path, database: &Path, schema: i64) -> Result<()> {
    let conn = Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| damaged(file, "its database cannot be opened"))?;
    let verdict: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |row| row.get(0))
        .map_err(|_| damaged(file, "its database is not readable"))?;
    if verdict != "ok" {
        return Err(damaged(file, "its database fails SQLite's integrity check"));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|_| damaged(file, "its database is not readable"))?;
    if version != schema {
        return Err(damaged(
            file,
            "its database is not the version its manifest names",
        ));
    }
    Ok(())
}
