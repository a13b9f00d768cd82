//! The step graph by index, used for reachability, dead ends and cycle detection.

use crate::guide::model::{Guide, StepKind};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Which field of a step an edge comes from.
#[derive(Clone, Copy)]
pub(super) enum EdgeField {
    Next,
    Option(usize),
}

#[derive(Clone, Copy)]
pub(super) struct Edge {
    pub(super) to: usize,
    pub(super) field: EdgeField,
}

impl Edge {
    pub(super) fn field(&self) -> String {
        match self.field {
            EdgeField::Next => "next".to_string(),
            EdgeField::Option(k) => format!("options[{k}].next"),
        }
    }
}

/// The step graph by index: the first step with each id wins; later duplicates are left out.
pub(super) struct Graph<'g> {
    pub(super) index: HashMap<&'g str, usize>,
    pub(super) is_duplicate: Vec<bool>,
    pub(super) edges: Vec<Vec<Edge>>,
    /// The step has a `next` that is empty or names no step.
    pub(super) has_broken_edge: Vec<bool>,
}

impl<'g> Graph<'g> {
    pub(super) fn build(guide: &'g Guide) -> Self {
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

/// "`Q4` → `A7` → `Q4`" for the gray DFS path from `to` to the top of `stack`, closed back to `to`.
pub(super) fn describe_cycle(guide: &Guide, stack: &[(usize, usize)], to: usize) -> String {
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
