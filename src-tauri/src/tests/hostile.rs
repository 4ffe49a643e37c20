//! Hostile input through the IPC, for every command the app registers. Each command has an entry
//! in `COMMANDS` below: the arguments of one valid call, with `@name` standing for a record of a
//! seeded world (`@v:table.column=name` for that record's current version). From it the test
//! derives hostile calls — every text replaced by an empty string, 1 MB of text, NUL, a
//! right-to-left override, SQL, markup and script, an unknown id; every number by a stale or
//! impossible version; every value by one of the wrong JSON type; every argument left out — and
//! makes each on a fresh copy of the world. Whatever a call does, it must not panic; a refused
//! call must change no row of any table and say why in the `{kind, message, field?}` shape, with
//! no SQL in the message.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tauri::WebviewWindowBuilder;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;

use super::command_lists::{registered_commands, ui_reads};
use super::{Harness, kigali};
use crate::{AppState, with_commands};

/// One valid call of every command. A command missing here fails the test.
fn commands() -> Vec<(&'static str, Value)> {
    let meeting_draft = || {
        let mut draft = kigali();
        draft["start_date"] = json!("2099-10-04");
        draft["end_date"] = json!("2099-10-07");
        draft
    };
    let agenda_draft = json!({ "number": "7.1", "title": "Ethics", "forum_body_id": "",
        "priority": "high", "notes": "" });
    let session_draft = json!({ "title": "Plenary", "date": "2099-10-05", "start_time": "09:00",
        "end_time": "12:00", "room": "Hall A", "agenda_item_ids": ["@agenda"] });
    let record_draft = json!({ "agenda_item_id": "@agenda", "kind": "notes", "author": "Desk",
        "title": "Notes", "body": "Support.", "votes_in_favour": "", "votes_against": "",
        "abstentions": "", "vote_result": null, "for_report": true });
    let action_draft = json!({ "title": "Send the brief", "owner": "Desk", "due_date": "2099-10-01",
        "status": "open", "agenda_item_id": "@agenda", "record_id": "", "notes": "" });
    let document_draft = json!({ "agenda_item_id": "@agenda", "symbol": "A77/9", "title": "Report",
        "language": "en", "source_url": "", "retrieved_on": "" });
    let person_draft = json!({ "kind": "representative", "full_name": "Ji-woo Park", "honorifics": "",
        "organization_id": null, "title": "", "email": "", "phone": "", "expertise": "ethics",
        "languages": "Korean", "home_time_zone": "", "notes": "", "hub_login": "ji-woo.park" });
    let travel_draft = json!({ "nationality": "Korean", "passport_number": "M1234567",
        "passport_expiry": "2030-01-01", "dietary_needs": "", "access_needs": "" });
    let organization_draft = json!({ "kind": "national_medical_association", "name": "Ordre", "local_name": "Ordre des médecins",
        "acronym": "ORD", "country": "France", "wma_membership": "constituent",
        "who_relation": "none", "website": "", "notes": "" });
    let interaction_draft = json!({ "date": "2024-05-01", "kind": "call", "participants": "Desk",
        "summary": "Talked", "follow_up": "" });
    let country_note_draft = json!({ "country": "France", "topic": "Law", "date": "2024-05-01",
        "text": "A note", "source": "", "organization_id": null, "person_id": null });
    let seat_draft = json!({ "kind": "council_seat", "name": "Council", "organization_id": null,
        "appointed_by": "", "notes": "" });
    let term_draft = json!({ "person_id": "@person", "capacity": "holder",
        "start_date": "2024-01-01", "end_date": "2026-12-31", "notes": "" });
    let assignment_draft = json!({ "meeting_id": "@meeting", "person_id": "@person2",
        "role": "delegate", "registration_submitted": "", "registration_submitted_on": "",
        "badge": null, "arrival": "", "departure": "", "hotel": "", "travel_notes": "",
        "attended_sessions": "", "notes": "" });
    let delegation_draft = json!({ "badge_cap": "4", "focal_point_id": "@person", "notes": "" });
    let export_request = json!({ "fields": ["full_name", "role"], "include_sensitive": false });
    let policy_draft = json!({ "policy_type": "statement", "emergency": false,
        "title": "Statement on AI", "short_name": "", "code": "", "lead_committee": "mec",
        "rapporteur": "", "topics": "ai", "summary": "", "full_text": "", "source_url": "",
        "meeting_id": "", "agenda_item_id": "" });
    let policy_action_draft = json!({ "kind": "reaffirmed", "date": "2020-10",
        "body_id": "wma_general_assembly", "meeting_id": "", "superseded_by_id": "", "note": "" });
    let position_draft = json!({ "meeting_id": "@meeting", "agenda_item_id": "@agenda",
        "stance": "support", "priority": "high", "rationale": "Ethics", "red_lines": "",
        "fallback": "", "mandate": { "may_speak": true, "may_co_sponsor": false, "may_vote": true },
        "own_policies": "H-140.900", "approved_by": "Council", "approved_on": "2025-01-10" });
    let vote_draft = json!({ "meeting_id": "@meeting", "forum": "Plenary", "in_favour": "10",
        "against": "1", "abstentions": "0", "result": "adopted", "note": "" });
    let statement_draft = json!({ "agenda_item_id": "@agenda", "document_id": "", "title": "On 7.1",
        "organization": "WMA", "mode": "individual", "co_signers": "", "speaker": "محمد",
        "time_limit_minutes": "3", "submission_deadline": "", "text": "Thank you, Chair.",
        "delivered_text": "" });
    let proposal_draft = json!({ "title": "Statement on rest", "proposed_type": "statement",
        "proposer": "KMA", "rapporteur": "", "summary": "", "submitted_on": "2024-02-01" });
    let step_draft = json!({ "stage": "review_committee", "date": "2024-03-01", "committee": null,
        "comment_deadline": "", "note": "" });
    let policy_filter = json!({ "policy_type": null, "status": null, "topic": "ai",
        "organization": null, "stance": null, "review_due_by": "" });
    let body_draft = json!({ "name": "Regional forum", "short_name": "RF", "organization": "other",
        "parent_id": "", "title_pattern": "" });
    let id_version = |name: &str, table: &str| json!({ "id": format!("@{name}"), "version": format!("@v:{table}.id={name}") });
    let with = |mut base: Value, extra: Value| {
        for (key, value) in extra.as_object().unwrap() {
            base[key] = value.clone();
        }
        base
    };
    vec![
        ("app_info", json!({})),
        ("set_theme", json!({ "theme": "dark" })),
        ("copy_diagnostics", json!({})),
        ("list_bodies", json!({})),
        ("create_body", json!({ "draft": body_draft })),
        (
            "update_body",
            with(id_version("body", "body"), json!({ "draft": body_draft })),
        ),
        ("delete_body", id_version("body", "body")),
        ("meeting_form_options", json!({})),
        (
            "default_meeting_title",
            json!({ "bodyId": "world_health_assembly", "ordinal": "77" }),
        ),
        ("suggest_time_zone", json!({ "city": "Genève" })),
        ("list_meetings", json!({})),
        ("get_meeting", json!({ "id": "@meeting" })),
        ("create_meeting", json!({ "draft": meeting_draft() })),
        (
            "update_meeting",
            with(
                id_version("meeting", "meeting"),
                json!({ "draft": meeting_draft() }),
            ),
        ),
        ("delete_meeting", id_version("meeting", "meeting")),
        ("meeting_history", json!({ "id": "@meeting" })),
        ("list_agenda_items", json!({ "meetingId": "@meeting" })),
        (
            "create_agenda_item",
            json!({ "meetingId": "@meeting", "draft": agenda_draft }),
        ),
        (
            "update_agenda_item",
            with(
                id_version("agenda", "agenda_item"),
                json!({ "draft": agenda_draft }),
            ),
        ),
        (
            "move_agenda_item",
            with(
                id_version("agenda", "agenda_item"),
                json!({ "direction": "down" }),
            ),
        ),
        ("delete_agenda_item", id_version("agenda", "agenda_item")),
        ("list_sessions", json!({ "meetingId": "@meeting" })),
        (
            "create_session",
            json!({ "meetingId": "@meeting", "draft": session_draft }),
        ),
        (
            "update_session",
            with(
                id_version("session", "session"),
                json!({ "draft": session_draft }),
            ),
        ),
        ("delete_session", id_version("session", "session")),
        ("list_records", json!({ "meetingId": "@meeting" })),
        (
            "create_record",
            json!({ "meetingId": "@meeting", "draft": record_draft }),
        ),
        (
            "update_record",
            with(
                id_version("record", "record"),
                json!({ "draft": record_draft }),
            ),
        ),
        ("finalize_record", id_version("record", "record")),
        (
            "restore_record_version",
            with(id_version("record", "record"), json!({ "number": 1 })),
        ),
        ("list_record_versions", json!({ "id": "@record" })),
        (
            "diff_record_versions",
            json!({ "id": "@record", "from": 1, "to": 2 }),
        ),
        ("delete_record", id_version("record", "record")),
        ("list_action_items", json!({ "meetingId": "@meeting" })),
        (
            "create_action_item",
            json!({ "meetingId": "@meeting", "draft": action_draft }),
        ),
        (
            "update_action_item",
            with(
                id_version("action", "action_item"),
                json!({ "draft": action_draft }),
            ),
        ),
        ("delete_action_item", id_version("action", "action_item")),
        ("list_documents", json!({ "meetingId": "@meeting" })),
        // Its body is the file's bytes, not JSON: see `raw_bodies`.
        ("store_document_file", json!({})),
        (
            "attach_document",
            json!({ "meetingId": "@meeting", "draft": document_draft,
            "fileName": "report.pdf", "file": { "sha256": "@file", "size": 13 } }),
        ),
        (
            "update_document",
            with(
                id_version("document", "document"),
                json!({ "draft": document_draft }),
            ),
        ),
        ("delete_document", id_version("document", "document")),
        // Only ever called with an id that names no document: a valid one would open a program.
        ("open_document", json!({ "id": "@unknown" })),
        ("dashboard", json!({})),
        ("first_screen", json!({})),
        ("data_revision", json!({})),
        ("watch_revisions", json!({ "onChange": "__CHANNEL__:7" })),
        ("example_status", json!({})),
        ("load_example_data", json!({})),
        ("remove_example_data", json!({})),
        ("search", json!({ "text": "ethics" })),
        ("list_settings", json!({})),
        (
            "set_setting",
            json!({ "key": "home_time_zone", "value": "Europe/Paris",
            "version": "@v:setting.key=#home_time_zone" }),
        ),
        ("backup_settings", json!({})),
        ("set_backup_keep", json!({ "keep": 14 })),
        ("choose_backup_folder", json!({})),
        ("long_work_progress", json!({})),
        ("cancel_long_work", json!({})),
        // The dialogs are cancelled here (no answer waits): nothing is written.
        ("backup_now", json!({})),
        ("restore_backup", json!({})),
        ("export_everything", json!({})),
        ("import_export", json!({})),
        (
            "save_briefing_book",
            json!({ "request": { "meeting_id": "@meeting", "include_travel": true } }),
        ),
        ("team_status", json!({})),
        // No hub listens on port 1: the valid call is refused as unreachable, at once.
        (
            "team_join",
            json!({ "request": { "host": "127.0.0.1", "port": "1", "database": "plenary",
                "login": "maria", "password": "secret", "sslmode": "disable",
                "device_name": "Maria's laptop" } }),
        ),
        ("team_unlock", json!({ "password": "secret" })),
        ("team_exchange", json!({})),
        ("team_stop", json!({})),
        ("list_conflicts", json!({})),
        ("conflicted_records", json!({ "entity": "meeting" })),
        (
            "resolve_conflict",
            json!({ "id": "@unknown", "choice": { "choice": "theirs" } }),
        ),
        ("likely_duplicates", json!({})),
        // Two different people: refused (nothing refers to the merge's pair as the same), or
        // merged; either way no panic and a clean answer.
        (
            "merge_duplicates",
            json!({ "kind": "person", "keepId": "@person", "dropId": "@unknown" }),
        ),
        ("people_form_options", json!({})),
        ("list_people", json!({})),
        ("get_person_page", json!({ "id": "@person" })),
        ("create_person", json!({ "draft": person_draft })),
        (
            "update_person",
            with(
                id_version("person", "person"),
                json!({ "draft": person_draft }),
            ),
        ),
        ("delete_person", id_version("person2", "person")),
        (
            "person_duplicates",
            json!({ "draft": person_draft, "except": "@person" }),
        ),
        ("person_history", json!({ "id": "@person" })),
        ("get_person_travel", json!({ "id": "@person" })),
        (
            "set_person_travel",
            json!({ "id": "@person",
            "version": "@v:person_travel.person_id=person", "draft": travel_draft }),
        ),
        ("list_organizations", json!({})),
        (
            "create_organization",
            json!({ "draft": organization_draft }),
        ),
        (
            "update_organization",
            with(
                id_version("organization", "organization"),
                json!({ "draft": organization_draft }),
            ),
        ),
        (
            "delete_organization",
            id_version("organization", "organization"),
        ),
        (
            "list_interactions",
            json!({ "organizationId": "@organization" }),
        ),
        (
            "add_interaction",
            json!({ "organizationId": "@organization", "draft": interaction_draft }),
        ),
        (
            "delete_interaction",
            id_version("interaction", "interaction"),
        ),
        ("list_countries", json!({})),
        ("get_country_page", json!({ "country": "France" })),
        (
            "create_country_note",
            json!({ "draft": country_note_draft }),
        ),
        ("get_country_note", json!({ "id": "@country_note" })),
        (
            "delete_country_note",
            id_version("country_note", "country_note"),
        ),
        ("list_seats", json!({})),
        ("create_seat", json!({ "draft": seat_draft })),
        (
            "add_term",
            json!({ "seatId": "@seat", "draft": term_draft }),
        ),
        (
            "update_term",
            with(id_version("term", "term"), json!({ "draft": term_draft })),
        ),
        ("delete_term", id_version("term", "term")),
        ("terms_ending_within", json!({ "days": 90 })),
        ("meeting_board", json!({ "meetingId": "@meeting" })),
        (
            "create_assignment",
            json!({ "draft": assignment_draft, "status": "proposed" }),
        ),
        (
            "update_assignment",
            with(
                id_version("assignment", "assignment"),
                json!({ "draft": with(assignment_draft.clone(), json!({ "person_id": "@person" })) }),
            ),
        ),
        ("delete_assignment", id_version("assignment", "assignment")),
        (
            "change_assignment_status",
            json!({ "assignments": [id_version("assignment", "assignment")],
            "status": "invited", "date": "" }),
        ),
        ("assignment_status_changes", json!({ "id": "@assignment" })),
        ("assignment_history", json!({ "id": "@assignment" })),
        ("record_attendance", id_version("assignment", "assignment")),
        (
            "set_delegation",
            json!({ "meetingId": "@meeting",
            "version": "@v:delegation.meeting_id=meeting", "draft": delegation_draft }),
        ),
        (
            "find_candidates",
            json!({ "query": { "meeting_id": "@meeting", "expertise": "eth",
            "language": "", "available_only": true } }),
        ),
        ("my_assignments", json!({ "includePast": false })),
        ("assignment_warnings_for_dashboard", json!({})),
        (
            "export_delegation",
            json!({ "meetingId": "@meeting", "request": export_request }),
        ),
        (
            "save_delegation_export",
            json!({ "meetingId": "@meeting", "request": export_request, "format": "xlsx" }),
        ),
        (
            "save_calendar",
            json!({ "request": { "kind": "meeting", "meeting_id": "@meeting" } }),
        ),
        // The Open and Save dialogs are cancelled here: nothing is read or written.
        ("preview_sheet_import", json!({ "kind": "people" })),
        ("confirm_sheet_import", json!({ "kind": "people" })),
        ("discard_sheet_import", json!({})),
        (
            "save_sheet_template",
            json!({ "kind": "meetings", "format": "xlsx" }),
        ),
        (
            "save_list",
            json!({ "request": { "kind": "people", "format": "csv", "include_sensitive": false,
            "year": null, "policy_filter": policy_filter.clone() } }),
        ),
        // The Save dialog is cancelled here (or the meeting has not begun): nothing is written.
        ("save_delegate_report", json!({ "meetingId": "@meeting" })),
        ("policy_form_options", json!({})),
        ("list_policy_documents", json!({ "filter": policy_filter })),
        ("get_policy_document", json!({ "id": "@policy" })),
        ("create_policy_document", json!({ "draft": policy_draft })),
        (
            "update_policy_document",
            with(
                id_version("policy", "policy_document"),
                json!({ "draft": with(policy_draft.clone(), json!({ "policy_type": "declaration",
                "code": "D-1948-01-2017" })) }),
            ),
        ),
        (
            "delete_policy_document",
            id_version("policy2", "policy_document"),
        ),
        ("list_policy_actions", json!({ "documentId": "@policy" })),
        (
            "add_policy_action",
            json!({ "documentId": "@policy",
            "version": "@v:policy_document.id=policy", "draft": policy_action_draft }),
        ),
        (
            "update_policy_action",
            with(
                id_version("policy_action", "policy_action"),
                json!({ "draft": { "kind": "adopted", "date": "1948-09",
                    "body_id": "wma_general_assembly", "meeting_id": "", "superseded_by_id": "",
                    "note": "Geneva" } }),
            ),
        ),
        (
            "delete_policy_action",
            id_version("policy_action", "policy_action"),
        ),
        ("reviews_due", json!({ "months": 24 })),
        ("review_due_count", json!({})),
        ("list_positions", json!({ "documentId": "@policy" })),
        (
            "list_positions_for_agenda_item",
            json!({ "agendaItemId": "@agenda" }),
        ),
        (
            "record_position",
            json!({ "documentId": "@policy", "draft": position_draft }),
        ),
        ("list_policy_votes", json!({ "documentId": "@policy" })),
        (
            "record_policy_vote",
            json!({ "documentId": "@policy", "draft": vote_draft }),
        ),
        ("delete_policy_vote", id_version("vote", "policy_vote")),
        ("statement_form_options", json!({})),
        ("list_statements", json!({ "meetingId": "@meeting" })),
        (
            "create_statement",
            json!({ "meetingId": "@meeting", "draft": statement_draft }),
        ),
        (
            "update_statement",
            with(
                id_version("statement", "statement"),
                json!({ "draft": statement_draft }),
            ),
        ),
        (
            "set_statement_status",
            with(
                id_version("statement", "statement"),
                json!({ "status": "internal_review" }),
            ),
        ),
        ("delete_statement", id_version("statement", "statement")),
        ("list_proposals", json!({})),
        ("create_proposal", json!({ "draft": proposal_draft })),
        (
            "move_proposal",
            with(
                id_version("proposal", "proposal"),
                json!({ "step": step_draft }),
            ),
        ),
        ("list_policy_links", json!({ "documentId": "@policy" })),
        (
            "add_policy_link",
            json!({ "fromId": "@policy2", "toId": "@policy", "kind": "related" }),
        ),
        ("delete_policy_link", id_version("link", "policy_link")),
        (
            "list_policy_text_versions",
            json!({ "documentId": "@policy" }),
        ),
        (
            "add_policy_text_version",
            json!({ "documentId": "@policy",
            "draft": { "stage": "amended", "text": "The amended text." } }),
        ),
        (
            "diff_policy_text_versions",
            json!({ "documentId": "@policy", "from": 1, "to": 2 }),
        ),
    ]
}

