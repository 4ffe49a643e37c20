//! The steps behind each xtask command.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::setup::{self, Purpose};
use crate::{Options, root};

pub fn run(options: &Options) -> Result<(), String> {
    let binary = build(options)?;
    let mut app = Command::new(&binary);
    if let Some(dir) = &options.data_dir {
        app.arg("--data-dir").arg(dir);
    }
    run_command(app)
}

/// Builds the UI, then the app with the UI embedded; returns the binary's path.
pub fn build(options: &Options) -> Result<PathBuf, String> {
    setup::ensure(Purpose::App)?;
    build_ui()?;
    let mut cargo = cargo();
    cargo.args(["build", "--package", "plenary"]);
    if options.release {
        // As `tauri build` makes it for the installers (package.rs): the same binary, one build.
        cargo.args(["--release", "--features", "tauri/custom-protocol"]);
    }
    run_command(cargo)?;
    Ok(app_binary(if options.release {
        "release"
    } else {
        "debug"
    }))
}

pub fn bindings() -> Result<(), String> {
    build_ui()?;
    let mut cargo = cargo();
    cargo
        .args(["test", "--package", "plenary", "--lib", "bindings::"])
        .env("PLENARY_UPDATE_BINDINGS", "1");
    run_command(cargo)?;
    println!("xtask: wrote ui/src/lib/bindings.ts");
    Ok(())
}

/// The README's picture: the app on a fresh data folder with the example office loaded, a
/// 1280x800 window (under Xvfb when there is no display), saved as `docs/screenshot.png`.
pub fn screenshot() -> Result<(), String> {
    setup::ensure(Purpose::Tests)?;
    build_ui()?;
    let mut app = cargo();
    app.args(["build", "--package", "plenary"]);
    run_command(app)?;
    let mut command = e2e_command_at("1280x800", "screenshot")?;
    command.env("PLENARY_SCREENSHOT", root().join("docs/screenshot.png"));
    run_command(command)?;
    println!("xtask: wrote docs/screenshot.png");
    Ok(())
}

/// Criterion benchmarks (no window): the core's, then the team exchange's against a throwaway
/// PostgreSQL hub (the shell's crate, which embeds the built UI). Medians are printed per
/// measurement.
pub fn bench() -> Result<(), String> {
    let mut core = cargo();
    core.args(["bench", "--package", "plenary-core"]);
    run_command(core)?;
    setup::ensure(Purpose::Bench)?;
    build_ui()?;
    let mut exchange = cargo();
    exchange.args(["bench", "--package", "plenary", "--bench", "exchange"]);
    run_command(exchange)
}

