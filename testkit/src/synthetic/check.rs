//! Walkable edges and the structural self-check of a generated guide.

use std::collections::{HashMap, HashSet, VecDeque};
use veiviser_core::guide::{Guide, StepKind};

/// Every (step id, option id) pair a walk can take: handy for benches and tests.
pub fn edges(guide: &Guide) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &guide.steps {
        if let StepKind::Question { options } = &s.kind {
            for o in options {
                out.push((s.id.clone(), o.id.clone()));
            }
        }
    }
    out
}

/// Structural self-check of a generated guide (ids unique, edges resolve, all reachable, every
/// step reaches an end, cycles only through `loop_back` steps). Used to test the generator itself.
pub fn structural_problems(guide: &Guide) -> Vec<String> {
    let mut problems = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, s) in guide.steps.iter().enumerate() {
        if index.insert(s.id.as_str(), i).is_some() {
            problems.push(format!("duplicate id {}", s.id));
        }
    }
    let succ: Vec<Vec<usize>> = guide
        .steps
        .iter()
        .map(|s| {
            s.successors()
                .into_iter()
                .filter_map(|t| {
                    let r = index.get(t).copied();
                    if r.is_none() {
                        problems.push(format!("{} -> missing {t}", s.id));
                    }
                    r
                })
                .collect()
        })
        .collect();
    let Some(&start) = index.get(guide.start.as_str()) else {
        problems.push("no start".into());
        return problems;
    };
    if !index.contains_key(guide.acute_step.as_str()) {
        problems.push("no acute step".into());
    }
    let mut seen = HashSet::new();
    let mut stack = vec![start];
    while let Some(i) = stack.pop() {
        if seen.insert(i) {
            stack.extend(succ[i].iter().copied());
        }
    }
    for (i, s) in guide.steps.iter().enumerate() {
        if !seen.contains(&i) {
            problems.push(format!("unreachable {}", s.id));
        }
        if s.text.nb.is_empty() {
            problems.push(format!("no nb text {}", s.id));
        }
        if s.urgent && s.contacts.is_empty() {
            problems.push(format!("urgent without contact {}", s.id));
        }
        if matches!(&s.kind, StepKind::Question { options } if options.is_empty()) {
            problems.push(format!("empty options {}", s.id));
        }
    }
    // Cycle check ignoring edges out of loop_back steps.
    let n = guide.steps.len();
    let mut state = vec![0u8; n];
    fn dfs(i: usize, succ: &[Vec<usize>], guide: &Guide, state: &mut [u8]) -> bool {
        state[i] = 1;
        if !guide.steps[i].loop_back {
            for &j in &succ[i] {
                if state[j] == 1 || (state[j] == 0 && dfs(j, succ, guide, state)) {
                    return true;
                }
            }
        }
        state[i] = 2;
        false
    }
    for i in 0..n {
        if state[i] == 0 && dfs(i, &succ, guide, &mut state) {
            problems.push("cycle without loop_back".into());
            break;
        }
    }
    // Every step reaches an end.
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, t) in succ.iter().enumerate() {
        for &j in t {
            preds[j].push(i);
        }
    }
    let mut reach = vec![false; n];
    let mut queue: VecDeque<usize> = (0..n)
        .filter(|&i| matches!(guide.steps[i].kind, StepKind::End))
        .collect();
    for &i in &queue {
        reach[i] = true;
    }
    while let Some(j) = queue.pop_front() {
        for &p in &preds[j] {
            if !reach[p] {
                reach[p] = true;
                queue.push_back(p);
            }
        }
    }
    for (i, r) in reach.iter().enumerate() {
        if !r {
            problems.push(format!("no end reachable from {}", guide.steps[i].id));
        }
    }
    problems
}
