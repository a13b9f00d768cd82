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
    join_names, resolve, BydelSummary, KommuneSummary, Locality, Location, PostcodeSummary,
};
use super::safety_net::builtin_safety_net;
use super::service::Service;
use super::staleness::is_stale;
use crate::error::Error;
use crate::i18n::{Lang, LocalizedText};
use crate::roles::ContactRole;
use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
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
}

impl OpenState {
    fn rank(self) -> u8 {
        match self {
            OpenState::Open => 0,
            OpenState::Unknown => 1,
            OpenState::Closed => 2,
        }
    }

    /// A short label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (OpenState::Open, Lang::En) => "open",
            (OpenState::Open, _) => "åpen",
            (OpenState::Closed, Lang::En) => "closed",
            (OpenState::Closed, Lang::Nn) => "stengd",
            (OpenState::Closed, Lang::Nb) => "stengt",
            (OpenState::Unknown, Lang::En) => "hours unknown",
            (OpenState::Unknown, Lang::Nn) => "ukjend opningstid",
            (OpenState::Unknown, Lang::Nb) => "ukjent åpningstid",
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
    /// Open if any channel is open, else unknown if any is unknown, else closed.
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

#[derive(Clone, Copy)]
struct Candidate<'a> {
    service: &'a Service,
    locality: Locality,
    area_id: &'a str,
    area_name: &'a str,
    state: OpenState,
}

