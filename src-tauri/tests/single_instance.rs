//! One Plenary per data folder: the built app is started twice on one folder under a private X
//! server (Xvfb) and a private D-Bus session bus. The second start hands over to the first (which
//! brings its window forward) and exits at once; only the first process has the database open.
//! A start on another folder runs on its own.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const APP: &str = env!("CARGO_BIN_EXE_plenary");

/// Children killed when the test ends, however it ends.
struct Running(Vec<Child>);

impl Drop for Running {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts `command` and reads the first line it prints (a display number, a bus address).
fn start_reading_line(mut command: Command, what: &str) -> (Child, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{what} could not start ({e}); `cargo xtask test` installs it"));
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(!line.trim().is_empty(), "{what} printed nothing");
    (child, line.trim().to_owned())
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn log(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("logs/plenary.log")).unwrap_or_default()
}

/// The processes that have `file` open, from /proc.
fn holders(file: &Path) -> Vec<u32> {
    let file = file.canonicalize().unwrap();
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        if fds
            .flatten()
            .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == file))
        {
            pids.push(pid);
        }
    }
    pids
}

struct Desktop {
    display: String,
    bus: String,
}

impl Desktop {
    fn plenary(&self, data_dir: &Path) -> Command {
        let mut command = Command::new(APP);
        command
            .arg("--data-dir")
            .arg(data_dir)
            .env("DISPLAY", &self.display)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .env("NO_AT_BRIDGE", "1")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("PLENARY_DATA_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    }
}

fn exit_within(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_second_start_on_the_same_folder_brings_the_first_forward_and_exits() {
    let mut running = Running(Vec::new());
    let mut xvfb = Command::new("Xvfb");
    xvfb.args([
        "-displayfd",
        "1",
        "-screen",
        "0",
        "1280x900x24",
        "-nolisten",
        "tcp",
    ]);
    let (server, display) = start_reading_line(xvfb, "Xvfb");
    running.0.push(server);
    let mut dbus = Command::new("dbus-daemon");
    dbus.args(["--session", "--nofork", "--print-address=1"]);
    let (bus_daemon, bus) = start_reading_line(dbus, "dbus-daemon");
    running.0.push(bus_daemon);
    let desktop = Desktop {
        display: format!(":{display}"),
        bus,
    };

    let folder = tempfile::tempdir().unwrap();
    let data_dir: PathBuf = folder.path().join("data");
    let first = desktop.plenary(&data_dir).spawn().unwrap();
    let first_pid = first.id();
    running.0.push(first);
    wait_for("the first window", Duration::from_secs(120), || {
        log(&data_dir).contains("start: Plenary")
    });
    let database = data_dir.join("plenary.sqlite3");
    assert_eq!(holders(&database), [first_pid]);

    // The second start: hands over and exits successfully, having opened nothing.
    let mut second = desktop.plenary(&data_dir).spawn().unwrap();
    let status = exit_within(&mut second, Duration::from_secs(60));
    assert!(
        status.is_some_and(|s| s.success()),
        "the second start did not exit by itself: {status:?}"
    );
    wait_for(
        "the first to be brought forward",
        Duration::from_secs(30),
        || log(&data_dir).contains("second start: brought the window forward"),
    );
    let first = running.0.last_mut().unwrap();
    assert!(first.try_wait().unwrap().is_none(), "the first start ended");
    assert_eq!(log(&data_dir).matches("start: Plenary").count(), 1);
    assert_eq!(holders(&database), [first_pid]);

    // Another data folder is another Plenary.
    let other_dir = folder.path().join("other");
    let other = desktop.plenary(&other_dir).spawn().unwrap();
    let other_pid = other.id();
    running.0.push(other);
    wait_for(
        "a window on another folder",
        Duration::from_secs(120),
        || log(&other_dir).contains("start: Plenary"),
    );
    assert_eq!(holders(&other_dir.join("plenary.sqlite3")), [other_pid]);
    assert_eq!(holders(&database), [first_pid]);
}
