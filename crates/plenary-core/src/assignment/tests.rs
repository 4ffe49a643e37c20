use super::overlap::{Span, overlaps};
use super::*;
use jiff::civil::date;

#[test]
fn touching_dates_count_as_overlap() {
    let ga = Span {
        start: date(2023, 10, 4),
        end: date(2023, 10, 7),
        time_zone: "Africa/Kigali",
    };
    let on_6th = Span {
        start: date(2023, 10, 6),
        end: date(2023, 10, 6),
        time_zone: "Africa/Kigali",
    };
    let starts_on_last_day = Span {
        start: date(2023, 10, 7),
        end: date(2023, 10, 9),
        time_zone: "Africa/Kigali",
    };
    let ends_on_first_day = Span {
        start: date(2023, 10, 1),
        end: date(2023, 10, 4),
        time_zone: "Europe/Zurich",
    };
    let day_after = Span {
        start: date(2023, 10, 8),
        end: date(2023, 10, 9),
        time_zone: "Africa/Kigali",
    };
    assert!(overlaps(ga, on_6th));
    assert!(overlaps(on_6th, ga));
    assert!(overlaps(ga, starts_on_last_day));
    assert!(overlaps(ga, ends_on_first_day));
    assert!(!overlaps(ga, day_after));
}

#[test]
fn different_time_zones_overlap_in_real_time() {
    // Ends at midnight 5/6 Oct in Los Angeles (07:00 UTC on 6 Oct); starts at midnight 6 Oct in
    // Tokyo (15:00 UTC on 5 Oct): the two overlap by 16 hours although their dates do not touch.
    let los_angeles = Span {
        start: date(2023, 10, 3),
        end: date(2023, 10, 5),
        time_zone: "America/Los_Angeles",
    };
    let tokyo = Span {
        start: date(2023, 10, 6),
        end: date(2023, 10, 7),
        time_zone: "Asia/Tokyo",
    };
    assert!(overlaps(los_angeles, tokyo));
    assert!(overlaps(tokyo, los_angeles));
    // The other way round there is a full day between them.
    let tokyo_first = Span {
        start: date(2023, 10, 3),
        end: date(2023, 10, 5),
        time_zone: "Asia/Tokyo",
    };
    let los_angeles_after = Span {
        start: date(2023, 10, 6),
        end: date(2023, 10, 7),
        time_zone: "America/Los_Angeles",
    };
    assert!(!overlaps(tokyo_first, los_angeles_after));
    // Back to back in one zone is fine.
    let geneva = Span {
        start: date(2024, 5, 27),
        end: date(2024, 6, 1),
        time_zone: "Europe/Zurich",
    };
    let eb = Span {
        start: date(2024, 6, 2),
        end: date(2024, 6, 4),
        time_zone: "Europe/Zurich",
    };
    assert!(!overlaps(geneva, eb));
}

#[test]
fn the_workflow_allows_only_its_moves() {
    use AssignmentStatus::*;
    let allowed = [
        (Proposed, Invited),
        (Proposed, Confirmed),
        (Invited, Confirmed),
        (Confirmed, Registered),
        (Registered, Credentialed),
        (Credentialed, Attended),
        (Proposed, Declined),
        (Registered, Cancelled),
        (Declined, Proposed),
        (Cancelled, Proposed),
    ];
    for (from, to) in allowed {
        assert!(from.may_become(to), "{from:?} → {to:?}");
    }
    let refused = [
        (Proposed, Attended),
        (Proposed, Registered),
        (Invited, Credentialed),
        (Attended, Cancelled),
        (Declined, Confirmed),
        (Confirmed, Proposed),
        (Credentialed, Declined),
        (Proposed, Proposed),
    ];
    for (from, to) in refused {
        assert!(!from.may_become(to), "{from:?} → {to:?}");
    }
    assert_eq!(
        Proposed.refusal(Attended),
        "An assignment cannot go from Proposed to Attended. From Proposed it can go to: Invited, Confirmed, Declined, Cancelled."
    );
    assert!(
        Attended
            .refusal(Cancelled)
            .contains("cannot change any more")
    );
}

#[test]
fn caps_warn_only_above_the_cap() {
    assert_eq!(cap_warning("m", "WHA77", Some(6), 6), None);
    let warning = cap_warning("m", "WHA77", Some(6), 7).unwrap();
    assert_eq!(warning.kind, WarningKind::OverCap);
    assert_eq!(
        warning.message,
        "7 people are assigned to WHA77, more than its cap of 6 badges."
    );
    assert_eq!(cap_warning("m", "WHA77", None, 70), None);
}

#[test]
fn deadlines_warn_within_seven_days_with_people_to_register() {
    let deadline = Some(date(2024, 5, 13));
    let warn = |today, unregistered| deadline_warning("m", "WHA77", deadline, today, unregistered);
    assert!(warn(date(2024, 5, 6), 2).is_some());
    assert!(warn(date(2024, 5, 5), 2).is_none());
    assert!(
        warn(date(2024, 5, 13), 1)
            .unwrap()
            .message
            .contains("closes today; 1 assignment is")
    );
    assert!(warn(date(2024, 5, 14), 2).is_none());
    assert!(warn(date(2024, 5, 10), 0).is_none());
    assert_eq!(warn(date(2024, 5, 4), 2).map(|w| w.message), None);
    assert_eq!(
        warn(date(2024, 5, 9), 2).unwrap().message,
        "Registration for WHA77 closes in 4 days (13 May 2024); 2 assignments are not registered yet."
    );
}

#[test]
fn assignment_drafts_report_every_problem() {
    let draft = AssignmentDraft {
        arrival: "2023-10-05".into(),
        departure: "2023-10-03".into(),
        registration_submitted_on: "yesterday".into(),
        ..AssignmentDraft::default()
    };
    let Err(CoreError::Validation(errors)) = draft.validate() else {
        panic!()
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "meeting_id",
            "person_id",
            "role",
            "registration_submitted_on",
            "departure"
        ]
    );
}

#[test]
fn delegation_caps_are_whole_numbers() {
    for bad in ["0", "six", "-1", "1.5", "100000"] {
        let draft = DelegationDraft {
            badge_cap: bad.into(),
            ..Default::default()
        };
        assert!(draft.validate().is_err(), "{bad}");
    }
    let draft = DelegationDraft {
        badge_cap: " 6 ".into(),
        ..Default::default()
    };
    assert_eq!(draft.validate().unwrap().0, Some(6));
}
