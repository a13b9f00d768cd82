//! Search over places (kommuner, poststeder, postcodes, bydeler) and services by name,
//! folding Norwegian letters and accents and tolerating small typos (optimal string
//! alignment distance from `strsim`).

use super::area::AreaLevel;
use super::catalog::Directory;
use super::fold::fold;
use super::places::Places;
use super::postcodes::display_name;
use crate::i18n::catalog as msg;
use crate::i18n::{Lang, LocalizedText};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SearchHitKind {
    /// A service in the directory.
    Service,
    /// A city district.
    Bydel,
    /// A municipality.
    Kommune,
    /// A post town.
    Poststed,
    /// A postcode.
    Postnummer,
}

/// How well a hit matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MatchQuality {
    /// The whole name, after folding.
    Exact,
    /// The name starts with the query.
    Prefix,
    /// A word of the name starts with the query.
    WordPrefix,
    /// The name contains the query.
    Contains,
    /// Within a small edit distance of the name or one of its words.
    Fuzzy,
    /// Within a small edit distance of the start of the name.
    FuzzyPrefix,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SearchHit {
    /// What it is.
    pub kind: SearchHitKind,
    /// Its id: service id, area id (`KKKK-BB`), kommunenummer, postcode, or
    /// `poststed:KKKK:NAME`.
    pub id: String,
    /// The name as people write it.
    pub name: String,
    /// A short description in bokmål ("Bydel 02 i Oslo", "Bærum").
    pub detail: String,
    /// The same description in every language ("Bydel 02 in Oslo").
    pub detail_text: LocalizedText,
    /// The municipality it belongs to, when it has one.
    pub kommunenummer: Option<String>,
    /// For post towns and postcodes: the postcodes (at most 10).
    pub postnumre: Vec<String>,
    /// How well it matched.
    pub quality: MatchQuality,
    /// The edit distance for fuzzy matches (0 otherwise).
    pub distance: u32,
    /// Whether the entry is example data.
    pub example_data: bool,
}

struct Item {
    kind: SearchHitKind,
    id: String,
    name: String,
    detail: LocalizedText,
    kommunenummer: Option<String>,
    postnumre: Vec<String>,
    example_data: bool,
    /// Folded forms to match: the name first, then alternates (other languages).
    forms: Vec<Form>,
}

struct Form {
    folded: String,
    chars: usize,
    mask: u64,
    words: Vec<Word>,
}

struct Word {
    text: String,
    chars: usize,
    mask: u64,
}

/// A set of the letters in `s` (a–z, digits, space; others hashed), for cheap pruning: an edit
/// distance is at least the number of distinct letters one side has and the other lacks.
fn letter_mask(s: &str) -> u64 {
    s.chars().fold(0u64, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + (c as u32 - '0' as u32),
            ' ' => 36,
            other => 37 + (other as u32 % 27),
        };
        mask | (1u64 << bit)
    })
}

impl Form {
    fn new(text: &str) -> Form {
        let folded = fold(text);
        let words: Vec<Word> = if folded.contains(' ') {
            folded
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| Word {
                    text: w.to_string(),
                    chars: w.chars().count(),
                    mask: letter_mask(w),
                })
                .collect()
        } else {
            Vec::new()
        };
        Form {
            chars: folded.chars().count(),
            mask: letter_mask(&folded),
            folded,
            words,
        }
    }
}

/// A prebuilt index over the directory and places; build once, search many times.
#[derive(Default)]
pub struct SearchIndex {
    items: Vec<Item>,
    /// Every postcode with the index of its post-town item, sorted by postcode.
    postcodes: Vec<(String, usize)>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SearchIndex({} names, {} postcodes)",
            self.items.len(),
            self.postcodes.len()
        )
    }
}

const MAX_POSTNUMRE: usize = 10;

