//! The authoring format: one guide per TOML file, written by hand by a content editor.
//!
//! Strict by design: an unknown field, a wrong type or an unknown contact role is an error
//! naming the file, the step and the field (with a "did you mean" hint), because a typo that
//! is silently ignored can hide a step from a worried teacher. Every finding in a file is
//! collected in one pass: syntax (`FILE:LINE:COL: message`), then fields and types, then the
//! graph and content rules of [`validate_guide`]. See `docs/guide-format.md` for the format.

use crate::error::{ContentError, ContentErrors, ContentIssue, Error, InputError, Severity};
use crate::guide::model::{AnswerOption, Guide, GuideLink, Review, Step, StepKind, SCHEMA_VERSION};
use crate::guide::validate::{closest, validate_guide};
use crate::legal::LegalRef;
use chrono::NaiveDate;
use std::path::Path;
use toml::{Table, Value};
use values::{describe, join};
// Used by the tests below through `use super::*`.
#[cfg(test)]
use crate::{i18n::LocalizedText, roles::ContactRole, sector::Sector};

mod values;

/// A guide read from its authoring file, with the warnings an editor should look at.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedGuide {
    /// The guide, valid and ready to publish.
    pub guide: Guide,
    /// Findings that do not block publishing (e.g. a phone number written in prose).
    pub warnings: Vec<ContentIssue>,
}

/// Top-level fields of a guide file.
pub(crate) const GUIDE_FIELDS: &[&str] = &[
    "id",
    "revision",
    "schema_version",
    "min_client_version",
    "title",
    "summary",
    "audience",
    "review",
    "start",
    "acute_step",
    "legal",
    "steps",
];
/// Fields of `[review]`.
pub(crate) const REVIEW_FIELDS: &[&str] = &["reviewed_by", "reviewed_on", "next_review"];
/// Fields of a `[[legal]]` reference.
pub(crate) const LEGAL_FIELDS: &[&str] = &["id", "law", "section", "title", "url", "sectors"];
/// Fields of a `[[steps]]` entry.
pub(crate) const STEP_FIELDS: &[&str] = &[
    "id",
    "kind",
    "title",
    "text",
    "next",
    "options",
    "urgent",
    "loop_back",
    "checklist",
    "contacts",
    "legal",
    "links",
    "branch_on",
];
/// Fields of a step's `links` entry.
pub(crate) const LINK_FIELDS: &[&str] = &["guide", "label"];
/// Fields of a `[[steps.options]]` entry.
pub(crate) const OPTION_FIELDS: &[&str] = &["id", "label", "next"];
/// Languages of a localized text table.
pub(crate) const TEXT_FIELDS: &[&str] = &["nb", "nn", "en"];
/// Values of a step's `kind`.
pub(crate) const STEP_KINDS: &[&str] = &["question", "action", "end"];

/// Parses and validates one guide file's text; `file_label` names the file in every finding.
///
/// `Ok` only when there is no error; the `Err` lists every error and warning found.
pub fn parse_guide_toml(file_label: &str, src: &str) -> Result<ParsedGuide, ContentErrors> {
    let table = match toml::from_str::<Table>(src) {
        Ok(t) => t,
        Err(e) => return Err(ContentErrors(vec![syntax_error(file_label, src, &e)])),
    };
    let mut reader = Reader {
        file: file_label,
        issues: Vec::new(),
    };
    let guide = reader.guide(&table);
    let mut issues = reader.issues;
    let validation = validate_guide(&guide, file_label);
    // The model was built best-effort; skip validator findings about a field the reader
    // already reported, so one mistake gives one message.
    let already_reported = |v: &ContentIssue| {
        issues.iter().any(|a| {
            a.severity == Severity::Error
                && a.step == v.step
                && match (&a.field, &v.field) {
                    (Some(a), Some(v)) => is_path_prefix(a, v) || is_path_prefix(v, a),
                    _ => false,
                }
        })
    };
    let fresh: Vec<ContentIssue> = validation
        .into_iter()
        .filter(|v| !already_reported(v))
        .collect();
    issues.extend(fresh);
    if issues.iter().any(|i| i.severity == Severity::Error) {
        Err(ContentErrors(issues))
    } else {
        Ok(ParsedGuide {
            guide,
            warnings: issues,
        })
    }
}

