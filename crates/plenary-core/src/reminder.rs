//! Reminders shown as system notifications (when the person has turned them on in Settings):
//! which are due on a given day, decided from facts the store gathers. Each reminder names the
//! things it is about by a key that includes the date it concerns, so a thing is reminded of
//! once, and again only if its date changes.

use jiff::civil::Date;
use serde::Serialize;

use crate::assignment::DEADLINE_WARNING_DAYS;
use crate::meeting::human_date;

/// How many days before a seat term ends its reminder comes.
pub const TERM_ENDING_DAYS: i32 = 30;
/// Action items are reminded of the day before they are due.
pub const ACTIONS_DAYS_AHEAD: i32 = 1;
/// At most this many action items are named in one notification.
const ACTIONS_NAMED: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// A meeting's registration closes within 7 days and people are not registered.
    RegistrationClosing,
    /// A statement must be submitted today and has not been.
    StatementDue,
    /// Open action items fall due tomorrow.
    ActionsDue,
    /// A seat term ends within 30 days.
    TermEnding,
}

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub kind: ReminderKind,
    pub title: String,
    pub body: String,
    /// What it reminds of (`registration:<meeting>:<deadline>`, `statement:<id>:<day>`,
    /// `action:<id>:<due>`, `term:<id>:<end>`); recorded once shown so it never comes again.
    pub keys: Vec<String>,
}

/// A meeting whose registration closes soon, with how many assignments are not registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationFact {
    pub meeting_id: String,
    pub meeting_title: String,
    pub deadline: Date,
    pub unregistered: u32,
}

/// A statement not yet submitted, with its submission deadline's day (venue calendar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementFact {
    pub id: String,
    pub title: String,
    pub meeting_title: String,
    pub deadline_day: Date,
    /// The deadline's time of day in venue time (`HH:MM`).
    pub deadline_time: String,
}

/// An open action item with a due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFact {
    pub id: String,
    pub title: String,
    pub meeting_title: String,
    pub due: Date,
}

/// A seat term with an end date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermFact {
    pub id: String,
    pub seat_name: String,
    pub person_name: String,
    pub end: Date,
}

/// What the store found near `today`; [`due`] decides what is reminded of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReminderFacts {
    pub registrations: Vec<RegistrationFact>,
    pub statements: Vec<StatementFact>,
    pub actions: Vec<ActionFact>,
    pub terms: Vec<TermFact>,
}

fn days_between(from: Date, to: Date) -> i32 {
    (to - from).get_days()
}

fn in_days(days: i32, deadline: Date) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        n => format!("in {n} days ({})", human_date(deadline)),
    }
}

