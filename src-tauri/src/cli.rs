//! The commands that need no window, for office IT and scripts: setting up the hub, adding its
//! people, joining a data folder to it and exchanging; calendars; backups, restore, the full
//! export and its import. Each prints what it did; the exit status is non-zero on any refusal,
//! with the message the window would show.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Mutex;

use plenary_core::Store;
use plenary_core::store::CalendarScope;
use plenary_hub::{HubConfig, Role};

use crate::team::{Team, TeamError};

const USAGE: &str = "\
Plenary: the international office's meetings, policy and delegations.

Usage:
  plenary [--data-dir DIR]                      open the app window
  plenary hub init <postgres-url>               set up (or upgrade) the office hub in that database
  plenary hub add-person <postgres-url> --login NAME --role coordinator|delegate
                                                give a person a hub login (prints its password once)
  plenary hub list-people <postgres-url>        list the hub's people
  plenary join <postgres-url> [--data-dir DIR] [--device NAME]
                                                connect a data folder to the hub and exchange
  plenary exchange [--data-dir DIR]             exchange once with the hub the folder joined
  plenary calendar FILE.ics [--data-dir DIR] [--meeting ID | --mine | --year YYYY]
                                                write the office's meetings (or one meeting with
                                                its sessions, or my assignments) as a calendar
  plenary report MEETING_ID FILE.docx [--data-dir DIR]
                                                draft the delegate's report of a meeting (what
                                                was recorded, with places to complete) as a
                                                Word document
  plenary briefing MEETING_ID FILE.pdf [--travel] [--data-dir DIR]
                                                write a meeting's briefing book as a PDF (with
                                                the delegation's travel details: --travel)
  plenary backup FILE [--data-dir DIR]          write a backup of the data folder to FILE
  plenary restore FILE [--data-dir DIR]         replace the data with the backup in FILE (checked
                                                first; the data as it was is backed up beside
                                                the automatic backups)
  plenary export FILE.json [--data-dir DIR]     export everything as JSON, with the stored files
                                                in the folder FILE-documents beside it
  plenary import FILE [--kind export] [--data-dir DIR]
                                                import a full export into a data folder where
                                                nothing has been entered yet
  plenary import FILE.csv|FILE.xlsx --kind people|organizations|meetings|policy
                 [--dry-run] [--data-dir DIR]   import a spreadsheet, all rows or none (rows
                                                already in Plenary are skipped); --dry-run
                                                prints every row as it would be saved, with
                                                its problems, and changes nothing

Long work shows its progress; Ctrl+C stops it and leaves nothing half-done.
<postgres-url> is postgres://LOGIN[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]; a password
not in the URL is taken from PGPASSWORD. The data folder is --data-dir, else PLENARY_DATA_DIR,
else the app's own folder.
";

/// Runs the subcommand in `args` (without the program's name) and returns its exit status, or
/// `None` when there is none (then the window opens).
pub fn run(args: Vec<OsString>, default_data_dir: impl FnOnce() -> Option<PathBuf>) -> Option<i32> {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let first = words.first().map(String::as_str);
    match first {
        Some("--help" | "-h" | "help") => {
            print!("{USAGE}");
            Some(0)
        }
        Some(
            "hub" | "join" | "exchange" | "calendar" | "backup" | "restore" | "export" | "import"
            | "report" | "briefing",
        ) => {
            if words.iter().any(|w| w == "--help" || w == "-h") {
                if first == Some("briefing") {
                    print!("{}", crate::briefing::USAGE);
                    return Some(0);
                }
                print!("{USAGE}");
                return Some(0);
            }
            let result = subcommand(&words, default_data_dir);
            Some(match result {
                Ok(()) => 0,
                Err(message) => {
                    eprintln!("plenary: {message}");
                    1
                }
            })
        }
        _ => None,
    }
}

/// The value after `--name` (or in `--name=value`).
fn option(words: &[String], name: &str) -> Option<String> {
    let flag = format!("--{name}");
    let prefix = format!("--{name}=");
    let mut iter = words.iter();
    while let Some(word) = iter.next() {
        if *word == flag {
            return iter.next().cloned();
        }
        if let Some(value) = word.strip_prefix(&prefix) {
            return Some(value.to_owned());
        }
    }
    None
}

fn url_argument(words: &[String], at: usize) -> Result<String, String> {
    words
        .get(at)
        .filter(|w| !w.starts_with("--"))
        .cloned()
        .ok_or_else(|| {
            format!("give the hub's address, postgres://LOGIN@HOST:PORT/DATABASE.\n\n{USAGE}")
        })
}