/// Answers a contacts query. Errors only for malformed input (e.g. a 3-digit postcode).
pub fn contacts(
    dir: &Directory,
    places: &Places,
    query: &ContactsQuery,
) -> Result<ContactsAnswer, Error> {
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
        let group = for_role(ContactRole::Nodnummer);
        push_group(&mut listed, &mut seen, group, AdviceReason::Urgent);
    }

    let mut primary = for_role(query.role);
    primary.sort_by_key(|c| (c.locality, c.state.rank()));
    let verified_local_entry = primary.iter().any(|c| {
        c.locality != Locality::National
            && !c.service.channels.is_empty()
            && !c.service.example_data
    });
    let office = primary.iter().find(|c| !c.service.channels.is_empty());
    let office_closed = office.is_none_or(|c| c.state == OpenState::Closed);
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
    fallback.sort_by_key(|(i, c)| (c.state.rank(), *i, c.locality));
    let fallback: Vec<Candidate<'_>> = fallback.into_iter().map(|(_, c)| c).collect();
    let fallback_names: Vec<String> = fallback
        .iter()
        .filter(|c| c.state != OpenState::Closed && !c.service.channels.is_empty())
        .take(2)
        .map(|c| service_label(c.service))
        .collect();

    if office_closed {
        push_group(&mut listed, &mut seen, fallback, AdviceReason::AfterHours);
        push_group(&mut listed, &mut seen, primary, AdviceReason::Primary);
    } else {
        push_group(&mut listed, &mut seen, primary, AdviceReason::Primary);
        push_group(&mut listed, &mut seen, fallback, AdviceReason::AfterHours);
    }
    // The safety net is the first national entry per role (116 111, 112, 02800); the other
    // emergency numbers (113, 110) lead the answer when the step is urgent.
    for role in SAFETY_NET {
        let group: Vec<Candidate<'_>> = or_builtin(
            role,
            for_role(role)
                .into_iter()
                .filter(|c| c.locality == Locality::National)
                .take(1)
                .collect(),
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
        notices.push(office_closed_notice(service, today, &fallback_names));
    }
    let located = resolution.kommune.is_some();
    if !verified_local_entry && located && is_local_role(query.role) {
        let place = resolution.place_name().unwrap_or_default();
        let role_nb = query.role.label_nb();
        notices.push(Notice::new(
            NoticeCode::NoVerifiedLocalEntry,
            format!("Ingen verifisert lokal oppføring for {role_nb} i {place}. Bruk numrene under – de nasjonale numrene gjelder i hele landet."),
            format!("Ingen verifisert lokal oppføring for {role_nb} i {place}. Bruk numra under – dei nasjonale numra gjeld i heile landet."),
            format!("No verified local entry for {} in {place}. Use the numbers below – the national numbers work everywhere in Norway.", query.role.id()),
        ));
    }

    let contacts: Vec<ContactAdvice> = listed
        .into_iter()
        .map(|(c, reason)| advice(c, reason, local_time, today))
        .collect();
    let example_data = contacts.iter().any(|c| c.example_data);
    if example_data {
        notices.push(Notice::new(
            NoticeCode::ExampleData,
            "Svaret inneholder EKSEMPELDATA: ikke bruk disse oppføringene i en ekte sak.".into(),
            "Svaret inneheld EKSEMPELDATA: ikkje bruk desse oppføringane i ei ekte sak.".into(),
            "The answer contains EXAMPLE DATA: do not rely on these entries in a real case.".into(),
        ));
    }
    if contacts.iter().any(|c| c.stale) {
        notices.push(Notice::new(
            NoticeCode::StaleEntries,
            "Noen oppføringer ble sist bekreftet for mer enn 12 måneder siden: sjekk numrene."
                .into(),
            "Nokre oppføringar vart sist stadfesta for meir enn 12 månader sidan: sjekk numra."
                .into(),
            "Some entries were last verified more than 12 months ago: check the numbers.".into(),
        ));
    }

    Ok(ContactsAnswer {
        at: local.to_rfc3339_opts(SecondsFormat::Secs, false),
        role: query.role,
        urgent: query.urgent,
        postcode: resolution.postcode,
        kommune: resolution.kommune,
        bydel: resolution.bydel,
        bydel_candidates: resolution.bydel_candidates,
        verified_local_entry,
        example_data,
        notices,
        contacts,
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
            out.push(Candidate {
                service,
                locality: *locality,
                area_id,
                area_name,
                state: service_state(service, at),
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
        .map(|service| Candidate {
            service,
            locality: Locality::National,
            area_id: NATIONAL_AREA_ID,
            area_name: "Norge",
            // Built-in entries are either 24/7 or of unknown hours: no clock needed.
            state: service_state(service, NaiveDateTime::default()),
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

fn service_label(service: &Service) -> String {
    match service
        .channels
        .iter()
        .find(|c| c.kind == ChannelKind::Phone)
    {
        Some(phone) => format!("{} ({})", service.name.nb, phone.value),
        None => service.name.nb.clone(),
    }
}

fn office_closed_notice(service: &Service, today: NaiveDate, fallback: &[String]) -> Notice {
    let name = &service.name.nb;
    let (why_nb, why_nn, why_en) = if service.closed_dates.contains(&today) {
        (
            "stengt i dag".to_string(),
            "stengt i dag".to_string(),
            "closed today".to_string(),
        )
    } else if let Some(h) = public_holiday(today) {
        (
            h.name(Lang::Nb).to_string(),
            h.name(Lang::Nn).to_string(),
            h.name(Lang::En).to_string(),
        )
    } else {
        (
            "utenfor åpningstid".to_string(),
            "utanfor opningstida".to_string(),
            "outside opening hours".to_string(),
        )
    };
    let (then_nb, then_nn, then_en) = if fallback.is_empty() {
        (String::new(), String::new(), String::new())
    } else {
        (
            format!(" Kontakt {} i stedet.", join_names(fallback, "eller")),
            format!(" Kontakt {} i staden.", join_names(fallback, "eller")),
            format!(" Contact {} instead.", join_names(fallback, "or")),
        )
    };
    Notice::new(
        NoticeCode::OfficeClosed,
        format!("{name} er stengt nå ({why_nb}).{then_nb}"),
        format!("{name} er stengd no ({why_nn}).{then_nn}"),
        format!("{name} is closed now ({why_en}).{then_en}"),
    )
}

fn closed_day<'a>(service: &'a Service, channel: &'a Channel) -> impl Fn(NaiveDate) -> bool + 'a {
    move |d: NaiveDate| {
        (!channel.open_on_public_holidays && public_holiday(d).is_some())
            || service.closed_dates.contains(&d)
    }
}

fn channel_state(service: &Service, channel: &Channel, at: NaiveDateTime) -> OpenState {
    match &channel.hours {
        None => OpenState::Unknown,
        Some(h) if h.is_open(at, &closed_day(service, channel)) => OpenState::Open,
        Some(_) => OpenState::Closed,
    }
}

fn service_state(service: &Service, at: NaiveDateTime) -> OpenState {
    let mut best = OpenState::Unknown;
    let mut any = false;
    for channel in &service.channels {
        let state = channel_state(service, channel, at);
        if !any || state.rank() < best.rank() {
            best = state;
            any = true;
        }
    }
    best
}

fn channel_status(
    service: &Service,
    channel: &Channel,
    at: NaiveDateTime,
    today: NaiveDate,
) -> ChannelStatus {
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
            .and_then(|t| Oslo.from_local_datetime(&t).earliest())
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, false));
    }
    ChannelStatus {
        kind: channel.kind,
        value: channel.value.clone(),
        state,
        hours: channel.hours.clone(),
        closed_reason,
        holiday,
        opens_at,
        note: channel.note.clone(),
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
