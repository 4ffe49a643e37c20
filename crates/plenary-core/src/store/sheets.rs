//! Spreadsheets in (see `crate::sheets`): the preview and the import run the same code, the
//! forms' own `*_in` writes, row after row inside one `Store::write`. The preview then rolls the
//! transaction back, so it shows every row exactly as it would be saved (duplicates within the
//! file included) and writes nothing; the import commits only when no row has a problem.

use std::collections::HashMap;

use super::Writer;
use super::meetings::create_meeting_in;
use super::organizations::create_organization_in;
use super::people::{create_person_in, duplicates};
use super::policy::{adopting_body, append_action, insert_document};
use crate::error::{CoreError, FieldError, Result};
use crate::fold::fold;
use crate::meeting::{MeetingDraft, MeetingFormat, MeetingStatus};
use crate::organization::{OrganizationDraft, OrganizationKind, WhoRelation, WmaMembership};
use crate::people::{PersonDraft, PersonKind, name_key};
use crate::policy::{
    LeadCommittee, PolicyActionDraft, PolicyActionKind, PolicyDocumentDraft, PolicyType,
};
use crate::portable::Work;
use crate::sheets::{
    Cell, CellProblem, Column, PreviewRow, Sheet, SheetImported, SheetKind, SheetPreview, SheetRow,
    action_of, choices, choose, date::read_date, header_key, match_columns,
};
use crate::store::Store;

/// How often (in rows) progress is reported and a stop is noticed.
const STEP: usize = 50;

impl Store {
    /// What importing `sheet` as `kind` would do: every row as it will be saved, its problems by
    /// column, duplicates marked. Nothing is written.
    pub fn sheet_preview(
        &mut self,
        kind: SheetKind,
        file_name: &str,
        sheet: &Sheet,
        work: Work<'_>,
    ) -> Result<SheetPreview> {
        let (columns, unknown) = match_columns(kind, &sheet.headers)?;
        let year = self.clock.today().year();
        let mut preview = None;
        let outcome = self.write(|w| {
            preview = Some(run(
                w, kind, file_name, sheet, &columns, unknown, year, work,
            )?);
            // Roll back: a preview writes nothing.
            Err::<(), _>(CoreError::Cancelled)
        });
        match (outcome, preview) {
            (Err(CoreError::Cancelled), Some(preview)) => Ok(preview),
            (Err(error), _) => Err(error),
            (Ok(()), _) => Err(CoreError::Cancelled),
        }
    }

    /// Imports `sheet` as `kind`, all or nothing: refused (with the first problem by row and
    /// column) when any row has a problem; rows already in Plenary are skipped. Each record
    /// gets its history entry like one entered in its form.
    pub fn import_sheet(
        &mut self,
        kind: SheetKind,
        file_name: &str,
        sheet: &Sheet,
        work: Work<'_>,
    ) -> Result<SheetImported> {
        let (columns, unknown) = match_columns(kind, &sheet.headers)?;
        let year = self.clock.today().year();
        self.write(|w| {
            let preview = run(w, kind, file_name, sheet, &columns, unknown, year, work)?;
            if let Some(refusal) = preview.refusal() {
                return Err(refusal);
            }
            work.check()?;
            Ok(SheetImported {
                kind,
                added: preview.new_rows,
                skipped: preview.duplicates,
            })
        })
    }
}

/// The names that link a row to what is already stored (organizations for people, bodies for
/// meetings), by folded name, short name or id.
struct Links {
    by_key: HashMap<String, (String, String)>,
}

impl Links {
    fn load(w: &Writer<'_>, sql: &str) -> Result<Links> {
        let mut statement = w.conn().prepare(sql)?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut by_key = HashMap::new();
        for row in rows {
            let (id, name, short) = row?;
            let shown = if short.is_empty() {
                name.clone()
            } else {
                format!("{name} ({short})")
            };
            for key in [&id, &name, &short, &shown] {
                let key = header_key(key);
                if !key.is_empty() {
                    by_key
                        .entry(key)
                        .or_insert_with(|| (id.clone(), shown.clone()));
                }
            }
        }
        Ok(Links { by_key })
    }

