//! Plenary's core: the domain of an international office's representation at the World Medical
//! Association and the World Health Assembly, its validation rules, and its SQLite storage.
//!
//! This crate never depends on Tauri. Pure rules (`meeting`, `time_zone`, `fold`) do no IO; IO
//! lives in [`store`]. Types that cross the app boundary derive `ts_rs::TS` behind the `ts`
//! feature so the desktop shell can generate the UI's TypeScript declarations from them.

#[macro_use]
mod form;

// Test fixtures shared with the benches name the crate as they do.
#[cfg(test)]
extern crate self as plenary_core;

pub mod action;
pub mod agenda;
pub mod assignment;
pub mod body;
pub mod briefing;
pub mod diff;
pub mod document;
pub mod error;
pub mod example;
pub mod exchange;
pub mod fold;
pub mod history;
pub mod meeting;
pub mod organization;
pub mod people;
pub mod policy;
pub mod portable;
pub mod record;
pub mod reminder;
pub mod report;
pub mod search;
pub mod session;
pub mod settings;
pub mod sheets;
pub mod statement;
pub mod store;
pub mod time_zone;

pub use agenda::{AgendaItem, AgendaItemDraft, Priority};
pub use body::{Body, BodyDraft, BodyOrganization};
pub use error::{CoreError, FieldError};
pub use history::{HistoryAction, HistoryEntry};
pub use meeting::{Meeting, MeetingDraft, MeetingFormat, MeetingStatus};
pub use session::{Session, SessionDraft};
pub use settings::{Setting, SettingKey};
pub use store::Store;
