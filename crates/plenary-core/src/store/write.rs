//! The one write path. Every row is created, changed or deleted here: [`Store::write`] opens an
//! IMMEDIATE transaction with one timestamp from the store's clock, and its [`Writer`] creates,
//! updates and deletes [`Stored`] records — reading the row at the version the person saw,
//! refusing a delete that other rows still refer to (found from the schema's own foreign keys, so
//! the check cannot drift from the tables), recording what a delete cascades to, and appending
//! the history entry — all in that one transaction.

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::Store;
use crate::error::{CoreError, Result};
use crate::history::{self, HistoryAction};

/// A kind of record kept in one table, with an `id`, a `version` and an `updated_at`.
pub(crate) trait Stored: Serialize + Sized {
    /// The table, which is also the record's key in the history ("policy_document").
    const TABLE: &'static str;
    /// What a person calls one, for messages ("agenda item").
    const NOUN: &'static str;
    fn id(&self) -> &str;
    fn version(&self) -> u32;
    /// How a person recognises this record in a message ("Item 14.3", "WHA77").
    fn named(&self) -> String;
    fn read(conn: &Connection, id: &str) -> Result<Option<Self>>;
}

/// A [`Stored`] record whose whole row the write path inserts and rewrites.
pub(crate) trait Writable: Stored {
    fn insert(&self, conn: &Connection) -> Result<()>;
    /// Rewrites the row with this record's id (the version was checked before).
    fn rewrite(&self, conn: &Connection) -> Result<()>;
    /// Sets the next version and `updated_at`.
    fn bump(&mut self, at: &str);
}

/// Implements [`Stored`] for a record type with `id` and `version` fields:
/// `stored!(Meeting, "meeting", "meeting", find, |m| m.fields.title.clone());`
macro_rules! stored {
    ($type:ty, $table:expr, $noun:expr, $read:expr, |$record:ident| $named:expr) => {
        impl $crate::store::Stored for $type {
            const TABLE: &'static str = $table;
            const NOUN: &'static str = $noun;
            fn id(&self) -> &str {
                &self.id
            }
            fn version(&self) -> u32 {
                self.version
            }
            fn named(&self) -> String {
                let $record = self;
                $named
            }
            fn read(conn: &rusqlite::Connection, id: &str) -> $crate::error::Result<Option<Self>> {
                $read(conn, id)
            }
        }
    };
}
pub(crate) use stored;

/// The bookkeeping half of [`Writable`]: every record has `version` and `updated_at`.
macro_rules! bump_bookkeeping {
    () => {
        fn bump(&mut self, at: &str) {
            self.version += 1;
            self.updated_at = at.to_owned();
        }
    };
}
pub(crate) use bump_bookkeeping;

/// Implements [`Writable`] for a record type whose whole row one function writes, inserting or
/// rewriting it: `writable_by!(Organization, write_organization);` for
/// `fn write_organization(conn: &Connection, o: &Organization, insert: bool) -> Result<()>`.
macro_rules! writable_by {
    ($type:ty, $write:expr) => {
        impl $crate::store::Writable for $type {
            fn insert(&self, conn: &rusqlite::Connection) -> $crate::error::Result<()> {
                $write(conn, self, true)
            }
            fn rewrite(&self, conn: &rusqlite::Connection) -> $crate::error::Result<()> {
                $write(conn, self, false)
            }
            $crate::store::bump_bookkeeping!();
        }
    };
}
pub(crate) use writable_by;

/// Where "now" comes from: the system clock, or a fixed instant (tests, imports).
#[derive(Debug, Clone, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(jiff::Timestamp),
}

impl Clock {
    pub fn timestamp(&self) -> jiff::Timestamp {
        match self {
            Clock::System => jiff::Timestamp::now(),
            Clock::Fixed(at) => *at,
        }
    }

    /// RFC 3339 UTC with milliseconds, as every stored timestamp.
    pub fn now(&self) -> String {
        super::rfc3339_millis(self.timestamp())
    }

    /// Today's date where this computer is.
    pub fn today(&self) -> jiff::civil::Date {
        self.timestamp()
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .date()
    }
}

/// One write in progress: the transaction and its timestamp.
pub(crate) struct Writer<'a> {
    tx: Transaction<'a>,
    at: String,
    references: &'a References,
}

