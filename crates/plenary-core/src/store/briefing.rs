//! Gathers a meeting's briefing book (`crate::briefing`) from the store: reads only.

use std::collections::{BTreeSet, HashMap};

use crate::action::ActionStatus;
use crate::briefing::{
    AgendaEntry, BriefingBook, Delegate, PositionEntry, ScheduleEntry, StatementEntry, Travel,
    mandate_words,
};
use crate::policy::{PolicyDocument, Position};
use crate::{SettingKey, Store};

use super::Result;
use super::policy::{POSITION_SELECT, position_from_row};

impl Store {
    /// What the briefing book of `meeting_id` holds. Travel details are read only when
    /// `include_travel` is set.
    pub fn briefing_book(&self, meeting_id: &str, include_travel: bool) -> Result<BriefingBook> {
        let meeting = self.meeting(meeting_id)?;
        let bodies: HashMap<String, String> = self
            .bodies()?
            .into_iter()
            .map(|b| (b.id, b.fields.name))
            .collect();
        let body_name = |id: &str| bodies.get(id).cloned().unwrap_or_default();
        let part_of = match &meeting.fields.parent_id {
            Some(parent) => Some(self.meeting(parent)?.fields.title),
            None => None,
        };
        let home_time_zone = self
            .setting_value(SettingKey::HomeTimeZone)?
            .filter(|zone| !zone.trim().is_empty());

        let board = self.board(meeting_id, self.clock.today())?;
        let mut delegation = Vec::with_capacity(board.rows.len());
        for row in &board.rows {
            let a = &row.assignment;
            let person = self.person(&a.fields.person_id)?;
            let travel = if include_travel {
                let details = self.person_travel(&person.id)?;
                let mut travel = Travel {
                    arrival: a.fields.arrival.map(|d| d.to_string()).unwrap_or_default(),
                    departure: a
                        .fields
                        .departure
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    hotel: a.fields.hotel.clone(),
                    notes: a.fields.travel_notes.clone(),
                    ..Travel::default()
                };
                if let Some(details) = details {
                    let t = details.fields;
                    travel.nationality = t.nationality;
                    travel.passport_number = t.passport_number;
                    travel.passport_expiry =
                        t.passport_expiry.map(|d| d.to_string()).unwrap_or_default();
                    travel.dietary_needs = t.dietary_needs;
                    travel.access_needs = t.access_needs;
                }
                Some(travel)
            } else {
                None
            };
            delegation.push(Delegate {
                name: row.person_name.clone(),
                honorifics: person.fields.honorifics,
                role: a.fields.role.label().to_owned(),
                status: a.status.label().to_owned(),
                organization: row.organization.clone(),
                title: person.fields.title,
                email: person.fields.email,
                phone: person.fields.phone,
                travel,
            });
        }

        let items = self.agenda_items(meeting_id)?;
        let numbers: HashMap<&str, (&str, &str)> = items
            .iter()
            .map(|i| {
                (
                    i.id.as_str(),
                    (i.fields.number.as_str(), i.fields.title.as_str()),
                )
            })
            .collect();
        let item_label = |id: &str| {
            numbers
                .get(id)
                .map(|(n, t)| format!("{n} {t}"))
                .unwrap_or_default()
        };

        let schedule = self
            .sessions(meeting_id)?
            .into_iter()
            .map(|s| {
                let (date, from) = split_local(&s.fields.starts_at);
                let (_, to) = split_local(&s.fields.ends_at);
                let home_time = match (
                    &s.times.home_starts_at,
                    &s.times.home_ends_at,
                    &s.times.home_time_zone,
                ) {
                    (Some(a), Some(b), Some(zone)) if *zone != meeting.fields.time_zone => {
                        let (home_date, a) = split_local(a);
                        let (_, b) = split_local(b);
                        let day = if home_date == date {
                            String::new()
                        } else {
                            format!("{home_date} ")
                        };
                        format!("{day}{a}–{b} ({zone})")
                    }
                    _ => String::new(),
                };
                ScheduleEntry {
                    title: s.fields.title,
                    room: s.fields.room,
                    venue_time: format!("{from}–{to}"),
                    date,
                    home_time,
                    items: s
                        .fields
                        .agenda_item_ids
                        .iter()
                        .filter_map(|id| numbers.get(id.as_str()).map(|(n, _)| (*n).to_owned()))
                        .collect(),
                }
            })
            .collect();

        // Documents debated here: named on the meeting or an item, or by a position or statement.
        let mut document_ids: BTreeSet<String> = BTreeSet::new();
        let mut agenda = Vec::with_capacity(items.len());
        let mut documents_by_id: HashMap<String, PolicyDocument> = HashMap::new();
        let mut document = |store: &Store, id: &str| -> Result<PolicyDocument> {
            if let Some(d) = documents_by_id.get(id) {
                return Ok(d.clone());
            }
            let d = store.policy_document(id)?;
            documents_by_id.insert(id.to_owned(), d.clone());
            Ok(d)
        };
        for item in &items {
            let mut positions = Vec::new();
            for p in self.positions_for_agenda_item(&item.id)? {
                let d = document(self, &p.document_id)?;
                document_ids.insert(d.id.clone());
                positions.push(position_entry(&p, &d));
            }
            agenda.push(AgendaEntry {
                number: item.fields.number.clone(),
                title: item.fields.title.clone(),
                depth: item.depth,
                forum: item
                    .fields
                    .forum_body_id
                    .as_deref()
                    .map(&body_name)
                    .unwrap_or_default(),
                priority: item.fields.priority.label().to_owned(),
                notes: item.fields.notes.clone(),
                positions,
            });
        }
        let mut other_positions = Vec::new();
        for p in self.briefing_positions(meeting_id)? {
            let d = document(self, &p.document_id)?;
            document_ids.insert(d.id.clone());
            other_positions.push(position_entry(&p, &d));
        }
        let statements: Vec<StatementEntry> = self
            .statements(meeting_id)?
            .into_iter()
            .map(|s| {
                if let Some(id) = &s.fields.document_id {
                    document_ids.insert(id.clone());
                }
                StatementEntry {
                    agenda_item: item_label(&s.fields.agenda_item_id),
                    title: s.fields.title,
                    speaker: s.fields.speaker,
                    status: s.status.label().to_owned(),
                    mode: s.fields.mode.label().to_owned(),
                    time_limit_minutes: s.fields.time_limit_minutes,
                    word_budget: s.word_budget,
                    word_count: s.word_count,
                    deadline: s
                        .fields
                        .submission_deadline
                        .map(|d| d.replace('T', " "))
                        .unwrap_or_default(),
                    text: s.fields.text,
                }
            })
            .collect();
        document_ids.extend(self.briefing_document_ids(meeting_id)?);
        let mut documents = Vec::with_capacity(document_ids.len());
        for id in &document_ids {
            documents.push(document(self, id)?);
        }
        documents.sort_by(|a, b| {
            (a.fields.policy_type.label(), shown_code(a), &a.fields.title).cmp(&(
                b.fields.policy_type.label(),
                shown_code(b),
                &b.fields.title,
            ))
        });

        let country_notes = if meeting.fields.country.trim().is_empty() {
            Vec::new()
        } else {
            self.country_page(&meeting.fields.country)?.notes
        };
        let action_items = self
            .action_items(meeting_id)?
            .into_iter()
            .filter(|a| a.fields.status == ActionStatus::Open)
            .collect();

        Ok(BriefingBook {
            body: body_name(&meeting.fields.body_id),
            part_of,
            home_time_zone,
            include_travel,
            made_on: self.clock.today(),
            delegation,
            delegation_notes: board.delegation.notes,
            schedule,
            agenda,
            other_positions,
            statements,
            documents,
            country_notes,
            action_items,
            meeting,
        })
    }