impl SearchIndex {
    /// Indexes every service, area, municipality, post town, named bydel and postcode.
    pub fn build(dir: &Directory, places: &Places) -> SearchIndex {
        let mut items = Vec::new();
        let mut kommune_ids: HashSet<String> = HashSet::new();
        let mut labels: HashMap<String, String> = HashMap::new();
        let mut kommune_label = |k: &str| -> String {
            if let Some(l) = labels.get(k) {
                return l.clone();
            }
            let label = dir
                .area(k)
                .map(|a| a.name.clone())
                .or_else(|| places.kommune_name(k).map(str::to_string))
                .unwrap_or_else(|| k.to_string());
            labels.insert(k.to_string(), label.clone());
            label
        };

        for service in dir.services() {
            let mut forms = vec![Form::new(&service.name.nb)];
            forms.extend(
                service
                    .name
                    .nn
                    .iter()
                    .chain(service.name.en.iter())
                    .map(|t| Form::new(t)),
            );
            let areas = |lang: Lang| -> String {
                service
                    .covers
                    .iter()
                    .map(|c| {
                        dir.area(c)
                            .filter(|_| c != super::area::NATIONAL_AREA_ID)
                            .map(|a| a.name.clone())
                            .unwrap_or_else(|| msg::NORWAY.get(lang).to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            items.push(Item {
                kind: SearchHitKind::Service,
                id: service.id.clone(),
                name: service.name.nb.clone(),
                detail: LocalizedText::from_fn(|lang| {
                    format!("{} · {}", service.role.label(lang), areas(lang))
                }),
                kommunenummer: None,
                postnumre: Vec::new(),
                example_data: service.example_data,
                forms,
            });
        }
        let mut named_districts: HashSet<(String, String)> = HashSet::new();
        for area in dir.areas() {
            let Some(k) = area.kommune.clone() else {
                continue;
            };
            let (kind, detail) = match area.level() {
                AreaLevel::District => {
                    named_districts.insert((k.clone(), fold(&area.name)));
                    let number = area.bydel.clone().unwrap_or_default();
                    let kommune = kommune_label(&k);
                    (
                        SearchHitKind::Bydel,
                        msg::SEARCH_DETAIL_BYDEL
                            .localized(&[("number", &number), ("kommune", &kommune)]),
                    )
                }
                _ => {
                    kommune_ids.insert(k.clone());
                    (
                        SearchHitKind::Kommune,
                        msg::SEARCH_DETAIL_KOMMUNE.localized(&[("kommunenummer", &k)]),
                    )
                }
            };
            items.push(Item {
                kind,
                id: area.id(),
                name: area.name.clone(),
                detail,
                kommunenummer: Some(k),
                postnumre: Vec::new(),
                example_data: area.example_data,
                forms: vec![Form::new(&area.name)],
            });
        }
        for (k, name) in places.kommuner() {
            if kommune_ids.insert(k.to_string()) {
                items.push(Item {
                    kind: SearchHitKind::Kommune,
                    id: k.to_string(),
                    name: name.to_string(),
                    detail: msg::SEARCH_DETAIL_KOMMUNE.localized(&[("kommunenummer", k)]),
                    kommunenummer: Some(k.to_string()),
                    postnumre: Vec::new(),
                    example_data: false,
                    forms: vec![Form::new(name)],
                });
            }
        }
        for pair in places.pairs() {
            if pair.bydel.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            if named_districts.insert((pair.kommunenummer.clone(), fold(&pair.bydel))) {
                items.push(Item {
                    kind: SearchHitKind::Bydel,
                    id: format!("{}:{}", pair.kommunenummer, pair.bydel),
                    name: pair.bydel.clone(),
                    detail: msg::SEARCH_DETAIL_BYDEL_OF
                        .localized(&[("kommune", &kommune_label(&pair.kommunenummer))]),
                    kommunenummer: Some(pair.kommunenummer.clone()),
                    postnumre: Vec::new(),
                    example_data: false,
                    forms: vec![Form::new(&pair.bydel)],
                });
            }
        }
        let mut towns: HashMap<(&str, &str), usize> = HashMap::new();
        let mut postcodes = Vec::with_capacity(places.rows().len());
        for row in places.rows() {
            let key = (row.kommunenummer.as_str(), row.poststed.as_str());
            let index = match towns.get(&key) {
                Some(&i) => {
                    let item: &mut Item = &mut items[i];
                    if item.postnumre.len() < MAX_POSTNUMRE {
                        item.postnumre.push(row.postnummer.clone());
                    }
                    i
                }
                None => {
                    let town = display_name(&row.poststed);
                    towns.insert(key, items.len());
                    items.push(Item {
                        kind: SearchHitKind::Poststed,
                        id: format!("poststed:{}:{}", row.kommunenummer, row.poststed),
                        forms: vec![Form::new(&town)],
                        name: town,
                        detail: LocalizedText::from_fn({
                            let k = kommune_label(&row.kommunenummer);
                            move |_| k.clone()
                        }),
                        kommunenummer: Some(row.kommunenummer.clone()),
                        postnumre: vec![row.postnummer.clone()],
                        example_data: false,
                    });
                    items.len() - 1
                }
            };
            postcodes.push((row.postnummer.clone(), index));
        }
        postcodes.sort();
        SearchIndex { items, postcodes }
    }

    /// The number of searchable names (services, areas, municipalities, towns).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.postcodes.is_empty()
    }

    /// The best `limit` hits for `query`, best first; digits search postcodes and
    /// kommunenummer.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut hits: Vec<(usize, SearchHit)> = Vec::new();
        if q.bytes().all(|b| b.is_ascii_digit()) {
            if q.len() <= 4 {
                let start = self
                    .postcodes
                    .partition_point(|(code, _)| code.as_str() < q.as_str());
                for (code, town) in self.postcodes[start..]
                    .iter()
                    .take_while(|(code, _)| code.starts_with(q.as_str()))
                    .take(limit)
                {
                    let town = &self.items[*town];
                    let quality = if *code == q {
                        MatchQuality::Exact
                    } else {
                        MatchQuality::Prefix
                    };
                    hits.push((
                        0,
                        SearchHit {
                            kind: SearchHitKind::Postnummer,
                            id: code.clone(),
                            name: format!("{code} {}", town.name),
                            detail: town.detail.nb.clone(),
                            detail_text: town.detail.clone(),
                            kommunenummer: town.kommunenummer.clone(),
                            postnumre: vec![code.clone()],
                            quality,
                            distance: 0,
                            example_data: false,
                        },
                    ));
                }
            }
            for item in self
                .items
                .iter()
                .filter(|i| i.kind == SearchHitKind::Kommune)
            {
                if item.kommunenummer.as_deref() == Some(q.as_str()) {
                    hits.push((0, self.hit(item, MatchQuality::Exact, 0)));
                }
            }
        } else {
            let q_chars = q.chars().count();
            let allowed = match q_chars {
                0..=3 => 0,
                4..=5 => 1,
                _ => 2,
            };
            let q_mask = letter_mask(&q);
            // Rank cheaply first; build hits only for the best `limit`.
            let mut ranked: Vec<(MatchQuality, u32, SearchHitKind, usize, usize)> = Vec::new();
            for (index, item) in self.items.iter().enumerate() {
                if let Some((quality, distance)) = best_match(item, &q, q_chars, q_mask, allowed) {
                    ranked.push((quality, distance, item.kind, item.name.len(), index));
                }
            }
            ranked.sort_by(|a, b| {
                (a.0, a.1, a.2, a.3)
                    .cmp(&(b.0, b.1, b.2, b.3))
                    .then_with(|| self.items[a.4].name.cmp(&self.items[b.4].name))
            });
            ranked.truncate(limit);
            for (quality, distance, _, len, index) in ranked {
                hits.push((len, self.hit(&self.items[index], quality, distance)));
            }
        }
        hits.sort_by(|(la, a), (lb, b)| {
            (a.quality, a.distance, a.kind, *la, &a.name)
                .cmp(&(b.quality, b.distance, b.kind, *lb, &b.name))
        });
        hits.truncate(limit);
        hits.into_iter().map(|(_, h)| h).collect()
    }

    fn hit(&self, item: &Item, quality: MatchQuality, distance: u32) -> SearchHit {
        SearchHit {
            kind: item.kind,
            id: item.id.clone(),
            name: item.name.clone(),
            detail: item.detail.nb.clone(),
            detail_text: item.detail.clone(),
            kommunenummer: item.kommunenummer.clone(),
            postnumre: item.postnumre.clone(),
            quality,
            distance,
            example_data: item.example_data,
        }
    }
}

fn best_match(
    item: &Item,
    q: &str,
    q_chars: usize,
    q_mask: u64,
    allowed: usize,
) -> Option<(MatchQuality, u32)> {
    let mut best: Option<(MatchQuality, u32)> = None;
    let mut offer = |m: (MatchQuality, u32)| {
        if best.is_none_or(|b| m < b) {
            best = Some(m);
        }
    };
    let pruned = |mask: u64, both_ways: bool| {
        (q_mask & !mask).count_ones() as usize > allowed
            || (both_ways && (mask & !q_mask).count_ones() as usize > allowed)
    };
    for form in &item.forms {
        if form.folded == q {
            return Some((MatchQuality::Exact, 0));
        }
        if form.folded.starts_with(q) {
            offer((MatchQuality::Prefix, 0));
            continue;
        }
        if form.words.iter().any(|w| w.text.starts_with(q)) {
            offer((MatchQuality::WordPrefix, 0));
            continue;
        }
        if q_chars >= 3 && form.folded.contains(q) {
            offer((MatchQuality::Contains, 0));
            continue;
        }
        if allowed == 0 || pruned(form.mask, false) {
            continue;
        }
        let mut fuzzy = |target: &str, chars: usize, mask: u64, quality: MatchQuality| {
            if chars.abs_diff(q_chars) <= allowed && !pruned(mask, true) {
                let d = strsim::osa_distance(q, target);
                if d <= allowed {
                    offer((quality, d as u32));
                }
            }
        };
        fuzzy(&form.folded, form.chars, form.mask, MatchQuality::Fuzzy);
        for word in &form.words {
            fuzzy(&word.text, word.chars, word.mask, MatchQuality::Fuzzy);
        }
        if q_chars >= 5 && form.chars > q_chars + allowed {
            let end = form
                .folded
                .char_indices()
                .nth(q_chars)
                .map_or(form.folded.len(), |(i, _)| i);
            let prefix = &form.folded[..end];
            fuzzy(
                prefix,
                q_chars,
                letter_mask(prefix),
                MatchQuality::FuzzyPrefix,
            );
        }
    }
    best
}
