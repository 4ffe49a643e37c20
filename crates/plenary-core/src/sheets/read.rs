//! A spreadsheet file read into a grid of text: CSV in whatever encoding a spreadsheet program
//! saved it (UTF-8 with or without a byte-order mark, UTF-16 by its mark, else Windows-1252), or
//! the first sheet of an Excel `.xlsx` workbook. Cells that hold formulas are kept apart so the
//! preview can name them; nothing here knows what the columns mean.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::error::{CoreError, Result};

/// The most rows one import takes (a larger file is refused with this number in the message).
pub const MAX_ROWS: usize = 20_000;
/// The largest file read (bytes).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (numbers and dates written out: `74`, `2027-05-19`).
    Text(String),
    /// A formula (`=A1+1`): never run, never imported.
    Formula(String),
}

impl Cell {
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(text) => text,
            Cell::Formula(_) => "",
        }
    }
}

/// A sheet: the first row's names and the rows below it (blank rows left out, each keeping its
/// number as the spreadsheet program shows it).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<SheetRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// The row's number in the file (the header is row 1).
    pub number: u32,
    pub cells: Vec<Cell>,
}

/// The spreadsheet file formats read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    /// From a file name's extension; `None` for anything else.
    pub fn from_name(name: &str) -> Option<SheetFormat> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(SheetFormat::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(SheetFormat::Xlsx)
        } else {
            None
        }
    }
}

fn refused(message: impl Into<String>) -> CoreError {
    CoreError::Refused(message.into())
}

/// Reads the spreadsheet at `path` (see [`read_sheet`]); a file that cannot be read is refused
/// with the reason.
pub fn read_sheet_file(path: &std::path::Path) -> Result<Sheet> {
    let bytes = std::fs::read(path).map_err(|e| {
        refused(format!(
            "{} cannot be read ({}). Nothing was imported.",
            path.display(),
            e.kind()
        ))
    })?;
    read_sheet(&path.to_string_lossy(), &bytes)
}

/// Reads `bytes` as the format its name says. Refuses an empty file, a file of another kind
/// (an `.xls`, a PDF, a zip that is not a workbook) and one with more than [`MAX_ROWS`] rows.
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<Sheet> {
    if bytes.len() > MAX_BYTES {
        return Err(refused(format!(
            "This file is {} MB: larger than Plenary imports at once ({} MB). Split it into smaller files. Nothing was imported.",
            bytes.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(refused(
            "This file is empty. Nothing was imported: fill in a template (with its first row of column names) and try again.",
        ));
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_old_excel = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let format = SheetFormat::from_name(file_name);
    let sheet = match format {
        Some(SheetFormat::Xlsx) if is_zip => read_xlsx(bytes)?,
        Some(SheetFormat::Csv) if !is_zip && !is_old_excel && !looks_binary(bytes) => {
            read_csv(bytes)?
        }
        _ if is_old_excel => {
            return Err(refused(
                "This is an old Excel workbook (.xls). Open it in your spreadsheet program and save it as .xlsx or CSV, then import that. Nothing was imported.",
            ));
        }
        Some(SheetFormat::Xlsx) => {
            return Err(refused(
                "This file is named .xlsx but is not an Excel workbook. Nothing was imported.",
            ));
        }
        Some(SheetFormat::Csv) => {
            return Err(refused(
                "This file is named .csv but is not text (it may be a workbook or another kind of file). Save it again as CSV and import that. Nothing was imported.",
            ));
        }
        None => {
            return Err(refused(
                "Plenary imports spreadsheets saved as .csv or .xlsx (and its own .json exports). Save the file in one of those and try again. Nothing was imported.",
            ));
        }
    };
    if sheet.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(refused(
            "This file has no column names in its first row. Start from a template: its first row names the columns. Nothing was imported.",
        ));
    }
    if sheet.rows.is_empty() {
        return Err(refused(
            "This file has column names but no rows below them. Nothing was imported.",
        ));
    }
    Ok(sheet)
}

/// NUL bytes do not occur in text in any 8-bit encoding; UTF-16 (which has them) is recognised
/// by its byte-order mark before this is asked.
fn looks_binary(bytes: &[u8]) -> bool {
    !(bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]))
        && bytes.iter().take(8192).any(|&b| b == 0)
}

/// Decodes CSV bytes: UTF-8 (with or without a byte-order mark), UTF-16 LE/BE by their mark,
/// else Windows-1252 (what Excel on Windows writes as "CSV").
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            text.into_owned()
        }
    }
}

