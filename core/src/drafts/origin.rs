//! Where a draft came from: the guide walk that led to "send a melding", its sector and legal
//! basis, and whether it went through the violence/abuse bypass (parents must not be told).

use crate::guide::model::Guide;
use crate::guide::navigator::Session;
use crate::i18n::LocalizedText;
use crate::legal::LegalRef;
use crate::sector::Sector;
use serde::{Deserialize, Serialize};

/// The steps that say not to inform the parents (violence or abuse suspected), by guide id and
/// step id. A walk through one of them prefills `orientert = false` for every foresatt. Until
/// the guide format has a field for it, this table is the one place that knows them.
pub const VIOLENCE_BYPASS_STEPS: &[(&str, &str)] = &[("fra-bekymring-til-handling", "A2")];

/// The law whose § 13-2 every melding rests on; sector rules come from the guide's references.
const DUTY_TO_REPORT_LAW: &str = "barnevernsloven";

/// A guide walk a draft was started from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkOrigin {
    /// The guide's id.
    pub guide_id: String,
    /// The guide's revision when the draft was started.
    pub guide_revision: u32,
    /// The guide's title.
    pub guide_title: LocalizedText,
    /// The step ids walked, first to the one the melding was started from.
    pub path: Vec<String>,
    /// The user's sector, when known.
    pub sector: Option<Sector>,
    /// The legal basis: barnevernsloven § 13-2 and the sector's own rule.
    pub legal: Vec<LegalRef>,
    /// The walk went through a step that says not to inform the parents.
    pub violence_bypass: bool,
}

impl WalkOrigin {
    /// The origin of a melding started at the session's current step of `guide`.
    pub fn from_walk(guide: &Guide, session: &Session, sector: Option<Sector>) -> WalkOrigin {
        let path = session.path();
        let violence_bypass = path.iter().any(|step| {
            VIOLENCE_BYPASS_STEPS
                .iter()
                .any(|(g, s)| *g == guide.id && s == step)
        });
        let mut legal: Vec<LegalRef> = Vec::new();
        // Everything the guide cites, so the basis is there even when the path skipped the
        // steps that cite the sector rule; § 13-2 first, then the sector's own rule.
        let mut cited: Vec<&LegalRef> = guide.legal.iter().collect();
        cited.sort_by_key(|l| l.law != DUTY_TO_REPORT_LAW);
        for l in cited {
            let is_duty = l.law == DUTY_TO_REPORT_LAW && l.sectors.is_empty();
            let is_sector_rule = sector.is_some_and(|s| l.sectors.contains(&s));
            if (is_duty || is_sector_rule) && !legal.iter().any(|x| x.id == l.id) {
                legal.push(l.clone());
            }
        }
        WalkOrigin {
            guide_id: guide.id.clone(),
            guide_revision: guide.revision,
            guide_title: guide.title.clone(),
            path,
            sector,
            legal,
            violence_bypass,
        }
    }

    /// "barnevernsloven § 13-2, barnehageloven § 46".
    pub fn legal_basis(&self) -> String {
        self.legal
            .iter()
            .map(LegalRef::citation)
            .collect::<Vec<_>>()
            .join(", ")
    }
}
