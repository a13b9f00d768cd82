//! The text outline of a guide's graph: the same information as the flowchart, as a list a
//! screen reader can read (each step, its kind, whether it is urgent or the acute step, and
//! where each answer leads).

use crate::admin_web::messages::Ui;
use veiviser_core::guide::{Guide, StepKind};
use veiviser_core::i18n::Lang;

/// One step in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineStep {
    /// The step id.
    pub id: String,
    /// The step's title (or the start of its text) in the chosen language.
    pub title: String,
    /// The step kind in words.
    pub kind: &'static str,
    /// The urgent/acute/start markers in words, e.g. "Start · Haster".
    pub markers: Vec<&'static str>,
    /// Where the step's link points.
    pub href: String,
    /// Where each answer (or "next") leads.
    pub edges: Vec<OutlineEdge>,
}

/// One way out of a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEdge {
    /// The option label, or "Neste" for an action's `next`.
    pub label: String,
    /// The target step id.
    pub target: String,
    /// Link to the target, `None` when the target step does not exist.
    pub href: Option<String>,
}

/// The first characters of a step text used when the step has no title.
const TEXT_PREVIEW_CHARS: usize = 60;

/// The outline of `guide` in `lang`; `href` gives each step's link target.
pub fn outline(
    guide: &Guide,
    ui: Ui,
    lang: Lang,
    href: &dyn Fn(&str) -> String,
) -> Vec<OutlineStep> {
    guide
        .steps
        .iter()
        .map(|step| {
            let title = match &step.title {
                Some(t) => t.get(lang).to_string(),
                None => {
                    let text = step.text.get(lang);
                    let mut short: String = text.chars().take(TEXT_PREVIEW_CHARS).collect();
                    if text.chars().count() > TEXT_PREVIEW_CHARS {
                        short.push('…');
                    }
                    short
                }
            };
            let mut markers = Vec::new();
            if guide.start == step.id {
                markers.push(ui.flow_start_marker());
            }
            if guide.acute_step == step.id {
                markers.push(ui.flow_acute_marker());
            } else if step.urgent {
                markers.push(ui.flow_urgent_marker());
            }
            let edge = |label: String, target: &str| OutlineEdge {
                label,
                target: target.to_string(),
                href: guide.step(target).map(|_| href(target)),
            };
            let (kind, edges) = match &step.kind {
                StepKind::Question { options } => (
                    ui.kind_question(),
                    options
                        .iter()
                        .map(|o| edge(o.label.get(lang).to_string(), &o.next))
                        .collect(),
                ),
                StepKind::Action { next } => (
                    ui.kind_action(),
                    vec![edge(ui.flow_next().to_string(), next)],
                ),
                StepKind::End => (ui.kind_end(), Vec::new()),
            };
            OutlineStep {
                id: step.id.clone(),
                title,
                kind,
                markers,
                href: href(&step.id),
                edges,
            }
        })
        .collect()
}
