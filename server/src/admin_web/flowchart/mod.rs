//! The flowchart of a guide (issue 11, item 7): an SVG laid out from the guide's graph by
//! `layout-rs` (layered, Sugiyama style), every node a link to its step, urgent and acute
//! steps marked in text as well as colour, always paired with a text [`mod@outline`] for
//! screen-reader users.
//!
//! The SVG is written by our own [`svg::SvgCanvas`] (a `layout-rs` render backend) rather
//! than the crate's writer: that one emits a `<style>` element, which the admin pages'
//! Content-Security-Policy forbids, and cannot wrap a node in a link.

mod cache;
pub mod outline;
pub mod svg;

use crate::admin_web::messages::Ui;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;
use std::collections::HashMap;
use veiviser_core::guide::{Guide, StepKind};
use veiviser_core::i18n::Lang;

pub use outline::{outline, OutlineEdge, OutlineStep};

/// Longest step title shown inside a node, in characters (the outline has the whole title).
const NODE_TITLE_CHARS: usize = 28;

/// The flowchart of one guide: the SVG markup (safe to embed: every text is escaped) and the
/// text outline of the same graph.
#[derive(Debug, Clone)]
pub struct Flowchart {
    /// `<svg>…</svg>`, or `None` when the layout could not be computed (the outline still is).
    pub svg: Option<String>,
    /// Every step with where it leads, in authored order.
    pub outline: Vec<OutlineStep>,
}

/// Builds the flowchart of `guide` in `lang`; `href` gives each step's link target. The
/// laid-out picture is kept for the same guide, languages and links (a review page is opened
/// many times; the layout of a 90-step guide is the slowest part of the admin pages).
pub fn flowchart(guide: &Guide, ui: Ui, lang: Lang, href: &dyn Fn(&str) -> String) -> Flowchart {
    let outline = outline(guide, ui, lang, href);
    let key = cache::key(guide, ui, lang, href);
    let svg = cache::get_or_insert(key, || lay_out(guide, ui, lang, href));
    Flowchart { svg, outline }
}

/// The SVG of `guide`, or `None` when `layout-rs` could not lay it out.
fn lay_out(guide: &Guide, ui: Ui, lang: Lang, href: &dyn Fn(&str) -> String) -> Option<String> {
    // layout-rs panics on some inputs it does not expect; a broken draft must still get its
    // outline, so a panic there only loses the picture.
    // Its edge straightening trips over some labelled edges: retry without the crossing
    // optimizer, then without edge labels (the outline still names every answer).
    let attempts = [(true, false), (true, true), (false, false), (false, true)];
    attempts.into_iter().find_map(|(labels, disable_opt)| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            layout_svg(
                guide,
                ui,
                lang,
                href,
                Settings {
                    labels,
                    disable_opt,
                },
            )
        }))
        .ok()
    })
}

/// The text inside a node: id, a short title, and the urgent/acute marker in words.
fn node_label(guide: &Guide, ui: Ui, lang: Lang, id: &str) -> String {
    let Some(step) = guide.step(id) else {
        return id.to_string();
    };
    let mut label = id.to_string();
    if let Some(title) = &step.title {
        let title = title.get(lang);
        let short: String = title.chars().take(NODE_TITLE_CHARS).collect();
        label.push('\n');
        label.push_str(&short);
        if title.chars().count() > NODE_TITLE_CHARS {
            label.push('…');
        }
    }
    if guide.acute_step == step.id {
        label.push('\n');
        label.push_str(&format!("[{}]", ui.flow_acute_marker()));
    } else if step.urgent {
        label.push('\n');
        label.push_str(&format!("[{}]", ui.flow_urgent_marker()));
    }
    label
}

fn layout_svg(
    guide: &Guide,
    ui: Ui,
    lang: Lang,
    href: &dyn Fn(&str) -> String,
    settings: Settings,
) -> String {
    let mut graph = VisualGraph::new(Orientation::TopToBottom);
    let mut handles = HashMap::new();
    for step in &guide.steps {
        if handles.contains_key(step.id.as_str()) {
            continue;
        }
        let label = node_label(guide, ui, lang, &step.id);
        let look = StyleAttr::new(Color::fast("black"), 2, Some(Color::fast("white")), 6, 14);
        let shape = ShapeKind::new_box(&label);
        let size = layout::std_shapes::render::get_shape_size(
            Orientation::TopToBottom,
            &shape,
            look.font_size,
            false,
        );
        let class = if guide.acute_step == step.id {
            "acute"
        } else if step.urgent {
            "urgent"
        } else {
            match step.kind {
                StepKind::Question { .. } => "question",
                StepKind::Action { .. } => "action",
                StepKind::End => "end",
            }
        };
        let props = svg::NodeProps {
            href: href(&step.id),
            class: class.to_string(),
        };
        let element = Element::create_with_properties(
            shape,
            look,
            Orientation::TopToBottom,
            size,
            props.encode(),
        );
        handles.insert(step.id.as_str(), graph.add_node(element));
    }
    for step in &guide.steps {
        let Some(&from) = handles.get(step.id.as_str()) else {
            continue;
        };
        let edges: Vec<(&str, &str)> = match &step.kind {
            StepKind::Question { options } => options
                .iter()
                .map(|o| (o.id.as_str(), o.next.as_str()))
                .collect(),
            StepKind::Action { next } => vec![("", next.as_str())],
            StepKind::End => Vec::new(),
        };
        for (label, target) in edges {
            if let Some(&to) = handles.get(target) {
                let label = if settings.labels { label } else { "" };
                graph.add_edge(Arrow::simple(label), from, to);
            }
        }
    }
    let mut canvas = svg::SvgCanvas::new(ui.flow_svg_label());
    graph.do_it(false, settings.disable_opt, false, &mut canvas);
    canvas.finish()
}

/// How one layout attempt is made.
#[derive(Debug, Clone, Copy)]
struct Settings {
    /// Edges carry the option id.
    labels: bool,
    /// Skip `layout-rs`'s crossing optimizer.
    disable_opt: bool,
}

/// A point as SVG coordinates, rounded to one decimal.
fn xy(p: Point) -> String {
    format!("{:.1} {:.1}", p.x, p.y)
}

#[cfg(test)]
mod tests;
