//! People: representatives, staff and counterpart contacts, and their sensitive travel details.
//! Pure, no IO.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};
use crate::form::{check_length, is_email, list, optional_date, text};
use crate::time_zone;

pub const MAX_NAME: usize = 200;
pub const MAX_NOTES: usize = 20_000;

labelled_enum!(
    /// Why the office knows a person.
    PersonKind {
        Representative => "Representative",
        Staff => "Staff",
        CounterpartContact => "Counterpart contact",
    }
);

/// A person as the form submits it. `expertise` and `languages` are typed as comma-separated
/// lists ("ethics, rural care").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonDraft {
    pub kind: Option<PersonKind>,
    pub full_name: String,
    /// Degrees and honorifics: "Dr", "MD, MPH".
    pub honorifics: String,
    pub organization_id: Option<String>,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub expertise: String,
    pub languages: String,
    pub home_time_zone: String,
    pub notes: String,
    /// The login this person uses on the office hub (empty when none): their own travel
    /// details reach that login's laptops.
    pub hub_login: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonFields {
    pub kind: PersonKind,
    pub full_name: String,
    pub honorifics: String,
    pub organization_id: Option<String>,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub expertise: Vec<String>,
    pub languages: Vec<String>,
    pub home_time_zone: String,
    pub notes: String,
    /// Empty when the person has no hub login.
    pub hub_login: String,
}

/// A stored person, without travel details (those are a [`PersonTravel`], read on request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: PersonFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

