//! The briefing book from the shell: where its fonts are (installed beside the app as the
//! bundle's `fonts/` resources), and `plenary briefing MEETING_ID FILE.pdf` on the command line.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use plenary_core::Store;
use plenary_core::briefing::{BriefingFonts, BriefingRequest, FONT_FILES};
use plenary_core::portable::{Progress, Work};

pub const USAGE: &str = "\
Usage: plenary briefing MEETING_ID FILE.pdf [--travel] [--data-dir DIR]

Writes the meeting's briefing book for its delegation as a PDF: the cover, the delegation with
roles and contacts, the schedule at the venue and at home, the agenda with the association's
positions, the statements with their word budgets, the policy documents, the host country's
notes and the open action items, with a table of contents and page numbers.

  --travel          include the delegation's travel details (arrival, departure, hotel,
                    nationality, passport, dietary and access needs)
  --data-dir DIR    the data folder (else PLENARY_DATA_DIR, else the app's own folder)

A meeting's id is the UID of its event, before the @, in `plenary calendar meetings.ics`.
Ctrl+C stops it; nothing is written then.
";

/// The folder holding the briefing book's fonts: in the app's resources (`resource_dir`, when
/// the window knows it), beside the binary (Windows, and development builds), in
/// `../lib/Plenary` (Linux packages) or `../Resources` (macOS); in a development build, the
/// sources in the repository too.
pub fn fonts_folder(resource_dir: Option<PathBuf>) -> Option<PathBuf> {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    let mut candidates: Vec<PathBuf> = Vec::new();
    candidates.extend(resource_dir);
    if let Some(dir) = &exe_dir {
        candidates.push(dir.to_path_buf());
        candidates.push(dir.join("../lib/Plenary"));
        candidates.push(dir.join("../Resources"));
    }
    if cfg!(debug_assertions) {
        candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/plenary-core"));
    }
    candidates
        .into_iter()
        .map(|c| c.join("fonts"))
        .find(|c| c.join(FONT_FILES[0]).is_file())
}

/// The fonts, or the message saying they are missing.
pub fn load_fonts(resource_dir: Option<PathBuf>) -> Result<BriefingFonts, plenary_core::CoreError> {
    let folder = fonts_folder(resource_dir.clone())
        .or_else(|| resource_dir.map(|r| r.join("fonts")))
        .unwrap_or_else(|| PathBuf::from("fonts"));
    BriefingFonts::load(&folder)
}

/// `plenary briefing MEETING_ID FILE.pdf [--travel]`: the progress on the terminal.
pub fn run_cli(words: &[String], data_dir: PathBuf) -> Result<(), String> {
    let mut positional = Vec::new();
    let mut rest = words[1..].iter();
    let mut include_travel = false;
    while let Some(word) = rest.next() {
        match word.as_str() {
            "--data-dir" => {
                rest.next();
            }
            "--travel" => include_travel = true,
            w if w.starts_with("--data-dir=") => {}
            w if w.starts_with("--") => {
                return Err(format!("unknown option {w}.\n\n{USAGE}"));
            }
            w => positional.push(w.to_owned()),
        }
    }
    let [meeting_id, file] = positional.as_slice() else {
        return Err(format!(
            "give the meeting's id and the PDF file to write.\n\n{USAGE}"
        ));
    };
    let file = PathBuf::from(file);
    let fonts = load_fonts(None).map_err(|e| e.to_string())?;
    let work = std::sync::Arc::new(crate::backups::LongWork::default());
    let _busy = work.begin().map_err(|e| e.message)?;
    let stopper = work.clone();
    // Only one handler per process; the command line runs one command.
    let _ = ctrlc::set_handler(move || stopper.cancel());
    let store = Store::open_in(&data_dir).map_err(|e| format!("{e} ({})", data_dir.display()))?;
    let last = Mutex::new((String::new(), u64::MAX));
    let shown = |p: &Progress| {
        let percent = (p.done * 100).checked_div(p.total).unwrap_or(0);
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        if last.0 != p.step || last.1 != percent {
            eprint!("\r{}: {percent}%   ", p.step);
            *last = (p.step.clone(), percent);
        }
    };
    let result = plenary_core::briefing::write(
        &store,
        &BriefingRequest {
            meeting_id: meeting_id.clone(),
            include_travel,
        },
        &fonts,
        &file,
        &Work::new(work.cancel_flag(), &shown),
    );
    if last.lock().map(|l| !l.0.is_empty()).unwrap_or(false) {
        eprintln!();
    }
    let written = result.map_err(|e| e.to_string())?;
    println!(
        "Wrote the briefing book ({} pages{}) to {}.",
        written.pages,
        if include_travel {
            ", with travel details"
        } else {
            ""
        },
        written.path
    );
    Ok(())
}
