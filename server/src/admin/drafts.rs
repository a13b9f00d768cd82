//! Drafts: a guide or directory file being edited, or a rollback to an earlier revision,
//! with the sequence it was based on. Every save is checked with the rules of `veiviser
//! check` and `import` ([`crate::publishing::content::load`] and
//! [`crate::publishing::import::merge`], i.e. the core's guide and directory validation plus
//! the whole-set checks against what is published).

use crate::data_dir::CurrentRevision;
use crate::publishing::content::{self, guide_record, ContentFile, ContentKind};
use crate::publishing::import::{merge, ImportOptions};
use crate::publishing::publish::{records_of, NewState};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use utoipa::ToSchema;
use veiviser_core::sync::protocol::Collection;
use veiviser_core::{ContentErrors, ContentIssue, Severity};

/// What a draft holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DraftKind {
    /// One guide in the TOML authoring format.
    Guide,
    /// A directory file (areas and services, TOML or JSON).
    Directory,
    /// An earlier published revision, republished as a new sequence.
    Rollback,
}

/// Where a draft is in its life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DraftState {
    /// Being edited.
    Editing,
    /// Waiting for a reviewer.
    InReview {
        /// The open review.
        review: String,
    },
    /// Published (by approval or as an urgent fix).
    Published {
        /// The review that published it.
        review: String,
        /// The last sequence of the batch.
        sequence: u64,
    },
}

/// What a rollback republishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RollbackSpec {
    /// The collection (`guides`, `directory` or `places`).
    #[schema(value_type = String, example = "guides", pattern = "^(guides|directory|places)$")]
    pub collection: Collection,
    /// The earlier sequence whose state comes back.
    pub sequence: u64,
    /// Only this record (e.g. a guide id, `service:…`); all records of the collection when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

/// One finding of a check, placed at its step (or entry) and field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Issue {
    /// `error` blocks publishing; `warning` does not.
    pub severity: String,
    /// The file or record the finding is in.
    pub file: String,
    /// The line (1-based), for syntax errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The column (1-based), for syntax errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The step (guide) or entry (directory) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The field, e.g. `next` or `options[1].next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl From<&ContentIssue> for Issue {
    fn from(i: &ContentIssue) -> Self {
        Issue {
            severity: match i.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .into(),
            file: i.file.clone(),
            line: i.position.map(|p| p.0),
            column: i.position.map(|p| p.1),
            step: i.step.clone(),
            field: i.field.clone(),
            message: i.message.clone(),
        }
    }
}

/// A draft as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Draft {
    /// Random id.
    pub id: String,
    /// What it holds.
    pub kind: DraftKind,
    /// The file name, e.g. `guides/snakke-med-barnet.toml` (`.json` for a JSON directory file).
    pub file_name: String,
    /// The file's text (empty for a rollback).
    pub content: String,
    /// For a rollback: what comes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback: Option<RollbackSpec>,
    /// The published sequence the draft was based on (0: nothing was published).
    pub base_sequence: u64,
    /// Everyone who created or saved it (none of them may approve it).
    pub authors: Vec<String>,
    /// Who created it.
    pub created_by: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
    /// Where it is in its life.
    pub state: DraftState,
    /// The records it changes (`guides/ID`, `directory/ID`, …), from the last check.
    pub touches: Vec<String>,
    /// The findings of the last check.
    pub issues: Vec<Issue>,
    /// Whether the last check found no error.
    pub valid: bool,
}

/// The result of checking a draft against the published state.
#[derive(Debug)]
pub struct Checked {
    /// Every finding (errors and warnings).
    pub issues: Vec<Issue>,
    /// The records it changes.
    pub touches: Vec<(Collection, String)>,
    /// The new collection states, when there is no error.
    pub states: Option<BTreeMap<Collection, NewState>>,
    /// The records as the draft has them (also when the whole set has errors; `None`: the
    /// draft removes the record), for the diff.
    pub records: BTreeMap<(Collection, String), Option<Value>>,
}

impl Checked {
    fn failed(issues: Vec<Issue>, touches: Vec<(Collection, String)>) -> Self {
        Checked {
            issues,
            touches,
            states: None,
            records: BTreeMap::new(),
        }
    }
}

fn issues_of(errors: &ContentErrors) -> Vec<Issue> {
    errors.0.iter().map(Issue::from).collect()
}

/// `collection/id`, the form of [`Draft::touches`].
pub fn record_label(collection: Collection, id: &str) -> String {
    format!("{collection}/{id}")
}

/// Parses a [`record_label`].
pub fn parse_record_label(s: &str) -> Option<(Collection, String)> {
    let (c, id) = s.split_once('/')?;
    Some((c.parse().ok()?, id.to_string()))
}

