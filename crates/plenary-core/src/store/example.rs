//! Loading and removing the example office (see [`crate::example`]).
//!
//! Loading goes through the write path in one transaction, form by form as a person would enter
//! it (every record validated, each with its history entry), and then notes in `example_row`
//! every row it made and how that row read. Removal deletes, in the same way, the rows that
//! still read as loaded and that nothing of the person's refers to; an example record the person
//! changed or built on (an agenda item, a position, a status change, travel details, a delegation
//! setting, Settings → Me naming an example person) is kept with everything it needs, named in
//! the answer, and is the person's from then on. Nothing the person entered is ever deleted.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, Writer, actions, agenda, assignments, meetings, organizations, people, policy};
use crate::assignment::{AssignmentDraft, AssignmentStatus};
use crate::error::{CoreError, Result};
use crate::example::{self, ExampleRemoval, ExampleStatus, Resolver};
use crate::exchange::SHARED_TABLES;
use crate::policy::{PolicyActionDraft, PolicyDocumentDraft};

/// The message when a laptop that exchanges with a hub is asked to load example data.
const JOINED: &str = "This laptop exchanges with your office's hub, so example data would be \
     sent to everyone in the office. Nothing was loaded. To explore, start Plenary on a data \
     folder of its own (plenary --data-dir FOLDER).";

/// The message when a laptop holding example data is asked to join a hub.
pub(crate) const HOLDS_EXAMPLES: &str = "This laptop holds Plenary's example data, which must \
     never reach your office's hub. Remove it first (\"Remove example data\" at the top of the \
     window), then join. Nothing was changed.";

impl Store {
    /// Whether example data is loaded, whether the office has records of its own, and whether
    /// this laptop exchanges with a hub.
    pub fn example_status(&self) -> Result<ExampleStatus> {
        Ok(ExampleStatus {
            loaded: example_loaded(&self.conn)?,
            office_empty: office_empty(&self.conn)?,
            joined: self.is_joined(),
        })
    }

    /// Loads the example office in one transaction. Refused on a laptop that has joined a hub,
    /// when example data is already here, and when the office has records of its own (so
    /// examples never mix with them).
    pub fn load_example_data(&mut self) -> Result<ExampleStatus> {
        let status = self.example_status()?;
        if status.joined {
            return Err(CoreError::Exchange(JOINED.to_owned()));
        }
        if status.loaded {
            return Err(CoreError::InUse(
                "The example data is already loaded. Nothing was changed.".to_owned(),
            ));
        }
        if !status.office_empty {
            return Err(CoreError::InUse(
                "This office already holds meetings, people or policy documents of its own. \
                 Example data is offered only in an empty office, so it never mixes with your \
                 records; nothing was loaded."
                    .to_owned(),
            ));
        }
        let today = self.clock.today();
        let year = today.year();
        let office = example::office();
        self.write(|w| {
            let first: i64 =
                w.conn()
                    .query_row("SELECT coalesce(max(seq), 0) FROM history", [], |r| {
                        r.get(0)
                    })?;
            let mut r = Resolver {
                today,
                ids: HashMap::new(),
            };
            for e in &office.organizations {
                let made = organizations::create_organization_in(w, &r.draft(&e.draft)?)?;
                r.remember(&e.key, &made.id);
            }
            for e in &office.people {
                let made = people::create_person_in(w, &r.draft(&e.draft)?)?;
                r.remember(&e.key, &made.id);
            }
            for e in &office.meetings {
                let made = meetings::create_meeting_in(w, &r.draft(&e.draft)?)?;
                r.remember(&e.key, &made.id);
            }
            for e in &office.agenda_items {
                let id = agenda::create_agenda_item_in(w, &r.id(&e.meeting)?, &r.draft(&e.draft)?)?;
                r.remember(&e.key, &id);
            }
            for e in &office.policies {
                let draft: PolicyDocumentDraft = r.draft(&e.draft)?;
                let mut document = policy::insert_document(w, year, &draft)?;
                for action in &e.actions {
                    let action: PolicyActionDraft = r.draft(action)?;
                    document = policy::append_action(w, year, &document, &action)?;
                }
                r.remember(&e.key, &document.id);
            }
            for e in &office.votes {
                policy::record_policy_vote_in(w, &r.id(&e.policy)?, &r.draft(&e.draft)?)?;
            }
            for e in &office.positions {
                policy::record_position_in(w, &r.id(&e.policy)?, &r.draft(&e.draft)?)?;
            }
            for e in &office.assignments {
                let draft: AssignmentDraft = r.draft(&e.draft)?;
                let status: AssignmentStatus =
                    serde_json::from_value(serde_json::Value::String(e.status.clone()))
                        .map_err(|_| CoreError::Storage(format!("example status {}", e.status)))?;
                assignments::create_assignment_in(w, draft.validate()?, status, today)?;
            }
            for e in &office.action_items {
                actions::create_action_item_in(w, &r.id(&e.meeting)?, &r.draft(&e.draft)?)?;
            }
            note_loaded_rows(w, first)
        })?;
        self.example_status()
    }

