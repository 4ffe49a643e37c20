//! The storage side of the team exchange: capturing each write transaction's row changes,
//! applying other laptops' bundles in the hub's order, and keeping conflicts for a person.
//!
//! Capture is done by SQLite itself: once a laptop has joined a hub, every shared table gets
//! TEMP triggers (this connection's own, rebuilt from the tables' columns each time the store
//! opens, so they always match the schema) that copy each inserted, updated or deleted row into
//! `exchange_pending`, tagged with the write transaction that made it. A change therefore cannot
//! escape capture however it was written, and it is captured in the same transaction as the
//! change itself. A write outside [`Store::write`] is refused by those triggers.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

use super::Store;
use super::migrations::SCHEMA_VERSION;
use crate::error::{CoreError, Result};
use crate::exchange::{
    ConflictChoice, ConflictField, ConflictKind, ConflictView, ExchangeReport, ExchangeStatus,
    HubLink, IncomingBundle, LOCAL_HISTORY_ENTITIES, OutgoingBundle, PushOutcome, SHARED_TABLES,
    Sequencer,
};
use crate::history::HistoryAction;

/// Rows per bundle when a laptop sends what it already had on joining.
const SNAPSHOT_ROWS_PER_BUNDLE: i64 = 500;
/// Bundles asked for or sent at a time.
const BATCH: i64 = 200;

/// What the capture triggers do at this moment.
#[derive(Debug, Clone, Default)]
pub(crate) enum CaptureMode {
    /// No write transaction is open: a row written now bypasses the write path.
    #[default]
    Outside,
    /// Applying another laptop's bundle: not captured (it is already in the hub's order).
    Applying,
    /// Inside [`Store::write`]: captured under this transaction's id.
    Within(String),
}

/// The capture mode, shared with the `plenary_capture_tx()` SQL function the triggers call.
#[derive(Debug, Clone, Default)]
pub(crate) struct Capture(Arc<Mutex<CaptureMode>>);

impl Capture {
    pub fn set(&self, mode: CaptureMode) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = mode;
    }

    /// NULL outside a write, '' while applying, else the write's transaction id.
    fn current(&self) -> Option<String> {
        match &*self.0.lock().unwrap_or_else(|e| e.into_inner()) {
            CaptureMode::Outside => None,
            CaptureMode::Applying => Some(String::new()),
            CaptureMode::Within(tx) => Some(tx.clone()),
        }
    }

    pub fn register(&self, conn: &Connection) -> rusqlite::Result<()> {
        let capture = self.clone();
        // Not deterministic: its answer changes between statements.
        conn.create_scalar_function("plenary_capture_tx", 0, FunctionFlags::SQLITE_UTF8, {
            move |_| Ok(capture.current())
        })
    }
}

