//! Agenda item queries, including renumbering an item together with the items nested under it.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{enum_at, enum_text};
use super::{Store, stored};
use crate::agenda::{AgendaItem, AgendaItemDraft, AgendaItemFields, AgendaNumber, depths};
use crate::error::{CoreError, FieldError, Result};
use crate::history::{self, HistoryAction};

const ENTITY: &str = "agenda_item";
const COLUMNS: &str = "id, meeting_id, number, title, forum_body_id, priority, notes, created_at, updated_at, version";

/// Which way to move an item among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

impl Store {
    /// A meeting's agenda in numeric order, each item with its nesting depth.
    pub fn agenda_items(&self, meeting_id: &str) -> Result<Vec<AgendaItem>> {
        items_of(&self.conn, meeting_id)
    }

    pub fn agenda_item(&self, id: &str) -> Result<AgendaItem> {
        let item = find(&self.conn, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
        // Depth depends on the rest of the agenda.
        Ok(items_of(&self.conn, &item.meeting_id)?
            .into_iter()
            .find(|i| i.id == id)
            .unwrap_or(item))
    }

    pub fn create_agenda_item(
        &mut self,
        meeting_id: &str,
        draft: &AgendaItemDraft,
    ) -> Result<AgendaItem> {
        let id = self.write(|w| create_agenda_item_in(w, meeting_id, draft))?;
        self.agenda_item(&id)
    }

    /// Saves an item. A new number carries the items nested under it along ("13" → "14" moves
    /// "13.3" to "14.3"); if any of the new numbers is taken, nothing changes.
    pub fn update_agenda_item(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &AgendaItemDraft,
    ) -> Result<AgendaItem> {
        let (number, fields) = draft.validate()?;
        self.write(|w| {
            let tx = w.conn();
            let before = find(tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
            if before.version != expected_version {
                return Err(CoreError::Conflict { entity: ENTITY });
            }
            check_forum(tx, &fields)?;
            let old_number = AgendaNumber::parse(&before.fields.number).map_err(CoreError::Storage)?;
            let at = w.at().to_owned();
            if number != old_number {
                let moving = subtree(tx, &before.meeting_id, &old_number)?;
                let moving_ids: Vec<&str> = moving.iter().map(|(item, _)| item.id.as_str()).collect();
                let renamed: Vec<AgendaNumber> = moving
                    .iter()
                    .map(|(_, n)| n.rebased(&old_number, &number))
                    .collect();
                if let Some(ancestor) = old_number.is_ancestor_of(&number).then_some(&old_number) {
                    return Err(CoreError::validation(
                        "number",
                        format!(
                            "Item {ancestor} cannot move under itself; choose a number outside {ancestor}."
                        ),
                    ));
                }
                for new in &renamed {
                    check_number_free(tx, &before.meeting_id, new, &moving_ids)?;
                }
                // Park the moving numbers first so the swap never trips the uniqueness rule.
                park(tx, &moving_ids)?;
                for ((item, _), new) in moving
                    .iter()
                    .zip(&renamed)
                    .filter(|((item, _), _)| item.id != id)
                {
                    write_number(tx, item, new, &at)?;
                }
            }
            let after_fields = fields;
            if after_fields == before.fields {
                return Ok(());
            }
            let after = AgendaItem {
                fields: after_fields,
                updated_at: at.clone(),
                version: before.version + 1,
                ..before.clone()
            };
            let f = &after.fields;
            tx.execute(
                "UPDATE agenda_item SET number = ?1, sort_key = ?2, title = ?3, forum_body_id = ?4,
                     priority = ?5, notes = ?6, updated_at = ?7, version = ?8
                 WHERE id = ?9",
                params![
                    f.number,
                    number.sort_key(),
                    f.title,
                    f.forum_body_id,
                    enum_text(&f.priority),
                    f.notes,
                    at,
                    after.version,
                    id
                ],
            )?;
            history::record(
                tx,
                ENTITY,
                id,
                HistoryAction::Update,
                Some(&before),
                Some(&after),
                &at,
            )?;
            Ok(())
        })?;
        self.agenda_item(id)
    }

    /// Swaps an item (with the items under it) with its previous or next sibling.
    pub fn move_agenda_item(
        &mut self,
        id: &str,
        expected_version: u32,
        direction: Direction,
    ) -> Result<Vec<AgendaItem>> {
        let meeting_id = self.write(|w| {
            let tx = w.conn();
            let item = find(tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
            if item.version != expected_version {
                return Err(CoreError::Conflict { entity: ENTITY });
            }
            let number = AgendaNumber::parse(&item.fields.number).map_err(CoreError::Storage)?;
            let parent = &number.parts()[..number.parts().len() - 1];
            let mut siblings: Vec<AgendaNumber> = items_of(tx, &item.meeting_id)?
                .iter()
                .filter_map(|i| AgendaNumber::parse(&i.fields.number).ok())
                .filter(|n| {
                    n.parts().len() == number.parts().len() && n.parts().starts_with(parent)
                })
                .collect();
            siblings.sort();
            let position = siblings.iter().position(|n| *n == number).unwrap_or(0);
            let neighbour = match direction {
                Direction::Up => position.checked_sub(1).and_then(|p| siblings.get(p)),
                Direction::Down => siblings.get(position + 1),
            };
            let Some(neighbour) = neighbour.cloned() else {
                let edge = if direction == Direction::Up {
                    "first"
                } else {
                    "last"
                };
                return Err(CoreError::validation(
                    "number",
                    format!("Item {number} is already the {edge} at its level."),
                ));
            };
            let ours = subtree(tx, &item.meeting_id, &number)?;
            let theirs = subtree(tx, &item.meeting_id, &neighbour)?;
            let ids: Vec<&str> = ours
                .iter()
                .chain(&theirs)
                .map(|(i, _)| i.id.as_str())
                .collect();
            park(tx, &ids)?;
            let at = w.at().to_owned();
            for (moved, n) in &ours {
                write_number(tx, moved, &n.rebased(&number, &neighbour), &at)?;
            }
            for (moved, n) in &theirs {
                write_number(tx, moved, &n.rebased(&neighbour, &number), &at)?;
            }
            Ok(item.meeting_id)
        })?;
        self.agenda_items(&meeting_id)
    }

    /// Deletes an item nothing refers to (records, documents, statements, positions…: the
    /// message names them). Sessions simply stop listing it; items numbered under it stay.
    pub fn delete_agenda_item(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<AgendaItem>(id, expected_version).map(drop))
    }
}

/// Fails with a validation error on `field` unless `item` (if any) is on meeting `meeting_id`'s
/// agenda: a record, session or document cannot refer to another meeting's item.
pub(super) fn check_on_agenda(
    conn: &rusqlite::Connection,
    meeting_id: &str,
    item: Option<&str>,
    field: &str,
) -> Result<()> {
    let Some(item) = item else { return Ok(()) };
    let on_agenda: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2)",
        params![item, meeting_id],
        |r| r.get(0),
    )?;
    if on_agenda {
        Ok(())
    } else {
        Err(CoreError::validation(
            field,
            "That agenda item is not on this meeting's agenda (any more). Choose another, or none.",
        ))
    }
}

