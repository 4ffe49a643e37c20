//! Action item queries.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{enum_at, enum_text, opt_date_at};
use super::{Store, Writable, bump_bookkeeping, stored};
use crate::action::{ActionItem, ActionItemDraft, ActionItemFields};
use crate::error::{CoreError, Result};

const ENTITY: &str = "action_item";
pub(super) const COLUMNS: &str = "id, meeting_id, title, owner, due_date, status, agenda_item_id, record_id, notes, created_at, updated_at, version";

/// Validates `draft` and stores a new action item of `meeting_id` within the write `w`.
pub(super) fn create_action_item_in(
    w: &super::Writer<'_>,
    meeting_id: &str,
    draft: &ActionItemDraft,
) -> Result<ActionItem> {
    let fields = draft.validate()?;
    super::meetings::require_meeting(w.conn(), meeting_id)?;
    check_links(w.conn(), meeting_id, &fields)?;
    let item = ActionItem {
        id: uuid::Uuid::now_v7().to_string(),
        meeting_id: meeting_id.to_owned(),
        fields,
        created_at: w.at().to_owned(),
        updated_at: w.at().to_owned(),
        version: 1,
    };
    w.create(&item)?;
    Ok(item)
}

impl Store {
    /// A meeting's action items: open first by due date (undated last), then done and dropped.
    pub fn action_items(&self, meeting_id: &str) -> Result<Vec<ActionItem>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM action_item WHERE meeting_id = ?1
             ORDER BY status <> 'open', due_date IS NULL, due_date, created_at"
        ))?;
        let rows = statement.query_map([meeting_id], action_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn create_action_item(
        &mut self,
        meeting_id: &str,
        draft: &ActionItemDraft,
    ) -> Result<ActionItem> {
        self.write(|w| create_action_item_in(w, meeting_id, draft))
    }

    pub fn update_action_item(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &ActionItemDraft,
    ) -> Result<ActionItem> {
        let fields = draft.validate()?;
        self.write(|w| {
            w.update(id, expected_version, |before: &ActionItem| {
                check_links(w.conn(), &before.meeting_id, &fields)?;
                Ok(ActionItem {
                    fields,
                    ..before.clone()
                })
            })
        })
    }

    pub fn delete_action_item(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<ActionItem>(id, expected_version).map(drop))
    }
}

fn check_links(
    conn: &rusqlite::Connection,
    meeting_id: &str,
    fields: &ActionItemFields,
) -> Result<()> {
    for (field, table, id, what) in [
        (
            "agenda_item_id",
            "agenda_item",
            &fields.agenda_item_id,
            "agenda item",
        ),
        ("record_id", "record", &fields.record_id, "record"),
    ] {
        if let Some(id) = id {
            let ok: bool = conn.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1 AND meeting_id = ?2)"),
                params![id, meeting_id],
                |r| r.get(0),
            )?;
            if !ok {
                return Err(CoreError::validation(
                    field,
                    format!(
                        "That {what} is not part of this meeting (any more). Choose another, or none."
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn write(conn: &rusqlite::Connection, item: &ActionItem, insert: bool) -> Result<()> {
    let f = &item.fields;
    let sql = if insert {
        format!(
            "INSERT INTO action_item ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        )
    } else {
        "UPDATE action_item SET meeting_id = ?2, title = ?3, owner = ?4, due_date = ?5, status = ?6,
             agenda_item_id = ?7, record_id = ?8, notes = ?9, created_at = ?10, updated_at = ?11, version = ?12
         WHERE id = ?1"
            .to_owned()
    };
    conn.execute(
        &sql,
        params![
            item.id,
            item.meeting_id,
            f.title,
            f.owner,
            f.due_date.map(|d| d.to_string()),
            enum_text(&f.status),
            f.agenda_item_id,
            f.record_id,
            f.notes,
            item.created_at,
            item.updated_at,
            item.version
        ],
    )?;
    Ok(())
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<ActionItem>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM action_item WHERE id = ?1"))?;
    Ok(statement.query_row([id], action_from_row).optional()?)
}

pub(super) fn action_from_row(row: &Row<'_>) -> rusqlite::Result<ActionItem> {
    Ok(ActionItem {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        fields: ActionItemFields {
            title: row.get(2)?,
            owner: row.get(3)?,
            due_date: opt_date_at(row, 4)?,
            status: enum_at(row, 5)?,
            agenda_item_id: row.get(6)?,
            record_id: row.get(7)?,
            notes: row.get(8)?,
        },
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        version: row.get(11)?,
    })
}

impl Writable for ActionItem {
    fn insert(&self, conn: &rusqlite::Connection) -> Result<()> {
        write(conn, self, true)
    }
    fn rewrite(&self, conn: &rusqlite::Connection) -> Result<()> {
        write(conn, self, false)
    }
    bump_bookkeeping!();
}

stored!(ActionItem, ENTITY, "action item", find, |a| format!(
    "The action item \"{}\"",
    a.fields.title
));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::ActionStatus;
    use crate::meeting::tests::kigali;

    #[test]
    fn action_items_are_kept_with_history_and_checked_links() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let meeting = store.create_meeting(&kigali()).unwrap();
        let draft = ActionItemDraft {
            title: "Send comments on the draft statement".into(),
            owner: "Dr Ngũgĩ".into(),
            due_date: "2023-11-01".into(),
            ..Default::default()
        };
        let item = store.create_action_item(&meeting.id, &draft).unwrap();
        let later = ActionItemDraft {
            title: "Send nothing".into(),
            due_date: "2023-10-20".into(),
            ..draft.clone()
        };
        store.create_action_item(&meeting.id, &later).unwrap();
        let done = ActionItemDraft {
            status: ActionStatus::Done,
            ..draft.clone()
        };
        let item = store.update_action_item(&item.id, 1, &done).unwrap();
        assert_eq!(item.version, 2);
        let titles: Vec<_> = store
            .action_items(&meeting.id)
            .unwrap()
            .into_iter()
            .map(|a| a.fields.title)
            .collect();
        assert_eq!(
            titles,
            ["Send nothing", "Send comments on the draft statement"]
        );
        assert_eq!(
            store.update_action_item(&item.id, 1, &draft).unwrap_err(),
            CoreError::Conflict {
                entity: "action item"
            }
        );

        let linked = ActionItemDraft {
            record_id: "elsewhere".into(),
            ..draft.clone()
        };
        assert!(
            matches!(store.create_action_item(&meeting.id, &linked), Err(CoreError::Validation(e)) if e[0].field == "record_id")
        );
        assert_eq!(store.search("ngugi", 5).unwrap().len(), 2);
        store.delete_action_item(&item.id, 2).unwrap();
        assert_eq!(store.history(ENTITY, &item.id).unwrap().len(), 3);
    }
}
