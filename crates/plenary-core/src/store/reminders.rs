//! Reminders: the facts near a day from the same queries the dashboard uses, what is due
//! ([`crate::reminder::due`]), and the record of what was shown (`reminder_sent`, which stays on
//! this laptop).

use jiff::civil::Date;
use rusqlite::params;

use super::Store;
use super::row::date_at;
use crate::error::Result;
use crate::reminder::{self, ActionFact, Reminder, ReminderFacts, StatementFact, TermFact};

impl Store {
    /// What may call for a reminder on `today`.
    pub fn reminder_facts(&self, today: Date) -> Result<ReminderFacts> {
        let day_after = |days: i64| {
            today
                .checked_add(jiff::Span::new().days(days))
                .unwrap_or(today)
        };
        let tomorrow = day_after(1);

        // Statements not yet submitted whose deadline (venue time, `YYYY-MM-DDTHH:MM`) is today.
        let mut statement = self.conn.prepare_cached(
            "SELECT s.id, s.title, m.title, s.submission_deadline
             FROM statement s JOIN meeting m ON m.id = s.meeting_id
             WHERE s.status IN ('draft', 'internal_review', 'approved')
               AND s.submission_deadline >= ?1 AND s.submission_deadline < ?2
             ORDER BY s.submission_deadline, s.id",
        )?;
        let statements = statement
            .query_map(params![today.to_string(), tomorrow.to_string()], |row| {
                let deadline: String = row.get(3)?;
                Ok(StatementFact {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    meeting_title: row.get(2)?,
                    deadline_day: today,
                    deadline_time: deadline.get(11..16).unwrap_or_default().to_owned(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let mut statement = self.conn.prepare_cached(
            "SELECT a.id, a.title, m.title, a.due_date
             FROM action_item a JOIN meeting m ON m.id = a.meeting_id
             WHERE a.status = 'open' AND a.due_date = ?1
             ORDER BY a.title, a.id",
        )?;
        let actions = statement
            .query_map([tomorrow.to_string()], |row| {
                Ok(ActionFact {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    meeting_title: row.get(2)?,
                    due: date_at(row, 3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let terms = self
            .terms_ending_within(today, reminder::TERM_ENDING_DAYS as u32)?
            .into_iter()
            .filter_map(|view| {
                Some(TermFact {
                    end: view.term.fields.end_date?,
                    id: view.term.id,
                    seat_name: view.seat_name,
                    person_name: view.person_name,
                })
            })
            .collect();

        Ok(ReminderFacts {
            registrations: self.registrations_closing(today)?,
            statements,
            actions,
            terms,
        })
    }

    /// The reminders due on `today` that this laptop has not shown yet.
    pub fn due_reminders(&self, today: Date) -> Result<Vec<Reminder>> {
        let facts = self.reminder_facts(today)?;
        let mut shown = self
            .conn
            .prepare_cached("SELECT 1 FROM reminder_sent WHERE key = ?1")?;
        let mut failure = None;
        let due = reminder::due(today, &facts, |key| {
            shown.exists([key]).unwrap_or_else(|error| {
                failure.get_or_insert(error);
                true
            })
        });
        match failure {
            Some(error) => Err(error.into()),
            None => Ok(due),
        }
    }

    /// Records that these reminders were shown, so they never come again.
    pub fn mark_reminders_sent(&mut self, keys: &[String]) -> Result<()> {
        self.write(|w| {
            for key in keys {
                w.conn().execute(
                    "INSERT OR IGNORE INTO reminder_sent (key, sent_at) VALUES (?1, ?2)",
                    params![key, w.at()],
                )?;
            }
            Ok(())
        })
    }
}
