//! Calendars read back by an independent parser (the `ical` crate): instants, all-day dates,
//! identities and sequences, cancellations.

use std::collections::BTreeMap;

use jiff::civil::{Date, date};

use super::*;
use crate::assignment::{AssignmentDraft, AssignmentStatus, Role};
use crate::people::{PersonDraft, PersonKind};
use crate::{MeetingDraft, SessionDraft, SettingKey};

const TODAY: Date = date(2027, 6, 1);

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    (dir, store)
}

/// A Geneva meeting across the end of European summer time (31 October 2027).
fn geneva() -> MeetingDraft {
    MeetingDraft {
        body_id: "other".into(),
        title: "Geneva consultation".into(),
        city: "Geneva".into(),
        country: "CH".into(),
        venue: "Palais des Nations".into(),
        start_date: "2027-10-29".into(),
        end_date: "2027-11-02".into(),
        time_zone: "Europe/Zurich".into(),
        registration_deadline: "2027-10-01".into(),
        ..MeetingDraft::default()
    }
}

fn session(title: &str, day: &str) -> SessionDraft {
    SessionDraft {
        title: title.into(),
        date: day.into(),
        start_time: "10:00".into(),
        end_time: "12:30".into(),
        room: "Room XX".into(),
        agenda_item_ids: Vec::new(),
    }
}

/// Each event's properties by name (the first of each), as the independent parser reads them.
fn events(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("it parses");
    assert!(parser.next().is_none());
    calendar
        .events
        .into_iter()
        .map(|event| {
            let mut fields = BTreeMap::new();
            for p in event.properties {
                let params = p
                    .params
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, v)| format!(";{k}={}", v.join(",")))
                    .collect::<String>();
                fields
                    .entry(p.name.clone())
                    .or_insert(format!("{params}:{}", p.value.unwrap_or_default()));
            }
            fields
        })
        .collect()
}

fn by_summary<'a>(
    events: &'a [BTreeMap<String, String>],
    start: &str,
) -> &'a BTreeMap<String, String> {
    events
        .iter()
        .find(|e| e["SUMMARY"].starts_with(&format!(":{start}")))
        .unwrap_or_else(|| panic!("no event {start}: {events:#?}"))
}

#[test]
fn a_meeting_and_its_sessions_land_at_the_right_instants_across_a_daylight_saving_change() {
    let (_dir, mut store) = fresh();
    store
        .set_setting(SettingKey::HomeTimeZone, "America/Chicago", None)
        .unwrap();
    let meeting = store.create_meeting(&geneva()).unwrap();
    store
        .create_session(&meeting.id, &session("Opening", "2027-10-30"))
        .unwrap();
    store
        .create_session(&meeting.id, &session("Closing", "2027-11-01"))
        .unwrap();

    let file = store
        .calendar(
            &CalendarScope::Meeting {
                meeting_id: meeting.id.clone(),
            },
            TODAY,
        )
        .unwrap();
    assert_eq!(file.file_name, "Geneva consultation.ics");
    assert_eq!(file.events, 3);
    assert!(file.text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        file.text.lines().all(|line| line.len() <= 75),
        "{}",
        file.text
    );
    let events = events(&file.text);

    // The meeting: all day, DTEND the day after the last day.
    let whole = by_summary(&events, "Geneva consultation");
    assert_eq!(whole["DTSTART"], ";VALUE=DATE:20271029");
    assert_eq!(whole["DTEND"], ";VALUE=DATE:20271103");
    assert_eq!(whole["UID"], format!(":{}@org.plenary.desktop", meeting.id));
    assert_eq!(whole["SEQUENCE"], ":0");
    assert_eq!(whole["STATUS"], ":CONFIRMED");
    assert_eq!(whole["LOCATION"], ":Palais des Nations\\, Geneva\\, CH");
    assert!(whole["DESCRIPTION"].contains("Registration closes 2027-10-01"));

    // 10:00 in Geneva is 08:00 UTC in summer time and 09:00 UTC after it ends.
    let opening = by_summary(&events, "Opening");
    assert_eq!(opening["DTSTART"], ":20271030T080000Z");
    assert_eq!(opening["DTEND"], ":20271030T103000Z");
    let closing = by_summary(&events, "Closing");
    assert_eq!(closing["DTSTART"], ":20271101T090000Z");
    assert_eq!(closing["DTEND"], ":20271101T113000Z");
    assert_eq!(closing["SUMMARY"], ":Closing — Geneva consultation");
    assert_eq!(
        closing["LOCATION"],
        ":Room XX\\, Palais des Nations\\, Geneva\\, CH"
    );
    // Home (Chicago keeps summer time a week longer): 03:00 before, 04:00 after.
    assert!(
        opening["DESCRIPTION"].contains("03:00–05:30 at home (America/Chicago)"),
        "{opening:?}"
    );
    assert!(
        closing["DESCRIPTION"].contains("04:00–06:30 at home (America/Chicago)"),
        "{closing:?}"
    );
    assert!(closing["DESCRIPTION"].contains("10:00–12:30 at the venue (Europe/Zurich)"));
}

