//! Project automation, in Rust so it runs wherever cargo does (matklad's xtask pattern).
//!
//! `cargo xtask run`      set up what is missing, build, and open Plenary.
//! `cargo xtask build`    set up and build `target/debug/plenary` with the UI embedded.
//! `cargo xtask package`  build this platform's installers (on Linux a .deb and an .rpm).
//! `cargo xtask test`     set up, then every check: format, lints, core, shell, UI, bindings, end
//!                        to end, and the installers (installed, started and removed).
//! `cargo xtask bench`    measure the core on a decade of data (criterion).
//! `cargo xtask bench window` measure the window beside an empty Tauri app (start, memory, latency).
//! `cargo xtask decade DIR` write a decade of data into a data folder.
//! `cargo xtask bindings` regenerate `ui/src/lib/bindings.ts` from the Rust types.
//! `cargo xtask screenshot` take the README's `docs/screenshot.png` of the example office.
//! `cargo xtask licences` regenerate the third-party licences Settings → About shows.

mod licences;
mod package;
mod setup;
mod steps;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  run   [--data-dir DIR] [--release]   set up, build and open Plenary
  build [--data-dir DIR] [--release]   set up and build target/<profile>/plenary (UI embedded)
  package                              build this platform's installers (Linux: .deb and .rpm)
                                       into target/release/bundle/
  package-test                         build the installers, check what they declare, install the
                                       .deb, start it from its menu entry on a fresh profile and
                                       remove it (Debian-based Linux, as root or with sudo)
  test                                 set up, then run every check and test, end to end included
  bench                                measure dashboard, meeting view and search on a decade of data
  bench window                         measure the window beside an empty Tauri app: start-up,
                                       memory, click → content painted on a decade of data
  decade DIR                           write a decade of data (500 meetings, 2,000 people, 1,000
                                       policy documents, 6,000 assignments) into a new folder DIR
  bindings                             regenerate ui/src/lib/bindings.ts from the Rust types
  screenshot                           take docs/screenshot.png (the example office, 1280x800)
  licences                             regenerate the third-party licences list (Settings → About)

The app keeps its data in the OS's app-data folder unless --data-dir DIR (or PLENARY_DATA_DIR)
names another.";

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let command = args
        .next()
        .and_then(|c| c.into_string().ok())
        .unwrap_or_default();
    let rest: Vec<OsString> = args.collect();
    let result = match command.as_str() {
        "run" => Options::parse(&rest).and_then(|o| steps::run(&o)),
        "build" => Options::parse(&rest).and_then(|o| {
            steps::build(&o).map(|binary| {
                println!("xtask: built {}", binary.display());
                if let Some(dir) = &o.data_dir {
                    println!(
                        "xtask: start it on that data folder with: {} --data-dir {}",
                        binary.display(),
                        dir.display()
                    );
                }
            })
        }),
        "package" => package::package().map(|_| ()),
        "package-test" => package::package_test(),
        "test" => steps::test(),
        "bindings" => steps::bindings(),
        "screenshot" => steps::screenshot(),
        "licences" => licences::write(),
        "bench" => match rest.first().and_then(|a| a.to_str()) {
            None => steps::bench(),
            Some("window") => steps::bench_window(),
            Some(other) => Err(format!("unknown bench `{other}`\n\n{USAGE}")),
        },
        "decade" => match rest.first() {
            Some(dir) => std::path::absolute(dir)
                .map_err(|e| e.to_string())
                .and_then(|dir| steps::decade_folder(&dir)),
            None => Err(format!("decade needs a new or empty folder\n\n{USAGE}")),
        },
        "" | "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Options of `run` and `build`.
#[derive(Debug, Default, PartialEq)]
pub struct Options {
    pub data_dir: Option<PathBuf>,
    pub release: bool,
}

impl Options {
    fn parse(args: &[OsString]) -> Result<Options, String> {
        let mut options = Options {
            data_dir: std::env::var_os("PLENARY_DATA_DIR")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from),
            release: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let text = arg.to_string_lossy();
            if text == "--data-dir" {
                let dir = args
                    .next()
                    .ok_or("--data-dir needs a folder, e.g. --data-dir ~/plenary-test")?;
                options.data_dir = Some(PathBuf::from(dir));
            } else if let Some(dir) = text.strip_prefix("--data-dir=") {
                options.data_dir = Some(PathBuf::from(dir));
            } else if text == "--release" {
                options.release = true;
            } else {
                return Err(format!("unknown option `{text}`\n\n{USAGE}"));
            }
        }
        Ok(options)
    }
}

/// The repository's root (the parent of this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::parse(&args.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn options_take_a_data_folder_and_a_profile() {
        assert_eq!(
            parse(&["--data-dir", "/tmp/p"]).unwrap().data_dir,
            Some("/tmp/p".into())
        );
        assert_eq!(
            parse(&["--data-dir=/tmp/q", "--release"]).unwrap(),
            Options {
                data_dir: Some("/tmp/q".into()),
                release: true
            }
        );
        assert!(
            parse(&["--data-dir"])
                .unwrap_err()
                .contains("needs a folder")
        );
        assert!(
            parse(&["--frobnicate"])
                .unwrap_err()
                .contains("unknown option")
        );
    }
}
