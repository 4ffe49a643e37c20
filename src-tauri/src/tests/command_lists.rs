//! The command names are kept by hand in four places: the ACL's list (`build.rs`), the
//! capability that grants them (`capabilities/default.json`), the handler list (`lib.rs`) and the
//! UI's `api.ts`. A name missing in one of them is a command the window cannot call, or one it
//! calls and the shell refuses; this test names each such command and where it is missing.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?}"))
        + from;
    &text[from..to]
}

/// Every `"…"` literal in `text`, in order.
fn string_literals(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// `COMMANDS` in `build.rs`.
pub(super) fn acl_commands() -> Vec<String> {
    let source = read("build.rs");
    string_literals(between(&source, "const COMMANDS: &[&str] = &[", "];"))
}

/// The commands the `generate_handler!` list in `lib.rs` registers, by their function's name.
pub(super) fn registered_commands() -> Vec<String> {
    let source = read("src/lib.rs");
    between(&source, "generate_handler![", "]")
        .split(',')
        .map(|path| path.trim())
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap().to_owned())
        .collect()
}

/// The commands `capabilities/default.json` allows (`allow-list-bodies` → `list_bodies`).
fn granted_commands() -> Vec<String> {
    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/default.json")).unwrap();
    capability["permissions"]
        .as_array()
        .expect("a list of permissions")
        .iter()
        .map(|permission| {
            let name = permission.as_str().expect("permissions are names");
            name.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{name}: the capability grants only allow-<command>"))
                .replace('-', "_")
        })
        .collect()
}

/// The commands `ui/src/lib/api.ts` invokes: the first argument of each `call<…>("name", …)`,
/// `read<…>("name", …)` and `keptCall<…>("name", …)` in its `api` object (the helpers above it
/// pass names along).
fn ui_commands() -> Vec<String> {
    ui_commands_through(&["call<", "read<", "keptCall<"])
}

/// The commands the window reads through `read` or `keptCall`: it keeps what it knows of the data
/// revision across them, so none may write.
pub(super) fn ui_reads() -> Vec<String> {
    ui_commands_through(&["read<", "keptCall<"])
}

fn ui_commands_through(wrappers: &[&str]) -> Vec<String> {
    let source = read("../ui/src/lib/api.ts");
    let start = source
        .find("export const api")
        .expect("api.ts exports `api`");
    let source = &source[start..];
    let mut names = Vec::new();
    let calls = wrappers
        .iter()
        .flat_map(|wrapper| source.match_indices(wrapper));
    for (start, _) in calls {
        let rest = &source[start..];
        let open = rest.find("(").expect("a call has arguments");
        let argument = rest[open + 1..].trim_start();
        let name = argument
            .strip_prefix('"')
            .and_then(|a| a.split_once('"'))
            .map(|(name, _)| name.to_owned())
            .unwrap_or_else(|| panic!("api.ts: a call whose command is not a literal: {rest:.60}"));
        names.push(name);
    }
    names
}

fn duplicates(names: &[String]) -> Vec<&String> {
    let mut seen = BTreeSet::new();
    names.iter().filter(|n| !seen.insert(*n)).collect()
}

#[test]
fn every_command_is_listed_in_all_four_places() {
    let lists = [
        ("src-tauri/build.rs (COMMANDS)", acl_commands()),
        ("src-tauri/capabilities/default.json", granted_commands()),
        (
            "src-tauri/src/lib.rs (generate_handler!)",
            registered_commands(),
        ),
        ("ui/src/lib/api.ts", ui_commands()),
    ];
    let every: BTreeSet<&String> = lists.iter().flat_map(|(_, names)| names).collect();
    let mut problems = Vec::new();
    for (place, names) in &lists {
        let listed: BTreeSet<&String> = names.iter().collect();
        for name in &every {
            if !listed.contains(name) {
                problems.push(format!("`{name}` is missing from {place}"));
            }
        }
        for name in duplicates(names) {
            problems.push(format!("`{name}` is listed twice in {place}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(every.len() > 100, "only {} commands found", every.len());
}

#[test]
fn the_readers_find_a_missing_name() {
    // The readers above must see what they claim to: the registered list has a known command, and
    // a list without it would be reported.
    let registered = registered_commands();
    assert!(registered.contains(&"create_meeting".to_owned()));
    assert!(ui_commands().contains(&"diff_policy_text_versions".to_owned()));
    // A list kept in the window until the data changes is read too.
    assert!(ui_commands().contains(&"list_people".to_owned()));
    assert_eq!(
        string_literals(r#"["a", "b_c"]"#),
        ["a".to_owned(), "b_c".to_owned()]
    );
    assert_eq!(
        duplicates(&["a".to_owned(), "b".to_owned(), "a".to_owned()]),
        [&"a".to_owned()]
    );
}