/// The reminders due on `today` that have not been shown: `sent` says whether a key was.
pub fn due(
    today: Date,
    facts: &ReminderFacts,
    mut sent: impl FnMut(&str) -> bool,
) -> Vec<Reminder> {
    let mut reminders = Vec::new();

    for fact in &facts.registrations {
        let days = days_between(today, fact.deadline);
        if fact.unregistered == 0 || !(0..=DEADLINE_WARNING_DAYS).contains(&days) {
            continue;
        }
        let key = format!("registration:{}:{}", fact.meeting_id, fact.deadline);
        if sent(&key) {
            continue;
        }
        let who = match fact.unregistered {
            1 => "1 person is".to_owned(),
            n => format!("{n} people are"),
        };
        reminders.push(Reminder {
            kind: ReminderKind::RegistrationClosing,
            title: format!("Registration closes {}", in_days(days, fact.deadline)),
            body: format!("{}: {who} not registered yet.", fact.meeting_title),
            keys: vec![key],
        });
    }

    for fact in &facts.statements {
        if fact.deadline_day != today {
            continue;
        }
        let key = format!("statement:{}:{}", fact.id, fact.deadline_day);
        if sent(&key) {
            continue;
        }
        reminders.push(Reminder {
            kind: ReminderKind::StatementDue,
            title: format!("Statement due today at {} (venue time)", fact.deadline_time),
            body: format!("{} — {}", fact.title, fact.meeting_title),
            keys: vec![key],
        });
    }

    let tomorrow: Vec<(&ActionFact, String)> = facts
        .actions
        .iter()
        .filter(|fact| days_between(today, fact.due) == ACTIONS_DAYS_AHEAD)
        .map(|fact| (fact, format!("action:{}:{}", fact.id, fact.due)))
        .filter(|(_, key)| !sent(key))
        .collect();
    if !tomorrow.is_empty() {
        let mut named: Vec<String> = tomorrow
            .iter()
            .take(ACTIONS_NAMED)
            .map(|(fact, _)| format!("{} ({})", fact.title, fact.meeting_title))
            .collect();
        if tomorrow.len() > ACTIONS_NAMED {
            named.push(format!("and {} more", tomorrow.len() - ACTIONS_NAMED));
        }
        reminders.push(Reminder {
            kind: ReminderKind::ActionsDue,
            title: match tomorrow.len() {
                1 => "1 action item is due tomorrow".to_owned(),
                n => format!("{n} action items are due tomorrow"),
            },
            body: named.join("; "),
            keys: tomorrow.into_iter().map(|(_, key)| key).collect(),
        });
    }

    for fact in &facts.terms {
        let days = days_between(today, fact.end);
        if !(0..=TERM_ENDING_DAYS).contains(&days) {
            continue;
        }
        let key = format!("term:{}:{}", fact.id, fact.end);
        if sent(&key) {
            continue;
        }
        reminders.push(Reminder {
            kind: ReminderKind::TermEnding,
            title: format!("A seat term ends {}", in_days(days, fact.end)),
            body: format!(
                "{} on {} until {}.",
                fact.person_name,
                fact.seat_name,
                human_date(fact.end)
            ),
            keys: vec![key],
        });
    }
    reminders
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use jiff::civil::date;

    use super::*;

    fn facts() -> ReminderFacts {
        ReminderFacts {
            registrations: vec![
                RegistrationFact {
                    meeting_id: "ga".into(),
                    meeting_title: "75th WMA General Assembly".into(),
                    deadline: date(2025, 9, 17),
                    unregistered: 2,
                },
                RegistrationFact {
                    meeting_id: "council".into(),
                    meeting_title: "230th WMA Council Session".into(),
                    deadline: date(2025, 9, 12),
                    unregistered: 0,
                },
            ],
            statements: vec![StatementFact {
                id: "s1".into(),
                title: "Statement on 11.1".into(),
                meeting_title: "WHA78".into(),
                deadline_day: date(2025, 9, 10),
                deadline_time: "09:00".into(),
            }],
            actions: vec![
                ActionFact {
                    id: "a1".into(),
                    title: "Send the brief".into(),
                    meeting_title: "WHA78".into(),
                    due: date(2025, 9, 11),
                },
                ActionFact {
                    id: "a2".into(),
                    title: "Book rooms".into(),
                    meeting_title: "WHA78".into(),
                    due: date(2025, 9, 12),
                },
            ],
            terms: vec![TermFact {
                id: "t1".into(),
                seat_name: "WMA Council".into(),
                person_name: "Dr Amara Okafor".into(),
                end: date(2025, 10, 10),
            }],
        }
    }

    fn kinds(reminders: &[Reminder]) -> Vec<ReminderKind> {
        reminders.iter().map(|r| r.kind).collect()
    }

    #[test]
    fn each_kind_is_due_on_its_day() {
        let reminders = due(date(2025, 9, 10), &facts(), |_| false);
        assert_eq!(
            kinds(&reminders),
            [
                ReminderKind::RegistrationClosing,
                ReminderKind::StatementDue,
                ReminderKind::ActionsDue,
                ReminderKind::TermEnding
            ]
        );
        assert_eq!(
            reminders[0].title,
            "Registration closes in 7 days (17 Sep 2025)"
        );
        assert_eq!(
            reminders[0].body,
            "75th WMA General Assembly: 2 people are not registered yet."
        );
        assert_eq!(reminders[0].keys, ["registration:ga:2025-09-17"]);
        assert_eq!(
            reminders[1].title,
            "Statement due today at 09:00 (venue time)"
        );
        assert_eq!(reminders[2].title, "1 action item is due tomorrow");
        assert_eq!(reminders[2].keys, ["action:a1:2025-09-11"]);
        assert_eq!(
            reminders[3].title,
            "A seat term ends in 30 days (10 Oct 2025)"
        );
        assert_eq!(
            reminders[3].body,
            "Dr Amara Okafor on WMA Council until 10 Oct 2025."
        );
    }

    #[test]
    fn nothing_outside_the_windows() {
        // Eight days before the deadline, a day after the statement, two days before the
        // actions, 31 days before the term ends.
        assert!(due(date(2025, 9, 9), &facts(), |_| false).is_empty());
        // The day after every date has passed.
        assert!(due(date(2025, 10, 11), &facts(), |_| false).is_empty());
        // Registration: everyone registered means no reminder even on the day.
        let on_council_day = due(date(2025, 9, 12), &facts(), |_| false);
        assert!(
            on_council_day
                .iter()
                .all(|r| !r.body.contains("Council Session"))
        );
        // The last day of each window still reminds.
        let last = due(date(2025, 9, 17), &facts(), |_| false);
        assert_eq!(last[0].title, "Registration closes today");
        let term_day = due(date(2025, 10, 10), &facts(), |_| false);
        assert_eq!(term_day[0].title, "A seat term ends today");
    }

    #[test]
    fn a_thing_is_reminded_of_once_and_again_only_if_its_date_moves() {
        let mut sent = HashSet::new();
        let first = due(date(2025, 9, 10), &facts(), |k| sent.contains(k));
        assert_eq!(first.len(), 4);
        sent.extend(first.iter().flat_map(|r| r.keys.clone()));
        assert!(due(date(2025, 9, 10), &facts(), |k| sent.contains(k)).is_empty());
        // The next day: the registration and the term are still in their windows but were
        // reminded of; the second action item is due tomorrow now.
        let next = due(date(2025, 9, 11), &facts(), |k| sent.contains(k));
        assert_eq!(kinds(&next), [ReminderKind::ActionsDue]);
        assert_eq!(next[0].keys, ["action:a2:2025-09-12"]);
        // The deadline moves: a new date is a new reminder.
        let mut moved = facts();
        moved.registrations[0].deadline = date(2025, 9, 15);
        let again = due(date(2025, 9, 11), &moved, |k| sent.contains(k));
        assert_eq!(again[0].keys, ["registration:ga:2025-09-15"]);
    }

    #[test]
    fn many_action_items_make_one_notification() {
        let mut many = ReminderFacts::default();
        for n in 0..5 {
            many.actions.push(ActionFact {
                id: format!("a{n}"),
                title: format!("Task {n}"),
                meeting_title: "WHA78".into(),
                due: date(2025, 1, 2),
            });
        }
        let reminders = due(date(2025, 1, 1), &many, |k| k == "action:a0:2025-01-02");
        assert_eq!(reminders.len(), 1);
        assert_eq!(reminders[0].title, "4 action items are due tomorrow");
        assert_eq!(
            reminders[0].body,
            "Task 1 (WHA78); Task 2 (WHA78); Task 3 (WHA78); and 1 more"
        );
        assert_eq!(reminders[0].keys.len(), 4);
    }
}
