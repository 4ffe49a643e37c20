//! `cargo xtask package`: the installers this platform can make, by Tauri's bundler (the project's
//! `@tauri-apps/cli`), from a release build with the UI embedded. `bundle.targets` in
//! `src-tauri/tauri.conf.json` lists every platform's formats; the bundler makes those of the
//! platform it runs on (on Linux `.deb` and `.rpm`: both build offline).
//!
//! `cargo xtask package-test`: checks what the installers declare, installs the `.deb` with the
//! system's package manager, starts the installed app with its menu entry's command on a fresh
//! profile (the `e2e:installed` journey in the real window), removes the package with
//! `apt-get purge`, and checks that nothing of it is left but the person's data.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use crate::root;
use crate::setup::{self, Purpose};
use crate::steps::{build_ui, command_output, run_command, run_counting, window_command};

/// What `tauri.conf.json` says the installers are.
#[derive(Debug)]
pub struct AppConfig {
    pub product_name: String,
    pub main_binary: String,
    pub version: String,
    pub identifier: String,
    pub publisher: String,
    pub homepage: String,
    pub license: String,
    pub short_description: String,
    pub long_description: String,
}

impl AppConfig {
    pub fn read() -> Result<AppConfig, String> {
        let path = root().join("src-tauri/tauri.conf.json");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("could not read {}: {e}", path.display()))?;
        AppConfig::parse(&text)
    }

    fn parse(text: &str) -> Result<AppConfig, String> {
        let config: Value = serde_json::from_str(text)
            .map_err(|e| format!("tauri.conf.json is not valid JSON: {e}"))?;
        let field = |pointer: &str| {
            config
                .pointer(pointer)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| format!("tauri.conf.json has no {pointer}"))
        };
        Ok(AppConfig {
            product_name: field("/productName")?,
            main_binary: field("/mainBinaryName")?,
            version: field("/version")?,
            identifier: field("/identifier")?,
            publisher: field("/bundle/publisher")?,
            homepage: field("/bundle/homepage")?,
            license: field("/bundle/license")?,
            short_description: field("/bundle/shortDescription")?,
            long_description: field("/bundle/longDescription")?,
        })
    }

    /// The Linux package's name: the bundler's kebab case of the product name.
    pub fn package_name(&self) -> String {
        self.product_name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// Builds the UI, the release app and this platform's installers; returns the installers' paths.
pub fn package() -> Result<Vec<PathBuf>, String> {
    setup::ensure(Purpose::App)?;
    // A UI build rewrites ui/dist, and the release app embeds it: build it only when its sources
    // are newer, so a second `package` does not recompile the app.
    if !ui_is_built() {
        build_ui()?;
    }
    let started = SystemTime::now();
    let timer = Instant::now();
    // `tauri build` builds `--release` with the `tauri/custom-protocol` feature (the UI served
    // from the binary, as shipped), then bundles `bundle.targets` for this platform.
    let mut tauri = Command::new("node");
    tauri
        .arg(root().join("ui/node_modules/@tauri-apps/cli/tauri.js"))
        .args(["build", "--ci"])
        .current_dir(root().join("src-tauri"));
    run_command(tauri)?;
    let installers = new_files(&root().join("target/release/bundle"), started)?;
    if installers.is_empty() {
        return Err("tauri build made no installer under target/release/bundle".to_owned());
    }
    println!(
        "xtask: installers built in {:.0} s:",
        timer.elapsed().as_secs_f32()
    );
    for installer in &installers {
        let size = std::fs::metadata(installer).map(|m| m.len()).unwrap_or(0);
        println!(
            "  {} ({:.1} MB)",
            installer.display(),
            size as f64 / 1_000_000.0
        );
    }
    let binary = root()
        .join("target/release")
        .join(crate::steps::executable("plenary"));
    if let Ok(meta) = std::fs::metadata(&binary) {
        println!(
            "xtask: the release binary is {:.1} MB",
            meta.len() as f64 / 1_000_000.0
        );
    }
    Ok(installers)
}

/// Whether ui/dist is newer than everything it is built from.
fn ui_is_built() -> bool {
    fn newest(path: &Path) -> Option<SystemTime> {
        let meta = std::fs::metadata(path).ok()?;
        let own = meta.modified().ok()?;
        if !meta.is_dir() {
            return Some(own);
        }
        std::fs::read_dir(path)
            .ok()?
            .flatten()
            .filter_map(|entry| newest(&entry.path()))
            .chain([own])
            .max()
    }
    let ui = root().join("ui");
    let Some(built) = newest(&ui.join("dist/index.html")) else {
        return false;
    };
    [
        "src",
        "index.html",
        "package-lock.json",
        "vite.config.ts",
        "public",
    ]
    .iter()
    .filter_map(|source| newest(&ui.join(source)))
    .all(|changed| changed <= built)
}

/// Installer files (and macOS `.app` folders) under `bundle/<format>/` written since `since`.
fn new_files(bundle: &Path, since: SystemTime) -> Result<Vec<PathBuf>, String> {
    const INSTALLERS: &[&str] = &["deb", "rpm", "msi", "exe", "dmg", "app"];
    let mut found = Vec::new();
    let formats = std::fs::read_dir(bundle)
        .map_err(|e| format!("could not read {}: {e}", bundle.display()))?;
    for format in formats.flatten() {
        let Ok(entries) = std::fs::read_dir(format.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let is_installer = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| INSTALLERS.contains(&e));
            let fresh = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|modified| modified >= since);
            if is_installer && fresh {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The installer test (Debian-based Linux, as root or with passwordless sudo).
pub fn package_test() -> Result<(), String> {
    if !Path::new("/usr/bin/dpkg-query").exists() || !Path::new("/usr/bin/apt-get").exists() {
        return Err(
            "the installer test installs the .deb with apt-get: it needs a Debian-based Linux"
                .to_owned(),
        );
    }
    let privileged = setup::privileged_apt()
        .map_err(|e| format!("the installer test installs the .deb with apt-get, which {e}"))?;
    setup::ensure(Purpose::Tests)?;
    let config = AppConfig::read()?;
    let installers = package()?;
    let pick = |extension: &str| {
        installers
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == extension))
            .cloned()
            .ok_or_else(|| format!("no .{extension} was built"))
    };
    let deb = pick("deb")?;
    let rpm = pick("rpm")?;

    let timer = Instant::now();
    let binary = extract_binary(&deb, &config)?;
    let direct = check_deb(&deb, &config, &binary)?;
    check_rpm(&rpm, &config, &binary, &direct)?;
    println!("xtask: what the .deb and the .rpm declare is right");

    let home = std::env::temp_dir().join(format!("plenary-installed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home)
        .map_err(|e| format!("could not create {}: {e}", home.display()))?;
    let package = config.package_name();
    let outcome = install_run_remove(&privileged, &deb, &config, &home);
    // Whatever happened, the machine is left without the package.
    let tidy = if is_installed(&package) {
        run_command(privileged.apt(&["purge", "-y", "-qq", &package]))
    } else {
        Ok(())
    };
    let _ = std::fs::remove_dir_all(&home);
    let _ = std::fs::remove_dir_all(binary.parent().and_then(Path::parent).unwrap_or(&binary));
    outcome.and(tidy)?;
    println!(
        "xtask: installed, started from the menu entry, and removed cleanly in {:.0} s",
        timer.elapsed().as_secs_f32()
    );
    Ok(())
}

/// The main binary, unpacked from the .deb into a temporary folder (`<tmp>/usr/bin/<name>`).
fn extract_binary(deb: &Path, config: &AppConfig) -> Result<PathBuf, String> {
    let unpacked = std::env::temp_dir().join(format!("plenary-deb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&unpacked);
    let mut unpack = Command::new("dpkg-deb");
    unpack.arg("-x").arg(deb).arg(&unpacked);
    run_command(unpack)?;
    let binary = unpacked.join("usr/bin").join(&config.main_binary);
    if !binary.is_file() {
        return Err(format!("the .deb has no /usr/bin/{}", config.main_binary));
    }
    Ok(binary)
}

/// Checks the control file against tauri.conf.json, and that every library the binary needs comes
/// with the declared Depends; returns the libraries whose own packages are declared, with them.
fn check_deb(
    deb: &Path,
    config: &AppConfig,
    binary: &Path,
) -> Result<Vec<(String, String)>, String> {
    let fields = control_fields(&command_output(
        Command::new("dpkg-deb").arg("-f").arg(deb),
    )?);
    let field = |name: &str| fields.get(name).map(String::as_str).unwrap_or("");
    let arch = command_output(Command::new("dpkg").arg("--print-architecture"))?;
    let description = field("Description");
    let (short, long) = description.split_once('\n').unwrap_or((description, ""));
    let expectations = [
        ("Package", field("Package") == config.package_name()),
        ("Version", field("Version") == config.version),
        ("Architecture", field("Architecture") == arch.trim()),
        (
            "Maintainer",
            field("Maintainer").contains(&config.publisher),
        ),
        ("Homepage", field("Homepage") == config.homepage),
        (
            "Description (short)",
            short.trim() == config.short_description,
        ),
        (
            "Description (long)",
            words(&long.replace("\n.\n", "\n")) == words(&config.long_description),
        ),
    ];
    let wrong: Vec<&str> = expectations
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(name, _)| *name)
        .collect();
    if !wrong.is_empty() {
        return Err(format!(
            "the .deb's control file does not match tauri.conf.json in: {}\n{fields:#?}",
            wrong.join(", ")
        ));
    }
    let depends = dependency_names(field("Depends"));
    let covered = apt_closure(&depends)?;
    let mut uncovered = Vec::new();
    let mut direct = Vec::new();
    for (library, owner) in library_owners(binary)? {
        if depends.contains(&owner) {
            direct.push((library, owner));
        } else if !covered.contains(&owner) {
            uncovered.push(format!("{library} (from {owner})"));
        }
    }
    if !uncovered.is_empty() {
        return Err(format!(
            "the binary needs libraries that the .deb's Depends ({}) do not bring: {}",
            field("Depends"),
            uncovered.join(", ")
        ));
    }
    if direct.is_empty() {
        return Err(format!(
            "none of the .deb's Depends ({}) provides a library the binary links",
            field("Depends")
        ));
    }
    Ok(direct)
}

/// `direct`: the libraries the .deb declares by their packages, with them (see [`check_deb`]).
fn check_rpm(
    rpm: &Path,
    config: &AppConfig,
    binary: &Path,
    direct: &[(String, String)],
) -> Result<(), String> {
    let query = |format: &str| {
        command_output(
            Command::new("rpm")
                .args(["-qp", "--queryformat", format])
                .arg(rpm),
        )
    };
    let facts = [
        ("Name", query("%{NAME}")?, config.package_name()),
        ("Version", query("%{VERSION}")?, config.version.clone()),
        ("License", query("%{LICENSE}")?, config.license.clone()),
        ("URL", query("%{URL}")?, config.homepage.clone()),
        (
            "Summary",
            query("%{SUMMARY}")?,
            config.short_description.clone(),
        ),
    ];
    for (name, found, expected) in facts {
        if found.trim() != expected {
            return Err(format!(
                "the .rpm's {name} is {found:?}, tauri.conf.json says {expected:?}"
            ));
        }
    }
    if words(&query("%{DESCRIPTION}")?) != words(&config.long_description) {
        return Err("the .rpm's description is not tauri.conf.json's longDescription".to_owned());
    }
    // Each library the .deb depends on by name is required by soname in the .rpm (rpm names
    // packages differently across distributions; sonames are the same everywhere).
    let requires: BTreeSet<String> = command_output(Command::new("rpm").arg("-qpR").arg(rpm))?
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty() && !l.starts_with("rpmlib("))
        .collect();
    let needed = needed_libraries(binary)?;
    let bogus: Vec<&String> = requires
        .iter()
        .filter(|r| !needed.iter().any(|lib| r.starts_with(&format!("{lib}("))))
        .collect();
    if requires.is_empty() || !bogus.is_empty() {
        return Err(format!(
            "the .rpm requires {requires:?}: each must be a library the binary links ({needed:?})"
        ));
    }
    // One soname stands for its package (gtk3 brings libgdk-3 with libgtk-3).
    let packages: BTreeSet<&String> = direct.iter().map(|(_, owner)| owner).collect();
    for package in packages {
        let libraries: Vec<&String> = direct
            .iter()
            .filter(|(_, owner)| owner == package)
            .map(|(library, _)| library)
            .collect();
        let required = libraries
            .iter()
            .any(|lib| requires.iter().any(|r| r.starts_with(&format!("{lib}("))));
        if !required {
            return Err(format!(
                "the .rpm requires none of {libraries:?}, which the .deb brings with {package}"
            ));
        }
    }
    let files = command_output(Command::new("rpm").arg("-qpl").arg(rpm))?;
    for expected in [
        format!("/usr/bin/{}", config.main_binary),
        format!("/usr/share/applications/{}.desktop", config.product_name),
        format!("/usr/share/licenses/{}/LICENSE", config.package_name()),
    ] {
        if !files.lines().any(|l| l == expected) {
            return Err(format!("the .rpm does not install {expected}"));
        }
    }
    Ok(())
}

fn install_run_remove(
    privileged: &setup::Privileged,
    deb: &Path,
    config: &AppConfig,
    home: &Path,
) -> Result<(), String> {
    let package = config.package_name();
    if is_installed(&package) {
        run_command(privileged.apt(&["purge", "-y", "-qq", &package]))?;
    }
    let deb_arg = deb
        .canonicalize()
        .map_err(|e| format!("{}: {e}", deb.display()))?;
    let mut install = privileged.apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.arg(&deb_arg);
    run_command(install)?;
    if !is_installed(&package) {
        return Err(format!(
            "apt-get installed {} but dpkg does not list it",
            deb.display()
        ));
    }

    let files: Vec<PathBuf> = command_output(Command::new("dpkg").args(["-L", &package]))?
        .lines()
        .filter(|l| l.starts_with('/') && *l != "/.")
        .map(PathBuf::from)
        .collect();
    let desktop = files
        .iter()
        .find(|p| {
            p.starts_with("/usr/share/applications")
                && p.extension().is_some_and(|e| e == "desktop")
        })
        .ok_or("the package installs no menu entry under /usr/share/applications")?;
    let entry = desktop_entry(
        &std::fs::read_to_string(desktop).map_err(|e| format!("{}: {e}", desktop.display()))?,
    );
    let value = |key: &str| entry.get(key).map(String::as_str).unwrap_or("");
    if value("Type") != "Application"
        || value("Name") != config.product_name
        || value("Comment") != config.short_description
        || !value("Categories").split(';').any(|c| c == "Office")
    {
        return Err(format!(
            "the menu entry {} is not right: {entry:#?}",
            desktop.display()
        ));
    }
    let icon = value("Icon");
    if !files.iter().any(|p| {
        p.starts_with("/usr/share/icons/hicolor") && p.file_stem().is_some_and(|s| s == icon)
    }) {
        return Err(format!(
            "the menu entry's icon {icon:?} is not installed by the package"
        ));
    }
    let argv = exec_argv(value("Exec"));
    let Some((program, args)) = argv.split_first() else {
        return Err(format!(
            "the menu entry {} has no Exec command",
            desktop.display()
        ));
    };
    let program = on_path(program).ok_or_else(|| {
        format!("the menu entry's command {program:?} is not on PATH after installing")
    })?;
    if !files.contains(&program) {
        return Err(format!(
            "the menu entry starts {}, which is not the package's",
            program.display()
        ));
    }

    // The journey in the real window, on a fresh profile.
    let args_json = serde_json::to_string(args).map_err(|e| e.to_string())?;
    let mut journey = window_command(&["run", "e2e:installed"]);
    journey
        .env("PLENARY_INSTALLED_PROGRAM", &program)
        .env("PLENARY_INSTALLED_ARGS", args_json)
        .env("PLENARY_INSTALLED_HOME", home)
        .env(
            "TAURI_DRIVER",
            crate::steps::tauri_driver().ok_or("tauri-driver is not installed")?,
        );
    run_counting(journey, &mut crate::steps::TestTally::default())?;
    wait_until_not_running(&program, Duration::from_secs(10))?;

    run_command(privileged.apt(&["purge", "-y", "-qq", &package]))?;
    if is_installed(&package) {
        return Err(format!("{package} is still installed after apt-get purge"));
    }
    let left: Vec<String> = files
        .iter()
        .filter(|path| left_behind(path))
        .map(|p| p.display().to_string())
        .collect();
    if !left.is_empty() {
        return Err(format!(
            "left behind after apt-get purge: {}",
            left.join(", ")
        ));
    }
    if argv.first().and_then(|p| on_path(p)).is_some() {
        return Err("the menu entry's command is still on PATH after apt-get purge".to_owned());
    }
    let data = home
        .join(".local/share")
        .join(&config.identifier)
        .join("plenary.sqlite3");
    if !data.is_file() {
        return Err(format!(
            "the person's data ({}) did not survive removing the package",
            data.display()
        ));
    }
    Ok(())
}

/// A path the package listed that is still there and belongs to nothing else: a file, or a folder
/// no other package owns.
fn left_behind(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Err(_) => false,
        Ok(meta) if meta.is_dir() => Command::new("dpkg")
            .arg("-S")
            .arg(path)
            .output()
            .map(|o| !o.status.success())
            .unwrap_or(true),
        Ok(_) => true,
    }
}

fn is_installed(package: &str) -> bool {
    command_output(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_ok_and(|status| status.contains("install ok installed"))
}

/// Waits until no process runs `program` (the journey closes the window; the app then exits).
fn wait_until_not_running(program: &Path, timeout: Duration) -> Result<(), String> {
    let started = Instant::now();
    loop {
        let running = std::fs::read_dir("/proc")
            .map(|entries| {
                entries.flatten().any(|entry| {
                    std::fs::read_link(entry.path().join("exe")).is_ok_and(|exe| exe == program)
                })
            })
            .unwrap_or(false);
        if !running {
            return Ok(());
        }
        if started.elapsed() > timeout {
            return Err(format!(
                "{} still runs {} s after its window was closed",
                program.display(),
                timeout.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn on_path(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        return Some(PathBuf::from(program)).filter(|p| p.is_file());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// The shared libraries the ELF `binary` names (DT_NEEDED), by `objdump -p`.
fn needed_libraries(binary: &Path) -> Result<Vec<String>, String> {
    let dump = command_output(Command::new("objdump").arg("-p").arg(binary))?;
    Ok(dump
        .lines()
        .filter_map(|line| line.trim().strip_prefix("NEEDED"))
        .map(|lib| lib.trim().to_owned())
        .collect())
}

/// Each needed library with the package that provides it on this machine.
fn library_owners(binary: &Path) -> Result<Vec<(String, String)>, String> {
    let cache = command_output(Command::new("ldconfig").arg("-p"))?;
    let mut owners = Vec::new();
    for library in needed_libraries(binary)? {
        let path = ldconfig_path(&cache, &library)
            .ok_or_else(|| format!("{library} is not installed on this machine"))?;
        let owner = package_owning(&path)
            .ok_or_else(|| format!("no package owns {} ({library})", path.display()))?;
        owners.push((library, owner));
    }
    Ok(owners)
}

/// Where `ldconfig -p` finds `library` for this machine's word size.
fn ldconfig_path(cache: &str, library: &str) -> Option<PathBuf> {
    let wide = cfg!(target_pointer_width = "64");
    cache.lines().find_map(|line| {
        let (name, rest) = line.trim().split_once(' ')?;
        let (kind, path) = rest.split_once("=>")?;
        (name == library && kind.contains("64") == wide).then(|| PathBuf::from(path.trim()))
    })
}

/// The package owning `path`, trying it as found and with /usr merged or not.
fn package_owning(path: &Path) -> Option<String> {
    let mut candidates = vec![path.to_owned()];
    if let Ok(real) = path.canonicalize() {
        candidates.push(real);
    }
    for candidate in candidates.clone() {
        let text = candidate.to_string_lossy().into_owned();
        match text.strip_prefix("/usr") {
            Some(rest) => candidates.push(PathBuf::from(rest)),
            None => candidates.push(PathBuf::from(format!("/usr{text}"))),
        }
    }
    candidates.iter().find_map(|candidate| {
        let found = command_output(Command::new("dpkg").arg("-S").arg(candidate)).ok()?;
        let package = found.lines().next()?.split(':').next()?.trim().to_owned();
        Some(package).filter(|p| !p.is_empty())
    })
}

/// `packages` and everything they depend on, recursively (alternatives and providers included), by
/// `apt-cache depends`.
fn apt_closure(packages: &[String]) -> Result<BTreeSet<String>, String> {
    let mut command = Command::new("apt-cache");
    command.args([
        "depends",
        "--recurse",
        "--no-recommends",
        "--no-suggests",
        "--no-conflicts",
        "--no-breaks",
        "--no-replaces",
        "--no-enhances",
    ]);
    command.args(packages);
    Ok(closure_names(&command_output(&mut command)?))
}

/// Package names from `apt-cache depends --recurse` output: every name it mentions.
fn closure_names(output: &str) -> BTreeSet<String> {
    output
        .lines()
        .filter_map(|line| {
            let name = line.trim().rsplit(' ').next()?;
            let name = name
                .trim_start_matches('|')
                .trim_matches(|c| c == '<' || c == '>');
            let name = name.split(':').next()?;
            (!name.is_empty()).then(|| name.to_owned())
        })
        .collect()
}

/// Names in a Depends field: `a (>= 1), b | c:any` → a, b, c.
fn dependency_names(field: &str) -> Vec<String> {
    field
        .split([',', '|'])
        .filter_map(|part| {
            let name = part.split_whitespace().next()?;
            Some(name.split(':').next()?.to_owned())
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// A Debian control file's fields; continuation lines join the field with newlines.
fn control_fields(text: &str) -> BTreeMap<String, String> {
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(value) = current.as_ref().and_then(|name| fields.get_mut(name)) {
                value.push('\n');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.insert(name.trim().to_owned(), value.trim().to_owned());
            current = Some(name.trim().to_owned());
        }
    }
    fields
}

/// The `[Desktop Entry]` group of a .desktop file.
fn desktop_entry(text: &str) -> BTreeMap<String, String> {
    let mut entry = BTreeMap::new();
    let mut in_entry = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_entry = line == "[Desktop Entry]";
        } else if in_entry
            && !line.starts_with('#')
            && let Some((key, value)) = line.split_once('=')
        {
            entry.insert(key.trim().to_owned(), value.trim().to_owned());
        }
    }
    entry
}

/// An Exec line as the menu runs it: words (double quotes group, backslash escapes inside them),
/// field codes such as `%U` dropped and `%%` made `%` (the Desktop Entry specification).
fn exec_argv(exec: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut started = false;
    let mut quoted = false;
    let mut chars = exec.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            '\\' if quoted => {
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            // A field code (%f, %U, %i, …) stands for what the menu passes: nothing here.
            '%' => {
                if chars.next() == Some('%') {
                    word.push('%');
                    started = true;
                }
            }
            c if c.is_whitespace() && !quoted => {
                if started || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started || !word.is_empty() {
        words.push(word);
    }
    words
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_installers_must_declare_from_the_tauri_config() {
        let config = AppConfig::read().unwrap();
        assert_eq!(config.package_name(), "plenary");
        assert_eq!(config.main_binary, "plenary");
        assert!(!config.long_description.is_empty());
        assert!(AppConfig::parse("{}").unwrap_err().contains("/productName"));
        let spaced = AppConfig {
            product_name: "Plenary Office 2".into(),
            ..config
        };
        assert_eq!(spaced.package_name(), "plenary-office-2");
    }

    /// The release workflow is not run here: it must at least agree with the repository.
    #[test]
    fn release_workflow_matches_the_repository() {
        let workflow =
            std::fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
        assert!(workflow.contains("uses: tauri-apps/tauri-action@v0"));
        let apt_line = workflow
            .lines()
            .find(|l| l.trim_start().starts_with("sudo apt-get install"))
            .expect("the Linux job installs Tauri's system libraries");
        let listed: BTreeSet<&str> = apt_line
            .split_whitespace()
            .skip(3)
            .filter(|w| !w.starts_with('-'))
            .collect();
        assert_eq!(listed, crate::setup::APT_APP.iter().copied().collect());
        let toolchain = std::fs::read_to_string(root().join("rust-toolchain.toml")).unwrap();
        let pinned = toolchain
            .lines()
            .find_map(|l| l.strip_prefix("channel = "))
            .unwrap()
            .trim_matches('"');
        assert!(
            workflow.contains(&format!("toolchain: {pinned}\n")),
            "the workflow builds with Rust {pinned}"
        );
        for path in ["ui/package-lock.json", "src-tauri/tauri.conf.json"] {
            assert!(
                workflow.contains(path) && root().join(path).exists(),
                "{path}"
            );
        }
        // `npx --prefix ui tauri` is the CLI that ui/package.json pins.
        let ui = std::fs::read_to_string(root().join("ui/package.json")).unwrap();
        assert!(ui.contains("\"@tauri-apps/cli\""));
        assert!(workflow.contains("tauriScript: npx --prefix ui tauri"));
        assert!(workflow.contains("working-directory: ui"));
    }

    #[test]
    fn splits_exec_lines_as_the_menu_does() {
        assert_eq!(exec_argv("plenary"), ["plenary"]);
        assert_eq!(exec_argv("plenary %U"), ["plenary"]);
        assert_eq!(
            exec_argv(r#""/opt/My App/plenary" --data-dir "a \"b\"" 100%%"#),
            ["/opt/My App/plenary", "--data-dir", "a \"b\"", "100%"]
        );
        assert_eq!(exec_argv(r#"plenary """#), ["plenary", ""]);
    }

    #[test]
    fn reads_control_files_desktop_entries_and_depends() {
        let control = "Package: plenary\nVersion: 0.1.0\nDepends: libgtk-3-0 (>= 3.24), libfoo1:any | libbar2\nDescription: Short\n Long one\n .\n two\n";
        let fields = control_fields(control);
        assert_eq!(fields["Package"], "plenary");
        assert_eq!(fields["Description"], "Short\nLong one\n.\ntwo");
        assert_eq!(
            dependency_names(&fields["Depends"]),
            ["libgtk-3-0", "libfoo1", "libbar2"]
        );

        let entry = desktop_entry(
            "# menu\n[Desktop Entry]\nName=Plenary\nExec=plenary\n[Desktop Action new]\nName=New\n",
        );
        assert_eq!(entry["Name"], "Plenary");
        assert_eq!(entry["Exec"], "plenary");
        assert_eq!(entry.len(), 2);
    }

    #[test]
    fn reads_apt_closures_and_ldconfig() {
        let closure = "libgtk-3-0\n  Depends: libc6\n |Depends: libfoo1:any\n  Depends: <libbar>\nlibc6\n<libbar>\n  libbar-impl\n";
        let names = closure_names(closure);
        for name in ["libgtk-3-0", "libc6", "libfoo1", "libbar", "libbar-impl"] {
            assert!(names.contains(name), "{name} in {names:?}");
        }
        let cache = "3 libs found in cache `/etc/ld.so.cache'\n\tlibgtk-3.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgtk-3.so.0\n\tlibgtk-3.so.0 (libc6) => /lib/i386-linux-gnu/libgtk-3.so.0\n";
        let expected = if cfg!(target_pointer_width = "64") {
            "/lib/x86_64-linux-gnu/libgtk-3.so.0"
        } else {
            "/lib/i386-linux-gnu/libgtk-3.so.0"
        };
        assert_eq!(
            ldconfig_path(cache, "libgtk-3.so.0"),
            Some(PathBuf::from(expected))
        );
        assert_eq!(ldconfig_path(cache, "libnone.so.1"), None);
    }
}
