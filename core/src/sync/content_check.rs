//! Content checks on a verified, staged collection before it is swapped in.
//!
//! The signature proves who published the content; these checks make sure this build can
//! use it. A guide that needs a newer app is *kept* (it is valid, signed content) and
//! reported as "update the app"; content that fails validation refuses the whole sync.

use crate::directory::{Directory, DirectoryEntry, PlaceEntry, Places};
use crate::error::{ContentError, ContentErrors, ContentIssue, Error, Result, Severity};
use crate::guide::{guide_from_json, Guide};
use crate::release_note::{newest_first, ReleaseNote};
use crate::sync::protocol::Collection;
use serde_json::Value;
use std::collections::BTreeMap;

/// A guide this build cannot show until the app is updated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NeedsUpdate {
    /// The guide id.
    pub id: String,
    /// The client version it requires.
    pub needed: u32,
    /// This build's client version.
    pub supported: u32,
}

impl NeedsUpdate {
    /// The message for the user, in English (see [`NeedsUpdate::message_in`]).
    pub fn message(&self) -> String {
        self.message_in(crate::i18n::Lang::En)
    }

    /// The message for the user in `lang` (from the catalog).
    pub fn message_in(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::catalog::GUIDE_NEEDS_UPDATE.fill(
            lang,
            &[
                ("id", &self.id),
                ("needed", &self.needed.to_string()),
                ("supported", &self.supported.to_string()),
            ],
        )
    }
}

/// Parses one stored guide record with the wire-format reader ([`guide_from_json`]), which
/// tells "needs a newer app" ([`ContentError::SchemaTooNew`]) apart from "broken"
/// ([`ContentError::Invalid`]); the record id must be the guide's id.
pub fn parse_guide(id: &str, data: &Value) -> Result<Guide> {
    let bytes = serde_json::to_vec(data).expect("JSON values always serialize");
    parse_guide_bytes(id, &bytes)
}

/// [`parse_guide`] straight from a record's stored bytes (no JSON value tree in between).
pub fn parse_guide_bytes(id: &str, bytes: &[u8]) -> Result<Guide> {
    let what = format!("guides/{id}");
    let guide = guide_from_json(&what, bytes)?;
    if guide.id != id {
        return Err(Error::Content(ContentError::Invalid(ContentErrors(vec![
            ContentIssue {
                severity: Severity::Error,
                file: what,
                position: None,
                step: None,
                field: Some("id".into()),
                message: format!(
                    "record id `{id}` does not match the guide id `{}`",
                    guide.id
                ),
            },
        ]))));
    }
    Ok(guide)
}

fn record_issue(collection: &str, id: &str, message: String) -> ContentIssue {
    ContentIssue {
        severity: Severity::Error,
        file: format!("{collection}/{id}"),
        position: None,
        step: None,
        field: None,
        message,
    }
}

/// Reads records of a collection into entries of type `T`, whose own id must match the
/// record id; every bad record is listed.
fn entries_of<T: serde::de::DeserializeOwned>(
    collection: &str,
    records: &BTreeMap<String, Value>,
    id_of: impl Fn(&T) -> String,
) -> Result<Vec<T>> {
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    for (id, data) in records {
        match T::deserialize(data) {
            Ok(entry) if id_of(&entry) == *id => entries.push(entry),
            Ok(entry) => issues.push(record_issue(
                collection,
                id,
                format!("record id does not match its content (`{}`)", id_of(&entry)),
            )),
            Err(e) => issues.push(record_issue(
                collection,
                id,
                format!("not a {collection} entry: {e}"),
            )),
        }
    }
    if issues.is_empty() {
        Ok(entries)
    } else {
        Err(Error::Content(ContentError::Invalid(ContentErrors(issues))))
    }
}

/// Builds the validated directory from the records of the `directory` collection.
pub fn directory_from_records(records: &BTreeMap<String, Value>) -> Result<Directory> {
    let entries = entries_of("directory", records, DirectoryEntry::id)?;
    Ok(Directory::from_entries(entries)?)
}

/// Builds the validated register and bydel pairs from the records of the `places` collection.
pub fn places_from_records(records: &BTreeMap<String, Value>) -> Result<Places> {
    let entries = entries_of("places", records, PlaceEntry::id)?;
    Ok(Places::from_entries(entries)?)
}

/// Reads and checks the records of the `releases` collection, newest note first.
pub fn release_notes_from_records(records: &BTreeMap<String, Value>) -> Result<Vec<ReleaseNote>> {
    let notes = entries_of("releases", records, |n: &ReleaseNote| n.id.clone())?;
    let issues: Vec<ContentIssue> = notes
        .iter()
        .flat_map(|n| {
            n.problems()
                .into_iter()
                .map(|(field, message)| ContentIssue {
                    field: Some(field.to_string()),
                    ..record_issue("releases", &n.id, message)
                })
        })
        .collect();
    if issues.is_empty() {
        Ok(newest_first(notes))
    } else {
        Err(Error::Content(ContentError::Invalid(ContentErrors(issues))))
    }
}

/// Checks a staged collection; returns the guides that need a newer app (kept, reported).
pub fn check_collection(
    collection: Collection,
    records: &BTreeMap<String, Value>,
) -> Result<Vec<NeedsUpdate>> {
    let mut needs_update = Vec::new();
    let mut issues: Vec<ContentIssue> = Vec::new();
    match collection {
        Collection::Guides => {
            for (id, data) in records {
                match parse_guide(id, data) {
                    Ok(_) => {}
                    Err(Error::Content(ContentError::SchemaTooNew {
                        needed, supported, ..
                    })) => needs_update.push(NeedsUpdate {
                        id: id.clone(),
                        needed,
                        supported,
                    }),
                    Err(Error::Content(ContentError::Invalid(errs))) => issues.extend(errs.0),
                    Err(other) => return Err(other),
                }
            }
        }
        Collection::Directory => {
            directory_from_records(records)?;
        }
        Collection::Places => {
            places_from_records(records)?;
        }
        Collection::Releases => {
            release_notes_from_records(records)?;
        }
    }
    let errors: Vec<ContentIssue> = issues
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        Ok(needs_update)
    } else {
        Err(Error::Content(ContentError::Invalid(ContentErrors(errors))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_guide_for_a_newer_app_is_kept_and_reported() {
        let mut records = BTreeMap::new();
        records.insert(
            "future".to_string(),
            json!({"id": "future", "min_client_version": crate::guide::CLIENT_VERSION + 1, "anything": "new"}),
        );
        let needs = check_collection(Collection::Guides, &records).unwrap();
        assert_eq!(needs.len(), 1);
        assert!(needs[0].message().contains("update the app"));
    }

    #[test]
    fn a_broken_guide_refuses_the_collection_naming_the_record() {
        let mut records = BTreeMap::new();
        records.insert("broken".to_string(), json!({"id": "broken"}));
        let err = check_collection(Collection::Guides, &records).unwrap_err();
        assert!(err.to_string().contains("guides/broken"), "{err}");
        let mut records = BTreeMap::new();
        records.insert("x".to_string(), json!([1]));
        let err = check_collection(Collection::Directory, &records).unwrap_err();
        assert!(err.to_string().contains("directory/x"), "{err}");
        assert!(check_collection(Collection::Places, &records).is_err());
    }
}
