//! A cache of step positions by id, so a transition costs a hash lookup instead of a scan over
//! every step of the guide.
//!
//! It is never part of a session's state: not serialized, ignored by equality and hashing, and
//! every hit is checked against the guide it is used with, so a stale cache can only cost time,
//! never return a wrong step.

use crate::guide::model::{Guide, Step};
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Step positions of one guide revision, shared by clones of a session.
#[derive(Clone, Default)]
pub(super) struct StepIndex(Option<Arc<Positions>>);

struct Positions {
    guide_id: String,
    revision: u32,
    len: usize,
    by_id: HashMap<String, usize>,
}

impl Positions {
    fn is_for(&self, guide: &Guide) -> bool {
        self.len == guide.steps.len()
            && self.revision == guide.revision
            && self.guide_id == guide.id
    }
}

impl StepIndex {
    /// Builds the index for `guide` unless it already has one for it.
    pub(super) fn ensure(&mut self, guide: &Guide) {
        if self.0.as_ref().is_some_and(|p| p.is_for(guide)) {
            return;
        }
        let mut by_id = HashMap::with_capacity(guide.steps.len());
        for (i, s) in guide.steps.iter().enumerate() {
            // The first step with an id wins, as in `Guide::step`.
            by_id.entry(s.id.clone()).or_insert(i);
        }
        self.0 = Some(Arc::new(Positions {
            guide_id: guide.id.clone(),
            revision: guide.revision,
            len: guide.steps.len(),
            by_id,
        }));
    }

    /// The step with `id`: through the index when it fits `guide`, else by scanning.
    pub(super) fn find<'g>(&self, guide: &'g Guide, id: &str) -> Option<&'g Step> {
        if let Some(p) = self.0.as_ref().filter(|p| p.is_for(guide)) {
            if let Some(step) = p
                .by_id
                .get(id)
                .and_then(|&i| guide.steps.get(i))
                .filter(|s| s.id == id)
            {
                return Some(step);
            }
        }
        guide.step(id)
    }
}

impl PartialEq for StepIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for StepIndex {}

impl Hash for StepIndex {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

impl fmt::Debug for StepIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "StepIndex(built)"
        } else {
            "StepIndex(empty)"
        })
    }
}
