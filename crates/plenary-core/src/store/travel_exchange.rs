//! Travel details between this laptop and the hub, outside the shared change stream: each
//! person's details go only to the login they belong to and the office's coordinators, and the
//! hub's row-level security decides what this login may see and write.
//!
//! `exchange_travel` remembers, per person, the version of their details last sent to or
//! received from the hub and the login the hub holds them for; a version the hub refused (a
//! colleague's details on a delegate's laptop) is marked and not offered again until it changes.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use serde_json::Value;

use super::Store;
use super::people::{find_travel, remove_travel, write_travel};
use crate::error::{CoreError, Result};
use crate::exchange::{HubTravelRow, TravelHub, TravelOutcome, TravelReport};
use crate::people::{PersonTravel, TravelDraft};

/// What this laptop last agreed with the hub about one person's details.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Agreed {
    version: u32,
    owner: String,
    refused: bool,
}

/// The details as another laptop sent them.
#[derive(Debug, Deserialize)]
struct Sent {
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    passport_number: String,
    #[serde(default)]
    passport_expiry: Option<String>,
    #[serde(default)]
    dietary_needs: String,
    #[serde(default)]
    access_needs: String,
    #[serde(default)]
    created_at: String,
    updated_at: String,
}

/// A received row, checked like a form: fields and when they were written. `None` when it
/// cannot be read or breaks a rule (whatever another laptop put there is not trusted).
fn read_received(row: &HubTravelRow) -> Option<(PersonTravel, jiff::Timestamp)> {
    let sent: Sent = serde_json::from_value(row.payload.clone()).ok()?;
    let updated: jiff::Timestamp = sent.updated_at.parse().ok()?;
    let fields = TravelDraft {
        nationality: sent.nationality,
        passport_number: sent.passport_number,
        passport_expiry: sent.passport_expiry.unwrap_or_default(),
        dietary_needs: sent.dietary_needs,
        access_needs: sent.access_needs,
    }
    .validate()
    .ok()?;
    let travel = PersonTravel {
        person_id: row.person_id.clone(),
        fields,
        created_at: if sent.created_at.parse::<jiff::Timestamp>().is_ok() {
            sent.created_at
        } else {
            sent.updated_at.clone()
        },
        updated_at: sent.updated_at,
        version: 0,
    };
    Some((travel, updated))
}

fn payload_of(travel: &PersonTravel) -> Value {
    let mut payload = serde_json::to_value(travel).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut payload {
        // The hub's row is keyed by it already.
        map.remove("person_id");
    }
    payload
}

fn stamp(text: &str) -> Option<jiff::Timestamp> {
    text.parse().ok()
}

