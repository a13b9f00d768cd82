//! Validation of a guide: every finding at once, each naming the file, the step, the field
//! and what to fix.
//!
//! The same checks run on an authored TOML file (`veiviser check`), before publishing and on
//! every guide that arrives over the wire, so invalid content is never shown to a user.
//!
//! Field paths follow the authoring format: `next`, `options[0].next`, `text.nb`,
//! `checklist[2].nb`, `legal[1]` (on a step) or `legal[1].section` (a guide-level reference).
//! Indexes are 0-based, and messages also name the option or reference by its id.

use crate::error::{ContentIssue, Severity};
use crate::guide::model::{Guide, Step, StepKind, CLIENT_VERSION};
use crate::guide::phone_scan::phone_like_runs;
use crate::i18n::LocalizedText;
use crate::legal::repealed_reason;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

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
    let legal_ids = v.check_legal_refs(guide);
    let graph = Graph::build(guide);
    v.check_step_ids(guide, &graph);
    for (i, step) in guide.steps.iter().enumerate() {
        if graph.is_duplicate[i] {
            continue;
        }
        v.check_step(step, &graph, &legal_ids);
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

/// "`Q4` → `A7` → `Q4`" for the gray DFS path from `to` to the top of `stack`, closed back to `to`.
fn describe_cycle(guide: &Guide, stack: &[(usize, usize)], to: usize) -> String {
    let from = stack.iter().rposition(|(s, _)| *s == to).unwrap_or(0);
    let path = &stack[from..];
    let mut out = String::new();
    const SHOWN: usize = 8;
    for (k, (s, _)) in path.iter().enumerate() {
        if path.len() > SHOWN && k == SHOWN / 2 {
            let _ = write!(out, "… → ");
        }
        if path.len() > SHOWN && k >= SHOWN / 2 && k < path.len() - SHOWN / 2 {
            continue;
        }
        let _ = write!(out, "`{}` → ", guide.steps[*s].id);
    }
    let _ = write!(out, "`{}`", guide.steps[to].id);
    out
}

/// The closest of `candidates` to `wrong`, if it is plausibly what was meant (a typo or a
/// shortened name); used for "did you mean" hints.
pub(crate) fn closest<'c>(
    wrong: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = ((wrong.chars().count() + 1) / 3).max(1);
    let mut best_edit: Option<(usize, &'c str)> = None;
    let mut best_similar: Option<(f64, &'c str)> = None;
    for c in candidates {
        let d = strsim::damerau_levenshtein(wrong, c);
        if d <= limit && best_edit.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best_edit = Some((d, c));
        }
        let sim = strsim::jaro_winkler(wrong, c);
        if sim >= 0.88 && best_similar.is_none_or(|(bs, _)| sim > bs) {
            best_similar = Some((sim, c));
        }
    }
    best_edit.map(|(_, c)| c).or(best_similar.map(|(_, c)| c))
}

/// Which field of a step an edge comes from.
#[derive(Clone, Copy)]
enum EdgeField {
    Next,
    Option(usize),
}

#[derive(Clone, Copy)]
struct Edge {
    to: usize,
    field: EdgeField,
}

impl Edge {
    fn field(&self) -> String {
        match self.field {
            EdgeField::Next => "next".to_string(),
            EdgeField::Option(k) => format!("options[{k}].next"),
        }
    }
}

/// The step graph by index: the first step with each id wins; later duplicates are left out.
struct Graph<'g> {
    index: HashMap<&'g str, usize>,
    is_duplicate: Vec<bool>,
    edges: Vec<Vec<Edge>>,
    /// The step has a `next` that is empty or names no step.
    has_broken_edge: Vec<bool>,
}

