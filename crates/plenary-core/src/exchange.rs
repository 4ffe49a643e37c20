//! The team exchange, as the core sees it: what travels between laptops (bundles of row
//! changes), the hub that puts them in one order (a [`Sequencer`]), and what a person is told
//! (the link's status, the conflicts to decide).
//!
//! Each write transaction on a joined laptop becomes one bundle: the row changes it made, each
//! with the row's key and its values before and after. The hub numbers bundles in the order it
//! accepts them; every laptop applies them in that order. When a bundle changes a row this
//! laptop also changed and has not sent yet, the hub's order decides what the row holds and this
//! laptop's version is kept as a conflict for a person to decide; nothing is overwritten
//! silently. The storage side is in `store/exchange.rs`.

use serde::{Deserialize, Serialize};

/// The tables whose rows are the office's shared record. Everything else (settings, "me", travel
/// details, the search index, the exchange's own bookkeeping) stays on the laptop. A test fails
/// when a table is in neither list, so a new table is a decision, not an accident.
pub const SHARED_TABLES: &[&str] = &[
    "body",
    "organization",
    "meeting",
    "agenda_item",
    "session",
    "session_agenda_item",
    "record",
    "record_version",
    "action_item",
    "document",
    "country_note",
    "interaction",
    "person",
    "seat",
    "term",
    "assignment",
    "status_change",
    "delegation",
    "policy_document",
    "policy_action",
    "policy_vote",
    "policy_position",
    "policy_link",
    "policy_text_version",
    "proposal",
    "proposal_step",
    "statement",
    "history",
];

/// Tables that stay on this laptop.
pub const LOCAL_TABLES: &[&str] = &[
    "setting",
    "person_travel",
    "search_key",
    "exchange_link",
    "exchange_pending",
    "exchange_pending_tx",
    "exchange_applied",
    "exchange_parked",
    "exchange_conflict",
    "exchange_file_sent",
    "exchange_travel",
    "example_row",
    "reminder_sent",
];

/// History entries about local tables stay local too (travel details above all).
pub(crate) const LOCAL_HISTORY_ENTITIES: &[&str] = &["setting", "person_travel"];

/// A bundle as the hub hands it out, in its place in the office's order.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingBundle {
    pub seq: i64,
    pub bundle_id: String,
    pub device: String,
    /// The hub login that sent it.
    pub author: String,
    pub schema_version: i64,
    pub made_at: String,
    pub payload: serde_json::Value,
}

/// A bundle made here, on its way to the hub.
#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingBundle {
    pub bundle_id: String,
    pub device: String,
    pub schema_version: i64,
    pub made_at: String,
    pub payload: serde_json::Value,
}

/// What the hub said to a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// Appended: each bundle's id and its place in the order.
    Sent(Vec<(String, i64)>),
    /// Someone else pushed since this laptop last pulled: pull first.
    Behind,
}

/// The hub, as the exchange uses it: one total order of bundles. Errors are messages a person
/// can act on ("Could not reach the hub at …").
pub trait Sequencer {
    /// Bundles after `after_seq`, in order, at most `max`.
    fn pull(&mut self, after_seq: i64, max: i64) -> Result<Vec<IncomingBundle>, String>;
    /// Appends `bundles` if nothing was appended after `base_seq`.
    fn push(&mut self, base_seq: i64, bundles: &[OutgoingBundle]) -> Result<PushOutcome, String>;
}

/// One person's travel details as the hub lets this login see them.
#[derive(Debug, Clone, PartialEq)]
pub struct HubTravelRow {
    pub person_id: String,
    /// The login they belong to (besides the coordinators, who see every row).
    pub owner_login: String,
    /// What the laptop that wrote them sent: the fields, `updated_at` and `version`.
    pub payload: serde_json::Value,
}

/// What the hub said to a write or removal of travel details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TravelOutcome {
    Done,
    /// Not this login's to write: they belong to someone else.
    Refused,
}

