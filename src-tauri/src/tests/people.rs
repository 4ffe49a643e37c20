//! Wiring of the people, organization and assignment commands.

use serde_json::{Value, json};

use super::{harness, kigali};

fn person(name: &str) -> Value {
    json!({
        "kind": "representative", "full_name": name, "honorifics": "", "organization_id": null,
        "title": "", "email": "", "phone": "", "expertise": "ethics", "languages": "English",
        "home_time_zone": "", "notes": "", "hub_login": ""
    })
}

fn assignment(meeting: &str, person: &str, role: &str) -> Value {
    json!({
        "meeting_id": meeting, "person_id": person, "role": role, "registration_submitted": "",
        "registration_submitted_on": "", "badge": null, "arrival": "", "departure": "", "hotel": "",
        "travel_notes": "", "attended_sessions": "", "notes": ""
    })
}

#[test]
fn a_delegation_is_assigned_confirmed_exported_and_seen_by_me() {
    let app = harness();
    let options = app.invoke("people_form_options", json!({})).unwrap();
    assert_eq!(options["roles"][0]["label"], "Head of delegation");
    assert_eq!(
        options["sensitive_export_fields"].as_array().unwrap().len(),
        5
    );
    let organizations = app.invoke("list_organizations", json!({})).unwrap();
    assert_eq!(organizations.as_array().unwrap().len(), 7);

    let mut future = kigali();
    future["start_date"] = json!("2099-10-04");
    future["end_date"] = json!("2099-10-07");
    let meeting = app
        .invoke("create_meeting", json!({ "draft": future }))
        .unwrap();
    let meeting_id = meeting["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for (name, role) in [
        ("Amina Ngũgĩ", "head_of_delegation"),
        ("김민준", "voting_delegate"),
    ] {
        let created = app
            .invoke("create_person", json!({ "draft": person(name) }))
            .unwrap();
        let id = created["id"].as_str().unwrap().to_owned();
        let saved = app
            .invoke(
                "create_assignment",
                json!({ "draft": assignment(meeting_id, &id, role), "status": "proposed" }),
            )
            .unwrap();
        assert_eq!(saved["assignment"]["status"], "proposed");
        assert_eq!(saved["warnings"][0]["kind"], "voting_role_unconfirmed");
        ids.push(id);
    }
    let listed = app.invoke("list_people", json!({})).unwrap();
    assert_eq!(listed[0]["person"]["full_name"], "Amina Ngũgĩ");

    let board = app
        .invoke("meeting_board", json!({ "meetingId": meeting_id }))
        .unwrap();
    let picked: Vec<Value> = board["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({ "id": r["assignment"]["id"], "version": r["assignment"]["version"] }))
        .collect();
    let changed = app
        .invoke(
            "change_assignment_status",
            json!({ "assignments": picked, "status": "confirmed", "date": "" }),
        )
        .unwrap();
    assert_eq!(changed[1]["status"], "confirmed");
    let changes = app
        .invoke(
            "assignment_status_changes",
            json!({ "id": changed[0]["id"] }),
        )
        .unwrap();
    assert_eq!(changes.as_array().unwrap().len(), 2);

    app.invoke(
        "set_setting",
        json!({ "key": "me", "value": ids[0], "version": null }),
    )
    .unwrap();
    let mine = app
        .invoke("my_assignments", json!({ "includePast": false }))
        .unwrap();
    assert_eq!(mine["me"]["full_name"], "Amina Ngũgĩ");
    assert_eq!(
        mine["items"][0]["view"]["meeting_title"],
        "74th WMA General Assembly"
    );

    let request =
        json!({ "fields": ["full_name", "role", "passport_number"], "include_sensitive": false });
    let export = app
        .invoke(
            "export_delegation",
            json!({ "meetingId": meeting_id, "request": request }),
        )
        .unwrap();
    assert_eq!(export["columns"], json!(["full_name", "role"]));
    // The path comes from the system's Save dialog, which suggests the export's own name.
    let chosen = app._dir.path().join("chosen").join("delegation.csv");
    std::fs::create_dir_all(chosen.parent().unwrap()).unwrap();
    app.answer_dialog(Some(chosen.clone()));
    let saved = app
        .invoke(
            "save_delegation_export",
            json!({ "meetingId": meeting_id, "request": request }),
        )
        .unwrap();
    let asked = app.dialogs_asked();
    assert_eq!(asked[0].kind, crate::file_dialog::Kind::Save);
    assert!(
        asked[0].file_name.as_deref().unwrap().ends_with(".csv"),
        "{:?}",
        asked[0]
    );
    let path = std::path::PathBuf::from(saved["path"].as_str().unwrap());
    assert_eq!(path, chosen);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(&[0xef, 0xbb, 0xbf]));
    assert!(
        String::from_utf8(bytes)
            .unwrap()
            .contains("Amina Ngũgĩ,Head of delegation\r\n")
    );
    // The next dialog starts in the folder chosen last; cancelling it writes nothing.
    let cancelled = app
        .invoke(
            "save_delegation_export",
            json!({ "meetingId": meeting_id, "request": request }),
        )
        .unwrap();
    assert_eq!(cancelled, Value::Null);
    assert_eq!(app.dialogs_asked()[1].folder.as_deref(), chosen.parent());

    let page = app
        .invoke("get_person_page", json!({ "id": ids[1] }))
        .unwrap();
    assert_eq!(
        page["assignments"][0]["assignment"]["role"],
        "voting_delegate"
    );
    assert_eq!(
        app.invoke("get_person_travel", json!({ "id": ids[1] }))
            .unwrap(),
        Value::Null
    );
    let candidates = app
        .invoke(
            "find_candidates",
            json!({ "query": { "meeting_id": meeting_id, "expertise": "eth", "language": "", "available_only": true } }),
        )
        .unwrap();
    assert_eq!(candidates[0]["already_assigned"], true);
    assert!(
        app.invoke("terms_ending_within", json!({ "days": 90 }))
            .unwrap()
            .is_array()
    );
    assert!(
        app.invoke("assignment_warnings_for_dashboard", json!({}))
            .unwrap()
            .is_array()
    );
}

