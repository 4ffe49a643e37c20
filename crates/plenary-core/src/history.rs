//! The append-only history: one entry for every create, update and delete, written in the same
//! transaction as the change it records.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HistoryAction {
    Create,
    Update,
    Delete,
}

impl HistoryAction {
    fn as_str(self) -> &'static str {
        match self {
            HistoryAction::Create => "create",
            HistoryAction::Update => "update",
            HistoryAction::Delete => "delete",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "create" => HistoryAction::Create,
            "update" => HistoryAction::Update,
            "delete" => HistoryAction::Delete,
            _ => return None,
        })
    }
}

/// One recorded change. `before` and `after` are the record's JSON (absent on create and delete
/// respectively); `changed` lists the top-level fields whose values differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEntry {
    pub id: String,
    pub entity: String,
    pub entity_id: String,
    pub action: HistoryAction,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub before: Option<serde_json::Value>,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub after: Option<serde_json::Value>,
    pub changed: Vec<String>,
    /// RFC 3339, UTC.
    pub at: String,
    /// The hub login that made the change (none before the laptop joined a hub).
    pub author: Option<String>,
    /// The name of the laptop the change was made on (none before it joined a hub).
    pub device: Option<String>,
}

/// Appends a history entry inside `tx`.
pub(crate) fn record<T: Serialize>(
    tx: &rusqlite::Connection,
    entity: &str,
    entity_id: &str,
    action: HistoryAction,
    before: Option<&T>,
    after: Option<&T>,
    at: &str,
) -> Result<()> {
    let to_json = |value: Option<&T>| {
        value.map(|v| serde_json::to_string(v).expect("domain records always serialise"))
    };
    tx.execute(
        // Who made it: the hub login and this laptop's name, once the laptop has joined a hub.
        "INSERT INTO history (id, entity, entity_id, action, before, after, at, author, device)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                 (SELECT login FROM exchange_link), (SELECT device_name FROM exchange_link))",
        params![
            uuid::Uuid::now_v7().to_string(),
            entity,
            entity_id,
            action.as_str(),
            to_json(before),
            to_json(after),
            at
        ],
    )?;
    Ok(())
}

/// The history of one record, oldest first.
pub(crate) fn for_record(
    conn: &rusqlite::Connection,
    entity: &str,
    entity_id: &str,
) -> Result<Vec<HistoryEntry>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, entity, entity_id, action, before, after, at, author, device FROM history
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq",
    )?;
    // A row that cannot be read is an error, never a guess: the history is the record of what
    // happened.
    let unreadable = |index: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("history entry with {what}").into(),
        )
    };
    let rows = statement.query_map(params![entity, entity_id], |row| {
        let json = |index: usize| -> rusqlite::Result<Option<serde_json::Value>> {
            let text: Option<String> = row.get(index)?;
            text.map(|t| serde_json::from_str(&t).map_err(|e| unreadable(index, e.to_string())))
                .transpose()
        };
        let action: String = row.get(3)?;
        let before = json(4)?;
        let after = json(5)?;
        Ok(HistoryEntry {
            id: row.get(0)?,
            entity: row.get(1)?,
            entity_id: row.get(2)?,
            action: HistoryAction::parse(&action)
                .ok_or_else(|| unreadable(3, format!("unknown action {action:?}")))?,
            changed: changed_fields(before.as_ref(), after.as_ref()),
            before,
            after,
            at: row.get(6)?,
            author: row.get(7)?,
            device: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Top-level fields that differ, ignoring bookkeeping (`version`, `updated_at`).
fn changed_fields(
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Vec<String> {
    let (Some(serde_json::Value::Object(before)), Some(serde_json::Value::Object(after))) =
        (before, after)
    else {
        return Vec::new();
    };
    let mut keys: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| !matches!(k.as_str(), "version" | "updated_at"))
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect();
    keys.sort();
    keys.dedup();
    keys
}
