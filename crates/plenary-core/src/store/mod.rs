//! SQLite storage: opening a data folder's database safely, migrations, and the queries of each
//! product area. Every mutation runs in one transaction together with its history entry.

mod actions;
mod agenda;
mod assignments;
mod bodies;
mod briefing;
mod calendar;
mod dashboard;
mod documents;
mod duplicates;
mod example;
mod exchange;
mod meetings;
mod migrations;
mod organizations;
mod people;
mod policy;
mod policy_links;
mod proposals;
mod records;
mod reminders;
mod report;
mod row;
mod search;
mod sessions;
mod settings;
mod sheets;
mod statements;
mod travel_exchange;
mod write;

pub use agenda::Direction;
pub use assignments::{
    AssignmentSaved, AssignmentView, Board, BoardRow, Candidate, CandidateQuery, MyAssignment,
    MyAssignments,
};
pub use calendar::{CalendarFile, CalendarScope, file_safe};
pub use dashboard::{ActionOnDashboard, Dashboard, DraftAfterMeeting, UpcomingMeeting};
pub use duplicates::{DuplicateKind, DuplicateSide, LikelyDuplicate};
pub use exchange::{StoreAccess, exchange_with};
pub use organizations::{CountryPage, SeatTerm, SeatWithTerms, TermSaved, TermView};
pub use people::{PersonPage, PersonRow};

pub use policy::{PolicyFilter, ReviewDue, ReviewDueCount};
pub use search::{MATCH_END, MATCH_START, SearchHit};

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{CoreError, Result};

pub use migrations::SCHEMA_VERSION;
pub(crate) use migrations::to_version as migrations_to;
pub use write::Clock;
pub(crate) use write::{Stored, Writable, Writer, bump_bookkeeping, stored, writable_by};

/// The database file's name inside a data folder.
pub const DATABASE_FILE: &str = "plenary.sqlite3";

/// An open Plenary database. One per process; callers serialise access (the shell keeps it behind
/// a mutex and uses it only on the blocking pool).
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Where "now" and "today" come from, for every write and every date rule.
    clock: Clock,
    /// The schema's foreign keys, which decide what a delete must refuse.
    references: write::References,
    /// Whether this laptop has joined a hub (then every write is captured for it).
    joined: bool,
    /// Tells the capture triggers which write, if any, is under way.
    capture: exchange::Capture,
    /// The shared tables' columns and keys, for capturing and applying exchanged changes.
    shapes: std::collections::BTreeMap<&'static str, exchange::Shape>,
    /// Which opening of a database in this process this is (a restore opens the folder anew).
    opening: u64,
}

