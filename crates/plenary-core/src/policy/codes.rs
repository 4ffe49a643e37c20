//! Identifiers: WMA handbook codes (`D-1948-01-2017`), WHO symbols (`WHA77.17`, `EB154.R3`,
//! `WHA75(9)`, `EB150(3)`) and the association's own policy identifiers (`H-295.988`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::meeting::truncate;

/// The year the WMA was founded: no handbook code is older.
pub const FIRST_WMA_YEAR: i16 = 1947;

/// `T-YYYY-NN-ZZZZ`: type letter(s), year first adopted, sequence, year of the last action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandbookCode {
    pub letter: String,
    pub first_year: i16,
    pub sequence: u8,
    pub last_year: i16,
}

impl HandbookCode {
    /// Parses and checks a code; `this_year` is the latest plausible year.
    pub fn parse(text: &str, this_year: i16) -> Result<HandbookCode, String> {
        let text = text.trim().to_uppercase();
        let shown = truncate(&text, 40);
        let bad = || {
            format!(
                "\"{shown}\" is not a handbook code. It looks like D-1948-01-2017: the type (D, S, R or CR), the year first adopted, a two-digit number, the year of the last action."
            )
        };
        let parts: Vec<&str> = text.split('-').collect();
        let [letter, first, sequence, last] = parts[..] else {
            return Err(bad());
        };
        if !["D", "S", "R", "CR"].contains(&letter) {
            return Err(bad());
        }
        let digits = |part: &str, len: usize| {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<i16>().ok())
                .flatten()
        };
        let (Some(first_year), Some(sequence), Some(last_year)) =
            (digits(first, 4), digits(sequence, 2), digits(last, 4))
        else {
            return Err(bad());
        };
        for year in [first_year, last_year] {
            if !(FIRST_WMA_YEAR..=this_year).contains(&year) {
                return Err(format!(
                    "{year} in \"{shown}\" is not a plausible year: WMA policy dates from {FIRST_WMA_YEAR} to {this_year}."
                ));
            }
        }
        if last_year < first_year {
            return Err(format!(
                "In \"{shown}\" the last action ({last_year}) comes before the first adoption ({first_year}); the last part is never earlier than the second."
            ));
        }
        if sequence == 0 {
            return Err(format!(
                "\"{shown}\": the number after the year starts at 01."
            ));
        }
        Ok(HandbookCode {
            letter: letter.to_owned(),
            first_year,
            sequence: sequence as u8,
            last_year,
        })
    }

    /// The same code with a different last year.
    pub fn with_last_year(&self, last_year: i16) -> HandbookCode {
        HandbookCode {
            last_year,
            ..self.clone()
        }
    }
}

impl fmt::Display for HandbookCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:04}-{:02}-{:04}",
            self.letter, self.first_year, self.sequence, self.last_year
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WhoSymbolKind {
    Resolution,
    Decision,
}

/// The WHO governing body a symbol names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhoOrgan {
    /// World Health Assembly (`WHA77.17`, `WHA75(9)`).
    Assembly,
    /// Executive Board (`EB154.R3`, `EB150(3)`).
    ExecutiveBoard,
}

impl WhoOrgan {
    /// The seeded body whose meetings carry this organ's outcomes.
    pub fn body_id(self) -> &'static str {
        match self {
            WhoOrgan::Assembly => "world_health_assembly",
            WhoOrgan::ExecutiveBoard => "who_executive_board",
        }
    }

    pub fn prefix(self) -> &'static str {
        match self {
            WhoOrgan::Assembly => "WHA",
            WhoOrgan::ExecutiveBoard => "EB",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WhoSymbol {
    pub organ: WhoOrgan,
    /// The assembly's or board session's number (77 in WHA77.17).
    pub session: u16,
    pub kind: WhoSymbolKind,
    pub number: u16,
}

impl WhoSymbol {
    pub fn parse(text: &str) -> Result<WhoSymbol, String> {
        let text = text.trim().to_uppercase();
        let bad = || {
            if text.is_empty() {
                "Enter the symbol: a resolution like WHA77.17 or EB154.R3, a decision like WHA75(9) or EB150(3).".to_owned()
            } else {
                format!(
                    "\"{}\" is not a WHO symbol. Resolutions look like WHA77.17 or EB154.R3; decisions like WHA75(9) or EB150(3).",
                    truncate(&text, 40)
                )
            }
        };
        let (organ, rest) = if let Some(rest) = text.strip_prefix("WHA") {
            (WhoOrgan::Assembly, rest)
        } else if let Some(rest) = text.strip_prefix("EB") {
            (WhoOrgan::ExecutiveBoard, rest)
        } else {
            return Err(bad());
        };
        let number = |part: &str| {
            (!part.is_empty()
                && part.len() <= 3
                && !part.starts_with('0')
                && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u16>().ok())
            .flatten()
        };
        let (session, kind, n) = if let Some(inner) = rest.strip_suffix(')') {
            let (session, n) = inner.split_once('(').ok_or_else(bad)?;
            (session, WhoSymbolKind::Decision, n)
        } else {
            let (session, n) = rest.split_once('.').ok_or_else(bad)?;
            let n = match organ {
                WhoOrgan::Assembly => n,
                WhoOrgan::ExecutiveBoard => n.strip_prefix('R').ok_or_else(bad)?,
            };
            (session, WhoSymbolKind::Resolution, n)
        };
        let (Some(session), Some(number)) = (number(session), number(n)) else {
            return Err(bad());
        };
        Ok(WhoSymbol {
            organ,
            session,
            kind,
            number,
        })
    }
}

impl fmt::Display for WhoSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = self.organ.prefix();
        match (self.kind, self.organ) {
            (WhoSymbolKind::Decision, _) => write!(f, "{prefix}{}({})", self.session, self.number),
            (WhoSymbolKind::Resolution, WhoOrgan::Assembly) => {
                write!(f, "{prefix}{}.{}", self.session, self.number)
            }
            (WhoSymbolKind::Resolution, WhoOrgan::ExecutiveBoard) => {
                write!(f, "{prefix}{}.R{}", self.session, self.number)
            }
        }
    }
}

/// The association's own policy identifier: `H-295.988` (policy), `D-295.309` (directive),
/// `G-600.005` (governance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnPolicyId(pub String);

impl OwnPolicyId {
    pub fn parse(text: &str) -> Option<OwnPolicyId> {
        let text = text.trim().to_uppercase();
        let (letter, rest) = text.split_once('-')?;
        let (before, after) = rest.split_once('.')?;
        let digits = |s: &str, range: std::ops::RangeInclusive<usize>| {
            range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        (["H", "D", "G"].contains(&letter) && digits(before, 1..=3) && digits(after, 3..=3))
            .then_some(OwnPolicyId(text))
    }
}
