//! A `layout-rs` render backend that writes SVG fit for a strict Content-Security-Policy:
//! no `<style>` element and no `style` attribute (colours come from classes in
//! `admin.css`), every text escaped, and each step node wrapped in a link to its step.

use super::xy;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;

/// What a node carries through `layout-rs` (its `properties` string): link and class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeProps {
    /// Where the node links to.
    pub href: String,
    /// The CSS class of the node (`question`, `action`, `end`, `urgent`, `acute`).
    pub class: String,
}

/// Separates the fields of an encoded [`NodeProps`] (a control character no id or URL has).
const SEP: char = '\u{1f}';

impl NodeProps {
    /// The properties string handed to `layout-rs`.
    pub fn encode(&self) -> String {
        format!("{}{SEP}{}", self.class, self.href)
    }

    /// Reads back what [`NodeProps::encode`] wrote.
    pub fn decode(s: &str) -> Option<NodeProps> {
        let (class, href) = s.split_once(SEP)?;
        Some(NodeProps {
            href: href.to_string(),
            class: class.to_string(),
        })
    }
}

/// Escapes text for SVG text and double-quoted attribute values (the staff app's escaper).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    veiviser_html::markup::escape_attr(s, &mut out);
    out
}

/// Collects the draw calls of one layout into SVG markup.
#[derive(Debug)]
pub struct SvgCanvas {
    label: String,
    body: String,
    width: f64,
    height: f64,
    /// A node link opened by `draw_rect`, closed after the node's text.
    open_link: bool,
    edges: usize,
}

impl SvgCanvas {
    /// A blank canvas; `label` is the accessible name of the drawing.
    pub fn new(label: &str) -> SvgCanvas {
        SvgCanvas {
            label: label.to_string(),
            body: String::new(),
            width: 0.0,
            height: 0.0,
            open_link: false,
            edges: 0,
        }
    }

    fn grow(&mut self, p: Point, size: Point) {
        self.width = self.width.max(p.x + size.x + 5.0);
        self.height = self.height.max(p.y + size.y + 5.0);
    }

    /// The finished `<svg>` element.
    pub fn finish(mut self) -> String {
        if self.open_link {
            self.body.push_str("</a>");
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flowchart\" role=\"group\" \
             aria-label=\"{label}\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\">\
             <defs><marker id=\"flow-arrow\" markerWidth=\"10\" markerHeight=\"7\" refX=\"10\" \
             refY=\"3.5\" orient=\"auto\"><polygon class=\"flow-arrowhead\" points=\"0 0, 10 3.5, 0 7\"/>\
             </marker></defs>{body}</svg>",
            label = escape(&self.label),
            w = self.width,
            h = self.height,
            body = self.body,
        )
    }
}

impl RenderBackend for SvgCanvas {
    fn draw_rect(
        &mut self,
        at: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        self.grow(at, size);
        let props = properties.as_deref().and_then(NodeProps::decode);
        if let Some(p) = &props {
            if self.open_link {
                self.body.push_str("</a>");
            }
            self.body.push_str(&format!(
                "<a href=\"{}\" class=\"flow-node {}\">",
                escape(&p.href),
                escape(&p.class)
            ));
            self.open_link = true;
        }
        self.body.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"{}\"/>",
            at.x, at.y, size.x, size.y, look.rounded
        ));
    }

    fn draw_line(&mut self, start: Point, stop: Point, _look: &StyleAttr, _p: Option<String>) {
        self.body.push_str(&format!(
            "<line class=\"flow-edge\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
            start.x, start.y, stop.x, stop.y
        ));
    }

    fn draw_circle(&mut self, at: Point, size: Point, _look: &StyleAttr, _p: Option<String>) {
        self.grow(at, size);
        self.body.push_str(&format!(
            "<ellipse cx=\"{:.1}\" cy=\"{:.1}\" rx=\"{:.1}\" ry=\"{:.1}\"/>",
            at.x,
            at.y,
            size.x / 2.0,
            size.y / 2.0
        ));
    }

    fn draw_text(&mut self, at: Point, text: &str, look: &StyleAttr) {
        // layout-rs sizes a box at one font size per line: lines 1em apart, the first
        // baseline a little below the top so the block sits centred.
        let lines = text.lines().count().max(1);
        let top = at.y - (lines * look.font_size) as f64 / 2.0;
        let mut spans = String::new();
        for (i, line) in text.lines().enumerate() {
            let dy = if i == 0 { "0.85em" } else { "1em" };
            spans.push_str(&format!(
                "<tspan x=\"{:.1}\" dy=\"{dy}\">{}</tspan>",
                at.x,
                escape(line)
            ));
        }
        self.body.push_str(&format!(
            "<text class=\"flow-text\" text-anchor=\"middle\" x=\"{:.1}\" y=\"{:.1}\">{spans}</text>",
            at.x, top
        ));
        if self.open_link {
            self.body.push_str("</a>");
            self.open_link = false;
        }
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        _look: &StyleAttr,
        _properties: Option<String>,
        text: &str,
    ) {
        if self.open_link {
            self.body.push_str("</a>");
            self.open_link = false;
        }
        if path.len() < 2 {
            return;
        }
        for p in path {
            self.grow(p.0, Point::zero());
            self.grow(p.1, Point::zero());
        }
        let mut d = format!(
            "M {} C {}, {}, {} ",
            xy(path[0].0),
            xy(path[0].1),
            xy(path[1].0),
            xy(path[1].1)
        );
        for p in path.iter().skip(2) {
            d.push_str(&format!("S {}, {} ", xy(p.0), xy(p.1)));
        }
        let id = format!("flow-edge-{}", self.edges);
        self.edges += 1;
        let class = if dashed {
            "flow-edge dashed"
        } else {
            "flow-edge"
        };
        let marker = if head.1 {
            " marker-end=\"url(#flow-arrow)\""
        } else {
            ""
        };
        self.body.push_str(&format!(
            "<path id=\"{id}\" class=\"{class}\" d=\"{}\"{marker}/>",
            d.trim_end()
        ));
        if !text.is_empty() {
            self.body.push_str(&format!(
                "<text class=\"flow-edge-label\"><textPath href=\"#{id}\" startOffset=\"50%\" \
                 text-anchor=\"middle\">{}</textPath></text>",
                escape(text)
            ));
        }
    }

    fn create_clip(&mut self, _at: Point, _size: Point, _rounded: usize) -> ClipHandle {
        0
    }
}
