//! Search results: places, services and guide steps matching what the user typed, in one
//! language.
//!
//! Each place or service hit serializes with the same field names and values as
//! [`SearchHit`] (the `veiviser search --json` document), plus the ready-to-show kind label,
//! postcode list and example-data mark. Guide hits ([`GuideHit`]) follow the places and
//! services, as kind `guide` (the title or summary matched) or `guide_step`, with
//! `guide_id` and `step_id`: the link into the step.

use super::format::code_of;
use crate::directory::{SearchHit, SearchHitKind};
use crate::guide::GuideHit;
use crate::i18n::catalog as msg;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The results of one search, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SearchResultsView {
    /// What was searched for.
    pub query: String,
    /// The hits, best first.
    pub hits: Vec<SearchHitView>,
    /// What to say when there are no hits.
    pub empty_text: Option<String>,
}

/// One search hit: a service or a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SearchHitView {
    /// `service`, `bydel`, `kommune`, `poststed`, `postnummer`, `guide` or `guide_step`.
    pub kind: String,
    /// The kind in words ("tjeneste").
    pub kind_label: String,
    /// Its id: service id, area id, kommunenummer, postcode, or `poststed:KKKK:NAME`.
    pub id: String,
    /// The name as people write it.
    pub name: String,
    /// A short description ("Bydel 02 i Oslo").
    pub detail: String,
    /// The municipality it belongs to, when it has one.
    pub kommunenummer: Option<String>,
    /// For post towns and postcodes: the postcodes (at most 10).
    pub postnumre: Vec<String>,
    /// The postcodes as one text for post towns ("0550, 0551"), when there are any.
    pub postnumre_text: Option<String>,
    /// How well it matched (`exact`, `prefix`, `word_prefix`, `contains`, `fuzzy`, …).
    pub quality: String,
    /// The edit distance for fuzzy matches (0 otherwise).
    pub distance: u32,
    /// Whether the entry is example data.
    pub example_data: bool,
    /// `[EKSEMPELDATA]` when it is example data.
    pub example_data_mark: Option<String>,
    /// For guide hits: the guide to open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide_id: Option<String>,
    /// For guide hits: the step to open in it (the start step for a `guide` hit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<String>,
}

impl SearchResultsView {
    /// The results for `query` in `lang`.
    pub fn new(query: &str, hits: Vec<SearchHit>, lang: Lang) -> Self {
        let hits: Vec<SearchHitView> = hits.into_iter().map(|h| hit_view(h, lang)).collect();
        SearchResultsView {
            query: query.to_string(),
            empty_text: hits
                .is_empty()
                .then(|| msg::SEARCH_NO_HITS.fill(lang, &[("query", query)])),
            hits,
        }
    }

    /// The results for `query` in `lang`: places and services first, then guide steps.
    pub fn with_guides(
        query: &str,
        hits: Vec<SearchHit>,
        guide_hits: Vec<GuideHit>,
        lang: Lang,
    ) -> Self {
        let mut view = SearchResultsView::new(query, hits, lang);
        view.hits
            .extend(guide_hits.into_iter().map(|h| guide_hit_view(h, lang)));
        if !view.hits.is_empty() {
            view.empty_text = None;
        }
        view
    }
}

fn guide_hit_view(h: GuideHit, lang: Lang) -> SearchHitView {
    let title = h.guide_title.get(lang).to_string();
    let (kind, kind_label, name, detail) = match &h.step_heading {
        Some(heading) => (
            "guide_step",
            msg::HIT_GUIDE_STEP.get(lang),
            heading.get(lang).to_string(),
            title,
        ),
        None => (
            "guide",
            msg::HIT_GUIDE.get(lang),
            title,
            msg::HIT_GUIDE_OPENS.get(lang).to_string(),
        ),
    };
    SearchHitView {
        kind: kind.to_string(),
        kind_label: kind_label.to_string(),
        id: format!("{}:{}", h.guide_id, h.step_id),
        name,
        detail,
        kommunenummer: None,
        postnumre: Vec::new(),
        postnumre_text: None,
        quality: code_of(&h.quality),
        distance: h.distance,
        example_data: false,
        example_data_mark: None,
        guide_id: Some(h.guide_id),
        step_id: Some(h.step_id),
    }
}

fn kind_label(kind: SearchHitKind, lang: Lang) -> &'static str {
    match kind {
        SearchHitKind::Service => msg::HIT_SERVICE.get(lang),
        SearchHitKind::Bydel => msg::HIT_BYDEL.get(lang),
        SearchHitKind::Kommune => msg::HIT_KOMMUNE.get(lang),
        SearchHitKind::Poststed => msg::HIT_POSTSTED.get(lang),
        SearchHitKind::Postnummer => msg::HIT_POSTNUMMER.get(lang),
    }
}

fn hit_view(h: SearchHit, lang: Lang) -> SearchHitView {
    SearchHitView {
        kind: code_of(&h.kind),
        kind_label: kind_label(h.kind, lang).to_string(),
        postnumre_text: (!h.postnumre.is_empty() && h.kind != SearchHitKind::Postnummer)
            .then(|| h.postnumre.join(", ")),
        example_data_mark: h
            .example_data
            .then(|| msg::EXAMPLE_DATA_MARK.get(lang).to_string()),
        quality: code_of(&h.quality),
        id: h.id,
        name: h.name,
        detail: h.detail_text.get(lang).to_string(),
        kommunenummer: h.kommunenummer,
        postnumre: h.postnumre,
        distance: h.distance,
        example_data: h.example_data,
        guide_id: None,
        step_id: None,
    }
}
