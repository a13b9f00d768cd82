//! Bring's postcode register: one row per postcode with its primary municipality.
//!
//! Published form: tab-separated `postnummer poststed kommunenummer kommunenavn kategori`,
//! UTF-8 or Bring's ANSI (Windows-1252/Latin-1), names in upper case.

use super::area::is_kommunenummer;
use super::tab_file::{decode_text, postcode_slot, tab_lines, FileFindings};
use crate::error::ContentErrors;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The register's columns, in file order (used in error messages).
pub const REGISTER_FIELDS: [&str; 5] = [
    "postnummer",
    "poststed",
    "kommunenummer",
    "kommunenavn",
    "kategori",
];

/// What a postcode is used for (Bring's `kategori`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PostcodeCategory {
    /// `G`: street addresses.
    #[serde(rename = "G")]
    Street,
    /// `P`: post boxes only — says nothing about where someone lives.
    #[serde(rename = "P")]
    PostBox,
    /// `B`: both street addresses and post boxes.
    #[serde(rename = "B")]
    Both,
    /// `S`: service postcodes (e.g. for businesses).
    #[serde(rename = "S")]
    Service,
    /// `F`: several uses.
    #[serde(rename = "F")]
    Several,
}

impl PostcodeCategory {
    /// Bring's one-letter code.
    pub fn code(self) -> &'static str {
        match self {
            PostcodeCategory::Street => "G",
            PostcodeCategory::PostBox => "P",
            PostcodeCategory::Both => "B",
            PostcodeCategory::Service => "S",
            PostcodeCategory::Several => "F",
        }
    }

    /// The category for Bring's one-letter code.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "G" => PostcodeCategory::Street,
            "P" => PostcodeCategory::PostBox,
            "B" => PostcodeCategory::Both,
            "S" => PostcodeCategory::Service,
            "F" => PostcodeCategory::Several,
            _ => return None,
        })
    }

    /// True when a postcode of this category cannot tell where a child lives.
    pub fn is_not_an_address(self) -> bool {
        matches!(self, PostcodeCategory::PostBox | PostcodeCategory::Service)
    }

    /// A short description in `lang`.
    pub fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PostcodeCategory::Street, Lang::En) => "street addresses",
            (PostcodeCategory::Street, _) => "gateadresser",
            (PostcodeCategory::PostBox, Lang::En) => "post boxes",
            (PostcodeCategory::PostBox, Lang::Nn) => "postboksar",
            (PostcodeCategory::PostBox, _) => "postbokser",
            (PostcodeCategory::Both, Lang::En) => "street addresses and post boxes",
            (PostcodeCategory::Both, Lang::Nn) => "gateadresser og postboksar",
            (PostcodeCategory::Both, _) => "gateadresser og postbokser",
            (PostcodeCategory::Service, Lang::En) => "service postcode",
            (PostcodeCategory::Service, _) => "servicepostnummer",
            (PostcodeCategory::Several, Lang::En) => "several uses",
            (PostcodeCategory::Several, Lang::Nn) => "fleire bruksområde",
            (PostcodeCategory::Several, _) => "flere bruksområder",
        }
    }
}

/// One row of the postcode register (a record of the `places` collection).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostcodeRow {
    /// The 4-digit postcode.
    pub postnummer: String,
    /// The post town, as in the register (upper case).
    pub poststed: String,
    /// The primary municipality's 4-digit number.
    pub kommunenummer: String,
    /// The primary municipality's name, as in the register (upper case).
    pub kommunenavn: String,
    /// What the postcode is used for.
    pub kategori: PostcodeCategory,
}

impl PostcodeRow {
    /// The stable record id: `postcode:NNNN`.
    pub fn id(&self) -> String {
        format!("postcode:{}", self.postnummer)
    }

    /// What is wrong with this row, as `(field, message)` pairs.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !is_postnummer(&self.postnummer) {
            out.push((
                "postnummer",
                format!("`{}` is not a 4-digit postcode", self.postnummer),
            ));
        }
        if self.poststed.trim().is_empty() {
            out.push(("poststed", "is empty".to_string()));
        }
        if !is_kommunenummer(&self.kommunenummer) {
            out.push((
                "kommunenummer",
                format!("`{}` is not a 4-digit kommunenummer", self.kommunenummer),
            ));
        }
        if self.kommunenavn.trim().is_empty() {
            out.push(("kommunenavn", "is empty".to_string()));
        }
        out
    }
}

