use super::*;
use crate::agenda::AgendaItemDraft;
use crate::diff::DiffKind;
use crate::meeting::tests::kigali;
use crate::record::{RecordKind, VoteResult};

fn setup() -> (tempfile::TempDir, Store, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let meeting = store.create_meeting(&kigali()).unwrap();
    let item = store
        .create_agenda_item(
            &meeting.id,
            &AgendaItemDraft {
                number: "13.3".into(),
                title: "AMR".into(),
                ..Default::default()
            },
        )
        .unwrap();
    (dir, store, meeting.id, item.id)
}

fn note(item: &str, body: &str) -> RecordDraft {
    RecordDraft {
        agenda_item_id: item.into(),
        kind: RecordKind::Notes,
        author: "Dr Ngũgĩ".into(),
        title: "Committee A on 13.3".into(),
        body: body.into(),
        ..Default::default()
    }
}

#[test]
fn drafts_change_in_place_finals_make_new_versions() {
    let (_dir, mut store, meeting, item) = setup();
    let record = store
        .create_record(&meeting, &note(&item, "Member states support the plan."))
        .unwrap();
    assert_eq!(
        (record.status, record.current_version, record.version),
        (RecordStatus::Draft, 1, 1)
    );

    let record = store
        .update_record(
            &record.id,
            1,
            &note(&item, "Most member states support the plan."),
        )
        .unwrap();
    assert_eq!((record.current_version, record.version), (1, 2));
    let record = store.finalize_record(&record.id, 2).unwrap();
    assert_eq!(record.status, RecordStatus::Final);

    let revised = store
        .update_record(
            &record.id,
            3,
            &note(&item, "Most member states support the amended plan."),
        )
        .unwrap();
    assert_eq!(
        (revised.status, revised.current_version),
        (RecordStatus::Draft, 2)
    );
    let versions = store.record_versions(&record.id).unwrap();
    assert_eq!(
        versions.iter().map(|v| v.number).collect::<Vec<_>>(),
        [2, 1]
    );
    assert!(versions[1].finalized_at.is_some());
    assert_eq!(
        versions[1].content.body,
        "Most member states support the plan."
    );

    let diff = store.record_diff(&record.id, 1, 2).unwrap();
    let added: Vec<&str> = diff
        .iter()
        .filter(|s| s.kind == DiffKind::Added)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(added, ["amended "]);

    // Restoring version 1 makes version 3 with its text.
    let restored = store.restore_record_version(&record.id, 4, 1).unwrap();
    assert_eq!(
        (restored.current_version, restored.content.body.as_str()),
        (3, "Most member states support the plan.")
    );
    assert_eq!(store.record_versions(&record.id).unwrap().len(), 3);
    assert!(store.history(ENTITY, &record.id).unwrap().len() >= 5);
}

#[test]
fn the_search_index_follows_the_current_version() {
    let (_dir, mut store, meeting, item) = setup();
    let record = store
        .create_record(&meeting, &note(&item, "Stewardship of antimicrobials"))
        .unwrap();
    store.finalize_record(&record.id, 1).unwrap();
    store
        .update_record(&record.id, 2, &note(&item, "Access to antibiotics"))
        .unwrap();
    let hits = store.search("stewardship", 5).unwrap();
    assert!(hits.is_empty(), "{hits:?}");
    let hits = store.search("antibiot", 5).unwrap();
    assert_eq!(
        (hits[0].kind.as_str(), hits[0].meeting_id.as_deref()),
        ("record", Some(meeting.as_str()))
    );
    assert_eq!(store.search("ngugi", 5).unwrap().len(), 1);
}

#[test]
fn outcomes_keep_their_vote() {
    let (_dir, mut store, meeting, item) = setup();
    let mut outcome = note(&item, "");
    outcome.kind = RecordKind::Outcome;
    outcome.title = "WHA78.1".into();
    outcome.votes_in_favour = "124".into();
    outcome.votes_against = "0".into();
    outcome.abstentions = "11".into();
    outcome.vote_result = Some(VoteResult::Adopted);
    let record = store.create_record(&meeting, &outcome).unwrap();
    let stored = store.record(&record.id).unwrap();
    assert_eq!(stored.content.vote.in_favour, Some(124));
    assert_eq!(stored.content.vote.against, Some(0));
    assert_eq!(stored.content.vote.result, Some(VoteResult::Adopted));
}