/// Reads, parses and validates a guide file; IO errors name the path.
pub fn load_guide_file(path: &Path) -> Result<ParsedGuide, Error> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| {
        Error::Input(InputError::Read {
            path: label.clone(),
            source,
        })
    })?;
    let src = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let (line, col) = line_col(&valid, valid.len());
            return Err(Error::Content(ContentError::Invalid(ContentErrors(vec![
                ContentIssue {
                    severity: Severity::Error,
                    file: label,
                    position: Some((line, col)),
                    step: None,
                    field: None,
                    message: "the file is not UTF-8 text: save it as UTF-8".to_string(),
                },
            ]))));
        }
    };
    Ok(parse_guide_toml(&label, &src)?)
}

/// `a` equals `b` or is a parent path of it (`options` of `options[0].next`, `text` of `text.nb`).
fn is_path_prefix(a: &str, b: &str) -> bool {
    b.strip_prefix(a)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

fn syntax_error(file: &str, src: &str, e: &toml::de::Error) -> ContentIssue {
    let position = e.span().map(|span| line_col(src, span.start));
    let message = e.message().trim().to_string();
    ContentIssue {
        severity: Severity::Error,
        file: file.to_string(),
        position,
        step: None,
        field: None,
        message: format!("TOML syntax error: {message}"),
    }
}

/// 1-based line and column (in characters) of byte `offset` in `src`.
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Walks the TOML table, reporting every problem, and builds the model best-effort.
struct Reader<'a> {
    file: &'a str,
    issues: Vec<ContentIssue>,
}