/// True for a 4-digit postcode.
pub fn is_postnummer(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A register name ("NORD-FRON", "EIGANES OG VÅLAND") as people write it ("Nord-Fron",
/// "Eiganes og Våland").
pub fn display_name(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (i, word) in raw.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && matches!(lower.as_str(), "og" | "i" | "på" | "ved") {
            out.push_str(&lower);
            continue;
        }
        let mut capitalize = true;
        for ch in lower.chars() {
            if capitalize && ch.is_alphabetic() {
                out.extend(ch.to_uppercase());
                capitalize = false;
            } else {
                out.push(ch);
            }
            if matches!(ch, '-' | '/' | '(' | '.') {
                capitalize = true;
            }
        }
    }
    out
}

/// Parses the register from `bytes` (UTF-8 or ANSI) read from `file`; errors name the file,
/// line, column and field. Nothing is returned when any row is malformed.
pub fn parse_register(file: &str, bytes: &[u8]) -> Result<Vec<PostcodeRow>, ContentErrors> {
    let text = decode_text(bytes);
    let mut findings = FileFindings::new(file);
    let mut rows = Vec::with_capacity(text.len() / 28);
    let mut first_line: Vec<u32> = vec![0; 10_000];
    let mut data_lines = 0usize;
    for line in tab_lines(&text) {
        data_lines += 1;
        if line.fields.len() != REGISTER_FIELDS.len() {
            let (column, field) = if line.fields.len() < REGISTER_FIELDS.len() {
                (line.end_column(), REGISTER_FIELDS[line.fields.len()])
            } else {
                (line.column(REGISTER_FIELDS.len()), "kategori")
            };
            findings.error(
                line.number,
                column,
                field,
                format!(
                    "the line has {} tab-separated fields; expected 5: {}",
                    line.fields.len(),
                    REGISTER_FIELDS.join(", ")
                ),
            );
            continue;
        }
        let field = |i: usize| line.fields[i].trim();
        let Some(kategori) = PostcodeCategory::from_code(field(4)) else {
            findings.error(
                line.number,
                line.column(4),
                "kategori",
                format!("`{}` is not a category: use G, P, B, S or F", field(4)),
            );
            continue;
        };
        let row = PostcodeRow {
            postnummer: field(0).to_string(),
            poststed: field(1).to_string(),
            kommunenummer: field(2).to_string(),
            kommunenavn: field(3).to_string(),
            kategori,
        };
        let problems = row.problems();
        if !problems.is_empty() {
            for (name, message) in problems {
                let index = REGISTER_FIELDS.iter().position(|f| *f == name).unwrap_or(0);
                findings.error(line.number, line.column(index), name, message);
            }
            continue;
        }
        let slot = postcode_slot(&row.postnummer).unwrap_or_default();
        if first_line[slot] != 0 {
            let first = first_line[slot];
            findings.error(
                line.number,
                1,
                "postnummer",
                format!(
                    "postcode {} is listed twice (first on line {first})",
                    row.postnummer
                ),
            );
            continue;
        }
        first_line[slot] = line.number as u32;
        rows.push(row);
    }
    if data_lines == 0 {
        findings.file_error(None, "has no postcode rows");
    }
    findings.finish(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names() {
        assert_eq!(display_name("BÆRUM"), "Bærum");
        assert_eq!(display_name("NORD-FRON"), "Nord-Fron");
        assert_eq!(display_name("EIGANES OG VÅLAND"), "Eiganes og Våland");
        assert_eq!(display_name("HAMARØY - HÁBMER"), "Hamarøy - Hábmer");
    }

    #[test]
    fn parses_rows_and_reports_fields() {
        let rows = parse_register("r.tab", "0001\tOSLO\t0301\tOSLO\tP\n".as_bytes()).unwrap();
        assert_eq!(rows[0].kategori, PostcodeCategory::PostBox);
        let err = parse_register("r.tab", b"0001\tOSLO\t301\tOSLO\tP\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "r.tab:1:11: kommunenummer: `301` is not a 4-digit kommunenummer"
        );
    }
}
