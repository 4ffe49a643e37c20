//! The one error that crosses the boundary to the UI, serialised as `{kind, message, field?, fields}`.
//! The UI decides what to do from `kind`, never from the message's words.

use plenary_core::{CoreError, FieldError};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Input was refused; `fields` says where. Nothing changed.
    Validation,
    /// The record does not exist (any more).
    NotFound,
    /// The record changed since it was read. Nothing changed.
    Conflict,
    /// The record is still used by others (the message says by what). Nothing changed.
    InUse,
    /// The data folder was written by a newer Plenary; nothing was changed.
    SchemaTooNew,
    /// The team exchange could not be done (the hub unreachable or refusing); nothing changed.
    Exchange,
    /// The database could not be opened or written.
    Storage,
    /// A file or folder cannot be used for that (not a backup, damaged, from a newer Plenary,
    /// a folder that may not be written); the message says why. Nothing changed.
    Refused,
    /// The person stopped long work; nothing of it was kept.
    Cancelled,
    /// A fault in Plenary itself.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    pub kind: ErrorKind,
    /// A sentence for the person: what is wrong and what to do.
    pub message: String,
    /// The first field in error, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// Every field in error, in form order (empty unless `kind` is `validation`).
    pub fields: Vec<FieldError>,
}

impl ErrorKind {
    /// The kind as the UI and the log name it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::InUse => "in_use",
            ErrorKind::SchemaTooNew => "schema_too_new",
            ErrorKind::Exchange => "exchange",
            ErrorKind::Storage => "storage",
            ErrorKind::Refused => "refused",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Internal => "internal",
        }
    }
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Internal,
            message: message.into(),
            field: None,
            fields: Vec::new(),
        }
    }
}

impl From<CoreError> for CommandError {
    fn from(error: CoreError) -> Self {
        let message = error.to_string();
        let (kind, fields) = match error {
            CoreError::Validation(fields) => (ErrorKind::Validation, fields),
            CoreError::NotFound { .. } => (ErrorKind::NotFound, Vec::new()),
            CoreError::Conflict { .. } => (ErrorKind::Conflict, Vec::new()),
            CoreError::InUse(_) => (ErrorKind::InUse, Vec::new()),
            CoreError::SchemaTooNew { .. } => (ErrorKind::SchemaTooNew, Vec::new()),
            CoreError::Exchange(_) => (ErrorKind::Exchange, Vec::new()),
            CoreError::Storage(_) => (ErrorKind::Storage, Vec::new()),
            CoreError::Refused(_) => (ErrorKind::Refused, Vec::new()),
            CoreError::Cancelled => (ErrorKind::Cancelled, Vec::new()),
        };
        Self {
            kind,
            message,
            field: fields.first().map(|f| f.field.clone()),
            fields,
        }
    }
}
