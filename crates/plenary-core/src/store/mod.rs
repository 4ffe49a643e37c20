//! SQLite storage: opening a data folder's database safely, migrations, and the queries of each
//! product area. Every mutation runs in one transaction together with its history entry.

mod actions;
mod agenda;
mod assignments;
mod bodies;
mod dashboard;
mod documents;
mod meetings;
mod migrations;
mod organizations;
mod people;
mod policy;
mod policy_links;
mod proposals;
mod records;
mod row;
mod search;
mod sessions;
mod settings;
mod statements;

pub use agenda::Direction;
pub use assignments::{
    AssignmentSaved, AssignmentView, Board, BoardRow, Candidate, CandidateQuery, MyAssignment,
    MyAssignments,
};
pub use dashboard::{ActionOnDashboard, Dashboard, DraftAfterMeeting, UpcomingMeeting};
pub use organizations::{CountryPage, SeatTerm, SeatWithTerms, TermSaved, TermView};
pub use people::{PersonPage, PersonRow};

pub use policy::{PolicyFilter, ReviewDue, ReviewDueCount};
pub use search::{MATCH_END, MATCH_START, SearchHit};

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{CoreError, Result};

pub use migrations::SCHEMA_VERSION;

/// The database file's name inside a data folder.
pub const DATABASE_FILE: &str = "plenary.sqlite3";

/// An open Plenary database. One per process; callers serialise access (the shell keeps it behind
/// a mutex and uses it only on the blocking pool).
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

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
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)?;

        // Read-only check first: switching to WAL or migrating would write to the file.
        let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(CoreError::SchemaTooNew {
                found,
                supported: SCHEMA_VERSION,
            });
        }

        // WAL for concurrent readers; FULL sync because a laptop's battery can die mid-write;
        // secure_delete because the database holds personal data.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;

        migrations::migrations().to_latest(&mut conn)?;
        let store = Store {
            conn,
            path: path.to_owned(),
        };
        // Files received but never attached (the app closed in between) are not kept.
        store.remove_unattached_files()?;
        Ok(store)
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
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

/// The current time as RFC 3339 UTC with millisecond precision, e.g. `2024-05-27T07:00:00.123Z`.
pub(crate) fn now() -> String {
    rfc3339_millis(jiff::Timestamp::now())
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
