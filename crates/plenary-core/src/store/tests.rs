use super::*;
use crate::HistoryAction;
use crate::meeting::{MeetingDraft, MeetingStatus};

fn kigali() -> MeetingDraft {
    crate::meeting::tests::kigali()
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    (dir, store)
}

#[test]
fn a_fresh_database_is_migrated_and_configured() {
    let (_dir, store) = fresh();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let pragma = |name: &str| -> String {
        store
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| format!("{v:?}"))
            .unwrap()
    };
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    assert_eq!(pragma("synchronous"), "Integer(2)"); // FULL
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    assert_eq!(pragma("secure_delete"), "Integer(1)");
    assert_eq!(pragma("busy_timeout"), "Integer(5000)");
}

#[test]
fn the_revision_changes_with_writes_here_or_elsewhere_and_not_with_reads() {
    let (dir, mut store) = fresh();
    assert!(!store.has_meetings().unwrap());
    let empty = store.revision().unwrap();
    store.meetings().unwrap();
    assert_eq!(store.revision().unwrap(), empty);
    store.create_meeting(&kigali()).unwrap();
    assert!(store.has_meetings().unwrap());
    let one = store.revision().unwrap();
    assert_ne!(one, empty);
    // A write through another connection (another process on the same folder) counts too.
    let other = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    other
        .execute_batch("CREATE TABLE elsewhere (x); INSERT INTO elsewhere VALUES (1);")
        .unwrap();
    assert_ne!(store.revision().unwrap(), one);
}

#[test]
fn reopening_keeps_data_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut store = Store::open_in(dir.path()).unwrap();
        store.create_meeting(&kigali()).unwrap().id
    };
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.meeting(&id).unwrap().fields.city, "Kigali");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_plenary_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let bytes_before = std::fs::read(&path).unwrap();
    let error = Store::open(&path)
        .err()
        .expect("a newer schema must be refused");
    assert_eq!(
        error,
        CoreError::SchemaTooNew {
            found: SCHEMA_VERSION + 1,
            supported: SCHEMA_VERSION
        }
    );
    assert!(
        error.to_string().contains("newer version of Plenary"),
        "{error}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes_before,
        "the file must not change"
    );
    assert!(
        !dir.path().join(format!("{DATABASE_FILE}-wal")).exists(),
        "no WAL file is created"
    );
}

/// Every file in `dir` with its bytes, by name.
fn folder_bytes(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_newer_schema_waiting_in_the_wal_is_refused_and_the_folder_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let crashed = tempfile::tempdir().unwrap();
    {
        // A newer Plenary wrote its schema version, and the change still sits in the WAL: copy
        // the files while that connection is open (as after a crash or a power cut).
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let name = format!("{DATABASE_FILE}{suffix}");
            std::fs::copy(dir.path().join(&name), crashed.path().join(&name)).unwrap();
        }
    }
    let wal = crashed.path().join(format!("{DATABASE_FILE}-wal"));
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the WAL holds the change"
    );
    let before = folder_bytes(crashed.path());

    let error = Store::open_in(crashed.path())
        .err()
        .expect("a newer schema must be refused");
    assert_eq!(
        error,
        CoreError::SchemaTooNew {
            found: SCHEMA_VERSION + 1,
            supported: SCHEMA_VERSION
        }
    );
    assert!(
        folder_bytes(crashed.path()) == before,
        "every file in the folder is unchanged, the WAL included"
    );
}

#[test]
fn create_assigns_identity_and_bookkeeping() {
    let (_dir, mut store) = fresh();
    let meeting = store.create_meeting(&kigali()).unwrap();
    let id = uuid::Uuid::parse_str(&meeting.id).unwrap();
    assert_eq!(id.get_version_num(), 7);
    assert_eq!(meeting.version, 1);
    assert_eq!(meeting.created_at, meeting.updated_at);
    assert!(meeting.created_at.ends_with('Z'), "{}", meeting.created_at);
    let _: jiff::Timestamp = meeting.created_at.parse().expect("RFC 3339");
    assert_eq!(store.meeting(&meeting.id).unwrap(), meeting);
}