/// The key that finds duplicates: case, diacritics and spacing ignored ("Ngũgĩ  Amina" and
/// "ngugi amina" are the same name).
pub fn name_key(name: &str) -> String {
    crate::fold::fold(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl PersonDraft {
    pub fn validate(&self) -> Result<PersonFields, CoreError> {
        let mut errors = Vec::new();
        if self.kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "Choose whether this is a representative, staff or a counterpart contact.",
            ));
        }
        let full_name = text(
            &mut errors,
            "full_name",
            "The name",
            &self
                .full_name
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            MAX_NAME,
            Some("Enter the person's name, as they write it (any script)."),
        );
        let honorifics = text(
            &mut errors,
            "honorifics",
            "Degrees and honorifics",
            &self.honorifics,
            100,
            None,
        );
        let title = text(&mut errors, "title", "The title", &self.title, 200, None);
        let email = text(&mut errors, "email", "The email", &self.email, 254, None);
        if !email.is_empty() && !is_email(&email) {
            errors.push(FieldError::new(
                "email",
                "This is not an email address. Write it like name@example.org, or leave it empty.",
            ));
        }
        let phone = text(
            &mut errors,
            "phone",
            "The phone number",
            &self.phone,
            50,
            None,
        );
        if phone
            .chars()
            .any(|c| !(c.is_ascii_digit() || " +-().x/".contains(c)))
        {
            errors.push(FieldError::new(
                "phone",
                "A phone number may hold digits, spaces and + - ( ) only, such as +41 22 791 21 11.",
            ));
        }
        let expertise = list(
            &mut errors,
            "expertise",
            "An expertise topic",
            std::slice::from_ref(&self.expertise),
        );
        let languages = list(
            &mut errors,
            "languages",
            "A language",
            std::slice::from_ref(&self.languages),
        );
        let home_time_zone = self.home_time_zone.trim().to_owned();
        if !home_time_zone.is_empty() && !time_zone::is_known(&home_time_zone) {
            errors.push(FieldError::new(
                "home_time_zone",
                crate::time_zone::unknown_zone_message(&home_time_zone, "America/Chicago"),
            ));
        }
        check_length(&mut errors, "notes", "The notes", &self.notes, MAX_NOTES);
        let hub_login = self.hub_login.trim().to_owned();
        if let Err(message) = check_hub_login(&hub_login) {
            errors.push(FieldError::new("hub_login", message));
        }
        match (self.kind, errors.is_empty()) {
            (Some(kind), true) => Ok(PersonFields {
                kind,
                full_name,
                honorifics,
                organization_id: self
                    .organization_id
                    .as_deref()
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .map(str::to_owned),
                title,
                email,
                phone,
                expertise,
                languages,
                home_time_zone,
                notes: self.notes.trim_end().to_owned(),
                hub_login,
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

impl From<&PersonFields> for PersonDraft {
    fn from(f: &PersonFields) -> Self {
        PersonDraft {
            kind: Some(f.kind),
            full_name: f.full_name.clone(),
            honorifics: f.honorifics.clone(),
            organization_id: f.organization_id.clone(),
            title: f.title.clone(),
            email: f.email.clone(),
            phone: f.phone.clone(),
            expertise: f.expertise.join(", "),
            languages: f.languages.join(", "),
            home_time_zone: f.home_time_zone.clone(),
            notes: f.notes.clone(),
            hub_login: f.hub_login.clone(),
        }
    }
}

/// The longest hub login (PostgreSQL's limit on a role's name).
pub const MAX_HUB_LOGIN: usize = 63;

/// Whether `login` could be a login on the office hub: empty (none), or lower-case letters,
/// digits, dots, hyphens and underscores, starting with a letter, at most 63 characters, not
/// starting with `pg_` or `plenary_`. The same rule as the hub's own (`plenary_hub::
/// check_login_name`; the shell's tests hold the two together).
pub fn check_hub_login(login: &str) -> Result<(), String> {
    if login.is_empty() {
        return Ok(());
    }
    let mut chars = login.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !first_is_letter || !rest_ok || login.len() > MAX_HUB_LOGIN {
        let lower = login.to_lowercase();
        let hint = if lower != login && check_hub_login(&lower).is_ok() {
            format!(" Hub logins are lower-case: {lower}.")
        } else {
            String::new()
        };
        return Err(format!(
            "A hub login is lower-case letters, digits, dots, hyphens and underscores, starting \
             with a letter, at most {MAX_HUB_LOGIN} characters.{hint} Leave it empty when this \
             person has none."
        ));
    }
    if login.starts_with("pg_") || login.starts_with("plenary_") {
        return Err("Hub logins starting with pg_ or plenary_ are reserved.".to_owned());
    }
    Ok(())
}

/// Sensitive travel details as the form submits them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TravelDraft {
    pub nationality: String,
    pub passport_number: String,
    /// ISO `YYYY-MM-DD`, or empty.
    pub passport_expiry: String,
    pub dietary_needs: String,
    pub access_needs: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TravelFields {
    pub nationality: String,
    pub passport_number: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub passport_expiry: Option<Date>,
    pub dietary_needs: String,
    pub access_needs: String,
}

/// A person's sensitive travel details: shown only when asked for, never in lists, exported only
/// when the person exporting ticks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonTravel {
    pub person_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: TravelFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl PersonTravel {
    /// The same record with every filled-in value replaced by "(hidden)": what history keeps, so
    /// that the append-only log never holds a passport number.
    pub fn redacted(&self) -> PersonTravel {
        let hide = |value: &str| {
            if value.is_empty() {
                String::new()
            } else {
                "(hidden)".to_owned()
            }
        };
        let f = &self.fields;
        PersonTravel {
            fields: TravelFields {
                nationality: hide(&f.nationality),
                passport_number: hide(&f.passport_number),
                passport_expiry: None,
                dietary_needs: hide(&f.dietary_needs),
                access_needs: hide(&f.access_needs),
            },
            ..self.clone()
        }
    }
}

impl TravelDraft {
    pub fn validate(&self) -> Result<TravelFields, CoreError> {
        let mut errors = Vec::new();
        let nationality = text(
            &mut errors,
            "nationality",
            "The nationality",
            &self.nationality,
            100,
            None,
        );
        let passport_number = text(
            &mut errors,
            "passport_number",
            "The passport number",
            &self.passport_number,
            30,
            None,
        );
        if passport_number
            .chars()
            .any(|c| !(c.is_alphanumeric() || c == ' ' || c == '-'))
        {
            errors.push(FieldError::new(
                "passport_number",
                "A passport number holds letters and digits only.",
            ));
        }
        let passport_expiry = optional_date(
            &mut errors,
            "passport_expiry",
            "passport expiry date",
            &self.passport_expiry,
        );
        let dietary_needs = text(
            &mut errors,
            "dietary_needs",
            "Dietary needs",
            &self.dietary_needs,
            1_000,
            None,
        );
        let access_needs = text(
            &mut errors,
            "access_needs",
            "Access needs",
            &self.access_needs,
            1_000,
            None,
        );
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        Ok(TravelFields {
            nationality,
            passport_number,
            passport_expiry,
            dietary_needs,
            access_needs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn amina() -> PersonDraft {
        PersonDraft {
            kind: Some(PersonKind::Representative),
            full_name: "Amina Ngũgĩ".into(),
            honorifics: "Dr, MD".into(),
            email: "amina@example.org".into(),
            expertise: "ethics, rural care, Ethics".into(),
            languages: "English; Kiswahili".into(),
            home_time_zone: "America/Chicago".into(),
            ..PersonDraft::default()
        }
    }

    fn fields_in_error(draft: &PersonDraft) -> Vec<String> {
        match draft.validate() {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn accepts_names_in_any_script_and_splits_lists() {
        let fields = amina().validate().unwrap();
        assert_eq!(fields.expertise, ["ethics", "rural care"]);
        assert_eq!(fields.languages, ["English", "Kiswahili"]);
        for name in ["김민준", "محمد الأحمد", "Søren Ø. Ågård", "<b>Bold</b>"] {
            let mut draft = amina();
            draft.full_name = name.into();
            assert_eq!(draft.validate().unwrap().full_name, name);
        }
    }

    #[test]
    fn bad_input_is_reported_field_by_field() {
        let mut draft = amina();
        draft.full_name = "   ".into();
        draft.email = "amina at example".into();
        draft.home_time_zone = "Chicago".into();
        draft.phone = "call me".into();
        draft.kind = None;
        assert_eq!(
            fields_in_error(&draft),
            ["kind", "full_name", "email", "phone", "home_time_zone"]
        );
        let mut draft = amina();
        draft.full_name = "x".repeat(MAX_NAME + 1);
        assert_eq!(fields_in_error(&draft), ["full_name"]);
    }

    #[test]
    fn hub_logins_are_checked_like_the_hubs_own() {
        for good in ["", "amina", "m.rossi-2_x", &"a".repeat(MAX_HUB_LOGIN)] {
            assert_eq!(check_hub_login(good), Ok(()), "{good}");
        }
        for bad in [
            "Amina",
            "2amina",
            "amina ngugi",
            "ami\"na",
            "pg_x",
            "plenary_member",
            "amína",
            &"a".repeat(MAX_HUB_LOGIN + 1),
        ] {
            assert!(check_hub_login(bad).is_err(), "{bad}");
        }
        assert!(
            check_hub_login("Amina")
                .unwrap_err()
                .contains("lower-case: amina")
        );
        let mut draft = amina();
        draft.hub_login = " amina ".into();
        assert_eq!(draft.validate().unwrap().hub_login, "amina");
        draft.hub_login = "amina ngugi".into();
        assert_eq!(fields_in_error(&draft), ["hub_login"]);
    }

    #[test]
    fn name_keys_ignore_case_diacritics_and_spacing() {
        assert_eq!(name_key(" Amina   NGŨGĨ "), "amina ngugi");
        assert_eq!(name_key("김민준"), "김민준");
    }

    #[test]
    fn travel_details_are_checked_and_redacted_for_history() {
        let draft = TravelDraft {
            nationality: "Kenyan".into(),
            passport_number: "AK1234567".into(),
            passport_expiry: "2031-02-30".into(),
            ..TravelDraft::default()
        };
        assert!(
            matches!(draft.validate(), Err(CoreError::Validation(e)) if e[0].field == "passport_expiry")
        );
        let travel = PersonTravel {
            person_id: "p".into(),
            fields: TravelFields {
                passport_number: "AK1234567".into(),
                ..TravelFields::default()
            },
            created_at: String::new(),
            updated_at: String::new(),
            version: 1,
        };
        let json = serde_json::to_string(&travel.redacted()).unwrap();
        assert!(!json.contains("AK1234567"), "{json}");
    }
}