fn subcommand(
    words: &[String],
    default_data_dir: impl FnOnce() -> Option<PathBuf>,
) -> Result<(), String> {
    let text = |e: plenary_hub::HubError| e.to_string();
    let data_dir = || {
        crate::data_dir_override(
            words.iter().map(OsString::from),
            std::env::var_os("PLENARY_DATA_DIR"),
        )
        .or_else(default_data_dir)
        .ok_or_else(|| "no data folder: give --data-dir DIR.".to_owned())
    };
    match (words[0].as_str(), words.get(1).map(String::as_str)) {
        ("hub", Some("init")) => {
            let identity = plenary_hub::init(&url_argument(words, 2)?).map_err(text)?;
            println!("The office hub is ready. Its identity: {identity}");
            Ok(())
        }
        ("hub", Some("add-person")) => {
            let url = url_argument(words, 2)?;
            let login = option(words, "login").ok_or("give the person's login: --login NAME")?;
            let role = option(words, "role")
                .and_then(|r| Role::from_name(&r))
                .ok_or("give the person's role: --role coordinator or --role delegate")?;
            let password = plenary_hub::add_person(&url, &login, role).map_err(text)?;
            println!(
                "{login} ({role}) can now connect to the hub. Their password, shown this once:"
            );
            println!("{password}");
            Ok(())
        }
        ("hub", Some("list-people")) => {
            let people = plenary_hub::list_people(&url_argument(words, 2)?).map_err(text)?;
            if people.is_empty() {
                println!("The hub has no people yet: add them with `plenary hub add-person`.");
            }
            for person in people {
                println!(
                    "{}\t{}\tadded {}",
                    person.login, person.role, person.created_at
                );
            }
            Ok(())
        }
        ("join", _) => {
            let config = HubConfig::from_url(&url_argument(words, 1)?).map_err(text)?;
            let device = option(words, "device").unwrap_or_else(default_device_name);
            let store = open(data_dir()?)?;
            let report = Team::default()
                .join(&store, &config, &device, &|_| {})
                .map_err(message)?;
            println!("Joined the hub as {} on “{device}”.", config.login);
            print_report(&store, &report);
            Ok(())
        }
        ("exchange", _) => {
            let store = open(data_dir()?)?;
            let password = std::env::var("PGPASSWORD").ok();
            let team = Team::default();
            let report = team
                .unlock(&store, password.as_deref().unwrap_or_default(), &|_| {})
                .map_err(message)?;
            print_report(&store, &report);
            Ok(())
        }
        ("calendar", _) => {
            let file = words
                .get(1)
                .filter(|w| !w.starts_with("--"))
                .map(PathBuf::from)
                .ok_or_else(|| {
                    format!("give the calendar file to write, e.g. meetings.ics.\n\n{USAGE}")
                })?;
            let scope = calendar_scope(words)?;
            let store = open(data_dir()?)?;
            let store = store.lock().unwrap_or_else(|p| p.into_inner());
            let calendar = store
                .calendar(&scope, store.clock().today())
                .map_err(|e| e.to_string())?;
            plenary_core::portable::write_whole(&file, calendar.text.as_bytes())
                .map_err(|e| e.to_string())?;
            println!("Wrote {} event(s) to {}.", calendar.events, file.display());
            Ok(())
        }
        ("report", _) => {
            let mut arguments = positional(words).into_iter().skip(1);
            let (Some(meeting_id), Some(file)) = (arguments.next(), arguments.next()) else {
                return Err(format!(
                    "give the meeting's id and the Word file to write, e.g. \
                     plenary report 0196f7a2-… \"WHA79 delegate report.docx\".\n\n{USAGE}"
                ));
            };
            let store = open(data_dir()?)?;
            let store = store.lock().unwrap_or_else(|p| p.into_inner());
            let file = PathBuf::from(file);
            let report = store
                .write_delegate_report(&meeting_id, &file)
                .map_err(|e| match e {
                    plenary_core::CoreError::NotFound { entity: "meeting" } => format!(
                        "there is no meeting with the id \"{meeting_id}\" in this data folder."
                    ),
                    e => e.to_string(),
                })?;
            println!(
                "Wrote the delegate's report of {} to {}.",
                report.meeting_title,
                file.display()
            );
            Ok(())
        }
        ("backup" | "restore" | "export" | "import", _) => portable(words, data_dir()?),
        ("briefing", _) => crate::briefing::run_cli(words, data_dir()?),
        _ => Err(format!("unknown command.\n\n{USAGE}")),
    }
}

/// The words that are neither options nor their values (`--data-dir DIR`, `--name=value`).
fn positional(words: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let mut iter = words.iter();
    while let Some(word) = iter.next() {
        if word.starts_with("--") {
            if !word.contains('=') {
                iter.next();
            }
        } else {
            found.push(word.clone());
        }
    }
    found
}