impl Reader<'_> {
    fn error(&mut self, step: Option<&str>, field: &str, message: String) {
        self.issues.push(ContentIssue {
            severity: Severity::Error,
            file: self.file.to_string(),
            position: None,
            step: step.map(str::to_string),
            field: (!field.is_empty()).then(|| field.to_string()),
            message,
        });
    }

    fn wrong_type(&mut self, step: Option<&str>, field: &str, expected: &str, found: &Value) {
        self.error(
            step,
            field,
            format!("expected {expected}, found {}", describe(found)),
        );
    }

    /// Reports every key of `table` that is not in `allowed`, with the closest known one.
    fn check_keys(
        &mut self,
        step: Option<&str>,
        prefix: &str,
        table: &Table,
        allowed: &[&str],
        what: &str,
    ) {
        for key in table.keys() {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let hint = closest(key, allowed.iter().copied())
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            self.error(
                step,
                &join(prefix, key),
                format!(
                    "unknown field `{key}` in {what}: {hint}Known fields: {}",
                    allowed.join(", ")
                ),
            );
        }
    }

    fn guide(&mut self, t: &Table) -> Guide {
        self.check_keys(None, "", t, GUIDE_FIELDS, "the guide");
        let id = self.string(None, "id", t.get("id"));
        let revision = match t.get("revision") {
            None => {
                self.error(
                    None,
                    "revision",
                    "missing: set revision = 1 and increase it with every published edit"
                        .to_string(),
                );
                0
            }
            v => self.u32("revision", v, 1).unwrap_or(0),
        };
        let schema_version = self
            .u32("schema_version", t.get("schema_version"), 1)
            .unwrap_or(SCHEMA_VERSION);
        if schema_version > SCHEMA_VERSION {
            self.error(
                None,
                "schema_version",
                format!(
                    "format version {schema_version} is newer than this tool understands ({SCHEMA_VERSION}): update veiviser"
                ),
            );
        }
        let min_client_version = self
            .u32("min_client_version", t.get("min_client_version"), 1)
            .unwrap_or(1);
        let title = self.text(None, "title", t.get("title"));
        let summary = self.text(None, "summary", t.get("summary"));
        let audience = self.sectors(None, "audience", t.get("audience"));
        let review = self.review(t.get("review"));
        let start = self.string(None, "start", t.get("start"));
        let acute_step = self.string(None, "acute_step", t.get("acute_step"));
        let legal = self
            .tables(None, "legal", t.get("legal"))
            .into_iter()
            .map(|(at, lt)| self.legal_ref(&at, lt))
            .collect();
        let steps = self
            .tables(None, "steps", t.get("steps"))
            .into_iter()
            .map(|(at, st)| self.step(&at, st))
            .collect();
        Guide {
            id,
            revision,
            schema_version,
            min_client_version,
            title,
            summary,
            audience,
            review,
            start,
            acute_step,
            legal,
            steps,
        }
    }

    fn review(&mut self, v: Option<&Value>) -> Review {
        // A placeholder keeps the model whole; the error is already recorded.
        let placeholder = NaiveDate::MIN;
        match v {
            Some(Value::Table(t)) => {
                self.check_keys(None, "review", t, REVIEW_FIELDS, "[review]");
                let reviewed_by = self.string(None, "review.reviewed_by", t.get("reviewed_by"));
                let reviewed_on = self
                    .date("review.reviewed_on", t.get("reviewed_on"))
                    .unwrap_or(placeholder);
                let next_review = t
                    .get("next_review")
                    .and_then(|v| self.date("review.next_review", Some(v)));
                Review {
                    reviewed_by,
                    reviewed_on,
                    next_review,
                }
            }
            None => {
                self.error(
                    None,
                    "review",
                    "missing: add a [review] table with reviewed_by and reviewed_on".to_string(),
                );
                Review {
                    reviewed_by: String::new(),
                    reviewed_on: placeholder,
                    next_review: None,
                }
            }
            Some(other) => {
                self.wrong_type(None, "review", "a [review] table", other);
                Review {
                    reviewed_by: String::new(),
                    reviewed_on: placeholder,
                    next_review: None,
                }
            }
        }
    }

    fn legal_ref(&mut self, at: &str, t: &Table) -> LegalRef {
        self.check_keys(None, at, t, LEGAL_FIELDS, "a [[legal]] reference");
        LegalRef {
            id: self.string(None, &join(at, "id"), t.get("id")),
            law: self.string(None, &join(at, "law"), t.get("law")),
            section: self.opt_string(None, &join(at, "section"), t.get("section")),
            title: self.text(None, &join(at, "title"), t.get("title")),
            url: self.string(None, &join(at, "url"), t.get("url")),
            sectors: self.sectors(None, &join(at, "sectors"), t.get("sectors")),
        }
    }

    fn step(&mut self, at: &str, t: &Table) -> Step {
        // Findings inside a step name the step by id; without a usable id, by its position.
        let id = match t.get("id") {
            None => String::new(), // the validator reports `steps[i].id`
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                self.wrong_type(None, &join(at, "id"), "a string (in quotes)", other);
                String::new()
            }
        };
        let (step, prefix): (Option<&str>, &str) = if id.is_empty() {
            (None, at)
        } else {
            (Some(id.as_str()), "")
        };
        self.check_keys(step, prefix, t, STEP_FIELDS, "a step");
        let f = |name: &str| join(prefix, name);

        let kind_name = match t.get("kind") {
            None => {
                self.error(
                    step,
                    &f("kind"),
                    "missing: set kind = \"question\", \"action\" or \"end\"".to_string(),
                );
                None
            }
            Some(Value::String(k)) if STEP_KINDS.contains(&k.as_str()) => Some(k.as_str()),
            Some(Value::String(k)) => {
                let hint = closest(k, STEP_KINDS.iter().copied())
                    .map(|x| format!("did you mean `{x}`? "))
                    .unwrap_or_default();
                self.error(
                    step,
                    &f("kind"),
                    format!(
                        "unknown step kind `{k}`: {hint}Use \"question\", \"action\" or \"end\""
                    ),
                );
                None
            }
            Some(other) => {
                self.wrong_type(
                    step,
                    &f("kind"),
                    "\"question\", \"action\" or \"end\"",
                    other,
                );
                None
            }
        };
        // Without a valid kind, guess from the fields so the rest can still be checked.
        let kind_name = kind_name.unwrap_or(if t.contains_key("options") {
            "question"
        } else if t.contains_key("next") {
            "action"
        } else {
            "end"
        });
        let misplaced = |field: &str| -> Option<String> {
            match (kind_name, field) {
                ("question", "next") => Some("a question step has no `next`: each option has its own `next` (or use kind = \"action\")".into()),
                ("action", "options") => Some("an action step has no options: use kind = \"question\" for a choice, or remove the options".into()),
                ("end", "next") => Some("an end step leads nowhere: remove `next` (or use kind = \"action\")".into()),
                ("end", "options") => Some("an end step has no options: remove them (or use kind = \"question\")".into()),
                _ => None,
            }
        };
        for field in ["next", "options"] {
            if t.contains_key(field) {
                if let Some(message) = misplaced(field) {
                    self.error(step, &f(field), message);
                }
            }
        }

        let kind = match kind_name {
            "question" => {
                let options = self
                    .tables(step, &f("options"), t.get("options"))
                    .into_iter()
                    .map(|(oat, ot)| {
                        self.check_keys(step, &oat, ot, OPTION_FIELDS, "an option");
                        AnswerOption {
                            id: self.string(step, &join(&oat, "id"), ot.get("id")),
                            label: self.text(step, &join(&oat, "label"), ot.get("label")),
                            next: self.string(step, &join(&oat, "next"), ot.get("next")),
                        }
                    })
                    .collect();
                StepKind::Question { options }
            }
            "action" => StepKind::Action {
                next: self.string(step, &f("next"), t.get("next")),
            },
            _ => StepKind::End,
        };
        let title = t
            .get("title")
            .map(|v| self.text(step, &f("title"), Some(v)));
        let text = self.text(step, &f("text"), t.get("text"));
        let urgent = self.bool(step, &f("urgent"), t.get("urgent"));
        let loop_back = self.bool(step, &f("loop_back"), t.get("loop_back"));
        let checklist_field = f("checklist");
        let checklist = self
            .list(step, &checklist_field, t.get("checklist"))
            .iter()
            .enumerate()
            .map(|(k, v)| self.text(step, &format!("{checklist_field}[{k}]"), Some(v)))
            .collect();
        let contacts = self.roles(step, &f("contacts"), t.get("contacts"));
        let legal = self
            .strings(step, &f("legal"), t.get("legal"))
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        let links = self
            .tables(step, &f("links"), t.get("links"))
            .into_iter()
            .map(|(lat, lt)| {
                self.check_keys(step, &lat, lt, LINK_FIELDS, "a link to another guide");
                GuideLink {
                    guide: self.string(step, &join(&lat, "guide"), lt.get("guide")),
                    label: self.text(step, &join(&lat, "label"), lt.get("label")),
                }
            })
            .collect();
        let branch_on = self.branch_on(step, &f("branch_on"), t.get("branch_on"));
        Step {
            id,
            title,
            text,
            kind,
            urgent,
            loop_back,
            checklist,
            contacts,
            legal,
            links,
            branch_on,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest valid guide, shared with the CLI's tests (`veiviser_testkit::fixtures`,
    /// which this unit test cannot depend on); tests replace lines to break it one way at a time.
    const MINIMAL: &str = include_str!("../../../testkit/fixtures/guides/minimal.toml");

    fn errs(src: &str) -> Vec<ContentIssue> {
        match parse_guide_toml("g.toml", src) {
            Ok(p) => panic!(
                "expected errors, got a guide with warnings {:#?}",
                p.warnings
            ),
            Err(e) => e.errors().cloned().collect(),
        }
    }

    fn has(issues: &[ContentIssue], step: Option<&str>, field: &str, needle: &str) -> bool {
        issues.iter().any(|i| {
            i.step.as_deref() == step
                && i.field.as_deref() == Some(field)
                && i.message.contains(needle)
        })
    }

    #[track_caller]
    fn assert_only(src: &str, step: Option<&str>, field: &str, needle: &str) {
        let e = errs(src);
        assert!(has(&e, step, field, needle), "{e:#?}");
        assert_eq!(e.len(), 1, "expected one error: {e:#?}");
    }

    #[test]
    fn minimal_guide_parses_into_the_model() {
        let p = parse_guide_toml("g.toml", MINIMAL).unwrap();
        assert!(p.warnings.is_empty(), "{:#?}", p.warnings);
        let g = p.guide;
        assert_eq!(g.id, "test-guide");
        assert_eq!(g.title.en.as_deref(), Some("Test guide"));
        assert_eq!(
            g.summary,
            LocalizedText::nb("Brukes i tester (eksempeldata).")
        );
        assert_eq!(
            g.review.reviewed_on,
            NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()
        );
        assert_eq!(g.min_client_version, 1);
        assert_eq!(g.schema_version, SCHEMA_VERSION);
        assert_eq!(g.steps.len(), 4);
        match &g.steps[0].kind {
            StepKind::Question { options } => {
                assert_eq!(options[1].id, "nei");
                assert_eq!(options[1].next, "meld");
            }
            other => panic!("{other:?}"),
        }
        assert!(g.steps[1].urgent);
        assert_eq!(
            g.steps[1].contacts,
            [ContactRole::Nodnummer, ContactRole::Barnevernvakt]
        );
        assert_eq!(g.legal[0].section.as_deref(), Some("§ 13-2"));
    }

    #[test]
    fn the_shipped_guide_parses_without_findings() {
        let src = include_str!("../../../server/content/guides/fra-bekymring-til-handling.toml");
        let p = parse_guide_toml("fra-bekymring-til-handling.toml", src)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(p.warnings.is_empty(), "{:#?}", p.warnings);
        assert_eq!(p.guide.id, "fra-bekymring-til-handling");
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let src = MINIMAL.replace("revision = 1", "revision = = 1");
        let e = errs(&src);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].position, Some((2, 12)), "{e:#?}");
        assert!(
            e[0].to_string()
                .starts_with("g.toml:2:12: TOML syntax error"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn column_counts_characters_not_bytes() {
        assert_eq!(line_col("ææ\nøå x", 10), (2, 4));
        assert_eq!(line_col("ææ\nøå x", 8), (2, 2)); // inside `å`: rounds down
        assert_eq!(line_col("abc", 99), (1, 4));
    }

    #[test]
    fn unknown_fields_everywhere_are_errors_with_suggestions() {
        let cases = [
            (
                "start = \"start\"",
                "start = \"start\"\nacute = \"x\"",
                None,
                "acute",
                "did you mean `acute_step`?",
            ),
            (
                "reviewed_by = \"Test (eksempeldata)\"",
                "reviewed_by = \"Test (eksempeldata)\"\nreviewd_on = 1",
                None,
                "review.reviewd_on",
                "`reviewed_on`",
            ),
            (
                "next = \"akutt\"",
                "next = \"akutt\"\nnxt = \"x\"",
                Some("start"),
                "options[0].nxt",
                "did you mean `next`?",
            ),
            (
                "contacts = [\"nodnummer\", \"barnevernvakt\"]",
                "contacts = [\"nodnummer\", \"barnevernvakt\"]\ncontact = []",
                Some("akutt"),
                "contact",
                "did you mean `contacts`?",
            ),
            (
                "text.nb = \"Ferdig.\"",
                "text.nb = \"Ferdig.\"\ntext.nob = \"x\"",
                Some("slutt"),
                "text.nob",
                "did you mean `nb`?",
            ),
            (
                "law = \"barnevernsloven\"",
                "law = \"barnevernsloven\"\nparagraf = \"x\"",
                None,
                "legal[0].paragraf",
                "Known fields: id, law",
            ),
        ];
        for (from, to, step, field, needle) in cases {
            let src = MINIMAL.replacen(from, to, 1);
            assert_ne!(src, MINIMAL);
            let e = errs(&src);
            assert!(has(&e, step, field, needle), "{field}: {e:#?}");
            assert_eq!(e.len(), 1, "{field}: {e:#?}");
        }
    }

    #[test]
    fn fields_that_do_not_fit_the_kind() {
        let src = MINIMAL.replace(
            "text.nb = \"Er barnet i fare nå?\"",
            "text.nb = \"Er barnet i fare nå?\"\nnext = \"slutt\"",
        );
        assert_only(
            &src,
            Some("start"),
            "next",
            "each option has its own `next`",
        );
        let src = MINIMAL.replace(
            "text.nb = \"Ferdig.\"",
            "text.nb = \"Ferdig.\"\nnext = \"start\"",
        );
        assert_only(&src, Some("slutt"), "next", "an end step leads nowhere");
    }

    #[test]
    fn unknown_kind_suggests_and_still_checks_the_rest() {
        let src = MINIMAL
            .replacen("kind = \"action\"", "kind = \"aktion\"", 1)
            .replace(
                "\"barnevernvakt\"]\nnext = \"meld\"",
                "\"barnevernvakt\"]\nnext = \"slut\"",
            );
        let e = errs(&src);
        assert!(
            has(&e, Some("akutt"), "kind", "did you mean `action`?"),
            "{e:#?}"
        );
        assert!(has(&e, Some("akutt"), "next", "`slut`"), "{e:#?}");
        assert_eq!(e.len(), 2, "{e:#?}");
    }

    #[test]
    fn unknown_contact_role_lists_the_valid_ones() {
        let src = MINIMAL.replace("\"barnevernvakt\"]", "\"barnevernvakt\", \"barnvern\"]");
        assert_only(
            &src,
            Some("akutt"),
            "contacts[2]",
            "did you mean `barnevern`? Valid roles: nodnummer, politi",
        );
    }

    #[test]
    fn unknown_sector_is_an_error() {
        let src = MINIMAL.replace("\"skole\"]", "\"skole\", \"skule\"]");
        assert_only(&src, None, "audience[2]", "did you mean `skole`?");
    }

    #[test]
    fn dates_native_or_quoted_and_malformed_ones_named() {
        let quoted = MINIMAL.replace("2025-03-14", "\"2025-03-14\"");
        let g = parse_guide_toml("g.toml", &quoted).unwrap().guide;
        assert_eq!(
            g.review.reviewed_on,
            NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()
        );
        for bad in [
            "\"14.03.2025\"",
            "\"2025-02-30\"",
            "\"2025-3-4\"",
            "2025-03-14T10:00:00",
            "20250314",
        ] {
            let src = MINIMAL.replace("2025-03-14", bad);
            let e = errs(&src);
            assert!(has(&e, None, "review.reviewed_on", ""), "{bad}: {e:#?}");
            assert_eq!(e.len(), 1, "{bad}: {e:#?}");
        }
        let src = MINIMAL.replace("reviewed_on = 2025-03-14\n", "");
        assert_only(&src, None, "review.reviewed_on", "missing");
    }

    #[test]
    fn wrong_types_are_named() {
        let src = MINIMAL.replace("urgent = true", "urgent = \"ja\"");
        let e = errs(&src);
        assert!(
            has(
                &e,
                Some("akutt"),
                "urgent",
                "expected true or false, found a string"
            ),
            "{e:#?}"
        );
        let src = MINIMAL.replace("revision = 1", "revision = \"1\"");
        assert_only(&src, None, "revision", "expected a whole number");
        let src = MINIMAL.replace("revision = 1", "revision = 0");
        assert_only(&src, None, "revision", "out of range");
        let src = MINIMAL.replace("next = \"akutt\"", "next = 3");
        assert_only(&src, Some("start"), "options[0].next", "expected a string");
    }

    #[test]
    fn every_error_in_a_file_is_reported_at_once() {
        let src = MINIMAL
            .replace("reviewed_on = 2025-03-14", "reviewed_on = \"i fjor\"")
            .replace("next = \"akutt\"", "next = \"akut\"")
            .replace(
                "contacts = [\"nodnummer\", \"barnevernvakt\"]",
                "contacts = [\"nødnummer\"]\nfarge = \"rød\"",
            )
            .replace("text.nb = \"Ferdig.\"", "text.en = \"Done.\"");
        let e = errs(&src);
        assert!(has(&e, None, "review.reviewed_on", "i fjor"), "{e:#?}");
        assert!(
            has(&e, Some("start"), "options[0].next", "did you mean `akutt`"),
            "{e:#?}"
        );
        assert!(has(&e, Some("akutt"), "contacts[0]", "nødnummer"), "{e:#?}");
        assert!(has(&e, Some("akutt"), "farge", "unknown field"), "{e:#?}");
        assert!(has(&e, Some("slutt"), "text.nb", "bokmål"), "{e:#?}");
        // `akutt` lost its only contact, but that follows from the bad role: reported once.
        assert_eq!(e.len(), 5, "{e:#?}");
    }

    #[test]
    fn a_step_without_id_is_named_by_position() {
        let src = MINIMAL.replace("id = \"slutt\"\n", "");
        let e = errs(&src);
        assert!(has(&e, None, "steps[3].id", "no id"), "{e:#?}");
    }

    #[test]
    fn newer_schema_version_asks_for_an_update() {
        let src = MINIMAL.replace("revision = 1", "revision = 1\nschema_version = 99");
        assert_only(&src, None, "schema_version", "update veiviser");
    }

    #[test]
    fn repealed_section_is_rejected() {
        let src = MINIMAL
            .replace("law = \"barnevernsloven\"", "law = \"opplæringslova\"")
            .replace("section = \"§ 13-2\"", "section = \"§ 15-3\"");
        assert_only(&src, None, "legal[0].section", "repealed");
    }

    #[test]
    fn phone_numbers_are_warnings_and_the_guide_still_loads() {
        let src = MINIMAL.replace("Ring nødnummer.", "Ring 112.");
        let p = parse_guide_toml("g.toml", &src).unwrap();
        assert_eq!(p.warnings.len(), 1, "{:#?}", p.warnings);
        assert_eq!(p.warnings[0].field.as_deref(), Some("text.nb"));
        assert!(p.warnings[0]
            .to_string()
            .contains("step akutt: text.nb: warning: `112`"));
    }

    #[test]
    fn load_names_the_missing_path() {
        let err = load_guide_file(Path::new("/no/such/guide.toml")).unwrap_err();
        assert!(matches!(err, Error::Input(InputError::Read { .. })));
        assert!(
            err.to_string().starts_with("/no/such/guide.toml: "),
            "{err}"
        );
    }

    #[test]
    fn load_rejects_non_utf8_with_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.toml");
        std::fs::write(&path, b"id = \"a\"\ntitle = \"bl\xe5\"\n").unwrap();
        match load_guide_file(&path) {
            Err(Error::Content(ContentError::Invalid(e))) => {
                assert_eq!(e.0[0].position, Some((2, 12)), "{e}");
                assert!(e.0[0].message.contains("UTF-8"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn known_field_lists_match_the_published_json_schema() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../docs/guide.schema.json")).unwrap();
        let props = |v: &serde_json::Value| -> Vec<String> {
            let mut keys: Vec<String> = v["properties"]
                .as_object()
                .expect("properties")
                .keys()
                .cloned()
                .collect();
            keys.sort();
            keys
        };
        let sorted = |a: &[&str]| -> Vec<String> {
            let mut v: Vec<String> = a.iter().map(|s| s.to_string()).collect();
            v.sort();
            v
        };
        let defs = &schema["$defs"];
        assert_eq!(props(&schema), sorted(GUIDE_FIELDS));
        assert_eq!(props(&defs["review"]), sorted(REVIEW_FIELDS));
        assert_eq!(props(&defs["legal_ref"]), sorted(LEGAL_FIELDS));
        assert_eq!(props(&defs["step"]), sorted(STEP_FIELDS));
        assert_eq!(props(&defs["option"]), sorted(OPTION_FIELDS));
        assert_eq!(props(&defs["text_table"]), sorted(TEXT_FIELDS));
        for def in ["review", "legal_ref", "step", "option", "text_table"] {
            assert_eq!(defs[def]["additionalProperties"], false, "{def}");
        }
        assert_eq!(schema["additionalProperties"], false);
        let kinds: Vec<&str> = defs["step"]["properties"]["kind"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(kinds, STEP_KINDS);
        let roles: Vec<&str> = defs["contact_role"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(roles, ContactRole::ALL.map(|r| r.id()));
        let sectors: Vec<&str> = defs["sector"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(sectors, Sector::ALL.map(|s| s.id()));
    }
}
