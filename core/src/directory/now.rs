//! Who to call now: the services for a role and place, best first, with each channel's
//! open/closed state at a given instant in Norwegian local time (Europe/Oslo, with DST).
//!
//! Order: when the caller says the step is urgent, emergency numbers first. Then, if the
//! responsible office is open, the office and after it the after-hours fallback; if it is
//! closed (outside hours, a public holiday, one of its own closed dates) or has no verified
//! channel, the after-hours fallback first (barnevernvakt, then Alarmtelefonen 116 111).
//! The national safety net (116 111, 112, 02800; built in when the content lacks them)
//! always closes the list, so the answer is never empty.

use super::area::NATIONAL_AREA_ID;
use super::catalog::Directory;
use super::channel::{Channel, ChannelKind};
use super::holidays::{public_holiday, PublicHoliday};
use super::hours::OpeningHours;
use super::notice::{Notice, NoticeCode};
use super::places::Places;
use super::resolve::{
    notice, resolve, BydelSummary, KommuneSummary, Locality, Location, PostcodeSummary, Resolution,
};
use super::safety_net::{builtin_safety_net, emergency_rank, safety_net_entry};
use super::service::Service;
use super::staleness::is_stale;
use crate::error::Error;
use crate::i18n::catalog::{self as msg, join_names};
use crate::i18n::{Lang, LocalizedText};
use crate::roles::ContactRole;
use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// What the user asks: which role, for where, at what instant, and how urgent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactsQuery {
    /// Where the child lives.
    pub location: Location,
    /// The role the guide step asks for (e.g. `barnevern`).
    pub role: ContactRole,
    /// The instant to evaluate opening hours at.
    pub at: DateTime<Utc>,
    /// The guide step is urgent: emergency numbers first.
    pub urgent: bool,
}

impl ContactsQuery {
    /// A query for `role` at `location`, evaluated now, not urgent.
    pub fn now(location: Location, role: ContactRole) -> Self {
        ContactsQuery {
            location,
            role,
            at: Utc::now(),
            urgent: false,
        }
    }
}

/// Whether a channel or service is reachable now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OpenState {
    /// Open now.
    Open,
    /// Closed now.
    Closed,
    /// The hours are not known (or there is no channel to try).
    Unknown,
    /// The hours are an estimate (`hours_estimated`): never reported as open or closed,
    /// "hours not confirmed, call to check".
    HoursNotConfirmed,
}

impl OpenState {
    pub(crate) fn rank(self) -> u8 {
        match self {
            OpenState::Open => 0,
            OpenState::HoursNotConfirmed | OpenState::Unknown => 1,
            OpenState::Closed => 2,
        }
    }

    /// A short label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (OpenState::Open, Lang::En) => "open",
            (OpenState::Open, Lang::Nn) => "open",
            (OpenState::Open, Lang::Nb) => "åpen",
            (OpenState::Closed, Lang::En) => "closed",
            (OpenState::Closed, Lang::Nn) => "stengd",
            (OpenState::Closed, Lang::Nb) => "stengt",
            (OpenState::Unknown, lang) => msg::STATE_UNKNOWN.get(lang),
            (OpenState::HoursNotConfirmed, lang) => msg::STATE_HOURS_NOT_CONFIRMED.get(lang),
        }
    }

    /// The id used in JSON (`open`, `closed`, `unknown`).
    pub fn code(self) -> &'static str {
        match self {
            OpenState::Open => "open",
            OpenState::Closed => "closed",
            OpenState::Unknown => "unknown",
            OpenState::HoursNotConfirmed => "hours_not_confirmed",
        }
    }
}

/// Why a channel is closed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ClosedReason {
    /// Outside its weekly hours.
    OutsideHours,
    /// Today is a public holiday.
    PublicHoliday,
    /// Today is one of the entry's own closed dates.
    ClosedDate,
}

impl ClosedReason {
    /// The id used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            ClosedReason::OutsideHours => "outside_hours",
            ClosedReason::PublicHoliday => "public_holiday",
            ClosedReason::ClosedDate => "closed_date",
        }
    }
}