/// Which calendar `plenary calendar` writes: `--meeting ID`, `--mine`, `--year YYYY` or all.
fn calendar_scope(words: &[String]) -> Result<CalendarScope, String> {
    let meeting = option(words, "meeting");
    let mine = words.iter().any(|w| w == "--mine");
    let year = option(words, "year")
        .map(|y| {
            y.parse::<i16>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
                .ok_or(format!("--year takes a year such as 2027, not “{y}”."))
        })
        .transpose()?;
    match (meeting, mine, year) {
        (Some(meeting_id), false, None) => Ok(CalendarScope::Meeting { meeting_id }),
        (None, true, None) => Ok(CalendarScope::Mine {
            include_past: false,
        }),
        (None, false, year) => Ok(CalendarScope::Office { year }),
        _ => Err("choose one of --meeting ID, --mine or --year YYYY.".to_owned()),
    }
}

/// What `plenary import` reads: a full export, or a spreadsheet of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    /// A full export written by `plenary export` or Settings.
    FullExport,
    /// A `.csv` or `.xlsx` of people, organizations, meetings or policy documents.
    Spreadsheet(plenary_core::sheets::SheetKind),
}

impl ImportKind {
    /// The kind named by `--kind`, else the one the file's name suggests.
    pub fn choose(kind: Option<&str>, file: &std::path::Path) -> Result<ImportKind, String> {
        let name = file.to_string_lossy();
        let spreadsheet = plenary_core::sheets::SheetFormat::from_name(&name).is_some();
        let json = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        match kind {
            Some("export") => Ok(ImportKind::FullExport),
            Some(other) => match plenary_core::sheets::SheetKind::from_cli(other) {
                Some(kind) if !json => Ok(ImportKind::Spreadsheet(kind)),
                Some(_) => Err(format!(
                    "Plenary cannot import --kind {other} from a .json file: choose the .csv or .xlsx spreadsheet."
                )),
                None => Err(format!(
                    "Plenary cannot import --kind {other}: choose people, organizations, meetings or policy for a spreadsheet, or export for a full export."
                )),
            },
            None if json => Ok(ImportKind::FullExport),
            None if spreadsheet => Err(format!(
                "Say what {} holds: --kind people, organizations, meetings or policy.",
                file.display()
            )),
            None => Err(format!(
                "{} is not a file Plenary imports: choose the .json file a full export wrote, or a .csv or .xlsx spreadsheet with --kind.",
                file.display()
            )),
        }
    }
}

/// The file argument: the first word after the command that is not an option or its value.
fn file_argument(words: &[String]) -> Result<PathBuf, String> {
    let mut rest = words[1..].iter();
    while let Some(word) = rest.next() {
        if matches!(word.as_str(), "--data-dir" | "--kind") {
            rest.next();
        } else if !word.starts_with("--") {
            return Ok(PathBuf::from(word));
        }
    }
    Err(format!(
        "give the file: plenary {} FILE.\n\n{USAGE}",
        words[0]
    ))
}