/// The separator a spreadsheet program used: a comma, or a semicolon (Excel where the decimal
/// mark is a comma), or a tab; whichever the header row holds most of.
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&s| header.bytes().filter(|&b| b == s).count())
        .filter(|&s| header.bytes().any(|b| b == s))
        .unwrap_or(b',')
}

fn read_csv(bytes: &[u8]) -> Result<Sheet> {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut headers = None;
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|_| {
            refused(format!(
                "This CSV file cannot be read at row {}. Save it again as CSV from your spreadsheet program. Nothing was imported.",
                index + 1
            ))
        })?;
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(too_many());
        }
        rows.push(SheetRow {
            number: (index + 1) as u32,
            cells: cells.into_iter().map(csv_cell).collect(),
        });
    }
    Ok(Sheet {
        headers: headers.unwrap_or_default(),
        rows,
    })
}

fn too_many() -> CoreError {
    refused(format!(
        "This file has more than {MAX_ROWS} rows: more than Plenary imports at once. Split it into smaller files. Nothing was imported."
    ))
}

/// A CSV cell as a spreadsheet program means it: `=...` is a formula; an apostrophe before
/// `=`, `+`, `-` or `@` (how exports keep such text from running) is taken off.
fn csv_cell(text: String) -> Cell {
    let trimmed = text.trim_start();
    if trimmed.starts_with('=') && trimmed.len() > 1 {
        return Cell::Formula(trimmed.to_owned());
    }
    if let Some(rest) = text.strip_prefix('\'')
        && rest.starts_with(['=', '+', '-', '@'])
    {
        return Cell::Text(rest.to_owned());
    }
    Cell::Text(text)
}

fn read_xlsx(bytes: &[u8]) -> Result<Sheet> {
    let not_a_workbook = || {
        refused(
            "This file cannot be read as an Excel workbook (it may be damaged, protected by a password, or another kind of file). Nothing was imported.",
        )
    };
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    let Some(name) = workbook.sheet_names().first().cloned() else {
        return Err(not_a_workbook());
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|_| not_a_workbook())?;
    let formulas = workbook.worksheet_formula(&name).ok();
    let Some((first_row, first_col)) = range.start() else {
        return Err(refused(
            "This workbook's first sheet is empty. Nothing was imported: fill in a template and try again.",
        ));
    };
    let width = range.width();
    let mut headers = None;
    let mut rows = Vec::new();
    for (offset, row) in range.rows().enumerate() {
        let row_index = first_row + offset as u32;
        let mut cells: Vec<Cell> = Vec::with_capacity(width);
        for (column, value) in row.iter().enumerate() {
            let at = (row_index, first_col + column as u32);
            let formula = formulas
                .as_ref()
                .and_then(|f| f.get_value(at))
                .filter(|f| !f.is_empty());
            cells.push(match formula {
                Some(formula) => Cell::Formula(format!("={formula}")),
                None => Cell::Text(xlsx_text(value)),
            });
        }
        // Columns left of the used range are empty: keep positions as in the sheet.
        let mut padded = vec![Cell::Text(String::new()); first_col as usize];
        padded.extend(cells);
        if headers.is_none() {
            if row_index > 0 && padded.iter().all(|c| c.text().trim().is_empty()) {
                continue;
            }
            headers = Some(padded.iter().map(|c| c.text().to_owned()).collect());
            continue;
        }
        if padded
            .iter()
            .all(|c| matches!(c, Cell::Text(t) if t.trim().is_empty()))
        {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(too_many());
        }
        rows.push(SheetRow {
            number: row_index + 1,
            cells: padded,
        });
    }
    Ok(Sheet {
        headers: headers.unwrap_or_default(),
        rows,
    })
}

/// A workbook cell as text: whole numbers without a decimal point (`74`, a phone number typed
/// as a number), dates as ISO dates.
fn xlsx_text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Data::DateTime(at) => {
            super::date::from_serial(at.as_f64()).map_or_else(|| at.to_string(), |d| d.to_string())
        }
        Data::DateTimeIso(text) | Data::DurationIso(text) => {
            text.split('T').next().unwrap_or(text).to_owned()
        }
        Data::Error(error) => format!("#{error:?}"),
    }
}
