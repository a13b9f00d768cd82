//! "Did you mean" hints: the closest known name to a misspelt one.

/// The closest of `candidates` to `wrong`, if it is plausibly what was meant (a typo or a
/// shortened name); used for "did you mean" hints.
pub fn closest<'c>(wrong: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
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
