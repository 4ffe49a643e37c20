//! The Plenary desktop shell: a thin Tauri v2 layer that opens the data folder, exposes the core's
//! operations as commands, and owns the wire format (see `bindings`).

pub mod backups;
pub mod bindings;
pub mod briefing;
pub mod cli;
pub mod commands;
pub mod desktop;
pub mod error;
pub mod file_dialog;
pub mod keychain;
pub mod laptop;
pub mod sheets;
pub mod start;
pub mod state;
pub mod team;

use std::ffi::OsString;
use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use state::AppState;

/// The app's identifier (as in `tauri.conf.json`), which names its data folder.
pub const IDENTIFIER: &str = "org.plenary.desktop";

/// Registers every command. Generic over the runtime so tests can use Tauri's mock runtime.
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::app_info,
        commands::desktop::set_theme,
        commands::desktop::copy_diagnostics,
        commands::bodies::list_bodies,
        commands::bodies::create_body,
        commands::bodies::update_body,
        commands::bodies::delete_body,
        commands::meetings::meeting_form_options,
        commands::meetings::default_meeting_title,
        commands::meetings::suggest_time_zone,
        commands::meetings::list_meetings,
        commands::meetings::get_meeting,
        commands::meetings::create_meeting,
        commands::meetings::update_meeting,
        commands::meetings::delete_meeting,
        commands::meetings::meeting_history,
        commands::agenda::list_agenda_items,
        commands::agenda::create_agenda_item,
        commands::agenda::update_agenda_item,
        commands::agenda::move_agenda_item,
        commands::agenda::delete_agenda_item,
        commands::agenda::list_sessions,
        commands::agenda::create_session,
        commands::agenda::update_session,
        commands::agenda::delete_session,
        commands::records::list_records,
        commands::records::create_record,
        commands::records::update_record,
        commands::records::finalize_record,
        commands::records::restore_record_version,
        commands::records::list_record_versions,
        commands::records::diff_record_versions,
        commands::records::delete_record,
        commands::records::list_action_items,
        commands::records::create_action_item,
        commands::records::update_action_item,
        commands::records::delete_action_item,
        commands::documents::list_documents,
        commands::documents::store_document_file,
        commands::documents::attach_document,
        commands::documents::update_document,
        commands::documents::delete_document,
        commands::documents::open_document,
        commands::overview::dashboard,
        commands::overview::first_screen,
        commands::overview::data_revision,
        commands::overview::watch_revisions,
        commands::example::example_status,
        commands::example::load_example_data,
        commands::example::remove_example_data,
        commands::overview::search,
        commands::settings::list_settings,
        commands::settings::set_setting,
        commands::portable::backup_settings,
        commands::portable::set_backup_keep,
        commands::portable::choose_backup_folder,
        commands::portable::long_work_progress,
        commands::portable::cancel_long_work,
        commands::briefing::save_briefing_book,
        commands::portable::backup_now,
        commands::portable::restore_backup,
        commands::portable::export_everything,
        commands::portable::import_export,
        commands::team::team_status,
        commands::team::team_join,
        commands::team::team_unlock,
        commands::team::team_exchange,
        commands::team::team_stop,
        commands::team::list_conflicts,
        commands::team::conflicted_records,
        commands::team::resolve_conflict,
        commands::team::likely_duplicates,
        commands::team::merge_duplicates,
        commands::people::people_form_options,
        commands::people::list_people,
        commands::people::get_person_page,
        commands::people::create_person,
        commands::people::update_person,
        commands::people::delete_person,
        commands::people::person_duplicates,
        commands::people::person_history,
        commands::people::get_person_travel,
        commands::people::set_person_travel,
        commands::people::list_organizations,
        commands::people::create_organization,
        commands::people::update_organization,
        commands::people::delete_organization,
        commands::people::list_interactions,
        commands::people::add_interaction,
        commands::people::delete_interaction,
        commands::people::list_countries,
        commands::people::get_country_page,
        commands::people::get_country_note,
        commands::people::create_country_note,
        commands::people::delete_country_note,
        commands::people::list_seats,
        commands::people::create_seat,
        commands::people::add_term,
        commands::people::update_term,
        commands::people::delete_term,
        commands::people::terms_ending_within,
        commands::assignments::meeting_board,
        commands::assignments::create_assignment,
        commands::assignments::update_assignment,
        commands::assignments::delete_assignment,
        commands::assignments::change_assignment_status,
        commands::assignments::record_attendance,
        commands::assignments::assignment_status_changes,
        commands::assignments::assignment_history,
        commands::assignments::set_delegation,
        commands::assignments::find_candidates,
        commands::assignments::my_assignments,
        commands::assignments::assignment_warnings_for_dashboard,
        commands::assignments::export_delegation,
        commands::assignments::save_delegation_export,
        commands::calendar::save_calendar,
        commands::sheets::preview_sheet_import,
        commands::sheets::confirm_sheet_import,
        commands::sheets::discard_sheet_import,
        commands::sheets::save_sheet_template,
        commands::sheets::save_list,
        commands::report::save_delegate_report,
        commands::policy::policy_form_options,
        commands::policy::list_policy_documents,
        commands::policy::get_policy_document,
        commands::policy::create_policy_document,
        commands::policy::update_policy_document,
        commands::policy::delete_policy_document,
        commands::policy::list_policy_actions,
        commands::policy::add_policy_action,
        commands::policy::update_policy_action,
        commands::policy::delete_policy_action,
        commands::policy::reviews_due,
        commands::policy::review_due_count,
        commands::policy::list_positions,
        commands::policy::list_positions_for_agenda_item,
        commands::policy::record_position,
        commands::policy::list_policy_votes,
        commands::policy::record_policy_vote,
        commands::policy::delete_policy_vote,
        commands::policy::statement_form_options,
        commands::policy::list_statements,
        commands::policy::create_statement,
        commands::policy::update_statement,
        commands::policy::set_statement_status,
        commands::policy::delete_statement,
        commands::policy::list_proposals,
        commands::policy::create_proposal,
        commands::policy::move_proposal,
        commands::policy::list_policy_links,
        commands::policy::add_policy_link,
        commands::policy::delete_policy_link,
        commands::policy::list_policy_text_versions,
        commands::policy::add_policy_text_version,
        commands::policy::diff_policy_text_versions,
    ])
}