impl Store {
    /// Runs `work` in one IMMEDIATE transaction (so a concurrent writer waits instead of failing
    /// half-way) and commits it; an error rolls everything back.
    pub(crate) fn write<T>(&mut self, work: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let at = self.clock.now();
        // The transaction's id tags the row changes the exchange captures (its bundle's id).
        let bundle = uuid::Uuid::now_v7().to_string();
        self.capture
            .set(super::exchange::CaptureMode::Within(bundle.clone()));
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let writer = Writer {
                tx,
                at,
                references: &self.references,
            };
            let value = work(&writer)?;
            if self.joined {
                writer.tx.execute(
                    "INSERT INTO exchange_pending_tx (tx, made_at)
                     SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM exchange_pending WHERE tx = ?1)",
                    params![bundle, writer.at],
                )?;
            }
            writer.tx.commit()?;
            Ok(value)
        })();
        self.capture.set(super::exchange::CaptureMode::Outside);
        result
    }
}

impl Store {
    /// The one other way rows change: applying a bundle another laptop made, in the hub's
    /// order. One IMMEDIATE transaction like [`Store::write`], with its timestamp, but not
    /// captured for the exchange (the bundle is already in the hub's order) and with foreign
    /// keys checked when the whole bundle is in.
    pub(crate) fn write_received<T>(
        &mut self,
        work: impl FnOnce(&Connection, &str) -> Result<T>,
    ) -> Result<T> {
        let at = self.clock.now();
        self.capture.set(super::exchange::CaptureMode::Applying);
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.pragma_update(None, "defer_foreign_keys", "ON")?;
            let value = work(&tx, &at)?;
            tx.commit()?;
            Ok(value)
        })();
        self.capture.set(super::exchange::CaptureMode::Outside);
        result
    }
}

