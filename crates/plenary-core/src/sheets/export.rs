//! Spreadsheets out: any list (people, organizations, meetings, policy documents, a meeting's
//! delegation) written as CSV or `.xlsx`. The four record lists use the import's own columns
//! and values, so a list exported, corrected in a spreadsheet program and imported elsewhere
//! reads back the same. Cells a spreadsheet would run as formulas are defused; a person's
//! sensitive travel details are written only when the person exporting ticks them.

use serde::{Deserialize, Serialize};

use super::{SheetFormat, SheetKind};
use crate::error::{CoreError, Result};
use crate::policy::PolicyActionKind;
use crate::store::PolicyFilter;
use crate::store::Store;

/// Which list to write, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListExportRequest {
    pub kind: SheetKind,
    pub format: SheetFormat,
    /// People only: add their travel details (nationality, passport, dietary and access needs).
    pub include_sensitive: bool,
    /// Meetings only: only those starting in this year.
    pub year: Option<i16>,
    /// Policy documents only: the list's filter, so what is written is what the list shows.
    #[serde(default)]
    pub policy_filter: PolicyFilter,
}

/// A list as rows of text, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The worksheet's name in a workbook.
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A list written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListExport {
    /// A file name for it, e.g. `plenary-meetings-2027.xlsx`.
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub rows: u32,
}

/// The travel columns a people list adds when sensitive fields are ticked.
pub const SENSITIVE_PEOPLE_COLUMNS: [&str; 5] = [
    "Nationality",
    "Passport number",
    "Passport expiry",
    "Dietary needs",
    "Access needs",
];

impl Table {
    /// The table as a file of `format`.
    pub fn to_bytes(&self, format: SheetFormat) -> Result<Vec<u8>> {
        match format {
            SheetFormat::Csv => Ok(csv_text(&self.columns, &self.rows).into_bytes()),
            SheetFormat::Xlsx => self.to_xlsx(),
        }
    }

    fn to_xlsx(&self) -> Result<Vec<u8>> {
        let fail = |e: rust_xlsxwriter::XlsxError| CoreError::Storage(e.to_string());
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook.set_properties(
            &rust_xlsxwriter::DocProperties::new()
                .set_title(format!("Plenary: {}", self.name))
                .set_author("Plenary"),
        );
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let sheet = workbook.add_worksheet();
        sheet.set_name(worksheet_name(&self.name)).map_err(fail)?;
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.chars().count()).collect();
        for (column, label) in self.columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, column as u16, label, &bold)
                .map_err(fail)?;
        }
        for (index, row) in self.rows.iter().enumerate() {
            for (column, value) in row.iter().enumerate() {
                // Always a text cell: a value starting with "=" stays text and never runs, and a
                // phone number keeps its "+" and leading zeros.
                sheet
                    .write_string(index as u32 + 1, column as u16, value)
                    .map_err(fail)?;
                if let Some(width) = widths.get_mut(column) {
                    *width = (*width).max(value.chars().count().min(60));
                }
            }
        }
        for (column, width) in widths.iter().enumerate() {
            sheet
                .set_column_width(column as u16, (*width as f64 + 2.0).max(10.0))
                .map_err(fail)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        sheet
            .autofilter(
                0,
                0,
                self.rows.len() as u32,
                self.columns.len().saturating_sub(1) as u16,
            )
            .map_err(fail)?;
        workbook.save_to_buffer().map_err(fail)
    }
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn worksheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(31)
        .collect();
    match cleaned.trim() {
        "" => "Plenary".to_owned(),
        name => name.to_owned(),
    }
}

