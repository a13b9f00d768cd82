//! Who to call, for this child, right now — and search — as records in one language.

use veiviser_core::directory::{
    AdviceReason, BydelSummary, ChannelKind, ChannelStatus, ClosedReason, ContactAdvice,
    ContactsAnswer, KommuneSummary, Locality, MatchQuality, Notice, NoticeCode, OpenState,
    PostcodeCategory, PostcodeSummary, SearchHit, SearchHitKind,
};
use veiviser_core::{ContactRole, Lang};

/// The kind of a contact channel.
#[uniffi::remote(Enum)]
pub enum ChannelKind {
    /// A phone number to call.
    Phone,
    /// A chat, reached at a web address.
    Chat,
    /// An e-mail address.
    Email,
    /// A web page.
    Web,
}

/// Whether a channel or service is reachable now.
#[uniffi::remote(Enum)]
pub enum OpenState {
    /// Open now.
    Open,
    /// Closed now.
    Closed,
    /// The hours are not known.
    Unknown,
}

/// Why a channel is closed now.
#[uniffi::remote(Enum)]
pub enum ClosedReason {
    /// Outside its weekly hours.
    OutsideHours,
    /// Today is a public holiday.
    PublicHoliday,
    /// Today is one of the entry's own closed dates.
    ClosedDate,
}

/// Why a service is in the answer.
#[uniffi::remote(Enum)]
pub enum AdviceReason {
    /// Emergency number, first because the step is urgent.
    Urgent,
    /// The service for the requested role.
    Primary,
    /// The after-hours fallback for the requested role.
    AfterHours,
    /// The national safety net.
    NationalFallback,
}

/// How close a matching area is to where the child lives.
#[uniffi::remote(Enum)]
pub enum Locality {
    /// The child's bydel.
    Bydel,
    /// One of the candidate bydeler.
    CandidateBydel,
    /// The child's municipality.
    Kommune,
    /// The whole country.
    National,
}

/// What a notice is about; stable codes for apps that render their own text.
#[uniffi::remote(Enum)]
pub enum NoticeCode {
    /// The postcode is for post boxes: it says nothing about where the child lives.
    PostBoxPostcode,
    /// The postcode is a service postcode.
    ServicePostcode,
    /// The postcode is not in the register.
    UnknownPostcode,
    /// The municipality number is not known.
    UnknownKommune,
    /// The postcode lies in several bydeler: the user must choose.
    BydelNotSettled,
    /// The municipality has bydeler but nothing tells which one.
    BydelUnknown,
    /// The given bydel does not exist in this municipality.
    UnknownBydel,
    /// Part of the postcode is in an area shared by several bydeler.
    SharedArea,
    /// An area that is not a bydel of its own is served by another bydel.
    ServedByOtherBydel,
    /// Part of the postcode lies in another municipality's bydel.
    AlsoInOtherKommune,
    /// No verified local entry exists for the role: national numbers are given instead.
    NoVerifiedLocalEntry,
    /// The office is closed now.
    OfficeClosed,
    /// The answer contains example data that must not be relied on.
    ExampleData,
    /// Some entries were last verified more than 12 months ago.
    StaleEntries,
}

/// What a postcode is used for (Bring's category).
#[uniffi::remote(Enum)]
pub enum PostcodeCategory {
    /// Street addresses.
    Street,
    /// Post boxes only.
    PostBox,
    /// Street addresses and post boxes.
    Both,
    /// Service postcodes.
    Service,
    /// Several uses.
    Several,
}

/// What a search hit is.
#[uniffi::remote(Enum)]
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

/// How well a search hit matches, best first.
#[uniffi::remote(Enum)]
pub enum MatchQuality {
    /// The whole name.
    Exact,
    /// The name starts with the query.
    Prefix,
    /// A word of the name starts with the query.
    WordPrefix,
    /// The name contains the query.
    Contains,
    /// Within a small edit distance of the name or a word.
    Fuzzy,
    /// Within a small edit distance of the start of the name.
    FuzzyPrefix,
}

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

/// One search result: a service or a place.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SearchResult {
    /// What it is.
    pub kind: SearchHitKind,
    /// Its id: service id, area id, kommunenummer, postcode, or `poststed:KKKK:NAME`.
    pub id: String,
    /// The name as people write it.
    pub name: String,
    /// A short description ("Bydel 02 i Oslo").
    pub detail: String,
    /// The municipality it belongs to, when it has one.
    pub kommunenummer: Option<String>,
    /// For post towns and postcodes: the postcodes (at most 10).
    pub postcodes: Vec<String>,
    /// How well it matched.
    pub quality: MatchQuality,
    /// The edit distance for fuzzy matches (0 otherwise).
    pub distance: u32,
    /// Whether the entry is example data.
    pub example_data: bool,
}

impl From<SearchHit> for SearchResult {
    fn from(h: SearchHit) -> Self {
        SearchResult {
            kind: h.kind,
            id: h.id,
            name: h.name,
            detail: h.detail,
            kommunenummer: h.kommunenummer,
            postcodes: h.postnumre,
            quality: h.quality,
            distance: h.distance,
            example_data: h.example_data,
        }
    }
}