    /// Removes the example data in one transaction, keeping every example record the person
    /// changed or built on (named in the answer, with the reason). Afterwards nothing is marked
    /// as example data: what was kept is the person's.
    pub fn remove_example_data(&mut self) -> Result<ExampleRemoval> {
        self.write(|w| {
            let conn = w.conn();
            let loaded = loaded_rows(conn)?;
            let tracked: BTreeSet<(String, String)> = loaded
                .iter()
                .map(|(t, id, _)| (t.clone(), id.clone()))
                .collect();
            let me: Option<String> = conn
                .query_row("SELECT value FROM setting WHERE key = 'me'", [], |r| {
                    r.get(0)
                })
                .optional()?;
            let mut kept: BTreeMap<(String, String), String> = BTreeMap::new();
            let mut remaining: Vec<(String, String)> = Vec::new();
            for (table, id, loaded_as) in &loaded {
                let key = (table.clone(), id.clone());
                let Some(now) = snapshot(conn, table, id)? else {
                    continue; // the person deleted it already
                };
                if &now != loaded_as {
                    kept.insert(key, "you changed it".to_owned());
                } else if table == "person" && me.as_deref() == Some(id.as_str()) {
                    kept.insert(key, "Settings → Me names this person as you".to_owned());
                } else if has_other_references(w, &tracked, table, id)? {
                    kept.insert(key, "you added your own records to it".to_owned());
                } else {
                    remaining.push(key);
                }
            }
            // A kept record keeps what it refers to (its meeting, its document, its person).
            loop {
                let mut needed = Vec::new();
                for (table, id) in kept.keys() {
                    for parent in parents(conn, table, id)? {
                        if tracked.contains(&parent) && !kept.contains_key(&parent) {
                            needed.push(parent);
                        }
                    }
                }
                if needed.is_empty() {
                    break;
                }
                for parent in needed {
                    remaining.retain(|r| r != &parent);
                    kept.insert(parent, "a record you kept refers to it".to_owned());
                }
            }
            // Delete leaves first: a row goes once nothing refers to it any more.
            let mut removed = 0u32;
            while !remaining.is_empty() {
                let before = remaining.len();
                let mut next = Vec::new();
                for (table, id) in remaining {
                    if referenced(w, &table, &id)? {
                        next.push((table, id));
                    } else {
                        w.delete_row(&table, &id, &name(conn, &table, &id)?)?;
                        removed += 1;
                    }
                }
                remaining = next;
                if remaining.len() == before {
                    for key in remaining.drain(..) {
                        kept.insert(key, "other records still refer to it".to_owned());
                    }
                }
            }
            let mut named: Vec<String> = Vec::new();
            for ((table, id), reason) in &kept {
                named.push(format!("{}: {reason}", name(conn, table, id)?));
            }
            conn.execute("DELETE FROM example_row", [])?;
            Ok(ExampleRemoval {
                removed,
                kept: named,
            })
        })
    }

    /// Refuses (with the reason) to join a hub while example data is here.
    pub fn refuse_join_with_example_data(&self) -> Result<()> {
        if example_loaded(&self.conn)? {
            return Err(CoreError::Exchange(HOLDS_EXAMPLES.to_owned()));
        }
        Ok(())
    }
}

fn example_loaded(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM example_row)", [], |r| {
            r.get(0)
        })?,
    )
}

/// No meeting, person or policy document other than example ones.
fn office_empty(conn: &Connection) -> Result<bool> {
    let mut own = 0i64;
    for table in ["meeting", "person", "policy_document"] {
        own += conn.query_row(
            &format!(
                "SELECT count(*) FROM {table} WHERE id NOT IN
                 (SELECT row_id FROM example_row WHERE table_name = ?1)"
            ),
            [table],
            |r| r.get::<_, i64>(0),
        )?;
    }
    Ok(own == 0)
}

