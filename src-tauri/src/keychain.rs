//! Where a laptop's hub password is kept between runs: the operating system's keychain (the
//! macOS Keychain, the Windows Credential Manager, the Secret Service of a Linux desktop), never
//! the database or a file. Where there is no keychain (a Linux machine without a keyring daemon),
//! the password lives only in memory and is asked for when Plenary starts.

use std::collections::HashMap;
use std::sync::Mutex;

/// A place that keeps hub passwords, one per account (the login at one hub).
pub trait PasswordVault: Send + Sync {
    /// The kept password, if there is one and the vault can be reached.
    fn recall(&self, account: &str) -> Option<String>;
    /// Keeps `password`; false when the vault cannot (there is no keychain).
    fn keep(&self, account: &str, password: &str) -> bool;
    /// Forgets the account's password (it was refused by the hub).
    fn forget(&self, account: &str);
}

/// The account's name in a keychain: the login at one office's hub.
pub fn account(login: &str, hub_identity: &str) -> String {
    format!("{login}@{hub_identity}")
}

/// The operating system's keychain, under the app's identifier.
pub struct SystemKeychain;

const SERVICE: &str = "org.plenary.desktop";

impl SystemKeychain {
    fn entry(account: &str) -> Option<keyring::Entry> {
        keyring::Entry::new(SERVICE, account).ok()
    }
}

impl PasswordVault for SystemKeychain {
    fn recall(&self, account: &str) -> Option<String> {
        Self::entry(account)?.get_password().ok()
    }

    fn keep(&self, account: &str, password: &str) -> bool {
        Self::entry(account).is_some_and(|entry| entry.set_password(password).is_ok())
    }

    fn forget(&self, account: &str) {
        if let Some(entry) = Self::entry(account) {
            let _ = entry.delete_credential();
        }
    }
}

/// No keychain: nothing outlives the run (the command line, and machines without one).
#[derive(Default)]
pub struct NoKeychain;

impl PasswordVault for NoKeychain {
    fn recall(&self, _: &str) -> Option<String> {
        None
    }

    fn keep(&self, _: &str, _: &str) -> bool {
        false
    }

    fn forget(&self, _: &str) {}
}

/// A keychain held in memory, shared by the `Team`s of one test the way the system's is shared
/// by two runs of the app.
#[derive(Default)]
pub struct MemoryKeychain(Mutex<HashMap<String, String>>);

impl MemoryKeychain {
    pub fn kept(&self, account: &str) -> Option<String> {
        self.0.lock().ok()?.get(account).cloned()
    }
}

impl PasswordVault for MemoryKeychain {
    fn recall(&self, account: &str) -> Option<String> {
        self.kept(account)
    }

    fn keep(&self, account: &str, password: &str) -> bool {
        self.0
            .lock()
            .map(|mut kept| kept.insert(account.to_owned(), password.to_owned()))
            .is_ok()
    }

    fn forget(&self, account: &str) {
        if let Ok(mut kept) = self.0.lock() {
            kept.remove(account);
        }
    }
}

impl<T: PasswordVault> PasswordVault for std::sync::Arc<T> {
    fn recall(&self, account: &str) -> Option<String> {
        (**self).recall(account)
    }

    fn keep(&self, account: &str, password: &str) -> bool {
        (**self).keep(account, password)
    }

    fn forget(&self, account: &str) {
        (**self).forget(account);
    }
}
