// Commands listed here are behind Tauri's ACL: the web view may call only those a capability
// in `capabilities/` grants.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_bodies",
    "create_body",
    "update_body",
    "delete_body",
    "meeting_form_options",
    "default_meeting_title",
    "suggest_time_zone",
    "list_meetings",
    "get_meeting",
    "create_meeting",
    "update_meeting",
    "delete_meeting",
    "meeting_history",
    "list_agenda_items",
    "create_agenda_item",
    "update_agenda_item",
    "move_agenda_item",
    "delete_agenda_item",
    "list_sessions",
    "create_session",
    "update_session",
    "delete_session",
    "list_records",
    "create_record",
    "update_record",
    "finalize_record",
    "restore_record_version",
    "list_record_versions",
    "diff_record_versions",
    "delete_record",
    "list_action_items",
    "create_action_item",
    "update_action_item",
    "delete_action_item",
    "list_documents",
    "store_document_file",
    "attach_document",
    "update_document",
    "delete_document",
    "open_document",
    "dashboard",
    "search",
    "list_settings",
    "set_setting",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}
