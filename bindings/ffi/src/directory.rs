//! Who to call, for this child, right now, as records in one language.
//!
//! The records here are still built in the façade; a core view model for the contacts screen
//! will replace them. Their enums (`ChannelKind`, `OpenState`, `ClosedReason`, `AdviceReason`,
//! `Locality`, `NoticeCode`, `PostcodeCategory`) and the search hit (`SearchHit`) are the core's
//! own, derived for uniffi there.

use veiviser_core::directory::{
    AdviceReason, BydelSummary, ChannelKind, ChannelStatus, ClosedReason, ContactAdvice,
    ContactsAnswer, KommuneSummary, Locality, Notice, NoticeCode, OpenState, PostcodeCategory,
    PostcodeSummary,
};
use veiviser_core::{ContactRole, Lang};

/// A warning or explanation that comes with an answer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DirectoryNotice {
    /// What it is about.
    pub code: NoticeCode,
    /// The text in the chosen language.
    pub text: String,
}

impl DirectoryNotice {
    fn new(n: Notice, lang: Lang) -> Self {
        DirectoryNotice {
            code: n.code,
            text: n.text.get(lang).to_owned(),
        }
    }
}

/// One way to reach a service, with its state at the asked time.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactChannel {
    /// Phone, chat, e-mail or web.
    pub kind: ChannelKind,
    /// The number, address or URL.
    pub value: String,
    /// Open, closed or unknown.
    pub state: OpenState,
    /// The opening hours in words ("man–fre 08:00–15:30"), when known.
    pub hours: Option<String>,
    /// Why it is closed, when it is.
    pub closed_reason: Option<ClosedReason>,
    /// The public holiday that closes it, in the chosen language.
    pub holiday: Option<String>,
    /// When it next opens (Norwegian local time, RFC 3339), when known.
    pub opens_at: Option<String>,
    /// A remark shown with the channel.
    pub note: Option<String>,
}

impl ContactChannel {
    fn new(c: ChannelStatus, lang: Lang) -> Self {
        ContactChannel {
            kind: c.kind,
            value: c.value,
            state: c.state,
            hours: c.hours.map(|h| h.describe(lang)),
            closed_reason: c.closed_reason,
            holiday: c.holiday.map(|h| h.name(lang).to_owned()),
            opens_at: c.opens_at,
            note: c.note.map(|n| n.get(lang).to_owned()),
        }
    }
}

/// One service to contact.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Contact {
    /// The service id.
    pub service_id: String,
    /// The service's name in the chosen language.
    pub name: String,
    /// The role it fills.
    pub role: ContactRole,
    /// Why it is listed.
    pub reason: AdviceReason,
    /// How local the matching area is.
    pub locality: Locality,
    /// The covered area that matched (`national`, `KKKK`, `KKKK-BB`).
    pub area_id: String,
    /// That area's name.
    pub area_name: String,
    /// Open if any channel is open, else unknown if any is unknown, else closed.
    pub state: OpenState,
    /// Its channels.
    pub channels: Vec<ContactChannel>,
    /// The visiting address.
    pub address: Option<String>,
    /// A remark (e.g. why no number is listed).
    pub note: Option<String>,
    /// When the entry was last verified, `YYYY-MM-DD` ("verified on …").
    pub last_verified: String,
    /// Verified more than 12 months ago.
    pub stale: bool,
    /// Example data: must be shown as such and not relied on.
    pub example_data: bool,
    /// Where the facts come from.
    pub source: Option<String>,
}

impl Contact {
    fn new(a: ContactAdvice, lang: Lang) -> Self {
        Contact {
            service_id: a.service_id,
            name: a.name.get(lang).to_owned(),
            role: a.role,
            reason: a.reason,
            locality: a.locality,
            area_id: a.area_id,
            area_name: a.area_name,
            state: a.state,
            channels: a
                .channels
                .into_iter()
                .map(|c| ContactChannel::new(c, lang))
                .collect(),
            address: a.address,
            note: a.note.map(|n| n.get(lang).to_owned()),
            last_verified: a.last_verified.format("%Y-%m-%d").to_string(),
            stale: a.stale,
            example_data: a.example_data,
            source: a.source,
        }
    }
}

/// The postcode asked about, as the register knows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PostcodeInfo {
    /// The postcode.
    pub postnummer: String,
    /// The post town.
    pub poststed: String,
    /// What the postcode is used for.
    pub category: PostcodeCategory,
}

impl From<PostcodeSummary> for PostcodeInfo {
    fn from(p: PostcodeSummary) -> Self {
        PostcodeInfo {
            postnummer: p.postnummer,
            poststed: p.poststed,
            category: p.kategori,
        }
    }
}

/// The municipality an answer is for.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KommuneInfo {
    /// The 4-digit kommunenummer.
    pub kommunenummer: String,
    /// The name, when known.
    pub name: Option<String>,
}

impl From<KommuneSummary> for KommuneInfo {
    fn from(k: KommuneSummary) -> Self {
        KommuneInfo {
            kommunenummer: k.kommunenummer,
            name: k.name,
        }
    }
}

/// A city district, settled or candidate.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BydelInfo {
    /// The municipality.
    pub kommunenummer: String,
    /// The 2-digit bydelsnummer, when known.
    pub bydelsnummer: Option<String>,
    /// The name.
    pub name: String,
    /// The directory area id (`KKKK-BB`), when the directory has it.
    pub area_id: Option<String>,
}

impl From<BydelSummary> for BydelInfo {
    fn from(b: BydelSummary) -> Self {
        BydelInfo {
            kommunenummer: b.kommunenummer,
            bydelsnummer: b.bydelsnummer,
            name: b.name,
            area_id: b.area_id,
        }
    }
}

/// Who to call for this child right now, best first — never empty.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactAnswer {
    /// The instant evaluated, in Norwegian local time (RFC 3339).
    pub at: String,
    /// The requested role.
    pub role: ContactRole,
    /// Whether the step was urgent (emergency numbers first).
    pub urgent: bool,
    /// The postcode, when one was given and found.
    pub postcode: Option<PostcodeInfo>,
    /// The municipality, when known.
    pub kommune: Option<KommuneInfo>,
    /// The bydel, when settled.
    pub bydel: Option<BydelInfo>,
    /// The candidate bydeler when the postcode does not settle it (let the user choose).
    pub bydel_candidates: Vec<BydelInfo>,
    /// Whether a verified local entry exists for the role.
    pub verified_local_entry: bool,
    /// Whether any listed entry is example data.
    pub example_data: bool,
    /// Warnings and explanations, most important first.
    pub notices: Vec<DirectoryNotice>,
    /// Who to contact, best first.
    pub contacts: Vec<Contact>,
}

impl ContactAnswer {
    /// The answer in `lang`.
    pub(crate) fn new(a: ContactsAnswer, lang: Lang) -> Self {
        ContactAnswer {
            at: a.at,
            role: a.role,
            urgent: a.urgent,
            postcode: a.postcode.map(Into::into),
            kommune: a.kommune.map(Into::into),
            bydel: a.bydel.map(Into::into),
            bydel_candidates: a.bydel_candidates.into_iter().map(Into::into).collect(),
            verified_local_entry: a.verified_local_entry,
            example_data: a.example_data,
            notices: a
                .notices
                .into_iter()
                .map(|n| DirectoryNotice::new(n, lang))
                .collect(),
            contacts: a
                .contacts
                .into_iter()
                .map(|c| Contact::new(c, lang))
                .collect(),
        }
    }
}
