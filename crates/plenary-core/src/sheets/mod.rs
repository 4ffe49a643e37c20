//! Spreadsheets in: people, organizations, meetings and policy documents (with their history)
//! read from CSV or `.xlsx`, shown as a preview of every row as it will be saved, each problem on
//! its row and column, duplicates of existing records marked; then imported all at once or not
//! at all. The reading and the columns are here; the preview and the import are
//! `Store::sheet_preview` / `Store::import_sheet` (`store/sheets.rs`), which run the forms' own
//! checks and writes. Template files per kind come from [`template`].
//!
//! The columns of each kind are documented in `docs/backups-and-export.md`.

pub mod date;
pub mod export;
pub mod read;

pub use read::{
    Cell, MAX_ROWS, Sheet, SheetFormat, SheetRow, decode_text, read_sheet, read_sheet_file,
};

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::policy::PolicyActionKind;

labelled_enum!(
    /// What a spreadsheet holds.
    SheetKind {
        People => "People",
        Organizations => "Organizations",
        Meetings => "Meetings",
        Policy => "Policy documents",
    }
);

impl SheetKind {
    /// The command line's name (`--kind people`).
    pub fn from_cli(name: &str) -> Option<SheetKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "people" => Some(SheetKind::People),
            "organizations" | "organisations" => Some(SheetKind::Organizations),
            "meetings" => Some(SheetKind::Meetings),
            "policy" => Some(SheetKind::Policy),
            _ => None,
        }
    }

    /// One row's noun ("person", "meeting").
    pub fn noun(self, count: usize) -> &'static str {
        match (self, count == 1) {
            (SheetKind::People, true) => "person",
            (SheetKind::People, false) => "people",
            (SheetKind::Organizations, true) => "organization",
            (SheetKind::Organizations, false) => "organizations",
            (SheetKind::Meetings, true) => "meeting",
            (SheetKind::Meetings, false) => "meetings",
            (SheetKind::Policy, true) => "policy document",
            (SheetKind::Policy, false) => "policy documents",
        }
    }

    /// The template's file name without extension ("plenary-people-template").
    pub fn template_name(self) -> String {
        let name = match self {
            SheetKind::People => "people",
            SheetKind::Organizations => "organizations",
            SheetKind::Meetings => "meetings",
            SheetKind::Policy => "policy-documents",
        };
        format!("plenary-{name}-template")
    }

    /// The columns a spreadsheet of this kind may have, in the template's order.
    pub fn columns(self) -> Vec<Column> {
        let c = Column::new;
        match self {
            SheetKind::People => vec![
                c("Kind", "kind", &["type", "person kind"]),
                c("Name", "full_name", &["full name", "person", "names"]).required(),
                c(
                    "Degrees and honorifics",
                    "honorifics",
                    &["honorifics", "degrees"],
                ),
                c(
                    "Organization",
                    "organization_id",
                    &["organisation", "association"],
                ),
                c("Title", "title", &["job title", "position", "function"]),
                c("Email", "email", &["e-mail", "email address", "mail"]),
                c("Phone", "phone", &["telephone", "phone number", "mobile"]),
                c("Expertise", "expertise", &["topics"]),
                c("Languages", "languages", &["language"]),
                c(
                    "Home time zone",
                    "home_time_zone",
                    &["time zone", "timezone"],
                ),
                c("Notes", "notes", &["note", "comments"]),
            ],
            SheetKind::Organizations => vec![
                c("Kind", "kind", &["type", "organization kind"]),
                c("Name", "name", &["organization", "organisation"]).required(),
                c(
                    "Name in its own language",
                    "local_name",
                    &["local name", "own name"],
                ),
                c("Acronym", "acronym", &["abbreviation", "short name"]),
                c("Country", "country", &[]),
                c("WMA membership", "wma_membership", &["membership"]),
                c("Relation to WHO", "who_relation", &["who relation"]),
                c("Website", "website", &["web", "url", "web address"]),
                c("Notes", "notes", &["note", "comments"]),
            ],
            SheetKind::Meetings => vec![
                c("Body", "body_id", &["convening body", "convened by"]).required(),
                c("Ordinal", "ordinal", &["number", "session"]),
                c("Title", "title", &["meeting", "name"]).required(),
                c("City", "city", &[]),
                c("Country", "country", &[]),
                c("Venue", "venue", &["place"]),
                c("Start date", "start_date", &["start", "from", "begins"]).required(),
                c("End date", "end_date", &["end", "to", "ends"]).required(),
                c("Time zone", "time_zone", &["timezone", "venue time zone"]).required(),
                c("Format", "format", &[]),
                c("Status", "status", &[]),
                c(
                    "Registration deadline",
                    "registration_deadline",
                    &["deadline", "registration"],
                ),
                c("Notes", "notes", &["note", "comments"]),
            ],
            SheetKind::Policy => {
                let mut columns = vec![
                    c("Type", "policy_type", &["kind", "document type"]).required(),
                    c("Title", "title", &["name"]).required(),
                    c("Short name", "short_name", &[]),
                    c("Code", "code", &["symbol", "handbook code"]),
                    c("Lead committee", "lead_committee", &["committee"]),
                    c("Rapporteur", "rapporteur", &[]),
                    c("Topics", "topics", &["topic"]),
                    c("Summary", "summary", &[]),
                    c("Full text", "full_text", &["text"]),
                    c("Source URL", "source_url", &["source", "link", "url"]),
                ];
                columns.extend(
                    PolicyActionKind::ALL
                        .iter()
                        .filter(|k| **k != PolicyActionKind::Superseded)
                        .map(|k| Column {
                            label: k.label(),
                            field: action_field(*k),
                            aliases: &[],
                            required: false,
                        }),
                );
                columns
            }
        }
    }
}

