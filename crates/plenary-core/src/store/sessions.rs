//! Session queries. Times are worked out on read with the home time zone from Settings.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{Store, stored};
use crate::error::{CoreError, Result};
use crate::history::{self, HistoryAction};
use crate::session::{Session, SessionDraft, SessionFields, session_times};
use crate::settings::SettingKey;

const ENTITY: &str = "session";
const COLUMNS: &str =
    "id, meeting_id, title, starts_at, ends_at, room, created_at, updated_at, version";

impl Store {
    /// A meeting's sessions in time order.
    pub fn sessions(&self, meeting_id: &str) -> Result<Vec<Session>> {
        let meeting = self.meeting(meeting_id)?;
        let home = self.setting_value(SettingKey::HomeTimeZone)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM session WHERE meeting_id = ?1 ORDER BY starts_at, ends_at"
        ))?;
        let mut sessions: Vec<Session> = statement
            .query_map([meeting_id], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for session in &mut sessions {
            session.fields.agenda_item_ids = agenda_item_ids(&self.conn, &session.id)?;
            session.times =
                session_times(&session.fields, &meeting.fields.time_zone, home.as_deref());
        }
        Ok(sessions)
    }

    pub fn session(&self, id: &str) -> Result<Session> {
        let meeting_id: String = self
            .conn
            .query_row("SELECT meeting_id FROM session WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(CoreError::NotFound { entity: ENTITY })?;
        self.sessions(&meeting_id)?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(CoreError::NotFound { entity: ENTITY })
    }

    pub fn create_session(&mut self, meeting_id: &str, draft: &SessionDraft) -> Result<Session> {
        let meeting = self.meeting(meeting_id)?;
        let fields = draft.validate(&meeting.fields)?;
        let tx = self.conn.transaction()?;
        check_agenda_items(&tx, meeting_id, &fields)?;
        let at = self.clock.now();
        let id = uuid::Uuid::now_v7().to_string();
        tx.execute(
            &format!("INSERT INTO session ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)"),
            params![
                id,
                meeting_id,
                fields.title,
                fields.starts_at,
                fields.ends_at,
                fields.room,
                at,
                at
            ],
        )?;
        write_agenda_items(&tx, &id, &fields)?;
        let session = Session {
            id: id.clone(),
            meeting_id: meeting_id.to_owned(),
            times: session_times(&fields, &meeting.fields.time_zone, None),
            fields,
            created_at: at.clone(),
            updated_at: at.clone(),
            version: 1,
        };
        history::record(
            &tx,
            ENTITY,
            &id,
            HistoryAction::Create,
            None,
            Some(&session.fields),
            &at,
        )?;
        tx.commit()?;
        self.session(&id)
    }

    pub fn update_session(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &SessionDraft,
    ) -> Result<Session> {
        let before = self.session(id)?;
        if before.version != expected_version {
            return Err(CoreError::Conflict { entity: ENTITY });
        }
        let meeting = self.meeting(&before.meeting_id)?;
        let fields = draft.validate(&meeting.fields)?;
        if fields == before.fields {
            return Ok(before);
        }
        let tx = self.conn.transaction()?;
        check_agenda_items(&tx, &before.meeting_id, &fields)?;
        let at = self.clock.now();
        let updated = tx.execute(
            "UPDATE session SET title = ?1, starts_at = ?2, ends_at = ?3, room = ?4, updated_at = ?5,
                 version = version + 1
             WHERE id = ?6 AND version = ?7",
            params![fields.title, fields.starts_at, fields.ends_at, fields.room, at, id, expected_version],
        )?;
        if updated != 1 {
            return Err(CoreError::Conflict { entity: ENTITY });
        }
        tx.execute(
            "DELETE FROM session_agenda_item WHERE session_id = ?1",
            [id],
        )?;
        write_agenda_items(&tx, id, &fields)?;
        history::record(
            &tx,
            ENTITY,
            id,
            HistoryAction::Update,
            Some(&before.fields),
            Some(&fields),
            &at,
        )?;
        tx.commit()?;
        self.session(id)
    }

    pub fn delete_session(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<Session>(id, expected_version).map(drop))
    }
}