/// One channel of an advised service, with its state now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelStatus {
    /// Phone, chat, e-mail or web.
    pub kind: ChannelKind,
    /// The number, address or URL.
    pub value: String,
    /// Open, closed or unknown now.
    pub state: OpenState,
    /// The opening hours, when known.
    pub hours: Option<OpeningHours>,
    /// Why it is closed, when it is.
    pub closed_reason: Option<ClosedReason>,
    /// The public holiday that closes it today, when that is the reason.
    pub holiday: Option<PublicHoliday>,
    /// When it next opens (local time, RFC 3339), when closed and known.
    pub opens_at: Option<String>,
    /// A remark shown with the channel.
    pub note: Option<LocalizedText>,
}

/// Why a service is in the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AdviceReason {
    /// Emergency number, first because the step is urgent.
    Urgent,
    /// The service for the requested role.
    Primary,
    /// The after-hours fallback for the requested role.
    AfterHours,
    /// The national safety net (116 111, 112, 02800).
    NationalFallback,
}

impl AdviceReason {
    /// The id used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            AdviceReason::Urgent => "urgent",
            AdviceReason::Primary => "primary",
            AdviceReason::AfterHours => "after_hours",
            AdviceReason::NationalFallback => "national_fallback",
        }
    }
}

/// One service to contact, with everything needed to decide and call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactAdvice {
    /// The service id.
    pub service_id: String,
    /// The service's name.
    pub name: LocalizedText,
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
    /// Open if any channel is open, else hours not confirmed or unknown if any channel is so,
    /// else closed.
    pub state: OpenState,
    /// Its channels, in the entry's order.
    pub channels: Vec<ChannelStatus>,
    /// The visiting address.
    pub address: Option<String>,
    /// A remark (e.g. why no number is listed).
    pub note: Option<LocalizedText>,
    /// When the entry was last verified.
    pub last_verified: NaiveDate,
    /// Verified more than 12 months before the query's date.
    pub stale: bool,
    /// Example data: must not be relied on.
    pub example_data: bool,
    /// Where the facts come from.
    pub source: Option<String>,
}

/// The answer to "who do I call, for this child, right now?" — never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactsAnswer {
    /// The instant evaluated, in Norwegian local time (RFC 3339).
    pub at: String,
    /// The requested role.
    pub role: ContactRole,
    /// Whether the step was urgent.
    pub urgent: bool,
    /// The postcode, when one was given and found.
    pub postcode: Option<PostcodeSummary>,
    /// The municipality, when known.
    pub kommune: Option<KommuneSummary>,
    /// The bydel, when settled.
    pub bydel: Option<BydelSummary>,
    /// The candidate bydeler when the bydel is not settled.
    pub bydel_candidates: Vec<BydelSummary>,
    /// True when a local entry with a channel (not example data) exists for the role.
    pub verified_local_entry: bool,
    /// True when any listed entry is example data.
    pub example_data: bool,
    /// Warnings and explanations, most important first.
    pub notices: Vec<Notice>,
    /// Who to contact, best first.
    pub contacts: Vec<ContactAdvice>,
}

/// The after-hours chain used when entries name no `after_hours` role themselves.
fn default_after_hours(role: ContactRole) -> &'static [ContactRole] {
    match role {
        ContactRole::Barnevern => &[ContactRole::Barnevernvakt, ContactRole::Alarmtelefon],
        ContactRole::Barnevernvakt => &[ContactRole::Alarmtelefon],
        ContactRole::Barnehus | ContactRole::Helsestasjon | ContactRole::Krisesenter => {
            &[ContactRole::Alarmtelefon]
        }
        _ => &[],
    }
}

/// Roles whose services are local, so a missing local entry is worth a notice.
fn is_local_role(role: ContactRole) -> bool {
    matches!(
        role,
        ContactRole::Barnevern
            | ContactRole::Barnevernvakt
            | ContactRole::Barnehus
            | ContactRole::Krisesenter
            | ContactRole::Helsestasjon
    )
}

