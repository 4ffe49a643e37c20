//! The hub against a real PostgreSQL: a throwaway cluster shared by these tests, a database of
//! its own for each test (`plenary_hub::testing`).

mod errors;
mod exchange;
mod files;
mod people;
mod tls;
mod travel;

use plenary_hub::OutgoingBundle;
use serde_json::json;
use uuid::Uuid;

/// A bundle as a laptop would send it, with a payload that names it.
pub fn bundle(device: &str, label: &str) -> OutgoingBundle {
    OutgoingBundle {
        bundle_id: Uuid::now_v7(),
        device: device.to_owned(),
        schema_version: 7,
        made_at: "2025-04-23T09:30:00Z".to_owned(),
        payload: json!({ "label": label, "ops": [{ "table": "meeting", "op": "update" }] }),
    }
}