impl Writer<'_> {
    /// The transaction's connection, for reads and the few writes that are not whole records.
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    /// This write's timestamp.
    pub fn at(&self) -> &str {
        &self.at
    }

    /// Stores a new record and its history entry.
    pub fn create<R: Writable>(&self, record: &R) -> Result<()> {
        record
            .insert(&self.tx)
            .map_err(|e| missing_reference(e, R::NOUN))?;
        self.history(
            R::TABLE,
            record.id(),
            HistoryAction::Create,
            None,
            Some(record),
        )
    }

    /// The record `id` as the person saw it: not found, or a conflict when its version moved on.
    pub fn read_at<R: Stored>(&self, id: &str, expected_version: u32) -> Result<R> {
        let record = R::read(&self.tx, id)?.ok_or(CoreError::NotFound { entity: R::NOUN })?;
        if record.version() != expected_version {
            return Err(CoreError::Conflict { entity: R::NOUN });
        }
        Ok(record)
    }

    /// Changes record `id`, read at `expected_version`, with `change`. A change that leaves every
    /// field as it was writes nothing (no new version, no history entry).
    pub fn update<R: Writable>(
        &self,
        id: &str,
        expected_version: u32,
        change: impl FnOnce(&R) -> Result<R>,
    ) -> Result<R> {
        let before = self.read_at::<R>(id, expected_version)?;
        let after = change(&before)?;
        if json(&after) == json(&before) {
            return Ok(before);
        }
        self.replace(&before, after)
    }

    /// Writes `after` as the next version of `before` (read in this write) with its history
    /// entry, whatever changed: for a change decided from the record already read, and for a
    /// record whose derived fields are written again even when they come out the same.
    pub fn replace<R: Writable>(&self, before: &R, mut after: R) -> Result<R> {
        after.bump(&self.at);
        after
            .rewrite(&self.tx)
            .map_err(|e| missing_reference(e, R::NOUN))?;
        self.history(
            R::TABLE,
            before.id(),
            HistoryAction::Update,
            Some(before),
            Some(&after),
        )?;
        Ok(after)
    }

    /// Deletes record `id`, read at `expected_version`, unless other rows still refer to it (the
    /// message names them). Rows the schema deletes with it (`ON DELETE CASCADE`) get history
    /// entries of their own.
    pub fn delete<R: Stored>(&self, id: &str, expected_version: u32) -> Result<R> {
        let before = self.read_at::<R>(id, expected_version)?;
        self.refuse_if_referenced(R::TABLE, id, &before.named())?;
        self.record_cascade(R::TABLE, id)?;
        let mut statement = self
            .tx
            .prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", R::TABLE))?;
        statement
            .execute([id])
            .map_err(|e| still_referenced(e, &before.named()))?;
        self.history(R::TABLE, id, HistoryAction::Delete, Some(&before), None)?;
        Ok(before)
    }

    /// Deletes row `id` of `table` as it reads now, for a removal decided from what the rows
    /// are rather than from a version a person saw (the example data); refused like
    /// [`Writer::delete`] while other rows refer to it, with its history entry.
    pub fn delete_row(&self, table: &str, id: &str, named: &str) -> Result<()> {
        if !crate::exchange::SHARED_TABLES.contains(&table) {
            return Err(CoreError::NotFound { entity: "record" });
        }
        let (_, before) = rows_as_json(&self.tx, table, "id", id)?
            .into_iter()
            .next()
            .ok_or(CoreError::NotFound { entity: "record" })?;
        self.refuse_if_referenced(table, id, named)?;
        self.record_cascade(table, id)?;
        self.tx
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])
            .map_err(|e| still_referenced(e, named))?;
        self.history(table, id, HistoryAction::Delete, Some(&before), None)
    }

    /// The foreign keys that refer to `table` (a merge moves them all).
    pub fn references_to(&self, table: &str) -> &[Reference] {
        self.references.to(table)
    }

    /// Appends a history entry for a change written by hand (derived fields, child rows).
    pub fn history<T: Serialize>(
        &self,
        entity: &str,
        entity_id: &str,
        action: HistoryAction,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<()> {
        history::record(&self.tx, entity, entity_id, action, before, after, &self.at)
    }

    /// Fails with [`CoreError::InUse`] naming what still refers to row `id` of `table`.
    fn refuse_if_referenced(&self, table: &str, id: &str, named: &str) -> Result<()> {
        let mut held: BTreeMap<&str, (i64, &Noun)> = BTreeMap::new();
        for reference in self.references.to(table) {
            if reference.cascades {
                continue;
            }
            let mut statement = self.tx.prepare_cached(&format!(
                "SELECT count(*) FROM {} WHERE {} = ?1",
                reference.table, reference.column
            ))?;
            let count: i64 = statement.query_row([id], |row| row.get(0))?;
            if count > 0 {
                let noun = noun_of(&reference.table, &reference.column);
                held.entry(noun.one).or_insert((0, noun)).0 += count;
            }
        }
        if held.is_empty() {
            return Ok(());
        }
        let parts: Vec<String> = held
            .values()
            .map(|(count, noun)| {
                format!("{count} {}", if *count == 1 { noun.one } else { noun.many })
            })
            .collect();
        Err(CoreError::InUse(format!(
            "{named} has {}. Move or delete them first; nothing was deleted.",
            join_and(&parts)
        )))
    }

    /// History entries for the rows a delete of row `id` in `table` cascades to (and theirs).
    fn record_cascade(&self, table: &str, id: &str) -> Result<()> {
        for reference in self.references.to(table) {
            if !reference.cascades {
                continue;
            }
            let rows = rows_as_json(&self.tx, &reference.table, &reference.column, id)?;
            for (row_id, row) in rows {
                if let Some(own_id) = row.get("id").and_then(|v| v.as_str()) {
                    self.record_cascade(&reference.table, own_id)?;
                }
                self.history(
                    &reference.table,
                    &row_id,
                    HistoryAction::Delete,
                    Some(&row),
                    None,
                )?;
            }
        }
        Ok(())
    }
}

/// One foreign key: `table.column` refers to the parent table's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    pub table: String,
    pub column: String,
    /// `ON DELETE CASCADE`: the row goes with its parent.
    pub cascades: bool,
}

/// Every foreign key of the schema, by the table it refers to; read from SQLite when the store
/// opens, so what a delete checks is always what the tables say.
#[derive(Debug, Default)]
pub(crate) struct References {
    by_parent: BTreeMap<String, Vec<Reference>>,
}