impl Store {
    /// Exchanges travel details with the hub (after [`Store::exchange`], which brings the
    /// people they belong to): removes on the hub what was removed here, removes here what the
    /// hub no longer shows this login, takes what changed there, and sends what changed here —
    /// each person's details for the login in their record's `hub_login` (else for whoever
    /// they already belong to, or this login). Details of people this laptop does not have are
    /// neither sent nor taken. A row the hub refuses is not this login's to send: the exchange
    /// goes on.
    pub fn exchange_travel(&mut self, hub: &mut dyn TravelHub) -> Result<TravelReport> {
        let me = self
            .conn
            .query_row("SELECT login FROM exchange_link", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .ok_or_else(|| {
                CoreError::Exchange("This laptop has not joined the office hub yet.".to_owned())
            })?;
        let mut report = TravelReport::default();
        let mut on_hub: BTreeMap<String, HubTravelRow> = hub
            .travel()
            .map_err(CoreError::Exchange)?
            .into_iter()
            .map(|row| (row.person_id.clone(), row))
            .collect();
        let mut agreed = self.agreed()?;
        let here = self.travel_here()?;

        // Removed here since they were last exchanged: removed on the hub too (when the hub
        // lets this login; otherwise they stay there for those they belong to).
        for (person_id, book) in agreed.clone() {
            if here.contains_key(&person_id) {
                continue;
            }
            if !book.refused
                && hub.delete_travel(&person_id).map_err(CoreError::Exchange)?
                    == TravelOutcome::Done
            {
                report.removed += 1;
            }
            on_hub.remove(&person_id);
            self.forget_agreed(&person_id)?;
            agreed.remove(&person_id);
        }

        // Taken from the hub: new there, changed there, or gone from this login's sight.
        let people = self.people_here()?;
        for (person_id, (local, _)) in &here {
            let Some(book) = agreed.get(person_id) else {
                continue;
            };
            let unchanged_here = !book.refused && book.version == local.version;
            if unchanged_here && !on_hub.contains_key(person_id) {
                // Removed on the hub, or given to someone else: not this laptop's to keep.
                let before = local.clone();
                self.write(|w| {
                    remove_travel(w, &before)?;
                    forget(w.conn(), &before.person_id)
                })?;
                agreed.remove(person_id);
                report.removed += 1;
            }
        }
        for (person_id, row) in &on_hub {
            if !people.contains(person_id) {
                continue;
            }
            let Some((theirs, their_time)) = read_received(row) else {
                continue;
            };
            let book = agreed.get(person_id);
            let local = find_travel(&self.conn, person_id)?;
            let changed_here = match (&local, book) {
                (Some(local), Some(book)) => book.refused || book.version != local.version,
                (Some(_), None) => true,
                (None, _) => false,
            };
            let take = match &local {
                None => true,
                Some(local) if !changed_here => {
                    local.fields != theirs.fields
                        || book.is_some_and(|b| b.owner != row.owner_login)
                }
                // Both changed: the later change wins, the hub's on a tie.
                Some(local) => stamp(&local.updated_at).is_none_or(|mine| their_time >= mine),
            };
            if !take {
                continue;
            }
            let owner = row.owner_login.clone();
            let same = local.as_ref().is_some_and(|l| l.fields == theirs.fields);
            let version = self.write(|w| {
                let version = match &local {
                    Some(local) if same => local.version,
                    _ => {
                        let after = PersonTravel {
                            version: local.as_ref().map_or(1, |l| l.version + 1),
                            created_at: local.as_ref().map_or_else(
                                || theirs.created_at.clone(),
                                |l| l.created_at.clone(),
                            ),
                            ..theirs.clone()
                        };
                        write_travel(w, local.as_ref(), &after)?;
                        after.version
                    }
                };
                agree(
                    w.conn(),
                    person_id,
                    version,
                    &owner,
                    None,
                    Some(w.at()),
                    false,
                )?;
                Ok(version)
            })?;
            if !same {
                report.received += 1;
            }
            agreed.insert(
                person_id.clone(),
                Agreed {
                    version,
                    owner,
                    refused: false,
                },
            );
        }

        // Sent: what changed here, or belongs to another login now.
        for (person_id, hub_login) in self.travel_here()?.into_iter().map(|(id, (_, l))| (id, l)) {
            let Some(local) = find_travel(&self.conn, &person_id)? else {
                continue;
            };
            let book = agreed.get(&person_id);
            let owner: Option<String> = if hub_login.is_empty() {
                book.filter(|b| !b.refused).map(|b| b.owner.clone())
            } else {
                Some(hub_login)
            };
            let owner_after = owner.clone().unwrap_or_else(|| me.clone());
            let due = book.is_none_or(|b| b.version != local.version || b.owner != owner_after);
            if !due {
                continue;
            }
            let outcome = hub
                .put_travel(&person_id, owner.as_deref(), &payload_of(&local))
                .map_err(CoreError::Exchange)?;
            let refused = outcome == TravelOutcome::Refused;
            self.write(|w| {
                agree(
                    w.conn(),
                    &person_id,
                    local.version,
                    &owner_after,
                    Some(w.at()),
                    None,
                    refused,
                )
            })?;
            if refused {
                report.refused += 1;
            } else {
                report.sent += 1;
            }
        }
        Ok(report)
    }

    fn agreed(&self) -> Result<BTreeMap<String, Agreed>> {
        let mut statement = self
            .conn
            .prepare("SELECT person_id, version, owner, refused FROM exchange_travel")?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Agreed {
                    version: r.get(1)?,
                    owner: r.get(2)?,
                    refused: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every person's travel details held here, with the hub login of the person.
    fn travel_here(&self) -> Result<BTreeMap<String, (PersonTravel, String)>> {
        let ids: Vec<(String, Option<String>)> = self
            .conn
            .prepare(
                "SELECT t.person_id, p.hub_login FROM person_travel t
                 JOIN person p ON p.id = t.person_id ORDER BY t.person_id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut here = BTreeMap::new();
        for (id, login) in ids {
            if let Some(travel) = find_travel(&self.conn, &id)? {
                here.insert(id, (travel, login.unwrap_or_default()));
            }
        }
        Ok(here)
    }

    fn people_here(&self) -> Result<BTreeSet<String>> {
        Ok(self
            .conn
            .prepare("SELECT id FROM person")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn forget_agreed(&mut self, person_id: &str) -> Result<()> {
        self.write(|w| forget(w.conn(), person_id))
    }
}

fn forget(conn: &rusqlite::Connection, person_id: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM exchange_travel WHERE person_id = ?1",
        [person_id],
    )?;
    Ok(())
}

fn agree(
    conn: &rusqlite::Connection,
    person_id: &str,
    version: u32,
    owner: &str,
    sent_at: Option<&str>,
    received_at: Option<&str>,
    refused: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO exchange_travel (person_id, version, owner, sent_at, received_at, refused)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (person_id) DO UPDATE SET version = excluded.version,
             owner = excluded.owner, refused = excluded.refused,
             sent_at = coalesce(excluded.sent_at, sent_at),
             received_at = coalesce(excluded.received_at, received_at)",
        params![person_id, version, owner, sent_at, received_at, refused],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