/// Notes every row the load made: those it wrote history entries for, and the rows that refer
/// to them (an assignment's first status entry), since the office held nothing of its own.
fn note_loaded_rows(w: &Writer<'_>, first_history: i64) -> Result<()> {
    let conn = w.conn();
    let mut statement = conn.prepare(
        "SELECT DISTINCT entity, entity_id FROM history WHERE seq > ?1 AND action = 'create'",
    )?;
    let mut todo: Vec<(String, String)> = statement
        .query_map([first_history], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    while let Some((table, id)) = todo.pop() {
        if !SHARED_TABLES.contains(&table.as_str()) || !seen.insert((table.clone(), id.clone())) {
            continue;
        }
        let Some(row) = snapshot(conn, &table, &id)? else {
            continue;
        };
        conn.execute(
            "INSERT INTO example_row (table_name, row_id, loaded_as) VALUES (?1, ?2, ?3)",
            params![table, id, row],
        )?;
        for reference in w.references_to(&table) {
            if has_id(conn, &reference.table)? {
                todo.extend(
                    ids_where(conn, &reference.table, &reference.column, &id)?
                        .into_iter()
                        .map(|child| (reference.table.clone(), child)),
                );
            }
        }
    }
    Ok(())
}

fn loaded_rows(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut statement = conn.prepare(
        "SELECT table_name, row_id, loaded_as FROM example_row ORDER BY table_name, row_id",
    )?;
    let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let rows: Vec<(String, String, String)> = rows.collect::<rusqlite::Result<_>>()?;
    // Only shared tables are ever noted; anything else is not a row this module made.
    Ok(rows
        .into_iter()
        .filter(|(t, _, _)| SHARED_TABLES.contains(&t.as_str()))
        .collect())
}

/// The row as JSON text (column order as the table has it), or `None` when it is gone.
fn snapshot(conn: &Connection, table: &str, id: &str) -> Result<Option<String>> {
    let mut statement = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = statement
        .column_names()
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    let mut rows = statement.query([id])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let mut object = serde_json::Map::new();
    for (index, name) in names.iter().enumerate() {
        let value = match row.get_ref(index)? {
            ValueRef::Null => serde_json::Value::Null,
            ValueRef::Integer(i) => serde_json::Value::from(i),
            ValueRef::Real(f) => serde_json::Value::from(f),
            ValueRef::Text(t) => serde_json::Value::from(String::from_utf8_lossy(t)),
            ValueRef::Blob(b) => serde_json::Value::from(b.len()),
        };
        object.insert(name.clone(), value);
    }
    Ok(Some(serde_json::Value::Object(object).to_string()))
}

fn has_id(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = 'id')",
        [table],
        |r| r.get(0),
    )?)
}

fn ids_where(conn: &Connection, table: &str, column: &str, value: &str) -> Result<Vec<String>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT id FROM {table} WHERE {column} = ?1"))?;
    let rows = statement.query_map([value], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn count_where(conn: &Connection, table: &str, column: &str, value: &str) -> Result<i64> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT count(*) FROM {table} WHERE {column} = ?1"))?;
    Ok(statement.query_row([value], |r| r.get(0))?)
}

/// Rows that are not example rows refer to this one (a table without ids, such as travel
/// details or a delegation's settings, is never example data).
fn has_other_references(
    w: &Writer<'_>,
    tracked: &BTreeSet<(String, String)>,
    table: &str,
    id: &str,
) -> Result<bool> {
    let conn = w.conn();
    for reference in w.references_to(table) {
        if has_id(conn, &reference.table)? {
            let children = ids_where(conn, &reference.table, &reference.column, id)?;
            if children
                .into_iter()
                .any(|child| !tracked.contains(&(reference.table.clone(), child)))
            {
                return Ok(true);
            }
        } else if count_where(conn, &reference.table, &reference.column, id)? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Any row still refers to this one.
fn referenced(w: &Writer<'_>, table: &str, id: &str) -> Result<bool> {
    for reference in w.references_to(table) {
        if count_where(w.conn(), &reference.table, &reference.column, id)? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The rows this one refers to, as (table, id).
fn parents(conn: &Connection, table: &str, id: &str) -> Result<Vec<(String, String)>> {
    let mut keys =
        conn.prepare_cached("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)")?;
    let keys: Vec<(String, String)> = keys
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (parent, column) in keys {
        let value: Option<String> = conn
            .query_row(
                &format!("SELECT {column} FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        if let Some(value) = value {
            out.push((parent, value));
        }
    }
    Ok(out)
}

/// How a person recognises a row in a message: "Meeting “WHA78”".
fn name(conn: &Connection, table: &str, id: &str) -> Result<String> {
    let noun = match table {
        "policy_document" => "Policy document",
        "policy_action" => "History action",
        "policy_position" => "Position",
        "policy_vote" => "Vote",
        "agenda_item" => "Agenda item",
        "action_item" => "Action item",
        "status_change" => "Status change",
        "meeting" => "Meeting",
        "person" => "Person",
        "organization" => "Organization",
        "assignment" => "Assignment",
        _ => "Record",
    };
    let Some(row) = snapshot(conn, table, id)? else {
        return Ok(noun.to_owned());
    };
    let row: serde_json::Value = serde_json::from_str(&row).unwrap_or_default();
    let text = |column: &str| row[column].as_str().map(str::to_owned);
    let label = match table {
        "agenda_item" => text("number")
            .zip(text("title"))
            .map(|(n, t)| format!("{n} {t}")),
        "assignment" => {
            let person: Option<String> = conn
                .query_row(
                    "SELECT p.full_name || ' at ' || m.title FROM assignment a
                     JOIN person p ON p.id = a.person_id JOIN meeting m ON m.id = a.meeting_id
                     WHERE a.id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            person
        }
        _ => text("full_name")
            .or_else(|| text("title"))
            .or_else(|| text("name")),
    };
    Ok(match label {
        Some(label) => format!("{noun} “{label}”"),
        None => noun.to_owned(),
    })
}