/// Counts the databases opened in this process, so a reopened one never repeats a revision.
static OPENINGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Store {
    /// Opens (creating if needed) the database in `data_dir`.
    pub fn open_in(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            CoreError::Storage(format!(
                "the data folder {} could not be created ({e})",
                data_dir.display()
            ))
        })?;
        Store::open(&data_dir.join(DATABASE_FILE))
    }

    /// Opens (creating if needed) the database file at `path` and migrates it to the current
    /// schema. A database from a newer Plenary is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store> {
        // Checked on a read-only connection before anything else: a read-write connection would
        // checkpoint a pending `-wal` into the main file when it closes, changing the folder.
        if path.exists() {
            refuse_newer_schema(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)?;

        // WAL for concurrent readers; FULL sync because a laptop's battery can die mid-write;
        // secure_delete because the database holds personal data.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        register_functions(&conn)?;
        let capture = exchange::Capture::default();
        capture.register(&conn)?;

        migrations::migrations().to_latest(&mut conn)?;
        let references = write::References::read(&conn)?;
        let shapes = exchange::shapes(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
            clock: Clock::System,
            references,
            joined: false,
            capture,
            shapes,
            opening: OPENINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        store.start_capture_if_joined()?;
        // Files received but never attached (the app closed in between) are not kept.
        store.remove_unattached_files()?;
        Ok(store)
    }

    /// Uses `clock` for "now" and "today" from here on (tests, imports).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The store's clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A value that changes whenever anything is written to the database, by this store or by any
    /// other connection, or by putting a backup or an export in its place (the database is opened
    /// anew): a window may keep what it read until the revision changes.
    pub fn revision(&self) -> Result<String> {
        let others: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?;
        Ok(format!(
            "{}.{}.{others}",
            self.opening,
            self.conn.total_changes()
        ))
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// The history of one record, oldest first.
    pub fn history(&self, entity: &str, entity_id: &str) -> Result<Vec<crate::HistoryEntry>> {
        crate::history::for_record(&self.conn, entity, entity_id)
    }
}

/// Fails with [`CoreError::SchemaTooNew`] when the database at `path` (a pending `-wal`
/// included) was written by a newer Plenary. Changes not one byte of the folder.
fn refuse_newer_schema(path: &Path) -> Result<()> {
    let found = stored_schema_version(path)?;
    if found > SCHEMA_VERSION {
        return Err(CoreError::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// The `user_version` of the database at `path`, read without writing anything.
fn stored_schema_version(path: &Path) -> Result<i64> {
    let sibling = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let storage = |e: std::io::Error| {
        CoreError::Storage(format!("the database file could not be read ({e})"))
    };
    let wal = sibling("-wal");
    if std::fs::metadata(&wal).map_or(true, |m| m.len() == 0) {
        // No pending changes: the version is in the file's header (bytes 60..64, big-endian).
        let mut header = [0u8; 64];
        let mut file = std::fs::File::open(path).map_err(storage)?;
        let read = std::io::Read::read(&mut file, &mut header).map_err(storage)?;
        return Ok(if read < 64 {
            0
        } else {
            i64::from(i32::from_be_bytes([
                header[60], header[61], header[62], header[63],
            ]))
        });
    }
    if sibling("-shm").exists() {
        // `readonly_shm=1`: even the `-shm` index is only read (SQLite rebuilds its own copy in
        // memory), so not one byte of the folder changes.
        return read_user_version(path, "mode=ro&readonly_shm=1");
    }
    // A pending WAL without its index (rare): look at a copy, which SQLite may change at will.
    let scratch = std::env::temp_dir().join(format!("plenary-check-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&scratch).map_err(storage)?;
    let copy = scratch.join(DATABASE_FILE);
    let result = std::fs::copy(path, &copy)
        .and_then(|_| std::fs::copy(&wal, scratch.join(format!("{DATABASE_FILE}-wal"))))
        .map_err(storage)
        .and_then(|_| read_user_version(&copy, "mode=ro"));
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn read_user_version(path: &Path, query: &str) -> Result<i64> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let absolute = std::path::absolute(path).map_err(|e| CoreError::Storage(e.to_string()))?;
    let mut uri = url::Url::from_file_path(&absolute)
        .map_err(|()| CoreError::Storage(format!("{} is not a file path", path.display())))?;
    uri.set_query(Some(query));
    let conn = Connection::open_with_flags(uri.as_str(), flags)?;
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// SQL functions the schema uses: `plenary_fold(text)` and `plenary_name_key(text)`, the core's
/// own folding, so the search index and duplicate keys fold exactly as Rust and the UI do; and
/// `plenary_new_id()`, a fresh UUIDv7 for migrations that key existing rows. Registered on every
/// connection before migrations run.
pub(crate) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("plenary_fold", 1, flags, |ctx| {
        Ok(ctx
            .get::<Option<String>>(0)?
            .map(|text| crate::fold::fold(&text)))
    })?;
    conn.create_scalar_function("plenary_name_key", 1, flags, |ctx| {
        Ok(ctx
            .get::<Option<String>>(0)?
            .map(|text| crate::people::name_key(&text)))
    })?;
    // A fresh UUIDv7, for migrations that give existing rows their own keys.
    conn.create_scalar_function("plenary_new_id", 0, FunctionFlags::SQLITE_UTF8, |_| {
        Ok(uuid::Uuid::now_v7().to_string())
    })
}

/// Always three fractional digits ("…:05.300Z", never "…:05.3Z"), so that text order is time
/// order: queries sort and compare these timestamps as text.
pub(crate) fn rfc3339_millis(at: jiff::Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod people_tests;

#[cfg(test)]
mod example_tests;
/// What a data folder holds besides settings of the app around it: replaced as a whole by a
/// restore or an import.
const DATA_NAMES: [&str; 4] = [
    DATABASE_FILE,
    "plenary.sqlite3-wal",
    "plenary.sqlite3-shm",
    "documents",
];

impl Store {
    /// The connection, for reading a whole database (backups, the full export).
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The data folder: the database's folder.
    pub fn data_dir(&self) -> PathBuf {
        self.path.parent().unwrap_or(Path::new(".")).to_owned()
    }

    /// Closes the database, puts the database and `documents` folder prepared in `staged` in
    /// place of this data folder's, and opens them (migrating an older schema). When anything
    /// fails the folder is put back as it was and opened again, and the error returned.
    pub(crate) fn replace_data_with(&mut self, staged: &Path) -> Result<()> {
        let dir = self.data_dir();
        let storage = |e: std::io::Error| {
            CoreError::Refused(format!(
                "the data folder {} could not be changed ({e}). Nothing was changed.",
                dir.display()
            ))
        };
        let aside = dir.join(format!(".replaced-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir(&aside).map_err(storage)?;
        let clock = self.clock.clone();
        // Closing checkpoints the write-ahead log into the file, so what is set aside is whole.
        let open = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((conn, error)) = open.close() {
            self.conn = conn;
            let _ = std::fs::remove_dir_all(&aside);
            return Err(error.into());
        }
        let existed: Vec<&str> = DATA_NAMES
            .into_iter()
            .filter(|name| dir.join(name).exists())
            .collect();
        let mut set_aside = Vec::new();
        let swapped = (|| {
            for name in DATA_NAMES {
                if dir.join(name).exists() {
                    std::fs::rename(dir.join(name), aside.join(name))?;
                    set_aside.push(name);
                }
            }
            for name in [DATABASE_FILE, "documents"] {
                if staged.join(name).exists() {
                    std::fs::rename(staged.join(name), dir.join(name))?;
                }
            }
            Ok(())
        })()
        .map_err(storage)
        .and_then(|()| Store::open(&self.path));
        match swapped {
            Ok(mut store) => {
                store.clock = clock;
                *self = store;
                let _ = std::fs::remove_dir_all(&aside);
                Ok(())
            }
            Err(error) => {
                // What is in the folder now and was not there, or was set aside, is new: it goes.
                for name in DATA_NAMES {
                    let moved = set_aside.contains(&name);
                    let path = dir.join(name);
                    if (moved || !existed.contains(&name)) && path.exists() {
                        let _ = if path.is_dir() {
                            std::fs::remove_dir_all(&path)
                        } else {
                            std::fs::remove_file(&path)
                        };
                    }
                    if moved {
                        let _ = std::fs::rename(aside.join(name), &path);
                    }
                }
                let _ = std::fs::remove_dir_all(&aside);
                let mut store = Store::open(&self.path)?;
                store.clock = clock;
                *self = store;
                Err(error)
            }
        }
    }
}
