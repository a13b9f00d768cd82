//! Search over guide texts: a guide's title and summary, and each step's title, text and
//! checklist, in every language, with the directory search's Norwegian folding
//! ([`fold`]) and typo tolerance. A hit links into the step (guide id + step id), so
//! "nodvendig samtale" opens the parents' conversation guide where it is about that.
//!
//! Matching is by words: every word of the query must start a word of the text, or be
//! within a small edit distance of one (of its start, for longer words). A phrase found as
//! written ranks above words found apart.

use super::model::Guide;
use crate::i18n::fold::fold;
use crate::i18n::LocalizedText;
use serde::{Deserialize, Serialize};

/// How well a guide text matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuideMatch {
    /// The query is the whole title, after folding.
    Exact,
    /// The query appears as written (after folding) at the start of a word.
    Phrase,
    /// Every query word starts a word of the text.
    Words,
    /// Every query word starts, or nearly starts, a word of the text (small typos).
    Fuzzy,
}

/// One guide search result: where in which guide the query matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideHit {
    /// The guide's id.
    pub guide_id: String,
    /// The guide's title.
    pub guide_title: LocalizedText,
    /// The step to open: the matching step, or the start step for a title or summary hit.
    pub step_id: String,
    /// The step's heading (its title, or the first line of its text); `None` for a title or
    /// summary hit.
    pub step_heading: Option<LocalizedText>,
    /// How well it matched.
    pub quality: GuideMatch,
    /// The summed edit distance of fuzzy word matches (0 otherwise).
    pub distance: u32,
}

/// Where a hit is: the guide's index and the step's (`None`: the title or summary).
type Place = (usize, Option<usize>);

/// How a place matched: quality, distance, and the entry that matched best.
type Ranked = (GuideMatch, u32, usize);

/// One searchable text: the folded words of one field in one language.
struct Entry {
    guide: usize,
    /// `None`: the guide's title or summary.
    step: Option<usize>,
    /// Whether this is the guide's title (an exact match ranks first).
    is_title: bool,
    folded: String,
    /// The text's words, as indexes into the index's vocabulary (each once).
    words: Vec<u32>,
}

/// One distinct word of every indexed text, with what pruning needs.
struct VocabWord {
    text: String,
    chars: usize,
    mask: u64,
}

/// A set of the letters in `s`, for pruning: a word is at least as many edits away from the
/// query word as the query word has letters the word lacks.
fn letter_mask(s: &str) -> u64 {
    s.chars().fold(0u64, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + (c as u32 - '0' as u32),
            other => 36 + (other as u32 % 28),
        };
        mask | (1u64 << bit)
    })
}

/// A prebuilt index over a set of guides; build once, search many times.
#[derive(Default)]
pub struct GuideSearchIndex {
    guides: Vec<Guide>,
    entries: Vec<Entry>,
    vocabulary: Vec<VocabWord>,
}

impl std::fmt::Debug for GuideSearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "GuideSearchIndex({} guides, {} texts)",
            self.guides.len(),
            self.entries.len()
        )
    }
}

fn languages(t: &LocalizedText) -> impl Iterator<Item = &str> {
    std::iter::once(t.nb.as_str())
        .chain(t.nn.as_deref())
        .chain(t.en.as_deref())
        .filter(|s| !s.trim().is_empty())
}