/// A shared table's columns and key, read from SQLite.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub table: &'static str,
    pub columns: Vec<String>,
    pub key: Vec<String>,
    /// Other column sets no two rows may share (`UNIQUE (meeting_id, number)`).
    pub unique: Vec<Vec<String>>,
    /// Rows that go when one of this table's goes (`ON DELETE CASCADE`): the child table, its
    /// column, and the column of this table it refers to.
    pub children: Vec<(&'static str, String, String)>,
    /// The references to this table's rows: the referring table, its column, and the column
    /// of this table it refers to.
    pub referenced_by: Vec<(&'static str, String, String)>,
    /// This table's references: the table referred to, this table's column, and its column.
    pub references: Vec<(&'static str, String, String)>,
}

impl Shape {
    fn json_of(&self, row: &str, columns: &[String]) -> String {
        let pairs: Vec<String> = columns
            .iter()
            .map(|c| format!("'{c}', {row}.\"{c}\""))
            .collect();
        format!("json_object({})", pairs.join(", "))
    }

    fn key_condition(&self) -> String {
        let parts: Vec<String> = self
            .key
            .iter()
            .enumerate()
            .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
            .collect();
        parts.join(" AND ")
    }
}

/// The shapes of the shared tables, by table.
pub(crate) fn shapes(conn: &Connection) -> Result<BTreeMap<&'static str, Shape>> {
    let mut shapes = BTreeMap::new();
    let mut statement = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
    let mut indexes = conn.prepare(
        "SELECT name FROM pragma_index_list(?1) WHERE \"unique\" = 1 AND origin <> 'pk'",
    )?;
    let mut index_columns =
        conn.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?;
    for &table in SHARED_TABLES {
        let columns: Vec<(String, i64)> = statement
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut shape = if table == "history" {
            // The history's `seq` is this laptop's own order of entries; its `id` is the key.
            Shape {
                table,
                columns: columns
                    .into_iter()
                    .map(|(c, _)| c)
                    .filter(|c| c != "seq")
                    .collect(),
                key: vec!["id".to_owned()],
                unique: Vec::new(),
                children: Vec::new(),
                referenced_by: Vec::new(),
                references: Vec::new(),
            }
        } else {
            let mut key: Vec<(String, i64)> =
                columns.iter().filter(|(_, pk)| *pk > 0).cloned().collect();
            key.sort_by_key(|(_, pk)| *pk);
            Shape {
                table,
                columns: columns.into_iter().map(|(c, _)| c).collect(),
                key: key.into_iter().map(|(c, _)| c).collect(),
                unique: Vec::new(),
                children: Vec::new(),
                referenced_by: Vec::new(),
                references: Vec::new(),
            }
        };
        let names: Vec<String> = indexes
            .query_map([table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for name in names {
            let set: Vec<String> = index_columns
                .query_map([&name], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if set != shape.key && set.iter().all(|c| shape.columns.contains(c)) {
                shape.unique.push(set);
            }
        }
        shapes.insert(table, shape);
    }
    let mut references = conn.prepare(
        "SELECT \"table\", \"from\", \"to\", on_delete = 'CASCADE'
         FROM pragma_foreign_key_list(?1)",
    )?;
    for &child in SHARED_TABLES {
        let links: Vec<(String, String, Option<String>, bool)> = references
            .query_map([child], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (parent, from, to, cascade) in links {
            let Some(shape) = shapes.get_mut(parent.as_str()) else {
                continue;
            };
            let to = to.unwrap_or_else(|| shape.key[0].clone());
            shape.referenced_by.push((child, from.clone(), to.clone()));
            if cascade {
                shape.children.push((child, from.clone(), to.clone()));
            }
            let parent = shape.table;
            if let Some(shape) = shapes.get_mut(child) {
                shape.references.push((parent, from, to));
            }
        }
    }
    Ok(shapes)
}

/// Creates this connection's capture triggers (TEMP: they live as long as the connection).
pub(crate) fn install_capture(conn: &Connection, shapes: &BTreeMap<&str, Shape>) -> Result<()> {
    let local_history = local_history_entities();
    let mut sql = String::new();
    for shape in shapes.values() {
        let table = shape.table;
        for (event, row, op, old, new) in [
            (
                "INSERT",
                "NEW",
                "insert",
                "NULL".to_owned(),
                shape.json_of("NEW", &shape.columns),
            ),
            (
                "UPDATE",
                "OLD",
                "update",
                shape.json_of("OLD", &shape.columns),
                shape.json_of("NEW", &shape.columns),
            ),
            (
                "DELETE",
                "OLD",
                "delete",
                shape.json_of("OLD", &shape.columns),
                "NULL".to_owned(),
            ),
        ] {
            let mut when = "coalesce(plenary_capture_tx(), 'outside') <> ''".to_owned();
            if event == "UPDATE" {
                when.push_str(&format!(" AND {old} IS NOT {new}"));
            }
            if table == "history" {
                when.push_str(&format!(" AND {row}.entity NOT IN ({local_history})"));
            }
            let key = shape.json_of(row, &shape.key);
            sql.push_str(&format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS exchange_capture_{table}_{op}
                 AFTER {event} ON main.\"{table}\" WHEN {when}
                 BEGIN
                     SELECT RAISE(ABORT, 'a change was written outside the write path')
                     WHERE plenary_capture_tx() IS NULL;
                     INSERT INTO main.exchange_pending (tx, tbl, key, op, old, new)
                     VALUES (plenary_capture_tx(), '{table}', {key}, '{op}', {old}, {new});
                 END;\n"
            ));
        }
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// One row change in a bundle.
#[derive(Debug, Clone)]
struct Op {
    table: String,
    /// The key as SQLite wrote it (a JSON object of the key columns), compared as text.
    key: String,
    old: Option<Map<String, Value>>,
    new: Option<Map<String, Value>>,
}

fn parse_ops(payload: &Value) -> Result<Vec<Op>> {
    let broken = || CoreError::Storage("a received change could not be read".to_owned());
    let ops = payload
        .get("ops")
        .and_then(Value::as_array)
        .ok_or_else(broken)?;
    ops.iter()
        .map(|op| {
            let object = |name: &str| match op.get(name) {
                Some(Value::Object(map)) => Ok(Some(map.clone())),
                Some(Value::Null) | None => Ok(None),
                Some(_) => Err(broken()),
            };
            Ok(Op {
                table: op
                    .get("t")
                    .and_then(Value::as_str)
                    .ok_or_else(broken)?
                    .to_owned(),
                key: op
                    .get("k")
                    .and_then(Value::as_str)
                    .ok_or_else(broken)?
                    .to_owned(),
                old: object("old")?,
                new: object("new")?,
            })
        })
        .collect()
}

fn sql_value(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .or_else(|| n.as_f64().map(SqlValue::Real))
            .unwrap_or(SqlValue::Null),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn parse_object(text: Option<String>) -> Result<Option<Map<String, Value>>> {
    text.map(|t| match serde_json::from_str(&t) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(CoreError::Storage(
            "a stored change could not be read".to_owned(),
        )),
    })
    .transpose()
}

/// Whether `local` already holds what `wanted` says (only the columns `wanted` names count: a
/// bundle from an older Plenary knows fewer columns).
fn holds(local: Option<&Map<String, Value>>, wanted: Option<&Map<String, Value>>) -> bool {
    match (local, wanted) {
        (None, None) => true,
        (Some(local), Some(wanted)) => wanted
            .iter()
            .all(|(k, v)| local.get(k).unwrap_or(&Value::Null) == v),
        _ => false,
    }
}

/// Reads and writes shared rows by key, generically.
struct Rows<'a> {
    conn: &'a Connection,
    shape: &'a Shape,
}

impl Rows<'_> {
    fn key_values(&self, key: &str) -> Result<Vec<SqlValue>> {
        let map = parse_object(Some(key.to_owned()))?.unwrap_or_default();
        Ok(self
            .shape
            .key
            .iter()
            .map(|c| sql_value(map.get(c).unwrap_or(&Value::Null)))
            .collect())
    }

    fn get(&self, key: &str) -> Result<Option<Map<String, Value>>> {
        let sql = format!(
            "SELECT {} FROM main.\"{}\" AS r WHERE {}",
            self.shape.json_of("r", &self.shape.columns),
            self.shape.table,
            self.shape.key_condition()
        );
        let text: Option<String> = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(self.key_values(key)?), |r| {
                r.get(0)
            })
            .optional()?;
        parse_object(text)
    }

    /// Makes the row `key` hold `value` (or not exist).
    fn put(&self, key: &str, value: Option<&Map<String, Value>>) -> Result<()> {
        let table = self.shape.table;
        let exists = self.get(key)?.is_some();
        let keys = self.key_values(key)?;
        match value {
            None if exists => {
                let sql = format!(
                    "DELETE FROM main.\"{table}\" WHERE {}",
                    self.shape.key_condition()
                );
                self.conn
                    .prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(keys))?;
            }
            None => {}
            Some(value) => {
                let columns: Vec<&String> = self
                    .shape
                    .columns
                    .iter()
                    .filter(|c| value.contains_key(c.as_str()))
                    .collect();
                let values: Vec<SqlValue> = columns
                    .iter()
                    .map(|c| sql_value(&value[c.as_str()]))
                    .collect();
                if exists {
                    let sets: Vec<String> = columns
                        .iter()
                        .enumerate()
                        .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1 + keys.len()))
                        .collect();
                    let sql = format!(
                        "UPDATE main.\"{table}\" SET {} WHERE {}",
                        sets.join(", "),
                        self.shape.key_condition()
                    );
                    self.conn
                        .prepare_cached(&sql)?
                        .execute(rusqlite::params_from_iter(keys.into_iter().chain(values)))?;
                } else {
                    let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
                    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
                    let sql = format!(
                        "INSERT INTO main.\"{table}\" ({}) VALUES ({})",
                        names.join(", "),
                        marks.join(", ")
                    );
                    self.conn
                        .prepare_cached(&sql)?
                        .execute(rusqlite::params_from_iter(values))?;
                }
            }
        }
        Ok(())
    }
}

fn has_pending(conn: &Connection, table: &str, key: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM exchange_pending WHERE tbl = ?1 AND key = ?2)",
        )?
        .query_row(params![table, key], |r| r.get(0))?)
}

fn withdraw_pending(conn: &Connection, table: &str, key: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM exchange_pending WHERE tbl = ?1 AND key = ?2")?
        .execute(params![table, key])?;
    Ok(())
}

/// Who sent a bundle, for the conflicts it causes.
struct Sender<'a> {
    author: &'a str,
    device: &'a str,
    made_at: &'a str,
}

