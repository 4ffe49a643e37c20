//! People and their (sensitive) travel details.

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::organizations::{TermView, check_links};
use super::row::{enum_at, enum_text, list_at, list_text, opt_date_at};
use super::{Store, Writable, bump_bookkeeping, stored};
use crate::error::{CoreError, FieldError, Result};
use crate::history::HistoryAction;
use crate::organization::Organization;
use crate::people::{
    Person, PersonDraft, PersonFields, PersonTravel, TravelDraft, TravelFields, name_key,
};

const PERSON: &str = "person";
const TRAVEL: &str = "travel details";

const COLUMNS: &str = "id, kind, full_name, honorifics, organization_id, title, email, phone,
    expertise, languages, home_time_zone, notes, created_at, updated_at, version, hub_login";

/// A person in a list: never their travel details.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonRow {
    pub person: Person,
    /// The organization's display name, or empty.
    pub organization: String,
}

/// A person's page: who they are, and their whole history of assignments and seats.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonPage {
    pub person: Person,
    pub organization: Option<Organization>,
    pub assignments: Vec<super::assignments::AssignmentView>,
    pub terms: Vec<TermView>,
    /// Whether travel details have been recorded (they are read separately, on request).
    pub has_travel: bool,
}

impl Store {
    /// Validates `draft` and stores a new person. A person with the same name (case, accents and
    /// spacing ignored) or the same email is a duplicate: refused on the `duplicate_of` field so
    /// the form can offer to open the existing one ([`Store::person_duplicates`]).
    pub fn create_person(&mut self, draft: &PersonDraft) -> Result<Person> {
        self.write(|w| create_person_in(w, draft))
    }

    pub fn person(&self, id: &str) -> Result<Person> {
        find(&self.conn, id)?.ok_or(CoreError::NotFound { entity: PERSON })
    }

