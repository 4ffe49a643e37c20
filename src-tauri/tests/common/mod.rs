//! What the command-line tests share: running the built `plenary` on a data folder.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the built binary with `args` on `data_dir` (never the folder the environment names).
pub fn plenary(args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("PLENARY_DATA_DIR")
        .output()
        .expect("run plenary")
}

/// A stream's bytes as text (lossily, so a test failure still shows it).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
