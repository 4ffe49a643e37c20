//! The example office: loading, removing, and the person's own work surviving removal.

use jiff::civil::{Date, date};

use super::*;
use crate::agenda::AgendaItemDraft;
use crate::assignment::AssignmentStatus;
use crate::exchange::HubLink;
use crate::meeting::MeetingDraft;
use crate::{CoreError, HistoryAction};

const TODAY: Date = date(2026, 11, 30);

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    store.set_clock(Clock::Fixed("2026-11-30T12:00:00Z".parse().unwrap()));
    (dir, store)
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn meeting_titled(store: &Store, title: &str) -> crate::Meeting {
    store
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.fields.title == title)
        .unwrap_or_else(|| panic!("no meeting {title}"))
}

fn link() -> HubLink {
    HubLink {
        identity: "office-hub-1".to_owned(),
        address: "hub.office.example:5432/plenary".to_owned(),
        login: "maria".to_owned(),
        device_name: "maria-laptop".to_owned(),
    }
}

fn own_meeting() -> MeetingDraft {
    MeetingDraft {
        body_id: "other".into(),
        title: "Board retreat".into(),
        start_date: "2027-01-10".into(),
        end_date: "2027-01-11".into(),
        time_zone: "Europe/Helsinki".into(),
        ..MeetingDraft::default()
    }
}

#[test]
fn an_empty_office_loads_the_example_in_one_write_with_history() {
    let (_dir, mut store) = fresh();
    let before = store.example_status().unwrap();
    assert!(before.office_empty && !before.loaded && !before.joined);
    let organizations_before = count(&store, "organization");

    let status = store.load_example_data().unwrap();
    assert!(status.loaded && status.office_empty, "{status:?}");

    // Real meetings keep their real dates; the GA week holds its Council and committees.
    let ga = meeting_titled(&store, "76th WMA General Assembly");
    assert_eq!(ga.fields.start_date.to_string(), "2025-10-08");
    let council = meeting_titled(&store, "230th WMA Council Session");
    assert_eq!(council.fields.parent_id.as_deref(), Some(ga.id.as_str()));
    let week = store
        .meetings()
        .unwrap()
        .into_iter()
        .filter(|m| m.fields.parent_id.as_deref() == Some(ga.id.as_str()))
        .count();
    assert_eq!(week, 4, "Council, MEC, SMAC and FPC");
    let wha78 = meeting_titled(&store, "WHA78");
    let forums: Vec<Option<String>> = store
        .agenda_items(&wha78.id)
        .unwrap()
        .into_iter()
        .map(|i| i.fields.forum_body_id)
        .collect();
    assert!(forums.contains(&Some("wha_committee_a".into())));
    assert!(forums.contains(&Some("wha_committee_b".into())));

    // The dashboard has something coming up, and something due.
    let dashboard = store.dashboard(TODAY).unwrap();
    assert_eq!(dashboard.upcoming_meetings.len(), 1);
    assert_eq!(
        dashboard.upcoming_meetings[0].meeting.fields.start_date,
        date(2027, 1, 9)
    );
    assert_eq!(dashboard.overdue_actions.len(), 1);
    assert_eq!(dashboard.upcoming_actions.len(), 1);
    // Real histories drive the review dates: Taipei (revised Oct 2016) is due October 2026.
    let due = store.reviews_due(TODAY, date(2027, 12, 31)).unwrap();
    let titles: Vec<&str> = due
        .iter()
        .map(|d| d.document.fields.title.as_str())
        .collect();
    assert!(titles.iter().any(|t| t.contains("Taipei")), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("Delhi")), "{titles:?}");

    // Every loaded row has its history entry and is noted as example data.
    let noted = count(&store, "example_row");
    let created: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM history WHERE action = 'create'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(noted >= 60, "{noted} rows noted");
    assert!(created >= noted - count(&store, "status_change"));
    assert_eq!(count(&store, "organization"), organizations_before + 1);
    let history = store.history("meeting", &ga.id).unwrap();
    assert_eq!(history[0].action, HistoryAction::Create);
}

#[test]
fn loading_is_refused_twice_over_own_records_and_on_a_joined_laptop() {
    let (_dir, mut store) = fresh();
    store.load_example_data().unwrap();
    let rows = count(&store, "meeting");
    assert!(matches!(
        store.load_example_data(),
        Err(CoreError::InUse(_))
    ));
    assert_eq!(count(&store, "meeting"), rows);

    let (_dir2, mut own) = fresh();
    own.create_meeting(&own_meeting()).unwrap();
    let Err(CoreError::InUse(message)) = own.load_example_data() else {
        panic!("loaded over the office's own records");
    };
    assert!(message.contains("empty office"), "{message}");
    assert_eq!(count(&own, "meeting"), 1);

    let (_dir3, mut joined) = fresh();
    joined.join_hub(&link()).unwrap();
    assert!(joined.example_status().unwrap().joined);
    let Err(CoreError::Exchange(message)) = joined.load_example_data() else {
        panic!("loaded example data on a joined laptop");
    };
    assert!(message.contains("hub"), "{message}");
    assert_eq!(count(&joined, "meeting"), 0);
    assert_eq!(count(&joined, "example_row"), 0);
}

