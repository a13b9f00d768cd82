//! The laid-out flowcharts, kept by what they were laid out from: the guide (its wire JSON),
//! the UI and content languages and every step's link. A bounded number are kept, the oldest
//! dropped first; a changed guide is a new key, so nothing is ever stale.

use crate::admin_web::messages::Ui;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, OnceLock, PoisonError};
use veiviser_core::guide::{guide_to_json, Guide};
use veiviser_core::i18n::Lang;

/// How many pictures are kept (each some tens of kB).
const KEPT: usize = 64;

/// What a picture was laid out from.
pub(super) type Key = [u8; 32];

#[derive(Default)]
struct Cache {
    pictures: HashMap<Key, Option<String>>,
    order: VecDeque<Key>,
    /// How many times each key was laid out (the tests read it).
    #[cfg(test)]
    layouts: HashMap<Key, u64>,
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(Cache::default()))
}

/// The key of `guide` shown in `ui` / `lang` with the links `href` gives.
pub(super) fn key(guide: &Guide, ui: Ui, lang: Lang, href: &dyn Fn(&str) -> String) -> Key {
    let mut h = Sha256::new();
    h.update(guide_to_json(guide));
    h.update([0]);
    h.update(ui.lang.code());
    h.update([0]);
    h.update(lang.code());
    for step in &guide.steps {
        h.update([0]);
        h.update(href(&step.id));
    }
    h.finalize().into()
}

/// The picture for `key`, laid out by `lay_out` when it is not kept. The layout runs outside
/// the lock (two requests for a new guide may both lay it out; the result is the same).
pub(super) fn get_or_insert(key: Key, lay_out: impl FnOnce() -> Option<String>) -> Option<String> {
    // A cache: whatever a panicking thread left is a valid map.
    let lock = || cache().lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(svg) = lock().pictures.get(&key) {
        return svg.clone();
    }
    let svg = lay_out();
    let mut c = lock();
    #[cfg(test)]
    {
        *c.layouts.entry(key).or_default() += 1;
    }
    if c.pictures.insert(key, svg.clone()).is_none() {
        c.order.push_back(key);
        while c.order.len() > KEPT {
            if let Some(old) = c.order.pop_front() {
                c.pictures.remove(&old);
            }
        }
    }
    svg
}

/// How many times `key` was laid out in this process.
#[cfg(test)]
pub(super) fn layouts_of(key: &Key) -> u64 {
    let c = cache().lock().unwrap_or_else(PoisonError::into_inner);
    c.layouts.get(key).copied().unwrap_or(0)
}
