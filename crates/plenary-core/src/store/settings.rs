//! Settings queries.

use rusqlite::{OptionalExtension, Row, params};

use super::Store;
use crate::error::{CoreError, Result};
use crate::history::{self, HistoryAction};
use crate::settings::{Setting, SettingKey};

const ENTITY: &str = "setting";

impl Store {
    /// Every setting that has been set.
    pub fn settings(&self) -> Result<Vec<Setting>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT key, value, created_at, updated_at, version FROM setting ORDER BY key",
        )?;
        let rows = statement.query_map([], from_row)?;
        Ok(rows
            .filter_map(|row| row.transpose())
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn setting(&self, key: SettingKey) -> Result<Option<Setting>> {
        find(&self.conn, key)
    }

    /// The value of a setting, or `None` when it is not set (or cleared).
    pub fn setting_value(&self, key: SettingKey) -> Result<Option<String>> {
        Ok(self
            .setting(key)?
            .map(|s| s.value)
            .filter(|v| !v.is_empty()))
    }

    /// Sets `key` to `value`. `expected_version` is the version the editor read (`None` if the
    /// setting did not exist yet); a mismatch is a conflict and changes nothing.
    pub fn set_setting(
        &mut self,
        key: SettingKey,
        value: &str,
        expected_version: Option<u32>,
    ) -> Result<Setting> {
        let value = key.check(value)?;
        self.write(|w| {
            let tx = w.conn();
            if key == SettingKey::Me
                && !value.is_empty()
                && !tx
                    .prepare_cached("SELECT 1 FROM person WHERE id = ?1")?
                    .exists([&value])?
            {
                return Err(CoreError::validation(
                    "me",
                    "That person is not in Plenary (they may have been deleted). Choose someone from the list of people.",
                ));
            }
            let before = find(tx, key)?;
            if before.as_ref().map(|s| s.version) != expected_version {
                return Err(CoreError::Conflict { entity: ENTITY });
            }
            let at = w.at().to_owned();
            let after = match &before {
                Some(before) if before.value == value => return Ok(before.clone()),
                Some(before) => Setting {
                    value,
                    updated_at: at.clone(),
                    version: before.version + 1,
                    ..before.clone()
                },
                None => Setting {
                    key,
                    value,
                    created_at: at.clone(),
                    updated_at: at.clone(),
                    version: 1,
                },
            };
            tx.execute(
                "INSERT INTO setting (key, value, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                     version = excluded.version",
                params![key.as_str(), after.value, after.created_at, after.updated_at, after.version],
            )?;
            let action = if before.is_some() {
                HistoryAction::Update
            } else {
                HistoryAction::Create
            };
            history::record(
                tx,
                ENTITY,
                key.as_str(),
                action,
                before.as_ref(),
                Some(&after),
                &at,
            )?;
            Ok(after)
        })
    }
}

fn find(conn: &rusqlite::Connection, key: SettingKey) -> Result<Option<Setting>> {
    let mut statement = conn.prepare_cached(
        "SELECT key, value, created_at, updated_at, version FROM setting WHERE key = ?1",
    )?;
    Ok(statement
        .query_row([key.as_str()], from_row)
        .optional()?
        .flatten())
}

/// `None` for keys this version does not know (written by a newer Plenary): kept, not shown.
fn from_row(row: &Row<'_>) -> rusqlite::Result<Option<Setting>> {
    let key: String = row.get(0)?;
    let Some(key) = SettingKey::parse(&key) else {
        return Ok(None);
    };
    Ok(Some(Setting {
        key,
        value: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
        version: row.get(4)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn home_time_zone_is_set_changed_cleared_and_kept_in_history() {
        let (_dir, mut store) = fresh();
        assert_eq!(store.setting_value(SettingKey::HomeTimeZone).unwrap(), None);
        let set = store
            .set_setting(SettingKey::HomeTimeZone, " America/Chicago ", None)
            .unwrap();
        assert_eq!((set.value.as_str(), set.version), ("America/Chicago", 1));
        let changed = store
            .set_setting(SettingKey::HomeTimeZone, "Europe/Zurich", Some(1))
            .unwrap();
        assert_eq!(changed.version, 2);
        store
            .set_setting(SettingKey::HomeTimeZone, "", Some(2))
            .unwrap();
        assert_eq!(store.setting_value(SettingKey::HomeTimeZone).unwrap(), None);
        let history = store.history(ENTITY, "home_time_zone").unwrap();
        assert_eq!(history.len(), 3);
        assert_eq!(history[1].changed, ["value"]);
    }

    #[test]
    fn bad_values_and_stale_versions_change_nothing() {
        let (_dir, mut store) = fresh();
        let error = store
            .set_setting(SettingKey::HomeTimeZone, "Chicago", None)
            .unwrap_err();
        assert!(
            matches!(&error, CoreError::Validation(e) if e[0].field == "home_time_zone"),
            "{error:?}"
        );
        assert!(store.settings().unwrap().is_empty());
        store
            .set_setting(SettingKey::HomeTimeZone, "America/Chicago", None)
            .unwrap();
        assert_eq!(
            store
                .set_setting(SettingKey::HomeTimeZone, "Asia/Seoul", None)
                .unwrap_err(),
            CoreError::Conflict { entity: ENTITY }
        );
        assert_eq!(
            store
                .set_setting(SettingKey::HomeTimeZone, "Asia/Seoul", Some(7))
                .unwrap_err(),
            CoreError::Conflict { entity: ENTITY }
        );
        assert_eq!(
            store
                .setting_value(SettingKey::HomeTimeZone)
                .unwrap()
                .as_deref(),
            Some("America/Chicago")
        );
    }
}