/// The window beside an empty Tauri app (`bench/`): both release apps are built, then
/// `startup_mem.py` (time to the first screen's text and memory, on a fresh data folder and on a
/// decade's), `views_mem.py` (memory after visiting every view, on a decade's data) and `window_latency.py` (click →
/// content painted on a decade of data) run them alternately. Ratios from one run are what
/// compare; the machine's load is printed beside them.
pub fn bench_window() -> Result<(), String> {
    setup::ensure(Purpose::Tests)?;
    // The release app as the installers ship it.
    let plenary = build(&Options {
        data_dir: None,
        release: true,
    })?;
    // The empty app has the workspace's crates and features: built into the same target folder,
    // it reuses their build.
    let mut hello = cargo();
    hello
        .args(["build", "--release", "--target-dir"])
        .arg(root().join("target"))
        .current_dir(root().join("bench/hello/src-tauri"));
    run_command(hello)?;
    let hello = app_binary("release").with_file_name(executable("hello"));
    let decade = root().join("target/bench-decade");
    if !decade.join("plenary.sqlite3").exists() {
        let _ = std::fs::remove_dir_all(&decade);
        decade_folder(&decade)?;
    }
    let driver = tauri_driver().ok_or("tauri-driver is not installed")?;
    let script = |name: &str| {
        let mut python = Command::new("python3");
        python
            .arg(root().join("bench").join(name))
            .env("TAURI_DRIVER", &driver);
        python
    };
    let load = || {
        std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    // A fresh folder starts on the first-run screen (its last offer is drawn with the example
    // data's state); a folder with data on the dashboard (the heading of its last card).
    let (fresh_text, first_text) = (
        "Explore with example data",
        "Drafts from meetings that have ended",
    );
    println!(
        "xtask: start-up and memory on a fresh data folder (load {})",
        load()
    );
    let mut fresh = script("startup_mem.py");
    fresh
        .arg(&plenary)
        .arg(fresh_text)
        .arg(&hello)
        .args(["ready", "7"]);
    run_command(fresh)?;
    println!(
        "xtask: start-up and memory on a decade's data folder (load {})",
        load()
    );
    let mut existing = script("startup_mem.py");
    existing
        .arg(&plenary)
        .arg(first_text)
        .arg(&hello)
        .args(["ready", "7"])
        .env("TEMPLATE_A", &decade);
    run_command(existing)?;
    println!("xtask: memory after visiting every view (load {})", load());
    let mut views = script("views_mem.py");
    views
        .arg(&plenary)
        .arg(&hello)
        .arg("3")
        .env("TEMPLATE", &decade);
    run_command(views)?;
    println!(
        "xtask: click → content painted on a decade's data (load {})",
        load()
    );
    let mut latency = script("window_latency.py");
    latency.arg(&plenary).env("TEMPLATE", &decade);
    run_command(latency)
}

/// Writes a decade of data (500 meetings with their agendas and records, 2,000 people, 1,000
/// policy documents, 6,000 assignments) into `dir`, a new or empty folder.
pub fn decade_folder(dir: &std::path::Path) -> Result<(), String> {
    let mut generator = cargo();
    generator
        .args([
            "run",
            "--release",
            "--package",
            "plenary-core",
            "--example",
            "decade",
            "--",
        ])
        .arg(dir);
    run_command(generator)
}

pub fn test() -> Result<(), String> {
    setup::ensure(Purpose::Tests)?;
    let ui = root().join("ui");
    let mut steps: Vec<(&str, Command)> = Vec::new();

    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--", "--check"]);
    steps.push(("format (cargo fmt --check)", fmt));

    let mut ui_build = npm();
    ui_build.args(["run", "build"]).current_dir(&ui);
    steps.push(("UI build (vite)", ui_build));

    let mut clippy = cargo();
    clippy.args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    steps.push(("lints (clippy, warnings denied)", clippy));

    let mut core = cargo();
    core.args(["test", "--package", "plenary-core", "--lib", "--tests"]);
    steps.push(("core tests", core));

    let mut hub = cargo();
    hub.args(["test", "--package", "plenary-hub", "--lib", "--tests"]);
    steps.push(("hub tests (against a throwaway PostgreSQL cluster)", hub));

    // The shell's tests include the bindings drift check.
    let mut shell = cargo();
    shell.args([
        "test",
        "--package",
        "plenary",
        "--package",
        "xtask",
        "--lib",
        "--bins",
        "--tests",
    ]);
    steps.push(("shell tests, bindings drift check, xtask tests", shell));

    let mut check = npm();
    check.args(["run", "check"]).current_dir(&ui);
    steps.push(("UI type-check (svelte-check, TypeScript strict)", check));

    let mut lint = npm();
    lint.args(["run", "lint"]).current_dir(&ui);
    steps.push(("UI lint and format check (biome)", lint));

    let mut vitest = npm();
    vitest.args(["test"]).current_dir(&ui);
    steps.push(("UI unit tests (vitest)", vitest));

    // Only this build has the file dialogs' test seam (PLENARY_TEST_DIALOG_ANSWER); what `run`,
    // `build` and the installers make has none.
    let mut app = cargo();
    app.args(["build", "--package", "plenary", "--features", "test-seams"]);
    steps.push(("app build for end-to-end tests", app));

    // The team journey runs two windows against a throwaway hub started by this program.
    let mut test_hub = cargo();
    test_hub.args([
        "build",
        "--package",
        "plenary-hub",
        "--features",
        "testing",
        "--example",
        "test-hub",
    ]);
    steps.push(("test hub for end-to-end tests", test_hub));

    steps.push((
        "end-to-end tests in the real window (tauri-driver)",
        e2e_command()?,
    ));
    // Without its two builds the journeys would run an older app, or none, and fail for that.
    let needs = [(
        "end-to-end tests in the real window (tauri-driver)",
        [
            "app build for end-to-end tests",
            "test hub for end-to-end tests",
        ],
    )];

    // The installers as a person gets them: a release build bundled into a .deb and an .rpm,
    // the .deb installed, started from its menu entry on a fresh profile, and removed.
    if cfg!(target_os = "linux") && std::path::Path::new("/usr/bin/apt-get").exists() {
        let mut package = Command::new(
            std::env::current_exe().map_err(|e| format!("where is xtask itself? {e}"))?,
        );
        package.arg("package-test");
        steps.push((
            "installers: build, install the .deb, start it from the menu entry, remove it",
            package,
        ));
    }

    let mut failed = Vec::new();
    let mut tally = TestTally::default();
    let total = steps.len();
    println!("xtask: {}", disk_space());
    for (index, (name, command)) in steps.into_iter().enumerate() {
        println!("\n==> [{}/{total}] {name}", index + 1);
        let missing = failed_needs(name, &needs, &failed);
        if !missing.is_empty() {
            println!(
                "==> SKIPPED: {name}, because {} failed",
                missing.join(" and ")
            );
            failed.push(name);
            continue;
        }
        let started = Instant::now();
        let outcome = run_counting(command, &mut tally);
        let seconds = started.elapsed().as_secs_f32();
        match outcome {
            Ok(()) => println!("==> ok: {name} ({seconds:.1} s)"),
            Err(error) => {
                println!("==> FAILED: {name} ({seconds:.1} s): {error}");
                println!("xtask: {}", disk_space());
                failed.push(name);
            }
        }
    }
    println!("\nxtask: {}", disk_space());
    println!();
    let outcome = if failed.is_empty() {
        println!("xtask: all {total} steps succeeded");
        Ok(())
    } else {
        Err(format!(
            "{} of {total} steps failed: {}",
            failed.len(),
            failed.join("; ")
        ))
    };
    // One closing line over every runner (cargo test and vitest, end to end included).
    println!("tests: {} passed, {} failed", tally.passed, tally.failed);
    outcome
}

/// The steps `step` needs (in `needs`, step → the steps before it that it runs on) that failed.
fn failed_needs<'a, const N: usize>(
    step: &str,
    needs: &[(&str, [&'a str; N])],
    failed: &[&str],
) -> Vec<&'a str> {
    needs
        .iter()
        .filter(|(name, _)| *name == step)
        .flat_map(|(_, before)| before.iter().copied())
        .filter(|before| failed.contains(before))
        .collect()
}

/// The free space where builds are written, and what the build folder holds: a full disk fails
/// builds with messages that name a file, not the disk.
fn disk_space() -> String {
    let target = root().join("target");
    let free = Command::new("df")
        .args(["-Pk"])
        .arg(if target.exists() {
            target.clone()
        } else {
            root()
        })
        .output()
        .ok()
        .and_then(|out| {
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            let fields: Vec<&str> = text.lines().nth(1)?.split_whitespace().collect();
            fields.get(3)?.parse::<u64>().ok()
        });
    let used = Command::new("du")
        .args(["-sk"])
        .arg(&target)
        .output()
        .ok()
        .and_then(|out| {
            String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .next()?
                .parse::<u64>()
                .ok()
        });
    let gib = |kib: u64| kib as f64 / (1024.0 * 1024.0);
    match (free, used) {
        (Some(free), Some(used)) => format!(
            "disk: {:.1} GiB free; target/ holds {:.1} GiB",
            gib(free),
            gib(used)
        ),
        (Some(free), None) => format!("disk: {:.1} GiB free", gib(free)),
        _ => "disk: free space unknown (df did not answer)".to_string(),
    }
}

/// Tests counted from the runners' own summary lines.
#[derive(Debug, Default, PartialEq)]
pub struct TestTally {
    pub passed: u64,
    pub failed: u64,
}

impl TestTally {
    /// Reads a cargo test summary ("test result: ok. 32 passed; 0 failed; ...") or a vitest one
    /// ("Tests  1 failed | 21 passed (22)").
    pub fn read(&mut self, line: &str) {
        let plain = strip_ansi(line);
        let line = plain.trim();
        let Some(counts) = line
            .strip_prefix("test result:")
            .or_else(|| line.strip_prefix("Tests "))
        else {
            return;
        };
        let words: Vec<&str> = counts
            .split(|c: char| c.is_whitespace() || c == ';' || c == '|')
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(2) {
            let Ok(count) = pair[0].parse::<u64>() else {
                continue;
            };
            match pair[1] {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                _ => {}
            }
        }
    }
}

/// `text` without terminal colour codes (ESC [ ... letter).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Like [`run_command`], echoing the command's standard output while counting its tests.
pub fn run_counting(mut command: Command, tally: &mut TestTally) -> Result<(), String> {
    use std::io::{BufRead, BufReader};
    let shown = format!("{command:?}");
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            tally.read(&line);
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("{shown} did not finish: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} exited with {status}"))
    }
}

