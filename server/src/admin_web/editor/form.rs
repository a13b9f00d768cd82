//! Posted forms as name/value pairs, and the form fields the editor pages render.
//!
//! Field names are the authoring format's field paths (`text.nb`, `options[0].next`), the
//! same paths the validator names in its findings, so an error lands on the field it is
//! about without a translation table. [`field_id`] turns a path into an HTML id.

use veiviser_core::error::{ContentIssue, Severity};

/// A posted `application/x-www-form-urlencoded` body, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    /// The first value named `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value named `name`, trimmed, or "" when absent.
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").trim().to_string()
    }

    /// Every value named `name` (checkbox groups).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether a checkbox named `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The indexes `i` of every posted `prefix[i]…` field, ascending.
    pub fn indexes(&self, prefix: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .0
            .iter()
            .filter_map(|(k, _)| {
                let rest = k.strip_prefix(prefix)?.strip_prefix('[')?;
                rest.split_once(']')?.0.parse().ok()
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The HTML id of the input for field `path` (`options[0].next` → `f-options-0-next`).
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' => id.push(c),
            ']' => {}
            _ => id.push('-'),
        }
    }
    id
}

/// `a` equals `b` or is a parent path of it (`options` of `options[0].next`).
pub fn is_path_prefix(a: &str, b: &str) -> bool {
    b.strip_prefix(a)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// One error shown at a field and in the error summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the input it belongs to (the summary links to `#id`), or `None` for an
    /// error about the record as a whole.
    pub field_id: Option<String>,
    /// The field path the validator named, for the reader.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The findings of one save, placed on the fields of the form that was shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlacedErrors {
    /// Errors at a field of this form, in the order found.
    pub at_fields: Vec<FieldError>,
    /// Errors elsewhere (another step, the record as a whole), in the order found.
    pub elsewhere: Vec<(Option<String>, FieldError)>,
    /// Warnings (do not block publishing).
    pub warnings: Vec<String>,
}

impl PlacedErrors {
    /// Places `issues` on `fields` (the paths of the inputs on the page, in page order) for
    /// the record `record` (a step id; `None` for the guide's own fields).
    pub fn place(issues: &[ContentIssue], record: Option<&str>, fields: &[String]) -> PlacedErrors {
        let mut out = PlacedErrors::default();
        for issue in issues {
            if issue.severity == Severity::Warning {
                out.warnings.push(issue.to_string());
                continue;
            }
            let path = issue.field.clone().unwrap_or_default();
            if issue.step.as_deref() != record {
                out.elsewhere.push((
                    issue.step.clone(),
                    FieldError {
                        field_id: None,
                        path,
                        message: issue.message.clone(),
                    },
                ));
                continue;
            }
            // An error about `text` (a parent path) goes to its first input, `text.nb`.
            let target = fields
                .iter()
                .find(|f| **f == path)
                .or_else(|| {
                    fields
                        .iter()
                        .find(|f| !path.is_empty() && is_path_prefix(&path, f))
                })
                // An error about `legal[1]` goes to the group `legal`.
                .or_else(|| fields.iter().find(|f| is_path_prefix(f, &path)));
            out.at_fields.push(FieldError {
                field_id: target.map(|f| field_id(f)),
                path,
                message: issue.message.clone(),
            });
        }
        out
    }

    /// The messages for the input with `id`, joined for its error text.
    pub fn for_id(&self, id: &str) -> Vec<String> {
        self.at_fields
            .iter()
            .filter(|e| e.field_id.as_deref() == Some(id))
            .map(|e| e.message.clone())
            .collect()
    }

    /// Whether there is any error to show.
    pub fn any(&self) -> bool {
        !self.at_fields.is_empty() || !self.elsewhere.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_paths() {
        assert_eq!(field_id("options[0].next"), "f-options-0-next");
        assert_eq!(field_id("text.nb"), "f-text-nb");
    }

    #[test]
    fn indexes_are_read_from_posted_names() {
        let p = Pairs(vec![
            ("options[2].id".into(), "b".into()),
            ("options[0].id".into(), "a".into()),
            ("options[0].next".into(), "X".into()),
            ("checklist[1].nb".into(), "c".into()),
        ]);
        assert_eq!(p.indexes("options"), vec![0, 2]);
        assert_eq!(p.indexes("checklist"), vec![1]);
    }

    #[test]
    fn errors_land_on_their_field_or_its_first_child() {
        let issue = |step: &str, field: &str| ContentIssue {
            severity: Severity::Error,
            file: "f".into(),
            position: None,
            step: Some(step.into()),
            field: Some(field.into()),
            message: format!("bad {field}"),
        };
        let fields = vec!["text.nb".to_string(), "options[0].next".to_string()];
        let placed = PlacedErrors::place(
            &[
                issue("A", "options[0].next"),
                issue("A", "text"),
                issue("B", "next"),
            ],
            Some("A"),
            &fields,
        );
        assert_eq!(
            placed.for_id("f-options-0-next"),
            vec!["bad options[0].next"]
        );
        assert_eq!(placed.for_id("f-text-nb"), vec!["bad text"]);
        assert_eq!(placed.elsewhere.len(), 1);
        assert_eq!(placed.elsewhere[0].0.as_deref(), Some("B"));
    }
}