/// Backup, restore, export and import: the same core calls and messages as the window, with the
/// progress on the terminal and Ctrl+C to stop.
fn portable(words: &[String], data_dir: PathBuf) -> Result<(), String> {
    let file = file_argument(words)?;
    let kind = option(words, "kind");
    let mut sheet_kind = None;
    if words[0] == "import" {
        match ImportKind::choose(kind.as_deref(), &file)? {
            ImportKind::FullExport => {}
            ImportKind::Spreadsheet(kind) => sheet_kind = Some(kind),
        }
    }
    let work = std::sync::Arc::new(crate::backups::LongWork::default());
    let _busy = work.begin().map_err(|e| e.message)?;
    let stopper = work.clone();
    // Only one handler per process; the command line runs one command.
    let _ = ctrlc::set_handler(move || stopper.cancel());
    let store = Store::open_in(&data_dir).map_err(|e| format!("{e} ({})", data_dir.display()))?;
    let store = Mutex::new(store);
    let last = Mutex::new((String::new(), u64::MAX));
    let shown = |p: &plenary_core::portable::Progress| {
        let percent = (p.done * 100).checked_div(p.total).unwrap_or(0);
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        if last.0 != p.step || last.1 != percent {
            eprint!("\r{}: {percent}%   ", p.step);
            *last = (p.step.clone(), percent);
        }
    };
    let watch = plenary_core::portable::Work::new(work.cancel_flag(), &shown);
    let mut store = store.lock().unwrap_or_else(|e| e.into_inner());
    let result = match (words[0].as_str(), sheet_kind) {
        ("backup", _) => store.backup_to(&file, &watch).map(|s| {
            format!(
                "Backed up to {} ({} documents, {} bytes).{}",
                s.path,
                s.documents,
                s.bytes,
                if s.missing_documents > 0 {
                    format!(
                        " {} document file(s) were already missing from the data folder.",
                        s.missing_documents
                    )
                } else {
                    String::new()
                }
            )
        }),
        ("restore", _) => {
            let keep_in = crate::laptop::Laptop::load(&data_dir).backup_folder(&data_dir);
            store.restore_from(&file, &keep_in, &watch).map(|s| {
                format!(
                    "Restored the backup made {} ({} documents). The data as it was is kept in {}.",
                    s.backed_up_at, s.documents, s.previous_data
                )
            })
        }
        ("export", _) => store.export_to(&file, &watch).map(|s| {
            format!(
                "Exported {} records to {}, and {} document file(s) to {}.",
                s.rows, s.path, s.documents, s.documents_folder
            )
        }),
        (_, Some(kind)) => crate::sheets::import_from_cli(
            &mut store,
            kind,
            &file,
            words.iter().any(|w| w == "--dry-run"),
            watch,
        ),
        _ => store.import_from(&file, &watch).map(|s| {
            format!(
                "Imported {} records and {} document file(s) into {}.",
                s.rows,
                s.documents,
                data_dir.display()
            )
        }),
    };
    if last.lock().map(|l| !l.0.is_empty()).unwrap_or(false) {
        eprintln!();
    }
    let done = result.map_err(|e| e.to_string())?;
    println!("{done}");
    Ok(())
}

fn message(error: TeamError) -> String {
    error.message
}

fn open(dir: PathBuf) -> Result<Mutex<Store>, String> {
    Store::open_in(&dir)
        .map(Mutex::new)
        .map_err(|e| format!("{} ({})", e, dir.display()))
}

fn print_report(store: &Mutex<Store>, report: &plenary_core::exchange::ExchangeReport) {
    println!(
        "Sent {} saved change(s), received {}; {} new conflict(s).",
        report.sent, report.received, report.new_conflicts
    );
    if report.travel_sent > 0 || report.travel_received > 0 {
        println!(
            "Travel details: sent for {} person(s), received for {}.",
            report.travel_sent, report.travel_received
        );
    }
    if report.parked > 0 {
        println!(
            "{} change(s) need a newer Plenary; they are kept and applied after the update.",
            report.parked
        );
    }
    let store = store.lock().unwrap_or_else(|p| p.into_inner());
    if let Ok(conflicts) = store.conflicts() {
        for conflict in conflicts {
            println!(
                "Conflict: {} “{}”, changed by {} on {} as well. Decide it in Settings → Team.",
                conflict.noun, conflict.record_name, conflict.their_author, conflict.their_device
            );
        }
    }
}

/// This computer's name, as the laptop's default name on the hub.
pub fn default_device_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "this laptop".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plenary(words: &[&str]) -> Option<i32> {
        run(words.iter().map(OsString::from).collect(), || None)
    }

    #[test]
    fn calendar_writes_the_office_meetings_or_refuses_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let mut store = Store::open_in(&data).unwrap();
        store
            .create_meeting(&plenary_core::MeetingDraft {
                body_id: "world_health_assembly".into(),
                title: "WHA80".into(),
                city: "Geneva".into(),
                start_date: "2027-05-17".into(),
                end_date: "2027-05-25".into(),
                time_zone: "Europe/Zurich".into(),
                ..Default::default()
            })
            .unwrap();
        drop(store);
        let data = data.to_str().unwrap();
        let file = dir.path().join("meetings.ics");
        let path = file.to_str().unwrap();

        assert_eq!(
            plenary(&["calendar", path, "--data-dir", data, "--year", "2027"]),
            Some(0)
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("SUMMARY:WHA80\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20270526\r\n"), "{text}");
        std::fs::remove_file(&file).unwrap();

        // "Me" is not chosen, a year that is not one, two scopes at once: refused, nothing written.
        for refused in [
            vec!["calendar", path, "--data-dir", data, "--mine"],
            vec!["calendar", path, "--data-dir", data, "--year", "next"],
            vec![
                "calendar",
                path,
                "--data-dir",
                data,
                "--mine",
                "--year",
                "2027",
            ],
            vec!["calendar", "--data-dir", data],
        ] {
            assert_eq!(plenary(&refused), Some(1), "{refused:?}");
            assert!(!file.exists(), "{refused:?}");
        }
        // Nothing left behind in the folder but the data.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, [OsString::from("data")]);
    }
}
