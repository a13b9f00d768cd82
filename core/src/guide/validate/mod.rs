//! Validation of a guide: every finding at once, each naming the file, the step, the field
//! and what to fix.
//!
//! The same checks run on an authored TOML file (`veiviser check`), before publishing and on
//! every guide that arrives over the wire, so invalid content is never shown to a user.
//! [`validate_guide_set`] adds the checks that need every guide published together: each
//! cross-guide link names a guide of the set that is not a dead end.
//!
//! Field paths follow the authoring format: `next`, `options[0].next`, `text.nb`,
//! `checklist[2].nb`, `legal[1]` (on a step) or `legal[1].section` (a guide-level reference).
//! Indexes are 0-based, and messages also name the option or reference by its id.

use crate::error::{ContentIssue, Severity};
use crate::guide::model::{Guide, Step, StepKind, CLIENT_VERSION};
use crate::guide::phone_scan::phone_like_runs;
use crate::i18n::LocalizedText;
use crate::legal::repealed_reason;
use graph::{describe_cycle, Edge, Graph};
use std::collections::{HashMap, HashSet};

mod branch;
mod did_you_mean;
mod graph;
mod links;
mod set;
#[cfg(test)]
mod tests;

pub(crate) use did_you_mean::closest;
pub use set::{validate_guide_set, validate_labelled_guide_set};

/// Option ids that scripts use as navigator commands (`--answer next`, `--answer acute`).
const RESERVED_OPTION_IDS: &[&str] = &["next", "acute"];

/// The prefix every legal reference URL must have.
pub const LOVDATA_PREFIX: &str = "https://lovdata.no/";

/// Checks `guide` and returns every finding (errors and warnings); `file_label` names the source.
///
/// The guide is usable only if no finding has [`Severity::Error`].
pub fn validate_guide(guide: &Guide, file_label: &str) -> Vec<ContentIssue> {
    let mut v = Validator {
        file: file_label,
        issues: Vec::new(),
    };
    v.check_guide_fields(guide);
    v.check_feature_level(guide);
    let legal_ids = v.check_legal_refs(guide);
    let graph = Graph::build(guide);
    v.check_step_ids(guide, &graph);
    for (i, step) in guide.steps.iter().enumerate() {
        if graph.is_duplicate[i] {
            continue;
        }
        v.check_step(step, &graph, &legal_ids);
        let id = Some(step.id.as_str()).filter(|s| !s.is_empty());
        v.check_links(guide, id, step);
        v.check_branch(id, step);
    }
    v.check_start_and_acute(guide, &graph);
    v.check_graph(guide, &graph);
    v.issues
}

/// Whether `id` is usable as a step, option, legal or guide id (typed on the command line).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

const ID_RULE: &str = "use only the letters a-z and A-Z, digits, `-`, `_` and `.`";

struct Validator<'a> {
    file: &'a str,
    issues: Vec<ContentIssue>,
}