/// CSV that spreadsheet programs open cleanly: UTF-8 with a byte-order mark, CRLF line ends,
/// RFC 4180 quoting, formula cells defused.
pub fn csv_text(columns: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &String>| {
        let quoted: Vec<String> = cells.map(|c| csv_cell(c)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    line(&mut out, &mut columns.iter());
    for row in rows {
        line(&mut out, &mut row.iter());
    }
    out
}

/// Quotes a cell when needed. A cell that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or CR) is prefixed with an apostrophe so it shows as text; the import
/// takes such an apostrophe off again.
pub fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The history columns of a policy list, in the template's order.
fn action_columns() -> Vec<PolicyActionKind> {
    PolicyActionKind::ALL
        .iter()
        .copied()
        .filter(|k| *k != PolicyActionKind::Superseded)
        .collect()
}

impl Store {
    /// The list `request` names as a file, refused when it holds nothing.
    pub fn export_list(&self, request: &ListExportRequest) -> Result<ListExport> {
        let table = self.list_table(request)?;
        if table.rows.is_empty() {
            return Err(CoreError::Refused(format!(
                "There are no {} to export{}.",
                request.kind.noun(0),
                match (request.kind, request.year) {
                    (SheetKind::Meetings, Some(year)) => format!(" in {year}"),
                    (SheetKind::Policy, _) if request.policy_filter != PolicyFilter::default() => {
                        " with this filter".to_owned()
                    }
                    _ => String::new(),
                }
            )));
        }
        let stem = match (request.kind, request.year) {
            (SheetKind::Meetings, Some(year)) => format!("plenary-meetings-{year}"),
            (kind, _) => kind.template_name().replace("-template", ""),
        };
        let extension = match request.format {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        };
        Ok(ListExport {
            file_name: format!("{stem}.{extension}"),
            bytes: table.to_bytes(request.format)?,
            rows: table.rows.len() as u32,
        })
    }

    /// The list as rows of text: the import's columns (as its template names them) and values.
    pub fn list_table(&self, request: &ListExportRequest) -> Result<Table> {
        let kind = request.kind;
        let mut columns: Vec<String> = kind.columns().iter().map(|c| c.label.to_owned()).collect();
        let rows = match kind {
            SheetKind::People => {
                if request.include_sensitive {
                    columns.extend(SENSITIVE_PEOPLE_COLUMNS.iter().map(|c| (*c).to_owned()));
                }
                self.people_rows(request.include_sensitive)?
            }
            SheetKind::Organizations => self.organization_rows()?,
            SheetKind::Meetings => self.meeting_rows(request.year)?,
            SheetKind::Policy => {
                columns.extend(["Status", "Review due"].map(str::to_owned));
                self.policy_rows(&request.policy_filter)?
            }
        };
        Ok(Table {
            name: kind.label().to_owned(),
            columns,
            rows,
        })
    }

    fn people_rows(&self, include_sensitive: bool) -> Result<Vec<Vec<String>>> {
        let mut rows = Vec::new();
        for row in self.people()? {
            let p = &row.person.fields;
            let mut cells = vec![
                p.kind.label().to_owned(),
                p.full_name.clone(),
                p.honorifics.clone(),
                row.organization.clone(),
                p.title.clone(),
                p.email.clone(),
                p.phone.clone(),
                p.expertise.join(", "),
                p.languages.join(", "),
                p.home_time_zone.clone(),
                p.notes.clone(),
            ];
            if include_sensitive {
                let travel = self.person_travel(&row.person.id)?.map(|t| t.fields);
                let travel = travel.unwrap_or_default();
                cells.extend([
                    travel.nationality,
                    travel.passport_number,
                    travel
                        .passport_expiry
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    travel.dietary_needs,
                    travel.access_needs,
                ]);
            }
            rows.push(cells);
        }
        Ok(rows)
    }

    fn organization_rows(&self) -> Result<Vec<Vec<String>>> {
        Ok(self
            .organizations()?
            .into_iter()
            .map(|o| {
                let f = o.fields;
                vec![
                    f.kind.label().to_owned(),
                    f.name,
                    f.local_name,
                    f.acronym,
                    f.country,
                    f.wma_membership.label().to_owned(),
                    f.who_relation.label().to_owned(),
                    f.website,
                    f.notes,
                ]
            })
            .collect())
    }

    fn meeting_rows(&self, year: Option<i16>) -> Result<Vec<Vec<String>>> {
        let bodies: std::collections::HashMap<String, String> = self
            .bodies()?
            .into_iter()
            .map(|b| {
                let shown = match b.fields.short_name.as_str() {
                    "" => b.fields.name.clone(),
                    short => format!("{} ({short})", b.fields.name),
                };
                (b.id, shown)
            })
            .collect();
        let mut meetings = self.meetings()?;
        meetings.retain(|m| year.is_none_or(|year| m.fields.start_date.year() == year));
        meetings.sort_by(|a, b| {
            (a.fields.start_date, &a.fields.title).cmp(&(b.fields.start_date, &b.fields.title))
        });
        Ok(meetings
            .into_iter()
            .map(|m| {
                let f = m.fields;
                vec![
                    bodies.get(&f.body_id).cloned().unwrap_or_default(),
                    f.ordinal.map(|o| o.to_string()).unwrap_or_default(),
                    f.title,
                    f.city,
                    f.country,
                    f.venue,
                    f.start_date.to_string(),
                    f.end_date.to_string(),
                    f.time_zone,
                    f.format.label().to_owned(),
                    f.status.label().to_owned(),
                    f.registration_deadline
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    f.notes,
                ]
            })
            .collect())
    }

    fn policy_rows(&self, filter: &PolicyFilter) -> Result<Vec<Vec<String>>> {
        let kinds = action_columns();
        let mut rows = Vec::new();
        for document in self.policy_documents(filter)? {
            let actions = self.policy_actions(&document.id)?;
            let f = &document.fields;
            let mut cells = vec![
                f.policy_type.label().to_owned(),
                f.title.clone(),
                f.short_name.clone(),
                f.code.clone(),
                f.lead_committee
                    .map(|c| c.label().to_owned())
                    .unwrap_or_default(),
                f.rapporteur.clone(),
                f.topics.join(", "),
                f.summary.clone(),
                f.full_text.clone(),
                f.source_url.clone(),
            ];
            for kind in &kinds {
                let dates: Vec<String> = actions
                    .iter()
                    .filter(|a| a.fields.kind == *kind)
                    .map(|a| a.fields.date.to_string())
                    .collect();
                cells.push(dates.join("; "));
            }
            cells.push(document.status.label().to_owned());
            cells.push(
                document
                    .review_due
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            );
            rows.push(cells);
        }
        Ok(rows)
    }
}
