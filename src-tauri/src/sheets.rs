//! Spreadsheets in and out from the command line: `plenary import FILE.csv|FILE.xlsx --kind KIND
//! [--dry-run]` and `plenary export FILE.csv|FILE.xlsx --kind KIND [--year YYYY] [--travel]`.
//! The core reads, checks, imports and writes (`plenary_core::sheets`); this prints the preview
//! the window shows, row by row, and the same messages.

use std::fmt::Write as _;
use std::path::Path;

use plenary_core::error::Result;
use plenary_core::portable::Work;
use plenary_core::sheets::export::ListExportRequest;
use plenary_core::sheets::{SheetFormat, SheetKind, SheetPreview, read_sheet_file};
use plenary_core::{CoreError, Store};

/// Reads `file` and imports it as `kind`, or with `dry_run` prints the preview and changes
/// nothing. Either way a file with a problem on any row is an error (non-zero exit).
pub fn import_from_cli(
    store: &mut Store,
    kind: SheetKind,
    file: &Path,
    dry_run: bool,
    work: Work<'_>,
) -> Result<String> {
    let name = file.to_string_lossy();
    let sheet = read_sheet_file(file)?;
    if !dry_run {
        return store
            .import_sheet(kind, &name, &sheet, work)
            .map(|done| done.message());
    }
    let preview = store.sheet_preview(kind, &name, &sheet, work)?;
    eprintln!();
    print!("{}", preview_text(&preview));
    match preview.refusal() {
        Some(refusal) => Err(refusal),
        None => Ok(format!(
            "Nothing was changed (--dry-run): importing would add {} {}{}.",
            preview.new_rows,
            kind.noun(preview.new_rows as usize),
            match preview.duplicates {
                0 => String::new(),
                n => format!(" and skip {n} already in Plenary"),
            }
        )),
    }
}

/// The preview as text: the columns, then each row's values with its problems or its duplicate
/// mark below it.
pub fn preview_text(preview: &SheetPreview) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} in {}: {} row(s); columns {}.",
        preview.kind.label(),
        preview.file_name,
        preview.rows.len(),
        preview.columns.join(", ")
    );
    if !preview.unknown_columns.is_empty() {
        let _ = writeln!(
            out,
            "Not imported (columns Plenary does not know): {}.",
            preview.unknown_columns.join(", ")
        );
    }
    for row in &preview.rows {
        let _ = writeln!(out, "row {}: {}", row.number, row.values.join(" | "));
        for problem in &row.problems {
            if problem.column.is_empty() {
                let _ = writeln!(out, "  problem: {}", problem.message);
            } else {
                let _ = writeln!(out, "  problem in {}: {}", problem.column, problem.message);
            }
        }
        if let (Some(existing), true) = (&row.duplicate_of, row.problems.is_empty()) {
            let _ = writeln!(out, "  already in Plenary as {existing}: skipped");
        }
    }
    let _ = writeln!(
        out,
        "{} new, {} already in Plenary, {} with problems.",
        preview.new_rows, preview.duplicates, preview.problem_rows
    );
    out
}

/// Writes the list `kind` names to `file` (its extension says CSV or `.xlsx`), whole or not at
/// all.
pub fn export_from_cli(
    store: &Store,
    kind: Option<&str>,
    file: &Path,
    year: Option<&str>,
    travel: bool,
) -> Result<String> {
    let refused = |message: String| CoreError::Refused(message);
    let kind = match kind {
        Some(name) => SheetKind::from_cli(name).ok_or_else(|| {
            refused(format!(
                "Plenary cannot export --kind {name}: choose people, organizations, meetings or policy."
            ))
        })?,
        None => {
            return Err(refused(
                "Say which list to export: --kind people, organizations, meetings or policy."
                    .to_owned(),
            ));
        }
    };
    let year = match year {
        None => None,
        Some(text) => Some(
            text.trim()
                .parse::<i16>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| refused(format!("--year {text} is not a year such as 2027.")))?,
        ),
    };
    if year.is_some() && kind != SheetKind::Meetings {
        return Err(refused("--year is for --kind meetings.".to_owned()));
    }
    if travel && kind != SheetKind::People {
        return Err(refused("--travel is for --kind people.".to_owned()));
    }
    let format = SheetFormat::from_name(&file.to_string_lossy())
        .ok_or_else(|| refused("Name the file .csv or .xlsx.".to_owned()))?;
    let export = store.export_list(&ListExportRequest {
        kind,
        format,
        include_sensitive: travel,
        year,
        policy_filter: Default::default(),
    })?;
    plenary_core::portable::write_whole(file, &export.bytes)?;
    Ok(format!(
        "Exported {} {} to {}.",
        export.rows,
        kind.noun(export.rows as usize),
        file.display()
    ))
}
