use super::*;
use crate::agenda::Priority;
use crate::meeting::tests::kigali;

fn setup() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let meeting = store.create_meeting(&kigali()).unwrap();
    (dir, store, meeting.id)
}

fn item(number: &str, title: &str) -> AgendaItemDraft {
    AgendaItemDraft {
        number: number.into(),
        title: title.into(),
        forum_body_id: "wha_committee_a".into(),
        priority: Priority::High,
        notes: String::new(),
    }
}

fn numbers(store: &Store, meeting: &str) -> Vec<(String, u32)> {
    store
        .agenda_items(meeting)
        .unwrap()
        .into_iter()
        .map(|i| (i.fields.number, i.depth))
        .collect()
}

#[test]
fn the_agenda_is_in_numeric_order_with_nesting() {
    let (_dir, mut store, meeting) = setup();
    for (n, t) in [
        ("2", "Two"),
        ("1.10", "One ten"),
        ("13", "Thirteen"),
        ("1", "One"),
        ("1.2", "One two"),
        ("13.3", "AMR"),
        ("14.3", "Orphan"),
    ] {
        store.create_agenda_item(&meeting, &item(n, t)).unwrap();
    }
    assert_eq!(
        numbers(&store, &meeting),
        [
            ("1".into(), 0),
            ("1.2".into(), 1),
            ("1.10".into(), 1),
            ("2".into(), 0),
            ("13".into(), 0),
            ("13.3".into(), 1),
            ("14.3".into(), 0)
        ]
    );
}

#[test]
fn duplicate_and_malformed_numbers_change_nothing() {
    let (_dir, mut store, meeting) = setup();
    store
        .create_agenda_item(&meeting, &item("13.3", "AMR"))
        .unwrap();
    let error = store
        .create_agenda_item(&meeting, &item("13.03", "Again"))
        .unwrap_err();
    assert!(
        matches!(&error, CoreError::Validation(e) if e[0].field == "number" && e[0].message.contains("already has an item 13.3")),
        "{error:?}"
    );
    assert!(matches!(
        store.create_agenda_item(&meeting, &item("13-3", "x")),
        Err(CoreError::Validation(_))
    ));
    let mut bad_forum = item("14", "x");
    bad_forum.forum_body_id = "nope".into();
    assert!(
        matches!(store.create_agenda_item(&meeting, &bad_forum), Err(CoreError::Validation(e)) if e[0].field == "forum_body_id")
    );
    assert_eq!(
        store
            .create_agenda_item("no-meeting", &item("1", "x"))
            .unwrap_err(),
        CoreError::NotFound { entity: "meeting" }
    );
    assert_eq!(store.agenda_items(&meeting).unwrap().len(), 1);
}

#[test]
fn renumbering_carries_nested_items_and_refuses_collisions() {
    let (_dir, mut store, meeting) = setup();
    let thirteen = store
        .create_agenda_item(&meeting, &item("13", "Thirteen"))
        .unwrap();
    store
        .create_agenda_item(&meeting, &item("13.3", "AMR"))
        .unwrap();
    store
        .create_agenda_item(&meeting, &item("13.3.1", "Detail"))
        .unwrap();
    store
        .create_agenda_item(&meeting, &item("15", "Fifteen"))
        .unwrap();

    let moved = store
        .update_agenda_item(&thirteen.id, 1, &item("14", "Thirteen"))
        .unwrap();
    assert_eq!(moved.fields.number, "14");
    assert_eq!(
        numbers(&store, &meeting),
        [
            ("14".into(), 0),
            ("14.3".into(), 1),
            ("14.3.1".into(), 2),
            ("15".into(), 0)
        ]
    );

    // Nest 15 under 14; then try to move 14 onto 15's place → taken.
    let fifteen = store
        .agenda_items(&meeting)
        .unwrap()
        .into_iter()
        .find(|i| i.fields.number == "15")
        .unwrap();
    store
        .update_agenda_item(&fifteen.id, 1, &item("14.4", "Fifteen"))
        .unwrap();
    let error = store
        .update_agenda_item(&thirteen.id, 2, &item("14.4", "Thirteen"))
        .unwrap_err();
    assert!(
        matches!(&error, CoreError::Validation(e) if e[0].message.contains("cannot move under itself")),
        "{error:?}"
    );
    store
        .create_agenda_item(&meeting, &item("20.3", "Blocker"))
        .unwrap();
    let error = store
        .update_agenda_item(&thirteen.id, 2, &item("20", "Thirteen"))
        .unwrap_err();
    assert!(
        matches!(&error, CoreError::Validation(e) if e[0].message.contains("already has an item 20.3")),
        "{error:?}"
    );
    assert_eq!(
        numbers(&store, &meeting)[..3],
        [("14".into(), 0), ("14.3".into(), 1), ("14.3.1".into(), 2)]
    );
}

#[test]
fn moving_swaps_with_the_neighbouring_sibling() {
    let (_dir, mut store, meeting) = setup();
    store
        .create_agenda_item(&meeting, &item("13.2", "B"))
        .unwrap();
    let c = store
        .create_agenda_item(&meeting, &item("13.3", "C"))
        .unwrap();
    store
        .create_agenda_item(&meeting, &item("13.3.1", "C1"))
        .unwrap();
    let titles = |store: &Store| {
        store
            .agenda_items(&meeting)
            .unwrap()
            .into_iter()
            .map(|i| format!("{} {}", i.fields.number, i.fields.title))
            .collect::<Vec<_>>()
    };
    store.move_agenda_item(&c.id, 1, Direction::Up).unwrap();
    assert_eq!(titles(&store), ["13.2 C", "13.2.1 C1", "13.3 B"]);
    assert!(
        matches!(store.move_agenda_item(&c.id, 2, Direction::Up), Err(CoreError::Validation(e)) if e[0].message.contains("already the first"))
    );
    assert_eq!(
        store
            .move_agenda_item(&c.id, 1, Direction::Down)
            .unwrap_err(),
        CoreError::Conflict { entity: ENTITY }
    );
    assert_eq!(store.history(ENTITY, &c.id).unwrap().len(), 2);
}

#[test]
fn stale_versions_conflict_and_deletes_keep_history() {
    let (_dir, mut store, meeting) = setup();
    let a = store
        .create_agenda_item(&meeting, &item("13.3", "AMR"))
        .unwrap();
    store
        .update_agenda_item(&a.id, 1, &item("13.3", "Antimicrobial resistance"))
        .unwrap();
    assert_eq!(
        store
            .update_agenda_item(&a.id, 1, &item("13.3", "Other"))
            .unwrap_err(),
        CoreError::Conflict { entity: ENTITY }
    );
    store.delete_agenda_item(&a.id, 2).unwrap();
    assert_eq!(store.history(ENTITY, &a.id).unwrap().len(), 3);
    assert!(store.search("antimicrobial", 5).unwrap().is_empty());
}