#[test]
fn invalid_input_changes_nothing() {
    let (_dir, mut store) = fresh();
    let mut bad = kigali();
    bad.end_date = "2023-10-01".into();
    assert!(matches!(
        store.create_meeting(&bad),
        Err(CoreError::Validation(_))
    ));
    assert!(store.meetings().unwrap().is_empty());
    let count: i64 = store
        .conn
        .query_row("SELECT count(*) FROM history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0);

    let meeting = store.create_meeting(&kigali()).unwrap();
    assert!(matches!(
        store.update_meeting(&meeting.id, 1, &bad),
        Err(CoreError::Validation(_))
    ));
    assert_eq!(store.meeting(&meeting.id).unwrap(), meeting);
    assert_eq!(store.meeting_history(&meeting.id).unwrap().len(), 1);
}

#[test]
fn update_bumps_the_version_and_records_before_and_after() {
    let (_dir, mut store) = fresh();
    let meeting = store.create_meeting(&kigali()).unwrap();
    let mut draft = kigali();
    draft.venue = "Kigali Convention Centre, Hall A".into();
    let updated = store.update_meeting(&meeting.id, 1, &draft).unwrap();
    assert_eq!(updated.version, 2);
    assert_eq!(updated.created_at, meeting.created_at);
    assert_eq!(store.meeting(&meeting.id).unwrap(), updated);

    let history = store.meeting_history(&meeting.id).unwrap();
    let actions: Vec<_> = history.iter().map(|h| h.action).collect();
    assert_eq!(actions, [HistoryAction::Create, HistoryAction::Update]);
    assert_eq!(history[1].changed, ["venue"]);
    assert_eq!(
        history[1].before.as_ref().unwrap()["venue"],
        "Kigali Convention Centre"
    );
    assert_eq!(
        history[1].after.as_ref().unwrap()["venue"],
        "Kigali Convention Centre, Hall A"
    );
    assert!(history[0].before.is_none());
}

#[test]
fn saving_an_unchanged_form_writes_nothing() {
    let (_dir, mut store) = fresh();
    let meeting = store.create_meeting(&kigali()).unwrap();
    let same = store.update_meeting(&meeting.id, 1, &kigali()).unwrap();
    assert_eq!(same, meeting);
    assert_eq!(store.meeting_history(&meeting.id).unwrap().len(), 1);
}

#[test]
fn a_stale_version_is_a_conflict_and_changes_nothing() {
    let (_dir, mut store) = fresh();
    let meeting = store.create_meeting(&kigali()).unwrap();
    // First window saves.
    let mut first = kigali();
    first.venue = "Hall A".into();
    store.update_meeting(&meeting.id, 1, &first).unwrap();
    // Second window still holds version 1.
    let mut second = kigali();
    second.venue = "Hall B".into();
    let error = store.update_meeting(&meeting.id, 1, &second).unwrap_err();
    assert_eq!(error, CoreError::Conflict { entity: "meeting" });
    assert!(error.to_string().contains("changed elsewhere"));
    assert_eq!(store.meeting(&meeting.id).unwrap().fields.venue, "Hall A");
    assert_eq!(
        store.delete_meeting(&meeting.id, 1).unwrap_err(),
        CoreError::Conflict { entity: "meeting" }
    );
    assert_eq!(store.meetings().unwrap().len(), 1);
}

#[test]
fn delete_removes_the_meeting_but_keeps_its_history() {
    let (_dir, mut store) = fresh();
    let meeting = store.create_meeting(&kigali()).unwrap();
    store.delete_meeting(&meeting.id, 1).unwrap();
    assert_eq!(
        store.meeting(&meeting.id).unwrap_err(),
        CoreError::NotFound { entity: "meeting" }
    );
    let history = store.meeting_history(&meeting.id).unwrap();
    assert_eq!(history.last().unwrap().action, HistoryAction::Delete);
    assert_eq!(
        history.last().unwrap().before.as_ref().unwrap()["title"],
        "74th WMA General Assembly"
    );
    assert!(history.last().unwrap().after.is_none());
}

#[test]
fn unknown_ids_are_not_found() {
    let (_dir, mut store) = fresh();
    for id in [
        "",
        "nope",
        "0192f7e0-0000-7000-8000-000000000000",
        "'; DROP TABLE meeting; --",
    ] {
        assert_eq!(
            store.meeting(id).unwrap_err(),
            CoreError::NotFound { entity: "meeting" }
        );
        assert_eq!(
            store.update_meeting(id, 1, &kigali()).unwrap_err(),
            CoreError::NotFound { entity: "meeting" }
        );
        assert_eq!(
            store.delete_meeting(id, 1).unwrap_err(),
            CoreError::NotFound { entity: "meeting" }
        );
    }
    assert!(store.meetings().is_ok());
}

#[test]
fn history_is_append_only() {
    let (_dir, mut store) = fresh();
    store.create_meeting(&kigali()).unwrap();
    assert!(
        store
            .conn
            .execute("UPDATE history SET action = 'delete'", [])
            .is_err()
    );
    assert!(store.conn.execute("DELETE FROM history", []).is_err());
}

#[test]
fn meetings_are_listed_by_start_date_with_every_field_intact() {
    let (_dir, mut store) = fresh();
    let mut wha = kigali();
    wha.body_id = "world_health_assembly".into();
    wha.ordinal = "77".into();
    wha.title = "WHA77".into();
    wha.city = "Genève".into();
    wha.country = "Switzerland".into();
    wha.venue = "Palais des Nations".into();
    wha.start_date = "2024-05-27".into();
    wha.end_date = "2024-06-01".into();
    wha.time_zone = "Europe/Zurich".into();
    wha.status = MeetingStatus::Planned;
    wha.registration_deadline = "2024-05-13".into();
    wha.notes = "Committee A: 13.3 <b>not bold</b>".into();
    let wha = store.create_meeting(&wha).unwrap();
    let ga = store.create_meeting(&kigali()).unwrap();
    assert_eq!(store.meetings().unwrap(), vec![ga, wha]);
}

#[test]
fn meetings_nest_without_cycles_and_a_parent_with_children_is_kept() {
    let (_dir, mut store) = fresh();
    let week = store.create_meeting(&kigali()).unwrap();
    let mut council = kigali();
    council.body_id = "wma_council".into();
    council.title = "225th WMA Council Session".into();
    council.parent_id = week.id.clone();
    let council = store.create_meeting(&council).unwrap();
    assert_eq!(council.fields.parent_id.as_deref(), Some(week.id.as_str()));

    // The week cannot become part of its own Council session, nor of itself.
    let mut week_draft = MeetingDraft::from(&week.fields);
    week_draft.parent_id = council.id.clone();
    let error = store.update_meeting(&week.id, 1, &week_draft).unwrap_err();
    assert!(
        matches!(&error, CoreError::Validation(e) if e[0].field == "parent_id" && e[0].message.contains("cannot be part of itself")),
        "{error:?}"
    );
    week_draft.parent_id = week.id.clone();
    assert!(matches!(
        store.update_meeting(&week.id, 1, &week_draft),
        Err(CoreError::Validation(_))
    ));
    week_draft.parent_id = "no-such-meeting".into();
    assert!(
        matches!(store.update_meeting(&week.id, 1, &week_draft), Err(CoreError::Validation(e)) if e[0].message.contains("no longer exists"))
    );
    let mut unknown_body = kigali();
    unknown_body.body_id = "no_such_body".into();
    assert!(
        matches!(store.create_meeting(&unknown_body), Err(CoreError::Validation(e)) if e[0].field == "body_id")
    );

    let error = store.delete_meeting(&week.id, 1).unwrap_err();
    assert!(
        matches!(&error, CoreError::InUse(m) if m == "74th WMA General Assembly has 1 meeting held within it. Move or delete them first; nothing was deleted."),
        "{error:?}"
    );
    store.delete_meeting(&council.id, 1).unwrap();
    store.delete_meeting(&week.id, 1).unwrap();
}

#[test]
fn timestamps_have_a_fixed_width_so_text_order_is_time_order() {
    let at = |text: &str| rfc3339_millis(text.parse().unwrap());
    assert_eq!(at("2026-11-28T15:29:01.3Z"), "2026-11-28T15:29:01.300Z");
    assert_eq!(at("2026-11-28T15:29:01Z"), "2026-11-28T15:29:01.000Z");
    assert_eq!(at("2026-11-28T15:29:01.3119Z"), "2026-11-28T15:29:01.311Z");
    // Unpadded, "…01.3Z" would sort after "…01.31Z".
    assert!(at("2026-11-28T15:29:01.3Z") < at("2026-11-28T15:29:01.31Z"));
    let stamp = crate::store::Clock::System.now();
    assert_eq!(stamp.len(), "2026-11-28T15:29:01.300Z".len(), "{stamp}");
    let _: jiff::Timestamp = stamp.parse().expect("RFC 3339");
}
