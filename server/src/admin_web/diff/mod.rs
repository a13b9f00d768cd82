//! What a draft changes against live, field by field, for the review page (issue 11, item
//! 3): every changed field by its authoring path (`options[0].next`, `text.nn`), so a reviewer
//! who does not read TOML sees which sentence changed. The unified TOML diff and the graph's
//! changes (steps and edges) come from the admin service (`crate::admin::review`).
//!
//! Fields are compared on the serde form of the core's model, so a field added to the model
//! later shows up in the diff without a change here.

use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use veiviser_core::guide::{Guide, Step};

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The authoring path of the field, e.g. `text.nb` or `options[1].next`.
    pub path: String,
    /// The live value, `None` when the field is new.
    pub before: Option<String>,
    /// The draft's value, `None` when the field is removed.
    pub after: Option<String>,
}

/// How a record (a step, a directory entry, the guide's own fields) changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Only in the draft.
    Added,
    /// Only live.
    Removed,
    /// In both, with different fields.
    Changed,
}

/// The changes of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordDiff {
    /// The record id (a step id; empty for the guide's own fields).
    pub id: String,
    /// Added, removed or changed.
    pub change: Change,
    /// Every field that differs.
    pub fields: Vec<FieldChange>,
}

/// Everything a guide draft changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GuideDiff {
    /// Changes to the guide's own fields (title, summary, start, legal references, …).
    pub guide: Option<RecordDiff>,
    /// Steps added, removed or changed, in the draft's order (removed ones last).
    pub steps: Vec<RecordDiff>,
}

impl GuideDiff {
    /// Whether the draft changes nothing.
    pub fn is_empty(&self) -> bool {
        self.guide.is_none() && self.steps.is_empty()
    }
}

/// The diff of a guide draft against live (`live` is `None` for a new guide).
pub fn guide_diff(live: Option<&Guide>, draft: &Guide) -> GuideDiff {
    let own = |g: &Guide| {
        let mut v = serde_json::to_value(g).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut v {
            map.remove("steps");
            // The revision always moves on publish; it is not the editor's change.
            map.remove("revision");
        }
        v
    };
    let guide = record_diff("", live.map(own).as_ref(), Some(&own(draft)));
    let live_steps: Vec<&Step> = live.map(|g| g.steps.iter().collect()).unwrap_or_default();
    let mut steps = Vec::new();
    for step in &draft.steps {
        let before = live_steps.iter().find(|s| s.id == step.id).copied();
        if let Some(d) = value_diff(&step.id, before, Some(step)) {
            steps.push(d);
        }
    }
    for step in &live_steps {
        if draft.step(&step.id).is_none() {
            steps.extend(value_diff(&step.id, Some(*step), None::<&Step>));
        }
    }
    GuideDiff { guide, steps }
}

/// The diff of any record (e.g. a directory entry) between `before` and `after`.
pub fn value_diff<T: Serialize>(
    id: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Option<RecordDiff> {
    let to_value = |t: &T| serde_json::to_value(t).unwrap_or(Value::Null);
    record_diff(
        id,
        before.map(to_value).as_ref(),
        after.map(to_value).as_ref(),
    )
}

fn record_diff(id: &str, before: Option<&Value>, after: Option<&Value>) -> Option<RecordDiff> {
    let change = match (before, after) {
        (None, None) => return None,
        (None, Some(_)) => Change::Added,
        (Some(_), None) => Change::Removed,
        (Some(_), Some(_)) => Change::Changed,
    };
    let mut b = BTreeMap::new();
    let mut a = BTreeMap::new();
    if let Some(v) = before {
        flatten("", v, &mut b);
    }
    if let Some(v) = after {
        flatten("", v, &mut a);
    }
    let paths: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    let fields: Vec<FieldChange> = paths
        .into_iter()
        .filter(|p| b.get(*p) != a.get(*p))
        .map(|p| FieldChange {
            path: p.clone(),
            before: b.get(p).cloned(),
            after: a.get(p).cloned(),
        })
        .collect();
    if change == Change::Changed && fields.is_empty() {
        return None;
    }
    Some(RecordDiff {
        id: id.to_string(),
        change,
        fields,
    })
}

/// Flattens a JSON value into `path → text`; a list of plain values is one field.
fn flatten(path: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match v {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                flatten(&join(k), v, out);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            if !items.is_empty() {
                let parts: Vec<String> = items.iter().map(scalar).collect();
                out.insert(path.to_string(), parts.join(", "));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{path}[{i}]"), item, out);
            }
        }
        other => {
            out.insert(path.to_string(), scalar(other));
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