/// The field name of a history column ("action:adopted").
fn action_field(kind: PolicyActionKind) -> &'static str {
    match kind {
        PolicyActionKind::Adopted => "action:adopted",
        PolicyActionKind::Amended => "action:amended",
        PolicyActionKind::Revised => "action:revised",
        PolicyActionKind::PartiallyRevised => "action:partially_revised",
        PolicyActionKind::EditoriallyRevised => "action:editorially_revised",
        PolicyActionKind::NoteOfClarificationAdded => "action:note_of_clarification_added",
        PolicyActionKind::Reaffirmed => "action:reaffirmed",
        PolicyActionKind::ReaffirmedWithMinorRevisions => "action:reaffirmed_with_minor_revisions",
        PolicyActionKind::Reclassified => "action:reclassified",
        PolicyActionKind::RescindedAndArchived => "action:rescinded_and_archived",
        PolicyActionKind::Superseded => "action:superseded",
    }
}

/// The history action a column holds, if it is one.
pub fn action_of(field: &str) -> Option<PolicyActionKind> {
    PolicyActionKind::ALL
        .iter()
        .copied()
        .find(|k| action_field(*k) == field)
}

/// A column of a kind: its header (as the template writes it), the form field it fills, other
/// headers taken for it, and whether a file without it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub label: &'static str,
    pub field: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

impl Column {
    fn new(label: &'static str, field: &'static str, aliases: &'static [&'static str]) -> Self {
        Column {
            label,
            field,
            aliases,
            required: false,
        }
    }

    fn required(self) -> Self {
        Column {
            required: true,
            ..self
        }
    }
}

