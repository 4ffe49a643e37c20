//! Settings → Backups and export through the IPC: every path comes from the (answered) file
//! dialog, a restore replaces the open store in place, and refusals arrive as `refused`.

use serde_json::{Value, json};

use super::{harness, kigali};

#[test]
fn back_up_restore_export_and_import_with_the_window_open() {
    let app = harness();
    let out = tempfile::tempdir().unwrap();
    app.invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();

    let settings = app.invoke("backup_settings", json!({})).unwrap();
    assert_eq!(settings["keep"], 14);
    let folder = app._dir.path().join("backups");
    assert_eq!(settings["folder"], folder.display().to_string());

    // Cancelling the Save dialog writes nothing.
    assert_eq!(app.invoke("backup_now", json!({})).unwrap(), Value::Null);
    let file = out.path().join("monday.plenary-backup");
    app.answer_dialog(Some(file.clone()));
    let summary = app.invoke("backup_now", json!({})).unwrap();
    assert_eq!(summary["path"], file.display().to_string());
    let asked = app.dialogs_asked();
    assert_eq!(asked[1].folder.as_deref(), Some(folder.as_path()));
    let name = asked[1].file_name.clone().unwrap();
    assert!(
        name.starts_with("plenary-backup-") && name.ends_with(".plenary-backup"),
        "{name}"
    );
    assert_eq!(asked[1].filters[0].1, ["plenary-backup"]);

    let mut second = kigali();
    second["title"] = json!("Second meeting");
    app.invoke("create_meeting", json!({ "draft": second }))
        .unwrap();
    assert_eq!(
        app.invoke("list_meetings", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // A file that is not a backup is refused and changes nothing.
    let csv = out.path().join("list.csv");
    std::fs::write(&csv, "a,b\n").unwrap();
    app.answer_dialog(Some(csv));
    let refused = app.invoke("restore_backup", json!({})).unwrap_err();
    assert_eq!(refused["kind"], "refused");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("is not a Plenary backup")
    );

    app.answer_dialog(Some(file));
    let restored = app.invoke("restore_backup", json!({})).unwrap();
    assert!(
        restored["previous_data"]
            .as_str()
            .unwrap()
            .starts_with(&folder.display().to_string())
    );
    // The store open behind the window is the restored one.
    assert_eq!(
        app.invoke("list_meetings", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let json_file = out.path().join("all.json");
    app.answer_dialog(Some(json_file.clone()));
    let exported = app.invoke("export_everything", json!({})).unwrap();
    assert_eq!(exported["path"], json_file.display().to_string());
    // This folder holds data: an import is refused.
    app.answer_dialog(Some(json_file));
    let refused = app.invoke("import_export", json!({})).unwrap_err();
    assert_eq!(refused["kind"], "refused");

    assert_eq!(
        app.invoke("set_backup_keep", json!({ "keep": 0 }))
            .unwrap_err()["kind"],
        "validation"
    );
    assert_eq!(
        app.invoke("set_backup_keep", json!({ "keep": 30 }))
            .unwrap()["keep"],
        30
    );
    assert_eq!(
        app.invoke("long_work_progress", json!({})).unwrap(),
        Value::Null
    );
}

#[test]
fn calendars_are_saved_where_the_dialog_says_and_refused_before_asking() {
    let app = harness();
    let out = tempfile::tempdir().unwrap();
    let meeting = app
        .invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let meeting_id = meeting["id"].as_str().unwrap();

    let file = out.path().join("kigali.ics");
    app.answer_dialog(Some(file.clone()));
    let saved = app
        .invoke(
            "save_calendar",
            json!({ "request": { "kind": "meeting", "meeting_id": meeting_id } }),
        )
        .unwrap();
    assert_eq!(saved["path"], file.display().to_string());
    assert_eq!(saved["events"], 1);
    let asked = app.dialogs_asked();
    assert_eq!(asked[0].kind, crate::file_dialog::Kind::Save);
    assert_eq!(asked[0].filters[0].1, ["ics"]);
    assert!(
        asked[0].file_name.as_deref().unwrap().ends_with(".ics"),
        "{:?}",
        asked[0]
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("SUMMARY:74th WMA General Assembly"), "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20231004"), "{text}");
    assert!(text.contains("DTEND;VALUE=DATE:20231008"), "{text}");

    // The office's year: the meeting is in 2023, not in 2024.
    let year = out.path().join("2024.ics");
    app.answer_dialog(Some(year.clone()));
    let saved = app
        .invoke(
            "save_calendar",
            json!({ "request": { "kind": "office", "year": 2024 } }),
        )
        .unwrap();
    assert_eq!(saved["events"], 0);
    assert!(!std::fs::read_to_string(&year).unwrap().contains("VEVENT"));

    // An unknown meeting is refused before any dialog opens, and nothing is written.
    let asked_before = app.dialogs_asked().len();
    let refused = app
        .invoke(
            "save_calendar",
            json!({ "request": { "kind": "meeting", "meeting_id": "no-such-meeting" } }),
        )
        .unwrap_err();
    assert_eq!(refused["kind"], "not_found", "{refused}");
    assert_eq!(app.dialogs_asked().len(), asked_before);

    // My assignments need "me" chosen first: said before any dialog opens.
    let refused = app
        .invoke(
            "save_calendar",
            json!({ "request": { "kind": "mine", "include_past": true } }),
        )
        .unwrap_err();
    assert_eq!(refused["field"], "me", "{refused}");
    assert_eq!(app.dialogs_asked().len(), asked_before);

    // Cancelling the dialog writes nothing.
    app.answer_dialog(None);
    let cancelled = app
        .invoke(
            "save_calendar",
            json!({ "request": { "kind": "office", "year": null } }),
        )
        .unwrap();
    assert_eq!(cancelled, Value::Null);
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
}