/// The hub's travel details, which it shows and lets change only as its row-level security
/// allows: a coordinator every person's, anyone else their own. Errors are messages for people.
pub trait TravelHub {
    /// Every row this login may see.
    fn travel(&mut self) -> Result<Vec<HubTravelRow>, String>;
    /// Writes one person's details, for `owner` (`None`: this login).
    fn put_travel(
        &mut self,
        person_id: &str,
        owner: Option<&str>,
        payload: &serde_json::Value,
    ) -> Result<TravelOutcome, String>;
    /// Removes one person's details (done also when there were none this login may see).
    fn delete_travel(&mut self, person_id: &str) -> Result<TravelOutcome, String>;
}

/// What one exchange of travel details did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TravelReport {
    /// People whose details went to the hub.
    pub sent: u32,
    /// People whose details came from the hub and were written here.
    pub received: u32,
    /// Removed on the hub because they were removed here, or here because they are gone there.
    pub removed: u32,
    /// Details the hub would not take from this login (someone else's).
    pub refused: u32,
}

/// The hub this laptop joins, as the person connected to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubLink {
    pub identity: String,
    /// Where the hub is, for people to read ("db.office.example:5432/plenary, TLS required");
    /// never the password.
    pub address: String,
    pub login: String,
    pub device_name: String,
}

/// What one exchange did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExchangeReport {
    /// Bundles (saved changes) sent to the hub.
    pub sent: u32,
    /// Bundles received from other laptops and applied here.
    pub received: u32,
    /// Conflicts found in this exchange.
    pub new_conflicts: u32,
    /// Bundles from a newer Plenary, kept until this one is updated.
    pub parked: u32,
    /// People whose travel details went to the hub (for them and the coordinators only).
    pub travel_sent: u32,
    /// People whose travel details came from the hub.
    pub travel_received: u32,
    /// The exchange was asked to stop before it finished; it resumes where it stopped.
    pub stopped: bool,
    /// Documents' files sent to the hub and received from it.
    pub files_sent: u32,
    pub files_received: u32,
}

/// The link to the hub at a glance, for Settings → Team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExchangeStatus {
    pub joined: bool,
    pub hub_address: Option<String>,
    pub hub_identity: Option<String>,
    pub login: Option<String>,
    pub device_name: Option<String>,
    /// RFC 3339 UTC of the last exchange that finished.
    pub last_exchanged_at: Option<String>,
    /// Why the last exchange did not finish, if it did not.
    pub last_error: Option<String>,
    /// Saved changes waiting to go.
    pub waiting: u32,
    pub open_conflicts: u32,
    /// Changes received from a newer Plenary, waiting for an update.
    pub parked: u32,
}

/// One conflict, as a person decides it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictView {
    pub id: String,
    /// The table ("meeting"), which is also the record's key in the history.
    pub entity: String,
    /// What people call it ("meeting").
    pub noun: String,
    pub record_id: Option<String>,
    /// How a person recognises the record ("78th World Health Assembly").
    pub record_name: String,
    pub kind: ConflictKind,
    /// The fields the two versions disagree on (bookkeeping left out).
    pub fields: Vec<ConflictField>,
    pub their_author: String,
    pub their_device: String,
    pub their_at: String,
    pub detected_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Both changed it.
    BothChanged,
    /// They deleted what this laptop changed.
    TheyDeleted,
    /// This laptop deleted what they changed (or added to).
    YouDeleted,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictField {
    pub field: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub theirs: serde_json::Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub yours: serde_json::Value,
}

/// A person's decision on a conflict.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum ConflictChoice {
    /// Keep what the record holds now (the other laptop's version).
    Theirs,
    /// Put this laptop's version back, as a new change every laptop receives.
    Yours,
    /// Their version with these fields set (a person's edit, or both texts kept).
    Edited {
        #[cfg_attr(feature = "ts", ts(type = "{ [field: string]: string | null }"))]
        fields: serde_json::Map<String, serde_json::Value>,
    },
}