impl GuideSearchIndex {
    /// Indexes every title, summary, step title, step text and checklist item of `guides`.
    pub fn build(guides: Vec<Guide>) -> GuideSearchIndex {
        let mut entries = Vec::new();
        let mut vocabulary: Vec<VocabWord> = Vec::new();
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for (g, guide) in guides.iter().enumerate() {
            let mut push = |step: Option<usize>, is_title: bool, text: &str| {
                let folded = fold(text);
                if folded.is_empty() {
                    return;
                }
                let mut words: Vec<u32> = folded
                    .split(' ')
                    .map(|w| {
                        *ids.entry(w.to_string()).or_insert_with(|| {
                            vocabulary.push(VocabWord {
                                text: w.to_string(),
                                chars: w.chars().count(),
                                mask: letter_mask(w),
                            });
                            (vocabulary.len() - 1) as u32
                        })
                    })
                    .collect();
                words.sort_unstable();
                words.dedup();
                entries.push(Entry {
                    guide: g,
                    step,
                    is_title,
                    folded,
                    words,
                });
            };
            for t in languages(&guide.title) {
                push(None, true, t);
            }
            for t in languages(&guide.summary) {
                push(None, false, t);
            }
            for (s, step) in guide.steps.iter().enumerate() {
                let texts = step
                    .title
                    .iter()
                    .chain(std::iter::once(&step.text))
                    .chain(step.checklist.iter());
                for text in texts {
                    for t in languages(text) {
                        push(Some(s), false, t);
                    }
                }
            }
        }
        GuideSearchIndex {
            guides,
            entries,
            vocabulary,
        }
    }

    /// The guides indexed.
    pub fn guides(&self) -> &[Guide] {
        &self.guides
    }

    /// The best `limit` hits for `query`, best first; at most one hit per step (and one for
    /// a guide's title and summary together).
    pub fn search(&self, query: &str, limit: usize) -> Vec<GuideHit> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        // For each query word, its distance to every vocabulary word it matches (0: a prefix).
        let q_words: Vec<Vec<Option<u8>>> = q
            .split(' ')
            .map(|qw| {
                let (chars, mask) = (qw.chars().count(), letter_mask(qw));
                self.vocabulary
                    .iter()
                    .map(|w| word_match(qw, chars, mask, w))
                    .collect()
            })
            .collect();
        let phrase = format!(" {q}");
        // Best match per (guide, step).
        let mut best: std::collections::HashMap<Place, Ranked> = std::collections::HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let Some((quality, distance)) = match_entry(e, &q, &phrase, &q_words) else {
                continue;
            };
            let key = (e.guide, e.step);
            let better = best
                .get(&key)
                .is_none_or(|(bq, bd, _)| (quality, distance) < (*bq, *bd));
            if better {
                best.insert(key, (quality, distance, i));
            }
        }
        let mut ranked: Vec<(Place, Ranked)> = best.into_iter().collect();
        // Best match first; guide-level hits before steps; then the guide and step order.
        ranked.sort_by_key(|((g, s), (q, d, _))| (*q, *d, s.is_some(), *g, s.unwrap_or(0)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|((g, s), (quality, distance, _))| {
                let guide = &self.guides[g];
                let (step_id, step_heading) = match s {
                    Some(s) => {
                        let step = &guide.steps[s];
                        let heading = step.title.clone().unwrap_or_else(|| first_line(&step.text));
                        (step.id.clone(), Some(heading))
                    }
                    None => (guide.start.clone(), None),
                };
                GuideHit {
                    guide_id: guide.id.clone(),
                    guide_title: guide.title.clone(),
                    step_id,
                    step_heading,
                    quality,
                    distance,
                }
            })
            .collect()
    }
}

/// The first line of each language of `t` (a step's text as a heading).
fn first_line(t: &LocalizedText) -> LocalizedText {
    let line = |s: &str| s.lines().next().unwrap_or("").trim().to_string();
    LocalizedText {
        nb: line(&t.nb),
        nn: t.nn.as_deref().map(line),
        en: t.en.as_deref().map(line),
    }
}

