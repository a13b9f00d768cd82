//! Places: the postcode register and the bydel candidate pairs, validated and indexed.

use super::bydel::BydelPair;
use super::postcodes::{display_name, PostcodeRow};
use super::resolve::Location;
use super::tab_file::postcode_slot;
use crate::error::{ContentErrors, ContentIssue, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

const NO_ROW: u32 = u32::MAX;

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
    /// Row index by postcode slot (0..=9999); `NO_ROW` where there is none.
    row_by_postcode: Vec<u32>,
    pairs_by_postnummer: HashMap<u16, Vec<u32>>,
    pairs_by_kommune: HashMap<String, Vec<u32>>,
    kommuner: BTreeMap<String, String>,
}

impl Places {
    /// Builds and validates places from register rows and bydel pairs (e.g. synced records);
    /// errors name the record id and field, and nothing is returned when anything is invalid.
    pub fn from_rows(
        rows: Vec<PostcodeRow>,
        pairs: Vec<BydelPair>,
    ) -> Result<Places, ContentErrors> {
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
        // Check everything first (borrowing), build only when all is well.
        let mut taken = vec![false; 10_000];
        let mut raw_kommune_names: HashMap<&str, &str> = HashMap::new();
        for row in &rows {
            let problems = row.problems();
            if !problems.is_empty() {
                for (field, message) in problems {
                    error(row.id(), field, message);
                }
                continue;
            }
            let slot = postcode_slot(&row.postnummer).unwrap_or_default();
            if std::mem::replace(&mut taken[slot], true) {
                error(
                    row.id(),
                    "postnummer",
                    format!("postcode {} is listed twice", row.postnummer),
                );
            }
            let name = *raw_kommune_names
                .entry(row.kommunenummer.as_str())
                .or_insert(row.kommunenavn.as_str());
            if name != row.kommunenavn {
                error(
                    row.id(),
                    "kommunenavn",
                    format!(
                        "kommune {} is called both \"{name}\" and \"{}\"",
                        row.kommunenummer, row.kommunenavn
                    ),
                );
            }
        }
        let mut seen: HashSet<&BydelPair> = HashSet::new();
        for pair in &pairs {
            let problems = pair.problems();
            if !problems.is_empty() {
                for (field, message) in problems {
                    error(pair.id(), field, message);
                }
                continue;
            }
            if !seen.insert(pair) {
                error(pair.id(), "bydel", "the pair is listed twice".to_string());
            }
        }
        if !issues.is_empty() {
            return Err(ContentErrors(issues));
        }

        let kommuner: BTreeMap<String, String> = raw_kommune_names
            .iter()
            .map(|(k, name)| (k.to_string(), display_name(name)))
            .collect();
        let mut row_by_postcode = vec![NO_ROW; 10_000];
        for (i, row) in rows.iter().enumerate() {
            if let Some(slot) = postcode_slot(&row.postnummer) {
                row_by_postcode[slot] = i as u32;
            }
        }
        let mut pairs_by_postnummer: HashMap<u16, Vec<u32>> = HashMap::new();
        let mut pairs_by_kommune: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, pair) in pairs.iter().enumerate() {
            let slot = postcode_slot(&pair.postnummer).unwrap_or_default() as u16;
            pairs_by_postnummer.entry(slot).or_default().push(i as u32);
            pairs_by_kommune
                .entry(pair.kommunenummer.clone())
                .or_default()
                .push(i as u32);
        }
        Ok(Places {
            rows,
            pairs,
            row_by_postcode,
            pairs_by_postnummer,
            pairs_by_kommune,
            kommuner,
        })
    }

    /// Part of a register (`rows`, `pairs`) that knows the name of every municipality of the
    /// whole register (`kommuner`, as [`Places::kommuner`] of the whole gives them): what a
    /// lazy contact book answers one question from (see [`Places::needed_for`]).
    pub fn with_kommuner(
        rows: Vec<PostcodeRow>,
        pairs: Vec<BydelPair>,
        kommuner: BTreeMap<String, String>,
    ) -> Result<Places, ContentErrors> {
        let mut places = Places::from_rows(rows, pairs)?;
        places.kommuner = kommuner;
        Ok(places)
    }

    /// What of the register an answer for `location` reads (the lookups `resolve` makes):
    /// the row of the postcode asked about (`Some` for a postcode), every bydel pair, and the
    /// name of every municipality. A [`Places::with_kommuner`] of just these answers exactly
    /// as the whole register does.
    pub fn needed_for(location: &Location) -> Option<&str> {
        match location {
            Location::Postnummer { postnummer } => Some(postnummer.trim()),
            Location::Anywhere | Location::Kommune { .. } => None,
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
        let slot = postcode_slot(postnummer)?;
        let index = *self.row_by_postcode.get(slot)?;
        (index != NO_ROW).then(|| &self.rows[index as usize])
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
        postcode_slot(postnummer)
            .and_then(|slot| self.pairs_by_postnummer.get(&(slot as u16)))
            .into_iter()
            .flatten()
            .map(|&i| &self.pairs[i as usize])
    }

    /// Every pair in municipality `kommunenummer`.
    pub fn pairs_in_kommune(&self, kommunenummer: &str) -> impl Iterator<Item = &BydelPair> {
        self.pairs_by_kommune
            .get(kommunenummer)
            .into_iter()
            .flatten()
            .map(|&i| &self.pairs[i as usize])
    }
}
