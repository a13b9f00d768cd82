//! Postcode → bydel candidate pairs: a postcode can lie in several bydeler, so each pair is a
//! *candidate*, never the answer.
//!
//! File form: one pair per line, `postnummer<TAB>bydel[<TAB>kommunenummer]`. The bydel is a
//! bydelsnummer (`2`, `02`; Oslo, Bergen) or a name (`Midtbyen`; Trondheim, Stavanger). Without
//! the third column the loader takes the municipality from the file name (`oslo.tsv`,
//! `0301.tsv`).

use super::area::{is_kommunenummer, normalize_bydelsnummer};
use super::postcodes::is_postnummer;
use super::tab_file::{decode_text, tab_lines, FileFindings};
use crate::error::ContentErrors;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One postcode → bydel candidate (a record of the `places` collection).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BydelPair {
    /// The 4-digit postcode.
    pub postnummer: String,
    /// The municipality the bydel belongs to.
    pub kommunenummer: String,
    /// The bydel: a 2-digit bydelsnummer or a name, as in the source data.
    pub bydel: String,
}

impl BydelPair {
    /// The stable record id: `bydel:KKKK:NNNN:BYDEL`.
    pub fn id(&self) -> String {
        format!(
            "bydel:{}:{}:{}",
            self.kommunenummer, self.postnummer, self.bydel
        )
    }

    /// What is wrong with this pair, as `(field, message)` pairs.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !is_postnummer(&self.postnummer) {
            out.push((
                "postnummer",
                format!("`{}` is not a 4-digit postcode", self.postnummer),
            ));
        }
        if !is_kommunenummer(&self.kommunenummer) {
            out.push((
                "kommunenummer",
                format!("`{}` is not a 4-digit kommunenummer", self.kommunenummer),
            ));
        }
        if self.bydel.trim().is_empty() {
            out.push((
                "bydel",
                "is empty: give a bydelsnummer or the bydel's name".to_string(),
            ));
        } else if self.bydel.bytes().all(|b| b.is_ascii_digit()) && self.bydel.len() != 2 {
            out.push((
                "bydel",
                format!("`{}` must be written with 2 digits", self.bydel),
            ));
        }
        out
    }
}

/// Parses pairs from `bytes` (UTF-8 or ANSI) read from `file`. `kommunenummer` is used for
/// lines without a third column; errors name file, line, column and field.
pub fn parse_bydel_pairs(
    file: &str,
    bytes: &[u8],
    kommunenummer: Option<&str>,
) -> Result<Vec<BydelPair>, ContentErrors> {
    let text = decode_text(bytes);
    let mut findings = FileFindings::new(file);
    let mut pairs = Vec::new();
    let mut first_line: HashMap<BydelPair, usize> = HashMap::new();
    for line in tab_lines(&text) {
        let fields = &line.fields;
        if !(2..=3).contains(&fields.len()) {
            let (column, field) = if fields.len() < 2 {
                (line.end_column(), "bydel")
            } else {
                (line.column(3), "kommunenummer")
            };
            findings.error(
                line.number,
                column,
                field,
                format!(
                    "the line has {} tab-separated fields; expected postnummer, bydel and optionally kommunenummer",
                    fields.len()
                ),
            );
            continue;
        }
        let postnummer = fields[0].trim();
        let raw_bydel = fields[1].trim();
        let kommune = match fields.get(2) {
            Some(k) => k.trim(),
            None => match kommunenummer {
                Some(k) => k,
                None => {
                    findings.error(
                        line.number,
                        line.end_column(),
                        "kommunenummer",
                        "no municipality for this pair: add a third column with the kommunenummer, or name the file after the municipality (oslo.tsv or 0301.tsv)",
                    );
                    continue;
                }
            },
        };
        let bydel = normalize_bydelsnummer(raw_bydel).unwrap_or_else(|| raw_bydel.to_string());
        let pair = BydelPair {
            postnummer: postnummer.to_string(),
            kommunenummer: kommune.to_string(),
            bydel,
        };
        let problems = pair.problems();
        if !problems.is_empty() {
            for (name, message) in problems {
                let column = match name {
                    "postnummer" => line.column(0),
                    "bydel" => line.column(1),
                    _ if fields.len() > 2 => line.column(2),
                    _ => 1,
                };
                findings.error(line.number, column, name, message);
            }
            continue;
        }
        if let Some(first) = first_line.get(&pair) {
            findings.error(
                line.number,
                1,
                "postnummer",
                format!(
                    "the pair {postnummer} → {raw_bydel} is listed twice (first on line {first})"
                ),
            );
            continue;
        }
        first_line.insert(pair.clone(), line.number);
        pairs.push(pair);
    }
    findings.finish(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_padded_and_names_kept() {
        let pairs = parse_bydel_pairs(
            "oslo.tsv",
            "0582\t9\n0582\t12\n7014\tØstbyen\t5001\n".as_bytes(),
            Some("0301"),
        )
        .unwrap();
        assert_eq!(pairs[0].bydel, "09");
        assert_eq!(pairs[1].bydel, "12");
        assert_eq!(pairs[2].bydel, "Østbyen");
        assert_eq!(pairs[2].kommunenummer, "5001");
    }

    #[test]
    fn missing_municipality_and_bad_rows_are_named() {
        let err = parse_bydel_pairs("x.tsv", b"0582\t9\n", None).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.tsv:1:7: kommunenummer: no municipality"),
            "{err}"
        );
        let err = parse_bydel_pairs("oslo.tsv", b"0582\t9\n05x2\t9\n", Some("0301")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "oslo.tsv:2:1: postnummer: `05x2` is not a 4-digit postcode"
        );
    }
}
