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
