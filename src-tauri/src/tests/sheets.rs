//! Spreadsheets through the IPC: the Open dialog's file is previewed without writing, confirming
//! imports the rows previewed (not the file as it is later), templates and lists are saved where
//! the Save dialog says.

use serde_json::{Value, json};

use super::harness;

const PEOPLE: &str = "Name,Kind,Email\r\n\
    Amina Ngũgĩ,Representative,amina@kma.example\r\n\
    Jonas Berg,Staff,\r\n";

#[test]
fn a_spreadsheet_is_previewed_then_imported_as_previewed() {
    let app = harness();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("people.csv");
    std::fs::write(&file, PEOPLE).unwrap();

    // Confirming before any preview is refused.
    let refused = app
        .invoke("confirm_sheet_import", json!({ "kind": "people" }))
        .unwrap_err();
    assert_eq!(refused["kind"], "refused", "{refused}");

    app.answer_dialog(Some(file.clone()));
    let preview = app
        .invoke("preview_sheet_import", json!({ "kind": "people" }))
        .unwrap();
    let asked = app.dialogs_asked();
    assert_eq!(asked[0].kind, crate::file_dialog::Kind::Open);
    assert_eq!(asked[0].filters[0].1, ["csv", "xlsx"]);
    assert_eq!(preview["file_name"], "people.csv");
    assert_eq!(preview["new_rows"], 2);
    assert_eq!(preview["columns"], json!(["Kind", "Name", "Email"]));
    assert_eq!(preview["rows"][0]["number"], 2);
    // Nothing is written by the preview.
    assert_eq!(app.invoke("list_people", json!({})).unwrap(), json!([]));

    // The file changes on disk after the preview: what is imported is what was shown.
    std::fs::write(&file, "Name,Kind\r\nSomeone Else,Staff\r\n").unwrap();
    // A preview of another kind is not confirmed as this one.
    assert_eq!(
        app.invoke("confirm_sheet_import", json!({ "kind": "meetings" }))
            .unwrap_err()["kind"],
        "refused"
    );
    app.answer_dialog(Some(out.path().join("people.csv")));
    std::fs::write(&file, PEOPLE).unwrap();
    app.invoke("preview_sheet_import", json!({ "kind": "people" }))
        .unwrap();
    std::fs::write(&file, "Name,Kind\r\nSomeone Else,Staff\r\n").unwrap();
    let imported = app
        .invoke("confirm_sheet_import", json!({ "kind": "people" }))
        .unwrap();
    assert_eq!(imported["added"], 2);
    let people = app.invoke("list_people", json!({})).unwrap();
    let names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person"]["full_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Amina Ngũgĩ", "Jonas Berg"]);
    // Once imported it is gone: confirming again is refused, nothing is added twice.
    assert_eq!(
        app.invoke("confirm_sheet_import", json!({ "kind": "people" }))
            .unwrap_err()["kind"],
        "refused"
    );

    // A file with a problem: the preview names it; confirming is refused and keeps nothing.
    let bad = out.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Name,Kind,Email\r\nZeynep Kaya,Staff,not-an-address\r\n",
    )
    .unwrap();
    app.answer_dialog(Some(bad));
    let preview = app
        .invoke("preview_sheet_import", json!({ "kind": "people" }))
        .unwrap();
    assert_eq!(preview["problem_rows"], 1);
    assert_eq!(preview["rows"][0]["problems"][0]["column"], "Email");
    let refused = app
        .invoke("confirm_sheet_import", json!({ "kind": "people" }))
        .unwrap_err();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .starts_with("row 2, Email:"),
        "{refused}"
    );
    app.invoke("discard_sheet_import", json!({})).unwrap();
    assert_eq!(
        app.invoke("list_people", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // A file that is not a spreadsheet is refused with the reader's message.
    let pdf = out.path().join("people.csv");
    std::fs::write(&pdf, b"%PDF-1.7\x00\x01\x02binary").unwrap();
    app.answer_dialog(Some(pdf));
    let refused = app
        .invoke("preview_sheet_import", json!({ "kind": "people" }))
        .unwrap_err();
    assert_eq!(refused["kind"], "refused", "{refused}");

    // Cancelling the Open dialog previews nothing.
    app.answer_dialog(None);
    assert_eq!(
        app.invoke("preview_sheet_import", json!({ "kind": "people" }))
            .unwrap(),
        Value::Null
    );
}

#[test]
fn templates_and_lists_are_saved_where_the_dialog_says() {
    let app = harness();
    let out = tempfile::tempdir().unwrap();

    let template = out.path().join("t.xlsx");
    app.answer_dialog(Some(template.clone()));
    app.invoke(
        "save_sheet_template",
        json!({ "kind": "meetings", "format": "xlsx" }),
    )
    .unwrap();
    assert_eq!(
        app.dialogs_asked()[0].file_name.as_deref(),
        Some("plenary-meetings-template.xlsx")
    );
    let expected = plenary_core::sheets::template(
        plenary_core::sheets::SheetKind::Meetings,
        plenary_core::sheets::SheetFormat::Xlsx,
    )
    .unwrap();
    assert_eq!(std::fs::read(&template).unwrap(), expected);

    // An empty list is refused before any dialog opens.
    let request = |format: &str| {
        json!({ "request": { "kind": "people", "format": format, "include_sensitive": false,
            "year": null } })
    };
    let refused = app.invoke("save_list", request("csv")).unwrap_err();
    assert_eq!(refused["message"], "There are no people to export.");
    assert_eq!(app.dialogs_asked().len(), 1);

    app.invoke("load_example_data", json!({})).unwrap();
    let list = out.path().join("people.csv");
    app.answer_dialog(Some(list.clone()));
    let saved = app.invoke("save_list", request("csv")).unwrap();
    assert_eq!(saved["path"], list.display().to_string());
    let people = app.invoke("list_people", json!({})).unwrap();
    assert_eq!(saved["rows"], people.as_array().unwrap().len());
    assert_eq!(
        app.dialogs_asked()[1].file_name.as_deref(),
        Some("plenary-people.csv")
    );
    let text = std::fs::read_to_string(&list).unwrap();
    assert!(text.starts_with("\u{feff}Kind,Name,"), "{text}");
}
