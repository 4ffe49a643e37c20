//! When two meetings overlap for one person. Each meeting runs from the start of its first day to
//! the end of its last day in its own (venue) time zone. Sharing a date always counts, and so does
//! overlapping in real time across time zones (a meeting ending late on 5 Oct in Los Angeles
//! overlaps one starting on the morning of 6 Oct in Tokyo).

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// A meeting's days in its venue's time zone.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    pub start: Date,
    pub end: Date,
    pub time_zone: &'a str,
}

impl Span<'_> {
    /// The real-time interval [start of first day, end of last day), falling back to UTC for a
    /// zone this build does not know.
    fn instants(&self) -> (Timestamp, Timestamp) {
        let tz = TimeZone::get(self.time_zone).unwrap_or(TimeZone::UTC);
        let at = |date: Date| {
            date.to_zoned_datetime(tz.clone())
                .map(|z| z.timestamp())
                .unwrap_or(Timestamp::MIN)
        };
        let after_end = self.end.tomorrow().map(at).unwrap_or(Timestamp::MAX);
        (at(self.start), after_end)
    }
}

pub fn overlaps(a: Span<'_>, b: Span<'_>) -> bool {
    // Same calendar date (touching dates) counts whatever the zones.
    if a.start <= b.end && b.start <= a.end {
        return true;
    }
    let (a_start, a_end) = a.instants();
    let (b_start, b_end) = b.instants();
    a_start < b_end && b_start < a_end
}

/// Whether `a` could overlap `b` at all: within a day of each other (time zones are at most 26
/// hours apart). Used to narrow a database query before [`overlaps`] decides.
pub fn near(a_start: Date, a_end: Date, b_start: Date, b_end: Date) -> bool {
    let widen = |d: Date, days: i64| d.checked_add(jiff::Span::new().days(days)).unwrap_or(d);
    widen(a_start, -2) <= b_end && widen(b_start, -2) <= a_end
}
