use super::*;

/// The 74th WMA General Assembly as a person would type it.
pub(crate) fn kigali() -> MeetingDraft {
    MeetingDraft {
        body_id: "wma_general_assembly".into(),
        parent_id: String::new(),
        ordinal: "74".into(),
        title: "74th WMA General Assembly".into(),
        city: "Kigali".into(),
        country: "Rwanda".into(),
        venue: "Kigali Convention Centre".into(),
        start_date: "2023-10-04".into(),
        end_date: "2023-10-07".into(),
        time_zone: "Africa/Kigali".into(),
        format: MeetingFormat::InPerson,
        status: MeetingStatus::Concluded,
        registration_deadline: "2023-09-01".into(),
        notes: String::new(),
    }
}

/// Applies `change` to a valid draft and checks the fields that fail, with a word of each message.
fn check(change: impl FnOnce(&mut MeetingDraft), expected: &[(&str, &str)]) {
    let mut draft = kigali();
    change(&mut draft);
    match draft.validate() {
        Ok(_) if expected.is_empty() => {}
        Ok(fields) => panic!("expected {expected:?}, but {fields:?} was accepted"),
        Err(CoreError::Validation(errors)) => {
            let got: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            let want: Vec<&str> = expected.iter().map(|(field, _)| *field).collect();
            assert_eq!(got, want, "fields in error: {errors:?}");
            for (error, (_, word)) in errors.iter().zip(expected) {
                assert!(
                    error.message.contains(word),
                    "{:?} should mention {word:?}",
                    error.message
                );
            }
        }
        Err(other) => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn accepts_a_complete_meeting_and_trims_it() {
    check(|_| {}, &[]);
    let mut draft = kigali();
    draft.title = "  74th WMA General Assembly ".into();
    draft.ordinal = " 74 ".into();
    let fields = draft.validate().unwrap();
    assert_eq!(fields.title, "74th WMA General Assembly");
    assert_eq!(fields.ordinal, Some(74));
    assert_eq!(fields.start_date, jiff::civil::date(2023, 10, 4));
    assert_eq!(
        fields.registration_deadline,
        Some(jiff::civil::date(2023, 9, 1))
    );
}

#[test]
fn optional_fields_may_be_empty() {
    check(
        |d| {
            d.ordinal.clear();
            d.city.clear();
            d.country.clear();
            d.venue.clear();
            d.registration_deadline.clear();
        },
        &[],
    );
}

#[test]
fn one_day_meetings_and_deadline_on_the_first_day_are_fine() {
    check(
        |d| {
            d.end_date = d.start_date.clone();
            d.registration_deadline = d.start_date.clone();
        },
        &[],
    );
}

#[test]
fn required_fields_are_named() {
    check(|d| d.body_id = " ".into(), &[("body_id", "Choose")]);
    check(|d| d.title = "   ".into(), &[("title", "Enter a title")]);
    check(
        |d| d.start_date.clear(),
        &[("start_date", "Enter the start date")],
    );
    check(
        |d| d.end_date.clear(),
        &[("end_date", "Enter the end date")],
    );
    check(
        |d| d.time_zone.clear(),
        &[("time_zone", "Choose the venue's time zone")],
    );
}

#[test]
fn every_problem_is_reported_at_once_in_form_order() {
    check(
        |d| *d = MeetingDraft::default(),
        &[
            ("body_id", "Choose"),
            ("title", "Enter"),
            ("start_date", "Enter"),
            ("end_date", "Enter"),
            ("time_zone", "Choose"),
        ],
    );
}

#[test]
fn end_before_start_is_refused_at_the_end_date() {
    check(
        |d| d.end_date = "2023-10-03".into(),
        &[("end_date", "before the start date (4 Oct 2023)")],
    );
}

#[test]
fn deadline_after_start_is_refused() {
    check(
        |d| d.registration_deadline = "2023-10-05".into(),
        &[("registration_deadline", "after the meeting starts")],
    );
}

#[test]
fn malformed_dates_are_refused() {
    for bad in [
        "04/10/2023",
        "2023-10-4",
        "2023-13-01",
        "2023-02-30",
        "yesterday",
        "2023-10-04T00:00",
        "１２３４-10-04",
    ] {
        check(
            |d| d.start_date = bad.into(),
            &[("start_date", "The start date is not")],
        );
    }
    check(
        |d| d.start_date = "1850-01-01".into(),
        &[("start_date", "from 1900 to 2200")],
    );
    check(
        |d| d.registration_deadline = "soon".into(),
        &[("registration_deadline", "YYYY-MM-DD")],
    );
}

#[test]
fn ordinal_must_be_a_positive_whole_number() {
    for bad in [
        "0",
        "-3",
        "7.5",
        "abc",
        "+7",
        "1e2",
        "10000",
        "99999999999",
        "٧٤",
    ] {
        check(|d| d.ordinal = bad.into(), &[("ordinal", "whole number")]);
    }
    check(|d| d.ordinal = "9999".into(), &[]);
}

#[test]
fn unknown_time_zones_are_refused() {
    check(
        |d| d.time_zone = "Africa/Wakanda".into(),
        &[("time_zone", "not a known time zone")],
    );
    check(
        |d| d.time_zone = "Kigali".into(),
        &[("time_zone", "Did you mean Africa/Kigali?")],
    );
}

#[test]
fn long_text_is_refused_with_the_limit() {
    check(
        |d| d.title = "x".repeat(MAX_TITLE + 1),
        &[("title", "shorten it to 200")],
    );
    check(
        |d| d.venue = "é".repeat(MAX_PLACE + 1),
        &[("venue", "201 characters")],
    );
    check(
        |d| d.notes = "n".repeat(MAX_NOTES + 1),
        &[("notes", "20000")],
    );
    check(|d| d.title = "é".repeat(MAX_TITLE), &[]);
}

#[test]
fn markup_and_non_latin_text_are_kept_as_typed() {
    let mut draft = kigali();
    draft.title = "<script>alert(1)</script> Assemblée 세계의사회 الجمعية".into();
    draft.city = "Ngũgĩ".into();
    let fields = draft.validate().unwrap();
    assert_eq!(fields.title, draft.title);
    assert_eq!(fields.city, "Ngũgĩ");
}

#[test]
fn ordinals_get_english_suffixes() {
    for (n, text) in [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (74, "74th"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (223, "223rd"),
    ] {
        assert_eq!(ordinal_suffixed(n), text);
    }
}

#[test]
fn a_stored_meeting_round_trips_to_the_same_draft() {
    let draft = kigali();
    let fields = draft.validate().unwrap();
    assert_eq!(MeetingDraft::from(&fields), draft);
}