impl References {
    pub fn read(conn: &Connection) -> Result<References> {
        let mut references = References::default();
        let mut tables = conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )?;
        let names: Vec<String> = tables
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in names {
            let mut keys = conn.prepare(
                "SELECT \"table\", \"from\", on_delete FROM pragma_foreign_key_list(?1) ORDER BY id",
            )?;
            let found = keys.query_map([&table], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?;
            for key in found {
                let (parent, column, on_delete) = key?;
                references
                    .by_parent
                    .entry(parent)
                    .or_default()
                    .push(Reference {
                        table: table.clone(),
                        column,
                        cascades: on_delete.eq_ignore_ascii_case("CASCADE"),
                    });
            }
        }
        Ok(references)
    }

    /// The foreign keys that refer to `table`.
    pub fn to(&self, table: &str) -> &[Reference] {
        self.by_parent.get(table).map_or(&[], Vec::as_slice)
    }

    /// Every foreign key, as (parent table, reference).
    #[cfg(test)]
    pub fn all(&self) -> impl Iterator<Item = (&str, &Reference)> {
        self.by_parent
            .iter()
            .flat_map(|(parent, refs)| refs.iter().map(move |r| (parent.as_str(), r)))
    }
}

/// What people call the rows of a table, singular and plural.
#[derive(Debug)]
pub(crate) struct Noun {
    pub one: &'static str,
    pub many: &'static str,
}

/// Nouns for the rows that can refer to others, by table (and column where one table refers in
/// two ways). A test fails when a table that refers to another has none.
const NOUNS: &[(&str, &str, Noun)] = &[
    (
        "meeting",
        "parent_id",
        Noun {
            one: "meeting held within it",
            many: "meetings held within it",
        },
    ),
    (
        "meeting",
        "",
        Noun {
            one: "meeting",
            many: "meetings",
        },
    ),
    (
        "body",
        "",
        Noun {
            one: "body under it",
            many: "bodies under it",
        },
    ),
    (
        "agenda_item",
        "",
        Noun {
            one: "agenda item",
            many: "agenda items",
        },
    ),
    (
        "session",
        "",
        Noun {
            one: "session",
            many: "sessions",
        },
    ),
    (
        "session_agenda_item",
        "",
        Noun {
            one: "session listing it",
            many: "sessions listing it",
        },
    ),
    (
        "record",
        "",
        Noun {
            one: "record",
            many: "records",
        },
    ),
    (
        "record_version",
        "",
        Noun {
            one: "record version",
            many: "record versions",
        },
    ),
    (
        "action_item",
        "",
        Noun {
            one: "action item",
            many: "action items",
        },
    ),
    (
        "document",
        "",
        Noun {
            one: "document",
            many: "documents",
        },
    ),
    (
        "interaction",
        "",
        Noun {
            one: "log entry",
            many: "log entries",
        },
    ),
    (
        "person",
        "",
        Noun {
            one: "person",
            many: "people",
        },
    ),
    (
        "person_travel",
        "",
        Noun {
            one: "set of travel details",
            many: "sets of travel details",
        },
    ),
    (
        "country_note",
        "",
        Noun {
            one: "country note",
            many: "country notes",
        },
    ),
    (
        "seat",
        "",
        Noun {
            one: "seat",
            many: "seats",
        },
    ),
    (
        "term",
        "",
        Noun {
            one: "term",
            many: "terms",
        },
    ),
    (
        "delegation",
        "focal_point_id",
        Noun {
            one: "delegation naming them focal point",
            many: "delegations naming them focal point",
        },
    ),
    (
        "delegation",
        "",
        Noun {
            one: "delegation",
            many: "delegations",
        },
    ),
    (
        "assignment",
        "",
        Noun {
            one: "delegate assignment",
            many: "delegate assignments",
        },
    ),
    (
        "status_change",
        "",
        Noun {
            one: "status change",
            many: "status changes",
        },
    ),
    (
        "policy_document",
        "",
        Noun {
            one: "policy document",
            many: "policy documents",
        },
    ),
    (
        "policy_action",
        "superseded_by_id",
        Noun {
            one: "history action superseded by it",
            many: "history actions superseded by it",
        },
    ),
    (
        "policy_action",
        "",
        Noun {
            one: "history action",
            many: "history actions",
        },
    ),
    (
        "policy_position",
        "",
        Noun {
            one: "position",
            many: "positions",
        },
    ),
    (
        "policy_vote",
        "",
        Noun {
            one: "vote",
            many: "votes",
        },
    ),
    (
        "statement",
        "",
        Noun {
            one: "statement",
            many: "statements",
        },
    ),
    (
        "proposal",
        "",
        Noun {
            one: "proposal",
            many: "proposals",
        },
    ),
    (
        "proposal_step",
        "",
        Noun {
            one: "proposal step",
            many: "proposal steps",
        },
    ),
    (
        "policy_link",
        "",
        Noun {
            one: "link",
            many: "links",
        },
    ),
    (
        "policy_text_version",
        "",
        Noun {
            one: "text version",
            many: "text versions",
        },
    ),
];