fn record_id_of(key: &str) -> Option<String> {
    let map: Map<String, Value> = serde_json::from_str(key).ok()?;
    match map.get("id").or_else(|| map.values().next())? {
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[allow(clippy::too_many_arguments)]
fn record_conflict(
    conn: &Connection,
    table: &str,
    key: &str,
    theirs: Option<&Map<String, Value>>,
    yours: Option<&Map<String, Value>>,
    base: Option<&Map<String, Value>>,
    sender: &Sender<'_>,
    at: &str,
) -> Result<()> {
    let text = |v: Option<&Map<String, Value>>| v.map(|m| Value::Object(m.clone()).to_string());
    conn.prepare_cached(
        "INSERT INTO exchange_conflict (id, tbl, key, record_id, theirs, yours, base,
             their_author, their_device, their_at, detected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        uuid::Uuid::now_v7().to_string(),
        table,
        key,
        record_id_of(key),
        text(theirs),
        text(yours),
        text(base),
        sender.author,
        sender.device,
        sender.made_at,
        at
    ])?;
    Ok(())
}

/// Applies one bundle's row changes inside the caller's transaction; returns the number of
/// conflicts found. The hub's order decides: where this laptop changed the same row and has not
/// sent it yet, its version is kept as a conflict and the row takes the hub's.
fn apply_ops(
    conn: &Connection,
    shapes: &BTreeMap<&'static str, Shape>,
    payload: &Value,
    sender: &Sender<'_>,
    at: &str,
) -> Result<u32> {
    let mut conflicts = 0;
    let mut touched = Vec::new();
    // Whether a reference may now point at nothing; most bundles leave none, and finding that
    // out row by row is much cheaper than asking SQLite to check whole tables.
    let mut suspect = false;
    for op in parse_ops(payload)? {
        let shape = shapes.get(op.table.as_str()).ok_or_else(|| {
            CoreError::Storage(format!(
                "a received change is for an unknown table ({})",
                op.table
            ))
        })?;
        touched.push(shape.table);
        let rows = Rows { conn, shape };
        let local = rows.get(&op.key)?;
        let pending = has_pending(conn, &op.table, &op.key)?;
        if holds(local.as_ref(), op.new.as_ref()) {
            // Already as the hub has it (perhaps this laptop made the same change).
            if pending {
                withdraw_pending(conn, &op.table, &op.key)?;
            }
            continue;
        }
        if pending {
            // A change made here and not sent yet that ends where it began is no change.
            if !holds(local.as_ref(), op.old.as_ref()) {
                record_conflict(
                    conn,
                    &op.table,
                    &op.key,
                    op.new.as_ref(),
                    local.as_ref(),
                    op.old.as_ref(),
                    sender,
                    at,
                )?;
                conflicts += 1;
            }
            withdraw_pending(conn, &op.table, &op.key)?;
        }
        match &op.new {
            Some(new) => conflicts += make_room(conn, shapes, shape, &op.key, new, sender, at)?,
            None => conflicts += settle_cascade(conn, shapes, shape, &op.key, sender, at)?,
        }
        rows.put(&op.key, op.new.as_ref())?;
        suspect = suspect || may_dangle(conn, shape, local.as_ref(), op.new.as_ref())?;
    }
    if suspect || conflicts > 0 {
        conflicts += settle_references(conn, shapes, touched, sender, at)?;
    }
    Ok(conflicts)
}

/// The rows other than `key` that hold one of `row`'s unique column sets (its key and its
/// values, as JSON text).
fn clashing(
    conn: &Connection,
    shape: &Shape,
    key: &str,
    row: &Map<String, Value>,
) -> Result<Vec<(String, String)>> {
    let mut found = Vec::new();
    for columns in &shape.unique {
        let values: Vec<SqlValue> = columns
            .iter()
            .map(|c| sql_value(row.get(c).unwrap_or(&Value::Null)))
            .collect();
        if values.contains(&SqlValue::Null) {
            continue; // NULLs never clash
        }
        let condition: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("r.\"{c}\" = ?{}", i + 1))
            .collect();
        let sql = format!(
            "SELECT {}, {} FROM main.\"{}\" AS r WHERE {}",
            shape.json_of("r", &shape.key),
            shape.json_of("r", &shape.columns),
            shape.table,
            condition.join(" AND ")
        );
        let rows: Vec<(String, String)> = conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(values), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        found.extend(rows.into_iter().filter(|(other, _)| other != key));
    }
    Ok(found)
}

/// Makes room for a received row where a row made here and not sent yet holds the same unique
/// values (both laptops added item 13 to one meeting, or the same person in the same role): the
/// hub's order decides, and this laptop's row is kept as a conflict. Returns the conflicts.
fn make_room(
    conn: &Connection,
    shapes: &BTreeMap<&'static str, Shape>,
    shape: &Shape,
    key: &str,
    new: &Map<String, Value>,
    sender: &Sender<'_>,
    at: &str,
) -> Result<u32> {
    let mut conflicts = 0;
    for (other, _) in clashing(conn, shape, key, new)? {
        if !has_pending(conn, shape.table, &other)? {
            return Err(CoreError::Storage(format!(
                "a received change to {} clashes with a record this laptop already had from the hub",
                shape.table
            )));
        }
        conflicts += remove_as_conflict(conn, shapes, shape, &other, sender, at)?;
    }
    Ok(conflicts)
}

/// Gives way with a row made or changed here and not sent, which the hub's order has no room
/// for: it goes back to what the hub has (gone, if it was made here, with the rows that go with
/// it: an assignment's status steps, a record's versions), and this laptop's version is kept as
/// a conflict, so that nothing of it is sent, and nothing lost. Returns the conflicts.
fn remove_as_conflict(
    conn: &Connection,
    shapes: &BTreeMap<&'static str, Shape>,
    shape: &Shape,
    key: &str,
    sender: &Sender<'_>,
    at: &str,
) -> Result<u32> {
    let rows = Rows { conn, shape };
    let Some(row) = rows.get(key)? else {
        return Ok(0);
    };
    let hub_has = as_the_hub_has_it(conn, shape.table, key)?;
    let mut conflicts = 0;
    if hub_has.is_none() {
        for (child_shape, child_key) in cascaded(conn, shapes, shape, &row)? {
            conflicts += remove_as_conflict(conn, shapes, child_shape, &child_key, sender, at)?;
        }
    }
    record_conflict(
        conn,
        shape.table,
        key,
        hub_has.as_ref(),
        Some(&row),
        hub_has.as_ref(),
        sender,
        at,
    )?;
    withdraw_pending(conn, shape.table, key)?;
    rows.put(key, hub_has.as_ref())?;
    Ok(conflicts + 1)
}

/// The row `key` as the hub has it: as it was before the first change made here that waits to
/// go (none when it was made here). Only for a row with changes waiting.
fn as_the_hub_has_it(
    conn: &Connection,
    table: &str,
    key: &str,
) -> Result<Option<Map<String, Value>>> {
    let old: Option<Option<String>> = conn
        .prepare_cached(
            "SELECT old FROM exchange_pending WHERE tbl = ?1 AND key = ?2 ORDER BY seq LIMIT 1",
        )?
        .query_row(params![table, key], |r| r.get(0))
        .optional()?;
    parse_object(old.flatten())
}

