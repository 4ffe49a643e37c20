//! Organizations, their relationship log, country notes, seats and terms.

use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::row::{date_at, enum_at, enum_text, exists, opt_date_at};
use super::{Store, Writable, bump_bookkeeping, stored, writable_by};
use crate::error::{CoreError, FieldError, Result};
use crate::meeting::Meeting;
use crate::organization::{
    CountryNote, CountryNoteDraft, CountryNoteFields, Interaction, InteractionDraft,
    InteractionFields, Organization, OrganizationDraft, OrganizationFields, Seat, SeatDraft,
    SeatFields, SeatWarning, Term, TermDraft, TermFields, TermState, overlapping_holders,
};

const ORGANIZATION: &str = "organization";
const INTERACTION: &str = "interaction";
const COUNTRY_NOTE: &str = "country note";
const NOTE_TABLE: &str = "country_note";
const SEAT: &str = "seat";
const TERM: &str = "term";

const ORGANIZATION_COLUMNS: &str = "id, kind, name, acronym, country, wma_membership, who_relation,
    website, notes, created_at, updated_at, version, local_name";

/// What a country page gathers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountryPage {
    pub country: String,
    pub notes: Vec<CountryNote>,
    pub organizations: Vec<Organization>,
    pub meetings: Vec<Meeting>,
}

/// A seat with its terms, newest first, each marked current, ended or upcoming, and warnings
/// (two holders at the same time).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatWithTerms {
    pub seat: Seat,
    pub terms: Vec<SeatTerm>,
    pub warnings: Vec<SeatWarning>,
}

/// A term on the seats page: where it stands on the day asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatTerm {
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub view: TermView,
    pub state: TermState,
}

/// A saved term and what the office should know about it (never blocking).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TermSaved {
    pub term: Term,
    pub warnings: Vec<SeatWarning>,
}

/// A term with the names a person reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TermView {
    pub term: Term,
    pub seat_name: String,
    pub person_name: String,
}

/// Validates `draft` and stores a new organization within the write `w`.
pub(super) fn create_organization_in(
    w: &super::Writer<'_>,
    draft: &OrganizationDraft,
) -> Result<Organization> {
    let fields = draft.validate()?;
    let organization = Organization {
        id: uuid::Uuid::now_v7().to_string(),
        fields: settle_organization(w.conn(), None, fields)?,
        created_at: w.at().to_owned(),
        updated_at: w.at().to_owned(),
        version: 1,
    };
    w.create(&organization)?;
    Ok(organization)
}

impl Store {
    // ---- Organizations ----

    pub fn create_organization(&mut self, draft: &OrganizationDraft) -> Result<Organization> {
        self.write(|w| create_organization_in(w, draft))
    }

    pub fn organization(&self, id: &str) -> Result<Organization> {
        find_organization(&self.conn, id)?.ok_or(CoreError::NotFound {
            entity: ORGANIZATION,
        })
    }

