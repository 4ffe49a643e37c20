//! Settings of this laptop's Plenary, stored as versioned key-value rows (with history, like
//! every other record).

use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::time_zone;

/// What can be set. Each key has its own rule in [`SettingKey::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SettingKey {
    /// The IANA time zone the delegate thinks in at home; times are shown in it beside venue time.
    HomeTimeZone,
    /// The id of the person this laptop belongs to ("me"): their assignments show under "My
    /// assignments". [`crate::Store::set_setting`] checks that the person exists.
    Me,
    /// Whether reminders are shown as system notifications: `on`, or empty (off, the default).
    Reminders,
}

impl SettingKey {
    pub const ALL: [SettingKey; 3] = [
        SettingKey::HomeTimeZone,
        SettingKey::Me,
        SettingKey::Reminders,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SettingKey::HomeTimeZone => "home_time_zone",
            SettingKey::Me => "me",
            SettingKey::Reminders => "reminders",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|key| key.as_str() == text)
    }

    /// Checks and normalises a value; an empty value clears the setting.
    pub fn check(self, value: &str) -> Result<String, CoreError> {
        let value = value.trim();
        match self {
            SettingKey::HomeTimeZone => {
                if !value.is_empty() && !time_zone::is_known(value) {
                    return Err(CoreError::validation(
                        "home_time_zone",
                        crate::time_zone::unknown_zone_message(value, "America/Chicago"),
                    ));
                }
            }
            // Whether the person exists is for the store to say.
            SettingKey::Me => {}
            SettingKey::Reminders => {
                if !matches!(value, "" | "on") {
                    return Err(CoreError::validation(
                        "reminders",
                        "Reminders are either on or off.",
                    ));
                }
            }
        }
        Ok(value.to_owned())
    }
}

/// A stored setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Setting {
    pub key: SettingKey,
    /// Empty when cleared.
    pub value: String,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}
