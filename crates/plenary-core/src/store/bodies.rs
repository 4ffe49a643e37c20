//! Body queries.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{enum_at, enum_text};
use super::{Store, stored};
use crate::body::{Body, BodyDraft, BodyFields};
use crate::error::{CoreError, FieldError, Result};
use crate::history::{self, HistoryAction};

const ENTITY: &str = "body";
const COLUMNS: &str = "id, name, short_name, organization, parent_id, title_pattern, seeded, created_at, updated_at, version";

impl Store {
    /// Every body: the WMA's, then the WHO's (the seeded ones in their usual order), then the
    /// office's own, by name.
    pub fn bodies(&self) -> Result<Vec<Body>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM body
             ORDER BY CASE organization WHEN 'wma' THEN 0 WHEN 'who' THEN 1 ELSE 2 END, seeded DESC,
                      CASE WHEN seeded THEN rowid END, name"
        ))?;
        let rows = statement.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn body(&self, id: &str) -> Result<Body> {
        find(&self.conn, id)?.ok_or(CoreError::NotFound { entity: ENTITY })
    }

    /// The title a new meeting of `body_id` would get; `None` if there is nothing to suggest.
    pub fn default_meeting_title(
        &self,
        body_id: &str,
        ordinal: Option<u32>,
    ) -> Result<Option<String>> {
        Ok(find(&self.conn, body_id)?.and_then(|body| body.fields.default_title(ordinal)))
    }

    pub fn create_body(&mut self, draft: &BodyDraft) -> Result<Body> {
        let fields = draft.validate()?;
        let tx = self.conn.transaction()?;
        check_references(&tx, None, &fields)?;
        let at = self.clock.now();
        let body = Body {
            id: uuid::Uuid::now_v7().to_string(),
            fields,
            seeded: false,
            created_at: at.clone(),
            updated_at: at.clone(),
            version: 1,
        };
        let f = &body.fields;
        tx.execute(
            &format!("INSERT INTO body ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, 1)"),
            params![
                body.id,
                f.name,
                f.short_name,
                enum_text(&f.organization),
                f.parent_id,
                f.title_pattern,
                at,
                at
            ],
        )?;
        history::record(
            &tx,
            ENTITY,
            &body.id,
            HistoryAction::Create,
            None,
            Some(&body),
            &at,
        )?;
        tx.commit()?;
        Ok(body)
    }

    pub fn update_body(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &BodyDraft,
    ) -> Result<Body> {
        let tx = self.conn.transaction()?;
        let before = find(&tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
        if before.version != expected_version {
            return Err(CoreError::Conflict { entity: ENTITY });
        }
        let fields = draft.validate()?;
        check_references(&tx, Some(id), &fields)?;
        if fields == before.fields {
            return Ok(before);
        }
        let at = self.clock.now();
        let after = Body {
            fields,
            updated_at: at.clone(),
            version: before.version + 1,
            ..before.clone()
        };
        let f = &after.fields;
        tx.execute(
            "UPDATE body SET name = ?1, short_name = ?2, organization = ?3, parent_id = ?4,
                 title_pattern = ?5, updated_at = ?6, version = ?7
             WHERE id = ?8 AND version = ?9",
            params![
                f.name,
                f.short_name,
                enum_text(&f.organization),
                f.parent_id,
                f.title_pattern,
                at,
                after.version,
                id,
                expected_version
            ],
        )?;
        history::record(
            &tx,
            ENTITY,
            id,
            HistoryAction::Update,
            Some(&before),
            Some(&after),
            &at,
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// Deletes a body the office added, if no meeting or body refers to it.
    pub fn delete_body(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| {
            let before = w.read_at::<Body>(id, expected_version)?;
            if before.seeded {
                return Err(CoreError::InUse(format!(
                    "{} is one of the WMA and WHO bodies every Plenary starts with; it cannot be deleted.",
                    before.fields.name
                )));
            }
            w.delete::<Body>(id, expected_version).map(drop)
        })
    }
}

fn check_references(
    conn: &rusqlite::Connection,
    id: Option<&str>,
    fields: &BodyFields,
) -> Result<()> {
    let Some(parent) = &fields.parent_id else {
        return Ok(());
    };
    let Some(parent_body) = find(conn, parent)? else {
        return Err(CoreError::validation(
            "parent_id",
            "That body no longer exists. Choose another, or none.",
        ));
    };
    // Bodies nest one level (Committee A within the WHA): a parent has no parent of its own,
    // which also rules out cycles.
    if Some(parent.as_str()) == id || parent_body.fields.parent_id.is_some() {
        return Err(CoreError::Validation(vec![FieldError::new(
            "parent_id",
            format!(
                "{} cannot hold other bodies: choose a top-level body such as the World Health Assembly, or none.",
                parent_body.fields.name
            ),
        )]));
    }
    Ok(())
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<Body>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM body WHERE id = ?1"))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Body> {
    Ok(Body {
        id: row.get(0)?,
        fields: BodyFields {
            name: row.get(1)?,
            short_name: row.get(2)?,
            organization: enum_at(row, 3)?,
            parent_id: row.get(4)?,
            title_pattern: row.get(5)?,
        },
        seeded: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
        version: row.get(9)?,
    })
}

stored!(Body, ENTITY, "body", find, |b| b.fields.name.clone());

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::BodyOrganization;

    fn fresh() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn a_fresh_database_has_the_real_wma_and_who_bodies() {
        let (_dir, store) = fresh();
        let bodies = store.bodies().unwrap();
        let names: Vec<&str> = bodies
            .iter()
            .map(|b| b.fields.short_name.as_str())
            .collect();
        for short in [
            "GA",
            "Council",
            "MEC",
            "SMAC",
            "FPC",
            "ExCom",
            "Review Committee",
            "WHA",
            "Plenary",
            "Committee A",
            "Committee B",
            "EB",
            "PBAC",
            "AFR/RC",
            "AMR/RC",
            "SEA/RC",
            "EUR/RC",
            "EM/RC",
            "WPR/RC",
        ] {
            assert!(names.contains(&short), "{short} missing from {names:?}");
        }
        assert_eq!(
            store
                .body("wha_committee_a")
                .unwrap()
                .fields
                .parent_id
                .as_deref(),
            Some("world_health_assembly")
        );
        assert!(bodies.iter().all(|b| b.seeded));
    }

    #[test]
    fn default_titles_come_from_each_body() {
        let (_dir, store) = fresh();
        for (body, ordinal, title) in [
            (
                "wma_general_assembly",
                Some(74),
                Some("74th WMA General Assembly"),
            ),
            ("wma_council", Some(223), Some("223rd WMA Council Session")),
            (
                "wma_medical_ethics_committee",
                Some(225),
                Some("WMA Medical Ethics Committee, 225th Council Session"),
            ),
            ("world_health_assembly", Some(77), Some("WHA77")),
            ("who_executive_board", Some(154), Some("EB154")),
            ("who_pbac", Some(39), Some("PBAC39")),
            ("who_rc_afr", Some(74), Some("AFR/RC74")),
            ("world_health_assembly", None, Some("World Health Assembly")),
            ("other", Some(3), None),
            ("no_such_body", Some(3), None),
        ] {
            assert_eq!(
                store
                    .default_meeting_title(body, ordinal)
                    .unwrap()
                    .as_deref(),
                title,
                "{body} {ordinal:?}"
            );
        }
    }

    fn bilateral() -> BodyDraft {
        BodyDraft {
            name: "Bilateral meeting with the Japan Medical Association".into(),
            short_name: "JMA bilateral".into(),
            organization: Some(BodyOrganization::Other),
            parent_id: String::new(),
            title_pattern: "{nth} JMA bilateral".into(),
        }
    }

    #[test]
    fn the_office_adds_edits_and_deletes_its_own_bodies() {
        let (_dir, mut store) = fresh();
        let body = store.create_body(&bilateral()).unwrap();
        assert_eq!(
            store
                .default_meeting_title(&body.id, Some(2))
                .unwrap()
                .as_deref(),
            Some("2nd JMA bilateral")
        );
        let mut renamed = bilateral();
        renamed.short_name = "JMA".into();
        let body = store.update_body(&body.id, 1, &renamed).unwrap();
        assert_eq!(body.version, 2);
        assert_eq!(
            store.update_body(&body.id, 1, &renamed).unwrap_err(),
            CoreError::Conflict { entity: "body" }
        );
        store.delete_body(&body.id, 2).unwrap();
        assert_eq!(store.history("body", &body.id).unwrap().len(), 3);
    }

    #[test]
    fn seeded_and_used_bodies_are_kept_and_nesting_stays_one_level() {
        let (_dir, mut store) = fresh();
        assert!(
            matches!(store.delete_body("world_health_assembly", 1), Err(CoreError::InUse(m)) if m.contains("cannot be deleted"))
        );
        let mut nested = bilateral();
        nested.parent_id = "wha_committee_a".into();
        assert!(
            matches!(store.create_body(&nested), Err(CoreError::Validation(e)) if e[0].field == "parent_id")
        );
        nested.parent_id = "nope".into();
        assert!(
            matches!(store.create_body(&nested), Err(CoreError::Validation(e)) if e[0].message.contains("no longer exists"))
        );

        let body = store.create_body(&bilateral()).unwrap();
        let mut meeting = crate::meeting::tests::kigali();
        meeting.body_id = body.id.clone();
        store.create_meeting(&meeting).unwrap();
        assert!(
            matches!(store.delete_body(&body.id, 1), Err(CoreError::InUse(m)) if m.contains("1 meeting"))
        );
        assert_eq!(
            store.bodies().unwrap().iter().filter(|b| !b.seeded).count(),
            1
        );
    }
}
