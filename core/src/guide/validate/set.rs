//! Validation across a set of guides published together: unique guide ids, and every
//! cross-guide link leads to a guide of the set that is not a dead end.

use super::closest;
use crate::error::{ContentIssue, Severity};
use crate::guide::model::Guide;
use std::collections::HashMap;

/// Checks links between `guides` (each validated on its own first with
/// [`super::validate_guide`]); findings are labelled `guide `ID``.
///
/// Call it with every guide that is checked or imported together (`veiviser check A B C`,
/// the server's import): a link to a guide outside the set is an error.
pub fn validate_guide_set(guides: &[Guide]) -> Vec<ContentIssue> {
    let labels: Vec<String> = guides.iter().map(|g| format!("guide `{}`", g.id)).collect();
    let labelled: Vec<(&str, &Guide)> = labels
        .iter()
        .map(String::as_str)
        .zip(guides.iter())
        .collect();
    validate_labelled_guide_set(&labelled)
}

/// [`validate_guide_set`] with a label per guide (its file name) for the findings.
pub fn validate_labelled_guide_set(guides: &[(&str, &Guide)]) -> Vec<ContentIssue> {
    let mut issues = Vec::new();
    let mut push = |file: &str, severity, step: Option<&str>, field: Option<String>, message| {
        issues.push(ContentIssue {
            severity,
            file: file.to_string(),
            position: None,
            step: step.map(str::to_string),
            field,
            message,
        })
    };
    let mut by_id: HashMap<&str, (&str, &Guide)> = HashMap::with_capacity(guides.len());
    for &(label, guide) in guides {
        if let Some((first, _)) = by_id.get(guide.id.as_str()) {
            push(
                label,
                Severity::Error,
                None,
                Some("id".to_string()),
                format!(
                    "guide id `{}` is also used by {first}: give each guide its own id",
                    guide.id
                ),
            );
        } else {
            by_id.insert(guide.id.as_str(), (label, guide));
        }
    }
    for &(label, guide) in guides {
        for step in &guide.steps {
            for (k, link) in step.links.iter().enumerate() {
                if link.guide.is_empty() || link.guide == guide.id {
                    continue; // reported by validate_guide
                }
                let field = Some(format!("links[{k}].guide"));
                match by_id.get(link.guide.as_str()) {
                    None => {
                        let hint = closest(&link.guide, by_id.keys().copied())
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default();
                        push(
                            label,
                            Severity::Error,
                            Some(&step.id),
                            field,
                            format!(
                                "links to guide `{}`, which is not in the published set{hint}: publish that guide together with this one, or fix the id",
                                link.guide
                            ),
                        );
                    }
                    Some((target_label, target)) if !target.has_reachable_end() => push(
                        label,
                        Severity::Error,
                        Some(&step.id),
                        field,
                        format!(
                            "links to guide `{}` ({target_label}), which is a dead end: no end step can be reached from its start `{}`",
                            link.guide, target.start
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
    issues
}