#[test]
fn bad_input_arrives_as_field_errors() {
    let app = harness();
    let error = app
        .invoke("create_person", json!({ "draft": person("  ") }))
        .unwrap_err();
    assert_eq!(
        (error["kind"].as_str(), error["field"].as_str()),
        (Some("validation"), Some("full_name"))
    );

    let amina = app
        .invoke("create_person", json!({ "draft": person("Amina Ngũgĩ") }))
        .unwrap();
    let error = app
        .invoke("create_person", json!({ "draft": person("AMINA NGUGI") }))
        .unwrap_err();
    assert_eq!(error["field"], "duplicate_of");
    let duplicates = app
        .invoke(
            "person_duplicates",
            json!({ "draft": person("amina ngugi"), "except": null }),
        )
        .unwrap();
    assert_eq!(duplicates[0]["id"], amina["id"]);

    let error = app
        .invoke(
            "set_setting",
            json!({ "key": "me", "value": "nobody", "version": null }),
        )
        .unwrap_err();
    assert_eq!(error["field"], "me");

    let meeting = app
        .invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let saved = app
        .invoke(
            "create_assignment",
            json!({ "draft": assignment(meeting["id"].as_str().unwrap(), amina["id"].as_str().unwrap(), "delegate"), "status": "proposed" }),
        )
        .unwrap();
    let error = app
        .invoke(
            "change_assignment_status",
            json!({ "assignments": [{ "id": saved["assignment"]["id"], "version": 1 }], "status": "attended", "date": "" }),
        )
        .unwrap_err();
    assert_eq!(error["field"], "status");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("cannot go from Proposed to Attended")
    );
    let error = app
        .invoke(
            "change_assignment_status",
            json!({ "assignments": [{ "id": saved["assignment"]["id"], "version": 1 }], "status": "invited", "date": "04/10/2023" }),
        )
        .unwrap_err();
    assert_eq!(error["field"], "date");

    // The meeting has ended: attendance is recorded in one step and noted as such.
    let attended = app
        .invoke(
            "record_attendance",
            json!({ "id": saved["assignment"]["id"], "version": 1 }),
        )
        .unwrap();
    assert_eq!(attended["status"], "attended");
    let stale = app
        .invoke(
            "record_attendance",
            json!({ "id": saved["assignment"]["id"], "version": 1 }),
        )
        .unwrap_err();
    assert_eq!(stale["kind"], "conflict");
    let changes = app
        .invoke(
            "assignment_status_changes",
            json!({ "id": saved["assignment"]["id"] }),
        )
        .unwrap();
    assert_eq!(changes[1]["recorded_after_meeting"], true);

    let error = app
        .invoke(
            "delete_meeting",
            json!({ "id": meeting["id"], "version": 1 }),
        )
        .unwrap_err();
    assert_eq!(
        (error["kind"].as_str(), error["field"].as_str()),
        (Some("in_use"), None)
    );
    assert_eq!(
        app.invoke("list_meetings", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
