//! The one error type of the core. Messages are written for the person at the keyboard: they
//! name what is wrong and what to do, and never carry SQL or personal data.

use serde::Serialize;

/// A problem with one field of a form, named by the field's wire name (e.g. `end_date`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CoreError {
    /// One or more fields are invalid; nothing was changed.
    #[error("{}", .0.first().map(|e| e.message.as_str()).unwrap_or("The form has invalid fields."))]
    Validation(Vec<FieldError>),
    /// The record does not exist (any more).
    #[error("This {entity} no longer exists. It may have been deleted in another window.")]
    NotFound { entity: &'static str },
    /// The record changed since it was read; nothing was changed.
    #[error(
        "This {entity} was changed elsewhere (another window or form) after you opened it. \
         Your changes were not saved: reload it to see the latest version, then make your changes again."
    )]
    Conflict { entity: &'static str },
    /// The record is still used by others (a body with meetings, a meeting with sessions...);
    /// the message says what and what to do. Nothing was changed.
    #[error("{0}")]
    InUse(String),
    /// The database file was written by a newer Plenary.
    #[error(
        "This data folder was written by a newer version of Plenary (database schema {found}; this \
         version understands up to {supported}). Nothing was changed. Update Plenary to open it."
    )]
    SchemaTooNew { found: i64, supported: i64 },
    /// The team exchange could not be done (the hub unreachable, refused, another office's);
    /// the message says why and what to do. Nothing was changed here.
    #[error("{0}")]
    Exchange(String),
    /// A file or folder cannot be used for what was asked (not a backup, damaged, from a newer
    /// Plenary, a folder that may not be written); the message says why. Nothing was changed.
    #[error("{0}")]
    Refused(String),
    /// The person stopped long work; nothing of it was kept.
    #[error("Stopped. Nothing was changed.")]
    Cancelled,
    /// The database could not do what was asked (disk full, file locked, corrupt file...).
    #[error("The database could not complete the operation: {0}.")]
    Storage(String),
}

impl CoreError {
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }
}

/// What a foreign-key failure says when nothing more precise caught it first: it never reaches a
/// person as a storage error.
pub(crate) const BROKEN_REFERENCE: &str = "This change would leave a record referring to \
     something that does not exist (it may have been changed in another window). Nothing was \
     saved; reload and try again.";

impl From<rusqlite::Error> for CoreError {
    fn from(error: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(failure, _) = &error
            && failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
        {
            return Self::InUse(BROKEN_REFERENCE.to_owned());
        }
        // The SQLite result code's description ("database is locked", "disk I/O error") is safe to
        // show; the full error may quote SQL, so it only goes to the log.
        eprintln!("plenary: storage error: {error}");
        let reason = match &error {
            rusqlite::Error::SqliteFailure(code, _) => code.to_string(),
            _ => "unexpected database error".to_owned(),
        };
        Self::Storage(reason)
    }
}

impl From<rusqlite_migration::Error> for CoreError {
    fn from(error: rusqlite_migration::Error) -> Self {
        eprintln!("plenary: migration error: {error}");
        Self::Storage("the database schema could not be upgraded".to_owned())
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