/// A header or a choice as compared: folded (case and accents ignored), letters and digits only.
pub fn header_key(text: &str) -> String {
    crate::fold::fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The kind's columns found in a file, each with its index in the file's row.
pub type Matched = Vec<(Column, usize)>;

/// Which of `sheet`'s columns feed which field: `(column of the kind, index in the sheet)` in the
/// kind's order, and the headers no column takes. Refuses a file whose first row names none of
/// the kind's columns, or lacks a required one.
pub fn match_columns(kind: SheetKind, headers: &[String]) -> Result<(Matched, Vec<String>)> {
    let columns = kind.columns();
    let mut matched: Vec<(Column, usize)> = Vec::new();
    let mut unknown = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let key = header_key(header);
        if key.is_empty() {
            continue;
        }
        let column = columns
            .iter()
            .find(|c| header_key(c.label) == key || c.aliases.iter().any(|a| header_key(a) == key));
        match column {
            Some(column) if !matched.iter().any(|(m, _)| m.field == column.field) => {
                matched.push((*column, index));
            }
            Some(column) => unknown.push(format!(
                "{} (a second {} column)",
                header.trim(),
                column.label
            )),
            None => unknown.push(header.trim().to_owned()),
        }
    }
    let expected = || {
        columns
            .iter()
            .map(|c| c.label)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if matched.is_empty() {
        return Err(CoreError::Refused(format!(
            "None of this file's column names is one Plenary knows for {}. The first row must name the columns: {}. Download the template to start from. Nothing was imported.",
            kind.label().to_lowercase(),
            expected()
        )));
    }
    let missing: Vec<&str> = columns
        .iter()
        .filter(|c| c.required && !matched.iter().any(|(m, _)| m.field == c.field))
        .map(|c| c.label)
        .collect();
    if !missing.is_empty() {
        return Err(CoreError::Refused(format!(
            "This file has no {} column, which {} need. Add it (the template has every column) and try again. Nothing was imported.",
            missing.join(", "),
            kind.label().to_lowercase()
        )));
    }
    matched.sort_by_key(|(column, _)| columns.iter().position(|c| c.field == column.field));
    Ok((matched, unknown))
}

/// The one choice among `options` that `typed` names: by its label, its stored name, or the
/// abbreviation in its label's brackets ("MEC"), case and accents ignored.
pub fn choose<T: Copy + Serialize>(
    typed: &str,
    options: &[T],
    label: impl Fn(T) -> &'static str,
) -> Option<T> {
    let key = header_key(typed);
    options.iter().copied().find(|option| {
        let label_text = label(*option);
        let stored = serde_json::to_value(option)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let bracketed = label_text
            .split_once('(')
            .map(|(before, after)| (before, after.trim_end_matches(')')));
        header_key(label_text) == key
            || header_key(&stored) == key
            || header_key(label_text.trim_start_matches("WMA ")) == key
            || bracketed.is_some_and(|(before, inside)| {
                header_key(before) == key || header_key(inside) == key
            })
    })
}

/// "Representative, Staff or Counterpart contact".
pub fn choices<T: Copy>(options: &[T], label: impl Fn(T) -> &'static str) -> String {
    let labels: Vec<&str> = options.iter().map(|o| label(*o)).collect();
    match labels.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A problem with one cell (or, with an empty column, the whole row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CellProblem {
    /// The column's header as the template writes it, or empty for the row as a whole.
    pub column: String,
    pub message: String,
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewRow {
    /// The row's number in the file (the header is row 1).
    pub number: u32,
    /// One value per [`SheetPreview::columns`], as it will be saved.
    pub values: Vec<String>,
    pub problems: Vec<CellProblem>,
    /// The existing record this row repeats (case, accents and spacing ignored): such a row is
    /// skipped, not imported twice.
    pub duplicate_of: Option<String>,
}

/// What importing a file would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetPreview {
    pub kind: SheetKind,
    pub file_name: String,
    /// The columns found, as the template names them, in its order.
    pub columns: Vec<String>,
    /// Columns of the file that Plenary does not know (they are not imported).
    pub unknown_columns: Vec<String>,
    pub rows: Vec<PreviewRow>,
    /// Rows that will be added.
    pub new_rows: u32,
    /// Rows skipped as already in Plenary.
    pub duplicates: u32,
    /// Rows with at least one problem (the import is refused while there are any).
    pub problem_rows: u32,
}

impl SheetPreview {
    /// Every problem as one line: "row 14, Email: This is not an email address…".
    pub fn problem_lines(&self) -> Vec<String> {
        self.rows
            .iter()
            .flat_map(|row| {
                row.problems.iter().map(move |p| {
                    if p.column.is_empty() {
                        format!("row {}: {}", row.number, p.message)
                    } else {
                        format!("row {}, {}: {}", row.number, p.column, p.message)
                    }
                })
            })
            .collect()
    }

    /// The refusal when any row has a problem.
    pub fn refusal(&self) -> Option<CoreError> {
        let lines = self.problem_lines();
        let first = lines.first()?;
        let more = match lines.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more problem)".to_owned(),
            n => format!(" (and {n} more problems)"),
        };
        Some(CoreError::Refused(format!(
            "{first}{more}. Correct the file and import it again. Nothing was imported."
        )))
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetImported {
    pub kind: SheetKind,
    pub added: u32,
    /// Rows left out as already in Plenary.
    pub skipped: u32,
}

impl SheetImported {
    /// "Added 12 people; 2 already in Plenary were skipped."
    pub fn message(&self) -> String {
        let added = format!(
            "Added {} {}",
            self.added,
            self.kind.noun(self.added as usize)
        );
        match self.skipped {
            0 => format!("{added}."),
            n => format!(
                "{added}; {n} already in Plenary {} skipped.",
                if n == 1 { "was" } else { "were" }
            ),
        }
    }
}

/// A template for `kind`: its first row names every column. `.csv` (UTF-8 with a byte-order mark
/// so spreadsheet programs read accents right) or `.xlsx`.
pub fn template(kind: SheetKind, format: SheetFormat) -> Result<Vec<u8>> {
    let labels: Vec<&str> = kind.columns().iter().map(|c| c.label).collect();
    match format {
        SheetFormat::Csv => {
            let mut out = "\u{feff}".as_bytes().to_vec();
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut out);
            writer
                .write_record(&labels)
                .map_err(|e| CoreError::Storage(e.to_string()))?;
            writer
                .flush()
                .map_err(|e| CoreError::Storage(e.to_string()))?;
            drop(writer);
            Ok(out)
        }
        SheetFormat::Xlsx => {
            let fail = |e: rust_xlsxwriter::XlsxError| CoreError::Storage(e.to_string());
            let mut workbook = rust_xlsxwriter::Workbook::new();
            // A fixed creation date: the same template is the same bytes whenever it is saved.
            let made = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1).map_err(fail)?;
            workbook.set_properties(
                &rust_xlsxwriter::DocProperties::new()
                    .set_title(format!("Plenary template: {}", kind.label()))
                    .set_author("Plenary")
                    .set_creation_datetime(&made),
            );
            let bold = rust_xlsxwriter::Format::new().set_bold();
            let text = rust_xlsxwriter::Format::new().set_num_format("@");
            let sheet = workbook.add_worksheet();
            sheet.set_name(kind.label()).map_err(fail)?;
            for (column, label) in labels.iter().enumerate() {
                let column = column as u16;
                sheet
                    .write_string_with_format(0, column, *label, &bold)
                    .map_err(fail)?;
                // Text cells, so a phone number keeps its + and leading zeros.
                sheet.set_column_format(column, &text).map_err(fail)?;
                sheet
                    .set_column_width(column, (label.len() as f64 + 4.0).max(14.0))
                    .map_err(fail)?;
            }
            sheet.set_freeze_panes(1, 0).map_err(fail)?;
            workbook.save_to_buffer().map_err(fail)
        }
    }
}

#[cfg(test)]
mod tests;