    /// Every organization, by name.
    pub fn organizations(&self) -> Result<Vec<Organization>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {ORGANIZATION_COLUMNS} FROM organization ORDER BY name COLLATE NOCASE"
        ))?;
        let rows = statement.query_map([], organization_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn update_organization(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &OrganizationDraft,
    ) -> Result<Organization> {
        let fields = draft.validate();
        self.write(|w| {
            w.update(id, expected_version, |before: &Organization| {
                Ok(Organization {
                    fields: settle_organization(w.conn(), Some(id), fields?)?,
                    ..before.clone()
                })
            })
        })
    }

    /// Deletes an organization nobody and nothing refers to.
    pub fn delete_organization(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<Organization>(id, expected_version).map(drop))
    }

    // ---- Relationship log ----

    pub fn add_interaction(
        &mut self,
        organization_id: &str,
        draft: &InteractionDraft,
    ) -> Result<Interaction> {
        let fields = draft.validate()?;
        self.write(|w| {
            if !exists(w.conn(), "organization", organization_id)? {
                return Err(CoreError::NotFound {
                    entity: ORGANIZATION,
                });
            }
            let interaction = Interaction {
                id: uuid::Uuid::now_v7().to_string(),
                organization_id: organization_id.to_owned(),
                fields,
                created_at: w.at().to_owned(),
                updated_at: w.at().to_owned(),
                version: 1,
            };
            w.create(&interaction)?;
            Ok(interaction)
        })
    }

    /// An organization's relationship log, newest first.
    pub fn interactions(&self, organization_id: &str) -> Result<Vec<Interaction>> {
        let mut statement = self.conn.prepare_cached(
            &format!("SELECT {INTERACTION_COLUMNS} FROM interaction WHERE organization_id = ?1 ORDER BY date DESC, created_at DESC"),
        )?;
        let rows = statement.query_map([organization_id], interaction_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete_interaction(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<Interaction>(id, expected_version).map(drop))
    }

    // ---- Country notes ----

    pub fn create_country_note(&mut self, draft: &CountryNoteDraft) -> Result<CountryNote> {
        let mut fields = draft.validate()?;
        self.write(|w| {
            check_links(
                w.conn(),
                fields.organization_id.as_deref(),
                fields.person_id.as_deref(),
            )?;
            fields.country = country_spelling(w.conn(), &fields.country)?;
            let note = CountryNote {
                id: uuid::Uuid::now_v7().to_string(),
                fields,
                created_at: w.at().to_owned(),
                updated_at: w.at().to_owned(),
                version: 1,
            };
            w.create(&note)?;
            Ok(note)
        })
    }

    pub fn country_note(&self, id: &str) -> Result<CountryNote> {
        let mut statement = self
            .conn
            .prepare_cached(&format!("{NOTE_SELECT} WHERE id = ?1"))?;
        statement
            .query_row([id], note_from_row)
            .optional()?
            .ok_or(CoreError::NotFound {
                entity: COUNTRY_NOTE,
            })
    }

    pub fn delete_country_note(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<CountryNote>(id, expected_version).map(drop))
    }

    /// The one stored spelling of a country, whatever the case typed (see [`country_spelling`]).
    pub fn country_spelling(&self, typed: &str) -> Result<String> {
        country_spelling(&self.conn, typed)
    }

    /// Countries the office has notes, organizations or meetings for, by name.
    pub fn countries(&self) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT country FROM country_note UNION SELECT country FROM organization WHERE country <> ''
             UNION SELECT country FROM meeting WHERE country <> '' ORDER BY 1 COLLATE NOCASE",
        )?;
        let rows = statement.query_map([], |row| row.get(0))?;
        let mut countries: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
        countries.dedup_by(|a, b| crate::fold::fold(a) == crate::fold::fold(b));
        Ok(countries)
    }

    /// A country's notes (newest first), its organizations and the meetings held there. Country
    /// names match ignoring case and diacritics.
    pub fn country_page(&self, country: &str) -> Result<CountryPage> {
        let key = crate::fold::fold(country.trim());
        let same = |text: &str| crate::fold::fold(text) == key;
        let mut statement = self
            .conn
            .prepare_cached(&format!("{NOTE_SELECT} ORDER BY date DESC"))?;
        let notes = statement
            .query_map([], note_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|n| same(&n.fields.country))
            .collect();
        let organizations = self
            .organizations()?
            .into_iter()
            .filter(|o| same(&o.fields.country))
            .collect();
        let meetings = self
            .meetings()?
            .into_iter()
            .filter(|m| same(&m.fields.country))
            .collect();
        Ok(CountryPage {
            country: country_spelling(&self.conn, country)?,
            notes,
            organizations,
            meetings,
        })
    }

    // ---- Seats and terms ----

    pub fn create_seat(&mut self, draft: &SeatDraft) -> Result<Seat> {
        let fields = draft.validate()?;
        self.write(|w| {
            check_links(w.conn(), fields.organization_id.as_deref(), None)?;
            let seat = Seat {
                id: uuid::Uuid::now_v7().to_string(),
                fields,
                created_at: w.at().to_owned(),
                updated_at: w.at().to_owned(),
                version: 1,
            };
            w.create(&seat)?;
            Ok(seat)
        })
    }

    /// Every seat with its terms, each current, ended or upcoming on `today`.
    pub fn seats(&self, today: Date) -> Result<Vec<SeatWithTerms>> {
        let mut statement = self
            .conn
            .prepare_cached(&format!("{SEAT_SELECT} ORDER BY name COLLATE NOCASE"))?;
        let seats = statement
            .query_map([], seat_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let terms = self.terms_where("1 = 1", params![])?;
        Ok(seats
            .into_iter()
            .map(|seat| {
                let of_seat: Vec<&TermView> =
                    terms.iter().filter(|t| t.term.seat_id == seat.id).collect();
                SeatWithTerms {
                    warnings: seat_warnings(&of_seat),
                    terms: of_seat
                        .into_iter()
                        .map(|view| SeatTerm {
                            state: view.term.fields.state_on(today),
                            view: view.clone(),
                        })
                        .collect(),
                    seat,
                }
            })
            .collect())
    }

    /// Adds a term (a holder or a substitute) to a seat. Another holder at the same time comes
    /// back as a warning; it does not block.
    pub fn add_term(&mut self, seat_id: &str, draft: &TermDraft) -> Result<TermSaved> {
        let fields = draft.validate()?;
        let term = self.write(|w| {
            if !exists(w.conn(), "seat", seat_id)? {
                return Err(CoreError::NotFound { entity: SEAT });
            }
            require_person(w.conn(), &fields.person_id)?;
            let term = Term {
                id: uuid::Uuid::now_v7().to_string(),
                seat_id: seat_id.to_owned(),
                fields,
                created_at: w.at().to_owned(),
                updated_at: w.at().to_owned(),
                version: 1,
            };
            w.create(&term)?;
            Ok(term)
        })?;
        self.term_saved(term)
    }

    /// The saved term with the warnings about it.
    fn term_saved(&self, term: Term) -> Result<TermSaved> {
        let terms = self.terms_where("t.seat_id = ?1", params![term.seat_id])?;
        let warnings = seat_warnings(&terms.iter().collect::<Vec<_>>())
            .into_iter()
            .filter(|w| w.term_ids.contains(&term.id))
            .collect();
        Ok(TermSaved { term, warnings })
    }

    /// Changes a term (typically to end it); the seat stays the same. Warnings as for
    /// [`Store::add_term`].
    pub fn update_term(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &TermDraft,
    ) -> Result<TermSaved> {
        let term = self.write(|w| {
            w.update(id, expected_version, |before: &Term| {
                let fields = draft.validate()?;
                if fields != before.fields {
                    require_person(w.conn(), &fields.person_id)?;
                }
                Ok(Term {
                    fields,
                    ..before.clone()
                })
            })
        })?;
        self.term_saved(term)
    }

    pub fn delete_term(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<Term>(id, expected_version).map(drop))
    }

    /// Terms ending from `today` to `today + days`, soonest first (for the dashboard).
    pub fn terms_ending_within(&self, today: Date, days: u32) -> Result<Vec<TermView>> {
        let until = today
            .checked_add(jiff::Span::new().days(i64::from(days)))
            .unwrap_or(today);
        let mut terms = self.terms_where(
            "t.end_date IS NOT NULL AND t.end_date >= ?1 AND t.end_date <= ?2",
            params![today.to_string(), until.to_string()],
        )?;
        terms.sort_by_key(|t| t.term.fields.end_date);
        Ok(terms)
    }

    /// A person's terms, newest first.
    pub fn terms_of(&self, person_id: &str) -> Result<Vec<TermView>> {
        self.terms_where("t.person_id = ?1", params![person_id])
    }

    fn terms_where(
        &self,
        condition: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<TermView>> {
        // `condition` is always a constant from this file.
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT t.id, t.seat_id, t.person_id, t.capacity, t.start_date, t.end_date, t.notes,
                    t.created_at, t.updated_at, t.version, s.name, p.full_name
             FROM term t JOIN seat s ON s.id = t.seat_id JOIN person p ON p.id = t.person_id
             WHERE {condition} ORDER BY t.start_date DESC"
        ))?;
        let rows = statement.query_map(values, |row| {
            Ok(TermView {
                term: term_from_row(row)?,
                seat_name: row.get(10)?,
                person_name: row.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Warnings about one seat's terms.
fn seat_warnings(terms: &[&TermView]) -> Vec<SeatWarning> {
    let named: Vec<(&str, &str, &TermFields)> = terms
        .iter()
        .map(|t| (t.term.id.as_str(), t.person_name.as_str(), &t.term.fields))
        .collect();
    overlapping_holders(&named)
}

const NOTE_SELECT: &str =
    "SELECT id, country, topic, date, text, source, organization_id, person_id,
    created_at, updated_at, version FROM country_note";

fn note_from_row(row: &Row<'_>) -> rusqlite::Result<CountryNote> {
    Ok(CountryNote {
        id: row.get(0)?,
        fields: CountryNoteFields {
            country: row.get(1)?,
            topic: row.get(2)?,
            date: date_at(row, 3)?,
            text: row.get(4)?,
            source: row.get(5)?,
            organization_id: row.get(6)?,
            person_id: row.get(7)?,
        },
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
        version: row.get(10)?,
    })
}

/// The person a term names must exist.
fn require_person(conn: &Connection, person_id: &str) -> Result<()> {
    if exists(conn, "person", person_id)? {
        Ok(())
    } else {
        Err(CoreError::validation(
            "person_id",
            "This person no longer exists. Choose someone from the list.",
        ))
    }
}

/// Linked organization and person must exist.
pub(super) fn check_links(
    conn: &rusqlite::Connection,
    organization_id: Option<&str>,
    person_id: Option<&str>,
) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(id) = organization_id
        && !exists(conn, "organization", id)?
    {
        errors.push(FieldError::new(
            "organization_id",
            "This organization no longer exists. Choose one from the list.",
        ));
    }
    if let Some(id) = person_id
        && !exists(conn, "person", id)?
    {
        errors.push(FieldError::new(
            "person_id",
            "This person no longer exists. Choose someone from the list.",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Validation(errors))
    }
}

/// Two organizations may not share a name (case and diacritics ignored).
fn check_organization_name(
    conn: &rusqlite::Connection,
    name: &str,
    except: Option<&str>,
) -> Result<()> {
    let key = crate::fold::fold(name);
    let mut statement = conn.prepare_cached("SELECT id, name FROM organization")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (id, other) = row?;
        if Some(id.as_str()) != except && crate::fold::fold(&other) == key {
            return Err(CoreError::validation(
                "name",
                format!(
                    "An organization named \"{other}\" already exists. Open it from the list instead."
                ),
            ));
        }
    }
    Ok(())
}

fn write_organization(conn: &rusqlite::Connection, o: &Organization, insert: bool) -> Result<()> {
    let f: &OrganizationFields = &o.fields;
    let sql = if insert {
        "INSERT INTO organization (id, kind, name, acronym, country, wma_membership, who_relation, website,
             notes, created_at, updated_at, version, local_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    } else {
        "UPDATE organization SET kind = ?2, name = ?3, acronym = ?4, country = ?5, wma_membership = ?6,
             who_relation = ?7, website = ?8, notes = ?9, updated_at = ?11, version = ?12, local_name = ?13
         WHERE id = ?1 AND created_at = ?10"
    };
    conn.execute(
        sql,
        params![
            o.id,
            enum_text(&f.kind),
            f.name,
            f.acronym,
            f.country,
            enum_text(&f.wma_membership),
            enum_text(&f.who_relation),
            f.website,
            f.notes,
            o.created_at,
            o.updated_at,
            o.version,
            f.local_name
        ],
    )?;
    Ok(())
}

fn find_organization(conn: &rusqlite::Connection, id: &str) -> Result<Option<Organization>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {ORGANIZATION_COLUMNS} FROM organization WHERE id = ?1"
    ))?;
    Ok(statement
        .query_row([id], organization_from_row)
        .optional()?)
}