/// The data folder named by `--data-dir DIR` (or `--data-dir=DIR`), else by `PLENARY_DATA_DIR`.
/// `None` means the OS's app-data folder.
pub fn data_dir_override(
    args: impl IntoIterator<Item = OsString>,
    env: Option<OsString>,
) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Some(PathBuf::from(dir));
        }
    }
    env.filter(|dir| !dir.is_empty()).map(PathBuf::from)
}

/// How long after the start the day's automatic backup waits.
const DAILY_BACKUP_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

pub fn run() {
    // The OS's app-data folder is the one Tauri's `app_data_dir` names; it is known before the
    // window exists, for the single-instance check and the theme of the first paint.
    let data_dir = data_dir_override(
        std::env::args_os().skip(1),
        std::env::var_os("PLENARY_DATA_DIR"),
    )
    .or_else(|| dirs::data_dir().map(|dir| dir.join(IDENTIFIER)));
    let desktop = data_dir.is_some();
    let builder = match &data_dir {
        Some(dir) => desktop::plugins(tauri::Builder::default(), dir),
        None => tauri::Builder::default(),
    };
    // The page is served with the first screen written in.
    let mut context = tauri::generate_context!();
    start::PageWithFirstScreen::serve(&mut context);
    with_commands(builder)
        // The file dialogs are opened by the shell's commands; the web view is granted none of
        // the plugin's own commands.
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = match data_dir.clone() {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            // The database opens on a thread of its own while the window starts (after the
            // single-instance check: a second start never opens it).
            let state = AppState::open_in_background(data_dir)
                .with_team(team::Team::with_keychain(keychain::SystemKeychain));
            if desktop {
                desktop::setup(app, &state);
            }
            let every =
                team::background_interval(std::env::var("PLENARY_EXCHANGE_EVERY").ok().as_deref());
            let (team, dir) = (state.team(), state.data_dir.clone());
            state.when_open(move |store, _| {
                let Ok(store) = store else { return };
                team::start_in_background(team, store.clone(), every);
                // The first start of each day backs up the data folder, beside the window's work,
                // once the window has shown its first screen. It holds the database only while
                // copying it; writing the archive (seconds on a decade's folder) holds nothing.
                std::thread::sleep(DAILY_BACKUP_AFTER);
                backups::daily_backup(&store, &dir, backups::local_now());
            });
            app.manage(state);
            Ok(())
        })
        .run(context)
        .expect("Plenary could not start its window");
}

#[cfg(test)]
mod tests;