/// The national safety net, in the order it is listed.
const SAFETY_NET: [ContactRole; 3] = [
    ContactRole::Alarmtelefon,
    ContactRole::Nodnummer,
    ContactRole::Politi,
];

/// A service that may be listed, with where it matched and its state now.
#[derive(Clone, Copy)]
pub(crate) struct Candidate<'a> {
    /// The service, borrowed from the directory (or the built-in safety net).
    pub(crate) service: &'a Service,
    /// How local the matching area is.
    pub(crate) locality: Locality,
    /// The covered area that matched.
    pub(crate) area_id: &'a str,
    /// That area's name.
    pub(crate) area_name: &'a str,
    /// Open, closed, unknown or hours not confirmed now: what the user is told.
    pub(crate) state: OpenState,
    /// Open, closed or unknown by the hours, estimated or not: what orders the list.
    pub(crate) likely: OpenState,
}

/// A decided answer that still borrows the directory: what [`ContactsAnswer`] and the
/// contacts view model are both built from, so the ranking is written once and nothing is
/// copied before a front end asks for it.
pub(crate) struct ContactsPlan<'a> {
    /// Where the answer is for; its notices are moved into `notices`.
    pub(crate) resolution: Resolution,
    /// The instant, in Norwegian local time.
    pub(crate) local: DateTime<Tz>,
    /// Who to contact, best first, with why.
    pub(crate) listed: Vec<(Candidate<'a>, AdviceReason)>,
    /// A verified local entry exists for the role.
    pub(crate) verified_local_entry: bool,
    /// Any listed entry is example data.
    pub(crate) example_data: bool,
    /// Warnings and explanations, most important first.
    pub(crate) notices: Vec<Notice>,
}

impl ContactsPlan<'_> {
    /// The local wall-clock time of the instant.
    pub(crate) fn local_time(&self) -> NaiveDateTime {
        self.local.naive_local()
    }
}

/// Answers a contacts query. Errors only for malformed input (e.g. a 3-digit postcode).
pub fn contacts(
    dir: &Directory,
    places: &Places,
    query: &ContactsQuery,
) -> Result<ContactsAnswer, Error> {
    let plan = plan(dir, places, query)?;
    let local_time = plan.local_time();
    let today = local_time.date();
    let contacts: Vec<ContactAdvice> = plan
        .listed
        .iter()
        .map(|(c, reason)| advice(*c, *reason, local_time, today))
        .collect();
    let resolution = plan.resolution;
    Ok(ContactsAnswer {
        at: plan.local.to_rfc3339_opts(SecondsFormat::Secs, false),
        role: query.role,
        urgent: query.urgent,
        postcode: resolution.postcode,
        kommune: resolution.kommune,
        bydel: resolution.bydel,
        bydel_candidates: resolution.bydel_candidates,
        verified_local_entry: plan.verified_local_entry,
        example_data: plan.example_data,
        notices: plan.notices,
        contacts,
    })
}