const INTERACTION_COLUMNS: &str = "id, organization_id, date, kind, participants, summary, follow_up, created_at, updated_at, version";

fn interaction_from_row(row: &Row<'_>) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
        id: row.get(0)?,
        organization_id: row.get(1)?,
        fields: InteractionFields {
            date: date_at(row, 2)?,
            kind: enum_at(row, 3)?,
            participants: row.get(4)?,
            summary: row.get(5)?,
            follow_up: row.get(6)?,
        },
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
        version: row.get(9)?,
    })
}

fn organization_from_row(row: &Row<'_>) -> rusqlite::Result<Organization> {
    Ok(Organization {
        id: row.get(0)?,
        fields: OrganizationFields {
            kind: enum_at(row, 1)?,
            name: row.get(2)?,
            local_name: row.get(12)?,
            acronym: row.get(3)?,
            country: row.get(4)?,
            wma_membership: enum_at(row, 5)?,
            who_relation: enum_at(row, 6)?,
            website: row.get(7)?,
            notes: row.get(8)?,
        },
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        version: row.get(11)?,
    })
}

/// Checked organization fields made ready to store: a unique name, the country's one spelling.
fn settle_organization(
    conn: &Connection,
    id: Option<&str>,
    mut fields: OrganizationFields,
) -> Result<OrganizationFields> {
    check_organization_name(conn, &fields.name, id)?;
    fields.country = country_spelling(conn, &fields.country)?;
    Ok(fields)
}

