//! Gathers the delegate's report of a meeting from what was recorded (see [`crate::report`]).

use std::collections::HashMap;
use std::path::Path;

use super::Store;
use crate::agenda::AgendaItem;
use crate::error::{CoreError, Result};
use crate::meeting::{MeetingStatus, human_date};
use crate::policy::{Mandate, PolicyDocument};
use crate::record::{Record, RecordKind, RecordStatus};
use crate::report::{
    DelegateReport, EXTENSION, ReportAction, ReportAttendee, ReportItem, ReportPolicyVote,
    ReportPosition, ReportRecord, ReportSession, ReportStatement, describe_vote, file_name,
};
use crate::statement::StatementStatus;

impl Store {
    /// What the report of `meeting_id` holds. Refused for a meeting that has not begun or was
    /// cancelled: there is nothing to report yet.
    pub fn delegate_report(&self, meeting_id: &str) -> Result<DelegateReport> {
        let meeting = self.meeting(meeting_id)?;
        let today = self.clock().today();
        let title = &meeting.fields.title;
        if meeting.fields.status == MeetingStatus::Cancelled {
            return Err(CoreError::Refused(format!(
                "{title} was cancelled, so there is no report to draft."
            )));
        }
        if meeting.fields.start_date > today {
            return Err(CoreError::Refused(format!(
                "{title} begins on {}; its report can be drafted once it has begun.",
                human_date(meeting.fields.start_date)
            )));
        }

        let agenda = self.agenda_items(meeting_id)?;
        let item_label: HashMap<&str, String> = agenda
            .iter()
            .map(|item| (item.id.as_str(), agenda_label(item)))
            .collect();
        let records = self.records(meeting_id)?;
        let in_report = |r: &&Record| r.kind == RecordKind::Outcome || r.for_report;
        let whole_meeting = records
            .iter()
            .filter(|r| r.agenda_item_id.is_none())
            .filter(in_report)
            .map(report_record)
            .collect();

        let mut documents: HashMap<String, PolicyDocument> = HashMap::new();
        let mut items = Vec::with_capacity(agenda.len());
        for item in &agenda {
            let mut positions = Vec::new();
            let mut policy_votes = Vec::new();
            for position in self.positions_for_agenda_item(&item.id)? {
                if !documents.contains_key(&position.document_id) {
                    let document = self.policy_document(&position.document_id)?;
                    documents.insert(position.document_id.clone(), document);
                }
                let document = document_label(&documents[&position.document_id]);
                for vote in self.policy_votes(&position.document_id)? {
                    if vote.fields.meeting_id.as_deref() == Some(meeting_id) {
                        policy_votes.push(ReportPolicyVote {
                            document: document.clone(),
                            forum: vote.fields.forum,
                            vote: describe_vote(&vote.fields.vote),
                            note: vote.fields.note,
                        });
                    }
                }
                let fields = position.fields;
                positions.push(ReportPosition {
                    document,
                    stance: fields.stance.label().to_owned(),
                    red_lines: fields.red_lines,
                    fallback: fields.fallback,
                    mandate: mandate_text(fields.mandate),
                    own_policies: fields.own_policies.join(", "),
                });
            }
            let about_item = records
                .iter()
                .filter(|r| r.agenda_item_id.as_deref() == Some(item.id.as_str()));
            items.push(ReportItem {
                number: item.fields.number.clone(),
                title: item.fields.title.clone(),
                positions,
                outcomes: about_item
                    .clone()
                    .filter(|r| r.kind == RecordKind::Outcome)
                    .map(report_record)
                    .collect(),
                policy_votes,
                notes: about_item
                    .filter(|r| r.kind != RecordKind::Outcome && r.for_report)
                    .map(report_record)
                    .collect(),
            });
        }

        let statements = self
            .statements(meeting_id)?
            .into_iter()
            .filter(|s| s.status == StatementStatus::Delivered)
            .map(|s| {
                let f = s.fields;
                ReportStatement {
                    item: item_label
                        .get(f.agenda_item_id.as_str())
                        .cloned()
                        .unwrap_or_default(),
                    title: f.title,
                    speaker: f.speaker,
                    organization: f.organization,
                    mode: f.mode.label().to_owned(),
                    co_signers: f.co_signers,
                    text: if f.delivered_text.trim().is_empty() {
                        f.text
                    } else {
                        f.delivered_text
                    },
                }
            })
            .collect();

        let actions = self
            .action_items(meeting_id)?
            .into_iter()
            .map(|a| ReportAction {
                item: a
                    .fields
                    .agenda_item_id
                    .as_deref()
                    .and_then(|id| item_label.get(id).cloned())
                    .unwrap_or_else(|| "Whole meeting".to_owned()),
                title: a.fields.title,
                owner: a.fields.owner,
                due: a.fields.due_date.map(human_date).unwrap_or_default(),
                status: a.fields.status.label().to_owned(),
            })
            .collect();

        let attendance = self
            .board(meeting_id, today)?
            .rows
            .into_iter()
            .filter(|row| row.assignment.status.is_active())
            .map(|row| ReportAttendee {
                attended: row.assignment.status == crate::assignment::AssignmentStatus::Attended,
                name: row.person_name,
                organization: row.organization,
                role: row.assignment.fields.role.label().to_owned(),
                status: row.assignment.status.label().to_owned(),
                sessions: row.assignment.fields.attended_sessions,
            })
            .collect();

        let numbers: HashMap<&str, &str> = agenda
            .iter()
            .map(|item| (item.id.as_str(), item.fields.number.as_str()))
            .collect();
        let sessions = self
            .sessions(meeting_id)?
            .into_iter()
            .map(|s| ReportSession {
                when: session_when(&s.fields.starts_at, &s.fields.ends_at),
                items: s
                    .fields
                    .agenda_item_ids
                    .iter()
                    .filter_map(|id| numbers.get(id.as_str()).copied())
                    .collect::<Vec<_>>()
                    .join(", "),
                title: s.fields.title,
                room: s.fields.room,
            })
            .collect();

        let place = [
            [meeting.fields.city.trim(), meeting.fields.country.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            meeting.fields.venue.trim().to_owned(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");

        let author = match self.setting_value(crate::SettingKey::Me)? {
            Some(id) if !id.trim().is_empty() => self
                .person(&id)
                .map(|p| p.fields.full_name)
                .unwrap_or_default(),
            _ => String::new(),
        };
        Ok(DelegateReport {
            file_name: file_name(title),
            meeting_title: title.clone(),
            author,
            dates: crate::assignment::human_date_range(
                meeting.fields.start_date,
                meeting.fields.end_date,
            ),
            place,
            time_zone: meeting.fields.time_zone.clone(),
            whole_meeting,
            items,
            statements,
            actions,
            attendance,
            sessions,
        })
    }

    /// Writes the report of `meeting_id` to `path` (a `.docx`), whole or not at all.
    pub fn write_delegate_report(&self, meeting_id: &str, path: &Path) -> Result<DelegateReport> {
        let is_docx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION));
        if !is_docx {
            return Err(CoreError::Refused(format!(
                "The report is a Word document: give it a name ending in .{EXTENSION}, such as \
                 \"{}\". Nothing was written.",
                file_name("WHA79")
            )));
        }
        let report = self.delegate_report(meeting_id)?;
        let bytes = crate::report::docx::write(&report, &self.clock().now())?;
        crate::portable::write_whole(path, &bytes)?;
        Ok(report)
    }
}

fn agenda_label(item: &AgendaItem) -> String {
    format!("{} {}", item.fields.number, item.fields.title)
}

fn report_record(record: &Record) -> ReportRecord {
    ReportRecord {
        title: record.content.title.clone(),
        kind: record.kind.label().to_owned(),
        author: record.content.author.clone(),
        draft: record.status == RecordStatus::Draft,
        vote: describe_vote(&record.content.vote),
        body: record.content.body.clone(),
    }
}

/// "WHA78.6 · Global strategy on antimicrobial resistance".
fn document_label(document: &PolicyDocument) -> String {
    let code = document
        .handbook_code
        .as_deref()
        .filter(|c| !c.is_empty())
        .unwrap_or(document.fields.code.trim());
    if code.is_empty() {
        document.fields.title.clone()
    } else {
        format!("{code} · {}", document.fields.title)
    }
}

fn mandate_text(mandate: Mandate) -> String {
    [
        (mandate.may_speak, "may speak"),
        (mandate.may_co_sponsor, "may co-sponsor"),
        (mandate.may_vote, "may vote"),
    ]
    .into_iter()
    .filter(|(allowed, _)| *allowed)
    .map(|(_, text)| text)
    .collect::<Vec<_>>()
    .join(", ")
}

/// "Mon 18 May 2026, 09:30–12:30" from venue wall-clock times (`YYYY-MM-DDTHH:MM`).
fn session_when(starts_at: &str, ends_at: &str) -> String {
    let parse = |text: &str| text.parse::<jiff::civil::DateTime>().ok();
    match (parse(starts_at), parse(ends_at)) {
        (Some(start), Some(end)) => {
            let day =
                |d: jiff::civil::DateTime| format!("{} {}", d.strftime("%a"), human_date(d.date()));
            if start.date() == end.date() {
                format!(
                    "{}, {}–{}",
                    day(start),
                    start.strftime("%H:%M"),
                    end.strftime("%H:%M")
                )
            } else {
                format!(
                    "{}, {} – {}, {}",
                    day(start),
                    start.strftime("%H:%M"),
                    day(end),
                    end.strftime("%H:%M")
                )
            }
        }
        _ => format!("{starts_at} – {ends_at}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sessions_read_in_venue_time() {
        assert_eq!(
            super::session_when("2026-05-18T09:30", "2026-05-18T12:30"),
            "Mon 18 May 2026, 09:30–12:30"
        );
        assert_eq!(
            super::session_when("2026-05-18T21:00", "2026-05-19T01:00"),
            "Mon 18 May 2026, 21:00 – Tue 19 May 2026, 01:00"
        );
    }
}
