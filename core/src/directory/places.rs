//! Places: the postcode register and the bydel candidate pairs, validated and indexed.

use super::bydel::BydelPair;
use super::postcodes::{display_name, PostcodeRow};
use crate::error::{ContentErrors, ContentIssue, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One record of the `places` collection: a register row or a bydel candidate pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceEntry {
    /// A postcode register row (`postcode:NNNN`).
    Postcode(PostcodeRow),
    /// A postcode → bydel candidate (`bydel:KKKK:NNNN:BYDEL`).
    Bydel(BydelPair),
}

impl PlaceEntry {
    /// The stable record id.
    pub fn id(&self) -> String {
        match self {
            PlaceEntry::Postcode(r) => r.id(),
            PlaceEntry::Bydel(p) => p.id(),
        }
    }
}

/// The validated register and bydel pairs, with lookups by postcode and municipality.
#[derive(Debug, Clone, Default)]
pub struct Places {
    rows: Vec<PostcodeRow>,
    pairs: Vec<BydelPair>,
    row_by_postnummer: HashMap<String, usize>,
    pairs_by_postnummer: HashMap<String, Vec<usize>>,
    pairs_by_kommune: HashMap<String, Vec<usize>>,
    kommuner: BTreeMap<String, String>,
}

impl Places {
    /// Builds and validates places from register rows and bydel pairs (e.g. synced records);
    /// errors name the record id and field, and nothing is returned when anything is invalid.
    pub fn from_rows(rows: Vec<PostcodeRow>, pairs: Vec<BydelPair>) -> Result<Places, ContentErrors> {
        let mut issues = Vec::new();
        let mut error = |entry: String, field: &str, message: String| {
            issues.push(ContentIssue {
                severity: Severity::Error,
                file: "places".to_string(),
                position: None,
                step: Some(entry),
                field: Some(field.to_string()),
                message,
            })
        };
        let mut places = Places::default();
        let mut raw_kommune_names: HashMap<String, String> = HashMap::new();
        for row in rows {
            let problems = row.problems();
            let had_problems = !problems.is_empty();
            for (field, message) in problems {
                error(row.id(), field, message);
            }
            if had_problems {
                continue;
            }
            if places.row_by_postnummer.contains_key(&row.postnummer) {
                error(row.id(), "postnummer", format!("postcode {} is listed twice", row.postnummer));
                continue;
            }
            match raw_kommune_names.get(&row.kommunenummer) {
                Some(name) if *name != row.kommunenavn => {
                    error(
                        row.id(),
                        "kommunenavn",
                        format!(
                            "kommune {} is called both \"{name}\" and \"{}\"",
                            row.kommunenummer, row.kommunenavn
                        ),
                    );
                    continue;
                }
                Some(_) => {}
                None => {
                    raw_kommune_names.insert(row.kommunenummer.clone(), row.kommunenavn.clone());
                    places
                        .kommuner
                        .insert(row.kommunenummer.clone(), display_name(&row.kommunenavn));
                }
            }
            places.row_by_postnummer.insert(row.postnummer.clone(), places.rows.len());
            places.rows.push(row);
        }
        let mut seen: HashSet<BydelPair> = HashSet::new();
        for pair in pairs {
            let problems = pair.problems();
            let had_problems = !problems.is_empty();
            for (field, message) in problems {
                error(pair.id(), field, message);
            }
            if had_problems {
                continue;
            }
            if !seen.insert(pair.clone()) {
                error(pair.id(), "bydel", "the pair is listed twice".to_string());
                continue;
            }
            let index = places.pairs.len();
            places.pairs_by_postnummer.entry(pair.postnummer.clone()).or_default().push(index);
            places.pairs_by_kommune.entry(pair.kommunenummer.clone()).or_default().push(index);
            places.pairs.push(pair);
        }
        if issues.is_empty() {
            Ok(places)
        } else {
            Err(ContentErrors(issues))
        }
    }

    /// Builds places from mixed records of the `places` collection.
    pub fn from_entries(entries: Vec<PlaceEntry>) -> Result<Places, ContentErrors> {
        let mut rows = Vec::new();
        let mut pairs = Vec::new();
        for entry in entries {
            match entry {
                PlaceEntry::Postcode(r) => rows.push(r),
                PlaceEntry::Bydel(p) => pairs.push(p),
            }
        }
        Places::from_rows(rows, pairs)
    }

    /// Every record, register rows first, in a stable order (for sync and export).
    pub fn entries(&self) -> Vec<PlaceEntry> {
        self.rows
            .iter()
            .cloned()
            .map(PlaceEntry::Postcode)
            .chain(self.pairs.iter().cloned().map(PlaceEntry::Bydel))
            .collect()
    }

    /// The register rows, in file order.
    pub fn rows(&self) -> &[PostcodeRow] {
        &self.rows
    }

    /// The bydel candidate pairs, in file order.
    pub fn pairs(&self) -> &[BydelPair] {
        &self.pairs
    }

    /// The register row for `postnummer`.
    pub fn postcode(&self, postnummer: &str) -> Option<&PostcodeRow> {
        self.row_by_postnummer.get(postnummer).map(|&i| &self.rows[i])
    }

    /// The display name ("Bærum") of municipality `kommunenummer`, if the register knows it.
    pub fn kommune_name(&self, kommunenummer: &str) -> Option<&str> {
        self.kommuner.get(kommunenummer).map(String::as_str)
    }

    /// Every municipality in the register: (kommunenummer, display name), by number.
    pub fn kommuner(&self) -> impl Iterator<Item = (&str, &str)> {
        self.kommuner.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The bydel candidates listed for `postnummer`, in any municipality.
    pub fn pairs_for_postcode(&self, postnummer: &str) -> impl Iterator<Item = &BydelPair> {
        self.pairs_by_postnummer
            .get(postnummer)
            .into_iter()
            .flatten()
            .map(|&i| &self.pairs[i])
    }

    /// Every pair in municipality `kommunenummer`.
    pub fn pairs_in_kommune(&self, kommunenummer: &str) -> impl Iterator<Item = &BydelPair> {
        self.pairs_by_kommune
            .get(kommunenummer)
            .into_iter()
            .flatten()
            .map(|&i| &self.pairs[i])
    }
}