stored!(
    Organization,
    "organization",
    ORGANIZATION,
    find_organization,
    |o| o.fields.name.clone()
);

writable_by!(Organization, write_organization);

stored!(
    Interaction,
    INTERACTION,
    "log entry",
    find_interaction,
    |i| format!("The log entry of {}", i.fields.date)
);

fn find_interaction(conn: &Connection, id: &str) -> Result<Option<Interaction>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {INTERACTION_COLUMNS} FROM interaction WHERE id = ?1"
    ))?;
    Ok(statement.query_row([id], interaction_from_row).optional()?)
}

impl Writable for Interaction {
    fn insert(&self, conn: &Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "INSERT INTO interaction (id, organization_id, date, kind, participants, summary, follow_up,
                 created_at, updated_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![self.id, self.organization_id, f.date.to_string(), enum_text(&f.kind), f.participants,
                f.summary, f.follow_up, self.created_at, self.updated_at, self.version],
        )?;
        Ok(())
    }
    fn rewrite(&self, conn: &Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "UPDATE interaction SET date = ?2, kind = ?3, participants = ?4, summary = ?5, follow_up = ?6,
                 updated_at = ?7, version = ?8 WHERE id = ?1",
            params![self.id, f.date.to_string(), enum_text(&f.kind), f.participants, f.summary,
                f.follow_up, self.updated_at, self.version],
        )?;
        Ok(())
    }
    bump_bookkeeping!();
}