/// The end-to-end runner in the real window.
fn e2e_command() -> Result<Command, String> {
    e2e_command_at("1280x900", "e2e")
}

/// `npm run <script>` with the app and the driver, on a screen of `size` under Xvfb when
/// there is no display.
fn e2e_command_at(size: &str, script: &str) -> Result<Command, String> {
    let driver = tauri_driver().ok_or("tauri-driver is not installed")?;
    let mut command = window_command_at(size, &["run", script]);
    command
        .env("PLENARY_APP", app_binary("debug"))
        .env(
            "PLENARY_TEST_HUB",
            root()
                .join("target/debug/examples")
                .join(executable("test-hub")),
        )
        .env("TAURI_DRIVER", driver);
    Ok(command)
}

/// `npm args…` in `ui/`, under Xvfb when there is no display to open a window on.
pub fn window_command(args: &[&str]) -> Command {
    window_command_at("1280x900", args)
}

/// [`window_command`] on a screen of `size` ("1280x800").
fn window_command_at(size: &str, args: &[&str]) -> Command {
    let headless = cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|d| d.is_empty());
    let mut command = if headless {
        let mut xvfb = Command::new("xvfb-run");
        xvfb.args([
            "--auto-servernum",
            &format!("--server-args=-screen 0 {size}x24"),
            "npm",
        ]);
        xvfb
    } else {
        npm()
    };
    command.args(args).current_dir(root().join("ui"));
    command
}

