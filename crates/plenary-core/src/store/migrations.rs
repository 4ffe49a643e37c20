//! Schema migrations. Released migrations are never edited: a change is a new entry at the end.

use rusqlite_migration::{M, Migrations};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_meetings_and_history.sql")),
    M::up(include_str!("migrations/0002_settings.sql")),
    M::up(include_str!("migrations/0003_search.sql")),
    M::up(include_str!("migrations/0004_meeting_records.sql")),
    M::up(include_str!("migrations/0005_people_and_assignments.sql")),
    M::up(include_str!("migrations/0006_policy.sql")),
    M::up(include_str!("migrations/0007_folded_search.sql")),
    M::up(include_str!("migrations/0008_schema_rules.sql")),
    M::up(include_str!("migrations/0009_policy_action_edits.sql")),
    M::up(include_str!("migrations/0010_review_basis.sql")),
    M::up(include_str!("migrations/0011_organization_local_name.sql")),
    M::up(include_str!("migrations/0012_attendance_after_meeting.sql")),
    M::up(include_str!("migrations/0013_child_row_ids.sql")),
    M::up(include_str!("migrations/0014_index_earlier_meetings.sql")),
    M::up(include_str!("migrations/0015_team_exchange.sql")),
    M::up(include_str!("migrations/0016_exchange_files.sql")),
    M::up(include_str!("migrations/0017_person_hub_login.sql")),
    M::up(include_str!("migrations/0018_example_data.sql")),
    M::up(include_str!("migrations/0019_reminders_sent.sql")),
    M::up(include_str!("migrations/0020_record_for_report.sql")),
];

/// The schema version this build writes (SQLite's `user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// Brings a new database to schema `version` (an import of what an older Plenary exported).
pub(crate) fn to_version(
    conn: &mut rusqlite::Connection,
    version: usize,
) -> crate::error::Result<()> {
    Ok(migrations().to_version(conn, version)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::super::register_functions(&conn).unwrap();
        super::migrations()
            .to_latest(&mut conn)
            .expect("migrations apply cleanly to an empty database");
    }
}
