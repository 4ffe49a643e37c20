//! The dashboard: what needs attention today.

use jiff::civil::Date;
use rusqlite::params;
use serde::Serialize;

use super::Store;
use super::actions::{COLUMNS as ACTION_COLUMNS, action_from_row};
use crate::action::ActionItem;
use crate::error::Result;
use crate::meeting::Meeting;
use crate::record::RecordKind;

/// How far ahead the dashboard looks for meetings, and for action items falling due.
pub const MEETINGS_AHEAD_DAYS: i32 = 90;
pub const ACTIONS_AHEAD_DAYS: i32 = 14;
/// Longest list shown in one part of the dashboard (the total is given beside it, and each
/// meeting's tabs list them all). Twenty reads at a glance; fifty overdue items and fifty drafts
/// made a board of 500 elements that took 25–30 ms to lay out and paint on every visit.
pub const LIST_LIMIT: u32 = 20;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UpcomingMeeting {
    pub meeting: Meeting,
    /// Days until it starts (0 or less: in session).
    pub days_to_start: i32,
    /// Days until registration closes, when it has not closed yet.
    pub registration_days_left: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionOnDashboard {
    pub item: ActionItem,
    pub meeting_title: String,
    /// Days until due; negative when overdue.
    pub days_left: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftAfterMeeting {
    pub record_id: String,
    pub meeting_id: String,
    pub meeting_title: String,
    pub title: String,
    pub kind: RecordKind,
    /// The day the meeting ended.
    pub meeting_ended: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    /// The day the dashboard was made for (ISO).
    pub today: String,
    pub upcoming_meetings: Vec<UpcomingMeeting>,
    pub overdue_actions: Vec<ActionOnDashboard>,
    pub upcoming_actions: Vec<ActionOnDashboard>,
    pub drafts_after_meetings: Vec<DraftAfterMeeting>,
    /// How many overdue action items and drafts there are in all (each list shows 20 at most).
    pub overdue_actions_total: u32,
    pub drafts_after_meetings_total: u32,
}

impl Store {
    pub fn dashboard(&self, today: Date) -> Result<Dashboard> {
        let days_between = |a: Date, b: Date| (b - a).get_days();
        let horizon = today
            .checked_add(jiff::Span::new().days(MEETINGS_AHEAD_DAYS))
            .unwrap_or(today);
        let upcoming_meetings = self
            .meetings_between(today, horizon)?
            .into_iter()
            .map(|meeting| {
                let days_to_start = days_between(today, meeting.fields.start_date);
                let registration_days_left = meeting
                    .fields
                    .registration_deadline
                    .map(|d| days_between(today, d))
                    .filter(|d| *d >= 0);
                UpcomingMeeting {
                    meeting,
                    days_to_start,
                    registration_days_left,
                }
            })
            .collect();

        let action_horizon = today
            .checked_add(jiff::Span::new().days(ACTIONS_AHEAD_DAYS))
            .unwrap_or(today);
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {}, m.title FROM action_item a JOIN meeting m ON m.id = a.meeting_id
             WHERE a.status = 'open' AND a.due_date IS NOT NULL AND a.due_date <= ?1
             ORDER BY a.due_date DESC LIMIT 200",
            ACTION_COLUMNS
                .split(", ")
                .map(|c| format!("a.{}", c.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
        let actions: Vec<(ActionItem, String)> = statement
            .query_map([action_horizon.to_string()], |row| {
                Ok((action_from_row(row)?, row.get(12)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let (mut overdue_actions, mut upcoming_actions) = (Vec::new(), Vec::new());
        for (item, meeting_title) in actions {
            let days_left = item
                .fields
                .due_date
                .map(|d| days_between(today, d))
                .unwrap_or(0);
            let entry = ActionOnDashboard {
                item,
                meeting_title,
                days_left,
            };
            if days_left < 0 {
                overdue_actions.push(entry)
            } else {
                upcoming_actions.push(entry)
            }
        }
        // Fetched newest due date first, so what has just fallen due comes before years-old items;
        // what is due soon reads soonest first.
        upcoming_actions.reverse();
        overdue_actions.truncate(LIST_LIMIT as usize);
        let overdue_actions_total: u32 = self.conn.query_row(
            "SELECT count(*) FROM action_item WHERE status = 'open' AND due_date < ?1",
            [today.to_string()],
            |r| r.get(0),
        )?;

        let mut statement = self.conn.prepare_cached(
            "SELECT r.id, r.meeting_id, m.title, v.title, r.kind, m.end_date
             FROM meeting m
             -- CROSS JOIN keeps this order: walk meetings from the latest ended back, and stop
             -- after the first drafts the board shows instead of sorting every draft ever left.
             CROSS JOIN record r ON r.meeting_id = m.id AND r.status = 'draft'
             CROSS JOIN record_version v ON v.record_id = r.id AND v.number = r.current_version
             WHERE m.end_date < ?1
             ORDER BY m.end_date DESC, m.id LIMIT ?2",
        )?;
        let drafts_after_meetings = statement
            .query_map(params![today.to_string(), LIST_LIMIT], |row| {
                Ok(DraftAfterMeeting {
                    record_id: row.get(0)?,
                    meeting_id: row.get(1)?,
                    meeting_title: row.get(2)?,
                    title: row.get(3)?,
                    kind: super::row::enum_at(row, 4)?,
                    meeting_ended: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let drafts_after_meetings_total: u32 = self.conn.query_row(
            "SELECT count(*) FROM meeting m JOIN record r ON r.meeting_id = m.id AND r.status = 'draft'
             WHERE m.end_date < ?1",
            [today.to_string()],
            |r| r.get(0),
        )?;
        Ok(Dashboard {
            today: today.to_string(),
            upcoming_meetings,
            overdue_actions,
            upcoming_actions,
            drafts_after_meetings,
            overdue_actions_total,
            drafts_after_meetings_total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::ActionItemDraft;
    use crate::meeting::tests::kigali;
    use crate::record::RecordDraft;

    #[test]
    fn the_dashboard_shows_what_needs_attention() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let today = jiff::civil::date(2024, 5, 18);
        let mut wha = kigali();
        wha.title = "WHA77".into();
        wha.start_date = "2024-05-27".into();
        wha.end_date = "2024-06-01".into();
        wha.registration_deadline = "2024-05-27".into();
        let wha = store.create_meeting(&wha).unwrap();
        let mut far = kigali();
        far.title = "75th WMA General Assembly".into();
        far.start_date = "2024-10-16".into();
        far.end_date = "2024-10-19".into();
        far.registration_deadline.clear();
        store.create_meeting(&far).unwrap();
        let past = store.create_meeting(&kigali()).unwrap();

        let due = |title: &str, date: &str| ActionItemDraft {
            title: title.into(),
            due_date: date.into(),
            ..Default::default()
        };
        store
            .create_action_item(&past.id, &due("Report on Kigali", "2023-11-01"))
            .unwrap();
        store
            .create_action_item(&wha.id, &due("Send the statement", "2024-05-20"))
            .unwrap();
        store
            .create_action_item(&wha.id, &due("Book rooms", "2024-07-01"))
            .unwrap();
        store
            .create_record(
                &past.id,
                &RecordDraft {
                    title: "Kigali debrief".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        store
            .create_record(
                &wha.id,
                &RecordDraft {
                    title: "WHA77 notes".into(),
                    ..Default::default()
                },
            )
            .unwrap();

        let board = store.dashboard(today).unwrap();
        let titles: Vec<_> = board
            .upcoming_meetings
            .iter()
            .map(|u| u.meeting.fields.title.as_str())
            .collect();
        assert_eq!(titles, ["WHA77"]);
        assert_eq!(
            (
                board.upcoming_meetings[0].days_to_start,
                board.upcoming_meetings[0].registration_days_left
            ),
            (9, Some(9))
        );
        assert_eq!(board.overdue_actions.len(), 1);
        assert_eq!(
            (
                board.overdue_actions[0].meeting_title.as_str(),
                board.overdue_actions[0].days_left
            ),
            ("74th WMA General Assembly", -199)
        );
        assert_eq!(
            board
                .upcoming_actions
                .iter()
                .map(|a| a.item.fields.title.as_str())
                .collect::<Vec<_>>(),
            ["Send the statement"]
        );
        assert_eq!(
            board
                .drafts_after_meetings
                .iter()
                .map(|d| d.title.as_str())
                .collect::<Vec<_>>(),
            ["Kigali debrief"]
        );
        assert_eq!(
            (
                board.overdue_actions_total,
                board.drafts_after_meetings_total
            ),
            (1, 1)
        );
    }

    #[test]
    fn long_lists_stop_at_the_limit_with_the_most_recent_first_and_their_totals() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let today = jiff::civil::date(2024, 5, 18);
        let past = store.create_meeting(&kigali()).unwrap();
        let many = LIST_LIMIT + 5;
        for n in 1..=many {
            store
                .create_action_item(
                    &past.id,
                    &ActionItemDraft {
                        title: format!("Follow-up {n}"),
                        due_date: format!("2024-04-{n:02}"),
                        ..Default::default()
                    },
                )
                .unwrap();
            store
                .create_record(
                    &past.id,
                    &RecordDraft {
                        title: format!("Draft {n}"),
                        ..Default::default()
                    },
                )
                .unwrap();
        }
        let board = store.dashboard(today).unwrap();
        assert_eq!(board.overdue_actions.len(), LIST_LIMIT as usize);
        assert_eq!(board.drafts_after_meetings.len(), LIST_LIMIT as usize);
        assert_eq!(
            (
                board.overdue_actions_total,
                board.drafts_after_meetings_total
            ),
            (many, many)
        );
        assert_eq!(
            board.overdue_actions[0].item.fields.title,
            format!("Follow-up {many}"),
            "the most recently due first"
        );
    }
}