/// Decides who to contact, in which order, and what to tell the user.
pub(crate) fn plan<'a>(
    dir: &'a Directory,
    places: &Places,
    query: &ContactsQuery,
) -> Result<ContactsPlan<'a>, Error> {
    let mut resolution = resolve(dir, places, &query.location)?;
    let local = query.at.with_timezone(&Oslo);
    let local_time = local.naive_local();
    let today = local_time.date();
    let areas = resolution.areas();

    let pool = pool(dir, &areas, local_time);
    let for_role = |role: ContactRole| -> Vec<Candidate<'_>> {
        pool.iter()
            .filter(|c| c.service.role == role)
            .copied()
            .collect()
    };
    let mut listed: Vec<(Candidate<'_>, AdviceReason)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();

    // Emergency numbers first when urgent.
    if query.urgent {
        let mut group = for_role(ContactRole::Nodnummer);
        group.sort_by_key(|c| (emergency_rank(c.service), c.service.id.as_str()));
        push_group(&mut listed, &mut seen, group, AdviceReason::Urgent);
    }

    let mut primary = for_role(query.role);
    // The id breaks ties, so the order never depends on the order records arrived in.
    primary.sort_by_key(|c| (c.locality, c.likely.rank(), c.service.id.as_str()));
    let verified_local_entry = primary.iter().any(|c| {
        c.locality != Locality::National
            && !c.service.channels.is_empty()
            && !c.service.example_data
    });
    let office = primary.iter().find(|c| !c.service.channels.is_empty());
    // An office with estimated hours that are probably over counts as closed for the order
    // (the fallback first), but is never reported as closed.
    let office_closed = office.is_none_or(|c| c.likely == OpenState::Closed);
    let office_info = office.map(|c| (c.service, c.state));

    let mut chain: Vec<ContactRole> = Vec::new();
    for role in primary
        .iter()
        .filter_map(|c| c.service.after_hours)
        .chain(default_after_hours(query.role).iter().copied())
    {
        if role != query.role && !chain.contains(&role) {
            chain.push(role);
        }
    }
    let mut fallback: Vec<(usize, Candidate<'_>)> = Vec::new();
    for (i, role) in chain.iter().enumerate() {
        fallback.extend(
            or_builtin(*role, for_role(*role))
                .into_iter()
                .map(|c| (i, c)),
        );
    }
    fallback.sort_by_key(|(i, c)| (c.likely.rank(), *i, c.locality, c.service.id.as_str()));
    let fallback: Vec<Candidate<'_>> = fallback.into_iter().map(|(_, c)| c).collect();
    let fallback_services: Vec<&Service> = fallback
        .iter()
        .filter(|c| c.likely != OpenState::Closed && !c.service.channels.is_empty())
        .take(2)
        .map(|c| c.service)
        .collect();

    if office_closed {
        push_group(&mut listed, &mut seen, fallback, AdviceReason::AfterHours);
        push_group(&mut listed, &mut seen, primary, AdviceReason::Primary);
    } else {
        push_group(&mut listed, &mut seen, primary, AdviceReason::Primary);
        push_group(&mut listed, &mut seen, fallback, AdviceReason::AfterHours);
    }
    // The safety net is one national entry per role (116 111, 112, 02800); the other
    // emergency numbers (113, 110) lead the answer when the step is urgent. Which entry is
    // chosen must not depend on the order records arrived in (a synced store keeps them sorted
    // by id, a folder in file order): see `safety_net_entry`.
    for role in SAFETY_NET {
        let group: Vec<Candidate<'_>> = or_builtin(
            role,
            safety_net_entry(role, for_role(role)).into_iter().collect(),
        );
        push_group(
            &mut listed,
            &mut seen,
            group,
            AdviceReason::NationalFallback,
        );
    }

    let mut notices = std::mem::take(&mut resolution.notices);
    if let Some((service, OpenState::Closed)) = office_info {
        notices.push(office_closed_notice(service, today, &fallback_services));
    }
    let located = resolution.kommune.is_some();
    if !verified_local_entry && located && is_local_role(query.role) {
        let place = resolution.place_name().unwrap_or_default();
        // Bokmål and nynorsk name the role by its label in that language, English by its id.
        notices.push(Notice {
            code: NoticeCode::NoVerifiedLocalEntry,
            text: LocalizedText::from_fn(|lang| {
                let role = match lang {
                    Lang::En => query.role.id(),
                    _ => query.role.label(lang),
                };
                msg::NOTICE_NO_VERIFIED_LOCAL_ENTRY.fill(lang, &[("role", role), ("place", &place)])
            }),
        });
    }

    let example_data = listed.iter().any(|(c, _)| c.service.example_data);
    if example_data {
        notices.push(notice(
            NoticeCode::ExampleData,
            msg::NOTICE_EXAMPLE_DATA,
            &[],
        ));
    }
    if listed
        .iter()
        .any(|(c, _)| is_stale(c.service.last_verified, today))
    {
        notices.push(notice(
            NoticeCode::StaleEntries,
            msg::NOTICE_STALE_ENTRIES,
            &[],
        ));
    }

    Ok(ContactsPlan {
        resolution,
        local,
        listed,
        verified_local_entry,
        example_data,
        notices,
    })
}

