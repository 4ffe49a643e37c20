//! Links between documents and their text versions with word-level comparison.

use rusqlite::{OptionalExtension, params};

use super::row::{enum_at, enum_text};
use super::{Store, stored};
use crate::diff::{DiffSpan, word_diff};
use crate::error::{CoreError, Result};
use crate::history::{self, HistoryAction};
use crate::policy::links::{LinkKind, PolicyLink, TextVersion, TextVersionDraft};

impl Store {
    /// Links from and to a document.
    pub fn policy_links(&self, document_id: &str) -> Result<Vec<PolicyLink>> {
        self.policy_document(document_id)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT l.id, l.kind, l.from_id = ?1, d.id, coalesce(nullif(d.short_name, ''), d.title),
                    l.created_at, l.updated_at, l.version
             FROM policy_link l JOIN policy_document d ON d.id = CASE WHEN l.from_id = ?1 THEN l.to_id ELSE l.from_id END
             WHERE l.from_id = ?1 OR l.to_id = ?1
             ORDER BY l.created_at",
        )?;
        let rows = statement.query_map([document_id], |row| {
            Ok(PolicyLink {
                id: row.get(0)?,
                kind: enum_at(row, 1)?,
                outgoing: row.get(2)?,
                other_id: row.get(3)?,
                other_title: row.get(4)?,
                created_at: row.get(5)?,
                updated_at: row.get(6)?,
                version: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Links `from_id` to `to_id` ("from revises to").
    pub fn add_policy_link(
        &mut self,
        from_id: &str,
        to_id: &str,
        kind: LinkKind,
    ) -> Result<Vec<PolicyLink>> {
        self.write(|w| {
            let tx = w.conn();
            let from = tx
                .query_row(
                    "SELECT policy_type FROM policy_document WHERE id = ?1",
                    [from_id],
                    |r| r.get::<_, String>(0),
                )
                .optional()?;
            if from.is_none() {
                return Err(CoreError::NotFound {
                    entity: "policy document",
                });
            }
            if to_id.trim().is_empty() {
                return Err(CoreError::validation("to_id", "Choose the other document."));
            }
            if from_id == to_id {
                return Err(CoreError::validation(
                    "to_id",
                    "A document cannot be linked to itself. Choose another.",
                ));
            }
            let to_type = tx
                .query_row(
                    "SELECT policy_type FROM policy_document WHERE id = ?1",
                    [to_id],
                    |r| r.get::<_, String>(0),
                )
                .optional()?;
            let Some(to_type) = to_type else {
                return Err(CoreError::validation(
                    "to_id",
                    "That document no longer exists. Choose another.",
                ));
            };
            if kind == LinkKind::ReplacesCouncilResolution && to_type != "council_resolution" {
                return Err(CoreError::validation(
                    "to_id",
                    "The other document is not a council resolution. Choose one, or another kind of link.",
                ));
            }
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM policy_link WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3)",
                params![from_id, to_id, enum_text(&kind)],
                |r| r.get(0),
            )?;
            if exists {
                return Err(CoreError::validation(
                    "to_id",
                    "These documents are already linked this way.",
                ));
            }
            let at = w.at().to_owned();
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO policy_link (id, from_id, to_id, kind, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?5, 1)",
                params![id, from_id, to_id, enum_text(&kind), at],
            )?;
            let record = serde_json::json!({ "from_id": from_id, "to_id": to_id, "kind": kind });
            history::record(
                tx,
                "policy_link",
                &id,
                HistoryAction::Create,
                None,
                Some(&record),
                &at,
            )?;
            Ok(())
        })?;
        self.policy_links(from_id)
    }

    pub fn delete_policy_link(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<StoredLink>(id, expected_version).map(drop))
    }

