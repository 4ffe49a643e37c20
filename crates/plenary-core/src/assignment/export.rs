//! The delegation export: CSV that spreadsheet programs open cleanly (UTF-8 with a byte-order
//! mark, CRLF line ends, RFC 4180 quoting), with the fields the organizer asks for. Sensitive
//! travel fields are left out unless the person exporting ticks them.

use serde::{Deserialize, Serialize};

labelled_enum!(
    /// A column of the delegation export.
    ExportField {
        FullName => "Name",
        Honorifics => "Degrees and honorifics",
        Organization => "Organization",
        Title => "Title",
        Email => "Email",
        Phone => "Phone",
        Role => "Role",
        Status => "Status",
        Badge => "Badge",
        RegistrationSubmitted => "Registration submitted",
        Arrival => "Arrival",
        Departure => "Departure",
        Hotel => "Hotel",
        Nationality => "Nationality",
        PassportNumber => "Passport number",
        PassportExpiry => "Passport expiry",
        DietaryNeeds => "Dietary needs",
        AccessNeeds => "Access needs",
    }
);

impl ExportField {
    /// Travel details that identify or concern a person's health and documents.
    pub fn is_sensitive(self) -> bool {
        matches!(
            self,
            ExportField::Nationality
                | ExportField::PassportNumber
                | ExportField::PassportExpiry
                | ExportField::DietaryNeeds
                | ExportField::AccessNeeds
        )
    }
}

/// What to export: the columns in order, and whether sensitive columns may be included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportRequest {
    pub fields: Vec<ExportField>,
    /// Ticked by the person exporting; without it, sensitive columns are dropped.
    pub include_sensitive: bool,
}

impl ExportRequest {
    /// The columns that will be written: duplicates removed, sensitive ones only when ticked.
    pub fn columns(&self) -> Vec<ExportField> {
        let mut columns = Vec::new();
        for &field in &self.fields {
            if (self.include_sensitive || !field.is_sensitive()) && !columns.contains(&field) {
                columns.push(field);
            }
        }
        columns
    }
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DelegationExport {
    /// A file name for it, e.g. `74th-WMA-General-Assembly-delegation.csv`.
    pub file_name: String,
    /// The CSV text (with its byte-order mark).
    pub csv: String,
    pub rows: u32,
    pub columns: Vec<ExportField>,
}

/// Writes `rows` (one value per column) as CSV with a header of the columns' labels.
pub fn to_csv(columns: &[ExportField], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = columns.iter().map(|c| c.label().to_owned()).collect();
    crate::sheets::export::csv_text(&header, rows)
}

/// A file name from a meeting title: letters, digits and dashes.
pub fn file_name(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let slug: Vec<&str> = slug.split('-').filter(|s| !s.is_empty()).collect();
    let slug = slug.join("-");
    let slug: String = slug.chars().take(80).collect();
    format!(
        "{}-delegation.csv",
        if slug.is_empty() { "meeting" } else { &slug }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        use crate::sheets::export::csv_cell as quote;
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(quote("+41 22"), "'+41 22");
        let csv = to_csv(
            &[ExportField::FullName, ExportField::Role],
            &[vec!["Ngũgĩ".into(), "Head".into()]],
        );
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(&csv[3..], "Name,Role\r\nNgũgĩ,Head\r\n");
    }

    #[test]
    fn sensitive_columns_need_the_tick() {
        let mut request = ExportRequest {
            fields: vec![
                ExportField::FullName,
                ExportField::PassportNumber,
                ExportField::FullName,
                ExportField::DietaryNeeds,
            ],
            include_sensitive: false,
        };
        assert_eq!(request.columns(), [ExportField::FullName]);
        request.include_sensitive = true;
        assert_eq!(
            request.columns(),
            [
                ExportField::FullName,
                ExportField::PassportNumber,
                ExportField::DietaryNeeds
            ]
        );
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("74th WMA General Assembly"),
            "74th-WMA-General-Assembly-delegation.csv"
        );
        assert_eq!(file_name("../../etc/passwd"), "etc-passwd-delegation.csv");
        assert_eq!(file_name("///"), "meeting-delegation.csv");
    }
}
