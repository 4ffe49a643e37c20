//! `cargo xtask licences`: the third-party software shipped inside Plenary, with each package's
//! licence, written to `ui/src/settings/third-party-licences.json` (Settings → About shows it).
//! Rust crates: what the `plenary` package depends on at run time (normal dependencies, every
//! platform's, not build or dev ones, nor procedural macros), from `cargo tree` over Cargo.lock. npm packages: the
//! UI's dependencies in package-lock.json and what they depend on, and the Svelte runtime that the
//! compiled components import. A test fails when the file no longer matches the lock files.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::root;

pub const FILE: &str = "ui/src/settings/third-party-licences.json";

/// Packages listed as development tools in package.json whose code is in the built UI: the
/// Svelte runtime and the two packages it imports (their own dependencies are the compiler's,
/// which stays out of the app).
const BUNDLED_FROM_DEV: &[&str] = &["svelte", "esm-env", "clsx"];

type Entry = (String, String, String);

/// The briefing book's fonts (`crates/plenary-core/fonts/`, installed beside the app), cut down
/// from these Debian packages' releases by the folder's `make-fonts.sh`.
const FONTS: &[(&str, &str)] = &[
    ("Noto Sans", "fonts-noto-core 20201225"),
    ("Noto Sans Arabic", "fonts-noto-core 20201225"),
    ("Noto Sans CJK SC", "fonts-noto-cjk 20220127"),
];

/// The fonts' copyright lines and the SIL Open Font License, which must travel with them.
fn fonts_notice() -> Result<String, String> {
    let path = root().join("crates/plenary-core/fonts/OFL.txt");
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The file's content.
pub fn generate() -> Result<String, String> {
    let value = json!({
        "rust": entries(rust_crates()?),
        "npm": entries(npm_packages()?),
        "fonts": entries(FONTS.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned(), "OFL-1.1".to_owned())).collect()),
        "fonts_notice": fonts_notice()?,
    });
    serde_json::to_string_pretty(&value)
        .map(|text| text + "\n")
        .map_err(|e| e.to_string())
}

pub fn write() -> Result<(), String> {
    let path = root().join(FILE);
    std::fs::write(&path, generate()?).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("xtask: wrote {}", path.display());
    Ok(())
}

fn entries(set: BTreeSet<Entry>) -> Vec<Value> {
    set.into_iter()
        .map(|(name, version, license)| json!({ "name": name, "version": version, "license": license }))
        .collect()
}

fn rust_crates() -> Result<BTreeSet<Entry>, String> {
    // `cargo tree` resolves features as a build of the app does (a dev-dependency's features,
    // such as the hub's test cluster, stay out), over every platform's dependencies.
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "tree",
            "--package",
            "plenary",
            "--edges",
            "normal,no-proc-macro",
            "--target",
            "all",
            "--prefix",
            "none",
            "--locked",
            "--format",
            "{p}|{l}",
        ])
        .current_dir(root())
        .output()
        .map_err(|e| format!("cargo tree could not run: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut found = BTreeSet::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let line = line.trim_end_matches(" (*)");
        let Some((package, license)) = line.split_once('|') else {
            continue;
        };
        let mut words = package.split_whitespace();
        let (Some(name), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        // The workspace's own crates are Plenary.
        if words.next().is_some_and(|rest| rest.starts_with('(')) {
            continue;
        }
        let license = if license.is_empty() {
            "see the crate's licence file"
        } else {
            license
        };
        found.insert((
            name.to_owned(),
            version.trim_start_matches('v').to_owned(),
            license.to_owned(),
        ));
    }
    if found.is_empty() {
        return Err("cargo tree listed no dependencies".to_owned());
    }
    Ok(found)
}

fn npm_packages() -> Result<BTreeSet<Entry>, String> {
    let ui = root().join("ui");
    let read = |path: &Path| -> Result<Value, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let manifest = read(&ui.join("package.json"))?;
    let lock = read(&ui.join("package-lock.json"))?;
    let packages = lock["packages"]
        .as_object()
        .ok_or("package-lock.json has no `packages` (lockfile version 2 or later is needed)")?;

    // (the folder it is required from, the name, whether its dependencies ship too); resolved
    // as Node does, nearest first.
    let mut queue: Vec<(String, String, bool)> = manifest["dependencies"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, _)| (String::new(), name.clone(), true))
        .chain(
            BUNDLED_FROM_DEV
                .iter()
                .map(|name| (String::new(), (*name).to_owned(), false)),
        )
        .collect();
    let mut seen = HashSet::new();
    let mut found = BTreeSet::new();
    while let Some((from, name, walk)) = queue.pop() {
        let mut base = from.clone();
        let path = loop {
            let candidate = format!("{base}node_modules/{name}");
            if packages.contains_key(&candidate) {
                break Some(candidate);
            }
            match base.rfind("node_modules/") {
                Some(at) => base.truncate(at),
                None if base.is_empty() => break None,
                None => base.clear(),
            }
        };
        let Some(path) = path else {
            return Err(format!(
                "{name} is not in package-lock.json; run npm install"
            ));
        };
        if !seen.insert(path.clone()) {
            continue;
        }
        let entry = &packages[&path];
        found.insert((
            name.clone(),
            entry["version"].as_str().unwrap_or_default().to_owned(),
            entry["license"]
                .as_str()
                .unwrap_or("not declared")
                .to_owned(),
        ));
        if walk {
            for (dep, _) in entry["dependencies"].as_object().into_iter().flatten() {
                queue.push((format!("{path}/"), dep.clone(), true));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_list_matches_the_lock_files() {
        let committed = std::fs::read_to_string(root().join(FILE)).unwrap_or_default();
        let generated = generate().unwrap();
        assert!(
            committed == generated,
            "{FILE} is out of date with Cargo.lock or package-lock.json: run `cargo xtask licences`"
        );
        let value: Value = serde_json::from_str(&generated).unwrap();
        let names = |list: &str| -> Vec<String> {
            value[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["name"].as_str().unwrap().to_owned())
                .collect()
        };
        let (rust, npm) = (names("rust"), names("npm"));
        // What ships: the app's run-time crates, not its build tools or test crates.
        for shipped in ["tauri", "rusqlite", "tauri-plugin-single-instance", "jiff"] {
            assert!(rust.contains(&shipped.to_owned()), "{shipped} missing");
        }
        for not_shipped in [
            "plenary-core",
            "criterion",
            "tauri-build",
            "rcgen",
            "serde_derive",
        ] {
            assert!(
                !rust.contains(&not_shipped.to_owned()),
                "{not_shipped} listed"
            );
        }
        for shipped in [
            "@tauri-apps/api",
            "mdast-util-from-markdown",
            "micromark",
            "svelte",
        ] {
            assert!(npm.contains(&shipped.to_owned()), "{shipped} missing");
        }
        for not_shipped in ["vite", "vitest", "typescript", "@biomejs/biome", "acorn"] {
            assert!(
                !npm.contains(&not_shipped.to_owned()),
                "{not_shipped} listed"
            );
        }
    }
}
