use super::*;
use crate::meeting::tests::kigali;

fn wha77() -> MeetingFields {
    let mut draft = kigali();
    draft.title = "WHA77".into();
    draft.start_date = "2024-05-27".into();
    draft.end_date = "2024-06-01".into();
    draft.time_zone = "Europe/Zurich".into();
    draft.registration_deadline.clear();
    draft.validate().unwrap()
}

fn session(date: &str, start: &str, end: &str) -> SessionDraft {
    SessionDraft {
        title: "Committee A".into(),
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        room: "Room XVIII".into(),
        agenda_item_ids: vec![],
    }
}

fn fails(draft: SessionDraft, meeting: &MeetingFields, field: &str, words: &str) {
    match draft.validate(meeting) {
        Err(CoreError::Validation(errors)) => {
            assert!(
                errors
                    .iter()
                    .any(|e| e.field == field && e.message.contains(words)),
                "{errors:?} should have {field}: {words}"
            )
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn venue_time_home_time_and_utc_agree() {
    let meeting = wha77();
    let fields = session("2024-05-27", "09:00", "12:30")
        .validate(&meeting)
        .unwrap();
    assert_eq!(
        (fields.starts_at.as_str(), fields.ends_at.as_str()),
        ("2024-05-27T09:00", "2024-05-27T12:30")
    );
    let times = session_times(&fields, &meeting.time_zone, Some("America/Chicago"));
    assert_eq!(times.starts_utc, "2024-05-27T07:00:00Z");
    assert_eq!(times.venue_offset_start, "+02");
    assert_eq!(times.home_starts_at.as_deref(), Some("2024-05-27T02:00"));
    assert_eq!(times.home_ends_at.as_deref(), Some("2024-05-27T05:30"));
    assert_eq!(times.duration_minutes, 210);
    let no_home = session_times(&fields, &meeting.time_zone, None);
    assert_eq!(
        (no_home.home_starts_at, no_home.home_time_zone),
        (None, None)
    );
}

#[test]
fn daylight_saving_changes_come_from_the_time_zone_database() {
    let mut meeting = wha77();
    meeting.start_date = jiff::civil::date(2024, 10, 26);
    meeting.end_date = jiff::civil::date(2024, 10, 27);
    // Autumn: 03:00 summer time becomes 02:00 winter time; 01:30–03:30 lasts three hours.
    let fields = session("2024-10-27", "01:30", "03:30")
        .validate(&meeting)
        .unwrap();
    let times = session_times(&fields, &meeting.time_zone, Some("Asia/Seoul"));
    assert_eq!(times.duration_minutes, 180);
    assert_eq!(
        (
            times.venue_offset_start.as_str(),
            times.venue_offset_end.as_str()
        ),
        ("+02", "+01")
    );
    assert_eq!(times.starts_utc, "2024-10-26T23:30:00Z");
    assert_eq!(times.home_starts_at.as_deref(), Some("2024-10-27T08:30"));
    // The week after, Geneva is 6 hours ahead of Chicago again only once Chicago changes too.
    let chicago = session_times(&fields, &meeting.time_zone, Some("America/Chicago"));
    assert_eq!(chicago.home_starts_at.as_deref(), Some("2024-10-26T18:30"));

    // Spring: 02:00–03:00 does not exist in Zurich on 31 Mar 2024.
    meeting.start_date = jiff::civil::date(2024, 3, 30);
    meeting.end_date = jiff::civil::date(2024, 3, 31);
    fails(
        session("2024-03-31", "02:30", "04:00"),
        &meeting,
        "start_time",
        "does not exist in Europe/Zurich",
    );
    let across = session("2024-03-31", "01:30", "03:30")
        .validate(&meeting)
        .unwrap();
    assert_eq!(
        session_times(&across, &meeting.time_zone, None).duration_minutes,
        60
    );
}

#[test]
fn bad_sessions_are_refused_at_their_field() {
    let meeting = wha77();
    fails(
        session("2024-05-27", "12:00", "09:00"),
        &meeting,
        "end_time",
        "ends before it starts (12:00)",
    );
    fails(
        session("2024-05-27", "09:00", "09:00"),
        &meeting,
        "end_time",
        "ends before it starts",
    );
    fails(
        session("2024-05-26", "09:00", "10:00"),
        &meeting,
        "date",
        "runs from 27 May 2024 to 1 Jun 2024",
    );
    fails(
        session("2024-06-02", "09:00", "10:00"),
        &meeting,
        "date",
        "choose a day within it",
    );
    fails(
        session("27/05/2024", "09:00", "10:00"),
        &meeting,
        "date",
        "YYYY-MM-DD",
    );
    fails(
        session("", "09:00", "10:00"),
        &meeting,
        "date",
        "Enter the session's day",
    );
    for bad in ["9:00", "25:00", "09:60", "0900", "noon", "09:00:00"] {
        fails(
            session("2024-05-27", bad, "18:00"),
            &meeting,
            "start_time",
            "HH:MM",
        );
    }
    fails(
        session("2024-05-27", "09:00", ""),
        &meeting,
        "end_time",
        "Enter the end time",
    );
    let mut long = session("2024-05-27", "09:00", "10:00");
    long.room = "r".repeat(MAX_ROOM + 1);
    fails(long, &meeting, "room", "shorten it");
}

#[test]
fn a_stored_session_reads_back_into_the_same_form() {
    let meeting = wha77();
    let mut draft = session("2024-05-27", "09:00", "12:30");
    draft.agenda_item_ids = vec!["b".into(), "a".into(), "b".into()];
    let fields = draft.validate(&meeting).unwrap();
    assert_eq!(fields.agenda_item_ids, ["a", "b"]);
    let back = SessionDraft::from(&fields);
    assert_eq!(
        (
            back.date.as_str(),
            back.start_time.as_str(),
            back.end_time.as_str()
        ),
        ("2024-05-27", "09:00", "12:30")
    );
}