/// Texts that have broken programs before.
fn hostile_texts() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("1 MB", "Lorem ipsum dolor sit amet ".repeat(40_000)),
        ("NUL", "a\0b".to_owned()),
        ("right-to-left override", "\u{202E}fdp.exe".to_owned()),
        ("SQL", "'; DROP TABLE meeting; --".to_owned()),
        ("script", "<script>alert(1)</script>".to_owned()),
        ("unknown id", UNKNOWN_ID.to_owned()),
    ]
}

const UNKNOWN_ID: &str = "01936b2e-9a4c-7d1e-8f00-000000000000";

/// Numbers in place of a valid one: stale, impossible, out of range.
fn hostile_numbers(current: &Value) -> Vec<(&'static str, Value)> {
    let mut numbers = vec![
        ("zero", json!(0)),
        ("far ahead", json!(999_999)),
        ("negative", json!(-1)),
        ("beyond u32", json!(4_294_967_296u64)),
        ("fraction", json!(1.5)),
    ];
    if let Some(n) = current.as_u64().filter(|&n| n > 1) {
        numbers.push(("stale", json!(n - 1)));
    }
    numbers
}

/// A value of another JSON type than `value`'s.
fn wrong_types(value: &Value) -> Vec<(&'static str, Value)> {
    match value {
        Value::String(_) => vec![
            ("number for text", json!(42)),
            ("object for text", json!({})),
        ],
        Value::Number(_) => vec![
            ("text for number", json!("1")),
            ("null for number", Value::Null),
        ],
        Value::Bool(_) => vec![("text for boolean", json!("true"))],
        Value::Array(_) => vec![
            ("text for list", json!("x")),
            ("object for list", json!({})),
        ],
        Value::Object(_) => vec![
            ("list for object", json!([])),
            ("text for object", json!("x")),
        ],
        Value::Null => vec![("list for null", json!([]))],
    }
}

