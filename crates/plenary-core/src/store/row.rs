//! Writing enums and lists as stored text, and reading stored values back into domain types,
//! for every area's queries.

use jiff::civil::Date;
use rusqlite::Row;

use crate::error::Result;

/// The snake_case name serde gives a unit enum variant, which is also its stored form.
pub(crate) fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => unreachable!("stored enums are unit variants"),
    }
}

pub(super) fn enum_at<T: serde::de::DeserializeOwned>(
    row: &Row<'_>,
    index: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(index, &text, |t| {
        serde_json::from_value(serde_json::Value::String(t.to_owned())).ok()
    })
}

pub(super) fn opt_enum_at<T: serde::de::DeserializeOwned>(
    row: &Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(index)? {
        None => Ok(None),
        Some(text) => parse(index, &text, |t| {
            serde_json::from_value(serde_json::Value::String(t.to_owned())).ok()
        })
        .map(Some),
    }
}

pub(super) fn date_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Date> {
    let text: String = row.get(index)?;
    parse(index, &text, |t| t.parse().ok())
}

pub(super) fn opt_date_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<Date>> {
    match row.get::<_, Option<String>>(index)? {
        None => Ok(None),
        Some(text) => parse(index, &text, |t| t.parse().ok()).map(Some),
    }
}

/// A JSON array of strings.
pub(super) fn list_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(index)?;
    parse(index, &text, |t| serde_json::from_str(t).ok())
}

pub(super) fn list_text(list: &[String]) -> String {
    serde_json::to_string(list).expect("a list of strings always serialises")
}

fn parse<T>(index: usize, text: &str, parse: impl Fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unexpected stored value {text:?}").into(),
        )
    })
}

/// Whether a row with `id` exists in `table` (a constant table name, never user text).
pub(super) fn exists(conn: &rusqlite::Connection, table: &'static str, id: &str) -> Result<bool> {
    let mut statement = conn.prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?;
    Ok(statement.exists([id])?)
}