#[test]
fn exporting_again_updates_the_same_events_and_a_cancelled_meeting_says_so() {
    let (_dir, mut store) = fresh();
    let meeting = store.create_meeting(&geneva()).unwrap();
    let scope = CalendarScope::Office { year: Some(2027) };
    let first = store.calendar(&scope, TODAY).unwrap();
    // Nothing changed: the same text, byte for byte.
    assert_eq!(store.calendar(&scope, TODAY).unwrap(), first);

    let mut draft = geneva();
    draft.status = MeetingStatus::Cancelled;
    store
        .update_meeting(&meeting.id, meeting.version, &draft)
        .unwrap();
    let again = store.calendar(&scope, TODAY).unwrap();
    let (before, after) = (&events(&first.text)[0], &events(&again.text)[0]);
    assert_eq!(before["UID"], after["UID"]);
    assert_eq!(before["SEQUENCE"], ":0");
    assert_eq!(after["SEQUENCE"], ":1");
    assert_eq!(after["STATUS"], ":CANCELLED");

    // Another year holds none of it; every year holds it.
    assert_eq!(
        store
            .calendar(&CalendarScope::Office { year: Some(2026) }, TODAY)
            .unwrap()
            .events,
        0
    );
    let all = store
        .calendar(&CalendarScope::Office { year: None }, TODAY)
        .unwrap();
    assert_eq!((all.events, all.file_name.as_str()), (1, "Meetings.ics"));
}

fn my_calendar(store: &Store) -> CalendarFile {
    let scope = CalendarScope::Mine {
        include_past: false,
    };
    store.calendar(&scope, TODAY).unwrap()
}

#[test]
fn my_assignments_are_mine_with_my_role_and_need_a_me() {
    let (_dir, mut store) = fresh();
    let meeting = store.create_meeting(&geneva()).unwrap();
    let error = store
        .calendar(
            &CalendarScope::Mine {
                include_past: false,
            },
            TODAY,
        )
        .unwrap_err();
    assert!(error.to_string().contains("Settings → Me"), "{error}");

    let amina = store
        .create_person(&PersonDraft {
            kind: Some(PersonKind::Representative),
            full_name: "Amina Ngũgĩ".into(),
            ..PersonDraft::default()
        })
        .unwrap();
    store.set_setting(SettingKey::Me, &amina.id, None).unwrap();
    let saved = store
        .create_assignment(
            &AssignmentDraft {
                meeting_id: meeting.id.clone(),
                person_id: amina.id.clone(),
                role: Some(Role::HeadOfDelegation),
                ..Default::default()
            },
            AssignmentStatus::Proposed,
            TODAY,
        )
        .unwrap();
    let file = my_calendar(&store);
    assert_eq!(file.file_name, "Amina Ngũgĩ assignments.ics");
    let first = events(&file.text);
    assert_eq!(first.len(), 1);
    let mine = &first[0];
    assert_eq!(
        mine["SUMMARY"],
        ":Geneva consultation: Head of delegation (Proposed)"
    );
    assert_eq!(
        mine["UID"],
        format!(":{}@org.plenary.desktop", saved.assignment.id)
    );
    assert_eq!(mine["DTEND"], ";VALUE=DATE:20271103");
    assert_eq!(mine["SEQUENCE"], ":0");

    // Invited, then the meeting moves a day: the same event, a higher sequence each time.
    store
        .change_status(
            &[(saved.assignment.id.clone(), saved.assignment.version)],
            AssignmentStatus::Invited,
            TODAY,
        )
        .unwrap();
    let mut later = geneva();
    later.end_date = "2027-11-03".into();
    store
        .update_meeting(&meeting.id, meeting.version, &later)
        .unwrap();
    let file = my_calendar(&store);
    let again = &events(&file.text)[0];
    assert_eq!(again["UID"], mine["UID"]);
    assert_eq!(again["SEQUENCE"], ":2");
    assert_eq!(
        again["SUMMARY"],
        ":Geneva consultation: Head of delegation (Invited)"
    );
    assert_eq!(again["DTEND"], ";VALUE=DATE:20271104");
}

#[test]
fn file_names_are_safe_on_every_file_system() {
    assert_eq!(file_safe("WHA78: A/B sessions?"), "WHA78- A-B sessions-");
    assert_eq!(file_safe(" .. "), "Plenary");
    assert_eq!(file_safe("Assemblée 2027"), "Assemblée 2027");
}
