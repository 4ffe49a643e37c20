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
    let state = AppState::open(dir.path().to_owned());
    harness_on(dir, state)
}

/// A window on `state`, whose data folder is in `dir`.
fn harness_on(dir: tempfile::TempDir, state: AppState) -> Harness {
    let app = with_commands(mock_builder())
        .manage(state)
        .manage(crate::file_dialog::TestAnswers::default())
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
    /// What the next file dialog answers (`None`: the person cancelled it).
    fn answer_dialog(&self, path: Option<std::path::PathBuf>) {
        use tauri::Manager;
        let answers = self._app.state::<crate::file_dialog::TestAnswers>();
        answers.answers.lock().unwrap().push_back(path);
    }

    /// What the file dialogs were asked, in order.
    fn dialogs_asked(&self) -> Vec<crate::file_dialog::Ask> {
        use tauri::Manager;
        let answers = self._app.state::<crate::file_dialog::TestAnswers>();
        answers.asked.lock().unwrap().clone()
    }

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

pub(crate) fn kigali() -> Value {
    json!({
        "body_id": "wma_general_assembly", "parent_id": "", "ordinal": "74", "title": "74th WMA General Assembly",
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
fn a_newer_database_is_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    write_database_from_a_newer_plenary(dir.path());
    let state = AppState::open(dir.path().to_owned());
    let error = state.database_error().expect("refused").clone();
    assert_eq!(error.kind, error::ErrorKind::SchemaTooNew);
    assert!(
        error.message.contains("newer version of Plenary"),
        "{}",
        error.message
    );
}

#[test]
fn the_first_screen_comes_in_one_request() {
    let h = harness();
    let empty = h.invoke("first_screen", json!({})).unwrap();
    assert_eq!(empty["app"]["database_error"], Value::Null);
    let dashboard = &empty["dashboard"];
    assert_eq!(dashboard["any_meeting"], false);
    assert_eq!(dashboard["board"]["upcoming_meetings"], json!([]));
    assert_eq!(dashboard["team"]["exchange"]["joined"], false);
    assert!(dashboard["reviews"].is_object(), "{dashboard}");
    assert_eq!(dashboard["terms_ending"], json!([]));
    assert_eq!(dashboard["registration_warnings"], json!([]));
    // An empty office: the frame starts on the first-run screen, with no conflicts to mark.
    assert_eq!(dashboard["example"]["office_empty"], true);
    assert_eq!(dashboard["example"]["loaded"], false);
    assert_eq!(dashboard["conflicts"], json!([]));

    // A meeting long past is not on the board, but the office is no longer empty.
    h.invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let after = h.invoke("first_screen", json!({})).unwrap();
    assert_eq!(after["dashboard"]["any_meeting"], true);
    assert_eq!(after["dashboard"]["board"]["upcoming_meetings"], json!([]));
    assert_eq!(after["dashboard"]["example"]["office_empty"], false);
}

#[test]
fn the_first_screen_says_why_a_folder_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    write_database_from_a_newer_plenary(dir.path());
    let state = AppState::open_in_background(dir.path().to_owned());
    let h = harness_on(dir, state);
    let screen = h.invoke("first_screen", json!({})).unwrap();
    assert_eq!(screen["app"]["database_error"]["kind"], "schema_too_new");
    assert_eq!(screen["dashboard"], Value::Null);
    let refused = h.invoke("list_meetings", json!({})).unwrap_err();
    assert_eq!(refused["kind"], "schema_too_new");
}

/// The files the page is built from, in the tests: an `index.html` and a script.
struct BuiltFiles;

impl tauri::Assets<MockRuntime> for BuiltFiles {
    fn get(&self, key: &tauri::utils::assets::AssetKey) -> Option<std::borrow::Cow<'_, [u8]>> {
        match key.as_ref() {
            "/index.html" => {
                Some(b"<html><head><title>Plenary</title></head><body></body></html>"[..].into())
            }
            "/assets/index.js" => Some(b"console.log(1)"[..].into()),
            _ => None,
        }
    }

    fn iter(&self) -> Box<tauri::utils::assets::AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(
        &self,
        _html_path: &tauri::utils::assets::AssetKey,
    ) -> Box<dyn Iterator<Item = tauri::utils::assets::CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

/// The page is served with the first screen the command answers, read at each load, and record
/// text that looks like markup or like Tauri's nonce placeholders comes through intact.
#[test]
fn the_page_is_served_with_the_first_screen_in_it() {
    use tauri::{Assets, Manager};
    let h = harness();
    let state = h.window.state::<AppState>();
    let today = state.store().unwrap().lock().unwrap().clock().today();
    let files = crate::start::PageWithFirstScreen::over(
        Box::new(BuiltFiles),
        Some(h._app.handle().clone()),
    );
    let page = |files: &crate::start::PageWithFirstScreen<MockRuntime>| {
        let html = files.get(&"index.html".into()).unwrap();
        String::from_utf8(html.into_owned()).unwrap()
    };
    let block = |html: &str| {
        let open = "<script type=\"application/json\" id=\"plenary-first-screen\">";
        let start = html.find(open).expect("the page has the data block") + open.len();
        let end = start + html[start..].find("</script>").unwrap();
        assert!(html[end..].starts_with("</script></head>"), "{html}");
        serde_json::from_str::<Value>(&html[start..end]).unwrap()
    };
    let empty = page(&files);
    assert_eq!(block(&empty), h.invoke("first_screen", json!({})).unwrap());
    assert_eq!(block(&empty)["dashboard"]["example"]["office_empty"], true);

    // On the board (coming up), with a title that is markup and a placeholder.
    let title = "Quotes \" and \\ and </script><script>alert(1)</script> \u{2028} <!-- __TAURI_SCRIPT_NONCE__";
    let mut meeting = kigali();
    meeting["title"] = json!(title);
    meeting["start_date"] = json!(today.to_string());
    meeting["end_date"] = meeting["start_date"].clone();
    h.invoke("create_meeting", json!({ "draft": meeting }))
        .unwrap();
    let html = page(&files);
    assert!(!html.contains("__TAURI_"), "{html}");
    assert_eq!(html.matches("</script").count(), 1, "{html}");
    let given = block(&html);
    assert_eq!(given, h.invoke("first_screen", json!({})).unwrap());
    assert_eq!(
        given["dashboard"]["board"]["upcoming_meetings"][0]["meeting"]["title"],
        title
    );

    // Other files are served as built; without the app's state, the page too.
    let script = files.get(&"assets/index.js".into()).unwrap();
    assert_eq!(&*script, b"console.log(1)");
    let alone = crate::start::PageWithFirstScreen::over(Box::new(BuiltFiles), None);
    assert_eq!(
        &*alone.get(&"index.html".into()).unwrap(),
        BuiltFiles.get(&"index.html".into()).unwrap().as_ref()
    );
}

#[test]
fn a_folder_that_cannot_be_opened_gives_its_reason_with_the_page() {
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    write_database_from_a_newer_plenary(dir.path());
    let state = AppState::open_in_background(dir.path().to_owned());
    let given = crate::commands::overview::first_screen_within(&state, Duration::from_secs(5))
        .expect("the failure to open is known at once");
    assert_eq!(
        given.app.database_error.map(|error| error.kind.as_str()),
        Some("schema_too_new")
    );
    assert!(given.dashboard.is_none());
}

#[test]
fn a_database_opened_in_the_background_serves_the_first_request() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open_in_background(dir.path().join("new folder"));
    // Whether or not the opening thread has finished, the store is there once asked for.
    assert!(state.store().is_ok());
    assert!(state.database_error().is_none());
    assert!(
        dir.path()
            .join("new folder")
            .join(plenary_core::store::DATABASE_FILE)
            .exists()
    );
}

#[test]
fn the_data_revision_changes_with_every_write_and_only_then() {
    let h = harness();
    let revision = |h: &Harness| h.invoke("data_revision", json!({})).unwrap();
    let first = revision(&h);
    h.invoke("list_meetings", json!({})).unwrap();
    h.invoke("first_screen", json!({})).unwrap();
    assert_eq!(revision(&h), first, "reading changes nothing");
    h.invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let second = revision(&h);
    assert_ne!(second, first);
    h.invoke(
        "set_setting",
        json!({ "key": "home_time_zone", "value": "Europe/Paris", "version": null }),
    )
    .unwrap();
    assert_ne!(revision(&h), second);
}

#[test]
fn the_window_hears_of_every_change_to_the_data_and_only_then() {
    use std::sync::mpsc;
    use std::time::Duration;
    let h = harness();
    let state = h.window.state::<AppState>();
    let listen = || {
        let (tx, rx) = mpsc::channel();
        let channel = tauri::ipc::Channel::new(move |body| {
            let tauri::ipc::InvokeResponseBody::Json(revision) = body else {
                panic!("a revision is sent as JSON text")
            };
            let _ = tx.send(revision);
            Ok(())
        });
        tauri::async_runtime::block_on(state.watch_revisions(channel, Duration::from_millis(20)))
            .unwrap();
        rx
    };
    let heard = listen();
    let quiet = Duration::from_millis(200);
    h.invoke("list_meetings", json!({})).unwrap();
    assert!(
        heard.recv_timeout(quiet).is_err(),
        "reading is not a change"
    );

    // A command's write.
    h.invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let revision = heard.recv_timeout(Duration::from_secs(5)).unwrap();
    let now = h.invoke("data_revision", json!({})).unwrap();
    assert_eq!(revision, now.to_string(), "the revision itself, as JSON");
    assert!(
        heard.recv_timeout(quiet).is_err(),
        "each change is told once"
    );

    // Another program writing to the same folder.
    let mut other = plenary_core::Store::open_in(&state.data_dir).unwrap();
    other
        .set_setting(plenary_core::SettingKey::HomeTimeZone, "Asia/Seoul", None)
        .unwrap();
    heard.recv_timeout(Duration::from_secs(5)).unwrap();

    // A reloaded page watches anew; the old channel hears nothing more.
    let again = listen();
    h.invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    again.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(heard.recv_timeout(quiet).is_err());
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
    let title = |body: &str, ordinal: &str| {
        app.invoke(
            "default_meeting_title",
            json!({ "bodyId": body, "ordinal": ordinal }),
        )
        .unwrap()
    };
    assert_eq!(title("world_health_assembly", "77"), json!("WHA77"));
    assert_eq!(
        title("wma_general_assembly", "74"),
        json!("74th WMA General Assembly")
    );
    assert_eq!(
        title("who_executive_board", "abc"),
        json!("WHO Executive Board")
    );
    assert_eq!(title("", "74"), Value::Null);

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
    assert_eq!(options["bodies"][0]["id"], "wma_general_assembly");
    assert_eq!(options["bodies"][0]["name"], "WMA General Assembly");
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

#[test]
fn bodies_are_managed_and_in_use_errors_have_their_kind() {
    let app = harness();
    let draft = json!({ "name": "UN High-Level Meeting", "short_name": "UN HLM", "organization": "other",
                        "parent_id": "", "title_pattern": "" });
    let body = app
        .invoke("create_body", json!({ "draft": draft }))
        .unwrap();
    assert_eq!(body["seeded"], false);
    let mut meeting = kigali();
    meeting["body_id"] = body["id"].clone();
    app.invoke("create_meeting", json!({ "draft": meeting }))
        .unwrap();
    let error = app
        .invoke("delete_body", json!({ "id": body["id"], "version": 1 }))
        .unwrap_err();
    assert_eq!(error["kind"], "in_use");
    let error = app
        .invoke(
            "delete_body",
            json!({ "id": "world_health_assembly", "version": 1 }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "in_use");
    assert_eq!(
        app.invoke("list_bodies", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        21
    );
}

#[test]
fn a_meeting_week_flows_through_the_commands() {
    let app = harness();
    let meeting = app
        .invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let meeting_id = meeting["id"].clone();
    let item = app
        .invoke("create_agenda_item", json!({ "meetingId": meeting_id, "draft": {
            "number": "13.3", "title": "Antimicrobial resistance", "forum_body_id": "wha_committee_a",
            "priority": "high", "notes": "" } }))
        .unwrap();
    assert_eq!(item["depth"], 0);
    let error = app
        .invoke("create_agenda_item", json!({ "meetingId": meeting_id, "draft": {
            "number": "13.x", "title": "Bad", "forum_body_id": "", "priority": "normal", "notes": "" } }))
        .unwrap_err();
    assert_eq!(
        (error["kind"].as_str(), error["field"].as_str()),
        (Some("validation"), Some("number"))
    );

    let session = app
        .invoke(
            "create_session",
            json!({ "meetingId": meeting_id, "draft": {
            "title": "Plenary", "date": "2023-10-04", "start_time": "09:00", "end_time": "12:00",
            "room": "Hall", "agenda_item_ids": [item["id"]] } }),
        )
        .unwrap();
    assert_eq!(session["times"]["starts_utc"], "2023-10-04T07:00:00Z");

    let record = app
        .invoke("create_record", json!({ "meetingId": meeting_id, "draft": {
            "agenda_item_id": item["id"], "kind": "notes", "author": "", "title": "Notes on 13.3",
            "body": "Support the plan.", "votes_in_favour": "", "votes_against": "", "abstentions": "",
            "vote_result": null } }))
        .unwrap();
    let record = app
        .invoke(
            "finalize_record",
            json!({ "id": record["id"], "version": 1 }),
        )
        .unwrap();
    assert_eq!(record["status"], "final");
    let versions = app
        .invoke("list_record_versions", json!({ "id": record["id"] }))
        .unwrap();
    assert_eq!(versions.as_array().unwrap().len(), 1);
    let diff = app
        .invoke(
            "diff_record_versions",
            json!({ "id": record["id"], "from": 1, "to": 1 }),
        )
        .unwrap();
    assert_eq!(diff[0]["kind"], "same");

    let hits = app
        .invoke("search", json!({ "text": "antimicrobial" }))
        .unwrap();
    assert_eq!(hits[0]["kind"], "agenda_item");
    assert_eq!(hits[0]["meeting_id"], meeting_id);
    let board = app.invoke("dashboard", json!({})).unwrap();
    assert!(board["today"].as_str().unwrap().len() == 10);
}

#[test]
fn files_arrive_as_raw_bytes_and_attach() {
    let app = harness();
    let meeting = app
        .invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let request = InvokeRequest {
        cmd: "store_document_file".into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Raw(b"%PDF-1.7 test".to_vec()),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    let file = get_ipc_response(&app.window, request)
        .map(|b| b.deserialize::<Value>().unwrap())
        .unwrap();
    assert_eq!(file["size"], 13);
    let document = app
        .invoke("attach_document", json!({ "meetingId": meeting["id"], "fileName": "A77_9-en.pdf", "file": file,
            "draft": { "agenda_item_id": "", "symbol": "A77/9", "title": "AMR report", "language": "English",
                       "source_url": "", "retrieved_on": "" } }))
        .unwrap();
    assert_eq!(document["file_name"], "A77_9-en.pdf");
    // JSON instead of bytes is refused clearly.
    let error = app
        .invoke("store_document_file", json!({ "bytes": [1, 2, 3] }))
        .unwrap_err();
    assert_eq!(error["kind"], "validation");
    assert_eq!(
        app.invoke("list_documents", json!({ "meetingId": meeting["id"] }))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
#[test]
fn example_data_comes_and_goes_and_keeps_a_laptop_from_joining_a_hub_meanwhile() {
    let h = harness();
    let status = h.invoke("example_status", json!({})).unwrap();
    assert_eq!(status["office_empty"], true);
    assert_eq!(status["loaded"], false);
    let loaded = h.invoke("load_example_data", json!({})).unwrap();
    assert_eq!(loaded["loaded"], true);
    assert!(
        h.invoke("list_meetings", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len()
            >= 8
    );

    // Refused before the hub is asked: nothing listens on port 1, yet the answer is about the
    // example data, not the connection.
    let refused = h
        .invoke(
            "team_join",
            json!({ "request": { "host": "127.0.0.1", "port": "1", "database": "plenary",
                "login": "maria", "password": "secret", "sslmode": "disable",
                "device_name": "Maria's laptop" } }),
        )
        .unwrap_err();
    assert_eq!(refused["kind"], "exchange");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("example data"),
        "{refused}"
    );
    assert_eq!(
        h.invoke("team_status", json!({})).unwrap()["exchange"]["hub_address"],
        Value::Null
    );

    let removal = h.invoke("remove_example_data", json!({})).unwrap();
    assert!(removal["removed"].as_u64().unwrap() > 40);
    assert_eq!(removal["kept"], json!([]));
    assert_eq!(h.invoke("list_meetings", json!({})).unwrap(), json!([]));
    let status = h.invoke("example_status", json!({})).unwrap();
    assert_eq!(status["office_empty"], true);
    assert_eq!(status["loaded"], false);
}

mod command_lists;
mod hostile;
mod people;
mod portable;
mod sheets;

#[test]
fn policy_documents_history_reviews_positions_and_votes_through_the_commands() {
    let app = harness();
    let options = app.invoke("policy_form_options", json!({})).unwrap();
    assert_eq!(options["policy_types"][0]["value"], "declaration");
    assert!(options["action_kinds"].as_array().unwrap().len() == 11);

    let geneva = json!({
        "policy_type": "declaration", "emergency": false, "title": "WMA Declaration of Geneva",
        "short_name": "Declaration of Geneva", "code": "D-1948-01-2017", "lead_committee": "mec",
        "rapporteur": "", "topics": "ethics", "summary": "", "full_text": "", "source_url": "",
        "meeting_id": "", "agenda_item_id": ""
    });
    let created = app
        .invoke("create_policy_document", json!({ "draft": geneva }))
        .unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["status"], "not_adopted");

    let mut version = created["version"].as_u64().unwrap();
    for (kind, date) in [
        ("adopted", "1948"),
        ("amended", "1968"),
        ("amended", "1983"),
        ("amended", "1994"),
        ("editorially_revised", "2005"),
        ("editorially_revised", "2006"),
        ("amended", "2017-10"),
    ] {
        let draft = json!({ "kind": kind, "date": date, "body_id": "wma_general_assembly",
            "meeting_id": "", "superseded_by_id": "", "note": "" });
        let document = app
            .invoke(
                "add_policy_action",
                json!({ "documentId": id, "version": version, "draft": draft }),
            )
            .unwrap();
        version = document["version"].as_u64().unwrap();
    }
    let document = app
        .invoke("get_policy_document", json!({ "id": id }))
        .unwrap();
    assert_eq!(document["status"], "in_force");
    assert_eq!(document["review_due"], "2027-10");
    assert_eq!(document["handbook_code"], "D-1948-01-2017");
    let history = app
        .invoke("list_policy_actions", json!({ "documentId": id }))
        .unwrap();
    assert_eq!(history.as_array().unwrap().len(), 7);
    assert_eq!(history[6]["date"], "2017-10");

    // An action before the adoption: a field error, nothing changed.
    let early = json!({ "kind": "reaffirmed", "date": "1940", "body_id": "", "meeting_id": "",
        "superseded_by_id": "", "note": "" });
    let error = app
        .invoke(
            "add_policy_action",
            json!({ "documentId": id, "version": version, "draft": early }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "validation");
    assert_eq!(error["field"], "date");
    let stale = app
        .invoke(
            "add_policy_action",
            json!({ "documentId": id, "version": 1, "draft": early }),
        )
        .unwrap_err();
    assert_eq!(stale["kind"], "conflict");

    // A mistyped month is corrected; the review date follows. Then the action is removed.
    let last = &history[6];
    let fixed = json!({ "kind": "amended", "date": "2017-11", "body_id": "wma_general_assembly",
        "meeting_id": "", "superseded_by_id": "", "note": "" });
    let document = app
        .invoke(
            "update_policy_action",
            json!({ "id": last["id"], "version": last["version"], "draft": fixed }),
        )
        .unwrap();
    assert_eq!(document["review_due"], "2027-11");
    let stale = app
        .invoke(
            "delete_policy_action",
            json!({ "id": last["id"], "version": last["version"] }),
        )
        .unwrap_err();
    assert_eq!(stale["kind"], "conflict");
    let document = app
        .invoke(
            "delete_policy_action",
            json!({ "id": last["id"], "version": 2 }),
        )
        .unwrap();
    assert_eq!(document["handbook_code"], "D-1948-01-2006");
    assert_eq!(document["review_due"], "2004");

    // A WHO decision is taken when made: created with its adoption, or refused without a date.
    let decision = json!({
        "policy_type": "who_decision", "emergency": false, "title": "Decision on the WHO reform",
        "short_name": "", "code": "WHA75(9)", "lead_committee": null, "rapporteur": "", "topics": "",
        "summary": "", "full_text": "", "source_url": "", "meeting_id": "", "agenda_item_id": ""
    });
    let error = app
        .invoke("create_policy_document", json!({ "draft": decision }))
        .unwrap_err();
    assert_eq!(error["field"], "adopted_on");
    let adopted = app
        .invoke(
            "create_policy_document",
            json!({ "draft": decision, "adoptedOn": "2022-05-27" }),
        )
        .unwrap();
    assert_eq!(adopted["status"], "in_force");

    // A code whose letter contradicts the type.
    let mut statement = geneva.clone();
    statement["policy_type"] = json!("statement");
    let error = app
        .invoke("create_policy_document", json!({ "draft": statement }))
        .unwrap_err();
    assert_eq!(error["field"], "code");

    let count = app.invoke("review_due_count", json!({})).unwrap();
    assert!(count["year"].as_u64().unwrap() >= 2026);
    let due = app
        .invoke("reviews_due", json!({ "months": 1200 }))
        .unwrap();
    assert_eq!(due[0]["document"]["id"], id.as_str());

    let listed = app
        .invoke(
            "list_policy_documents",
            json!({ "filter": { "policy_type": "declaration", "status": null, "topic": "", "organization": "wma", "stance": null, "review_due_by": "" } }),
        )
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let position = json!({ "meeting_id": "", "agenda_item_id": "", "stance": "support", "priority": "high",
        "rationale": "Core ethics", "red_lines": "", "fallback": "", 
        "mandate": { "may_speak": true, "may_co_sponsor": false, "may_vote": true },
        "own_policies": "H-140.900", "approved_by": "Council on Ethical and Judicial Affairs", "approved_on": "2025-01-10" });
    let recorded = app
        .invoke(
            "record_position",
            json!({ "documentId": id, "draft": position }),
        )
        .unwrap();
    assert_eq!(recorded["current"], true);
    assert_eq!(recorded["own_policies"][0], "H-140.900");
    let mut bad = position.clone();
    bad["own_policies"] = json!("policy 140");
    let error = app
        .invoke("record_position", json!({ "documentId": id, "draft": bad }))
        .unwrap_err();
    assert_eq!(error["field"], "own_policies");
    assert_eq!(
        app.invoke("list_positions", json!({ "documentId": id }))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let vote = json!({ "meeting_id": "", "forum": "Plenary", "in_favour": "124", "against": "0",
        "abstentions": "11", "result": "adopted", "note": "" });
    let recorded = app
        .invoke(
            "record_policy_vote",
            json!({ "documentId": id, "draft": vote }),
        )
        .unwrap();
    assert_eq!(recorded["vote"]["in_favour"], 124);
    let votes = app
        .invoke("list_policy_votes", json!({ "documentId": id }))
        .unwrap();
    assert_eq!(votes.as_array().unwrap().len(), 1);
    app.invoke(
        "delete_policy_vote",
        json!({ "id": recorded["id"], "version": 1 }),
    )
    .unwrap();
    let missing = app
        .invoke("get_policy_document", json!({ "id": "no-such-id" }))
        .unwrap_err();
    assert_eq!(missing["kind"], "not_found");

    let hits = app.invoke("search", json!({ "text": "Geneva" })).unwrap();
    assert_eq!(hits[0]["kind"], "policy_document");
}

#[test]
fn statements_move_only_along_the_workflow_through_the_commands() {
    let app = harness();
    let meeting = app
        .invoke("create_meeting", json!({ "draft": kigali() }))
        .unwrap();
    let meeting_id = meeting["id"].as_str().unwrap().to_owned();
    let item = app
        .invoke(
            "create_agenda_item",
            json!({ "meetingId": meeting_id, "draft": { "number": "5", "title": "Ethics", "forum_body_id": "", "priority": "normal", "notes": "" } }),
        )
        .unwrap();
    let options = app.invoke("statement_form_options", json!({})).unwrap();
    assert_eq!(options["statuses"].as_array().unwrap().len(), 6);
    let draft = json!({ "agenda_item_id": item["id"], "document_id": "", "title": "On item 5",
        "organization": "World Medical Association", "mode": "individual", "co_signers": "", "speaker": "محمد",
        "time_limit_minutes": "3", "submission_deadline": "", "text": "Thank you, Chair.", "delivered_text": "" });
    let created = app
        .invoke(
            "create_statement",
            json!({ "meetingId": meeting_id, "draft": draft }),
        )
        .unwrap();
    assert_eq!(created["word_budget"], 330);
    assert_eq!(created["word_count"], 3);
    assert_eq!(created["next"], json!(["internal_review", "withdrawn"]));
    let refused = app
        .invoke(
            "set_statement_status",
            json!({ "id": created["id"], "version": 1, "status": "delivered" }),
        )
        .unwrap_err();
    assert_eq!(refused["kind"], "validation");
    assert_eq!(refused["field"], "status");
    let moved = app
        .invoke(
            "set_statement_status",
            json!({ "id": created["id"], "version": 1, "status": "internal_review" }),
        )
        .unwrap();
    assert_eq!(moved["status"], "internal_review");
    let mut bad = draft.clone();
    bad["time_limit_minutes"] = json!("three");
    let error = app
        .invoke(
            "update_statement",
            json!({ "id": created["id"], "version": 2, "draft": bad }),
        )
        .unwrap_err();
    assert_eq!(error["field"], "time_limit_minutes");
    let listed = app
        .invoke("list_statements", json!({ "meetingId": meeting_id }))
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let in_use = app
        .invoke(
            "delete_statement",
            json!({ "id": created["id"], "version": 2 }),
        )
        .unwrap_err();
    assert_eq!(in_use["kind"], "in_use");
}

#[test]
fn proposals_move_only_by_allowed_steps_through_the_commands() {
    let app = harness();
    let created = app
        .invoke(
            "create_proposal",
            json!({ "draft": { "title": "Statement on physician well-being", "proposed_type": "statement",
                "proposer": "Korean Medical Association", "rapporteur": "", "summary": "", "submitted_on": "2024-02-01" } }),
        )
        .unwrap();
    assert_eq!(created["stage"], "submitted");
    assert_eq!(
        created["next"],
        json!(["review_committee", "rejected", "withdrawn"])
    );
    let skip = app
        .invoke(
            "move_proposal",
            json!({ "id": created["id"], "version": 1, "step": { "stage": "adopted", "date": "2024-03-01",
                "committee": null, "comment_deadline": "", "note": "" } }),
        )
        .unwrap_err();
    assert_eq!(skip["kind"], "validation");
    assert_eq!(skip["field"], "stage");
    let moved = app
        .invoke(
            "move_proposal",
            json!({ "id": created["id"], "version": 1, "step": { "stage": "review_committee", "date": "2024-03-01",
                "committee": null, "comment_deadline": "", "note": "" } }),
        )
        .unwrap();
    assert_eq!(moved["steps"].as_array().unwrap().len(), 2);
    let listed = app.invoke("list_proposals", json!({})).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[test]
fn links_and_text_versions_through_the_commands() {
    let app = harness();
    let create = |policy_type: &str, title: &str| {
        app.invoke(
            "create_policy_document",
            json!({ "draft": { "policy_type": policy_type, "emergency": false, "title": title, "short_name": "",
                "code": "", "lead_committee": null, "rapporteur": "", "topics": "", "summary": "", "full_text": "",
                "source_url": "", "meeting_id": "", "agenda_item_id": "" } }),
        )
        .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let cr = create("council_resolution", "Council resolution");
    let r = create("resolution", "GA resolution");
    let links = app
        .invoke(
            "add_policy_link",
            json!({ "fromId": r, "toId": cr, "kind": "replaces_council_resolution" }),
        )
        .unwrap();
    assert_eq!(links[0]["outgoing"], true);
    let wrong = app
        .invoke(
            "add_policy_link",
            json!({ "fromId": cr, "toId": r, "kind": "replaces_council_resolution" }),
        )
        .unwrap_err();
    assert_eq!(wrong["field"], "to_id");
    for text in ["Draft text.", "Adopted text."] {
        app.invoke(
            "add_policy_text_version",
            json!({ "documentId": r, "draft": { "stage": "draft", "text": text } }),
        )
        .unwrap();
    }
    let diff = app
        .invoke(
            "diff_policy_text_versions",
            json!({ "documentId": r, "from": 1, "to": 2 }),
        )
        .unwrap();
    assert_eq!(diff[0]["kind"], "removed");
    let versions = app
        .invoke("list_policy_text_versions", json!({ "documentId": r }))
        .unwrap();
    assert_eq!(versions.as_array().unwrap().len(), 2);
}

#[test]
fn the_background_exchange_runs_every_15_seconds_unless_told_otherwise() {
    use crate::team::{LOOK_EVERY, background_interval};
    use std::time::Duration;
    assert_eq!(background_interval(None), Some(LOOK_EVERY));
    assert_eq!(background_interval(Some("")), Some(LOOK_EVERY));
    assert_eq!(
        background_interval(Some("60")),
        Some(Duration::from_secs(60))
    );
    assert_eq!(background_interval(Some("0")), None, "0: only on request");
    assert_eq!(background_interval(Some("soon")), Some(LOOK_EVERY));
}

#[test]
fn the_command_line_explains_itself_and_refuses_what_it_cannot_do() {
    let run = |words: &[&str]| crate::cli::run(words.iter().map(OsString::from).collect(), || None);
    assert_eq!(run(&[]), None, "no subcommand: the window opens");
    assert_eq!(run(&["--data-dir", "/tmp/x"]), None);
    assert_eq!(run(&["--help"]), Some(0));
    assert_eq!(run(&["hub", "init", "--help"]), Some(0));
    assert_eq!(run(&["hub", "init"]), Some(1), "no address");
    assert_eq!(
        run(&["hub", "init", "mysql://x@y/z"]),
        Some(1),
        "not a PostgreSQL address"
    );
    assert_eq!(run(&["hub", "frobnicate", "postgres://a@b/c"]), Some(1));
    // Unreachable (nothing listens on port 1): non-zero, nothing created.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    assert_eq!(
        run(&[
            "join",
            "postgres://maria:pw@127.0.0.1:1/plenary?sslmode=disable",
            "--data-dir",
            folder
        ]),
        Some(1)
    );
    let store = plenary_core::Store::open_in(dir.path()).unwrap();
    assert!(!store.exchange_status().unwrap().joined);
    drop(store);
    assert_eq!(
        run(&["exchange", "--data-dir", folder]),
        Some(1),
        "never joined"
    );
}

#[test]
fn failures_are_logged_with_the_command_and_kind_but_nothing_personal() {
    let app = harness();
    let person = json!({ "kind": "representative", "full_name": "Ji-woo Park", "honorifics": "",
        "organization_id": null, "title": "", "email": "", "phone": "", "expertise": "",
        "languages": "", "home_time_zone": "", "notes": "", "hub_login": "" });
    let created = app
        .invoke("create_person", json!({ "draft": person }))
        .unwrap();
    // The same name again is refused with a message naming the person.
    let duplicate = app
        .invoke("create_person", json!({ "draft": person }))
        .unwrap_err();
    // A passport number with characters a passport does not have.
    let travel = app
        .invoke(
            "set_person_travel",
            json!({ "id": created["id"], "version": null, "draft": {
                "nationality": "Korean", "passport_number": "M12-34567/Park",
                "passport_expiry": "2030-13-45", "dietary_needs": "no peanuts", "access_needs": "" } }),
        )
        .unwrap_err();
    assert_eq!(travel["kind"], "validation", "{travel}");

    let state = app.window.state::<AppState>();
    let log = std::fs::read_to_string(state.journal().path().unwrap()).unwrap();
    assert!(
        log.contains(&format!(
            "WARN command=people::create_person kind={}",
            duplicate["kind"].as_str().unwrap()
        )),
        "{log}"
    );
    assert!(
        log.contains(
            "WARN command=people::set_person_travel kind=validation fields=passport_number,passport_expiry"
        ),
        "{log}"
    );
    for personal in [
        "Ji-woo",
        "Park",
        "M12",
        "34567",
        "Korean",
        "peanuts",
        "2030-13-45",
    ] {
        assert!(
            !log.contains(personal),
            "{personal:?} is in the log:\n{log}"
        );
    }
    // The diagnostics carry the same lines, the data folder and the schema version.
    let diagnostics = app.invoke("copy_diagnostics", json!({})).unwrap();
    let text = diagnostics["text"].as_str().unwrap();
    assert!(text.contains("command=people::set_person_travel"), "{text}");
    assert!(text.contains(&format!(
        "schema version {0} (this Plenary writes {0})",
        plenary_core::store::SCHEMA_VERSION
    )));
    assert!(text.contains(&state.data_dir.display().to_string()));
    assert!(!text.contains("Park"));
    // No clipboard in the test runtime: said so, with the text to copy by hand.
    assert_eq!(diagnostics["copied"], false);
}