const UNKNOWN: Noun = Noun {
    one: "other record",
    many: "other records",
};

pub(crate) fn noun_of(table: &str, column: &str) -> &'static Noun {
    NOUNS
        .iter()
        .find(|(t, c, _)| *t == table && *c == column)
        .or_else(|| NOUNS.iter().find(|(t, c, _)| *t == table && c.is_empty()))
        .map_or(&UNKNOWN, |(_, _, noun)| noun)
}

#[cfg(test)]
pub(crate) fn has_noun(table: &str) -> bool {
    NOUNS.iter().any(|(t, _, _)| *t == table)
}

/// "a", "a and b", "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Tables whose values never enter the history (travel details: passport numbers and the like).
const SENSITIVE: &[&str] = &["person_travel"];

/// The rows of `table` whose `column` is `value`, each as (its key, its columns as JSON).
fn rows_as_json(
    conn: &Connection,
    table: &str,
    column: &str,
    value: &str,
) -> Result<Vec<(String, serde_json::Map<String, serde_json::Value>)>> {
    let mut keys =
        conn.prepare_cached("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
    let key_columns: Vec<String> = keys
        .query_map([table], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let hidden = SENSITIVE.contains(&table);
    let mut statement =
        conn.prepare_cached(&format!("SELECT * FROM {table} WHERE {column} = ?1"))?;
    let names: Vec<String> = statement
        .column_names()
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    let mut rows = statement.query(params![value])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut object = serde_json::Map::new();
        for (index, name) in names.iter().enumerate() {
            let is_key = key_columns.contains(name) || name == column;
            let value = match row.get_ref(index)? {
                _ if hidden && !is_key => serde_json::Value::from("(hidden)"),
                ValueRef::Null => serde_json::Value::Null,
                ValueRef::Integer(i) => serde_json::Value::from(i),
                ValueRef::Real(r) => serde_json::Value::from(r),
                ValueRef::Text(t) => serde_json::Value::from(String::from_utf8_lossy(t)),
                ValueRef::Blob(b) => serde_json::Value::from(format!("({} bytes)", b.len())),
            };
            object.insert(name.clone(), value);
        }
        let key = key_columns
            .iter()
            .map(|k| match object.get(k) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            })
            .collect::<Vec<_>>()
            .join("/");
        out.push((key, object));
    }
    Ok(out)
}

fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("domain records always serialise")
}

fn is_foreign_key_failure(error: &CoreError) -> bool {
    matches!(error, CoreError::InUse(message) if message == crate::error::BROKEN_REFERENCE)
}

/// A foreign-key failure on insert or rewrite: what the record refers to was deleted meanwhile.
fn missing_reference(error: CoreError, noun: &str) -> CoreError {
    if is_foreign_key_failure(&error) {
        CoreError::InUse(format!(
            "Something this {noun} refers to no longer exists (it may have been deleted in another \
             window). Nothing was saved; reload and try again."
        ))
    } else {
        error
    }
}