impl Validator<'_> {
    fn push(&mut self, severity: Severity, step: Option<&str>, field: &str, message: String) {
        self.issues.push(ContentIssue {
            severity,
            file: self.file.to_string(),
            position: None,
            step: step.map(str::to_string),
            field: (!field.is_empty()).then(|| field.to_string()),
            message,
        });
    }

    fn error(&mut self, step: Option<&str>, field: &str, message: String) {
        self.push(Severity::Error, step, field, message);
    }

    fn warn(&mut self, step: Option<&str>, field: &str, message: String) {
        self.push(Severity::Warning, step, field, message);
    }

    /// `nb` must be present; every present translation is scanned for phone numbers.
    fn check_text(&mut self, step: Option<&str>, field: &str, text: &LocalizedText, what: &str) {
        if text.nb.trim().is_empty() {
            self.error(
                step,
                &format!("{field}.nb"),
                format!("{what} is missing in bokmål: write it in `nb` (nn and en are optional and fall back to nb)"),
            );
        }
        self.scan_phone_numbers(step, field, text);
    }

    fn scan_phone_numbers(&mut self, step: Option<&str>, field: &str, text: &LocalizedText) {
        for (lang, s) in text.all() {
            for run in phone_like_runs(s) {
                self.warn(
                    step,
                    &format!("{field}.{lang}"),
                    format!(
                        "`{run}` looks like a phone number: remove it from the text and list the service in `contacts` instead, so the number comes from the directory and stays current"
                    ),
                );
            }
        }
    }

    fn check_id(&mut self, step: Option<&str>, field: &str, id: &str, what: &str) {
        if id.is_empty() {
            self.error(
                step,
                field,
                format!("{what} has no id: give it a short unique id"),
            );
        } else if !is_valid_id(id) {
            self.error(
                step,
                field,
                format!("{what} id `{id}` is not allowed: {ID_RULE}"),
            );
        }
    }

    fn check_guide_fields(&mut self, guide: &Guide) {
        self.check_id(None, "id", &guide.id, "the guide");
        if guide.min_client_version > CLIENT_VERSION {
            self.error(
                None,
                "min_client_version",
                format!(
                    "the guide needs client version {} but this build supports {CLIENT_VERSION}: lower min_client_version or update Veiviser",
                    guide.min_client_version
                ),
            );
        }
        self.check_text(None, "title", &guide.title, "the guide title");
        self.check_text(None, "summary", &guide.summary, "the guide summary");
        if guide.audience.is_empty() {
            self.error(
                None,
                "audience",
                format!(
                    "the audience is empty: list the sectors the guide is for, e.g. audience = [\"barnehage\", \"skole\"] (valid: {})",
                    crate::sector::Sector::valid_ids()
                ),
            );
        }
        let mut seen = HashSet::new();
        for (i, s) in guide.audience.iter().enumerate() {
            if !seen.insert(*s) {
                self.warn(
                    None,
                    &format!("audience[{i}]"),
                    format!("sector `{s}` is listed twice: remove the duplicate"),
                );
            }
        }
        if let Some(next) = guide.review.next_review {
            if next <= guide.review.reviewed_on {
                self.error(
                    None,
                    "review.next_review",
                    format!(
                        "the next review ({next}) must come after the last one ({}): set a later date",
                        guide.review.reviewed_on
                    ),
                );
            }
        }
        if guide.review.reviewed_by.trim().is_empty() {
            self.error(
                None,
                "review.reviewed_by",
                "nobody is named as reviewer: say who reviewed the content (a name or a role)"
                    .to_string(),
            );
        }
        if guide.steps.is_empty() {
            self.error(
                None,
                "steps",
                "the guide has no steps: add at least a start step and an end step".to_string(),
            );
        }
    }

    /// Checks the guide-level legal references; returns the ids that are defined.
    fn check_legal_refs<'g>(&mut self, guide: &'g Guide) -> HashSet<&'g str> {
        let mut ids: HashMap<&str, usize> = HashMap::with_capacity(guide.legal.len());
        let mut cited: HashSet<&str> = HashSet::new();
        for step in &guide.steps {
            cited.extend(step.legal.iter().map(String::as_str));
        }
        for (i, r) in guide.legal.iter().enumerate() {
            let at = |f: &str| format!("legal[{i}].{f}");
            let name = if r.id.is_empty() {
                format!("legal reference #{i}")
            } else {
                format!("legal reference `{}`", r.id)
            };
            self.check_id(None, &at("id"), &r.id, &name);
            if !r.id.is_empty() {
                if let Some(first) = ids.insert(r.id.as_str(), i) {
                    ids.insert(r.id.as_str(), first);
                    self.error(
                        None,
                        &at("id"),
                        format!("{name} is defined twice (also legal[{first}]): give each reference its own id"),
                    );
                }
            }
            if r.law.trim().is_empty() {
                self.error(
                    None,
                    &at("law"),
                    format!(
                        "{name} names no law: write the law's short name, e.g. `barnevernsloven`"
                    ),
                );
            }
            if let Some(section) = &r.section {
                if section.trim().is_empty() {
                    self.error(
                        None,
                        &at("section"),
                        format!("{name} has an empty section: write it (e.g. `§ 13-2`) or remove `section` to cite the whole law"),
                    );
                }
            }
            if let Some(why) = repealed_reason(&r.law, r.section.as_deref()) {
                self.error(
                    None,
                    &at("section"),
                    format!(
                        "{name} cites {} {}, which is repealed: {why}",
                        r.law,
                        r.section.as_deref().unwrap_or("")
                    ),
                );
            }
            self.check_text(None, &at("title"), &r.title, &name);
            if !r.url.starts_with(LOVDATA_PREFIX) {
                self.error(
                    None,
                    &at("url"),
                    format!(
                        "{name} must link to the provision on lovdata.no (a URL starting with {LOVDATA_PREFIX}), found `{}`",
                        r.url
                    ),
                );
            }
            for s in &r.sectors {
                if !guide.audience.is_empty() && !guide.audience.contains(s) {
                    self.warn(
                        None,
                        &at("sectors"),
                        format!("{name} is for sector `{s}`, which is not in the guide's audience, so nobody will see it"),
                    );
                }
            }
            if !r.id.is_empty() && !cited.contains(r.id.as_str()) {
                self.warn(
                    None,
                    &at("id"),
                    format!("{name} is not cited by any step: cite it in a step's `legal` list or remove it"),
                );
            }
        }
        ids.into_keys().collect()
    }

    fn check_step_ids(&mut self, guide: &Guide, graph: &Graph<'_>) {
        for (i, step) in guide.steps.iter().enumerate() {
            if step.id.is_empty() {
                self.error(
                    None,
                    &format!("steps[{i}].id"),
                    "this step has no id: give it a short unique id".to_string(),
                );
            } else if !is_valid_id(&step.id) {
                self.error(
                    Some(&step.id),
                    "id",
                    format!("step id `{}` is not allowed: {ID_RULE}", step.id),
                );
            } else if graph.is_duplicate[i] {
                let first = graph.index[step.id.as_str()];
                self.error(
                    Some(&step.id),
                    "id",
                    format!(
                        "step id `{}` is used twice (steps[{first}] and steps[{i}]): give each step its own id",
                        step.id
                    ),
                );
            }
        }
    }

    fn check_target(&mut self, step: &str, field: &str, target: &str, graph: &Graph<'_>) {
        if target.is_empty() {
            self.error(
                Some(step),
                field,
                "missing: name the id of the step that comes next".to_string(),
            );
        } else if !graph.index.contains_key(target) {
            let hint = closest(target, graph.index.keys().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            self.error(
                Some(step),
                field,
                format!("leads to `{target}`, which is not a step in this guide{hint}: use the id of an existing step"),
            );
        }
    }

    fn check_step(&mut self, step: &Step, graph: &Graph<'_>, legal_ids: &HashSet<&str>) {
        let id = Some(step.id.as_str()).filter(|s| !s.is_empty());
        if let Some(title) = &step.title {
            self.check_text(id, "title", title, "the step title");
        }
        self.check_text(id, "text", &step.text, "the step text");
        match &step.kind {
            StepKind::Question { options } => {
                if options.is_empty() {
                    self.error(
                        id,
                        "options",
                        "a question needs at least one option: add [[steps.options]] with id, label and next".to_string(),
                    );
                }
                let mut seen: HashMap<&str, usize> = HashMap::with_capacity(options.len());
                for (k, o) in options.iter().enumerate() {
                    let at = |f: &str| format!("options[{k}].{f}");
                    let name = if o.id.is_empty() {
                        format!("option #{k}")
                    } else {
                        format!("option `{}`", o.id)
                    };
                    self.check_id(id, &at("id"), &o.id, &name);
                    if RESERVED_OPTION_IDS.contains(&o.id.as_str()) {
                        self.error(
                            id,
                            &at("id"),
                            format!("{name} is reserved: `next` continues past action steps and `acute` is the acute exit on every step; choose another id"),
                        );
                    }
                    if !o.id.is_empty() {
                        if let Some(first) = seen.insert(o.id.as_str(), k) {
                            self.error(
                                id,
                                &at("id"),
                                format!("{name} is used twice in this step (also options[{first}]): give each option its own id"),
                            );
                        }
                    }
                    self.check_text(id, &at("label"), &o.label, &format!("the label of {name}"));
                    if let Some(step_id) = id {
                        self.check_target(step_id, &at("next"), &o.next, graph);
                    }
                }
            }
            StepKind::Action { next } => {
                if let Some(step_id) = id {
                    self.check_target(step_id, "next", next, graph);
                }
            }
            StepKind::End => {
                if step.loop_back {
                    self.warn(
                        id,
                        "loop_back",
                        "an end step leads nowhere, so loop_back has no effect: remove it"
                            .to_string(),
                    );
                }
            }
        }
        for (k, item) in step.checklist.iter().enumerate() {
            self.check_text(
                id,
                &format!("checklist[{k}]"),
                item,
                &format!("checklist item #{k}"),
            );
        }
        let mut seen_roles = HashSet::new();
        for (k, role) in step.contacts.iter().enumerate() {
            if !seen_roles.insert(*role) {
                self.warn(
                    id,
                    &format!("contacts[{k}]"),
                    format!("contact role `{role}` is listed twice: remove the duplicate"),
                );
            }
        }
        if step.urgent && step.contacts.is_empty() {
            self.error(
                id,
                "contacts",
                format!(
                    "an urgent step must name at least one contact role to call first, e.g. contacts = [\"nodnummer\"] (valid: {})",
                    crate::roles::ContactRole::valid_ids()
                ),
            );
        }
        let mut seen_legal = HashSet::new();
        for (k, lid) in step.legal.iter().enumerate() {
            let field = format!("legal[{k}]");
            if !legal_ids.contains(lid.as_str()) {
                let hint = closest(lid, legal_ids.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                self.error(
                    id,
                    &field,
                    format!("cites legal reference `{lid}`, which is not defined{hint}: define it once in a [[legal]] table at the top level, or fix the id"),
                );
            } else if !seen_legal.insert(lid.as_str()) {
                self.warn(
                    id,
                    &field,
                    format!("legal reference `{lid}` is cited twice: remove the duplicate"),
                );
            }
        }
    }

    fn check_start_and_acute(&mut self, guide: &Guide, graph: &Graph<'_>) {
        for (field, target, what) in [
            ("start", guide.start.as_str(), "the first step"),
            (
                "acute_step",
                guide.acute_step.as_str(),
                "the urgent step offered from every step (\"acute danger now\")",
            ),
        ] {
            if target.is_empty() {
                self.error(None, field, format!("missing: name the id of {what}"));
            } else if !graph.index.contains_key(target) {
                let hint = closest(target, graph.index.keys().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                self.error(
                    None,
                    field,
                    format!("`{target}` is not a step in this guide{hint}: name the id of {what}"),
                );
            }
        }
        if let Some(&i) = graph.index.get(guide.acute_step.as_str()) {
            let acute = &guide.steps[i];
            if !acute.urgent {
                self.error(
                    Some(&acute.id),
                    "urgent",
                    "this step is the guide's acute_step, so it must be urgent (shown call-first): set urgent = true".to_string(),
                );
            }
        }
    }

    fn check_graph(&mut self, guide: &Guide, graph: &Graph<'_>) {
        let n = guide.steps.len();
        let start = graph.index.get(guide.start.as_str()).copied();
        let acute = graph.index.get(guide.acute_step.as_str()).copied();

        // 1. Reachability from the start; the acute exit is offered from every step.
        if let Some(start) = start {
            let mut reached = vec![false; n];
            let mut queue = Vec::with_capacity(n);
            for root in [Some(start), acute].into_iter().flatten() {
                if !reached[root] {
                    reached[root] = true;
                    queue.push(root);
                }
            }
            while let Some(u) = queue.pop() {
                for e in &graph.edges[u] {
                    if !reached[e.to] {
                        reached[e.to] = true;
                        queue.push(e.to);
                    }
                }
            }
            for (i, step) in guide.steps.iter().enumerate() {
                if !reached[i] && !graph.is_duplicate[i] && !step.id.is_empty() {
                    self.error(
                        Some(&step.id),
                        "id",
                        format!(
                            "step `{}` cannot be reached from the start step `{}`: lead to it from an option or a `next`, or remove it",
                            step.id, guide.start
                        ),
                    );
                }
            }
        }

        // 2. Every step must be able to reach an end (the acute exit does not count).
        //    Steps with a broken edge count as "can reach" so one mistake is reported once.
        let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (u, out) in graph.edges.iter().enumerate() {
            for e in out {
                reverse[e.to].push(u);
            }
        }
        let mut can_end: Vec<bool> = guide
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                !graph.is_duplicate[i]
                    && (matches!(s.kind, StepKind::End) || graph.has_broken_edge[i])
            })
            .collect();
        let mut queue: Vec<usize> = (0..n).filter(|&i| can_end[i]).collect();
        while let Some(v) = queue.pop() {
            for &u in &reverse[v] {
                if !can_end[u] {
                    can_end[u] = true;
                    queue.push(u);
                }
            }
        }
        for (i, step) in guide.steps.iter().enumerate() {
            if !can_end[i] && !graph.is_duplicate[i] && !step.id.is_empty() {
                let field = match step.kind {
                    StepKind::Question { .. } => "options",
                    _ => "next",
                };
                self.error(
                    Some(&step.id),
                    field,
                    format!(
                        "no end step can be reached from step `{}`: every path from here loops or stops; give it a path to a step with kind = \"end\"",
                        step.id
                    ),
                );
            }
        }

        // 3. Cycles: every cycle must pass through a step marked `loop_back = true`.
        //    Equivalently, the graph without the loop-back steps' edges must be acyclic.
        //    Iterative DFS; a back edge closes a cycle.
        const WHITE: u8 = 0;
        const GRAY: u8 = 1;
        const BLACK: u8 = 2;
        let mut color = vec![WHITE; n];
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let roots = start.into_iter().chain(0..n);
        for root in roots {
            if color[root] != WHITE || graph.is_duplicate[root] {
                continue;
            }
            color[root] = GRAY;
            stack.push((root, 0));
            while let Some(&mut (u, ref mut next_edge)) = stack.last_mut() {
                let edges: &[Edge] = if guide.steps[u].loop_back {
                    &[]
                } else {
                    &graph.edges[u]
                };
                if let Some(e) = edges.get(*next_edge) {
                    *next_edge += 1;
                    match color[e.to] {
                        WHITE => {
                            color[e.to] = GRAY;
                            stack.push((e.to, 0));
                        }
                        GRAY => {
                            let cycle = describe_cycle(guide, &stack, e.to);
                            let from = &guide.steps[u].id;
                            self.error(
                                Some(from),
                                &e.field(),
                                format!(
                                    "leads back to `{}`, closing the cycle {cycle}: if the loop is deliberate, set loop_back = true on step `{from}`; otherwise lead to a later step",
                                    guide.steps[e.to].id
                                ),
                            );
                        }
                        _ => {}
                    }
                } else {
                    color[u] = BLACK;
                    stack.pop();
                }
            }
        }
    }
}
