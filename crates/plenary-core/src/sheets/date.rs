//! Dates as spreadsheets hold them, read only when they cannot be misread: ISO (`2027-05-19`),
//! written out (`19 May 2027`, `May 19, 2027`), Excel's day numbers (`46526`), and day and month
//! with slashes or dots when one of them is over 12 (`19/05/2027`). `03/04/2027` could be
//! 3 April or 4 March, so it is refused with a message that says so.

use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Excel's day number (days since 1899-12-30, as every modern workbook counts) as a date.
pub fn from_serial(serial: f64) -> Option<Date> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = Date::new(1899, 12, 30).ok()?;
    epoch
        .checked_add(jiff::Span::new().days(serial.floor() as i64))
        .ok()
}

fn month(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            m.starts_with(&word) && (word.len() == 3 || m.len() == word.len() || word == "sept")
        })
        .map(|i| i as i8 + 1)
}

fn date(year: i64, month: i8, day: i64, typed: &str) -> Result<String, String> {
    let fits = |n: i64, max: i64| (1..=max).contains(&n);
    if !fits(day, 31) || !(1000..=9999).contains(&year) {
        return Err(format!(
            "\"{typed}\" is not a date Plenary can read. Write it as 2027-05-19 or 19 May 2027."
        ));
    }
    Date::new(year as i16, month, day as i8)
        .map(|d| d.to_string())
        .map_err(|_| format!("\"{typed}\" is not a real calendar date (check the day and month)."))
}

