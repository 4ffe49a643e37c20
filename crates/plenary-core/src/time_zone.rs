//! IANA time zones: which names exist, and a sensible default for the cities where the WMA and
//! the WHO usually meet. Daylight-saving rules come from the bundled time-zone database.

use crate::fold::fold;

/// Whether `name` is an IANA time-zone name known to the bundled database.
pub fn is_known(name: &str) -> bool {
    // jiff also accepts POSIX TZ strings and offsets for some inputs; only names are meetings' zones.
    name.contains('/') && jiff::tz::db().get(name).is_ok() || name == "UTC"
}

/// Every IANA name, sorted, for the searchable list in the meeting form.
pub fn all_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_owned())
        .filter(|name| {
            is_known(name) && !name.starts_with("Etc/") && name.as_bytes()[0].is_ascii_uppercase()
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The time zone of a city where international health meetings are held, if known. Matching
/// ignores case and diacritics ("Geneve" and "Genève" both give Europe/Zurich).
pub fn for_city(city: &str) -> Option<&'static str> {
    let key = fold(city.trim());
    CITIES
        .iter()
        .find(|(name, _)| fold(name) == key)
        .map(|(_, zone)| *zone)
}

/// Zones that match what a person typed where a zone name was expected ("Helsinki" → Europe/Helsinki,
/// "new york" → America/New_York, "Genève" → Europe/Zurich), best first, at most five.
pub fn suggestions(typed: &str) -> Vec<String> {
    let key = fold(typed.trim()).replace(['_', '-'], " ");
    if key.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<String> = for_city(typed).map(str::to_owned).into_iter().collect();
    let names = all_names();
    let place = |name: &str| fold(name.rsplit('/').next().unwrap_or(name)).replace(['_', '-'], " ");
    // The place part equal to what was typed first, then beginning with it, then containing it.
    let tiers: [&dyn Fn(&str) -> bool; 3] = [
        &|name| place(name) == key,
        &|name| place(name).starts_with(&key),
        &|name| fold(name).replace(['_', '-'], " ").contains(&key),
    ];
    for matches in tiers {
        for name in &names {
            if found.len() == 5 {
                return found;
            }
            if matches(name) && !found.contains(name) {
                found.push(name.clone());
            }
        }
    }
    found
}

/// The message for a time zone that is not a known name, suggesting what matches what was typed.
pub fn unknown_zone_message(typed: &str, example: &str) -> String {
    let shown: String = typed.trim().chars().take(60).collect();
    match suggestions(typed).as_slice() {
        [] => format!(
            "\"{shown}\" is not a known time zone. Choose one from the list, such as {example}."
        ),
        [only] => format!("\"{shown}\" is not a time zone name. Did you mean {only}?"),
        several => format!(
            "\"{shown}\" is not a time zone name. Did you mean one of {}?",
            several.join(", ")
        ),
    }
}

/// Cities of WMA General Assemblies and Council sessions, WHO governing bodies and regional
/// offices, and the capitals the office most often travels to.
const CITIES: &[(&str, &str)] = &[
    ("Geneva", "Europe/Zurich"),
    ("Genève", "Europe/Zurich"),
    ("Ferney-Voltaire", "Europe/Paris"),
    ("Kigali", "Africa/Kigali"),
    ("Helsinki", "Europe/Helsinki"),
    ("Porto", "Europe/Lisbon"),
    ("Lisbon", "Europe/Lisbon"),
    ("Berlin", "Europe/Berlin"),
    ("Tbilisi", "Asia/Tbilisi"),
    ("Reykjavik", "Atlantic/Reykjavik"),
    ("Chicago", "America/Chicago"),
    ("Washington", "America/New_York"),
    ("Washington, DC", "America/New_York"),
    ("New York", "America/New_York"),
    ("Montevideo", "America/Montevideo"),
    ("Santiago", "America/Santiago"),
    ("Buenos Aires", "America/Argentina/Buenos_Aires"),
    ("São Paulo", "America/Sao_Paulo"),
    ("Brasília", "America/Sao_Paulo"),
    ("Mexico City", "America/Mexico_City"),
    ("Ottawa", "America/Toronto"),
    ("Toronto", "America/Toronto"),
    ("Vancouver", "America/Vancouver"),
    ("Taipei", "Asia/Taipei"),
    ("Seoul", "Asia/Seoul"),
    ("Tokyo", "Asia/Tokyo"),
    ("Manila", "Asia/Manila"),
    ("New Delhi", "Asia/Kolkata"),
    ("Delhi", "Asia/Kolkata"),
    ("Bangkok", "Asia/Bangkok"),
    ("Singapore", "Asia/Singapore"),
    ("Beijing", "Asia/Shanghai"),
    ("Jakarta", "Asia/Jakarta"),
    ("Kathmandu", "Asia/Kathmandu"),
    ("Cairo", "Africa/Cairo"),
    ("Nairobi", "Africa/Nairobi"),
    ("Brazzaville", "Africa/Brazzaville"),
    ("Addis Ababa", "Africa/Addis_Ababa"),
    ("Johannesburg", "Africa/Johannesburg"),
    ("Cape Town", "Africa/Johannesburg"),
    ("Accra", "Africa/Accra"),
    ("Lagos", "Africa/Lagos"),
    ("Abuja", "Africa/Lagos"),
    ("Copenhagen", "Europe/Copenhagen"),
    ("London", "Europe/London"),
    ("Paris", "Europe/Paris"),
    ("Brussels", "Europe/Brussels"),
    ("Amsterdam", "Europe/Amsterdam"),
    ("Vienna", "Europe/Vienna"),
    ("Rome", "Europe/Rome"),
    ("Madrid", "Europe/Madrid"),
    ("Athens", "Europe/Athens"),
    ("Istanbul", "Europe/Istanbul"),
    ("Moscow", "Europe/Moscow"),
    ("Stockholm", "Europe/Stockholm"),
    ("Oslo", "Europe/Oslo"),
    ("Warsaw", "Europe/Warsaw"),
    ("Prague", "Europe/Prague"),
    ("Budapest", "Europe/Budapest"),
    ("Dublin", "Europe/Dublin"),
    ("Edinburgh", "Europe/London"),
    ("Riyadh", "Asia/Riyadh"),
    ("Dubai", "Asia/Dubai"),
    ("Doha", "Asia/Qatar"),
    ("Tehran", "Asia/Tehran"),
    ("Jerusalem", "Asia/Jerusalem"),
    ("Tel Aviv", "Asia/Jerusalem"),
    ("Sydney", "Australia/Sydney"),
    ("Canberra", "Australia/Sydney"),
    ("Melbourne", "Australia/Melbourne"),
    ("Auckland", "Pacific/Auckland"),
    ("Wellington", "Pacific/Auckland"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_real_zones_and_rejects_others() {
        for name in [
            "Africa/Kigali",
            "Europe/Zurich",
            "Asia/Seoul",
            "America/Montevideo",
            "UTC",
        ] {
            assert!(is_known(name), "{name} should be known");
        }
        for name in [
            "",
            "Kigali",
            "Europe/Atlantis",
            "+02:00",
            "EST5EDT,M3.2.0,M11.1.0",
            "europe/zurich/x",
        ] {
            assert!(!is_known(name), "{name} should not be known");
        }
    }

    #[test]
    fn lists_every_meeting_city_zone_in_the_searchable_list() {
        let names = all_names();
        assert!(names.len() > 300, "only {} zones", names.len());
        assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for (city, zone) in CITIES {
            assert!(
                names.iter().any(|n| n == zone),
                "{city}: {zone} missing from the list"
            );
        }
    }

    #[test]
    fn defaults_a_zone_from_the_city_ignoring_case_and_diacritics() {
        assert_eq!(for_city("Kigali"), Some("Africa/Kigali"));
        assert_eq!(for_city("  geneve "), Some("Europe/Zurich"));
        assert_eq!(for_city("SAO PAULO"), Some("America/Sao_Paulo"));
        assert_eq!(for_city("Atlantis"), None);
        assert_eq!(for_city(""), None);
    }
}

#[cfg(test)]
mod suggestion_tests {
    use super::{suggestions, unknown_zone_message};

    #[test]
    fn a_city_typed_as_a_zone_suggests_its_zone() {
        assert_eq!(suggestions("Helsinki")[0], "Europe/Helsinki");
        assert_eq!(suggestions("helsinki ")[0], "Europe/Helsinki");
        assert_eq!(suggestions("new york")[0], "America/New_York");
        assert_eq!(suggestions("Genève")[0], "Europe/Zurich");
        assert_eq!(suggestions("São Paulo")[0], "America/Sao_Paulo");
        assert!(suggestions("Kolk").contains(&"Asia/Kolkata".to_owned()));
        assert!(suggestions("Atlantis").is_empty());
        assert!(suggestions("  ").is_empty());
        assert_eq!(
            unknown_zone_message("Helsinki", "Europe/Zurich"),
            "\"Helsinki\" is not a time zone name. Did you mean Europe/Helsinki?"
        );
        assert_eq!(
            unknown_zone_message("Atlantis", "Europe/Zurich"),
            "\"Atlantis\" is not a known time zone. Choose one from the list, such as Europe/Zurich."
        );
    }
}
