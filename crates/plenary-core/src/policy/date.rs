//! Dates known to the year, the month or the day: WMA histories often say only "October 2017".

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::meeting::truncate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

/// `1948`, `2017-10` or `2017-10-14`. On the wire it is that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar day).
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let text = text.trim();
        let bad = || {
            format!(
                "\"{}\" is not a date. Enter the year (1948), the year and month (2017-10) or the full day (2017-10-14).",
                truncate(text, 40)
            )
        };
        if text.is_empty() {
            return Err(
                "Enter the date: the year (1948), the year and month (2017-10) or the full day (2017-10-14)."
                    .to_owned(),
            );
        }
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, len: usize| -> Option<i16> {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        };
        let year = number(parts[0], 4).ok_or_else(bad)?;
        if year < 1000 {
            return Err(bad());
        }
        let month = match parts.get(1) {
            Some(m) => Some(
                number(m, 2)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)? as i8,
            ),
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => {
                let d = number(d, 2).ok_or_else(bad)? as i8;
                jiff::civil::Date::new(year, month.unwrap_or(1), d).map_err(|_| bad())?;
                Some(d)
            }
            None => None,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        Ok(PartialDate { year, month, day })
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (_, Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The first day it may mean.
    pub fn earliest(&self) -> jiff::civil::Date {
        jiff::civil::Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("checked when parsed")
    }

    /// The last day it may mean.
    pub fn latest(&self) -> jiff::civil::Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => jiff::civil::Date::new(self.year, m, d),
            (Some(m), None) => Ok(jiff::civil::Date::new(self.year, m, 1)
                .expect("valid")
                .last_of_month()),
            _ => jiff::civil::Date::new(self.year, 12, 31),
        }
        .expect("checked when parsed")
    }

    /// The same date `years` later, as precise as this one (29 February becomes the 28th).
    pub fn plus_years(&self, years: i16) -> PartialDate {
        let year = self.year + years;
        let day = match (self.month, self.day) {
            (Some(m), Some(d)) => Some(
                d.min(
                    jiff::civil::Date::new(year, m, 1)
                        .expect("valid")
                        .days_in_month(),
                ),
            ),
            _ => self.day,
        };
        PartialDate {
            year,
            month: self.month,
            day,
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// As a person writes it: "1948", "October 2016", "14 October 2016".
    pub fn in_words(&self) -> String {
        let month = self
            .month
            .and_then(|m| MONTHS.get(usize::try_from(m - 1).ok()?))
            .copied();
        match (month, self.day) {
            (Some(month), Some(day)) => format!("{day} {month} {}", self.year),
            (Some(month), None) => format!("{month} {}", self.year),
            _ => self.year.to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse(&text).map_err(serde::de::Error::custom)
    }
}
