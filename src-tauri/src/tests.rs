//! Wiring tests on Tauri's mock runtime: each command reaches the core through the IPC layer,
//! and errors arrive in the `{kind, message, field?, fields}` shape the UI relies on.

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use super::*;

struct Harness {
    _dir: tempfile::TempDir,
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let app = with_commands(mock_builder())
        .manage(AppState::open(dir.path().to_owned()))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _dir: dir,
        _app: app,
        window,
    }
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| body.deserialize::<Value>().unwrap())
    }
}

fn kigali() -> Value {
    json!({
        "body": "wma_general_assembly", "ordinal": "74", "title": "74th WMA General Assembly",
        "city": "Kigali", "country": "Rwanda", "venue": "Kigali Convention Centre",
        "start_date": "2023-10-04", "end_date": "2023-10-07", "time_zone": "Africa/Kigali",
        "format": "in_person", "status": "planned", "registration_deadline": "", "notes": ""
    })
}

#[test]
fn meetings_round_trip_through_the_commands() {
    let app = harness();
    let created = app
        .invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["title"], "74th WMA General Assembly");
    assert_eq!(created["start_date"], "2023-10-04");
    assert_eq!(created["ordinal"], 74);
    assert_eq!(created["version"], 1);

    let listed = app.invoke("list_meetings", json!({})).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let mut draft = kigali();
    draft["venue"] = json!("Intare Conference Arena");
    let updated = app
        .invoke(
            "update_meeting",
            json!({ "id": id, "version": 1, "draft": draft }),
        )
        .unwrap();
    assert_eq!(updated["venue"], "Intare Conference Arena");
    assert_eq!(updated["version"], 2);
    assert_eq!(
        app.invoke("get_meeting", json!({ "id": id })).unwrap(),
        updated
    );

    let history = app.invoke("meeting_history", json!({ "id": id })).unwrap();
    assert_eq!(history[1]["action"], "update");
    assert_eq!(history[1]["changed"], json!(["venue"]));

    assert_eq!(
        app.invoke("delete_meeting", json!({ "id": id, "version": 2 }))
            .unwrap(),
        Value::Null
    );
    assert_eq!(app.invoke("list_meetings", json!({})).unwrap(), json!([]));
}

#[test]
fn validation_errors_name_their_fields() {
    let app = harness();
    let mut draft = kigali();
    draft["end_date"] = json!("2023-10-01");
    draft["ordinal"] = json!("seventy");
    let error = app
        .invoke("create_meeting", json!({ "draft": draft }))
        .unwrap_err();
    assert_eq!(error["kind"], "validation");
    assert_eq!(error["field"], "ordinal");
    assert_eq!(error["fields"][0]["field"], "ordinal");
    assert_eq!(error["fields"][1]["field"], "end_date");
    assert!(
        error["fields"][1]["message"]
            .as_str()
            .unwrap()
            .contains("before the start date")
    );
    assert_eq!(app.invoke("list_meetings", json!({})).unwrap(), json!([]));
}

#[test]
fn conflicts_and_missing_records_have_their_own_kinds() {
    let app = harness();
    let created = app
        .invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let id = created["id"].clone();
    let mut draft = kigali();
    draft["venue"] = json!("Hall A");
    app.invoke(
        "update_meeting",
        json!({ "id": id, "version": 1, "draft": draft }),
    )
    .unwrap();

    draft["venue"] = json!("Hall B");
    let error = app
        .invoke(
            "update_meeting",
            json!({ "id": id, "version": 1, "draft": draft }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "conflict");
    assert!(error.get("field").is_none(), "{error}");
    assert_eq!(error["fields"], json!([]));

    let error = app
        .invoke("get_meeting", json!({ "id": "no-such-id" }))
        .unwrap_err();
    assert_eq!(error["kind"], "not_found");
    assert!(
        !error["message"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("select")
    );
}

#[test]
fn a_newer_database_is_reported_as_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    write_database_from_a_newer_plenary(dir.path());
    let state = AppState::open(dir.path().to_owned());
    let error = state.database_error().expect("refused").clone();
    assert_eq!(error.kind, error::ErrorKind::Storage);
    assert!(
        error.message.contains("newer version of Plenary"),
        "{}",
        error.message
    );
}

/// Writes a database whose schema version is far ahead of this build's. The shell has no SQL of its
/// own, so it sets SQLite's `user_version` in the file header (4 bytes, big-endian, at offset 60).
fn write_database_from_a_newer_plenary(dir: &std::path::Path) {
    let path = dir.join(plenary_core::store::DATABASE_FILE);
    drop(plenary_core::Store::open(&path).unwrap());
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&path, bytes).unwrap();
}

