//! Plenary's example office: a fictional national medical association's international office at
//! real meetings of the WMA and the WHO, for a person to explore before entering their own
//! records. The data is `example/office.json` (public facts with their sources, fictional people
//! and organization named "Example …"); `store/example.rs` loads it through the write path and
//! removes it again.
//!
//! In the file, `{@key}` stands for the id of the record loaded under that key, and `{today+N}` /
//! `{today-N}` for the date N days from the day of loading (only the one invented meeting and
//! the tasks around it move with today; every real meeting keeps its real dates).

use std::collections::HashMap;

use jiff::civil::Date;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

/// The example office as committed.
pub(crate) const OFFICE: &str = include_str!("example/office.json");

/// Where the example data stands on this laptop: what the first screen and the banner show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExampleStatus {
    /// Example records are loaded here.
    pub loaded: bool,
    /// No meetings, people or policy documents of the office's own (example ones aside).
    pub office_empty: bool,
    /// This laptop exchanges with an office hub (example data is not offered then).
    pub joined: bool,
}

/// What "Remove example data" did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExampleRemoval {
    /// Example records removed.
    pub removed: u32,
    /// Example records kept because the person changed them or added their own records to
    /// them, each named with the reason ("Meeting “WHA78”: you added to it"). They are the
    /// person's from now on.
    pub kept: Vec<String>,
}

/// One record of the file: its key (for `{@key}`), what it belongs to, and the draft a form
/// would send.
#[derive(Debug, Deserialize)]
pub(crate) struct Entry {
    #[serde(default)]
    pub key: String,
    /// The meeting (agenda items, action items) or policy document (votes, positions) it
    /// belongs to, as `{@key}`.
    #[serde(default)]
    pub meeting: String,
    #[serde(default)]
    pub policy: String,
    /// An assignment's starting status.
    #[serde(default)]
    pub status: String,
    pub draft: serde_json::Value,
    #[serde(default)]
    pub actions: Vec<serde_json::Value>,
}

/// The file's sections, in the order they are loaded.
#[derive(Debug, Deserialize)]
pub(crate) struct Office {
    pub organizations: Vec<Entry>,
    pub people: Vec<Entry>,
    pub meetings: Vec<Entry>,
    pub agenda_items: Vec<Entry>,
    pub policies: Vec<Entry>,
    pub votes: Vec<Entry>,
    pub positions: Vec<Entry>,
    pub assignments: Vec<Entry>,
    pub action_items: Vec<Entry>,
}

pub(crate) fn office() -> Office {
    serde_json::from_str(OFFICE).expect("example/office.json is valid (a test loads it)")
}

/// Ids of the records loaded so far by key, and the day of loading.
pub(crate) struct Resolver {
    pub today: Date,
    pub ids: HashMap<String, String>,
}

impl Resolver {
    /// `text` with its `{@key}` and `{today±N}` replaced.
    pub fn text(&self, text: &str) -> Result<String> {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let Some(end) = rest[start..].find('}') else {
                break;
            };
            out.push_str(&rest[..start]);
            let token = &rest[start + 1..start + end];
            out.push_str(&self.token(token)?);
            rest = &rest[start + end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn token(&self, token: &str) -> Result<String> {
        if let Some(key) = token.strip_prefix('@') {
            return self.ids.get(key).cloned().ok_or_else(|| {
                CoreError::Storage(format!("the example data names {key} before loading it"))
            });
        }
        if let Some(days) = token.strip_prefix("today") {
            let days: i64 = days
                .strip_prefix('+')
                .unwrap_or(days)
                .parse()
                .map_err(|_| CoreError::Storage(format!("the example data has {{{token}}}")))?;
            let date = self
                .today
                .checked_add(jiff::Span::new().days(days))
                .map_err(|_| CoreError::Storage("an example date is out of range".into()))?;
            return Ok(date.to_string());
        }
        Ok(format!("{{{token}}}"))
    }

    /// A draft from the file: its strings resolved, over the draft type's defaults.
    pub fn draft<T: Default + Serialize + DeserializeOwned>(
        &self,
        value: &serde_json::Value,
    ) -> Result<T> {
        let mut merged = serde_json::to_value(T::default())
            .map_err(|e| CoreError::Storage(format!("example draft: {e}")))?;
        if let (Some(target), Some(given)) = (merged.as_object_mut(), value.as_object()) {
            for (name, value) in given {
                target.insert(name.clone(), self.value(value)?);
            }
        }
        serde_json::from_value(merged)
            .map_err(|e| CoreError::Storage(format!("example draft: {e}")))
    }

    fn value(&self, value: &serde_json::Value) -> Result<serde_json::Value> {
        Ok(match value {
            serde_json::Value::String(text) => serde_json::Value::String(self.text(text)?),
            serde_json::Value::Array(items) => serde_json::Value::Array(
                items.iter().map(|v| self.value(v)).collect::<Result<_>>()?,
            ),
            serde_json::Value::Object(map) => {
                let mut out = serde_json::Map::new();
                for (name, v) in map {
                    out.insert(name.clone(), self.value(v)?);
                }
                serde_json::Value::Object(out)
            }
            other => other.clone(),
        })
    }

    /// The id of `{@key}`.
    pub fn id(&self, reference: &str) -> Result<String> {
        self.text(reference)
    }

    pub fn remember(&mut self, key: &str, id: &str) {
        if !key.is_empty() {
            self.ids.insert(key.to_owned(), id.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver() -> Resolver {
        Resolver {
            today: jiff::civil::date(2026, 11, 30),
            ids: HashMap::from([("ga".to_owned(), "id-1".to_owned())]),
        }
    }

    #[test]
    fn dates_and_keys_are_resolved() {
        let r = resolver();
        assert_eq!(r.text("{today+5}").unwrap(), "2026-12-05");
        assert_eq!(r.text("{today-2}").unwrap(), "2026-11-28");
        assert_eq!(r.text("in {@ga}!").unwrap(), "in id-1!");
        assert!(r.text("{@nothing}").is_err());
        assert_eq!(r.text("no braces").unwrap(), "no braces");
    }

    #[test]
    fn the_file_reads_and_names_only_fictional_people_and_organizations() {
        let office = office();
        assert!(!office.meetings.is_empty() && !office.policies.is_empty());
        for entry in office.people.iter().chain(&office.organizations) {
            let name = entry.draft["full_name"]
                .as_str()
                .or(entry.draft["name"].as_str())
                .unwrap();
            assert!(
                name.contains("Example") || name.contains("Sample"),
                "{name} is not plainly fictional"
            );
        }
    }
}