/// Checks a guide or directory file draft against `current` (the published state).
pub fn check_file(
    kind: DraftKind,
    file_name: &str,
    text: &str,
    current: &BTreeMap<Collection, CurrentRevision>,
) -> Checked {
    let file = ContentFile {
        path: PathBuf::from(file_name),
        kind: match kind {
            DraftKind::Guide => ContentKind::Guide,
            _ => ContentKind::Directory,
        },
        bytes: text.as_bytes().to_vec(),
    };
    let loaded = match content::load(std::slice::from_ref(&file)) {
        Ok(l) => l,
        Err(e) => return Checked::failed(issues_of(&e), Vec::new()),
    };
    let mut touches: Vec<(Collection, String)> = loaded
        .guides
        .keys()
        .map(|id| (Collection::Guides, id.clone()))
        .chain(
            loaded
                .directory
                .keys()
                .map(|id| (Collection::Directory, id.clone())),
        )
        .collect();
    touches.sort();
    let mut records: BTreeMap<(Collection, String), Option<Value>> = loaded
        .guides
        .iter()
        .map(|(id, (_, g))| ((Collection::Guides, id.clone()), Some(guide_record(g))))
        .collect();
    for (id, (_, e)) in &loaded.directory {
        records.insert(
            (Collection::Directory, id.clone()),
            serde_json::to_value(e).ok(),
        );
    }
    let warnings = issues_of(&ContentErrors(loaded.warnings.clone()));
    let opts = ImportOptions {
        actor: String::new(),
        replace: false,
        deletes: Vec::new(),
        published_at: None,
        kind: None,
        note: None,
    };
    match merge(current, loaded, &opts) {
        Ok(states) => Checked {
            issues: warnings,
            touches,
            states: Some(states),
            records,
        },
        Err(e) => {
            let mut issues = issues_of(&e);
            issues.extend(warnings);
            Checked {
                records,
                ..Checked::failed(issues, touches)
            }
        }
    }
}

/// Checks a rollback: the state of `spec.record` (or the whole collection) at
/// `earlier` (the records of the revision at or before `spec.sequence`), merged into the live
/// state. Guides that change get a revision above the live one (devices never go back).
pub fn check_rollback(
    spec: &RollbackSpec,
    earlier: &BTreeMap<String, Value>,
    current: &BTreeMap<Collection, CurrentRevision>,
) -> Checked {
    let live_rev = current.get(&spec.collection);
    let live = live_rev
        .map(|c| records_of(&c.changeset))
        .unwrap_or_default();
    let schema_version = live_rev.map(|c| c.changeset.schema_version).unwrap_or(1);
    let mut records = match &spec.record {
        None => earlier.clone(),
        Some(id) => {
            let mut r = live.clone();
            match earlier.get(id) {
                Some(v) => r.insert(id.clone(), v.clone()),
                None => r.remove(id),
            };
            r
        }
    };
    let mut touches = Vec::new();
    let ids: Vec<String> = records.keys().chain(live.keys()).cloned().collect();
    for id in ids {
        if records.get(&id) != live.get(&id) && !touches.contains(&(spec.collection, id.clone())) {
            touches.push((spec.collection, id));
        }
    }
    touches.sort();
    if spec.collection == Collection::Guides {
        for (_, id) in &touches {
            let live_revision = live
                .get(id)
                .and_then(|v| v.get("revision"))
                .and_then(Value::as_u64);
            if let (Some(lr), Some(Value::Object(o))) = (live_revision, records.get_mut(id)) {
                o.insert("revision".into(), Value::from(lr + 1));
            }
        }
    }
    if let Err(e) = veiviser_core::sync::content_check::check_collection(spec.collection, &records)
    {
        let issue = Issue {
            severity: "error".into(),
            file: format!("{} at sequence {}", spec.collection, spec.sequence),
            line: None,
            column: None,
            step: spec.record.clone(),
            field: None,
            message: format!("the earlier revision does not pass today's checks: {e}"),
        };
        return Checked::failed(vec![issue], touches);
    }
    let changed = touches
        .iter()
        .map(|(c, id)| ((*c, id.clone()), records.get(id).cloned()))
        .collect();
    let states = BTreeMap::from([(
        spec.collection,
        NewState {
            schema_version,
            records,
        },
    )]);
    Checked {
        issues: Vec::new(),
        touches,
        states: Some(states),
        records: changed,
    }
}

/// A guide as authoring TOML (what a step editor saves as a draft's content).
pub fn guide_to_toml(guide: &veiviser_core::guide::Guide) -> Result<String, String> {
    to_toml(&guide_record(guide))
}

/// A published guide as authoring TOML (the start of a draft from the live guide).
pub fn guide_as_toml(record: &Value) -> Result<String, String> {
    let guide: veiviser_core::guide::Guide =
        serde_json::from_value(record.clone()).map_err(|e| e.to_string())?;
    to_toml(&guide_record(&guide))
}

/// A published directory entry as a directory TOML file with that one entry.
pub fn directory_entry_as_toml(record: &Value) -> Result<String, String> {
    // Records are `{"area": {...}}` or `{"service": {...}}`; a file has arrays of each.
    let Value::Object(o) = record else {
        return Err("a directory record is an object".into());
    };
    let file: serde_json::Map<String, Value> = o
        .iter()
        .map(|(k, v)| (k.clone(), Value::Array(vec![v.clone()])))
        .collect();
    to_toml(&Value::Object(file))
}

fn to_toml(v: &Value) -> Result<String, String> {
    let t = toml::Value::try_from(v).map_err(|e| e.to_string())?;
    toml::to_string_pretty(&t).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_guide_round_trips_through_authoring_toml() {
        let dir = crate::publishing::demo::default_content_dir().join("guides");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let guide = veiviser_core::guide::parse_guide_toml("g", &text)
                .unwrap()
                .guide;
            let toml = guide_as_toml(&guide_record(&guide)).unwrap();
            let back = veiviser_core::guide::parse_guide_toml("back", &toml)
                .unwrap_or_else(|e| panic!("{}: {e}\n{toml}", path.display()))
                .guide;
            assert_eq!(back, guide, "{}", path.display());
        }
    }
}
