//! Records that are likely the same thing twice — typically after a laptop with records of its
//! own joined a hub that had them too — and merging them when a person says so (never on its
//! own): everything that referred to the one dropped is moved to the one kept, then the dropped
//! one is deleted, all in one write, with history, and exchanged like any change.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::{CoreError, Result};
use crate::meeting::Meeting;
use crate::people::Person;

/// The kinds of record whose duplicates are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    Meeting,
    Person,
}

impl DuplicateKind {
    fn table(self) -> &'static str {
        match self {
            DuplicateKind::Meeting => "meeting",
            DuplicateKind::Person => "person",
        }
    }
}

/// One side of a likely duplicate, as a person recognises it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DuplicateSide {
    pub id: String,
    pub name: String,
    /// What tells the two apart: dates and city, or organization and email.
    pub details: String,
    /// When it was made, RFC 3339 UTC.
    pub created_at: String,
}

/// Two records that are probably the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LikelyDuplicate {
    pub kind: DuplicateKind,
    pub first: DuplicateSide,
    pub second: DuplicateSide,
    /// Why they look the same ("same body and number", "same name").
    pub reason: String,
}

impl Store {
    /// Meetings of one body with the same number, or the same title and start date; people with
    /// the same folded name. Oldest first in each pair.
    pub fn likely_duplicates(&self) -> Result<Vec<LikelyDuplicate>> {
        let mut found = Vec::new();
        let meeting_side = |m: &Meeting| DuplicateSide {
            id: m.id.clone(),
            name: m.fields.title.clone(),
            details: [
                format!("{} to {}", m.fields.start_date, m.fields.end_date),
                m.fields.city.clone(),
            ]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
            created_at: m.created_at.clone(),
        };
        let pairs: Vec<(String, String, String)> = self
            .conn
            .prepare(
                // Each title folded once, and each kind of match joined on its own (an OR
                // across both compared every pair, folding both titles each time: 13 ms on 500
                // meetings).
                "WITH folded AS MATERIALIZED (
                     SELECT id, body_id, ordinal, parent_id, start_date,
                            plenary_fold(title) AS title_key
                     FROM meeting),
                 pairs AS (
                     SELECT a.id AS first, b.id AS second FROM folded a JOIN folded b
                         ON a.id < b.id AND a.body_id = b.body_id AND a.ordinal = b.ordinal
                        AND a.parent_id IS b.parent_id
                     WHERE a.ordinal IS NOT NULL
                     UNION
                     SELECT a.id, b.id FROM folded a JOIN folded b
                         ON a.id < b.id AND a.start_date = b.start_date
                        AND a.title_key = b.title_key)
                 SELECT a.id, b.id, CASE WHEN a.body_id = b.body_id AND a.ordinal = b.ordinal
                     THEN 'same body and number' ELSE 'same title and start date' END
                 FROM pairs JOIN folded a ON a.id = pairs.first JOIN folded b ON b.id = pairs.second
                 ORDER BY a.start_date, a.id, b.id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (a, b, reason) in pairs {
            let (a, b) = (self.meeting(&a)?, self.meeting(&b)?);
            let (first, second) = if (&a.created_at, &a.id) <= (&b.created_at, &b.id) {
                (a, b)
            } else {
                (b, a)
            };
            found.push(LikelyDuplicate {
                kind: DuplicateKind::Meeting,
                first: meeting_side(&first),
                second: meeting_side(&second),
                reason,
            });
        }
        let person_side = |p: &Person| DuplicateSide {
            id: p.id.clone(),
            name: p.fields.full_name.clone(),
            details: [p.fields.title.clone(), p.fields.email.clone()]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            created_at: p.created_at.clone(),
        };
        let pairs: Vec<(String, String)> = self
            .conn
            .prepare(
                "SELECT a.id, b.id FROM person a JOIN person b
                     ON a.id < b.id AND a.name_key = b.name_key
                 ORDER BY a.name_key, a.id, b.id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (a, b) in pairs {
            let (a, b) = (self.person(&a)?, self.person(&b)?);
            let (first, second) = if (&a.created_at, &a.id) <= (&b.created_at, &b.id) {
                (a, b)
            } else {
                (b, a)
            };
            found.push(LikelyDuplicate {
                kind: DuplicateKind::Person,
                first: person_side(&first),
                second: person_side(&second),
                reason: "same name".to_owned(),
            });
        }
        Ok(found)
    }

    /// Merges `drop_id` into `keep_id`: every row that referred to the one dropped now refers to
    /// the one kept, and the dropped record is deleted (its history stays). Refused, changing
    /// nothing, when both have something that can exist only once (the same person assigned to
    /// the same meeting in the same role on both, say).
    pub fn merge_duplicates(
        &mut self,
        kind: DuplicateKind,
        keep_id: &str,
        drop_id: &str,
    ) -> Result<()> {
        if keep_id == drop_id {
            return Err(CoreError::validation(
                "drop_id",
                "Choose two different records to merge.",
            ));
        }
        let table = kind.table();
        self.write(|w| {
            let version = |id: &str| -> Result<u32> {
                w.conn()
                    .query_row(
                        &format!("SELECT version FROM {table} WHERE id = ?1"),
                        [id],
                        |r| r.get(0),
                    )
                    .map_err(|_| CoreError::NotFound {
                        entity: kind.table(),
                    })
            };
            version(keep_id)?;
            let dropped_version = version(drop_id)?;
            for reference in w.references_to(table) {
                let moved = w.conn().execute(
                    &format!(
                        "UPDATE {} SET {} = ?1 WHERE {} = ?2",
                        reference.table, reference.column, reference.column
                    ),
                    params![keep_id, drop_id],
                );
                if let Err(rusqlite::Error::SqliteFailure(failure, _)) = &moved
                    && failure.code == rusqlite::ErrorCode::ConstraintViolation
                {
                    return Err(CoreError::InUse(format!(
                        "Both records have {} that can exist only once (for example the same \
                         person in the same role at one meeting). Remove the one on the record \
                         you drop, then merge again; nothing was changed.",
                        super::write::noun_of(&reference.table, &reference.column).many
                    )));
                }
                moved?;
            }
            match kind {
                DuplicateKind::Meeting => w.delete::<Meeting>(drop_id, dropped_version).map(drop),
                DuplicateKind::Person => w.delete::<Person>(drop_id, dropped_version).map(drop),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_meeting_or_person_twice_is_pointed_out_and_merged_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let draft = crate::meeting::tests::kigali();
        let first = store.create_meeting(&draft).unwrap();
        // As another laptop would have made it: same body and number, another id.
        let mut again = draft.clone();
        again.venue = "Kigali Convention Centre".to_owned();
        again.ordinal = String::new();
        again.title = draft.title.clone();
        let second = store.create_meeting(&again).unwrap();
        let agenda = crate::agenda::AgendaItemDraft {
            number: "3".to_owned(),
            title: "Ethics".to_owned(),
            forum_body_id: String::new(),
            priority: crate::agenda::Priority::Normal,
            notes: String::new(),
        };
        let item = store.create_agenda_item(&second.id, &agenda).unwrap();

        let found = store.likely_duplicates().unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, DuplicateKind::Meeting);
        assert_eq!(found[0].reason, "same title and start date");
        assert_eq!(
            (found[0].first.id.as_str(), found[0].second.id.as_str()),
            (first.id.as_str(), second.id.as_str())
        );
        // Nothing was merged by finding them.
        assert_eq!(store.meetings().unwrap().len(), 2);

        store
            .merge_duplicates(DuplicateKind::Meeting, &first.id, &second.id)
            .unwrap();
        assert!(store.meeting(&second.id).is_err());
        assert_eq!(store.agenda_item(&item.id).unwrap().meeting_id, first.id);
        assert!(store.likely_duplicates().unwrap().is_empty());
        let history = store.meeting_history(&second.id).unwrap();
        assert_eq!(history.last().unwrap().action, crate::HistoryAction::Delete);

        let error = store
            .merge_duplicates(DuplicateKind::Meeting, &first.id, &first.id)
            .unwrap_err();
        assert!(matches!(error, CoreError::Validation(_)));
        let error = store
            .merge_duplicates(DuplicateKind::Person, &first.id, &second.id)
            .unwrap_err();
        assert!(matches!(error, CoreError::NotFound { .. }));
    }

    #[test]
    fn titles_match_whatever_their_case_and_accents_but_only_on_the_same_start_date() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let meeting = |title: &str, start: &str| {
            let mut draft = crate::meeting::tests::kigali();
            draft.ordinal = String::new();
            draft.title = title.to_owned();
            draft.start_date = start.to_owned();
            draft.end_date = start.to_owned();
            draft.registration_deadline = String::new();
            draft
        };
        let geneva = store
            .create_meeting(&meeting("Consultation in Genève", "2024-03-04"))
            .unwrap();
        let again = store
            .create_meeting(&meeting("CONSULTATION IN GENEVE", "2024-03-04"))
            .unwrap();
        store
            .create_meeting(&meeting("Consultation in Geneve", "2024-09-02"))
            .unwrap();

        let found = store.likely_duplicates().unwrap();
        let pairs: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|d| (d.first.id.as_str(), d.second.id.as_str(), d.reason.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [(
                geneva.id.as_str(),
                again.id.as_str(),
                "same title and start date"
            )]
        );
    }
}