/// A foreign-key failure on delete that the schema check did not foresee (a cascaded row that
/// is itself referred to): still a message for a person, never a storage error.
fn still_referenced(error: rusqlite::Error, named: &str) -> CoreError {
    let error = CoreError::from(error);
    if is_foreign_key_failure(&error) {
        CoreError::InUse(format!(
            "{named} is still referred to by other records. Move or delete them first; nothing was deleted."
        ))
    } else {
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        (dir, store)
    }

    /// Plants a row in `table` whatever its constraints (foreign keys and checks are off while
    /// this runs): `fixed` columns get the given text, other required columns a typed value.
    fn plant(conn: &Connection, table: &str, fixed: &[(&str, &str)]) {
        let mut info = conn
            .prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1)")
            .unwrap();
        let columns: Vec<(String, String, bool, Option<String>, i64)> = info
            .query_map([table], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut names = Vec::new();
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        for (name, kind, not_null, default, pk) in columns {
            let value = if let Some((_, v)) = fixed.iter().find(|(c, _)| *c == name) {
                rusqlite::types::Value::Text((*v).to_owned())
            } else if (not_null && default.is_none()) || pk > 0 || name == "id" {
                match kind.to_ascii_uppercase().as_str() {
                    "INTEGER" => rusqlite::types::Value::Integer(1),
                    "REAL" => rusqlite::types::Value::Real(1.0),
                    _ => rusqlite::types::Value::Text(uuid::Uuid::now_v7().to_string()),
                }
            } else {
                continue;
            };
            names.push(name);
            values.push(value);
        }
        let marks = vec!["?"; names.len()].join(", ");
        conn.execute(
            &format!(
                "INSERT INTO {table} ({}) VALUES ({marks})",
                names.join(", ")
            ),
            rusqlite::params_from_iter(values),
        )
        .unwrap_or_else(|e| panic!("planting a row in {table}: {e}"));
    }

    #[test]
    fn every_foreign_key_refuses_a_delete_with_a_message_naming_what_refers() {
        let (_dir, mut store) = store();
        let references: Vec<(String, Reference)> = store
            .references
            .all()
            .map(|(parent, r)| (parent.to_owned(), r.clone()))
            .collect();
        assert!(references.len() > 40, "{} foreign keys", references.len());
        // Planted rows carry placeholder values: the enum guards would refuse them.
        let guards: Vec<String> = store
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_values_checked_on_%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for guard in guards {
            store
                .conn
                .execute_batch(&format!("DROP TRIGGER {guard}"))
                .unwrap();
        }
        let mut checked = 0;
        for (parent, reference) in references {
            assert!(
                has_noun(&reference.table),
                "{} refers to {parent}: give its rows a noun in NOUNS",
                reference.table
            );
            let parent_id = uuid::Uuid::now_v7().to_string();
            store
                .conn
                .execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
                .unwrap();
            plant(&store.conn, &parent, &[("id", &parent_id)]);
            plant(
                &store.conn,
                &reference.table,
                &[(&reference.column, &parent_id)],
            );
            store
                .conn
                .execute_batch("PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF;")
                .unwrap();
            let outcome = store.write(|w| {
                w.refuse_if_referenced(&parent, &parent_id, "The record")?;
                w.record_cascade(&parent, &parent_id)?;
                w.conn()
                    .execute(&format!("DELETE FROM {parent} WHERE id = ?1"), [&parent_id])?;
                Ok(())
            });
            let noun = noun_of(&reference.table, &reference.column);
            if reference.cascades {
                outcome.unwrap_or_else(|e| {
                    panic!(
                        "{}.{} cascades from {parent}: {e}",
                        reference.table, reference.column
                    )
                });
                let cascaded: i64 = store
                    .conn
                    .query_row(
                        "SELECT count(*) FROM history WHERE entity = ?1 AND action = 'delete'",
                        [&reference.table],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert!(
                    cascaded > 0,
                    "the cascade to {} left no history",
                    reference.table
                );
            } else {
                match outcome {
                    Err(CoreError::InUse(message)) => {
                        assert!(
                            message.starts_with("The record has 1 ") && message.contains(noun.one),
                            "{parent} ← {}.{}: {message}",
                            reference.table,
                            reference.column
                        );
                        assert!(!message.contains("Error code"), "{message}");
                    }
                    other => panic!(
                        "deleting {parent} referred to by {}.{}: {other:?}",
                        reference.table, reference.column
                    ),
                }
            }
            checked += 1;
        }
        assert!(checked > 40);
    }

    /// Every write goes through [`Store::write`]: no other file of the store opens a
    /// transaction of its own or takes a timestamp from the clock. (Migrations run their own
    /// transactions inside `rusqlite_migration`, not in these files.)
    #[test]
    fn only_the_write_path_opens_transactions_and_takes_the_time() {
        let mut pending = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store")];
        let (mut read, mut found) = (0, Vec::new());
        while let Some(path) = pending.pop() {
            if path.is_dir() {
                pending.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension() != Some(std::ffi::OsStr::new("rs"))
                || path.ends_with("store/write.rs")
            {
                continue;
            }
            read += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for (number, line) in text.lines().enumerate() {
                if [
                    ".transaction()",
                    ".transaction_with_behavior(",
                    "clock.now()",
                ]
                .iter()
                .any(|needle| line.contains(needle))
                {
                    found.push(format!(
                        "{}:{}: {}",
                        path.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
        assert!(read > 20, "read only {read} files of the store");
        assert!(
            found.is_empty(),
            "write inside Store::write (w.conn(), w.at()) instead:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn several_kinds_of_referring_rows_are_counted_in_one_sentence() {
        assert_eq!(join_and(&["1 statement".into()]), "1 statement");
        assert_eq!(
            join_and(&["1 position".into(), "2 statements".into(), "1 vote".into()]),
            "1 position, 2 statements and 1 vote"
        );
    }

    #[test]
    fn every_foreign_key_column_has_an_index() {
        let (_dir, store) = store();
        for (parent, reference) in store.references.all() {
            let mut statement = store
                .conn
                .prepare(
                    "SELECT count(*) FROM pragma_index_list(?1) AS list
                     WHERE (SELECT name FROM pragma_index_info(list.name) WHERE seqno = 0) = ?2",
                )
                .unwrap();
            let indexes: i64 = statement
                .query_row([&reference.table, &reference.column], |r| r.get(0))
                .unwrap();
            assert!(
                indexes > 0,
                "{}.{} (referring to {parent}) has no index starting with it",
                reference.table,
                reference.column
            );
        }
    }

    #[test]
    fn stored_enums_outside_their_list_are_refused_by_the_database() {
        let (_dir, mut store) = store();
        let meeting = store
            .create_meeting(&crate::meeting::tests::kigali())
            .unwrap();
        for (column, bad) in [("format", "in person"), ("status", "Planned")] {
            let error = store
                .conn
                .execute(
                    &format!("UPDATE meeting SET {column} = ?1 WHERE id = ?2"),
                    [bad, &meeting.id],
                )
                .unwrap_err();
            assert!(
                error.to_string().contains("CHECK constraint failed"),
                "{error}"
            );
        }
        store
            .conn
            .execute(
                "UPDATE meeting SET status = 'concluded' WHERE id = ?1",
                [&meeting.id],
            )
            .unwrap();
    }

    #[test]
    fn every_table_with_rows_of_its_own_has_a_key_of_its_own() {
        let (_dir, store) = store();
        let tables: Vec<String> = store
            .conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                 AND name NOT LIKE 'search%' AND name NOT LIKE 'exchange_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // Tables whose rows are one per parent (keyed by it) or are the store's own bookkeeping
        // (the exchange's tables included).
        let keyed_by_parent = [
            "person_travel",
            "delegation",
            "setting",
            "session_agenda_item",
            "history",
            // One per example row loaded, keyed by that row.
            "example_row",
            "reminder_sent",
        ];
        for table in tables {
            if keyed_by_parent.contains(&table.as_str()) {
                continue;
            }
            let has_id: bool = store
                .conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = 'id')",
                    [&table],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(has_id, "{table} has no id of its own");
        }
    }

    #[test]
    fn seeded_rows_are_the_same_on_every_machine() {
        let (_dir, store) = store();
        for table in ["body", "organization"] {
            let stamps: Vec<(String, String)> = store
                .conn
                .prepare(&format!(
                    "SELECT DISTINCT created_at, updated_at FROM {table} ORDER BY 1"
                ))
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(
                stamps,
                [(
                    "2024-01-01T00:00:00.000Z".to_owned(),
                    "2024-01-01T00:00:00.000Z".to_owned()
                )],
                "{table}"
            );
        }
        let council: String = store
            .conn
            .query_row(
                "SELECT title_pattern FROM body WHERE id = 'wma_council'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(council, "{nth} WMA Council Session");
    }
}