    fn find(&self, typed: &str) -> Option<&(String, String)> {
        self.by_key.get(&header_key(typed))
    }
}

/// One row being read: its cells by field, the values shown, the problems found.
struct RowReader<'a> {
    row: &'a SheetRow,
    columns: &'a [(Column, usize)],
    values: Vec<String>,
    problems: Vec<CellProblem>,
}

impl<'a> RowReader<'a> {
    fn new(row: &'a SheetRow, columns: &'a [(Column, usize)]) -> Self {
        let values = columns
            .iter()
            .map(|(_, i)| {
                row.cells
                    .get(*i)
                    .map(|c| c.text().trim().to_owned())
                    .unwrap_or_default()
            })
            .collect();
        RowReader {
            row,
            columns,
            values,
            problems: Vec::new(),
        }
    }

    fn position(&self, field: &str) -> Option<usize> {
        self.columns.iter().position(|(c, _)| c.field == field)
    }

    fn label(&self, field: &str) -> String {
        self.position(field)
            .map(|p| self.columns[p].0.label.to_owned())
            .unwrap_or_default()
    }

    fn problem(&mut self, field: &str, message: impl Into<String>) {
        let column = self.label(field);
        let message = message.into();
        if !self
            .problems
            .iter()
            .any(|p| p.column == column && p.message == message)
        {
            self.problems.push(CellProblem { column, message });
        }
    }

    /// The cell's text; a formula is a problem and reads as empty.
    fn get(&mut self, field: &str) -> String {
        let Some(position) = self.position(field) else {
            return String::new();
        };
        match self.row.cells.get(self.columns[position].1) {
            Some(Cell::Formula(formula)) => {
                let shown: String = formula.chars().take(40).collect();
                self.problem(
                    field,
                    format!(
                        "This cell holds a formula ({shown}). Plenary imports values only: replace the formula with the value it shows."
                    ),
                );
                self.values[position] = formula.clone();
                String::new()
            }
            Some(cell) => cell.text().trim().to_owned(),
            None => String::new(),
        }
    }

    fn show(&mut self, field: &str, value: &str) {
        if let Some(position) = self.position(field) {
            self.values[position] = value.to_owned();
        }
    }

    fn date(&mut self, field: &str, partial: bool) -> String {
        let typed = self.get(field);
        match read_date(&typed, partial) {
            Ok(date) => {
                self.show(field, &date);
                date
            }
            Err(message) => {
                self.problem(field, message);
                String::new()
            }
        }
    }

    /// A choice among `options` by label; empty gives `None`.
    fn choice<T: Copy + serde::Serialize>(
        &mut self,
        field: &str,
        options: &[T],
        label: impl Fn(T) -> &'static str + Copy,
    ) -> Option<T> {
        let typed = self.get(field);
        if typed.is_empty() {
            return None;
        }
        match choose(&typed, options, label) {
            Some(choice) => {
                self.show(field, label(choice));
                Some(choice)
            }
            None => {
                self.problem(
                    field,
                    format!(
                        "\"{typed}\" is not one of the choices: {}.",
                        choices(options, label)
                    ),
                );
                None
            }
        }
    }

    fn link(&mut self, field: &str, links: &Links, what: &str, hint: &str) -> String {
        let typed = self.get(field);
        if typed.is_empty() {
            return String::new();
        }
        match links.find(&typed) {
            Some((id, shown)) => {
                let (id, shown) = (id.clone(), shown.clone());
                self.show(field, &shown);
                id
            }
            None => {
                self.problem(
                    field,
                    format!("No {what} named \"{typed}\" is in Plenary. {hint}"),
                );
                String::new()
            }
        }
    }

