//! Installs what a fresh machine lacks: the system libraries Tauri needs, the UI's npm packages,
//! and (for tests) tauri-driver, WebKitWebDriver, Xvfb, a D-Bus daemon, PostgreSQL and
//! LibreOffice Writer.

use std::path::Path;
use std::process::Command;

use crate::root;
use crate::steps::{command_output, run_command};

/// Debian/Ubuntu packages Tauri needs to build and run.
pub const APT_APP: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "wget",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
];
/// Extra packages for the end-to-end tests in a real window (and a private session bus for the
/// single-instance test, `src-tauri/tests/single_instance.rs`).
const APT_E2E: &[&str] = &["webkit2gtk-driver", "xvfb", "xauth", "dbus-daemon"];
/// The briefing book's tests read its PDFs back with poppler's `pdftotext`, `pdfinfo` and
/// `pdftoppm` (`crates/plenary-core/src/store/briefing/tests.rs`).
const APT_PDF: &[&str] = &["poppler-utils"];
/// The installer test reads the .rpm with `rpm` (the .deb with dpkg's own tools).
const APT_PACKAGE: &[&str] = &["rpm"];
/// The hub's tests start a throwaway PostgreSQL cluster of their own (`initdb`, `pg_ctl`); the
/// distribution's default version (15 on Debian 12).
const APT_HUB: &[&str] = &["postgresql"];
/// The delegate's report's tests open the Word file in LibreOffice (`soffice --headless`), the
/// Writer without its window toolkit: about 80 MB to download, 200 MB installed.
const APT_REPORT: &[&str] = &["libreoffice-writer-nogui"];

/// The tauri-driver release the end-to-end tests are written against.
const TAURI_DRIVER_VERSION: &str = "2.1.0";

#[derive(Clone, Copy, PartialEq)]
pub enum Purpose {
    App,
    Tests,
    /// The app's libraries and PostgreSQL (the exchange bench runs a hub), no window tools.
    Bench,
}

pub fn ensure(purpose: Purpose) -> Result<(), String> {
    check_node()?;
    if cfg!(target_os = "linux") {
        let mut packages: Vec<&str> = APT_APP.to_vec();
        if purpose == Purpose::Tests {
            packages.extend_from_slice(APT_E2E);
            packages.extend_from_slice(APT_PACKAGE);
            packages.extend_from_slice(APT_REPORT);
            packages.extend_from_slice(APT_PDF);
        }
        if purpose != Purpose::App {
            packages.extend_from_slice(APT_HUB);
        }
        ensure_apt(&packages)?;
    }
    ensure_npm_packages()?;
    if purpose == Purpose::Tests {
        ensure_tauri_driver()?;
    }
    Ok(())
}

fn check_node() -> Result<(), String> {
    let version = command_output(Command::new("node").arg("--version"))
        .map_err(|_| "Node.js 20 or newer is needed to build the UI; install it from your package manager or nodejs.org".to_owned())?;
    let major: u32 = version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(format!(
            "Node.js 20 or newer is needed to build the UI; this machine has {}",
            version.trim()
        ));
    }
    Ok(())
}

fn ensure_apt(packages: &[&str]) -> Result<(), String> {
    if !Path::new("/usr/bin/dpkg-query").exists() {
        println!(
            "xtask: not a Debian-based system; make sure the equivalents of these are installed: {}",
            packages.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| {
            command_output(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
                .map(|status| !status.contains("install ok installed"))
                .unwrap_or(true)
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let privileged = privileged_apt().map_err(|_| {
        format!(
            "these system packages are missing; install them, then run this again:\n  sudo apt-get install {}",
            missing.join(" ")
        )
    })?;
    println!("xtask: installing system packages: {}", missing.join(" "));
    run_command(privileged.apt(&["update", "-qq"]))?;
    let mut install = privileged.apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(&missing);
    run_command(install)
}

/// How this program may run apt-get: as root, or through passwordless sudo.
pub struct Privileged {
    sudo: bool,
}

impl Privileged {
    /// `apt-get args…`, non-interactive, as root.
    pub fn apt(&self, args: &[&str]) -> Command {
        let mut command = if self.sudo {
            let mut sudo = Command::new("sudo");
            sudo.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            sudo
        } else {
            Command::new("apt-get")
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    }
}

pub fn privileged_apt() -> Result<Privileged, String> {
    let as_root = command_output(Command::new("id").arg("-u"))
        .map(|uid| uid.trim() == "0")
        .unwrap_or(false);
    if as_root {
        return Ok(Privileged { sudo: false });
    }
    let sudo = Command::new("sudo")
        .args(["-n", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if sudo {
        Ok(Privileged { sudo: true })
    } else {
        Err("apt-get needs root or passwordless sudo".to_owned())
    }
}

fn ensure_npm_packages() -> Result<(), String> {
    let ui = root().join("ui");
    let lock = ui.join("package-lock.json");
    let installed = ui.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(lock), Ok(installed)) => match (lock.modified(), installed.modified()) {
            (Ok(l), Ok(i)) => i >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    println!("xtask: installing the UI's npm packages (npm ci)");
    let mut npm = crate::steps::npm();
    npm.args(["ci", "--no-audit", "--no-fund"]).current_dir(&ui);
    run_command(npm)
}

fn ensure_tauri_driver() -> Result<(), String> {
    if crate::steps::tauri_driver().is_some() {
        return Ok(());
    }
    println!("xtask: installing tauri-driver {TAURI_DRIVER_VERSION} (cargo install)");
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.args([
        "install",
        "tauri-driver",
        "--locked",
        "--version",
        TAURI_DRIVER_VERSION,
    ]);
    run_command(cargo)?;
    crate::steps::tauri_driver().map(|_| ()).ok_or_else(|| {
        "tauri-driver was installed but is not on PATH or in ~/.cargo/bin".to_owned()
    })
}
