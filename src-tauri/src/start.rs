//! The page is served with its first screen in it: when the window asks for `index.html`, the
//! shell reads the first screen (the same as the `first_screen` command) and writes it into the
//! page as a JSON data block, so the page holds the dashboard's content by its load event and
//! the first frame shows it, without a request after the script has run. Every load reads it
//! afresh (a reload too). The folder has opened meanwhile: the window and its web process take
//! longer to start than the database to open.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{App, AppHandle, Assets, Manager, Runtime};

use crate::commands::overview::{FirstScreen, first_screen_within};
use crate::state::AppState;

/// How long the page waits for the data folder before it is served without the first screen.
/// An existing folder opens and reads its dashboard in a few tens of milliseconds; a new folder's
/// schema or a migration may take longer, and the page then asks once it has loaded.
#[cfg(not(feature = "test-seams"))]
const FIRST_SCREEN_WAIT: Duration = Duration::from_millis(250);
/// The end-to-end tests' build (unoptimised, on a loaded machine) waits as long as it takes, so
/// that what the window shows first does not depend on the machine's speed.
#[cfg(feature = "test-seams")]
const FIRST_SCREEN_WAIT: Duration = Duration::from_secs(10);

/// The id of the data block `ui/src/main.ts` reads.
const BLOCK_ID: &str = "plenary-first-screen";

/// The UI's files as built, with the first screen written into `index.html`.
pub struct PageWithFirstScreen<R: Runtime> {
    built: Box<dyn Assets<R>>,
    app: Arc<OnceLock<AppHandle<R>>>,
}

impl<R: Runtime> PageWithFirstScreen<R> {
    /// The built files served for the app `app` (tests; `serve` in the app).
    #[cfg(test)]
    pub(crate) fn over(built: Box<dyn Assets<R>>, app: Option<AppHandle<R>>) -> Self {
        PageWithFirstScreen {
            built,
            app: Arc::new(app.map(OnceLock::from).unwrap_or_default()),
        }
    }

    /// Puts itself in place of the context's files, which it serves.
    pub fn serve(context: &mut tauri::Context<R>) {
        let built = context.set_assets(Box::new(NoFiles));
        context.set_assets(Box::new(PageWithFirstScreen {
            built,
            app: Arc::default(),
        }));
    }

    fn page(&self, built: &[u8]) -> Option<Vec<u8>> {
        let state = self.app.get()?.try_state::<AppState>()?;
        let screen = first_screen_within(&state, FIRST_SCREEN_WAIT)?;
        page_with_first_screen(std::str::from_utf8(built).ok()?, &screen).map(String::into_bytes)
    }
}

impl<R: Runtime> Assets<R> for PageWithFirstScreen<R> {
    fn setup(&self, app: &App<R>) {
        self.built.setup(app);
        let _ = self.app.set(app.handle().clone());
    }

    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        let built = self.built.get(key)?;
        if key.as_ref() != "/index.html" {
            return Some(built);
        }
        // Without it (the state not yet there, the folder still opening, the dashboard not
        // read), the page as built, which asks for the first screen.
        Some(self.page(&built).map(Cow::Owned).unwrap_or(built))
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.built.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.built.csp_hashes(html_path)
    }
}

/// Stands in for the built files for the moment it takes to wrap them.
struct NoFiles;

impl<R: Runtime> Assets<R> for NoFiles {
    fn get(&self, _key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

/// `html` with the first screen as a JSON data block at the end of its head. A data block is
/// never run (the CSP has nothing to allow), and its text ends only at `</script`; so `<` is
/// written as `\u003c`, and `_` as `\u005f` so that no record's text can hold the placeholders
/// Tauri replaces with nonces in the page (`__TAURI_SCRIPT_NONCE__`). Both escapes occur only
/// inside JSON strings, where `JSON.parse` reads them back.
pub fn page_with_first_screen(html: &str, screen: &FirstScreen) -> Option<String> {
    let json = serde_json::to_string(screen)
        .ok()?
        .replace('<', "\\u003c")
        .replace('_', "\\u005f");
    let at = html.find("</head>")?;
    Some(format!(
        "{}<script type=\"application/json\" id=\"{BLOCK_ID}\">{json}</script>{}",
        &html[..at],
        &html[at..]
    ))
}