    /// A document's text versions, newest first.
    pub fn policy_text_versions(&self, document_id: &str) -> Result<Vec<TextVersion>> {
        self.policy_document(document_id)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT document_id, number, stage, text, created_at FROM policy_text_version
             WHERE document_id = ?1 ORDER BY number DESC",
        )?;
        let rows = statement.query_map([document_id], |row| {
            Ok(TextVersion {
                document_id: row.get(0)?,
                number: row.get(1)?,
                stage: enum_at(row, 2)?,
                text: row.get(3)?,
                created_at: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_policy_text_version(
        &mut self,
        document_id: &str,
        draft: &TextVersionDraft,
    ) -> Result<TextVersion> {
        let (stage, text) = draft.validate()?;
        self.write(|w| {
            let tx = w.conn();
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM policy_document WHERE id = ?1)",
                [document_id],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(CoreError::NotFound {
                    entity: "policy document",
                });
            }
            let number: u32 = tx.query_row(
                "SELECT coalesce(max(number), 0) + 1 FROM policy_text_version WHERE document_id = ?1",
                [document_id],
                |r| r.get(0),
            )?;
            let at = w.at().to_owned();
            tx.execute(
                "INSERT INTO policy_text_version (id, document_id, number, stage, text, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![uuid::Uuid::now_v7().to_string(), document_id, number, enum_text(&stage), text, at],
            )?;
            let version = TextVersion {
                document_id: document_id.to_owned(),
                number,
                stage,
                text,
                created_at: at.clone(),
            };
            history::record(
                tx,
                "policy_text_version",
                &format!("{document_id}/{number}"),
                HistoryAction::Create,
                None,
                Some(&version),
                &at,
            )?;
            Ok(version)
        })
    }

    /// The word-level difference from version `from` to version `to`.
    pub fn policy_text_diff(&self, document_id: &str, from: u32, to: u32) -> Result<Vec<DiffSpan>> {
        let text =
            |number: u32| -> Result<String> {
                self.conn
                .query_row(
                    "SELECT text FROM policy_text_version WHERE document_id = ?1 AND number = ?2",
                    params![document_id, number],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(CoreError::NotFound { entity: "text version" })
            };
        Ok(word_diff(&text(from)?, &text(to)?))
    }
}

/// A link as its row holds it (the history's shape for links).
#[derive(serde::Serialize)]
struct StoredLink {
    id: String,
    from_id: String,
    to_id: String,
    kind: String,
    version: u32,
}

stored!(StoredLink, "policy_link", "link", find_link, |_l| {
    "This link".to_owned()
});

fn find_link(conn: &rusqlite::Connection, id: &str) -> Result<Option<StoredLink>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, from_id, to_id, kind, version FROM policy_link WHERE id = ?1",
    )?;
    let link = statement.query_row([id], |r| {
        Ok(StoredLink {
            id: r.get(0)?,
            from_id: r.get(1)?,
            to_id: r.get(2)?,
            kind: r.get(3)?,
            version: r.get(4)?,
        })
    });
    Ok(link.optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::DiffKind;
    use crate::policy::links::TextStage;
    use crate::policy::{PolicyDocumentDraft, PolicyType};

    #[test]
    fn links_both_ways_and_text_versions_compared() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let doc = |store: &mut Store, t, title: &str| {
            store
                .create_policy_document(
                    &PolicyDocumentDraft {
                        policy_type: t,
                        title: title.into(),
                        ..Default::default()
                    },
                    "",
                )
                .unwrap()
                .id
        };
        let cr = doc(
            &mut store,
            PolicyType::CouncilResolution,
            "Council resolution on Ukraine",
        );
        let r = doc(&mut store, PolicyType::Resolution, "Resolution on Ukraine");
        let other = doc(&mut store, PolicyType::Statement, "A statement");
        let links = store
            .add_policy_link(&r, &cr, LinkKind::ReplacesCouncilResolution)
            .unwrap();
        assert_eq!(
            (links[0].outgoing, links[0].other_id.as_str()),
            (true, cr.as_str())
        );
        let back = store.policy_links(&cr).unwrap();
        assert_eq!(
            (back[0].outgoing, back[0].other_title.as_str()),
            (false, "Resolution on Ukraine")
        );
        for (from, to, kind) in [
            (&r, &other, LinkKind::ReplacesCouncilResolution),
            (&r, &r, LinkKind::Related),
            (&r, &cr, LinkKind::ReplacesCouncilResolution),
        ] {
            assert!(
                matches!(store.add_policy_link(from, to, kind), Err(CoreError::Validation(e)) if e[0].field == "to_id")
            );
        }
        assert!(matches!(
            store.delete_policy_link(&links[0].id, 9),
            Err(CoreError::Conflict { .. })
        ));
        store.delete_policy_link(&links[0].id, 1).unwrap();
        assert!(store.policy_links(&r).unwrap().is_empty());

        store
            .add_policy_text_version(
                &r,
                &TextVersionDraft {
                    stage: TextStage::Draft,
                    text: "The WMA condemns the attacks.".into(),
                },
            )
            .unwrap();
        let v2 = store
            .add_policy_text_version(
                &r,
                &TextVersionDraft {
                    stage: TextStage::Adopted,
                    text: "The WMA strongly condemns the attacks.".into(),
                },
            )
            .unwrap();
        assert_eq!(v2.number, 2);
        assert!(matches!(
            store.add_policy_text_version(&r, &TextVersionDraft::default()),
            Err(CoreError::Validation(_))
        ));
        let diff = store.policy_text_diff(&r, 1, 2).unwrap();
        assert!(
            diff.iter()
                .any(|s| s.kind == DiffKind::Added && s.text.contains("strongly"))
        );
        assert_eq!(store.policy_text_versions(&r).unwrap()[0].number, 2);
        assert!(matches!(
            store.policy_text_diff(&r, 1, 7),
            Err(CoreError::NotFound { .. })
        ));
    }
}