impl<'g> Graph<'g> {
    fn build(guide: &'g Guide) -> Self {
        let n = guide.steps.len();
        let mut index = HashMap::with_capacity(n);
        let mut is_duplicate = vec![false; n];
        for (i, step) in guide.steps.iter().enumerate() {
            if step.id.is_empty() {
                is_duplicate[i] = true; // no id: nothing can lead here; reported separately
                continue;
            }
            if index.contains_key(step.id.as_str()) {
                is_duplicate[i] = true;
            } else {
                index.insert(step.id.as_str(), i);
            }
        }
        let mut edges = vec![Vec::new(); n];
        let mut has_broken_edge = vec![false; n];
        for (i, step) in guide.steps.iter().enumerate() {
            if is_duplicate[i] {
                continue;
            }
            let mut add = |target: &str, field: EdgeField| match index.get(target) {
                Some(&to) => edges[i].push(Edge { to, field }),
                None => has_broken_edge[i] = true,
            };
            match &step.kind {
                StepKind::Question { options } => {
                    for (k, o) in options.iter().enumerate() {
                        add(&o.next, EdgeField::Option(k));
                    }
                }
                StepKind::Action { next } => add(next, EdgeField::Next),
                StepKind::End => {}
            }
        }
        Graph {
            index,
            is_duplicate,
            edges,
            has_broken_edge,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::model::{AnswerOption, Review};
    use crate::legal::LegalRef;
    use crate::roles::ContactRole;
    use crate::sector::Sector;

    fn text(s: &str) -> LocalizedText {
        LocalizedText::nb(s)
    }

    fn step(id: &str, kind: StepKind) -> Step {
        Step {
            id: id.into(),
            title: None,
            text: text(&format!("Tekst for {id}")),
            kind,
            urgent: false,
            loop_back: false,
            checklist: vec![],
            contacts: vec![],
            legal: vec![],
        }
    }

    fn action(id: &str, next: &str) -> Step {
        step(id, StepKind::Action { next: next.into() })
    }

    fn question(id: &str, options: &[(&str, &str)]) -> Step {
        step(
            id,
            StepKind::Question {
                options: options
                    .iter()
                    .map(|(o, n)| AnswerOption {
                        id: (*o).into(),
                        label: text(o),
                        next: (*n).into(),
                    })
                    .collect(),
            },
        )
    }

    /// start → q (ja → acute → end, nei → end); acute is urgent with a contact.
    fn valid() -> Guide {
        let mut acute = action("akutt", "slutt");
        acute.urgent = true;
        acute.contacts = vec![ContactRole::Nodnummer];
        acute.legal = vec!["bvl".into()];
        Guide {
            id: "test".into(),
            revision: 1,
            schema_version: 1,
            min_client_version: 1,
            title: text("Tittel"),
            summary: text("Sammendrag"),
            audience: vec![Sector::Barnehage],
            review: Review {
                reviewed_by: "Test".into(),
                reviewed_on: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            },
            start: "start".into(),
            acute_step: "akutt".into(),
            legal: vec![LegalRef {
                id: "bvl".into(),
                law: "barnevernsloven".into(),
                section: Some("§ 13-2".into()),
                title: text("Meldeplikt"),
                url: "https://lovdata.no/lov/2021-06-18-97/§13-2".into(),
                sectors: vec![],
            }],
            steps: vec![
                action("start", "q"),
                question("q", &[("ja", "akutt"), ("nei", "slutt")]),
                acute,
                step("slutt", StepKind::End),
            ],
        }
    }

    fn errors(g: &Guide) -> Vec<ContentIssue> {
        validate_guide(g, "g.toml")
            .into_iter()
            .filter(|i| i.severity == Severity::Error)
            .collect()
    }

    fn has(issues: &[ContentIssue], step: Option<&str>, field: &str, needle: &str) -> bool {
        issues.iter().any(|i| {
            i.step.as_deref() == step
                && i.field.as_deref() == Some(field)
                && i.message.contains(needle)
        })
    }

    #[track_caller]
    fn assert_one(g: &Guide, step: Option<&str>, field: &str, needle: &str) {
        let errs = errors(g);
        assert!(has(&errs, step, field, needle), "{errs:#?}");
        assert_eq!(errs.len(), 1, "expected exactly one error: {errs:#?}");
    }

    #[test]
    fn valid_guide_has_no_findings() {
        assert_eq!(validate_guide(&valid(), "g.toml"), vec![]);
    }

    #[test]
    fn dangling_next_names_step_and_field_and_suggests() {
        let mut g = valid();
        g.steps[0].kind = StepKind::Action { next: "qq".into() };
        let errs = errors(&g);
        assert!(
            has(&errs, Some("start"), "next", "did you mean `q`"),
            "{errs:#?}"
        );
        // q is now unreachable too: both findings are reported, nothing else.
        assert!(
            has(&errs, Some("q"), "id", "cannot be reached"),
            "{errs:#?}"
        );
        assert_eq!(errs.len(), 2, "{errs:#?}");
    }

    #[test]
    fn dangling_option_next() {
        let mut g = valid();
        g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "borte")]);
        assert_one(&g, Some("q"), "options[1].next", "`borte`");
    }

    #[test]
    fn duplicate_step_id() {
        let mut g = valid();
        g.steps.push(step("slutt", StepKind::End));
        assert_one(&g, Some("slutt"), "id", "used twice");
    }

    #[test]
    fn unreachable_step() {
        let mut g = valid();
        g.steps.push(action("foreldrelos", "slutt"));
        assert_one(&g, Some("foreldrelos"), "id", "cannot be reached");
    }

    #[test]
    fn acute_step_counts_as_reachable_from_everywhere() {
        let mut g = valid();
        g.steps[1] = question("q", &[("ja", "slutt"), ("nei", "slutt")]);
        assert_eq!(errors(&g), vec![]);
    }

    #[test]
    fn no_end_reachable() {
        let mut g = valid();
        // a ↔ b loop with loop_back (so not a cycle error) and no way out.
        g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt"), ("kanskje", "a")]);
        g.steps.push(action("a", "b"));
        let mut b = action("b", "a");
        b.loop_back = true;
        g.steps.push(b);
        let errs = errors(&g);
        assert!(has(&errs, Some("a"), "next", "no end step"), "{errs:#?}");
        assert!(has(&errs, Some("b"), "next", "no end step"), "{errs:#?}");
        assert_eq!(errs.len(), 2, "{errs:#?}");
    }

    #[test]
    fn cycle_without_loop_back_is_rejected_and_allowed_with_it() {
        let mut g = valid();
        g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt"), ("igjen", "r")]);
        g.steps.push(action("r", "q"));
        assert_one(&g, Some("r"), "next", "`q` → `r` → `q`");
        g.steps[4].loop_back = true;
        assert_eq!(errors(&g), vec![]);
    }

    #[test]
    fn self_loop_is_a_cycle() {
        let mut g = valid();
        g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt"), ("igjen", "q")]);
        assert_one(&g, Some("q"), "options[2].next", "cycle");
    }

    #[test]
    fn missing_nb_everywhere_is_reported_per_field() {
        let mut g = valid();
        g.title = LocalizedText {
            nb: String::new(),
            nn: None,
            en: Some("Title".into()),
        };
        g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt")]);
        if let StepKind::Question { options } = &mut g.steps[1].kind {
            options[0].label.nb = " ".into();
        }
        g.steps[3].text.nb.clear();
        g.steps[0].checklist.push(LocalizedText::default());
        g.legal[0].title.nb.clear();
        let errs = errors(&g);
        for (step, field) in [
            (None, "title.nb"),
            (Some("q"), "options[0].label.nb"),
            (Some("slutt"), "text.nb"),
            (Some("start"), "checklist[0].nb"),
            (None, "legal[0].title.nb"),
        ] {
            assert!(has(&errs, step, field, "bokmål"), "{field}: {errs:#?}");
        }
        assert_eq!(errs.len(), 5, "{errs:#?}");
    }

    #[test]
    fn empty_and_duplicate_options() {
        let mut g = valid();
        g.steps[0] = question("start", &[]);
        let errs = errors(&g);
        assert!(
            has(&errs, Some("start"), "options", "at least one option"),
            "{errs:#?}"
        );
        let mut g = valid();
        g.steps[1] = question("q", &[("ja", "akutt"), ("ja", "slutt")]);
        assert_one(&g, Some("q"), "options[1].id", "used twice");
    }

    #[test]
    fn urgent_without_contact_and_acute_not_urgent() {
        let mut g = valid();
        g.steps[2].contacts.clear();
        assert_one(&g, Some("akutt"), "contacts", "urgent step must name");
        let mut g = valid();
        g.steps[2].urgent = false;
        assert_one(&g, Some("akutt"), "urgent", "acute_step");
    }

    #[test]
    fn start_and_acute_must_exist() {
        let mut g = valid();
        g.start = "begynn".into();
        g.acute_step = String::new();
        let errs = errors(&g);
        assert!(has(&errs, None, "start", "`begynn`"), "{errs:#?}");
        assert!(has(&errs, None, "acute_step", "missing"), "{errs:#?}");
    }

    #[test]
    fn undefined_legal_ref_and_repealed_section() {
        let mut g = valid();
        g.steps[2].legal = vec!["bvl".into(), "bvI".into()];
        assert_one(&g, Some("akutt"), "legal[1]", "did you mean `bvl`");
        let mut g = valid();
        g.legal[0].law = "opplæringslova".into();
        g.legal[0].section = Some("§ 15-3".into());
        assert_one(&g, None, "legal[0].section", "repealed");
        g.legal[0].section = None;
        assert_eq!(errors(&g), vec![]);
    }

    #[test]
    fn legal_url_must_be_lovdata() {
        let mut g = valid();
        g.legal[0].url = "http://example.org/bvl".into();
        assert_one(&g, None, "legal[0].url", "lovdata.no");
    }

    #[test]
    fn empty_audience_and_reviewer() {
        let mut g = valid();
        g.audience.clear();
        g.review.reviewed_by = " ".into();
        let errs = errors(&g);
        assert!(has(&errs, None, "audience", "barnehage"), "{errs:#?}");
        assert!(
            has(&errs, None, "review.reviewed_by", "reviewer"),
            "{errs:#?}"
        );
    }

    #[test]
    fn reserved_option_ids_are_rejected() {
        let mut g = valid();
        g.steps[1] = question("q", &[("acute", "akutt"), ("nei", "slutt")]);
        assert_one(&g, Some("q"), "options[0].id", "reserved");
    }

    #[test]
    fn bad_ids_are_rejected() {
        let mut g = valid();
        g.steps[1] = question("q", &[("ja nei", "akutt"), ("nei", "slutt")]);
        assert_one(&g, Some("q"), "options[0].id", "not allowed");
    }

    #[test]
    fn phone_numbers_in_text_are_warnings_only() {
        let mut g = valid();
        g.steps[2].text.en = Some("Call 112 or 116 111.".into());
        g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt")]);
        if let StepKind::Question { options } = &mut g.steps[1].kind {
            options[1].label.nb = "Ring barnehuset på 22 70 56 50".into();
        }
        let all = validate_guide(&g, "g.toml");
        assert!(
            all.iter().all(|i| i.severity == Severity::Warning),
            "{all:#?}"
        );
        assert!(has(&all, Some("akutt"), "text.en", "`112`"), "{all:#?}");
        assert!(has(&all, Some("akutt"), "text.en", "`116 111`"), "{all:#?}");
        assert!(
            has(&all, Some("q"), "options[1].label.nb", "`22 70 56 50`"),
            "{all:#?}"
        );
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn findings_display_with_file_step_and_field() {
        let mut g = valid();
        g.steps[0].kind = StepKind::Action { next: "x".into() };
        let errs = errors(&g);
        let line = errs[0].to_string();
        assert!(
            line.starts_with("g.toml: step start: next: leads to `x`"),
            "{line}"
        );
    }

    #[test]
    fn newer_min_client_version_is_an_error() {
        let mut g = valid();
        g.min_client_version = CLIENT_VERSION + 1;
        assert_one(&g, None, "min_client_version", "update Veiviser");
    }

    #[test]
    fn long_cycles_are_abbreviated() {
        let mut g = valid();
        g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt"), ("rundt", "c0")]);
        for k in 0..20 {
            g.steps
                .push(action(&format!("c{k}"), &format!("c{}", k + 1)));
        }
        g.steps
            .push(question("c20", &[("ut", "slutt"), ("rundt", "c0")]));
        let errs = errors(&g);
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert!(errs[0].message.contains("`c0` → `c1`"), "{errs:#?}");
        assert!(errs[0].message.contains("… → "), "{errs:#?}");
    }
}
