//! Small checks shared by every form's validation. Each pushes a
//! [`FieldError`] and lets validation carry on, so a form reports every problem at once.

use jiff::civil::Date;

use crate::error::FieldError;
use crate::meeting::parse_date;

pub(crate) fn check_length(
    errors: &mut Vec<FieldError>,
    field: &str,
    name: &str,
    value: &str,
    max: usize,
) {
    let length = value.chars().count();
    if length > max {
        errors.push(FieldError::new(
            field,
            format!("{name} is {length} characters long; shorten it to {max} or fewer."),
        ));
    }
}

/// Trims `value`, checks its length and, if `required`, that it is not empty.
pub(crate) fn text(
    errors: &mut Vec<FieldError>,
    field: &str,
    name: &str,
    value: &str,
    max: usize,
    required: Option<&str>,
) -> String {
    let value = value.trim();
    if value.is_empty()
        && let Some(message) = required
    {
        errors.push(FieldError::new(field, message));
    }
    check_length(errors, field, name, value, max);
    value.to_owned()
}

/// Checks a web address, if one was given: `http` or `https`, a host (international domain names
/// such as `ärztekammer.at` are welcome), no spaces. Kept as typed; `url` only judges it.
pub(crate) fn check_web_address(
    errors: &mut Vec<FieldError>,
    field: &str,
    example: &str,
    value: &str,
) {
    if value.is_empty() || is_web_address(value) {
        return;
    }
    errors.push(FieldError::new(
        field,
        format!("Enter a web address starting with https:// or http://, such as {example}, or leave it empty."),
    ));
}

fn is_web_address(value: &str) -> bool {
    !value.contains(char::is_whitespace)
        && url::Url::parse(value).is_ok_and(|url| {
            matches!(url.scheme(), "http" | "https")
                && url.host().is_some()
                && value
                    .split_once("://")
                    .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case(url.scheme()))
        })
}

/// An ISO date, or `None` when empty (or wrong, with an error pushed).
pub(crate) fn optional_date(
    errors: &mut Vec<FieldError>,
    field: &str,
    name: &str,
    value: &str,
) -> Option<Date> {
    if value.trim().is_empty() {
        return None;
    }
    match parse_date(value) {
        Ok(date) => Some(date),
        Err(problem) => {
            errors.push(FieldError::new(field, format!("The {name} {problem}.")));
            None
        }
    }
}

pub(crate) fn required_date(
    errors: &mut Vec<FieldError>,
    field: &str,
    name: &str,
    value: &str,
) -> Option<Date> {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, format!("Enter the {name}.")));
        return None;
    }
    optional_date(errors, field, name, value)
}

/// Splits a comma- or semicolon-separated list ("ethics, rural care") into trimmed, distinct
/// entries, keeping the order typed.
pub(crate) fn list(
    errors: &mut Vec<FieldError>,
    field: &str,
    name: &str,
    values: &[String],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values
        .iter()
        .flat_map(|v| v.split([',', ';', '\n']))
        .map(str::trim)
    {
        if value.is_empty()
            || out
                .iter()
                .any(|o| crate::fold::fold(o) == crate::fold::fold(value))
        {
            continue;
        }
        check_length(errors, field, name, value, 80);
        out.push(value.to_owned());
    }
    if out.len() > 40 {
        errors.push(FieldError::new(
            field,
            format!("{name} has {} entries; keep it to 40 or fewer.", out.len()),
        ));
    }
    out
}

/// A plausible email address: one `@`, something before it, a dotted domain after it, no spaces.
pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && text.len() <= 254
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"".contains(c))
}

/// A fixed list with a label per value: the enum, its `ALL` slice and `label()`. Stored and sent
/// as the value's snake_case name.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn emails() {
        for good in [
            "a@b.org",
            "amina.ngugi@kma.or.ke",
            "x+y@sub.example.co.uk",
            "김@예.한국",
        ] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "a",
            "a@b",
            "@b.org",
            "a@.org",
            "a@b.",
            "a b@c.org",
            "a@b@c.org",
            "a@b..org",
            "<script>@x.org",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}

#[cfg(test)]
mod web_address_tests {
    use super::is_web_address;

    #[test]
    fn web_addresses_with_international_names_are_accepted() {
        for good in [
            "https://www.wma.net/policy/",
            "http://ärztekammer.at",
            "HTTPS://apps.who.int/gb/ebwha/pdf_files/WHA77/A77_9-en.pdf",
            "https://lääkäriliitto.fi/en",
            "https://例え.jp/",
        ] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "https://",
            "https://a b",
            "www.wma.net",
            "ftp://files.wma.net",
            "javascript:alert(1)",
            "mailto:office@wma.net",
            "https:/wma.net",
            "ä://x",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
