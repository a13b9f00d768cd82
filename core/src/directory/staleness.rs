//! Staleness: entries whose last verification is more than 12 months old, so the admin side
//! can list them and the app can show "verified on …".

use super::catalog::{Directory, DirectoryEntry};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How long an entry stays fresh after it was verified.
pub const FRESH_FOR_MONTHS: u32 = 12;

/// True when `last_verified` is more than 12 months before `today`.
pub fn is_stale(last_verified: NaiveDate, today: NaiveDate) -> bool {
    match today.checked_sub_months(Months::new(FRESH_FOR_MONTHS)) {
        Some(limit) => last_verified < limit,
        None => false,
    }
}

/// A directory entry that needs to be verified again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaleEntry {
    /// The record id (`service:ID` or `area:ID`).
    pub id: String,
    /// The entry's name (bokmål).
    pub name: String,
    /// When it was last verified.
    pub last_verified: NaiveDate,
    /// Whether it is example data.
    pub example_data: bool,
}

/// Every entry of `dir` last verified more than 12 months before `today`, oldest first.
pub fn stale_entries(dir: &Directory, today: NaiveDate) -> Vec<StaleEntry> {
    let mut out: Vec<StaleEntry> = dir
        .entries()
        .into_iter()
        .filter_map(|entry| {
            let (name, last_verified, example_data) = match &entry {
                DirectoryEntry::Area(a) => (a.name.clone(), a.last_verified, a.example_data),
                DirectoryEntry::Service(s) => (s.name.nb.clone(), s.last_verified, s.example_data),
            };
            is_stale(last_verified, today).then(|| StaleEntry {
                id: entry.id(),
                name,
                last_verified,
                example_data,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.last_verified
            .cmp(&b.last_verified)
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn twelve_months_is_the_limit() {
        assert!(
            !is_stale(d(2025, 11, 22), d(2026, 11, 22)),
            "exactly 12 months"
        );
        assert!(is_stale(d(2025, 11, 21), d(2026, 11, 22)));
        assert!(!is_stale(d(2026, 11, 22), d(2026, 11, 22)));
        // 29 February: 12 months later is clamped to 28 February.
        assert!(!is_stale(d(2024, 2, 28), d(2025, 2, 28)));
        assert!(is_stale(d(2024, 2, 27), d(2025, 2, 28)));
    }
}
