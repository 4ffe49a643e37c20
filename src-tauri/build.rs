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
