//! Reminders as system notifications: at start and then every [`EVERY`], when the person has
//! turned them on (Settings → Reminders), the core says which are due and not yet shown; each is
//! shown, then recorded so it never comes again. A reminder that could not be shown (no
//! notification service) is tried again at the next check.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use plenary_core::reminder::Reminder;
use plenary_core::{CoreError, SettingKey, Store};

use super::journal::{Journal, Level};

/// How often reminders are checked while Plenary runs.
pub const EVERY: Duration = Duration::from_secs(15 * 60);
/// The first check waits this long, so start-up has the machine to itself.
pub const FIRST_AFTER: Duration = Duration::from_secs(5);

/// Shows one notification; `Err` says why it could not be shown.
pub type Show = Box<dyn Fn(&Reminder) -> Result<(), String> + Send>;

/// One check: shows what is due through `show` and records what was shown. Returns how many
/// reminders were shown.
pub fn check(
    store: &Mutex<Store>,
    show: &dyn Fn(&Reminder) -> Result<(), String>,
    journal: &Journal,
) -> Result<usize, CoreError> {
    let due = {
        let store = store.lock().unwrap_or_else(|p| p.into_inner());
        if store.setting_value(SettingKey::Reminders)?.as_deref() != Some("on") {
            return Ok(0);
        }
        store.due_reminders(store.clock().today())?
    };
    let mut shown = Vec::new();
    let mut count = 0;
    for reminder in &due {
        match show(reminder) {
            Ok(()) => {
                shown.extend(reminder.keys.iter().cloned());
                count += 1;
            }
            Err(error) => journal.write(
                Level::Warn,
                &format!("reminders kind=notification reason={error:?}"),
            ),
        }
    }
    if !shown.is_empty() {
        let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
        store.mark_reminders_sent(&shown)?;
    }
    Ok(count)
}

/// Checks now and then on a thread of its own until the app ends; a message on `wake` checks at
/// once (after reminders are turned on).
pub fn check_in_background(
    store: Arc<Mutex<Store>>,
    journal: Arc<Journal>,
    show: Show,
    wake: Receiver<()>,
) {
    let spawned = std::thread::Builder::new()
        .name("plenary-reminders".into())
        .spawn(move || {
            let mut wait = FIRST_AFTER;
            loop {
                match wake.recv_timeout(wait) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                wait = EVERY;
                if let Err(error) = check(&store, &*show, &journal) {
                    journal.command_failed("reminders", &error);
                }
            }
        });
    if spawned.is_err() {
        eprintln!("plenary: the reminders could not start");
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use plenary_core::store::Clock;

    use super::*;

    #[test]
    fn shown_once_when_on_and_never_when_off() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        store.set_clock(Clock::Fixed("2023-09-30T10:00:00Z".parse().unwrap()));
        let meeting = store
            .create_meeting(&serde_json::from_value(crate::tests::kigali()).unwrap())
            .unwrap();
        let tomorrow = store.clock().today().tomorrow().unwrap().to_string();
        store
            .create_action_item(
                &meeting.id,
                &serde_json::from_value(serde_json::json!({
                    "title": "Send the brief", "owner": "", "due_date": tomorrow,
                    "status": "open", "agenda_item_id": "", "record_id": "", "notes": ""
                }))
                .unwrap(),
            )
            .unwrap();
        let store = Mutex::new(store);
        let journal = Journal::open(dir.path());
        let seen = RefCell::new(Vec::new());
        let show = |r: &Reminder| {
            seen.borrow_mut().push(r.title.clone());
            Ok(())
        };
        // Off by default.
        assert_eq!(check(&store, &show, &journal).unwrap(), 0);
        store
            .lock()
            .unwrap()
            .set_setting(SettingKey::Reminders, "on", None)
            .unwrap();
        // A notification service that is not there: nothing recorded, tried again later.
        let refuse = |_: &Reminder| Err("no notification service".to_owned());
        assert_eq!(check(&store, &refuse, &journal).unwrap(), 0);
        assert_eq!(check(&store, &show, &journal).unwrap(), 1);
        assert_eq!(check(&store, &show, &journal).unwrap(), 0);
        assert_eq!(*seen.borrow(), ["1 action item is due tomorrow"]);
        let problems = journal.last_problems(5);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("reminders kind=notification"));
        assert!(!problems[0].contains("Send the brief"));
    }
}