/// The seeded world: names → ids.
struct World {
    dir: tempfile::TempDir,
    ids: HashMap<&'static str, String>,
}

impl World {
    /// A window on a fresh copy of the seeded folder, and a connection to look at its tables.
    fn copy(&self) -> (Harness, rusqlite::Connection) {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(self.dir.path(), dir.path());
        let db_path = dir.path().join(plenary_core::store::DATABASE_FILE);
        let app = harness_in(dir);
        let db = rusqlite::Connection::open(&db_path).unwrap();
        (app, db)
    }
}

fn invoke(app: &Harness, cmd: &str, body: InvokeBody) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body,
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&app.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

fn harness_in(dir: tempfile::TempDir) -> Harness {
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

/// A meeting with its agenda, session, records, action item and document; people, an
/// organization with its log, a country note, a seat with a term, an assignment and a delegation;
/// policy documents with history, a position, a vote, a statement, a proposal, a link and text
/// versions. Made through the commands themselves, once.
fn seed_world() -> World {
    let app = harness_in(tempfile::tempdir().unwrap());
    let mut ids: HashMap<&'static str, String> = HashMap::new();
    let call = |cmd: &str, args: Value| -> Value {
        app.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("seeding {cmd}: {e}"))
    };
    let id = |v: &Value| {
        v["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no id in {v}"))
            .to_owned()
    };
    let templates: HashMap<&str, Value> = commands().into_iter().collect();
    let draft_of = |cmd: &str, ids: &HashMap<&'static str, String>| {
        let mut args = templates[cmd].clone();
        resolve_ids(&mut args, ids);
        args
    };

    ids.insert(
        "body",
        id(&call("create_body", draft_of("create_body", &ids))),
    );
    ids.insert(
        "meeting",
        id(&call("create_meeting", draft_of("create_meeting", &ids))),
    );
    let agenda = call("create_agenda_item", draft_of("create_agenda_item", &ids));
    ids.insert("agenda", id(&agenda));
    let mut second = draft_of("create_agenda_item", &ids);
    second["draft"]["number"] = json!("7.2");
    call("create_agenda_item", second);
    ids.insert(
        "session",
        id(&call("create_session", draft_of("create_session", &ids))),
    );
    let record = call("create_record", draft_of("create_record", &ids));
    ids.insert("record", id(&record));
    let mut revised = draft_of("create_record", &ids);
    revised["draft"]["body"] = json!("Support, with amendments.");
    call(
        "update_record",
        json!({ "id": ids["record"], "version": record["version"], "draft": revised["draft"] }),
    );
    ids.insert(
        "action",
        id(&call(
            "create_action_item",
            draft_of("create_action_item", &ids),
        )),
    );
    let file = invoke(
        &app,
        "store_document_file",
        InvokeBody::Raw(b"%PDF-1.7 test".to_vec()),
    )
    .unwrap();
    ids.insert("file", file["sha256"].as_str().unwrap().to_owned());
    ids.insert(
        "document",
        id(&call("attach_document", draft_of("attach_document", &ids))),
    );

    let mut first = draft_of("create_person", &ids);
    first["draft"]["full_name"] = json!("김민준");
    first["draft"]["hub_login"] = json!("minjun");
    ids.insert("person", id(&call("create_person", first)));
    let mut other = draft_of("create_person", &ids);
    other["draft"]["full_name"] = json!("Анна Иванова");
    other["draft"]["hub_login"] = json!("");
    ids.insert("person2", id(&call("create_person", other)));
    call(
        "set_person_travel",
        json!({ "id": ids["person"], "version": null, "draft": templates["set_person_travel"]["draft"] }),
    );
    call(
        "set_setting",
        json!({ "key": "home_time_zone", "value": "Europe/Zurich", "version": null }),
    );
    ids.insert(
        "organization",
        id(&call(
            "create_organization",
            draft_of("create_organization", &ids),
        )),
    );
    ids.insert(
        "interaction",
        id(&call("add_interaction", draft_of("add_interaction", &ids))),
    );
    ids.insert(
        "country_note",
        id(&call(
            "create_country_note",
            draft_of("create_country_note", &ids),
        )),
    );
    ids.insert(
        "seat",
        id(&call("create_seat", draft_of("create_seat", &ids))),
    );
    ids.insert(
        "term",
        id(&call("add_term", draft_of("add_term", &ids))["term"]),
    );
    let assigned = call("create_assignment", draft_of("create_assignment", &ids));
    ids.insert("assignment", id(&assigned["assignment"]));
    let mut delegation = draft_of("set_delegation", &ids);
    delegation["version"] = json!(0);
    call("set_delegation", delegation);

    let mut declaration = templates["update_policy_document"]["draft"].clone();
    declaration["title"] = json!("Declaration of Geneva");
    let policy = call("create_policy_document", json!({ "draft": declaration }));
    ids.insert("policy", id(&policy));
    call(
        "add_policy_action",
        json!({ "documentId": ids["policy"], "version": policy["version"], "draft": {
            "kind": "adopted", "date": "1948", "body_id": "wma_general_assembly", "meeting_id": "",
            "superseded_by_id": "", "note": "" } }),
    );
    let actions = call(
        "list_policy_actions",
        json!({ "documentId": ids["policy"] }),
    );
    ids.insert("policy_action", id(&actions[0]));
    ids.insert(
        "policy2",
        id(&call(
            "create_policy_document",
            draft_of("create_policy_document", &ids),
        )),
    );
    call("record_position", draft_of("record_position", &ids));
    ids.insert(
        "vote",
        id(&call(
            "record_policy_vote",
            draft_of("record_policy_vote", &ids),
        )),
    );
    ids.insert(
        "statement",
        id(&call(
            "create_statement",
            draft_of("create_statement", &ids),
        )),
    );
    ids.insert(
        "proposal",
        id(&call("create_proposal", draft_of("create_proposal", &ids))),
    );
    let mut link = draft_of("add_policy_link", &ids);
    link["kind"] = json!("revises");
    ids.insert("link", id(&call("add_policy_link", link)[0]));
    for text in ["The first text.", "The second text."] {
        call(
            "add_policy_text_version",
            json!({ "documentId": ids["policy"], "draft": { "stage": "draft", "text": text } }),
        );
    }
    ids.insert("unknown", UNKNOWN_ID.to_owned());

    // Closing the app closes the database, so the world can be copied file by file.
    let Harness {
        _dir: dir,
        _app: closing,
        window,
    } = app;
    drop(window);
    drop(closing);
    World { dir, ids }
}