/// Every service covering `areas`, most local first, each once, with its state at `at`.
fn pool<'a>(
    dir: &'a Directory,
    areas: &[(String, Locality)],
    at: NaiveDateTime,
) -> Vec<Candidate<'a>> {
    let mut out: Vec<Candidate<'a>> = Vec::new();
    for (area, locality) in areas {
        let area_name = match dir.area(area) {
            Some(a) if !a.name.is_empty() => a.name.as_str(),
            _ if area == NATIONAL_AREA_ID => "Norge",
            _ => "",
        };
        for service in dir.services_covering(area) {
            // A guess without a channel adds nothing to the candidate list itself.
            let unreachable_guess =
                *locality == Locality::CandidateBydel && service.channels.is_empty();
            if unreachable_guess || out.iter().any(|c| std::ptr::eq(c.service, service)) {
                continue;
            }
            let area_id = service
                .covers
                .iter()
                .find(|c| *c == area)
                .map(String::as_str)
                .unwrap_or_default();
            let (state, likely) = service_state(service, at);
            out.push(Candidate {
                service,
                locality: *locality,
                area_id,
                area_name,
                state,
                likely,
            });
        }
    }
    out
}

/// `group`, or — when it is empty and `role` is part of the national safety net — the
/// built-in entry for `role`, so missing content never empties an answer.
fn or_builtin(role: ContactRole, group: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    if !group.is_empty() {
        return group;
    }
    builtin_safety_net()
        .iter()
        .filter(|s| s.role == role)
        .map(|service| {
            // Built-in entries are either 24/7 or of unknown hours: no clock needed.
            let (state, likely) = service_state(service, NaiveDateTime::default());
            Candidate {
                service,
                locality: Locality::National,
                area_id: NATIONAL_AREA_ID,
                area_name: "Norge",
                state,
                likely,
            }
        })
        .collect()
}

/// Appends `group` to `list`, skipping services already listed.
fn push_group<'a>(
    list: &mut Vec<(Candidate<'a>, AdviceReason)>,
    seen: &mut Vec<&'a str>,
    group: Vec<Candidate<'a>>,
    reason: AdviceReason,
) {
    for c in group {
        let id = c.service.id.as_str();
        if !seen.contains(&id) {
            seen.push(id);
            list.push((c, reason));
        }
    }
}

fn service_label(service: &Service, lang: Lang) -> String {
    let name = service.name.get(lang);
    match service
        .channels
        .iter()
        .find(|c| c.kind == ChannelKind::Phone)
    {
        Some(phone) => format!("{name} ({})", phone.value),
        None => name.to_string(),
    }
}

fn office_closed_notice(service: &Service, today: NaiveDate, fallback: &[&Service]) -> Notice {
    let holiday = public_holiday(today);
    let own_date = service.closed_dates.contains(&today);
    let text = LocalizedText::from_fn(|lang| {
        let why = if own_date {
            msg::CLOSED_TODAY.get(lang)
        } else if let Some(h) = holiday {
            h.name(lang)
        } else {
            msg::OUTSIDE_OPENING_HOURS.get(lang)
        };
        let mut text =
            msg::NOTICE_OFFICE_CLOSED.fill(lang, &[("name", service.name.get(lang)), ("why", why)]);
        if !fallback.is_empty() {
            let labels: Vec<String> = fallback.iter().map(|s| service_label(s, lang)).collect();
            let names = join_names(&labels, lang, msg::OR);
            text.push_str(&msg::NOTICE_CONTACT_INSTEAD.fill(lang, &[("names", &names)]));
        }
        text
    });
    Notice {
        code: NoticeCode::OfficeClosed,
        text,
    }
}

fn closed_day<'a>(service: &'a Service, channel: &'a Channel) -> impl Fn(NaiveDate) -> bool + 'a {
    move |d: NaiveDate| {
        (!channel.open_on_public_holidays && public_holiday(d).is_some())
            || service.closed_dates.contains(&d)
    }
}