/// Before a received deletion of `key`: rows that go with it (`ON DELETE CASCADE`) and were
/// made or changed here, unsent, are kept as conflicts rather than vanishing with it while their
/// changes still wait to go. Returns the conflicts.
fn settle_cascade(
    conn: &Connection,
    shapes: &BTreeMap<&'static str, Shape>,
    shape: &Shape,
    key: &str,
    sender: &Sender<'_>,
    at: &str,
) -> Result<u32> {
    let Some(row) = (Rows { conn, shape }).get(key)? else {
        return Ok(0);
    };
    let mut conflicts = 0;
    for (child_shape, child_key) in cascaded(conn, shapes, shape, &row)? {
        conflicts += if has_pending(conn, child_shape.table, &child_key)? {
            remove_as_conflict(conn, shapes, child_shape, &child_key, sender, at)?
        } else {
            settle_cascade(conn, shapes, child_shape, &child_key, sender, at)?
        };
    }
    Ok(conflicts)
}

/// The rows that `ON DELETE CASCADE` takes away with `row`, with their tables' shapes.
fn cascaded<'s>(
    conn: &Connection,
    shapes: &'s BTreeMap<&'static str, Shape>,
    shape: &Shape,
    row: &Map<String, Value>,
) -> Result<Vec<(&'s Shape, String)>> {
    let mut found = Vec::new();
    for (child, from, to) in &shape.children {
        let Some(child_shape) = shapes.get(child) else {
            continue;
        };
        let value = sql_value(row.get(to).unwrap_or(&Value::Null));
        let keys: Vec<String> = conn
            .prepare_cached(&format!(
                "SELECT {} FROM main.\"{child}\" AS r WHERE r.\"{from}\" = ?1",
                child_shape.json_of("r", &child_shape.key)
            ))?
            .query_map([value], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        found.extend(keys.into_iter().map(|key| (child_shape, key)));
    }
    Ok(found)
}

/// After a bundle, rows may refer to rows that are gone: something added here under a record
/// they deleted, or something they added under a record deleted here. The hub's order decides
/// again; this laptop's side becomes a conflict. Each pass settles every broken reference
/// SQLite reports; removing a row can break references to it in turn, so passes go on while
/// there are any (as many as records nest, a handful).
fn settle_references(
    conn: &Connection,
    shapes: &BTreeMap<&'static str, Shape>,
    touched: Vec<&'static str>,
    sender: &Sender<'_>,
    at: &str,
) -> Result<u32> {
    let mut conflicts = 0;
    // Only tables the bundle wrote can refer to something missing, or tables referring to them
    // (and so on: a row taken away can leave its own referrers behind). Checking those, not the
    // whole database, keeps a long first exchange from slowing down as the laptop fills up.
    let mut check = touched;
    for _ in 0..64 {
        let mut violations: Vec<(String, i64, String, i64)> = Vec::new();
        for table in referring_to(shapes, check) {
            violations.extend(
                conn.prepare_cached(
                    "SELECT \"table\", rowid, parent, fkid FROM pragma_foreign_key_check(?1)",
                )?
                .query_map([table], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
        if violations.is_empty() {
            return Ok(conflicts);
        }
        check = Vec::new();
        for (table, rowid, parent, fk) in violations {
            conflicts += settle_reference(conn, shapes, sender, at, &table, rowid, &parent, fk)?;
            for name in [&table, &parent] {
                if let Some(shape) = shapes.get(name.as_str()) {
                    check.push(shape.table);
                }
            }
        }
    }
    Err(CoreError::Storage(
        "a received change left records referring to missing ones".to_owned(),
    ))
}

/// Whether writing `new` over `before` in `shape`'s table may have left a reference to nothing:
/// one of the new row's references is missing, or a row refers to the deleted one (or to a row
/// its deletion took with it).
fn may_dangle(
    conn: &Connection,
    shape: &Shape,
    before: Option<&Map<String, Value>>,
    new: Option<&Map<String, Value>>,
) -> Result<bool> {
    let exists = |table: &str, column: &str, value: &Value| -> Result<bool> {
        Ok(conn
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM main.\"{table}\" WHERE \"{column}\" = ?1)"
            ))?
            .query_row([sql_value(value)], |r| r.get(0))?)
    };
    match (before, new) {
        (_, Some(row)) => {
            for (parent, from, to) in &shape.references {
                let value = row.get(from).unwrap_or(&Value::Null);
                if !value.is_null() && !exists(parent, to, value)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        (Some(row), None) => {
            if !shape.children.is_empty() {
                return Ok(true);
            }
            for (child, from, to) in &shape.referenced_by {
                let value = row.get(to).unwrap_or(&Value::Null);
                if !value.is_null() && exists(child, from, value)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        (None, None) => Ok(false),
    }
}

/// `tables` and every table that refers to one of them, directly or through others.
fn referring_to(
    shapes: &BTreeMap<&'static str, Shape>,
    tables: Vec<&'static str>,
) -> std::collections::BTreeSet<&'static str> {
    let mut found = std::collections::BTreeSet::new();
    let mut next = tables;
    while let Some(table) = next.pop() {
        if found.insert(table)
            && let Some(shape) = shapes.get(table)
        {
            next.extend(shape.referenced_by.iter().map(|(child, _, _)| *child));
        }
    }
    found
}

/// Settles one broken reference from `table`'s row `rowid` to `parent`, unless settling an
/// earlier one did already (the row is gone, or its parent is back). Returns the conflicts
/// recorded (0 or 1).
#[allow(clippy::too_many_arguments)]
fn settle_reference(
    conn: &Connection,
    shapes: &BTreeMap<&'static str, Shape>,
    sender: &Sender<'_>,
    at: &str,
    table: &str,
    rowid: i64,
    parent: &str,
    fk: i64,
) -> Result<u32> {
    let unsettled = || {
        CoreError::Storage(format!(
            "a received change to {table} refers to a {parent} this laptop does not have"
        ))
    };
    let shape = shapes.get(table).ok_or_else(unsettled)?;
    let parent_shape = shapes.get(parent).ok_or_else(unsettled)?;
    let row: Option<(String, String)> = conn
        .query_row(
            &format!(
                "SELECT {}, {} FROM main.\"{table}\" AS r WHERE rowid = ?1",
                shape.json_of("r", &shape.key),
                shape.json_of("r", &shape.columns)
            ),
            [rowid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((key, child_text)) = row else {
        return Ok(0);
    };
    let child = parse_object(Some(child_text))?;
    let (from, to): (String, Option<String>) = conn.query_row(
        "SELECT \"from\", \"to\" FROM pragma_foreign_key_list(?1) WHERE id = ?2",
        params![table, fk],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let to = to.unwrap_or_else(|| parent_shape.key[0].clone());
    let value = child
        .as_ref()
        .and_then(|c| c.get(&from))
        .cloned()
        .unwrap_or(Value::Null);
    let parent_there: bool = conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM main.\"{parent}\" WHERE \"{to}\" = ?1)"
        ))?
        .query_row([sql_value(&value)], |r| r.get(0))?;
    if value.is_null() || parent_there {
        return Ok(0);
    }
    if has_pending(conn, table, &key)? {
        // Added or changed here under something the hub no longer has.
        return remove_as_conflict(conn, shapes, shape, &key, sender, at);
    }
    // Theirs refers to something deleted here and not yet sent: it comes back.
    let deleted: Option<String> = conn
        .prepare_cached(
            "SELECT key FROM exchange_pending
             WHERE tbl = ?1 AND op = 'delete' AND json_extract(old, '$.' || ?2) = ?3
             ORDER BY seq DESC LIMIT 1",
        )?
        .query_row(params![parent, to, sql_value(&value)], |r| r.get(0))
        .optional()?;
    let parent_key = deleted.ok_or_else(unsettled)?;
    // As the hub has it: changes made here before the deletion did not go either.
    let restored = as_the_hub_has_it(conn, parent, &parent_key)?;
    if restored.is_none() {
        return Err(unsettled());
    }
    Rows {
        conn,
        shape: parent_shape,
    }
    .put(&parent_key, restored.as_ref())?;
    withdraw_pending(conn, parent, &parent_key)?;
    record_conflict(
        conn,
        parent,
        &parent_key,
        restored.as_ref(),
        None,
        None,
        sender,
        at,
    )?;
    Ok(1)
}

/// `WHERE` for the history's entries about local tables, which stay here; empty for others.
fn local_history_filter(table: &str) -> String {
    if table == "history" {
        format!("WHERE r.entity NOT IN ({})", local_history_entities())
    } else {
        String::new()
    }
}

fn local_history_entities() -> String {
    LOCAL_HISTORY_ENTITIES
        .iter()
        .map(|e| format!("'{e}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What people call a table's rows.
fn noun_of(table: &str) -> String {
    table.replace('_', " ")
}

/// How a person recognises a row.
fn name_of(row: Option<&Map<String, Value>>) -> Option<String> {
    let row = row?;
    [
        "title",
        "full_name",
        "name",
        "short_name",
        "symbol",
        "stage",
        "number",
    ]
    .iter()
    .find_map(|field| match row.get(*field) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// Columns a person never decides between: the row's bookkeeping.
const BOOKKEEPING: &[&str] = &["version", "updated_at", "created_at"];

impl Store {
    /// The link to the hub, if this laptop has joined one.
    pub(crate) fn link(&self) -> Result<Option<HubLink>> {
        Ok(self
            .conn
            .query_row(
                "SELECT hub_identity, hub_address, login, device_name FROM exchange_link",
                [],
                |r| {
                    Ok(HubLink {
                        identity: r.get(0)?,
                        address: r.get(1)?,
                        login: r.get(2)?,
                        device_name: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Whether this laptop exchanges with a hub (then its writes are captured).
    pub fn is_joined(&self) -> bool {
        self.joined
    }

    /// Turns capture on when the laptop has joined a hub (called when the store opens).
    pub(crate) fn start_capture_if_joined(&mut self) -> Result<()> {
        self.joined = self.link()?.is_some();
        if self.joined {
            install_capture(&self.conn, &self.shapes)?;
        }
        Ok(())
    }

    /// Joins the hub `link` describes. The first time, everything this laptop already holds is
    /// queued to go (the hub decides, row by row, where another laptop has the same row). A
    /// laptop that has exchanged with one office's hub cannot join another's.
    pub fn join_hub(&mut self, link: &HubLink) -> Result<()> {
        self.refuse_join_with_example_data()?;
        if let Some(current) = self.link()? {
            if current.identity != link.identity {
                return Err(CoreError::Exchange(format!(
                    "This laptop already exchanges with another office hub ({}). It cannot join a \
                     second one; nothing was changed. To work with this hub, use a new data \
                     folder.",
                    current.address
                )));
            }
            return self.write(|w| {
                w.conn().execute(
                    "UPDATE exchange_link SET hub_address = ?1, login = ?2, device_name = ?3",
                    params![link.address, link.login, link.device_name],
                )?;
                Ok(())
            });
        }
        let shapes = self.shapes.clone();
        self.write(|w| {
            let tx = w.conn();
            let at = w.at();
            tx.execute(
                "INSERT INTO exchange_link (id, hub_identity, hub_address, login, device_id,
                 device_name, joined_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    link.identity,
                    link.address,
                    link.login,
                    uuid::Uuid::now_v7().to_string(),
                    link.device_name,
                    at
                ],
            )?;
            // Parents before children (SHARED_TABLES is in that order), older rows first.
            for &table in SHARED_TABLES {
                let shape = &shapes[table];
                let local_only = local_history_filter(table);
                let count: i64 =
                    tx.query_row(&format!("SELECT count(*) FROM main.\"{table}\""), [], |r| {
                        r.get(0)
                    })?;
                let mut offset = 0;
                while offset < count {
                    let bundle = uuid::Uuid::now_v7().to_string();
                    tx.execute(
                        &format!(
                            "INSERT INTO exchange_pending (tx, tbl, key, op, old, new)
                         SELECT ?1, '{table}', {}, 'insert', NULL, {} FROM main.\"{table}\" AS r
                         {local_only} ORDER BY r.rowid LIMIT ?2 OFFSET ?3",
                            shape.json_of("r", &shape.key),
                            shape.json_of("r", &shape.columns)
                        ),
                        params![bundle, SNAPSHOT_ROWS_PER_BUNDLE, offset],
                    )?;
                    tx.execute(
                        "INSERT INTO exchange_pending_tx (tx, made_at) VALUES (?1, ?2)",
                        params![bundle, at],
                    )?;
                    offset += SNAPSHOT_ROWS_PER_BUNDLE;
                }
            }
            Ok(())
        })?;
        install_capture(&self.conn, &self.shapes)?;
        self.joined = true;
        Ok(())
    }

    /// Settings → Team at a glance.
    pub fn exchange_status(&self) -> Result<ExchangeStatus> {
        let count = |sql: &str| -> Result<u32> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, u32>(0))?)
        };
        let row = self
            .conn
            .query_row(
                "SELECT hub_address, hub_identity, login, device_name, last_exchanged_at, last_error
                 FROM exchange_link",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                },
            )
            .optional()?;
        let joined = row.is_some();
        let (address, identity, login, device, last, error) = match row {
            Some((a, i, l, d, last, error)) => (Some(a), Some(i), Some(l), Some(d), last, error),
            None => (None, None, None, None, None, None),
        };
        Ok(ExchangeStatus {
            joined,
            hub_address: address,
            hub_identity: identity,
            login,
            device_name: device,
            last_exchanged_at: last,
            last_error: error,
            waiting: count("SELECT count(DISTINCT tx) FROM exchange_pending")?,
            open_conflicts: count(
                "SELECT count(*) FROM exchange_conflict WHERE resolved_at IS NULL",
            )?,
            parked: count("SELECT count(*) FROM exchange_parked")?,
        })
    }

    /// The ids of `table`'s records with an open conflict, for their marks.
    pub fn conflicted_records(&self, table: &str) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT DISTINCT record_id FROM exchange_conflict
             WHERE tbl = ?1 AND resolved_at IS NULL AND record_id IS NOT NULL ORDER BY record_id",
        )?;
        Ok(statement
            .query_map([table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// One exchange with the hub: take everything new from it (in its order), then send what is
    /// waiting here, until both sides are even. See [`exchange_with`], which this is on a store
    /// held for the whole exchange.
    pub fn exchange(
        &mut self,
        hub: &mut dyn Sequencer,
        progress: &dyn Fn(&ExchangeReport) -> bool,
    ) -> Result<ExchangeReport> {
        exchange_with(&Borrowed(std::cell::RefCell::new(self)), hub, progress)
    }

    /// Notes how an exchange ended: when it finished, or why it did not.
    fn finish_exchange(&mut self, result: &Result<ExchangeReport>) -> Result<()> {
        let error = result.as_ref().err().map(ToString::to_string);
        let finished = matches!(result, Ok(report) if !report.stopped);
        self.write(|w| {
            if finished {
                w.conn().execute(
                    "UPDATE exchange_link SET last_exchanged_at = ?1, last_error = NULL",
                    [w.at()],
                )?;
            } else if let Some(error) = &error {
                w.conn()
                    .execute("UPDATE exchange_link SET last_error = ?1", [error])?;
            }
            Ok(())
        })
    }

    /// Records why an exchange could not start (the hub could not be reached), for the status.
    pub fn record_exchange_error(&mut self, message: &str) -> Result<()> {
        self.write(|w| {
            w.conn()
                .execute("UPDATE exchange_link SET last_error = ?1", [message])?;
            Ok(())
        })
    }

    fn cursor(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT cursor FROM exchange_link", [], |r| r.get(0))?)
    }

    /// Takes one bundle from the hub: applies it (or recognises it as this laptop's own, or
    /// keeps it for a newer Plenary) and moves the place in the hub's order past it.
    fn take(&mut self, bundle: IncomingBundle, report: &mut ExchangeReport) -> Result<()> {
        let shapes = std::mem::take(&mut self.shapes);
        let result = self.write_received(|tx, at| {
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM exchange_applied WHERE bundle_id = ?1)",
                [&bundle.bundle_id],
                |r| r.get(0),
            )?;
            let ours: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM exchange_pending_tx WHERE tx = ?1)",
                [&bundle.bundle_id],
                |r| r.get(0),
            )?;
            let mut outcome = (0, 0, 0);
            if known {
            } else if ours {
                // Sent earlier, but the reply was lost: it is in the hub's order now.
                tx.execute(
                    "DELETE FROM exchange_pending WHERE tx = ?1",
                    [&bundle.bundle_id],
                )?;
                tx.execute(
                    "DELETE FROM exchange_pending_tx WHERE tx = ?1",
                    [&bundle.bundle_id],
                )?;
            } else if bundle.schema_version > SCHEMA_VERSION {
                tx.execute(
                    "INSERT OR IGNORE INTO exchange_parked (seq, bundle_id, device, author,
                         schema_version, made_at, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        bundle.seq,
                        bundle.bundle_id,
                        bundle.device,
                        bundle.author,
                        bundle.schema_version,
                        bundle.made_at,
                        bundle.payload.to_string()
                    ],
                )?;
                outcome.2 = 1;
            } else {
                let sender = Sender {
                    author: &bundle.author,
                    device: &bundle.device,
                    made_at: &bundle.made_at,
                };
                outcome.1 = apply_ops(tx, &shapes, &bundle.payload, &sender, at)?;
                outcome.0 = 1;
            }
            if !known {
                tx.execute(
                    "INSERT INTO exchange_applied (bundle_id, seq, applied_at) VALUES (?1, ?2, ?3)",
                    params![bundle.bundle_id, bundle.seq, at],
                )?;
            }
            tx.execute(
                "UPDATE exchange_link SET cursor = max(cursor, ?1)",
                [bundle.seq],
            )?;
            Ok(outcome)
        });
        self.shapes = shapes;
        let (received, conflicts, parked) = result?;
        report.received += received;
        report.new_conflicts += conflicts;
        report.parked += parked;
        Ok(())
    }

    /// Applies bundles kept for a newer Plenary that this one now understands.
    fn apply_parked(&mut self, report: &mut ExchangeReport) -> Result<()> {
        let parked: Vec<IncomingBundle> = self
            .conn
            .prepare(
                "SELECT seq, bundle_id, device, author, schema_version, made_at, payload
                 FROM exchange_parked WHERE schema_version <= ?1 ORDER BY seq",
            )?
            .query_map([SCHEMA_VERSION], |r| {
                Ok(IncomingBundle {
                    seq: r.get(0)?,
                    bundle_id: r.get(1)?,
                    device: r.get(2)?,
                    author: r.get(3)?,
                    schema_version: r.get(4)?,
                    made_at: r.get(5)?,
                    payload: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or(Value::Null),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let shapes = std::mem::take(&mut self.shapes);
        for bundle in parked {
            let result = self.write_received(|tx, at| {
                let sender = Sender {
                    author: &bundle.author,
                    device: &bundle.device,
                    made_at: &bundle.made_at,
                };
                let conflicts = apply_ops(tx, &shapes, &bundle.payload, &sender, at)?;
                tx.execute("DELETE FROM exchange_parked WHERE seq = ?1", [bundle.seq])?;
                Ok(conflicts)
            });
            match result {
                Ok(conflicts) => {
                    report.received += 1;
                    report.new_conflicts += conflicts;
                }
                Err(error) => {
                    self.shapes = shapes;
                    return Err(error);
                }
            }
        }
        self.shapes = shapes;
        Ok(())
    }

    /// The bundles waiting to go, oldest first (at most one batch).
    fn outgoing(&self, link: &HubLink) -> Result<Vec<OutgoingBundle>> {
        // A row made here and deleted here, before any of it went, is nothing to send; and
        // sending it could not work if what it belonged to has been deleted elsewhere meanwhile.
        self.conn.execute(
            "DELETE FROM exchange_pending WHERE (tbl, key) IN (
                 SELECT tbl, key FROM exchange_pending GROUP BY tbl, key
                 HAVING min(seq) = min(CASE WHEN op = 'insert' THEN seq END)
                    AND max(seq) = max(CASE WHEN op = 'delete' THEN seq END))",
            [],
        )?;
        self.conn.execute(
            "DELETE FROM exchange_pending_tx WHERE tx NOT IN (SELECT tx FROM exchange_pending)",
            [],
        )?;
        let txs: Vec<(String, Option<String>)> = self
            .conn
            .prepare(
                "SELECT p.tx, t.made_at FROM exchange_pending AS p
                 LEFT JOIN exchange_pending_tx AS t ON t.tx = p.tx
                 GROUP BY p.tx ORDER BY min(p.seq) LIMIT ?1",
            )?
            .query_map([BATCH], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // The bundle's operations, as JSON, in the order they were made.
        let mut ops = self.conn.prepare_cached(
            "SELECT json_group_array(json_object('t', tbl, 'k', key, 'op', op,
                 'old', json(old), 'new', json(new)))
             FROM (SELECT * FROM exchange_pending WHERE tx = ?1 ORDER BY seq)",
        )?;
        let mut bundles = Vec::with_capacity(txs.len());
        for (tx, made_at) in txs {
            let list: String = ops.query_row([&tx], |r| r.get(0))?;
            let list: Value = serde_json::from_str(&list)
                .map_err(|_| CoreError::Storage("a waiting change could not be read".to_owned()))?;
            bundles.push(OutgoingBundle {
                bundle_id: tx,
                device: link.device_name.clone(),
                schema_version: SCHEMA_VERSION,
                made_at: made_at.unwrap_or_default(),
                payload: serde_json::json!({ "ops": list }),
            });
        }
        Ok(bundles)
    }

    /// The hub took these bundles: they are no longer waiting. When they were placed right after
    /// `base` (nobody else in between), the place in the order moves past them.
    fn confirm_sent(&mut self, base: i64, placed: &[(String, i64)]) -> Result<()> {
        self.write(|w| {
            let tx = w.conn();
            for (bundle, seq) in placed {
                tx.execute("DELETE FROM exchange_pending WHERE tx = ?1", [bundle])?;
                tx.execute("DELETE FROM exchange_pending_tx WHERE tx = ?1", [bundle])?;
                tx.execute(
                    "INSERT OR IGNORE INTO exchange_applied (bundle_id, seq, applied_at)
                     VALUES (?1, ?2, ?3)",
                    params![bundle, seq, w.at()],
                )?;
            }
            let contiguous = placed
                .iter()
                .enumerate()
                .all(|(i, (_, seq))| *seq == base + 1 + i as i64);
            if contiguous && let Some((_, last)) = placed.last() {
                tx.execute("UPDATE exchange_link SET cursor = max(cursor, ?1)", [last])?;
            }
            Ok(())
        })
    }

    /// Documents' files this laptop holds and has not sent to the hub yet (they go beside the
    /// bundles that carry the documents), with where each is.
    pub fn files_to_send(&self) -> Result<Vec<(String, std::path::PathBuf)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT DISTINCT sha256 FROM document
             WHERE sha256 NOT IN (SELECT sha256 FROM exchange_file_sent) ORDER BY sha256",
        )?;
        let hashes: Vec<String> = statement
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(hashes
            .into_iter()
            .map(|sha256| {
                let path = self.file_path(&sha256);
                (sha256, path)
            })
            .filter(|(_, path)| path.is_file())
            .collect())
    }

    /// Notes that the hub has these files.
    pub fn mark_files_sent(&mut self, sha256s: &[String]) -> Result<()> {
        self.write(|w| {
            for sha256 in sha256s {
                w.conn().execute(
                    "INSERT OR IGNORE INTO exchange_file_sent (sha256, sent_at) VALUES (?1, ?2)",
                    params![sha256, w.at()],
                )?;
            }
            Ok(())
        })
    }

    /// Documents' files named by records here that are not in the data folder (they came from
    /// another laptop), by SHA-256.
    pub fn missing_files(&self) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT DISTINCT sha256 FROM document ORDER BY sha256")?;
        let hashes: Vec<String> = statement
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(hashes
            .into_iter()
            .filter(|sha256| !self.file_path(sha256).is_file())
            .collect())
    }

    /// Keeps a file received from the hub, checking that its bytes are the ones named.
    pub fn receive_file(&mut self, sha256: &str, bytes: &[u8]) -> Result<()> {
        let stored = self.store_file(bytes)?;
        if stored.sha256 != sha256 {
            return Err(CoreError::Exchange(format!(
                "A file received from the hub is not the one asked for ({sha256}); it was not \
                 kept."
            )));
        }
        // It came from the hub: nothing to send back.
        self.mark_files_sent(&[stored.sha256])
    }

    /// The open conflicts, oldest first.
    pub fn conflicts(&self) -> Result<Vec<ConflictView>> {
        let mut statement = self.conn.prepare(
            "SELECT id, tbl, record_id, theirs, yours, their_author, their_device, their_at,
                 detected_at FROM exchange_conflict WHERE resolved_at IS NULL ORDER BY detected_at, id",
        )?;
        let rows: Vec<_> = statement
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(
                |(id, table, record_id, theirs, yours, author, device, their_at, detected)| {
                    let theirs = parse_object(theirs)?;
                    let yours = parse_object(yours)?;
                    let kind = match (&theirs, &yours) {
                        (None, _) => ConflictKind::TheyDeleted,
                        (_, None) => ConflictKind::YouDeleted,
                        _ => ConflictKind::BothChanged,
                    };
                    let mut names: Vec<&String> = theirs
                        .iter()
                        .chain(yours.iter())
                        .flat_map(|m| m.keys())
                        .filter(|k| !BOOKKEEPING.contains(&k.as_str()))
                        .collect();
                    names.sort();
                    names.dedup();
                    let value = |m: &Option<Map<String, Value>>, k: &str| {
                        m.as_ref()
                            .and_then(|m| m.get(k))
                            .cloned()
                            .unwrap_or(Value::Null)
                    };
                    let fields = names
                        .into_iter()
                        .filter(|k| value(&theirs, k) != value(&yours, k))
                        .map(|k| ConflictField {
                            field: k.clone(),
                            theirs: value(&theirs, k),
                            yours: value(&yours, k),
                        })
                        .collect();
                    Ok(ConflictView {
                        id,
                        noun: noun_of(&table),
                        record_name: name_of(theirs.as_ref())
                            .or_else(|| name_of(yours.as_ref()))
                            .unwrap_or_else(|| format!("a {}", noun_of(&table))),
                        entity: table,
                        record_id,
                        kind,
                        fields,
                        their_author: author,
                        their_device: device,
                        their_at,
                        detected_at: detected,
                    })
                },
            )
            .collect()
    }

    /// Decides a conflict. Keeping this laptop's version, or an edit, is a new change that every
    /// laptop receives; keeping theirs changes nothing but the conflict.
    pub fn resolve_conflict(&mut self, id: &str, choice: &ConflictChoice) -> Result<()> {
        let shapes = std::mem::take(&mut self.shapes);
        let result = self.write(|w| {
            let conflict: Option<(String, String, Option<String>, Option<String>)> = w
                .conn()
                .query_row(
                    "SELECT tbl, key, record_id, yours FROM exchange_conflict
                     WHERE id = ?1 AND resolved_at IS NULL",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let (table, key, record_id, yours) =
                conflict.ok_or(CoreError::NotFound { entity: "conflict" })?;
            let shape = shapes
                .get(table.as_str())
                .ok_or(CoreError::NotFound { entity: "conflict" })?;
            let rows = Rows {
                conn: w.conn(),
                shape,
            };
            let current = rows.get(&key)?;
            let bump = |mut row: Map<String, Value>| {
                // Past both versions: a record put back after a deletion must not take a version
                // it had before, or an editor still holding that one would save over it.
                let version = |r: Option<&Map<String, Value>>| {
                    r.and_then(|r| r.get("version"))
                        .and_then(Value::as_i64)
                        .unwrap_or(0)
                };
                let next = version(current.as_ref()).max(version(Some(&row))) + 1;
                if row.contains_key("version") {
                    row.insert("version".to_owned(), Value::from(next));
                }
                if row.contains_key("updated_at") {
                    row.insert("updated_at".to_owned(), Value::from(w.at()));
                }
                row
            };
            let (target, resolution) = match choice {
                ConflictChoice::Theirs => (current.clone(), "theirs"),
                ConflictChoice::Yours => (parse_object(yours)?.map(bump), "yours"),
                ConflictChoice::Edited { fields } => {
                    let mut row = current.clone().ok_or_else(|| {
                        CoreError::validation(
                            "choice",
                            "This record was deleted on the other laptop: keep it deleted or put \
                             your version back.",
                        )
                    })?;
                    for (field, value) in fields {
                        if !shape.columns.contains(field)
                            || shape.key.contains(field)
                            || BOOKKEEPING.contains(&field.as_str())
                            || !matches!(value, Value::String(_) | Value::Null)
                        {
                            return Err(CoreError::validation(
                                "fields",
                                format!("“{field}” cannot be set when deciding a conflict."),
                            ));
                        }
                        row.insert(field.clone(), value.clone());
                    }
                    (Some(bump(row)), "edited")
                }
            };
            if target != current {
                if let Some(row) = &target
                    && !clashing(w.conn(), shape, &key, row)?.is_empty()
                {
                    return Err(CoreError::validation(
                        "choice",
                        format!(
                            "The other laptop's {} now holds the same place (the same number, or \
                             the same person and role). Keep theirs, then change it or add yours \
                             again.",
                            noun_of(&table)
                        ),
                    ));
                }
                rows.put(&key, target.as_ref())?;
                let action = match (&current, &target) {
                    (None, _) => HistoryAction::Create,
                    (_, None) => HistoryAction::Delete,
                    _ => HistoryAction::Update,
                };
                w.history(
                    &table,
                    record_id.as_deref().unwrap_or_default(),
                    action,
                    current.as_ref(),
                    target.as_ref(),
                )?;
            }
            w.conn().execute(
                "UPDATE exchange_conflict SET resolved_at = ?1, resolution = ?2 WHERE id = ?3",
                params![w.at(), resolution, id],
            )?;
            Ok(())
        });
        self.shapes = shapes;
        result
    }

    /// Every shared row, table by table in key order, without this laptop's own bookkeeping:
    /// two laptops that have exchanged everything and decided every conflict hold the same.
    pub fn shared_record(&self) -> Result<BTreeMap<String, Vec<Value>>> {
        let mut record = BTreeMap::new();
        for shape in self.shapes.values() {
            let order: Vec<String> = shape.key.iter().map(|c| format!("r.\"{c}\"")).collect();
            let sql = format!(
                "SELECT {} FROM main.\"{}\" AS r {} ORDER BY {}",
                shape.json_of("r", &shape.columns),
                shape.table,
                local_history_filter(shape.table),
                order.join(", ")
            );
            let rows: Vec<Value> = self
                .conn
                .prepare(&sql)?
                .query_map([], |r| r.get::<_, String>(0))?
                .map(|text| {
                    let text = text?;
                    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
                })
                .collect::<rusqlite::Result<_>>()?;
            record.insert(shape.table.to_owned(), rows);
        }
        Ok(record)
    }
}

/// Lends the exchange the store one step at a time (a bundle applied, a batch gathered), so that
/// between steps — while bundles travel to and from the hub — the store is free and the window
/// keeps working.
pub trait StoreAccess {
    fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T;
}

impl StoreAccess for std::sync::Mutex<Store> {
    fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T {
        // A panic inside a transaction rolls it back as it unwinds: the store behind a poisoned
        // lock is still consistent.
        work(&mut self.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}

/// A store held for the whole exchange.
struct Borrowed<'s>(std::cell::RefCell<&'s mut Store>);

impl StoreAccess for Borrowed<'_> {
    fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T {
        work(&mut self.0.borrow_mut())
    }
}

/// One exchange with the hub: take everything new from it (in its order), then send what is
/// waiting here, until both sides are even. Each received bundle is applied and the place in
/// the hub's order moved in one transaction, so an exchange cut off at any moment resumes with
/// nothing applied twice and nothing skipped. `progress` sees the report so far between bundles
/// and answers whether to stop there. The store is taken only for each step, never while the
/// hub is asked.
pub fn exchange_with(
    store: &impl StoreAccess,
    hub: &mut dyn Sequencer,
    progress: &dyn Fn(&ExchangeReport) -> bool,
) -> Result<ExchangeReport> {
    let result = exchange_until_even(store, hub, progress);
    store.with_store(|s| s.finish_exchange(&result))?;
    result
}

fn exchange_until_even(
    store: &impl StoreAccess,
    hub: &mut dyn Sequencer,
    progress: &dyn Fn(&ExchangeReport) -> bool,
) -> Result<ExchangeReport> {
    let link = store.with_store(|s| s.link())?.ok_or_else(|| {
        CoreError::Exchange("This laptop has not joined the office hub yet.".to_owned())
    })?;
    let mut report = ExchangeReport::default();
    store.with_store(|s| s.apply_parked(&mut report))?;
    loop {
        loop {
            if progress(&report) {
                report.stopped = true;
                return Ok(report);
            }
            let cursor = store.with_store(|s| s.cursor())?;
            let batch = hub.pull(cursor, BATCH).map_err(CoreError::Exchange)?;
            if batch.is_empty() {
                break;
            }
            for bundle in batch {
                store.with_store(|s| s.take(bundle, &mut report))?;
                if progress(&report) {
                    report.stopped = true;
                    return Ok(report);
                }
            }
        }
        let (base, outgoing) =
            store.with_store(|s| Ok::<_, CoreError>((s.cursor()?, s.outgoing(&link)?)))?;
        if outgoing.is_empty() {
            return Ok(report);
        }
        match hub.push(base, &outgoing).map_err(CoreError::Exchange)? {
            PushOutcome::Behind => continue,
            PushOutcome::Sent(placed) => {
                report.sent += u32::try_from(placed.len()).unwrap_or(u32::MAX);
                store.with_store(|s| s.confirm_sent(base, &placed))?;
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests;