const SEAT_SELECT: &str =
    "SELECT id, kind, name, organization_id, appointed_by, notes, created_at, updated_at, version
    FROM seat";

fn seat_from_row(row: &Row<'_>) -> rusqlite::Result<Seat> {
    Ok(Seat {
        id: row.get(0)?,
        fields: SeatFields {
            kind: enum_at(row, 1)?,
            name: row.get(2)?,
            organization_id: row.get(3)?,
            appointed_by: row.get(4)?,
            notes: row.get(5)?,
        },
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
        version: row.get(8)?,
    })
}

fn find_seat(conn: &Connection, id: &str) -> Result<Option<Seat>> {
    let mut statement = conn.prepare_cached(&format!("{SEAT_SELECT} WHERE id = ?1"))?;
    Ok(statement.query_row([id], seat_from_row).optional()?)
}

stored!(Seat, SEAT, SEAT, find_seat, |s| s.fields.name.clone());

impl Writable for Seat {
    fn insert(&self, conn: &Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "INSERT INTO seat (id, kind, name, organization_id, appointed_by, notes, created_at, updated_at, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![self.id, enum_text(&f.kind), f.name, f.organization_id, f.appointed_by, f.notes,
                self.created_at, self.updated_at, self.version],
        )?;
        Ok(())
    }
    fn rewrite(&self, conn: &Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "UPDATE seat SET kind = ?2, name = ?3, organization_id = ?4, appointed_by = ?5, notes = ?6,
                 updated_at = ?7, version = ?8 WHERE id = ?1",
            params![self.id, enum_text(&f.kind), f.name, f.organization_id, f.appointed_by, f.notes,
                self.updated_at, self.version],
        )?;
        Ok(())
    }
    bump_bookkeeping!();
}

stored!(
    CountryNote,
    NOTE_TABLE,
    COUNTRY_NOTE,
    find_note,
    |n| format!("The note on {}", n.fields.country)
);

fn find_note(conn: &Connection, id: &str) -> Result<Option<CountryNote>> {
    let mut statement = conn.prepare_cached(&format!("{NOTE_SELECT} WHERE id = ?1"))?;
    Ok(statement.query_row([id], note_from_row).optional()?)
}