/// Replaces `@name` strings by the world's ids (versions are left for `resolve_versions`).
fn resolve_ids(value: &mut Value, ids: &HashMap<&'static str, String>) {
    match value {
        Value::String(text) if text.starts_with('@') && !text.starts_with("@v:") => {
            *text = ids
                .get(&text[1..])
                .unwrap_or_else(|| panic!("no {text} in the world"))
                .clone();
        }
        Value::Array(items) => items.iter_mut().for_each(|v| resolve_ids(v, ids)),
        Value::Object(map) => map.values_mut().for_each(|v| resolve_ids(v, ids)),
        _ => {}
    }
}

/// Replaces `@v:table.column=name` by that row's current version (`null` when there is none).
fn resolve_versions(
    value: &mut Value,
    ids: &HashMap<&'static str, String>,
    db: &rusqlite::Connection,
) {
    match value {
        Value::String(text) if text.starts_with("@v:") => {
            let (table, rest) = text[3..].split_once('.').unwrap();
            let (column, name) = rest.split_once('=').unwrap();
            let key = match name.strip_prefix('#') {
                Some(literal) => literal.to_owned(),
                None => ids[name].clone(),
            };
            let version: Option<u32> = db
                .query_row(
                    &format!("SELECT version FROM {table} WHERE {column} = ?1"),
                    [key],
                    |row| row.get(0),
                )
                .ok();
            *value = json!(version);
        }
        Value::Array(items) => items.iter_mut().for_each(|v| resolve_versions(v, ids, db)),
        Value::Object(map) => map.values_mut().for_each(|v| resolve_versions(v, ids, db)),
        _ => {}
    }
}