/// Reads a date cell into ISO `YYYY-MM-DD`. With `partial`, a year (`1948`) or a year and month
/// (`2017-10`, `Oct 2017`) is kept as such (policy history dates). Anything else is passed on
/// untouched for the form's own check to name, except shapes that are recognised but wrong.
pub fn read_date(text: &str, partial: bool) -> Result<String, String> {
    let typed = text.trim();
    if typed.is_empty() {
        return Ok(String::new());
    }
    // "2027-05-19T00:00:00" and "2027-05-19 00:00:00" (a date with a time of midnight).
    let no_time = typed
        .split(['T', ' '])
        .next()
        .filter(|d| {
            d.len() == 10
                && typed.len() > 10
                && typed[10..]
                    .trim_start_matches(['T', ' '])
                    .starts_with("00:00")
        })
        .unwrap_or(typed);
    let digits_only = no_time.bytes().all(|b| b.is_ascii_digit());
    if digits_only && no_time.len() == 4 {
        return Ok(no_time.to_owned());
    }
    if digits_only && (5..=7).contains(&no_time.len()) {
        let serial: f64 = no_time.parse().unwrap_or(0.0);
        return from_serial(serial)
            .map(|d| d.to_string())
            .ok_or_else(|| format!("\"{typed}\" is not a date Plenary can read."));
    }
    let parts: Vec<&str> = no_time
        .split(['/', '.', ' ', ',', '-'])
        .filter(|p| !p.is_empty())
        .collect();
    let number = |p: &str| p.parse::<i64>().ok();
    // ISO and year-first forms: 2027-05-19, 2027/05/19, 2017-10.
    if let Some(first) = parts.first()
        && first.len() == 4
        && let Some(year) = number(first)
    {
        match parts[1..] {
            [m, d] if number(m).is_some() && number(d).is_some() => {
                let m = number(m).unwrap_or(0);
                if !(1..=12).contains(&m) {
                    return Err(format!(
                        "\"{typed}\" is not a real calendar date (check the day and month)."
                    ));
                }
                return date(year, m as i8, number(d).unwrap_or(0), typed);
            }
            [m] if partial && number(m).is_some() => return Ok(no_time.replace('/', "-")),
            _ => {}
        }
    }
    match parts.as_slice() {
        // 19 May 2027, 19 May, 2027
        [d, m, y] if number(d).is_some() && month(m).is_some() && number(y).is_some() => date(
            number(y).unwrap_or(0),
            month(m).unwrap_or(1),
            number(d).unwrap_or(0),
            typed,
        ),
        // May 19, 2027
        [m, d, y] if month(m).is_some() && number(d).is_some() && number(y).is_some() => date(
            number(y).unwrap_or(0),
            month(m).unwrap_or(1),
            number(d).unwrap_or(0),
            typed,
        ),
        // Oct 2017 (a month of a year, where a partial date is allowed)
        [m, y] if partial && month(m).is_some() && number(y).is_some_and(|y| y >= 1000) => Ok(
            format!("{:04}-{:02}", number(y).unwrap_or(0), month(m).unwrap_or(1)),
        ),
        // 19/05/2027 or 05/19/2027: read only when one of the two cannot be a month.
        [a, b, y]
            if number(a).is_some()
                && number(b).is_some()
                && y.len() == 4
                && number(y).is_some() =>
        {
            let (a_n, b_n, year) = (
                number(a).unwrap_or(0),
                number(b).unwrap_or(0),
                number(y).unwrap_or(0),
            );
            if a_n == b_n || (a_n > 12 && b_n <= 12) {
                date(year, b_n as i8, a_n, typed)
            } else if b_n > 12 && a_n <= 12 {
                date(year, a_n as i8, b_n, typed)
            } else if a_n <= 12 && b_n <= 12 {
                let months = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                Err(format!(
                    "\"{typed}\" could be {a_n} {} or {b_n} {} {year}. Write it as {year}-{b_n:02}-{a_n:02} or {a_n} {} {year} so it cannot be misread.",
                    months[(b_n - 1) as usize],
                    months[(a_n - 1) as usize],
                    months[(b_n - 1) as usize],
                ))
            } else {
                Err(format!(
                    "\"{typed}\" is not a real calendar date (check the day and month)."
                ))
            }
        }
        _ => Ok(typed.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unambiguous_dates_are_read() {
        for (typed, iso) in [
            ("2027-05-19", "2027-05-19"),
            ("2027/05/19", "2027-05-19"),
            ("2027-05-19T00:00:00", "2027-05-19"),
            ("2027-05-19 00:00:00", "2027-05-19"),
            ("19 May 2027", "2027-05-19"),
            ("19 may, 2027", "2027-05-19"),
            ("May 19, 2027", "2027-05-19"),
            ("19 September 2027", "2027-09-19"),
            ("19 Sept 2027", "2027-09-19"),
            ("19/05/2027", "2027-05-19"),
            ("05/19/2027", "2027-05-19"),
            ("19.05.2027", "2027-05-19"),
            ("04/04/2027", "2027-04-04"),
            ("46526", "2027-05-19"),
            ("", ""),
        ] {
            assert_eq!(read_date(typed, false).as_deref(), Ok(iso), "{typed}");
        }
        assert_eq!(
            from_serial(1.0).map(|d| d.to_string()).as_deref(),
            Some("1899-12-31")
        );
        assert_eq!(from_serial(0.0), None);
    }

    #[test]
    fn ambiguous_and_impossible_dates_are_named() {
        let message = read_date("03/04/2027", false).unwrap_err();
        assert!(
            message.contains("could be 3 Apr or 4 Mar 2027"),
            "{message}"
        );
        assert!(message.contains("2027-04-03"), "{message}");
        assert!(
            read_date("31 Feb 2027", false)
                .unwrap_err()
                .contains("not a real calendar date")
        );
        assert!(
            read_date("2027-13-01", false)
                .unwrap_err()
                .contains("not a real calendar date")
        );
        assert!(
            read_date("32/13/2027", false)
                .unwrap_err()
                .contains("not a real calendar date")
        );
        // Shapes it does not know go on to the form's check, which names them.
        assert_eq!(
            read_date("next Tuesday", false).as_deref(),
            Ok("next Tuesday")
        );
    }

    #[test]
    fn partial_dates_stay_partial_where_allowed() {
        assert_eq!(read_date("1948", true).as_deref(), Ok("1948"));
        assert_eq!(read_date("2017-10", true).as_deref(), Ok("2017-10"));
        assert_eq!(read_date("Oct 2017", true).as_deref(), Ok("2017-10"));
        assert_eq!(read_date("Oct 2017", false).as_deref(), Ok("Oct 2017"));
        assert_eq!(
            read_date("14 October 2017", true).as_deref(),
            Ok("2017-10-14")
        );
    }
}
