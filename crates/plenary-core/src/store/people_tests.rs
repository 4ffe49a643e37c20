//! People, organizations and assignments on temporary database files.

use jiff::civil::{Date, date};

use super::*;
use crate::assignment::export::{ExportField, ExportRequest};
use crate::assignment::{AssignmentDraft, AssignmentStatus, DelegationDraft, Role, WarningKind};
use crate::meeting::MeetingDraft;
use crate::organization::{
    CountryNoteDraft, OrganizationDraft, OrganizationKind, SeatDraft, SeatKind, TermDraft,
};
use crate::people::{PersonDraft, PersonKind, TravelDraft};
use crate::{CoreError, SettingKey};

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    (dir, store)
}

fn person(name: &str) -> PersonDraft {
    PersonDraft {
        kind: Some(PersonKind::Representative),
        full_name: name.into(),
        ..PersonDraft::default()
    }
}

fn meeting(title: &str, start: &str, end: &str, zone: &str) -> MeetingDraft {
    MeetingDraft {
        body_id: "other".into(),
        parent_id: String::new(),
        title: title.into(),
        start_date: start.into(),
        end_date: end.into(),
        time_zone: zone.into(),
        ..MeetingDraft::default()
    }
}

fn kigali() -> MeetingDraft {
    let mut draft = crate::meeting::tests::kigali();
    draft.registration_deadline = "2023-09-20".into();
    draft
}

fn assign(store: &mut Store, meeting: &str, person: &str, role: Role) -> AssignmentSaved {
    store
        .create_assignment(
            &AssignmentDraft {
                meeting_id: meeting.into(),
                person_id: person.into(),
                role: Some(role),
                ..Default::default()
            },
            AssignmentStatus::Proposed,
            TODAY,
        )
        .unwrap()
}

/// "Today" in these tests: a month before the Kigali GA.
const TODAY: Date = date(2023, 9, 1);