/// Every row of every table, by table (so a refused call can be shown to change nothing). A
/// table's rows come in storage order, which stays the same while nothing is written.
fn dump(db: &rusqlite::Connection) -> BTreeMap<String, Vec<Vec<rusqlite::types::Value>>> {
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let mut statement = db.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns = statement.column_count();
            let rows = statement
                .query_map([], |row| (0..columns).map(|i| row.get(i)).collect())
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            (table, rows)
        })
        .collect()
}

/// The paths to every value inside `value` (object keys and list positions).
fn paths(value: &Value, prefix: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let mut path = prefix.clone();
                path.push(PathStep::Key(key.clone()));
                out.push(path.clone());
                paths(child, path, out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let mut path = prefix.clone();
                path.push(PathStep::Index(index));
                out.push(path.clone());
                paths(child, path, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at<'a>(value: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        PathStep::Key(key) => &mut v[key.as_str()],
        PathStep::Index(index) => &mut v[*index],
    })
}

fn shown(path: &[PathStep]) -> String {
    path.iter()
        .map(|step| match step {
            PathStep::Key(key) => key.clone(),
            PathStep::Index(index) => index.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// One hostile call: what it is, and how to make its arguments from the valid ones.
struct Variant {
    label: String,
    /// The hostile text this call carries, which a message may quote back.
    typed: Option<String>,
    body: Box<dyn Fn(&Value) -> InvokeBody>,
}

/// The hostile calls derived from one command's valid arguments (after id resolution, so ids are
/// leaves like any text).
fn variants(cmd: &str, valid: &Value) -> Vec<Variant> {
    let mut out = Vec::new();
    if cmd == "store_document_file" {
        for (label, body) in [
            (
                "JSON instead of bytes",
                InvokeBody::Json(json!({ "bytes": "<script>" })),
            ),
            ("empty JSON", InvokeBody::Json(json!({}))),
            ("empty file", InvokeBody::Raw(Vec::new())),
            ("1 MB of NUL", InvokeBody::Raw(vec![0; 1 << 20])),
            (
                "markup",
                InvokeBody::Raw(b"<script>alert(1)</script>".to_vec()),
            ),
        ] {
            out.push(Variant {
                label: label.to_owned(),
                typed: None,
                body: Box::new(move |_| body.clone()),
            });
        }
        return out;
    }
    out.push(Variant {
        label: "arguments as a list".to_owned(),
        typed: None,
        body: Box::new(|_| InvokeBody::Json(json!([]))),
    });
    let mut all = Vec::new();
    paths(valid, Vec::new(), &mut all);
    for path in all {
        let mut probe = valid.clone();
        let leaf = at(&mut probe, &path).clone();
        let mut replacements: Vec<(String, Value)> = Vec::new();
        match &leaf {
            Value::String(_) => {
                for (label, text) in hostile_texts() {
                    replacements.push((label.to_owned(), json!(text)));
                }
            }
            Value::Number(_) => {
                for (label, number) in hostile_numbers(&leaf) {
                    replacements.push((label.to_owned(), number));
                }
            }
            _ => {}
        }
        for (label, wrong) in wrong_types(&leaf) {
            replacements.push((label.to_owned(), wrong));
        }
        let where_ = shown(&path);
        for (label, replacement) in replacements {
            let path = path.clone();
            out.push(Variant {
                label: format!("{where_} = {label}"),
                typed: replacement.as_str().map(str::to_owned),
                body: Box::new(move |valid| {
                    let mut args = valid.clone();
                    *at(&mut args, &path) = replacement.clone();
                    InvokeBody::Json(args)
                }),
            });
        }
        if let [PathStep::Key(key)] = &path[..] {
            let key = key.clone();
            out.push(Variant {
                label: format!("{key} left out"),
                typed: None,
                body: Box::new(move |valid| {
                    let mut args = valid.clone();
                    args.as_object_mut().unwrap().remove(&key);
                    InvokeBody::Json(args)
                }),
            });
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

const KINDS: [&str; 5] = ["validation", "not_found", "conflict", "in_use", "exchange"];

/// Words that give away SQL or SQLite in a message meant for a person.
const SQL_WORDS: [&str; 12] = [
    "select ",
    "insert ",
    "update ",
    "delete from",
    "sqlite",
    "constraint",
    "no such",
    "foreign key",
    "unique",
    "syntax error",
    "rusqlite",
    "drop table",
];

/// What was wrong with one refused call, if anything.
fn judge_refusal(error: &Value, typed: Option<&str>) -> Option<String> {
    match error {
        Value::Object(_) => {
            let kind = error["kind"].as_str().unwrap_or("");
            let message = error["message"].as_str().unwrap_or("");
            // Quoting back what was typed is fine; SQL of Plenary's own is not.
            let lower = message.to_lowercase();
            let lower = match typed {
                Some(typed) if !typed.is_empty() => lower.replace(&typed.to_lowercase(), ""),
                _ => lower,
            };
            if kind == "internal" {
                return Some(format!("internal fault (a panic?): {message}"));
            }
            if kind == "storage" {
                return Some(format!("storage error leaked: {message}"));
            }
            if !KINDS.contains(&kind) {
                return Some(format!("unknown kind {kind:?}"));
            }
            if message.trim().is_empty() {
                return Some("empty message".to_owned());
            }
            if let Some(word) = SQL_WORDS.iter().find(|w| lower.contains(*w)) {
                return Some(format!("SQL ({word:?}) in the message: {message}"));
            }
            if message.chars().count() > 1_000 {
                return Some(format!(
                    "a message of {} characters (it repeats the input?)",
                    message.chars().count()
                ));
            }
            if kind == "validation"
                && (error["field"].as_str().is_none_or(str::is_empty)
                    || error["fields"].as_array().is_none_or(Vec::is_empty))
            {
                return Some(format!("validation error without a field: {error}"));
            }
            None
        }
        // Tauri's own refusal when the arguments do not deserialise (a channel's id included):
        // the command never ran.
        Value::String(message)
            if message.contains("invalid args")
                || message.contains("missing required key")
                || message.starts_with("invalid channel value") =>
        {
            None
        }
        other => Some(format!("not a {{kind, message}} error: {other:.200}")),
    }
}

#[test]
fn every_command_refuses_hostile_input_cleanly() {
    let table = commands();
    let listed: BTreeSet<String> = table.iter().map(|(name, _)| (*name).to_owned()).collect();
    let registered: BTreeSet<String> = registered_commands().into_iter().collect();
    let missing: Vec<&String> = registered.difference(&listed).collect();
    let unknown: Vec<&String> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "commands without an entry in the hostile-input table: {missing:?}; entries for no command: {unknown:?}"
    );

    let world = seed_world();
    let mut problems = Vec::new();
    let (mut calls, mut accepted, mut refused) = (0, 0, 0);
    for (cmd, template) in &table {
        let (app, db) = world.copy();
        let mut valid = template.clone();
        resolve_ids(&mut valid, &world.ids);
        // The shape (which leaf is a number) with versions in place; each call resolves them anew.
        let mut shape = valid.clone();
        resolve_versions(&mut shape, &world.ids, &db);
        let mut before = dump(&db);
        for variant in variants(cmd, &shape) {
            let mut args = valid.clone();
            resolve_versions(&mut args, &world.ids, &db);
            let body = (variant.body)(&args);
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| invoke(&app, cmd, body)));
            calls += 1;
            let what = format!("{cmd} ({})", variant.label);
            match outcome {
                Err(_) => {
                    problems.push(format!("{what}: panicked"));
                    before = dump(&db);
                }
                Ok(Ok(_)) => {
                    accepted += 1;
                    before = dump(&db);
                }
                Ok(Err(error)) => {
                    refused += 1;
                    if let Some(problem) = judge_refusal(&error, variant.typed.as_deref()) {
                        problems.push(format!("{what}: {problem}"));
                    }
                    let after = dump(&db);
                    if after != before {
                        let changed: Vec<&String> = after
                            .keys()
                            .filter(|table| after.get(*table) != before.get(*table))
                            .collect();
                        problems.push(format!("{what}: refused, yet changed {changed:?}"));
                        before = after;
                    }
                }
            }
        }
    }
    println!(
        "hostile input: {} commands, {calls} calls, {accepted} accepted, {refused} refused",
        table.len()
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(refused > calls / 2, "most hostile calls should be refused");
}

/// Every command the window reads through `read` or `keptCall` (it keeps what it knows of the data
/// revision across them) leaves every table as it was, called with valid arguments on the seeded
/// world.
#[test]
fn the_reads_the_window_trusts_write_nothing() {
    let table: HashMap<&str, Value> = commands().into_iter().collect();
    let reads = ui_reads();
    assert!(reads.len() > 20, "api.ts's reads were not found");
    let world = seed_world();
    let mut problems = Vec::new();
    for cmd in &reads {
        let template = table
            .get(cmd.as_str())
            .unwrap_or_else(|| panic!("{cmd} has no entry in the hostile-input table"));
        let (app, db) = world.copy();
        let mut args = template.clone();
        resolve_ids(&mut args, &world.ids);
        resolve_versions(&mut args, &world.ids, &db);
        let before = dump(&db);
        if let Err(error) = invoke(&app, cmd, InvokeBody::Json(args)) {
            problems.push(format!("{cmd}: a valid call was refused: {error}"));
        }
        let after = dump(&db);
        let changed: Vec<&String> = after
            .keys()
            .filter(|name| after.get(*name) != before.get(*name))
            .collect();
        if !changed.is_empty() {
            problems.push(format!(
                "{cmd}: read through `read` or `keptCall`, yet changed {changed:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