#[test]
fn form_helpers_suggest_titles_and_time_zones() {
    let app = harness();
    let title = |body: Value, ordinal: &str| {
        app.invoke(
            "default_meeting_title",
            json!({ "body": body, "ordinal": ordinal }),
        )
        .unwrap()
    };
    assert_eq!(title(json!("world_health_assembly"), "77"), json!("WHA77"));
    assert_eq!(
        title(json!("wma_general_assembly"), "74"),
        json!("74th WMA General Assembly")
    );
    assert_eq!(
        title(json!("who_executive_board"), "abc"),
        json!("WHO Executive Board")
    );
    assert_eq!(title(Value::Null, "74"), Value::Null);

    assert_eq!(
        app.invoke("suggest_time_zone", json!({ "city": "Genève" }))
            .unwrap(),
        json!("Europe/Zurich")
    );
    assert_eq!(
        app.invoke("suggest_time_zone", json!({ "city": "Atlantis" }))
            .unwrap(),
        Value::Null
    );

    let options = app.invoke("meeting_form_options", json!({})).unwrap();
    assert_eq!(
        options["bodies"][0],
        json!({ "value": "wma_general_assembly", "label": "WMA General Assembly" })
    );
    assert!(
        options["time_zones"]
            .as_array()
            .unwrap()
            .contains(&json!("Africa/Kigali"))
    );

    let info = app.invoke("app_info", json!({})).unwrap();
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        info["database_file"]
            .as_str()
            .unwrap()
            .ends_with("plenary.sqlite3")
    );
    assert_eq!(info["database_error"], Value::Null);
}

#[test]
fn the_data_folder_comes_from_the_flag_then_the_environment() {
    let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
    assert_eq!(
        data_dir_override(args(&["--data-dir", "/a"]), Some("/b".into())),
        Some("/a".into())
    );
    assert_eq!(
        data_dir_override(args(&["--data-dir=/c"]), None),
        Some("/c".into())
    );
    assert_eq!(
        data_dir_override(args(&[]), Some("/b".into())),
        Some("/b".into())
    );
    assert_eq!(data_dir_override(args(&[]), Some("".into())), None);
    assert_eq!(data_dir_override(args(&["--other"]), None), None);
}

#[test]
fn settings_are_set_with_versions() {
    let app = harness();
    assert_eq!(app.invoke("list_settings", json!({})).unwrap(), json!([]));
    let set = app
        .invoke(
            "set_setting",
            json!({ "key": "home_time_zone", "value": "America/Chicago", "version": null }),
        )
        .unwrap();
    assert_eq!(set["value"], "America/Chicago");
    let error = app
        .invoke(
            "set_setting",
            json!({ "key": "home_time_zone", "value": "Mars/Base", "version": 1 }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "validation");
    assert_eq!(error["field"], "home_time_zone");
    let error = app
        .invoke(
            "set_setting",
            json!({ "key": "home_time_zone", "value": "Asia/Seoul", "version": null }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "conflict");
    assert_eq!(
        app.invoke("list_settings", json!({})).unwrap()[0]["value"],
        "America/Chicago"
    );
}

mod people;
