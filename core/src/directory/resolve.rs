//! Resolving where a child lives — a postcode, a kommunenummer, or kommune + bydel — to the
//! municipality and, where a city has bydeler, to the bydel or the candidate bydeler.
//!
//! A postcode settles the municipality (Bring's primary one) but not the bydel: when the
//! bydel pairs list several, all are returned as candidates and a notice says so. A district
//! marked `served_by` (Oslo Sentrum) is replaced by the bydel that serves it; a district
//! marked `shared` (Oslo Marka) is dropped in favour of the other candidates, or — when the
//! postcode lies only there — the bydeler that share it.

use super::area::{area_id, is_kommunenummer, normalize_bydelsnummer, Area, NATIONAL_AREA_ID};
use super::catalog::Directory;
use super::fold::fold;
use super::notice::{Notice, NoticeCode};
use super::places::Places;
use super::postcodes::{display_name, is_postnummer, PostcodeCategory};
use crate::error::{Error, InputError};
use crate::i18n::catalog::{self as msg, Message};
use crate::i18n::{Lang, LocalizedText};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Where the child lives, as far as the user knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Location {
    /// Nothing known: national numbers only.
    #[default]
    Anywhere,
    /// A 4-digit postcode.
    Postnummer {
        /// The postcode.
        postnummer: String,
    },
    /// A municipality, optionally with a bydel (number or name).
    Kommune {
        /// The 4-digit kommunenummer.
        kommunenummer: String,
        /// The bydel: a bydelsnummer (`4`, `04`) or a name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bydel: Option<String>,
    },
}

/// How close an area is to where the child lives; services are ranked by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Locality {
    /// The child's bydel.
    Bydel,
    /// One of the candidate bydeler (the postcode does not settle which).
    CandidateBydel,
    /// The child's municipality.
    Kommune,
    /// The whole country.
    National,
}

impl Locality {
    /// The id used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Locality::Bydel => "bydel",
            Locality::CandidateBydel => "candidate_bydel",
            Locality::Kommune => "kommune",
            Locality::National => "national",
        }
    }
}

/// The postcode the user gave, as the register knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostcodeSummary {
    /// The postcode.
    pub postnummer: String,
    /// The post town, as people write it ("Sandvika").
    pub poststed: String,
    /// What the postcode is used for.
    pub kategori: PostcodeCategory,
}

/// The municipality the answer is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KommuneSummary {
    /// The 4-digit kommunenummer.
    pub kommunenummer: String,
    /// The name, when the directory or register knows it.
    pub name: Option<String>,
}

/// A bydel, settled or candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BydelSummary {
    /// The municipality.
    pub kommunenummer: String,
    /// The 2-digit bydelsnummer, when known.
    pub bydelsnummer: Option<String>,
    /// The name ("Bjerke"), or "bydel NN" when only the number is known.
    pub name: String,
    /// The directory area id (`KKKK-BB`), when the directory has the area.
    pub area_id: Option<String>,
}

/// Where the answer is for: municipality, bydel or candidates, and what to tell the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Resolution {
    /// The postcode, when one was given and found.
    pub postcode: Option<PostcodeSummary>,
    /// The municipality, when known.
    pub kommune: Option<KommuneSummary>,
    /// The bydel, when settled.
    pub bydel: Option<BydelSummary>,
    /// The candidate bydeler when the bydel is not settled (the user must choose).
    pub bydel_candidates: Vec<BydelSummary>,
    /// Warnings and explanations.
    pub notices: Vec<Notice>,
}

impl Resolution {
    /// The areas to look for services in, most local first.
    pub fn areas(&self) -> Vec<(String, Locality)> {
        let mut out = Vec::with_capacity(4 + self.bydel_candidates.len());
        if let Some(id) = self.bydel.as_ref().and_then(|b| b.area_id.clone()) {
            out.push((id, Locality::Bydel));
        }
        for c in &self.bydel_candidates {
            if let Some(id) = &c.area_id {
                out.push((id.clone(), Locality::CandidateBydel));
            }
        }
        if let Some(k) = &self.kommune {
            out.push((k.kommunenummer.clone(), Locality::Kommune));
        }
        out.push((NATIONAL_AREA_ID.to_string(), Locality::National));
        out
    }