fn fields(error: CoreError) -> Vec<String> {
    match error {
        CoreError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn count(store: &Store, table: &str) -> u32 {
    store
        .conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_fresh_database_knows_the_wma_who_un_and_the_four_councils() {
    let (_dir, store) = fresh();
    let names: Vec<String> = store
        .organizations()
        .unwrap()
        .into_iter()
        .map(|o| o.display_name())
        .collect();
    for expected in [
        "World Medical Association (WMA)",
        "World Health Organization (WHO)",
        "United Nations (UN)",
        "Council on Science and Public Health (CSAPH)",
        "Council on Medical Service (CMS)",
        "Council on Medical Education (CME)",
        "Council on Ethical and Judicial Affairs (CEJA)",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }
    let councils = store
        .organizations()
        .unwrap()
        .into_iter()
        .filter(|o| o.fields.kind == OrganizationKind::OwnCouncil)
        .count();
    assert_eq!(councils, 4);
    assert_eq!(store.search("wma", 10).unwrap()[0].kind, "organization");
}

#[test]
fn people_organizations_and_country_notes_are_in_the_search() {
    let (_dir, mut store) = fresh();
    let amina = store.create_person(&person("Amina Ngũgĩ")).unwrap();
    let hits = store.search("ngugi", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].kind.as_str(), hits[0].record_id.as_str()),
        ("person", amina.id.as_str())
    );

    let kma = store
        .create_organization(&OrganizationDraft {
            kind: Some(OrganizationKind::NationalMedicalAssociation),
            name: "Kenya Medical Association".into(),
            acronym: "KMA".into(),
            country: "Kenya".into(),
            ..Default::default()
        })
        .unwrap();
    let note = store
        .create_country_note(&CountryNoteDraft {
            country: "Kenya".into(),
            topic: "Rural care".into(),
            date: "2024-03-01".into(),
            text: "County hospitals rotate interns through rural clinics.".into(),
            source: "KMA briefing".into(),
            organization_id: Some(kma.id.clone()),
            person_id: Some(amina.id.clone()),
        })
        .unwrap();
    let kinds = |text: &str| -> Vec<(String, String)> {
        store
            .search(text, 10)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.record_id))
            .collect()
    };
    assert_eq!(
        kinds("kma"),
        [
            ("organization".to_owned(), kma.id.clone()),
            ("country_note".to_owned(), note.id.clone())
        ]
    );
    assert_eq!(
        kinds("interns"),
        [("country_note".to_owned(), note.id.clone())]
    );
    let page = store.country_page("kenya").unwrap();
    assert_eq!((page.notes.len(), page.organizations.len()), (1, 1));
    assert!(store.countries().unwrap().contains(&"Kenya".to_owned()));

    // Bad input changes nothing.
    let before = count(&store, "country_note");
    let error = store
        .create_country_note(&CountryNoteDraft {
            organization_id: Some("nope".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(fields(error), ["country", "topic", "date", "text"]);
    let error = store
        .create_country_note(&CountryNoteDraft {
            country: "Kenya".into(),
            topic: "x".into(),
            date: "2024-01-01".into(),
            text: "y".into(),
            organization_id: Some("nope".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(fields(error), ["organization_id"]);
    assert_eq!(count(&store, "country_note"), before);

    // An organization with people cannot be deleted; a duplicate name is refused.
    let mut linked = person("Jane Otieno");
    linked.organization_id = Some(kma.id.clone());
    store.create_person(&linked).unwrap();
    assert_eq!(
        store.delete_organization(&kma.id, 1).unwrap_err(),
        CoreError::InUse(
            "Kenya Medical Association has 1 country note and 1 person. Move or delete them first; nothing was deleted."
                .into()
        )
    );
    let error = store
        .create_organization(&OrganizationDraft {
            kind: Some(OrganizationKind::Other),
            name: "kenya medical ASSOCIATION".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(fields(error), ["name"]);
}

#[test]
fn bad_people_are_refused_and_change_nothing() {
    let (_dir, mut store) = fresh();
    let mut amina = person("Amina Ngũgĩ");
    amina.email = "amina@kma.or.ke".into();
    let first = store.create_person(&amina).unwrap();

    let cases: Vec<(PersonDraft, &[&str])> = vec![
        (person("   "), &["full_name"]),
        (
            {
                let mut p = person("Ana");
                p.email = "ana(at)example".into();
                p
            },
            &["email"],
        ),
        (
            {
                let mut p = person("Ana");
                p.organization_id = Some("missing".into());
                p
            },
            &["organization_id"],
        ),
        // A duplicate: same name with other accents, case and spacing…
        (person("  amina   NGUGI "), &["duplicate_of"]),
        // …or the same email under another name.
        (
            {
                let mut p = person("A. Ngugi");
                p.email = "AMINA@kma.or.ke".into();
                p
            },
            &["duplicate_of"],
        ),
    ];
    for (draft, expected) in cases {
        let error = store.create_person(&draft).unwrap_err();
        assert_eq!(fields(error), expected, "{draft:?}");
    }
    assert_eq!(store.people().unwrap().len(), 1);
    let duplicates = store
        .person_duplicates(&person("AMINA NGUGI"), None)
        .unwrap();
    assert_eq!(duplicates[0].id, first.id);
    assert!(
        store
            .person_duplicates(&person("Amina Ngũgĩ"), Some(&first.id))
            .unwrap()
            .is_empty()
    );

    // Stale versions conflict.
    let mut renamed = amina.clone();
    renamed.title = "President".into();
    store.update_person(&first.id, 1, &renamed).unwrap();
    assert_eq!(
        store.update_person(&first.id, 1, &renamed).unwrap_err(),
        CoreError::Conflict { entity: "person" }
    );
    assert!(matches!(
        store.person("nobody").unwrap_err(),
        CoreError::NotFound { .. }
    ));
}

#[test]
fn travel_details_stay_out_of_lists_history_and_exports_unless_ticked() {
    let (_dir, mut store) = fresh();
    let ga = store.create_meeting(&kigali()).unwrap();
    let amina = store.create_person(&person("Amina Ngũgĩ")).unwrap();
    assert_eq!(store.person_travel(&amina.id).unwrap(), None);
    let travel = store
        .set_person_travel(
            &amina.id,
            None,
            &TravelDraft {
                nationality: "Kenyan".into(),
                passport_number: "AK1234567".into(),
                passport_expiry: "2031-02-28".into(),
                dietary_needs: "Vegetarian".into(),
                access_needs: String::new(),
            },
        )
        .unwrap();
    assert_eq!(travel.version, 1);
    assert_eq!(
        store
            .person_travel(&amina.id)
            .unwrap()
            .unwrap()
            .fields
            .passport_number,
        "AK1234567"
    );
    assert_eq!(
        store
            .set_person_travel(&amina.id, None, &TravelDraft::default())
            .unwrap_err(),
        CoreError::Conflict {
            entity: "travel details"
        }
    );
    let listed = serde_json::to_string(&store.people().unwrap()).unwrap();
    assert!(!listed.contains("AK1234567") && !listed.contains("Vegetarian"));
    let history =
        serde_json::to_string(&store.history("person_travel", &amina.id).unwrap()).unwrap();
    assert!(
        !history.contains("AK1234567") && !history.contains("Kenyan"),
        "{history}"
    );

    assign(&mut store, &ga.id, &amina.id, Role::HeadOfDelegation);
    let mut request = ExportRequest {
        fields: vec![
            ExportField::FullName,
            ExportField::Role,
            ExportField::PassportNumber,
            ExportField::DietaryNeeds,
        ],
        include_sensitive: false,
    };
    let export = store.export_delegation(&ga.id, &request).unwrap();
    assert_eq!(
        export.csv,
        "\u{feff}Name,Role\r\nAmina Ngũgĩ,Head of delegation\r\n"
    );
    assert_eq!(export.file_name, "74th-WMA-General-Assembly-delegation.csv");
    request.include_sensitive = true;
    let export = store.export_delegation(&ga.id, &request).unwrap();
    assert_eq!(
        export.csv,
        "\u{feff}Name,Role,Passport number,Dietary needs\r\nAmina Ngũgĩ,Head of delegation,AK1234567,Vegetarian\r\n"
    );
    let error = store
        .export_delegation(
            &ga.id,
            &ExportRequest {
                fields: vec![ExportField::PassportNumber],
                include_sensitive: false,
            },
        )
        .unwrap_err();
    assert_eq!(fields(error), ["fields"]);
}

#[test]
fn me_must_be_a_person() {
    let (_dir, mut store) = fresh();
    let error = store
        .set_setting(SettingKey::Me, "0190-not-a-person", None)
        .unwrap_err();
    assert_eq!(fields(error), ["me"]);
    assert!(store.settings().unwrap().is_empty());
    let amina = store.create_person(&person("Amina Ngũgĩ")).unwrap();
    store.set_setting(SettingKey::Me, &amina.id, None).unwrap();
    assert_eq!(
        store.setting_value(SettingKey::Me).unwrap(),
        Some(amina.id.clone())
    );
    // "Me" cannot be deleted from under Settings.
    assert_eq!(
        fields(store.delete_person(&amina.id, 1).unwrap_err()),
        ["person"]
    );
}

#[test]
fn the_kigali_journey_warns_about_overlaps_and_votes_and_confirms_in_bulk() {
    let (_dir, mut store) = fresh();
    let ga = store.create_meeting(&kigali()).unwrap();
    let other = store
        .create_meeting(&meeting(
            "Regional health forum",
            "2023-10-06",
            "2023-10-06",
            "Europe/Zurich",
        ))
        .unwrap();
    let head = store.create_person(&person("Amina Ngũgĩ")).unwrap();
    let voter1 = store.create_person(&person("김민준")).unwrap();
    let voter2 = store.create_person(&person("Søren Ågård")).unwrap();
    store.set_setting(SettingKey::Me, &head.id, None).unwrap();

    let saved = assign(&mut store, &ga.id, &head.id, Role::HeadOfDelegation);
    assert_eq!(saved.assignment.status, AssignmentStatus::Proposed);
    assert_eq!(
        saved.warnings.iter().map(|w| w.kind).collect::<Vec<_>>(),
        [WarningKind::VotingRoleUnconfirmed]
    );
    assign(&mut store, &ga.id, &voter1.id, Role::VotingDelegate);
    assign(&mut store, &ga.id, &voter2.id, Role::VotingDelegate);

    // The same person in the same role twice is refused.
    let error = store
        .create_assignment(
            &AssignmentDraft {
                meeting_id: ga.id.clone(),
                person_id: voter2.id.clone(),
                role: Some(Role::VotingDelegate),
                ..Default::default()
            },
            AssignmentStatus::Proposed,
            TODAY,
        )
        .unwrap_err();
    assert_eq!(fields(error), ["role"]);

    // Putting one of them on a meeting on 6 Oct warns, naming the other meeting, and saves.
    let clash = assign(&mut store, &other.id, &voter2.id, Role::Observer);
    let overlap: Vec<&str> = clash
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Overlap)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        overlap,
        [
            "Søren Ågård is also assigned to 74th WMA General Assembly (4–7 Oct 2023), which overlaps this meeting."
        ]
    );
    let board = store.board(&ga.id, TODAY).unwrap();
    let overlap = board
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::Overlap)
        .unwrap();
    assert_eq!(overlap.other_meeting_id.as_deref(), Some(other.id.as_str()));
    assert!(
        overlap
            .message
            .contains("Regional health forum (6 Oct 2023)")
    );
    assert_eq!(
        board
            .rows
            .iter()
            .map(|r| r.assignment.fields.role)
            .collect::<Vec<_>>(),
        [
            Role::HeadOfDelegation,
            Role::VotingDelegate,
            Role::VotingDelegate
        ]
    );
    assert_eq!(
        board
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::VotingRoleUnconfirmed)
            .count(),
        3
    );

    // A status jump is refused for everyone, and nothing changes.
    let picked: Vec<(String, u32)> = board
        .rows
        .iter()
        .map(|r| (r.assignment.id.clone(), r.assignment.version))
        .collect();
    let error = store
        .change_status(&picked, AssignmentStatus::Attended, date(2023, 9, 2))
        .unwrap_err();
    assert_eq!(fields(error), ["status", "status", "status"]);
    assert!(
        store
            .board(&ga.id, TODAY)
            .unwrap()
            .rows
            .iter()
            .all(|r| r.assignment.status == AssignmentStatus::Proposed)
    );

    // Bulk to confirmed, dated, by "me", in history.
    let changed = store
        .change_status(&picked, AssignmentStatus::Confirmed, date(2023, 9, 2))
        .unwrap();
    assert!(
        changed
            .iter()
            .all(|a| a.status == AssignmentStatus::Confirmed && a.status_date == date(2023, 9, 2))
    );
    let board = store.board(&ga.id, TODAY).unwrap();
    assert!(
        board
            .warnings
            .iter()
            .all(|w| w.kind != WarningKind::VotingRoleUnconfirmed)
    );
    let changes = store.status_changes(&picked[0].0).unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(
        (changes[1].from_status, changes[1].to_status),
        (
            Some(AssignmentStatus::Proposed),
            AssignmentStatus::Confirmed
        )
    );
    assert_eq!(changes[1].changed_by, "Amina Ngũgĩ");
    assert_eq!(
        store.assignment_history(&picked[0].0).unwrap()[1].changed,
        ["status", "status_date"]
    );
    // The versions read before are now stale.
    assert_eq!(
        store
            .change_status(&picked, AssignmentStatus::Registered, TODAY)
            .unwrap_err(),
        CoreError::Conflict {
            entity: "assignment"
        }
    );

    // "Me" sees it with venue and home time and what is left to do.
    let mut me = store.person(&head.id).unwrap();
    let mut draft = PersonDraft::from(&me.fields);
    draft.home_time_zone = "America/Chicago".into();
    me = store.update_person(&me.id, me.version, &draft).unwrap();
    let mine = store.my_assignments(TODAY, false).unwrap();
    assert_eq!(mine.me.unwrap().id, me.id);
    assert_eq!(mine.items.len(), 1);
    let item = &mine.items[0];
    assert_eq!(item.view.meeting_title, "74th WMA General Assembly");
    assert_eq!(
        item.home_time.as_deref(),
        Some("9:00 in Kigali is 2:00 at home (America/Chicago)")
    );
    assert_eq!(item.to_do[0], "Register by 20 Sep 2023");
    // After the meeting it is no longer upcoming.
    assert!(
        store
            .my_assignments(date(2023, 10, 8), false)
            .unwrap()
            .items
            .is_empty()
    );
    let past = store.my_assignments(date(2023, 10, 8), true).unwrap();
    assert_eq!(past.items.len(), 1);
    assert!(past.items[0].to_do.is_empty());

    // The meeting cannot be deleted while it has assignments.
    let error = store.delete_meeting(&ga.id, ga.version).unwrap_err();
    assert!(
        matches!(&error, CoreError::InUse(m) if m.contains("3 delegate assignments")),
        "{error}"
    );
    assert_eq!(store.meeting(&ga.id).unwrap().version, ga.version);
    let page = store.person_page(&voter2.id).unwrap();
    assert_eq!(page.assignments.len(), 2);
    for row in store.board(&ga.id, TODAY).unwrap().rows {
        store
            .delete_assignment(&row.assignment.id, row.assignment.version)
            .unwrap();
    }
    store
        .set_delegation(
            &ga.id,
            0,
            &DelegationDraft {
                badge_cap: "6".into(),
                ..Default::default()
            },
        )
        .unwrap();
    store.delete_meeting(&ga.id, ga.version).unwrap();
    assert_eq!(count(&store, "delegation"), 0);
}

#[test]
fn caps_deadlines_and_ended_meetings_warn_but_never_block() {
    let (_dir, mut store) = fresh();
    let ga = store.create_meeting(&kigali()).unwrap();
    store
        .set_delegation(
            &ga.id,
            0,
            &DelegationDraft {
                badge_cap: "2".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        store
            .set_delegation(&ga.id, 0, &DelegationDraft::default())
            .unwrap_err(),
        CoreError::Conflict {
            entity: "delegation"
        }
    );
    let people: Vec<String> = ["A", "B", "C"]
        .iter()
        .map(|n| store.create_person(&person(n)).unwrap().id)
        .collect();
    for id in &people {
        assign(&mut store, &ga.id, id, Role::Delegate);
    }
    let warnings = store.board(&ga.id, date(2023, 9, 15)).unwrap().warnings;
    let kinds: Vec<WarningKind> = warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [WarningKind::OverCap, WarningKind::DeadlineSoon]);
    assert_eq!(
        warnings[0].message,
        "3 people are assigned to 74th WMA General Assembly, more than its cap of 2 badges."
    );
    assert_eq!(
        warnings[1].message,
        "Registration for 74th WMA General Assembly closes in 5 days (20 Sep 2023); 3 assignments are not registered yet."
    );
    let dashboard = store
        .assignment_warnings_for_dashboard(date(2023, 9, 15))
        .unwrap();
    assert_eq!(dashboard.len(), 1);
    assert!(
        store
            .assignment_warnings_for_dashboard(date(2023, 9, 1))
            .unwrap()
            .is_empty()
    );

    // After the meeting: a warning unless recording attendance.
    let late = store.create_person(&person("Late")).unwrap();
    let draft = AssignmentDraft {
        meeting_id: ga.id.clone(),
        person_id: late.id.clone(),
        role: Some(Role::Observer),
        ..Default::default()
    };
    let saved = store
        .create_assignment(&draft, AssignmentStatus::Proposed, date(2023, 11, 1))
        .unwrap();
    assert!(
        saved
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::MeetingEnded)
    );
    let mut attended = draft.clone();
    attended.role = Some(Role::Adviser);
    attended.attended_sessions = "Plenary; Council session".into();
    let saved = store
        .create_assignment(&attended, AssignmentStatus::Attended, date(2023, 11, 1))
        .unwrap();
    assert!(
        saved
            .warnings
            .iter()
            .all(|w| w.kind != WarningKind::MeetingEnded)
    );
    let error = store
        .create_assignment(&draft, AssignmentStatus::Registered, TODAY)
        .unwrap_err();
    assert_eq!(fields(error), ["status"]);
    let error = store
        .create_assignment(
            &AssignmentDraft {
                meeting_id: "gone".into(),
                ..draft.clone()
            },
            AssignmentStatus::Proposed,
            TODAY,
        )
        .unwrap_err();
    assert_eq!(fields(error), ["meeting_id"]);
}

#[test]
fn workload_counts_active_assignments_of_the_last_twelve_months() {
    let (_dir, mut store) = fresh();
    let today = date(2024, 6, 1);
    let busy = store.create_person(&person("Busy")).unwrap();
    let idle = store.create_person(&person("Idle")).unwrap();
    let mut ids = Vec::new();
    for (i, (start, zone)) in [
        ("2023-05-31", "Europe/Zurich"), // more than 12 months ago: not counted
        ("2023-06-02", "Europe/Zurich"),
        ("2023-10-04", "Africa/Kigali"),
        ("2024-05-27", "Europe/Zurich"),
        ("2024-06-02", "Europe/Zurich"), // upcoming: not counted
    ]
    .into_iter()
    .enumerate()
    {
        let m = store
            .create_meeting(&meeting(&format!("M{i}"), start, start, zone))
            .unwrap();
        ids.push(assign(&mut store, &m.id, &busy.id, Role::Delegate).assignment);
    }
    // Declined does not count.
    store
        .change_status(&[(ids[2].id.clone(), 1)], AssignmentStatus::Declined, today)
        .unwrap();
    let workload = store.workloads(today).unwrap();
    assert_eq!(workload.get(&busy.id), Some(&2));
    assert_eq!(workload.get(&idle.id), None);
}

#[test]
fn the_candidate_finder_filters_by_expertise_language_and_availability() {
    let (_dir, mut store) = fresh();
    let ga = store.create_meeting(&kigali()).unwrap();
    let other = store
        .create_meeting(&meeting(
            "Tokyo forum",
            "2023-10-07",
            "2023-10-08",
            "Asia/Tokyo",
        ))
        .unwrap();
    let past = store
        .create_meeting(&meeting(
            "Council",
            "2023-04-20",
            "2023-04-22",
            "Africa/Nairobi",
        ))
        .unwrap();
    let mut draft = person("Amina Ngũgĩ");
    draft.expertise = "Medical ethics, rural care".into();
    draft.languages = "English, Français".into();
    let amina = store.create_person(&draft).unwrap();
    let mut draft = person("Kim Min-jun");
    draft.expertise = "Ethics".into();
    draft.languages = "Korean, English".into();
    let kim = store.create_person(&draft).unwrap();
    let mut draft = person("Ola Nordmann");
    draft.expertise = "Financing".into();
    draft.languages = "Norwegian".into();
    store.create_person(&draft).unwrap();
    assign(&mut store, &other.id, &amina.id, Role::Speaker);
    assign(&mut store, &past.id, &kim.id, Role::Delegate);
    assign(&mut store, &past.id, &amina.id, Role::Delegate);

    let query = |expertise: &str, language: &str, available_only| CandidateQuery {
        meeting_id: ga.id.clone(),
        expertise: expertise.into(),
        language: language.into(),
        available_only,
    };
    let found = store.candidates(&query("ethic", "", false), TODAY).unwrap();
    let names: Vec<&str> = found.iter().map(|c| c.full_name.as_str()).collect();
    // Kim is free; Amina is busy in Tokyo (touching 7 Oct), so she comes last.
    assert_eq!(names, ["Kim Min-jun", "Amina Ngũgĩ"]);
    assert_eq!(found[1].busy_with.as_deref(), Some("Tokyo forum"));
    assert_eq!((found[0].workload, found[1].workload), (1, 1));
    assert_eq!(
        store
            .candidates(&query("ETHIC", "francais", false), TODAY)
            .unwrap()
            .len(),
        1
    );
    let free = store
        .candidates(&query("", "english", true), TODAY)
        .unwrap();
    assert_eq!(
        free.iter()
            .map(|c| c.full_name.as_str())
            .collect::<Vec<_>>(),
        ["Kim Min-jun"]
    );
}

#[test]
fn seats_have_terms_that_cannot_end_before_they_start() {
    let (_dir, mut store) = fresh();
    let amina = store.create_person(&person("Amina Ngũgĩ")).unwrap();
    let sub = store.create_person(&person("Substitute")).unwrap();
    let seat = store
        .create_seat(&SeatDraft {
            kind: Some(SeatKind::CouncilSeat),
            name: "WMA Council seat".into(),
            appointed_by: "Board of Trustees".into(),
            ..Default::default()
        })
        .unwrap();
    let error = store
        .add_term(
            &seat.id,
            &TermDraft {
                person_id: amina.id.clone(),
                start_date: "2025-04-01".into(),
                end_date: "2023-04-01".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(fields(error), ["end_date"]);
    assert_eq!(count(&store, "term"), 0);
    store
        .add_term(
            &seat.id,
            &TermDraft {
                person_id: amina.id.clone(),
                start_date: "2023-04-01".into(),
                end_date: "2025-04-30".into(),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .add_term(
            &seat.id,
            &TermDraft {
                person_id: sub.id.clone(),
                capacity: Some(crate::organization::TermCapacity::Substitute),
                start_date: "2023-04-01".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let seats = store.seats(date(2025, 2, 1)).unwrap();
    assert_eq!(seats[0].terms.len(), 2);
    let ending = store.terms_ending_within(date(2025, 2, 1), 90).unwrap();
    assert_eq!(ending.len(), 1);
    assert_eq!(ending[0].person_name, "Amina Ngũgĩ");
    assert!(
        store
            .terms_ending_within(date(2025, 1, 1), 90)
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.person_page(&amina.id).unwrap().terms.len(), 1);

    // Ending the substitute's open term; a wrong end or a stale version changes nothing.
    let open = store.terms_of(&sub.id).unwrap().remove(0).term;
    let mut ended = TermDraft {
        person_id: sub.id.clone(),
        capacity: Some(crate::organization::TermCapacity::Substitute),
        start_date: "2023-04-01".into(),
        end_date: "2023-03-01".into(),
        ..Default::default()
    };
    assert_eq!(
        fields(
            store
                .update_term(&open.id, open.version, &ended)
                .unwrap_err()
        ),
        ["end_date"]
    );
    ended.end_date = "2025-04-30".into();
    let after = store
        .update_term(&open.id, open.version, &ended)
        .unwrap()
        .term;
    assert_eq!(after.fields.end_date, Some(date(2025, 4, 30)));
    assert_eq!(
        store
            .update_term(&open.id, open.version, &ended)
            .unwrap_err(),
        CoreError::Conflict { entity: "term" }
    );
    assert_eq!(
        store
            .terms_ending_within(date(2025, 2, 1), 90)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_country_has_one_stored_spelling_whatever_the_case_typed() {
    let (_dir, mut store) = fresh();
    let note = |country: &str| CountryNoteDraft {
        country: country.into(),
        topic: "Licensing".into(),
        date: "2025-03-01".into(),
        text: "Registration is renewed every five years.".into(),
        ..Default::default()
    };
    store.create_country_note(&note("Finland")).unwrap();
    let second = store.create_country_note(&note("finland ")).unwrap();
    assert_eq!(second.fields.country, "Finland");
    assert_eq!(store.country_page("  FINLAND").unwrap().country, "Finland");
    assert_eq!(store.country_page("finland").unwrap().notes.len(), 2);
    let countries = store.countries().unwrap();
    assert_eq!(
        countries
            .iter()
            .filter(|c| c.eq_ignore_ascii_case("finland"))
            .count(),
        1
    );
    assert!(countries.contains(&"Finland".to_owned()));
    // A country not seen before keeps what was typed, capitalised when typed in lower case.
    let first_seen = store
        .create_country_note(&note("bosnia and herzegovina"))
        .unwrap();
    assert_eq!(first_seen.fields.country, "Bosnia and Herzegovina");
    assert_eq!(
        store.country_spelling("côte d'Ivoire").unwrap(),
        "côte d'Ivoire"
    );
}

#[test]
fn seats_say_which_term_is_current_and_warn_about_two_holders_at_once() {
    use crate::organization::{TermCapacity, TermState};
    let (_dir, mut store) = fresh();
    let amina = store.create_person(&person("Amina Ngũgĩ")).unwrap();
    let kim = store.create_person(&person("김민준")).unwrap();
    let seat = store
        .create_seat(&SeatDraft {
            kind: Some(SeatKind::CouncilSeat),
            name: "WMA Council seat".into(),
            ..Default::default()
        })
        .unwrap();
    let term = |person: &str, start: &str, end: &str| TermDraft {
        person_id: person.to_owned(),
        capacity: Some(TermCapacity::Holder),
        start_date: start.into(),
        end_date: end.into(),
        ..Default::default()
    };
    let first = store
        .add_term(&seat.id, &term(&amina.id, "2021-04-01", "2023-04-30"))
        .unwrap();
    assert!(first.warnings.is_empty());
    // The successor entered with a start before the first term ends: saved, with a warning.
    let second = store
        .add_term(&seat.id, &term(&kim.id, "2023-04-01", ""))
        .unwrap();
    assert_eq!(second.warnings.len(), 1);
    assert_eq!(
        second.warnings[0].message,
        "Amina Ngũgĩ and 김민준 both hold this seat from 1 Apr 2023 to 30 Apr 2023. A seat has one holder at a time: end one term, or record one of them as substitute."
    );
    assert_eq!(count(&store, "term"), 2);

    // "Today" is the caller's: on 1 Jan 2024 the first term has ended, the second is current.
    let seats = store.seats(date(2024, 1, 1)).unwrap();
    let states: Vec<(String, TermState)> = seats[0]
        .terms
        .iter()
        .map(|t| (t.view.person_name.clone(), t.state))
        .collect();
    assert_eq!(
        states,
        [
            ("김민준".to_owned(), TermState::Current),
            ("Amina Ngũgĩ".to_owned(), TermState::Ended)
        ]
    );
    assert_eq!(seats[0].warnings.len(), 1);
    let early = store.seats(date(2022, 1, 1)).unwrap();
    assert_eq!(early[0].terms[0].state, TermState::Upcoming);

    // Correcting the successor's start clears the warning.
    let fixed = store
        .update_term(
            &second.term.id,
            second.term.version,
            &term(&kim.id, "2023-05-01", ""),
        )
        .unwrap();
    assert!(fixed.warnings.is_empty());
    assert!(
        store.seats(date(2024, 1, 1)).unwrap()[0]
            .warnings
            .is_empty()
    );
}

#[test]
fn an_organization_has_its_name_in_its_own_language() {
    let (_dir, mut store) = fresh();
    let finnish = store
        .create_organization(&OrganizationDraft {
            kind: Some(OrganizationKind::NationalMedicalAssociation),
            name: "Finnish Medical Association".into(),
            local_name: "  Suomen Lääkäriliitto ".into(),
            country: "Finland".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(finnish.fields.local_name, "Suomen Lääkäriliitto");
    assert_eq!(store.organization(&finnish.id).unwrap(), finnish);
    // Search finds it by that name, accents folded.
    let hits = store.search("laakariliitto", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].record_id, finnish.id);

    // Changed, and the change kept in its history; an overlong one is refused at its field.
    let mut draft = OrganizationDraft {
        kind: Some(OrganizationKind::NationalMedicalAssociation),
        name: "Finnish Medical Association".into(),
        local_name: "Finlands Läkarförbund".into(),
        country: "Finland".into(),
        ..Default::default()
    };
    let updated = store
        .update_organization(&finnish.id, finnish.version, &draft)
        .unwrap();
    assert_eq!(updated.fields.local_name, "Finlands Läkarförbund");
    let history = store.history("organization", &finnish.id).unwrap();
    assert_eq!(history.last().unwrap().changed, ["local_name"]);
    draft.local_name = "x".repeat(2_000);
    let error = store
        .update_organization(&finnish.id, updated.version, &draft)
        .unwrap_err();
    assert_eq!(fields(error), ["local_name"]);
    assert_eq!(store.organization(&finnish.id).unwrap(), updated);
}

#[test]
fn attendance_after_the_meeting_is_recorded_in_one_honest_step() {
    let (_dir, mut store) = fresh();
    let ga = store.create_meeting(&kigali()).unwrap();
    let amina = store.create_person(&person("Amina Ngũgĩ")).unwrap();
    let saved = assign(&mut store, &ga.id, &amina.id, Role::Delegate);
    let proposed = saved.assignment;
    let after_ga = date(2023, 11, 1);

    // Before the meeting has ended: refused, nothing changes.
    let error = store
        .record_attendance(&proposed.id, proposed.version, TODAY)
        .unwrap_err();
    let message = error.to_string();
    assert_eq!(fields(error), ["status"]);
    assert!(message.contains("has not ended yet"), "{message}");
    assert!(!store.board(&ga.id, TODAY).unwrap().rows[0].may_record_attendance);

    // After it: the board offers it, and the warning says how.
    let board = store.board(&ga.id, after_ga).unwrap();
    assert!(board.rows[0].may_record_attendance);
    let stale = store.record_attendance(&proposed.id, proposed.version + 1, after_ga);
    assert_eq!(
        stale.unwrap_err(),
        CoreError::Conflict {
            entity: "assignment"
        }
    );

    let attended = store
        .record_attendance(&proposed.id, proposed.version, after_ga)
        .unwrap();
    assert_eq!(attended.status, AssignmentStatus::Attended);
    assert_eq!(attended.status_date, ga.fields.end_date);
    assert_eq!(attended.version, proposed.version + 1);
    // One status entry, marked as recorded after the meeting: no invented steps.
    let changes = store.status_changes(&proposed.id).unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[1].from_status, Some(AssignmentStatus::Proposed));
    assert_eq!(changes[1].to_status, AssignmentStatus::Attended);
    assert!(changes[1].recorded_after_meeting);
    assert!(!changes[0].recorded_after_meeting);
    let history = store.assignment_history(&proposed.id).unwrap();
    assert_eq!(history.last().unwrap().changed, ["status", "status_date"]);
    assert!(!store.board(&ga.id, after_ga).unwrap().rows[0].may_record_attendance);
    // Again: nothing more to do.
    let again = store
        .record_attendance(&proposed.id, attended.version, after_ga)
        .unwrap();
    assert_eq!(again, attended);

    // A declined assignment is not turned into attendance behind anyone's back.
    let kim = store.create_person(&person("김민준")).unwrap();
    let declined = assign(&mut store, &ga.id, &kim.id, Role::Observer).assignment;
    let declined = store
        .change_status(
            &[(declined.id.clone(), declined.version)],
            AssignmentStatus::Declined,
            TODAY,
        )
        .unwrap()
        .remove(0);
    let error = store
        .record_attendance(&declined.id, declined.version, after_ga)
        .unwrap_err();
    assert!(error.to_string().contains("declined"), "{error}");
    assert_eq!(store.assignment(&declined.id).unwrap(), declined);
    let unknown = store.record_attendance("nobody", 1, after_ga).unwrap_err();
    assert_eq!(
        unknown,
        CoreError::NotFound {
            entity: "assignment"
        }
    );
}

#[test]
fn reminders_come_from_the_data_once_each_and_stay_off_the_exchange() {
    use crate::action::ActionItemDraft;
    use crate::agenda::AgendaItemDraft;
    use crate::reminder::ReminderKind;
    use crate::statement::StatementDraft;

    let (_dir, mut store) = fresh();
    // Registration closes 20 Sep 2023; the GA runs 5–7 Oct.
    let ga = store.create_meeting(&kigali()).unwrap();
    let amina = store.create_person(&person("Amina Ngũgĩ")).unwrap();
    assign(&mut store, &ga.id, &amina.id, Role::Delegate);
    let item = store
        .create_agenda_item(
            &ga.id,
            &AgendaItemDraft {
                number: "7.1".into(),
                title: "Ethics".into(),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .create_statement(
            &ga.id,
            &StatementDraft {
                agenda_item_id: item.id.clone(),
                title: "Statement on ethics".into(),
                submission_deadline: "2023-09-13T17:30".into(),
                ..Default::default()
            },
        )
        .unwrap();
    for (title, due) in [
        ("Send the brief", "2023-09-14"),
        ("Book rooms", "2023-09-20"),
    ] {
        store
            .create_action_item(
                &ga.id,
                &ActionItemDraft {
                    title: title.into(),
                    due_date: due.into(),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let seat = store
        .create_seat(&SeatDraft {
            kind: Some(SeatKind::CouncilSeat),
            name: "WMA Council seat".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .add_term(
            &seat.id,
            &TermDraft {
                person_id: amina.id.clone(),
                start_date: "2021-04-01".into(),
                end_date: "2023-10-13".into(),
                ..Default::default()
            },
        )
        .unwrap();

    // 13 Sep: registration closes in 7 days, the statement is due today at 17:30, the brief
    // tomorrow, the term in 30 days.
    let day = date(2023, 9, 13);
    let due = store.due_reminders(day).unwrap();
    let kinds: Vec<ReminderKind> = due.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            ReminderKind::RegistrationClosing,
            ReminderKind::StatementDue,
            ReminderKind::ActionsDue,
            ReminderKind::TermEnding
        ]
    );
    assert_eq!(due[1].title, "Statement due today at 17:30 (venue time)");
    assert_eq!(due[2].body, "Send the brief (74th WMA General Assembly)");
    assert_eq!(
        due[3].body,
        "Amina Ngũgĩ on WMA Council seat until 13 Oct 2023."
    );
    // The day before, none of it is due yet.
    assert!(store.due_reminders(date(2023, 9, 12)).unwrap().is_empty());

    let keys: Vec<String> = due.iter().flat_map(|r| r.keys.clone()).collect();
    store.mark_reminders_sent(&keys).unwrap();
    store.mark_reminders_sent(&keys).unwrap();
    assert!(store.due_reminders(day).unwrap().is_empty());
    // The next days bring only what is new: "Book rooms" the day before it is due.
    assert!(store.due_reminders(date(2023, 9, 14)).unwrap().is_empty());
    let later = store.due_reminders(date(2023, 9, 19)).unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].body, "Book rooms (74th WMA General Assembly)");

    // A deadline that moves is a new thing to remind of.
    let mut moved = kigali();
    moved.registration_deadline = "2023-09-18".into();
    let ga = store.meeting(&ga.id).unwrap();
    store.update_meeting(&ga.id, ga.version, &moved).unwrap();
    let again = store.due_reminders(date(2023, 9, 14)).unwrap();
    assert_eq!(
        again[0].keys,
        [format!("registration:{}:2023-09-18", ga.id)]
    );

    assert!(crate::exchange::LOCAL_TABLES.contains(&"reminder_sent"));
}