#[test]
fn bad_input_stale_versions_and_final_records_change_nothing() {
    let (_dir, mut store, meeting, item) = setup();
    let record = store.create_record(&meeting, &note(&item, "Text")).unwrap();
    // Two windows: the second save of version 1 is a conflict.
    store
        .update_record(&record.id, 1, &note(&item, "First window"))
        .unwrap();
    assert_eq!(
        store
            .update_record(&record.id, 1, &note(&item, "Second window"))
            .unwrap_err(),
        CoreError::Conflict { entity: ENTITY }
    );
    assert_eq!(
        store.record(&record.id).unwrap().content.body,
        "First window"
    );

    let mut other_meeting_item = note("not-on-this-agenda", "x");
    other_meeting_item.title = "x".into();
    assert!(
        matches!(store.create_record(&meeting, &other_meeting_item), Err(CoreError::Validation(e)) if e[0].field == "agenda_item_id")
    );
    assert!(matches!(
        store.record_diff(&record.id, 1, 9),
        Err(CoreError::NotFound { .. })
    ));

    store.finalize_record(&record.id, 2).unwrap();
    assert!(matches!(
        store.delete_record(&record.id, 3),
        Err(CoreError::InUse(_))
    ));
    let draft_only = store.create_record(&meeting, &note("", "Scratch")).unwrap();
    store.delete_record(&draft_only.id, 1).unwrap();
    assert_eq!(store.records(&meeting).unwrap().len(), 1);
    assert!(
        matches!(store.delete_agenda_item(&item, 1), Err(CoreError::InUse(m)) if m.contains("1 record"))
    );
}

#[test]
fn marking_a_final_record_for_the_report_keeps_it_final_with_a_history_entry() {
    let (_dir, mut store, meeting, item) = setup();
    let record = store
        .create_record(&meeting, &note(&item, "Member states support the plan."))
        .unwrap();
    assert!(!record.for_report);
    let record = store.finalize_record(&record.id, record.version).unwrap();

    let mut marked = RecordDraft::from(&record);
    marked.for_report = true;
    let after = store
        .update_record(&record.id, record.version, &marked)
        .unwrap();
    assert!(after.for_report);
    assert_eq!(
        (after.status, after.current_version, after.version),
        (RecordStatus::Final, 1, record.version + 1),
        "marking is not a change of content: no new version, still final"
    );
    assert_eq!(store.record_versions(&record.id).unwrap().len(), 1);
    let history = store.history(ENTITY, &record.id).unwrap();
    let last = history.last().unwrap();
    assert!(last.changed.iter().any(|c| c == "for_report"));
    assert_eq!(last.after.as_ref().unwrap()["for_report"], true);
    assert_eq!(last.before.as_ref().unwrap()["for_report"], false);

    // Saving the same again changes nothing; revising the text keeps the mark on the new version.
    let same = store
        .update_record(&record.id, after.version, &marked)
        .unwrap();
    assert_eq!(same.version, after.version);
    marked.body = "Most member states support the plan.".into();
    let revised = store
        .update_record(&record.id, after.version, &marked)
        .unwrap();
    assert_eq!((revised.current_version, revised.for_report), (2, true));
    let finalised = store.finalize_record(&record.id, revised.version).unwrap();
    assert!(finalised.for_report);
    assert!(store.records(&meeting).unwrap()[0].for_report);

    // A stale version is refused and changes nothing.
    marked.for_report = false;
    assert!(matches!(
        store.update_record(&record.id, after.version, &marked),
        Err(CoreError::Conflict { .. })
    ));
    assert!(store.record(&record.id).unwrap().for_report);
}