fn check_forum(conn: &rusqlite::Connection, fields: &AgendaItemFields) -> Result<()> {
    if let Some(forum) = &fields.forum_body_id {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM body WHERE id = ?1)",
            [forum],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(CoreError::validation(
                "forum_body_id",
                "That forum no longer exists. Choose another, or none.",
            ));
        }
    }
    Ok(())
}

fn check_number_free(
    conn: &rusqlite::Connection,
    meeting_id: &str,
    number: &AgendaNumber,
    except: &[&str],
) -> Result<()> {
    let taken: Option<String> = conn
        .query_row(
            "SELECT id FROM agenda_item WHERE meeting_id = ?1 AND number = ?2",
            params![meeting_id, number.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(other) if !except.contains(&other.as_str()) => {
            Err(CoreError::Validation(vec![FieldError::new(
                "number",
                format!("This meeting already has an item {number}. Choose another number."),
            )]))
        }
        _ => Ok(()),
    }
}

/// The item numbered `root` and every item numbered under it, with their parsed numbers.
fn subtree(
    conn: &rusqlite::Connection,
    meeting_id: &str,
    root: &AgendaNumber,
) -> Result<Vec<(AgendaItem, AgendaNumber)>> {
    Ok(items_of(conn, meeting_id)?
        .into_iter()
        .filter_map(|item| {
            AgendaNumber::parse(&item.fields.number)
                .ok()
                .map(|n| (item, n))
        })
        .filter(|(_, n)| n == root || root.is_ancestor_of(n))
        .collect())
}

/// Gives items a temporary number no real number can equal.
fn park(tx: &rusqlite::Connection, ids: &[&str]) -> Result<()> {
    for id in ids {
        tx.execute(
            "UPDATE agenda_item SET number = '~' || id WHERE id = ?1",
            [id],
        )?;
    }
    Ok(())
}

fn write_number(
    tx: &rusqlite::Connection,
    item: &AgendaItem,
    number: &AgendaNumber,
    at: &str,
) -> Result<()> {
    let after = AgendaItem {
        fields: AgendaItemFields {
            number: number.to_string(),
            ..item.fields.clone()
        },
        updated_at: at.to_owned(),
        version: item.version + 1,
        ..item.clone()
    };
    tx.execute(
        "UPDATE agenda_item SET number = ?1, sort_key = ?2, updated_at = ?3, version = ?4 WHERE id = ?5",
        params![after.fields.number, number.sort_key(), at, after.version, item.id],
    )?;
    history::record(
        tx,
        ENTITY,
        &item.id,
        HistoryAction::Update,
        Some(item),
        Some(&after),
        at,
    )
}

fn items_of(conn: &rusqlite::Connection, meeting_id: &str) -> Result<Vec<AgendaItem>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM agenda_item WHERE meeting_id = ?1 ORDER BY sort_key"
    ))?;
    let mut items: Vec<AgendaItem> = statement
        .query_map([meeting_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let numbers: Vec<AgendaNumber> = items
        .iter()
        .map(|i| {
            AgendaNumber::parse(&i.fields.number)
                .unwrap_or(AgendaNumber::parse("9999").expect("valid"))
        })
        .collect();
    for (item, depth) in items.iter_mut().zip(depths(&numbers)) {
        item.depth = depth;
    }
    Ok(items)
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<AgendaItem>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM agenda_item WHERE id = ?1"))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<AgendaItem> {
    Ok(AgendaItem {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        fields: AgendaItemFields {
            number: row.get(2)?,
            title: row.get(3)?,
            forum_body_id: row.get(4)?,
            priority: enum_at(row, 5)?,
            notes: row.get(6)?,
        },
        depth: 0,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
        version: row.get(9)?,
    })
}

stored!(AgendaItem, ENTITY, "agenda item", find, |item| format!(
    "Item {}",
    item.fields.number
));

/// Validates `draft` and stores it as a new agenda item of `meeting_id` within the write `w`;
/// returns its id.
pub(super) fn create_agenda_item_in(
    w: &super::Writer<'_>,
    meeting_id: &str,
    draft: &AgendaItemDraft,
) -> Result<String> {
    let (number, fields) = draft.validate()?;
    let tx = w.conn();
    super::meetings::require_meeting(tx, meeting_id)?;
    check_forum(tx, &fields)?;
    check_number_free(tx, meeting_id, &number, &[])?;
    let at = w.at().to_owned();
    let item = AgendaItem {
        id: uuid::Uuid::now_v7().to_string(),
        meeting_id: meeting_id.to_owned(),
        fields,
        depth: 0,
        created_at: at.clone(),
        updated_at: at.clone(),
        version: 1,
    };
    let f = &item.fields;
    tx.execute(
        &format!("INSERT INTO agenda_item ({COLUMNS}, sort_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)"),
        params![item.id, meeting_id, f.number, f.title, f.forum_body_id, enum_text(&f.priority), f.notes, at, at, number.sort_key()],
    )?;
    history::record(
        tx,
        ENTITY,
        &item.id,
        HistoryAction::Create,
        None,
        Some(&item),
        &at,
    )?;
    Ok(item.id)
}

#[cfg(test)]
mod tests;