fn check_agenda_items(
    tx: &Transaction<'_>,
    meeting_id: &str,
    fields: &SessionFields,
) -> Result<()> {
    for item in &fields.agenda_item_ids {
        super::agenda::check_on_agenda(tx, meeting_id, Some(item), "agenda_item_ids")?;
    }
    Ok(())
}

fn write_agenda_items(
    tx: &Transaction<'_>,
    session_id: &str,
    fields: &SessionFields,
) -> Result<()> {
    for item in &fields.agenda_item_ids {
        tx.execute(
            "INSERT INTO session_agenda_item (session_id, agenda_item_id) VALUES (?1, ?2)",
            params![session_id, item],
        )?;
    }
    Ok(())
}

fn agenda_item_ids(conn: &rusqlite::Connection, session_id: &str) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached(
        "SELECT agenda_item_id FROM session_agenda_item JOIN agenda_item ON agenda_item.id = agenda_item_id
         WHERE session_id = ?1 ORDER BY agenda_item.sort_key",
    )?;
    let rows = statement.query_map([session_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    let fields = SessionFields {
        title: row.get(2)?,
        starts_at: row.get(3)?,
        ends_at: row.get(4)?,
        room: row.get(5)?,
        agenda_item_ids: Vec::new(),
    };
    Ok(Session {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        times: session_times(&fields, "UTC", None),
        fields,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
        version: row.get(8)?,
    })
}

stored!(Session, ENTITY, "session", find, |s| format!(
    "The session \"{}\"",
    s.fields.title
));

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<Session>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM session WHERE id = ?1"))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::AgendaItemDraft;
    use crate::meeting::tests::kigali;

    #[test]
    fn sessions_take_agenda_items_and_show_home_time() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let mut draft = kigali();
        draft.start_date = "2024-05-27".into();
        draft.end_date = "2024-06-01".into();
        draft.registration_deadline.clear();
        draft.time_zone = "Europe/Zurich".into();
        let meeting = store.create_meeting(&draft).unwrap();
        let item = store
            .create_agenda_item(
                &meeting.id,
                &AgendaItemDraft {
                    number: "13.3".into(),
                    title: "AMR".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        store
            .set_setting(SettingKey::HomeTimeZone, "America/Chicago", None)
            .unwrap();

        let mut session = SessionDraft {
            title: "Committee A, first meeting".into(),
            date: "2024-05-27".into(),
            start_time: "14:30".into(),
            end_time: "17:30".into(),
            room: "Salle XVIII".into(),
            agenda_item_ids: vec![item.id.clone()],
        };
        let created = store.create_session(&meeting.id, &session).unwrap();
        assert_eq!(created.fields.agenda_item_ids, [item.id.as_str()]);
        assert_eq!(
            created.times.home_starts_at.as_deref(),
            Some("2024-05-27T07:30")
        );
        assert_eq!(created.times.starts_utc, "2024-05-27T12:30:00Z");

        session.agenda_item_ids = vec!["someone-elses".into()];
        assert!(
            matches!(store.update_session(&created.id, 1, &session), Err(CoreError::Validation(e)) if e[0].field == "agenda_item_ids")
        );
        session.agenda_item_ids.clear();
        session.room = "Salle XVII".into();
        let updated = store.update_session(&created.id, 1, &session).unwrap();
        assert_eq!(
            (updated.version, updated.fields.room.as_str()),
            (2, "Salle XVII")
        );
        assert_eq!(
            store.update_session(&created.id, 1, &session).unwrap_err(),
            CoreError::Conflict { entity: ENTITY }
        );
        assert!(
            matches!(store.delete_meeting(&meeting.id, 1), Err(CoreError::InUse(m)) if m.contains("1 session"))
        );
        store.delete_session(&created.id, 2).unwrap();
        assert!(store.sessions(&meeting.id).unwrap().is_empty());
        assert_eq!(store.history(ENTITY, &created.id).unwrap().len(), 3);
    }
}