pub fn build_ui() -> Result<(), String> {
    let mut npm = npm();
    npm.args(["run", "build"]).current_dir(root().join("ui"));
    run_command(npm)
}

fn app_binary(profile: &str) -> PathBuf {
    root()
        .join("target")
        .join(profile)
        .join(executable("plenary"))
}

/// A program's file name on this platform.
pub fn executable(name: &str) -> String {
    if cfg!(windows) {
        format!("{name}.exe")
    } else {
        name.to_owned()
    }
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root());
    command
}

pub fn npm() -> Command {
    Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" })
}

/// tauri-driver on PATH or in cargo's bin folder.
pub fn tauri_driver() -> Option<PathBuf> {
    let name = if cfg!(windows) {
        "tauri-driver.exe"
    } else {
        "tauri-driver"
    };
    let on_path = std::env::var_os("PATH")
        .map(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(name))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    on_path
        .into_iter()
        .chain(cargo_home.map(|home| home.join("bin").join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs `command` with inherited output; an error names it and its exit status.
pub fn run_command(mut command: Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} exited with {status}"))
    }
}

/// Runs `command` and returns what it printed.
pub fn command_output(command: &mut Command) -> Result<String, String> {
    let output = command.output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::{TestTally, failed_needs};

    #[test]
    fn a_step_is_skipped_only_when_a_step_it_needs_failed() {
        let needs = [("journeys", ["app build", "hub build"])];
        assert!(failed_needs("journeys", &needs, &[]).is_empty());
        assert!(failed_needs("journeys", &needs, &["lints"]).is_empty());
        assert_eq!(
            failed_needs("journeys", &needs, &["hub build", "app build"]),
            ["app build", "hub build"]
        );
        assert!(failed_needs("installers", &needs, &["app build"]).is_empty());
    }

    #[test]
    fn counts_tests_from_cargo_and_vitest_summaries() {
        let mut tally = TestTally::default();
        for line in [
            "test result: ok. 32 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.21s",
            "test result: FAILED. 5 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out",
            "      Tests  1 failed | 21 passed (22)",
            "      Tests  2 passed (2)",
            "\u{1b}[2m      Tests \u{1b}[22m \u{1b}[1m\u{1b}[32m111 passed\u{1b}[39m\u{1b}[22m\u{1b}[90m (111)\u{1b}[39m",
            " Test Files  4 passed (4)",
            "test meeting::tests::ordinal ... ok",
        ] {
            tally.read(line);
        }
        assert_eq!(
            tally,
            TestTally {
                passed: 171,
                failed: 3
            }
        );
    }
}