    /// The most precise place name: bydel, else municipality, else the postcode.
    pub fn place_name(&self) -> Option<String> {
        let kommune = self.kommune.as_ref().and_then(|k| k.name.clone());
        match (&self.bydel, kommune) {
            (Some(b), Some(k)) => Some(format!("{} ({k})", b.name)),
            (Some(b), None) => Some(b.name.clone()),
            (None, Some(k)) => Some(k),
            (None, None) => self
                .postcode
                .as_ref()
                .map(|p| p.postnummer.clone())
                .or_else(|| self.kommune.as_ref().map(|k| k.kommunenummer.clone())),
        }
    }
}

/// A notice whose text is `message` with the same values in every language.
pub(crate) fn notice(code: NoticeCode, message: Message, args: &[(&str, &str)]) -> Notice {
    Notice {
        code,
        text: message.localized(args),
    }
}

/// A notice listing `names` (joined with the catalog's "and") beside the other values
/// (at most two).
fn notice_with_names(
    code: NoticeCode,
    message: Message,
    args: &[(&'static str, &str)],
    names: &[String],
) -> Notice {
    Notice {
        code,
        text: LocalizedText::from_fn(|lang: Lang| {
            let joined = msg::join_names(names, lang, msg::AND);
            // At most two values besides the names: no list to allocate.
            let mut values = [("names", joined.as_str()); 3];
            values[..args.len()].copy_from_slice(args);
            values[args.len()] = ("names", joined.as_str());
            message.fill(lang, &values[..=args.len()])
        }),
    }
}

/// Resolves `location` against the directory and places. Only malformed input is an error;
/// unknown postcodes and municipalities resolve to "national only" with a notice.
pub fn resolve(dir: &Directory, places: &Places, location: &Location) -> Result<Resolution, Error> {
    let mut res = Resolution::default();
    match location {
        Location::Anywhere => {}
        Location::Postnummer { postnummer } => {
            let postnummer = postnummer.trim();
            if !is_postnummer(postnummer) {
                return Err(Error::Input(InputError::Invalid(format!(
                    "`{postnummer}` is not a postcode: give 4 digits, e.g. 0582"
                ))));
            }
            resolve_postcode(dir, places, postnummer, &mut res);
        }
        Location::Kommune {
            kommunenummer,
            bydel,
        } => {
            let kommune = kommunenummer.trim();
            if !is_kommunenummer(kommune) {
                return Err(Error::Input(InputError::Invalid(format!(
                    "`{kommune}` is not a kommunenummer: give 4 digits, e.g. 0301"
                ))));
            }
            resolve_kommune(dir, places, kommune, bydel.as_deref(), &mut res);
        }
    }
    Ok(res)
}

fn kommune_name(dir: &Directory, places: &Places, kommune: &str) -> Option<String> {
    dir.area(kommune)
        .map(|a| a.name.clone())
        .or_else(|| places.kommune_name(kommune).map(str::to_string))
}

fn resolve_postcode(dir: &Directory, places: &Places, postnummer: &str, res: &mut Resolution) {
    let Some(row) = places.postcode(postnummer) else {
        res.notices.push(notice(
            NoticeCode::UnknownPostcode,
            msg::NOTICE_UNKNOWN_POSTCODE,
            &[("postnummer", postnummer)],
        ));
        return;
    };
    res.postcode = Some(PostcodeSummary {
        postnummer: row.postnummer.clone(),
        poststed: display_name(&row.poststed),
        kategori: row.kategori,
    });
    match row.kategori {
        PostcodeCategory::PostBox => res.notices.push(notice(
            NoticeCode::PostBoxPostcode,
            msg::NOTICE_POST_BOX_POSTCODE,
            &[("postnummer", postnummer)],
        )),
        PostcodeCategory::Service => res.notices.push(notice(
            NoticeCode::ServicePostcode,
            msg::NOTICE_SERVICE_POSTCODE,
            &[("postnummer", postnummer)],
        )),
        _ => {}
    }
    let kommune = row.kommunenummer.as_str();
    let kommune_label = kommune_name(dir, places, kommune);
    res.kommune = Some(KommuneSummary {
        kommunenummer: kommune.to_string(),
        name: kommune_label.clone(),
    });

    let mut labels = Vec::new();
    let mut elsewhere: Vec<(String, String)> = Vec::new();
    for pair in places.pairs_for_postcode(postnummer) {
        if pair.kommunenummer == kommune {
            labels.push(pair.bydel.clone());
        } else {
            elsewhere.push((pair.kommunenummer.clone(), pair.bydel.clone()));
        }
    }
    for (other, label) in &elsewhere {
        let other_name = kommune_name(dir, places, other).unwrap_or_else(|| other.clone());
        let bydel = summary_for_label(dir, other, label).name;
        res.notices.push(notice(
            NoticeCode::AlsoInOtherKommune,
            msg::NOTICE_ALSO_IN_OTHER_KOMMUNE,
            &[
                ("postnummer", postnummer),
                ("kommune", &other_name),
                ("bydel", &bydel),
            ],
        ));
    }

    let place = kommune_label.unwrap_or_else(|| kommune.to_string());
    if labels.is_empty() {
        if has_bydeler(dir, places, kommune) {
            res.bydel_candidates = all_bydeler(dir, places, kommune);
            res.notices.push(notice(
                NoticeCode::BydelUnknown,
                msg::NOTICE_BYDEL_UNKNOWN_FOR_POSTCODE,
                &[("place", &place), ("postnummer", postnummer)],
            ));
        }
        return;
    }
    let candidates = settle_labels(
        dir,
        places,
        kommune,
        &labels,
        Some(postnummer),
        &mut res.notices,
    );
    settle(res, candidates, &place, Some(postnummer));
}

fn resolve_kommune(
    dir: &Directory,
    places: &Places,
    kommune: &str,
    bydel: Option<&str>,
    res: &mut Resolution,
) {
    let name = kommune_name(dir, places, kommune);
    if name.is_none() {
        res.notices.push(notice(
            NoticeCode::UnknownKommune,
            msg::NOTICE_UNKNOWN_KOMMUNE,
            &[("kommune", kommune)],
        ));
    }
    res.kommune = Some(KommuneSummary {
        kommunenummer: kommune.to_string(),
        name: name.clone(),
    });
    let place = name.unwrap_or_else(|| kommune.to_string());
    match bydel.map(str::trim).filter(|b| !b.is_empty()) {
        Some(label) => {
            let known = dir.district(kommune, label).is_some()
                || places
                    .pairs_in_kommune(kommune)
                    .any(|p| same_label(&p.bydel, label));
            if known {
                let canonical = dir
                    .district(kommune, label)
                    .and_then(|a| a.bydel.clone())
                    .or_else(|| normalize_bydelsnummer(label))
                    .unwrap_or_else(|| label.to_string());
                let candidates =
                    settle_labels(dir, places, kommune, &[canonical], None, &mut res.notices);
                settle(res, candidates, &place, None);
            } else {
                res.bydel_candidates = all_bydeler(dir, places, kommune);
                res.notices.push(notice(
                    NoticeCode::UnknownBydel,
                    msg::NOTICE_UNKNOWN_BYDEL,
                    &[("place", &place), ("label", label)],
                ));
            }
        }
        None => {
            if has_bydeler(dir, places, kommune) {
                res.bydel_candidates = all_bydeler(dir, places, kommune);
                res.notices.push(notice(
                    NoticeCode::BydelUnknown,
                    msg::NOTICE_BYDEL_UNKNOWN,
                    &[("place", &place)],
                ));
            }
        }
    }
}

/// Puts the candidates into `res`: one settles the bydel, several are listed with a notice.
fn settle(
    res: &mut Resolution,
    mut candidates: Vec<BydelSummary>,
    place: &str,
    postnummer: Option<&str>,
) {
    if candidates.len() == 1 {
        res.bydel = candidates.pop();
        return;
    }
    let names: Vec<String> = candidates.iter().map(|c| c.name.clone()).collect();
    res.notices.push(match postnummer {
        Some(p) => notice_with_names(
            NoticeCode::BydelNotSettled,
            msg::NOTICE_BYDEL_NOT_SETTLED_FOR_POSTCODE,
            &[("postnummer", p), ("place", place)],
            &names,
        ),
        None => notice_with_names(
            NoticeCode::BydelNotSettled,
            msg::NOTICE_BYDEL_NOT_SETTLED,
            &[("place", place)],
            &names,
        ),
    });
    res.bydel_candidates = candidates;
}

fn same_label(a: &str, b: &str) -> bool {
    match (normalize_bydelsnummer(a), normalize_bydelsnummer(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => fold(a) == fold(b),
        _ => false,
    }
}

fn summary_for_area(area: &Area) -> BydelSummary {
    BydelSummary {
        kommunenummer: area.kommune.clone().unwrap_or_default(),
        bydelsnummer: area.bydel.clone(),
        name: area.name.clone(),
        area_id: Some(area.id()),
    }
}

fn summary_for_label(dir: &Directory, kommune: &str, label: &str) -> BydelSummary {
    if let Some(area) = dir.district(kommune, label) {
        return summary_for_area(area);
    }
    match normalize_bydelsnummer(label) {
        Some(n) => BydelSummary {
            kommunenummer: kommune.to_string(),
            name: format!("bydel {n}"),
            bydelsnummer: Some(n),
            area_id: None,
        },
        None => BydelSummary {
            kommunenummer: kommune.to_string(),
            bydelsnummer: None,
            name: label.to_string(),
            area_id: None,
        },
    }
}

/// Numbered bydeler first, by number; then named ones, by name.
fn summary_order(a: &BydelSummary, b: &BydelSummary) -> std::cmp::Ordering {
    match (&a.bydelsnummer, &b.bydelsnummer) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) if a.name == b.name => std::cmp::Ordering::Equal,
        (None, None) => fold(&a.name).cmp(&fold(&b.name)),
    }
}

fn sort_dedup(mut list: Vec<BydelSummary>) -> Vec<BydelSummary> {
    if list.len() > 1 {
        list.sort_by(summary_order);
        list.dedup_by(|a, b| summary_order(a, b).is_eq());
    }
    list
}

/// Maps pair labels to bydeler, applying `served_by` and `shared`.
fn settle_labels(
    dir: &Directory,
    places: &Places,
    kommune: &str,
    labels: &[String],
    postnummer: Option<&str>,
    notices: &mut Vec<Notice>,
) -> Vec<BydelSummary> {
    let mut out = Vec::with_capacity(labels.len());
    let mut shared: Vec<&Area> = Vec::new();
    for label in labels {
        match dir.district(kommune, label) {
            Some(area) if area.served_by.is_some() => {
                let by = area.served_by.as_deref().unwrap_or_default();
                if let Some(target) = dir.area(&area_id(Some(kommune), Some(by))) {
                    notices.push(notice(
                        NoticeCode::ServedByOtherBydel,
                        msg::NOTICE_SERVED_BY_OTHER_BYDEL,
                        &[("area", &area.name), ("target", &target.name)],
                    ));
                    out.push(summary_for_area(target));
                }
            }
            Some(area) if area.shared => shared.push(area),
            _ => out.push(summary_for_label(dir, kommune, label)),
        }
    }
    for area in shared {
        let own = area.bydel.clone().unwrap_or_default();
        if out.is_empty() {
            // Only the shared area: offer the bydeler that share it.
            let postcodes: BTreeSet<&str> = places
                .pairs_in_kommune(kommune)
                .filter(|p| same_label(&p.bydel, &own) || same_label(&p.bydel, &area.name))
                .map(|p| p.postnummer.as_str())
                .collect();
            let neighbours: Vec<String> = places
                .pairs_in_kommune(kommune)
                .filter(|p| postcodes.contains(p.postnummer.as_str()))
                .filter(|p| !same_label(&p.bydel, &own) && !same_label(&p.bydel, &area.name))
                .map(|p| p.bydel.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut ignored = Vec::new();
            out = settle_labels(dir, places, kommune, &neighbours, None, &mut ignored);
            if out.is_empty() {
                out = all_bydeler(dir, places, kommune);
            }
        }
        let names: Vec<String> = sort_dedup(out.clone())
            .into_iter()
            .map(|c| c.name)
            .collect();
        notices.push(match postnummer {
            Some(p) => notice_with_names(
                NoticeCode::SharedArea,
                msg::NOTICE_SHARED_AREA_FOR_POSTCODE,
                &[("postnummer", p), ("area", &area.name)],
                &names,
            ),
            None => notice_with_names(
                NoticeCode::SharedArea,
                msg::NOTICE_SHARED_AREA,
                &[("area", &area.name)],
                &names,
            ),
        });
    }
    sort_dedup(out)
}

fn has_bydeler(dir: &Directory, places: &Places, kommune: &str) -> bool {
    dir.districts(kommune).any(Area::is_proper_district)
        || places.pairs_in_kommune(kommune).next().is_some()
}

/// Every bydel of `kommune`: the directory's proper districts and any other pair labels.
fn all_bydeler(dir: &Directory, places: &Places, kommune: &str) -> Vec<BydelSummary> {
    let mut out: Vec<BydelSummary> = dir
        .districts(kommune)
        .filter(|a| a.is_proper_district())
        .map(summary_for_area)
        .collect();
    for pair in places.pairs_in_kommune(kommune) {
        match dir.district(kommune, &pair.bydel) {
            Some(area) if !area.is_proper_district() => {}
            Some(_) => {}
            None => out.push(summary_for_label(dir, kommune, &pair.bydel)),
        }
    }
    sort_dedup(out)
}