#[test]
fn a_laptop_holding_example_data_does_not_join_a_hub_until_it_is_removed() {
    let (_dir, mut store) = fresh();
    store.load_example_data().unwrap();
    let Err(CoreError::Exchange(message)) = store.join_hub(&link()) else {
        panic!("joined a hub with example data");
    };
    assert!(message.contains("Remove example data"), "{message}");
    assert!(!store.is_joined());
    assert_eq!(count(&store, "exchange_link"), 0);

    store.remove_example_data().unwrap();
    store.join_hub(&link()).unwrap();
    assert!(store.is_joined());
}

#[test]
fn removal_takes_every_example_row_and_leaves_the_office_empty() {
    let (_dir, mut store) = fresh();
    let organizations_before = count(&store, "organization");
    let bodies_before = count(&store, "body");
    store.load_example_data().unwrap();
    let noted = count(&store, "example_row") as u32;

    let removal = store.remove_example_data().unwrap();
    assert_eq!(removal.removed, noted);
    assert!(removal.kept.is_empty(), "{:?}", removal.kept);
    for table in [
        "meeting",
        "person",
        "policy_document",
        "policy_action",
        "policy_position",
        "policy_vote",
        "agenda_item",
        "assignment",
        "status_change",
        "action_item",
        "example_row",
    ] {
        assert_eq!(count(&store, table), 0, "{table}");
    }
    assert_eq!(count(&store, "organization"), organizations_before);
    assert_eq!(count(&store, "body"), bodies_before);
    let status = store.example_status().unwrap();
    assert!(status.office_empty && !status.loaded);
    // The removal is on record, and search no longer finds the examples.
    let deletes: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM history WHERE action = 'delete'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(deletes >= noted as i64);
    assert!(store.search("Example Delegate", 10).unwrap().is_empty());
    // And it can be explored again.
    store.load_example_data().unwrap();
}

#[test]
fn what_the_person_entered_changed_or_built_on_survives_removal() {
    let (_dir, mut store) = fresh();
    store.load_example_data().unwrap();
    // Their own meeting, made while exploring.
    let own = store.create_meeting(&own_meeting()).unwrap();
    // An example meeting they edited.
    let wha77 = meeting_titled(&store, "WHA77");
    let mut draft = MeetingDraft::from(&wha77.fields);
    draft.notes = "Our own notes on WHA77.".into();
    store
        .update_meeting(&wha77.id, wha77.version, &draft)
        .unwrap();
    // Their own agenda item on an example meeting.
    let ga = meeting_titled(&store, "76th WMA General Assembly");
    let item = store
        .create_agenda_item(
            &ga.id,
            &AgendaItemDraft {
                number: "9".into(),
                title: "Our report to the members".into(),
                ..Default::default()
            },
        )
        .unwrap();
    // A status moved on an example assignment.
    let next = meeting_titled(&store, "Next WMA Council Session (example dates)");
    let board = store.board(&next.id, TODAY).unwrap();
    let invited = board
        .rows
        .iter()
        .find(|r| r.assignment.status == AssignmentStatus::Invited)
        .unwrap();
    store
        .change_status(
            &[(invited.assignment.id.clone(), invited.assignment.version)],
            AssignmentStatus::Confirmed,
            TODAY,
        )
        .unwrap();

    let removal = store.remove_example_data().unwrap();
    let kept = removal.kept.join("\n");
    assert!(kept.contains("Meeting “WHA77”: you changed it"), "{kept}");
    assert!(
        kept.contains("Meeting “76th WMA General Assembly”: you added your own records to it"),
        "{kept}"
    );
    assert!(kept.contains("Assignment “Prof. Sample Adviser at Next WMA Council Session (example dates)”: you changed it"), "{kept}");
    assert!(
        kept.contains("Person “Prof. Sample Adviser”: a record you kept refers to it"),
        "{kept}"
    );
    assert!(
        kept.contains("Organization “Example Medical Association”"),
        "the kept person's organization stays: {kept}"
    );

    // Their work is all there.
    assert_eq!(
        store.meeting(&own.id).unwrap().fields.title,
        "Board retreat"
    );
    assert_eq!(
        store.meeting(&wha77.id).unwrap().fields.notes,
        "Our own notes on WHA77."
    );
    assert_eq!(
        store.agenda_item(&item.id).unwrap().fields.title,
        "Our report to the members"
    );
    assert_eq!(
        store.meeting(&next.id).unwrap().fields.title,
        next.fields.title
    );
    // What they did not touch is gone.
    assert!(
        store
            .meetings()
            .unwrap()
            .iter()
            .all(|m| m.fields.title != "WHA78")
    );
    assert!(
        store
            .people()
            .unwrap()
            .iter()
            .all(|p| p.person.fields.full_name != "Dr Example Delegate")
    );
    assert!(removal.removed > 40);
    // What was kept is theirs now: nothing is marked as example data.
    let status = store.example_status().unwrap();
    assert!(!status.loaded && !status.office_empty);
}

#[test]
fn an_example_person_named_as_me_is_kept() {
    let (_dir, mut store) = fresh();
    store.load_example_data().unwrap();
    let officer = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.person.fields.full_name == "Example International Officer")
        .unwrap();
    store
        .set_setting(crate::SettingKey::Me, &officer.person.id, None)
        .unwrap();
    let removal = store.remove_example_data().unwrap();
    assert!(
        removal.kept.iter().any(|k| k
            == "Person “Example International Officer”: Settings → Me names this person as you"),
        "{:?}",
        removal.kept
    );
    assert!(store.person(&officer.person.id).is_ok());
}