/// Open, closed or unknown by the channel's hours, whether or not they are an estimate.
fn likely_state(service: &Service, channel: &Channel, at: NaiveDateTime) -> OpenState {
    match &channel.hours {
        None => OpenState::Unknown,
        Some(h) if h.is_open(at, &closed_day(service, channel)) => OpenState::Open,
        Some(_) => OpenState::Closed,
    }
}

/// What the user is told about a channel: estimated hours are never open (or closed).
fn channel_state(service: &Service, channel: &Channel, at: NaiveDateTime) -> OpenState {
    if channel.hours_estimated && channel.hours.is_some() {
        OpenState::HoursNotConfirmed
    } else {
        likely_state(service, channel, at)
    }
}

/// The service's reported and likely state: the best of its channels' (open first).
fn service_state(service: &Service, at: NaiveDateTime) -> (OpenState, OpenState) {
    let best = |f: &dyn Fn(&Channel) -> OpenState| {
        service
            .channels
            .iter()
            .map(f)
            .min_by_key(|s| s.rank())
            .unwrap_or(OpenState::Unknown)
    };
    (
        best(&|c| channel_state(service, c, at)),
        best(&|c| likely_state(service, c, at)),
    )
}

/// A channel's state at `at`: open or not, why it is closed, and when it opens next.
pub(crate) struct ChannelFacts {
    /// Open, closed or unknown.
    pub(crate) state: OpenState,
    /// Why it is closed, when it is.
    pub(crate) closed_reason: Option<ClosedReason>,
    /// The public holiday that closes it today, when that is the reason.
    pub(crate) holiday: Option<PublicHoliday>,
    /// When it next opens, when closed and known.
    pub(crate) opens_at: Option<DateTime<Tz>>,
}

fn channel_status(
    service: &Service,
    channel: &Channel,
    at: NaiveDateTime,
    today: NaiveDate,
) -> ChannelStatus {
    let facts = channel_facts(service, channel, at, today);
    ChannelStatus {
        kind: channel.kind,
        value: channel.value.clone(),
        state: facts.state,
        hours: channel.hours.clone(),
        closed_reason: facts.closed_reason,
        holiday: facts.holiday,
        opens_at: facts
            .opens_at
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, false)),
        note: channel.note.clone(),
    }
}

/// Works out a channel's state and, when closed, why and until when.
pub(crate) fn channel_facts(
    service: &Service,
    channel: &Channel,
    at: NaiveDateTime,
    today: NaiveDate,
) -> ChannelFacts {
    let state = channel_state(service, channel, at);
    let (mut closed_reason, mut holiday, mut opens_at) = (None, None, None);
    if let (OpenState::Closed, Some(hours)) = (state, &channel.hours) {
        let closed = closed_day(service, channel);
        closed_reason = Some(if hours.is_open(at, &|_| false) {
            if service.closed_dates.contains(&today) {
                ClosedReason::ClosedDate
            } else {
                holiday = public_holiday(today);
                ClosedReason::PublicHoliday
            }
        } else {
            ClosedReason::OutsideHours
        });
        if closed_reason == Some(ClosedReason::OutsideHours) && closed(today) {
            holiday = public_holiday(today);
        }
        opens_at = hours
            .next_opening(at, &closed)
            .and_then(|t| Oslo.from_local_datetime(&t).earliest());
    }
    ChannelFacts {
        state,
        closed_reason,
        holiday,
        opens_at,
    }
}

fn advice(
    c: Candidate<'_>,
    reason: AdviceReason,
    at: NaiveDateTime,
    today: NaiveDate,
) -> ContactAdvice {
    let s = c.service;
    let area_name = c.area_name.to_string();
    ContactAdvice {
        service_id: s.id.clone(),
        name: s.name.clone(),
        role: s.role,
        reason,
        locality: c.locality,
        area_id: c.area_id.to_string(),
        area_name,
        state: c.state,
        channels: s
            .channels
            .iter()
            .map(|ch| channel_status(s, ch, at, today))
            .collect(),
        address: s.address.clone(),
        note: s.note.clone(),
        last_verified: s.last_verified,
        stale: is_stale(s.last_verified, today),
        example_data: s.example_data,
        source: s.source.clone(),
    }
}