    /// Everyone, by name, with their organization's name. No travel details.
    pub fn people(&self) -> Result<Vec<PersonRow>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {}, coalesce(o.name || CASE WHEN o.acronym <> '' THEN ' (' || o.acronym || ')' ELSE '' END, '')
             FROM person p LEFT JOIN organization o ON o.id = p.organization_id ORDER BY p.name_key",
            prefixed("p")
        ))?;
        let rows = statement.query_map([], |row| {
            Ok(PersonRow {
                person: from_row(row)?,
                organization: row.get(16)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// People who would duplicate `draft`: same name key or same email (ignoring `except`).
    pub fn person_duplicates(
        &self,
        draft: &PersonDraft,
        except: Option<&str>,
    ) -> Result<Vec<Person>> {
        duplicates(
            &self.conn,
            &name_key(&draft.full_name),
            draft.email.trim(),
            except,
        )
    }

    pub fn update_person(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &PersonDraft,
    ) -> Result<Person> {
        let fields = draft.validate();
        self.write(|w| {
            w.update(id, expected_version, |before: &Person| {
                let fields = fields?;
                if fields != before.fields {
                    check_links(w.conn(), fields.organization_id.as_deref(), None)?;
                    check_duplicates(w.conn(), &fields, Some(id))?;
                    check_hub_login_free(w.conn(), &fields, Some(id))?;
                }
                Ok(Person {
                    fields,
                    ..before.clone()
                })
            })
        })
    }

    /// Deletes a person who holds no assignment, term or note (their travel details go with them).
    pub fn delete_person(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| {
            let before = w.read_at::<Person>(id, expected_version)?;
            let me = w
                .conn()
                .query_row("SELECT value FROM setting WHERE key = 'me'", [], |r| {
                    r.get::<_, String>(0)
                })
                .optional()?;
            if me.as_deref() == Some(id) {
                return Err(CoreError::validation(
                    "person",
                    format!(
                        "{} is named as \"me\" in Settings. Choose someone else there first; nothing was deleted.",
                        before.fields.full_name
                    ),
                ));
            }
            w.delete::<Person>(id, expected_version).map(drop)
        })
    }

    /// A person's page.
    pub fn person_page(&self, id: &str) -> Result<PersonPage> {
        let person = self.person(id)?;
        let organization = match &person.fields.organization_id {
            Some(org) => Some(self.organization(org)?),
            None => None,
        };
        Ok(PersonPage {
            assignments: self.assignments_of(id)?,
            terms: self.terms_of(id)?,
            has_travel: self
                .conn
                .prepare_cached("SELECT 1 FROM person_travel WHERE person_id = ?1")?
                .exists([id])?,
            organization,
            person,
        })
    }

    /// The history of one person, oldest first.
    pub fn person_history(&self, id: &str) -> Result<Vec<crate::HistoryEntry>> {
        self.history(PERSON, id)
    }

    /// A person's travel details, read only when someone asks to see them.
    pub fn person_travel(&self, person_id: &str) -> Result<Option<PersonTravel>> {
        if !super::row::exists(&self.conn, "person", person_id)? {
            return Err(CoreError::NotFound { entity: PERSON });
        }
        find_travel(&self.conn, person_id)
    }

    /// Records a person's travel details. `expected_version` is the one read (`None` if there
    /// were none yet). History keeps only which fields were filled in, never their values.
    pub fn set_person_travel(
        &mut self,
        person_id: &str,
        expected_version: Option<u32>,
        draft: &TravelDraft,
    ) -> Result<PersonTravel> {
        let fields = draft.validate()?;
        self.write(|w| {
            if !super::row::exists(w.conn(), "person", person_id)? {
                return Err(CoreError::NotFound { entity: PERSON });
            }
            let before = find_travel(w.conn(), person_id)?;
            if before.as_ref().map(|t| t.version) != expected_version {
                return Err(CoreError::Conflict { entity: TRAVEL });
            }
            if let Some(before) = &before
                && before.fields == fields
            {
                return Ok(before.clone());
            }
            let after = PersonTravel {
                person_id: person_id.to_owned(),
                fields,
                created_at: before
                    .as_ref()
                    .map_or_else(|| w.at().to_owned(), |b| b.created_at.clone()),
                updated_at: w.at().to_owned(),
                version: before.as_ref().map_or(1, |b| b.version + 1),
            };
            write_travel(w, before.as_ref(), &after)?;
            Ok(after)
        })
    }
}

/// Writes `after` over `before` (none: new) with its history entry, which keeps only which
/// fields were filled in, never their values.
pub(super) fn write_travel(
    w: &super::write::Writer<'_>,
    before: Option<&PersonTravel>,
    after: &PersonTravel,
) -> Result<()> {
    let f: &TravelFields = &after.fields;
    w.conn().execute(
        "INSERT INTO person_travel (person_id, nationality, passport_number, passport_expiry, dietary_needs,
             access_needs, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (person_id) DO UPDATE SET nationality = excluded.nationality,
             passport_number = excluded.passport_number, passport_expiry = excluded.passport_expiry,
             dietary_needs = excluded.dietary_needs, access_needs = excluded.access_needs,
             updated_at = excluded.updated_at, version = excluded.version",
        params![after.person_id, f.nationality, f.passport_number, f.passport_expiry.map(|d| d.to_string()),
            f.dietary_needs, f.access_needs, after.created_at, after.updated_at, after.version],
    )?;
    let action = if before.is_some() {
        HistoryAction::Update
    } else {
        HistoryAction::Create
    };
    w.history(
        "person_travel",
        &after.person_id,
        action,
        before.map(PersonTravel::redacted).as_ref(),
        Some(&after.redacted()),
    )
}

/// Removes a person's travel details with a history entry (values hidden).
/// Validates `draft` and stores a new person within the write `w` (see [`Store::create_person`]).
pub(super) fn create_person_in(
    w: &super::write::Writer<'_>,
    draft: &PersonDraft,
) -> Result<Person> {
    let fields = draft.validate()?;
    check_links(w.conn(), fields.organization_id.as_deref(), None)?;
    check_duplicates(w.conn(), &fields, None)?;
    check_hub_login_free(w.conn(), &fields, None)?;
    let person = Person {
        id: uuid::Uuid::now_v7().to_string(),
        fields,
        created_at: w.at().to_owned(),
        updated_at: w.at().to_owned(),
        version: 1,
    };
    w.create(&person)?;
    Ok(person)
}

pub(super) fn remove_travel(w: &super::write::Writer<'_>, before: &PersonTravel) -> Result<()> {
    w.conn().execute(
        "DELETE FROM person_travel WHERE person_id = ?1",
        [&before.person_id],
    )?;
    w.history(
        "person_travel",
        &before.person_id,
        HistoryAction::Delete,
        Some(&before.redacted()),
        None,
    )
}

pub(super) fn find_travel(
    conn: &rusqlite::Connection,
    person_id: &str,
) -> Result<Option<PersonTravel>> {
    let mut statement = conn.prepare_cached(
        "SELECT person_id, nationality, passport_number, passport_expiry, dietary_needs, access_needs,
             created_at, updated_at, version FROM person_travel WHERE person_id = ?1",
    )?;
    Ok(statement
        .query_row([person_id], |row| {
            Ok(PersonTravel {
                person_id: row.get(0)?,
                fields: TravelFields {
                    nationality: row.get(1)?,
                    passport_number: row.get(2)?,
                    passport_expiry: opt_date_at(row, 3)?,
                    dietary_needs: row.get(4)?,
                    access_needs: row.get(5)?,
                },
                created_at: row.get(6)?,
                updated_at: row.get(7)?,
                version: row.get(8)?,
            })
        })
        .optional()?)
}

fn check_duplicates(
    conn: &rusqlite::Connection,
    fields: &PersonFields,
    except: Option<&str>,
) -> Result<()> {
    let found = duplicates(conn, &name_key(&fields.full_name), &fields.email, except)?;
    let Some(existing) = found.first() else {
        return Ok(());
    };
    let same_email =
        !fields.email.is_empty() && existing.fields.email.eq_ignore_ascii_case(&fields.email);
    let message = if same_email
        && name_key(&existing.fields.full_name) != name_key(&fields.full_name)
    {
        format!(
            "{} already has the email {}. Open the existing person instead of adding a new one.",
            existing.fields.full_name, existing.fields.email
        )
    } else {
        format!(
            "{} is already in Plenary. Open the existing person instead of adding a new one.",
            existing.fields.full_name
        )
    };
    Err(CoreError::Validation(vec![FieldError::new(
        "duplicate_of",
        message,
    )]))
}

/// A hub login belongs to one person: their travel details go to it.
fn check_hub_login_free(
    conn: &rusqlite::Connection,
    fields: &PersonFields,
    except: Option<&str>,
) -> Result<()> {
    if fields.hub_login.is_empty() {
        return Ok(());
    }
    let holder: Option<String> = conn
        .prepare_cached("SELECT full_name FROM person WHERE hub_login = ?1 AND id IS NOT ?2")?
        .query_row(params![fields.hub_login, except], |r| r.get(0))
        .optional()?;
    match holder {
        None => Ok(()),
        Some(name) => Err(CoreError::validation(
            "hub_login",
            format!(
                "{name} already has the hub login {}. Each person has their own login.",
                fields.hub_login
            ),
        )),
    }
}

pub(super) fn duplicates(
    conn: &rusqlite::Connection,
    key: &str,
    email: &str,
    except: Option<&str>,
) -> Result<Vec<Person>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM person WHERE (name_key = ?1 OR (?2 <> '' AND lower(email) = lower(?2)))
             AND id IS NOT ?3 ORDER BY name_key"
    ))?;
    let rows = statement.query_map(params![key, email, except], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn write(conn: &rusqlite::Connection, p: &Person, insert: bool) -> Result<()> {
    let f = &p.fields;
    let sql = if insert {
        "INSERT INTO person (id, kind, full_name, name_key, honorifics, organization_id, title, email, phone,
             expertise, languages, home_time_zone, notes, created_at, updated_at, version, hub_login)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
    } else {
        "UPDATE person SET kind = ?2, full_name = ?3, name_key = ?4, honorifics = ?5, organization_id = ?6,
             title = ?7, email = ?8, phone = ?9, expertise = ?10, languages = ?11, home_time_zone = ?12,
             notes = ?13, updated_at = ?15, version = ?16, hub_login = ?17 WHERE id = ?1 AND created_at = ?14"
    };
    conn.execute(
        sql,
        params![
            p.id,
            enum_text(&f.kind),
            f.full_name,
            name_key(&f.full_name),
            f.honorifics,
            f.organization_id,
            f.title,
            f.email,
            f.phone,
            list_text(&f.expertise),
            list_text(&f.languages),
            f.home_time_zone,
            f.notes,
            p.created_at,
            p.updated_at,
            p.version,
            Some(&f.hub_login).filter(|l| !l.is_empty())
        ],
    )?;
    Ok(())
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<Person>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM person WHERE id = ?1"))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

fn prefixed(table: &str) -> String {
    COLUMNS
        .split(',')
        .map(|c| format!("{table}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        fields: PersonFields {
            kind: enum_at(row, 1)?,
            full_name: row.get(2)?,
            honorifics: row.get(3)?,
            organization_id: row.get(4)?,
            title: row.get(5)?,
            email: row.get(6)?,
            phone: row.get(7)?,
            expertise: list_at(row, 8)?,
            languages: list_at(row, 9)?,
            home_time_zone: row.get(10)?,
            notes: row.get(11)?,
            hub_login: row.get::<_, Option<String>>(15)?.unwrap_or_default(),
        },
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
        version: row.get(14)?,
    })
}

impl Writable for Person {
    fn insert(&self, conn: &rusqlite::Connection) -> Result<()> {
        write(conn, self, true)
    }
    fn rewrite(&self, conn: &rusqlite::Connection) -> Result<()> {
        write(conn, self, false)
    }
    bump_bookkeeping!();
}

stored!(Person, PERSON, PERSON, find, |p| p.fields.full_name.clone());