    /// Whether the row may be written: no problem so far and the form's check passed (its
    /// problems are filed under their columns).
    fn passes<T>(&mut self, checked: Result<T>) -> bool {
        if let Err(error @ CoreError::Validation(_)) = checked {
            self.refused(error, same);
        }
        self.problems.is_empty()
    }

    /// Files the form check's problems under their columns (a field without a column of its own
    /// goes with the row).
    fn refused(&mut self, error: CoreError, field_of: impl Fn(&str) -> String) {
        match error {
            CoreError::Validation(errors) => {
                // A cell already named (a body not found, a date misread) is not named again
                // as empty.
                let named: Vec<String> = self.problems.iter().map(|p| p.column.clone()).collect();
                for FieldError { field, message } in errors {
                    let field = field_of(&field);
                    let column = self.label(&field);
                    if column.is_empty() || !named.contains(&column) {
                        self.problem(&field, message);
                    }
                }
            }
            other => self.problem("", other.to_string()),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn run(
    w: &Writer<'_>,
    kind: SheetKind,
    file_name: &str,
    sheet: &Sheet,
    columns: &[(Column, usize)],
    unknown_columns: Vec<String>,
    year: i16,
    work: Work<'_>,
) -> Result<SheetPreview> {
    let organizations = match kind {
        SheetKind::People => Some(Links::load(
            w,
            "SELECT id, name, acronym FROM organization",
        )?),
        _ => None,
    };
    let bodies = match kind {
        SheetKind::Meetings | SheetKind::Policy => {
            Some(Links::load(w, "SELECT id, name, short_name FROM body")?)
        }
        _ => None,
    };
    let total = sheet.rows.len();
    let mut rows = Vec::with_capacity(total);
    for (index, row) in sheet.rows.iter().enumerate() {
        if index % STEP == 0 {
            work.check()?;
            work.report("Checking rows", index as u64, total as u64);
        }
        let mut reader = RowReader::new(row, columns);
        let duplicate_of = match kind {
            SheetKind::People => person_row(w, &mut reader, organizations.as_ref())?,
            SheetKind::Organizations => organization_row(w, &mut reader)?,
            SheetKind::Meetings => meeting_row(w, &mut reader, bodies.as_ref())?,
            SheetKind::Policy => policy_row(w, &mut reader, year)?,
        };
        rows.push(PreviewRow {
            number: row.number,
            values: reader.values,
            problems: reader.problems,
            duplicate_of,
        });
    }
    work.report("Checking rows", total as u64, total as u64);
    let problem_rows = rows.iter().filter(|r| !r.problems.is_empty()).count() as u32;
    let duplicates = rows
        .iter()
        .filter(|r| r.problems.is_empty() && r.duplicate_of.is_some())
        .count() as u32;
    Ok(SheetPreview {
        kind,
        file_name: file_name.to_owned(),
        columns: columns.iter().map(|(c, _)| c.label.to_owned()).collect(),
        unknown_columns,
        new_rows: total as u32 - problem_rows - duplicates,
        duplicates,
        problem_rows,
        rows,
    })
}

/// Errors that are the person's to fix go on the row; anything else (the disk) stops the run.
fn settle<T>(
    reader: &mut RowReader<'_>,
    result: Result<T>,
    field_of: impl Fn(&str) -> String,
) -> Result<()> {
    match result {
        Ok(_) => Ok(()),
        Err(error @ (CoreError::Validation(_) | CoreError::InUse(_) | CoreError::Refused(_))) => {
            reader.refused(error, field_of);
            Ok(())
        }
        Err(other) => Err(other),
    }
}

fn same(field: &str) -> String {
    field.to_owned()
}

fn person_row(
    w: &Writer<'_>,
    r: &mut RowReader<'_>,
    organizations: Option<&Links>,
) -> Result<Option<String>> {
    let kind = r.choice("kind", PersonKind::ALL, PersonKind::label);
    let organization_id = match organizations {
        Some(links) => r.link(
            "organization_id",
            links,
            "organization",
            "Add the organization first (or import organizations), or leave the cell empty.",
        ),
        None => String::new(),
    };
    let draft = PersonDraft {
        kind,
        full_name: r.get("full_name"),
        honorifics: r.get("honorifics"),
        organization_id: Some(organization_id).filter(|id| !id.is_empty()),
        title: r.get("title"),
        email: r.get("email"),
        phone: r.get("phone"),
        expertise: r.get("expertise"),
        languages: r.get("languages"),
        home_time_zone: r.get("home_time_zone"),
        notes: r.get("notes"),
        hub_login: String::new(),
    };
    if !r.passes(draft.validate()) {
        return Ok(None);
    }
    if let Some(existing) = duplicates(
        w.conn(),
        &name_key(&draft.full_name),
        draft.email.trim(),
        None,
    )?
    .first()
    {
        return Ok(Some(existing.fields.full_name.clone()));
    }
    settle(r, create_person_in(w, &draft), same)?;
    Ok(None)
}

fn organization_row(w: &Writer<'_>, r: &mut RowReader<'_>) -> Result<Option<String>> {
    let draft = OrganizationDraft {
        kind: r.choice("kind", OrganizationKind::ALL, OrganizationKind::label),
        name: r.get("name"),
        local_name: r.get("local_name"),
        acronym: r.get("acronym"),
        country: r.get("country"),
        wma_membership: r.choice("wma_membership", WmaMembership::ALL, WmaMembership::label),
        who_relation: r.choice("who_relation", WhoRelation::ALL, WhoRelation::label),
        website: r.get("website"),
        notes: r.get("notes"),
    };
    if !r.passes(draft.validate()) {
        return Ok(None);
    }
    if let Some(existing) = folded_match(w, "SELECT name FROM organization", "", &draft.name)? {
        return Ok(Some(existing));
    }
    settle(r, create_organization_in(w, &draft), same)?;
    Ok(None)
}

fn meeting_row(
    w: &Writer<'_>,
    r: &mut RowReader<'_>,
    bodies: Option<&Links>,
) -> Result<Option<String>> {
    let body_id = match bodies {
        Some(links) => r.link(
            "body_id",
            links,
            "body",
            "Use a body's name or short name as Settings lists it (such as WHA or WMA General Assembly), or add the body first.",
        ),
        None => String::new(),
    };
    let draft = MeetingDraft {
        body_id,
        parent_id: String::new(),
        ordinal: r.get("ordinal"),
        title: r.get("title"),
        city: r.get("city"),
        country: r.get("country"),
        venue: r.get("venue"),
        start_date: r.date("start_date", false),
        end_date: r.date("end_date", false),
        time_zone: r.get("time_zone"),
        format: r
            .choice("format", &MeetingFormat::ALL, MeetingFormat::label)
            .unwrap_or_default(),
        status: r
            .choice("status", &MeetingStatus::ALL, MeetingStatus::label)
            .unwrap_or_default(),
        registration_deadline: r.date("registration_deadline", false),
        notes: r.get("notes"),
    };
    if !r.passes(draft.validate()) {
        return Ok(None);
    }
    if let Some(existing) = folded_match(
        w,
        "SELECT title FROM meeting WHERE start_date = ?1",
        draft.start_date.trim(),
        &draft.title,
    )? {
        return Ok(Some(existing));
    }
    settle(r, create_meeting_in(w, &draft), same)?;
    Ok(None)
}

fn policy_row(w: &Writer<'_>, r: &mut RowReader<'_>, year: i16) -> Result<Option<String>> {
    let policy_type = r.choice("policy_type", &PolicyType::ALL, PolicyType::label);
    if policy_type.is_none() && r.get("policy_type").is_empty() {
        r.problem(
            "policy_type",
            format!(
                "Enter the document's type: {}.",
                choices(&PolicyType::ALL, PolicyType::label)
            ),
        );
    }
    let draft = PolicyDocumentDraft {
        policy_type: policy_type.unwrap_or_default(),
        emergency: false,
        title: r.get("title"),
        short_name: r.get("short_name"),
        code: r.get("code"),
        lead_committee: r.choice("lead_committee", &LeadCommittee::ALL, LeadCommittee::label),
        rapporteur: r.get("rapporteur"),
        topics: r.get("topics"),
        summary: r.get("summary"),
        full_text: r.get("full_text"),
        source_url: r.get("source_url"),
        meeting_id: String::new(),
        agenda_item_id: String::new(),
    };
    // The history: every date in every action column, oldest first.
    let mut actions: Vec<(String, PolicyActionKind, String)> = Vec::new();
    let action_columns: Vec<(&'static str, PolicyActionKind)> = r
        .columns
        .iter()
        .filter_map(|(c, _)| action_of(c.field).map(|k| (c.field, k)))
        .collect();
    for (field, kind) in action_columns {
        let typed = r.get(field);
        let mut shown = Vec::new();
        for part in typed
            .split([';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match read_date(part, true) {
                Ok(date) => {
                    shown.push(date.clone());
                    actions.push((field.to_owned(), kind, date));
                }
                Err(message) => r.problem(field, message),
            }
        }
        if !shown.is_empty() {
            r.show(field, &shown.join("; "));
        }
    }
    if !r.passes(draft.validate(year)) {
        return Ok(None);
    }
    if let Some(existing) = policy_duplicate(w, &draft)? {
        return Ok(Some(existing));
    }
    let mut document = match insert_document(w, year, &draft) {
        Ok(document) => document,
        Err(error) => {
            settle(r, Err::<(), _>(error), same)?;
            return Ok(None);
        }
    };
    // Partial dates sort as text the way they read ("1948" < "1948-09" < "2017").
    actions.sort_by(|a, b| a.2.cmp(&b.2));
    let body_id = adopting_body(w.conn(), &document)?.unwrap_or_default();
    for (field, kind, date) in actions {
        let action = PolicyActionDraft {
            kind,
            date,
            body_id: if kind == PolicyActionKind::Adopted {
                body_id.clone()
            } else {
                String::new()
            },
            meeting_id: String::new(),
            superseded_by_id: String::new(),
            note: String::new(),
        };
        match append_action(w, year, &document, &action) {
            Ok(after) => document = after,
            Err(error) => {
                let column = field.clone();
                settle(r, Err::<(), _>(error), move |_| column.clone())?;
                break;
            }
        }
    }
    Ok(None)
}

/// The first name `sql` (with `?1` bound to `parameter` when it has one) returns that folds to
/// the same as `name`.
fn folded_match(w: &Writer<'_>, sql: &str, parameter: &str, name: &str) -> Result<Option<String>> {
    let key = fold(name.trim());
    let mut statement = w.conn().prepare_cached(sql)?;
    let bound: &[&str] = if statement.parameter_count() == 0 {
        &[]
    } else {
        &[parameter]
    };
    let names = statement.query_map(rusqlite::params_from_iter(bound), |row| {
        row.get::<_, String>(0)
    })?;
    for existing in names {
        let existing = existing?;
        if fold(&existing) == key {
            return Ok(Some(existing));
        }
    }
    Ok(None)
}

/// An existing document with the same code (or, without a code, the same title).
fn policy_duplicate(w: &Writer<'_>, draft: &PolicyDocumentDraft) -> Result<Option<String>> {
    let code = draft.code.trim();
    let mut statement = w
        .conn()
        .prepare_cached("SELECT title, code FROM policy_document")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let title = fold(draft.title.trim());
    for row in rows {
        let (existing_title, existing_code) = row?;
        let same_code = !code.is_empty() && header_key(&existing_code) == header_key(code);
        if same_code || (code.is_empty() && fold(&existing_title) == title) {
            return Ok(Some(existing_title));
        }
    }
    Ok(None)
}