/// How many typos a query word of `chars` letters may have.
fn allowed_typos(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

fn match_entry(
    e: &Entry,
    q: &str,
    phrase: &str,
    q_words: &[Vec<Option<u8>>],
) -> Option<(GuideMatch, u32)> {
    if e.is_title && e.folded == q {
        return Some((GuideMatch::Exact, 0));
    }
    if e.folded.starts_with(q) || e.folded.contains(phrase) {
        return Some((GuideMatch::Phrase, 0));
    }
    let mut distance = 0u32;
    for matches in q_words {
        let best = e.words.iter().filter_map(|&w| matches[w as usize]).min()?;
        distance += u32::from(best);
    }
    Some(if distance > 0 {
        (GuideMatch::Fuzzy, distance)
    } else {
        (GuideMatch::Words, 0)
    })
}

/// How far query word `qw` is from `w`: 0 when it starts `w`; else the smallest edit distance
/// to `w` or to its start (as long as `qw`), when within the allowed typos.
/// (`chars` and `mask` are `qw`'s letter count and [`letter_mask`].)
fn word_match(qw: &str, chars: usize, mask: u64, w: &VocabWord) -> Option<u8> {
    if w.text.starts_with(qw) {
        return Some(0);
    }
    let allowed = allowed_typos(chars);
    if allowed == 0
        || (mask & !w.mask).count_ones() as usize > allowed
        || (w.chars + allowed < chars)
    {
        return None;
    }
    let whole = strsim::osa_distance(qw, &w.text);
    let d = if w.chars > chars {
        let head: String = w.text.chars().take(chars).collect();
        whole.min(strsim::osa_distance(qw, &head))
    } else {
        whole
    };
    (d <= allowed).then_some(d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(id: &str, title: &str, steps: &[(&str, &str)]) -> Guide {
        let toml = format!(
            "id = \"{id}\"\nrevision = 1\ntitle = \"{title}\"\nsummary = \"Oppsummering\"\naudience = [\"barnehage\"]\nstart = \"{}\"\nacute_step = \"akutt\"\n[review]\nreviewed_by = \"x\"\nreviewed_on = 2026-01-01\n{}[[steps]]\nid = \"akutt\"\nkind = \"end\"\nurgent = true\ncontacts = [\"nodnummer\"]\ntext = \"Ring\"\n",
            steps[0].0,
            steps
                .iter()
                .map(|(s, t)| format!("[[steps]]\nid = \"{s}\"\nkind = \"action\"\nnext = \"akutt\"\ntext = \"{t}\"\n"))
                .collect::<String>()
        );
        crate::guide::parse_guide_toml("t.toml", &toml)
            .unwrap_or_else(|e| panic!("{e}"))
            .guide
    }

    fn index() -> GuideSearchIndex {
        GuideSearchIndex::build(vec![
            guide(
                "samtale",
                "«Den nødvendige samtalen» med foreldrene",
                &[("S1", "Forbered samtalen med observasjoner.")],
            ),
            guide(
                "melding",
                "Skrive bekymringsmelding",
                &[("M1", "Bruk portalen, aldri vanlig e-post.")],
            ),
        ])
    }

    #[test]
    fn finds_a_guide_by_its_title_with_and_without_norwegian_letters_and_typos() {
        let idx = index();
        for q in [
            "nødvendige samtalen",
            "nodvendig samtale",
            "nodvendge samtalen",
        ] {
            let hits = idx.search(q, 5);
            assert_eq!(
                hits.first().map(|h| h.guide_id.as_str()),
                Some("samtale"),
                "{q}"
            );
            assert_eq!(hits[0].step_id, "S1", "a title hit opens the start step");
        }
        assert_eq!(
            idx.search("nodvendge samtalen", 5)[0].quality,
            GuideMatch::Fuzzy
        );
    }

    #[test]
    fn a_step_hit_links_into_the_step() {
        let hits = index().search("vanlig epost", 5);
        assert_eq!(hits[0].step_id, "M1", "one typo away from `post`");
        let hits = index().search("vanlig e-post", 5);
        assert_eq!(hits[0].guide_id, "melding");
        assert_eq!(hits[0].step_id, "M1");
        assert_eq!(
            hits[0].step_heading.as_ref().map(|h| h.nb.as_str()),
            Some("Bruk portalen, aldri vanlig e-post.")
        );
        assert!(index().search("xyzzy", 5).is_empty());
        assert!(index().search("", 5).is_empty());
    }
}
