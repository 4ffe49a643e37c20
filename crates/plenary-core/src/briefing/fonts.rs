//! The fonts a briefing book is set in, read from a folder (the installer puts them beside the
//! app; the sources are in `crates/plenary-core/fonts/`, made by its `make-fonts.sh`). Noto Sans
//! for Latin, Greek and Cyrillic, Noto Sans Arabic, and Noto Sans CJK for Chinese, Japanese and
//! Korean; a character is set in the first of them that has it.

use std::path::Path;
use std::sync::Arc;

use crate::error::{CoreError, Result};

/// The files, in the order of [`Face`].
pub const FONT_FILES: [&str; 5] = [
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansCJKsc-Regular.otf",
];

/// One of the fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular = 0,
    Bold = 1,
    ArabicRegular = 2,
    ArabicBold = 3,
    Cjk = 4,
}

/// The fonts' bytes, read once and shared.
#[derive(Clone)]
pub struct BriefingFonts {
    pub(crate) data: Vec<Arc<Vec<u8>>>,
}

impl std::fmt::Debug for BriefingFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BriefingFonts").finish_non_exhaustive()
    }
}

impl BriefingFonts {
    /// Reads the fonts from `folder`; a missing or unreadable one is refused with its name.
    pub fn load(folder: &Path) -> Result<Self> {
        let mut data = Vec::with_capacity(FONT_FILES.len());
        for name in FONT_FILES {
            let path = folder.join(name);
            let bytes = std::fs::read(&path).map_err(|_| missing(folder, name))?;
            if rustybuzz::Face::from_slice(&bytes, 0).is_none() {
                return Err(missing(folder, name));
            }
            data.push(Arc::new(bytes));
        }
        Ok(BriefingFonts { data })
    }

    /// The bytes of every font together.
    pub fn total_bytes(&self) -> usize {
        self.data.iter().map(|d| d.len()).sum()
    }
}

fn missing(folder: &Path, name: &str) -> CoreError {
    CoreError::Refused(format!(
        "The briefing book's fonts are missing or damaged ({name} in {}). Install Plenary again \
         to restore them. Nothing was written.",
        folder.display()
    ))
}