    /// Current positions recorded for the meeting but for none of its agenda items.
    fn briefing_positions(&self, meeting_id: &str) -> Result<Vec<Position>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT * FROM ({POSITION_SELECT} WHERE p.meeting_id = ?1 AND p.agenda_item_id IS NULL)
             WHERE current = 1 ORDER BY created_at, id"
        ))?;
        let rows = statement.query_map([meeting_id], position_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Documents named on the meeting or one of its agenda items.
    fn briefing_document_ids(&self, meeting_id: &str) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT d.id FROM policy_document d WHERE d.meeting_id = ?1
             UNION SELECT d.id FROM policy_document d
                 JOIN agenda_item i ON i.id = d.agenda_item_id WHERE i.meeting_id = ?1",
        )?;
        let rows = statement.query_map([meeting_id], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn shown_code(d: &PolicyDocument) -> &str {
    d.handbook_code.as_deref().unwrap_or(&d.fields.code)
}

fn position_entry(p: &Position, d: &PolicyDocument) -> PositionEntry {
    let f = &p.fields;
    let name = if d.fields.short_name.trim().is_empty() {
        d.fields.title.clone()
    } else {
        d.fields.short_name.clone()
    };
    let code = shown_code(d);
    let approved = match (f.approved_by.trim(), &f.approved_on) {
        ("", None) => String::new(),
        (by, Some(on)) if !by.is_empty() => format!("{by}, {on}"),
        (by, None) => by.to_owned(),
        (_, Some(on)) => on.clone(),
    };
    PositionEntry {
        document: if code.is_empty() {
            name
        } else {
            format!("{name} ({code})")
        },
        stance: f.stance.label().to_owned(),
        priority: f.priority.label().to_owned(),
        rationale: f.rationale.clone(),
        red_lines: f.red_lines.clone(),
        fallback: f.fallback.clone(),
        mandate: mandate_words(&f.mandate),
        own_policies: f.own_policies.clone(),
        approved,
    }
}

/// "2027-05-19T10:00" → ("2027-05-19", "10:00").
fn split_local(local: &str) -> (String, String) {
    match local.split_once('T') {
        Some((date, time)) => (date.to_owned(), time.chars().take(5).collect()),
        None => (local.to_owned(), String::new()),
    }
}

#[cfg(test)]
mod tests;