impl Writable for CountryNote {
    fn insert(&self, conn: &Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "INSERT INTO country_note (id, country, topic, date, text, source, organization_id, person_id,
                 created_at, updated_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![self.id, f.country, f.topic, f.date.to_string(), f.text, f.source, f.organization_id,
                f.person_id, self.created_at, self.updated_at, self.version],
        )?;
        Ok(())
    }
    fn rewrite(&self, conn: &Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "UPDATE country_note SET country = ?2, topic = ?3, date = ?4, text = ?5, source = ?6,
                 organization_id = ?7, person_id = ?8, updated_at = ?9, version = ?10 WHERE id = ?1",
            params![self.id, f.country, f.topic, f.date.to_string(), f.text, f.source, f.organization_id,
                f.person_id, self.updated_at, self.version],
        )?;
        Ok(())
    }
    bump_bookkeeping!();
}

stored!(Term, TERM, TERM, find_term, |t| format!(
    "The term from {}",
    t.fields.start_date
));

fn find_term(conn: &Connection, id: &str) -> Result<Option<Term>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, seat_id, person_id, capacity, start_date, end_date, notes, created_at,
                updated_at, version FROM term WHERE id = ?1",
    )?;
    Ok(statement.query_row([id], term_from_row).optional()?)
}

impl Writable for Term {
    fn insert(&self, conn: &Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "INSERT INTO term (id, seat_id, person_id, capacity, start_date, end_date, notes, created_at, updated_at, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![self.id, self.seat_id, f.person_id, enum_text(&f.capacity), f.start_date.to_string(),
                f.end_date.map(|d| d.to_string()), f.notes, self.created_at, self.updated_at, self.version],
        )?;
        Ok(())
    }
    fn rewrite(&self, conn: &Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "UPDATE term SET person_id = ?2, capacity = ?3, start_date = ?4, end_date = ?5, notes = ?6,
                 updated_at = ?7, version = ?8 WHERE id = ?1",
            params![self.id, f.person_id, enum_text(&f.capacity), f.start_date.to_string(),
                f.end_date.map(|d| d.to_string()), f.notes, self.updated_at, self.version],
        )?;
        Ok(())
    }
    bump_bookkeeping!();
}

/// A term from its ten columns, in the order of `find_term`'s query.
fn term_from_row(row: &Row<'_>) -> rusqlite::Result<Term> {
    Ok(Term {
        id: row.get(0)?,
        seat_id: row.get(1)?,
        fields: TermFields {
            person_id: row.get(2)?,
            capacity: enum_at(row, 3)?,
            start_date: date_at(row, 4)?,
            end_date: opt_date_at(row, 5)?,
            notes: row.get(6)?,
        },
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
        version: row.get(9)?,
    })
}

/// A country has one stored spelling: what was typed ("finland ") becomes the spelling already
/// used for that country in notes, organizations or meetings ("Finland"), matched with the same
/// folding as search; a country not seen before keeps what was typed, with capitals where a
/// name typed all in lower case needs them ("bosnia and herzegovina" → "Bosnia and Herzegovina").
pub(super) fn country_spelling(conn: &rusqlite::Connection, typed: &str) -> Result<String> {
    let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if typed.is_empty() {
        return Ok(typed);
    }
    let key = crate::fold::fold(&typed);
    let mut statement = conn.prepare_cached(
        "SELECT country, count(*) AS uses FROM (
             SELECT country FROM country_note UNION ALL SELECT country FROM organization
             UNION ALL SELECT country FROM meeting)
         WHERE country <> '' GROUP BY country ORDER BY uses DESC, country",
    )?;
    let known: Vec<String> = statement
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(spelling) = known.into_iter().find(|c| crate::fold::fold(c) == key) {
        return Ok(spelling);
    }
    if typed.chars().any(char::is_uppercase) {
        return Ok(typed);
    }
    const SMALL_WORDS: &[&str] = &[
        "and", "of", "the", "de", "da", "del", "des", "du", "la", "le",
    ];
    Ok(typed
        .split(' ')
        .enumerate()
        .map(|(index, word)| {
            if index > 0 && SMALL_WORDS.contains(&word) {
                word.to_owned()
            } else {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" "))
}
