//! The contacts screen: who to call for this child, right now, best first, in one language.
//!
//! Its serde JSON is the `veiviser contacts --json` document (the same field names and values
//! as [`ContactsAnswer`](crate::directory::ContactsAnswer), which keeps the names, notes and
//! notices in all three languages), plus the ready-to-show texts for the chosen language:
//! the heading, open/closed text, last-verified text, example-data and stale marks, and
//! `tel:` URIs. Enum values are the core's own enums, whose serde ids are the JSON values
//! (`"open"`, `"after_hours"`) and which reach Kotlin, Swift and Python as their enums, so the
//! record has one shape in JSON and in the apps.

use super::format::{code_of, date_text, local_time_text};
use crate::directory::now::{channel_facts, plan, Candidate, ContactsPlan};
use crate::directory::staleness::is_stale;
use crate::directory::{
    AdviceReason, BydelSummary, Channel, ChannelKind, ClosedReason, ContactBook, ContactsQuery,
    KommuneSummary, Locality, Notice, NoticeCode, OpenState, PostcodeCategory, PostcodeSummary,
    VerifiedHow,
};
use crate::error::Error;
use crate::i18n::catalog as msg;
use crate::i18n::{Lang, LocalizedText};
use crate::roles::ContactRole;
use chrono::{NaiveDate, NaiveDateTime, SecondsFormat};
use serde::{Deserialize, Serialize};

/// The contacts screen for one query, ready to render in [`ContactsView::lang`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContactsView {
    /// The language the texts are in (`nb`, `nn`, `en`).
    pub lang: Lang,
    /// The instant evaluated, in Norwegian local time (RFC 3339).
    pub at: String,
    /// The instant as people read it ("man. 23.11.2026 09:00").
    pub at_text: String,
    /// "Hvem du kontakter: barneverntjeneste (barnevern) – man. 23.11.2026 09:00 – HASTER".
    pub heading: String,
    /// The requested role.
    pub role: ContactRole,
    /// Whether the step was urgent (emergency numbers first).
    pub urgent: bool,
    /// The postcode, when one was given and found.
    pub postcode: Option<PostcodeView>,
    /// The municipality, when known.
    pub kommune: Option<KommuneSummary>,
    /// "Kommune: Oslo (0301)", when known.
    pub kommune_line: Option<String>,
    /// The bydel, when settled.
    pub bydel: Option<BydelSummary>,
    /// "Bydel: Grünerløkka (02)", when settled.
    pub bydel_line: Option<String>,
    /// The candidate bydeler when the bydel is not settled (let the user choose).
    pub bydel_candidates: Vec<BydelSummary>,
    /// "Bydel ikke avgjort – mulige bydeler: Bjerke, Alna", when there are candidates.
    pub bydel_candidates_line: Option<String>,
    /// True when a local entry with a channel (not example data) exists for the role.
    pub verified_local_entry: bool,
    /// True when any listed entry is example data.
    pub example_data: bool,
    /// The example-data banner, when any listed entry is example data.
    pub example_data_banner: Option<String>,
    /// Warnings and explanations, most important first.
    pub notices: Vec<NoticeView>,
    /// Who to contact, best first; never empty.
    pub contacts: Vec<ContactView>,
    /// Said once above the list when no listed number was confirmed with its service (only
    /// checked against written sources).
    pub unconfirmed_text: Option<String>,
    /// Where the data came from, when the front end tells (the CLI does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<ContentSources>,
    /// The sources as one line, when `sources` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources_text: Option<String>,
}

/// The postcode asked about, as the register knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PostcodeView {
    /// The postcode.
    pub postnummer: String,
    /// The post town, as people write it.
    pub poststed: String,
    /// What the postcode is used for: Bring's one-letter category (`G`, `P`, `B`, `S`, `F`).
    pub kategori: PostcodeCategory,
    /// "Postnummer: 0557 Oslo (gateadresser)".
    pub line: String,
}

/// A warning or explanation that comes with the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NoticeView {
    /// What it is about (a stable id, e.g. `bydel_not_settled`).
    pub code: NoticeCode,
    /// The text in all three languages.
    pub text: LocalizedText,
    /// The text in the view's language.
    pub message: String,
}

/// One service to contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContactView {
    /// The service id.
    pub service_id: String,
    /// The service's name in all three languages.
    pub name: LocalizedText,
    /// The service's name in the view's language.
    pub title: String,
    /// The role it fills.
    pub role: ContactRole,
    /// Why it is listed: `urgent`, `primary`, `after_hours` or `national_fallback`.
    pub reason: AdviceReason,
    /// Why it is listed, in words ("ansvarlig tjeneste").
    pub reason_text: String,
    /// How local the matching area is: `bydel`, `candidate_bydel`, `kommune`, `national`.
    pub locality: Locality,
    /// The covered area that matched (`national`, `KKKK`, `KKKK-BB`).
    pub area_id: String,
    /// That area's name.
    pub area_name: String,
    /// `open` if any channel is open, else `hours_not_confirmed` or `unknown` if any channel
    /// is so, else `closed`.
    pub state: OpenState,
    /// Its channels, in the entry's order.
    pub channels: Vec<ChannelView>,
    /// "ingen verifisert kontaktinformasjon" when it has no channel.
    pub no_channels_text: Option<String>,
    /// The visiting address.
    pub address: Option<String>,
    /// "Adresse: …", when there is an address.
    pub address_text: Option<String>,
    /// A remark in all three languages (e.g. why no number is listed).
    pub note: Option<LocalizedText>,
    /// The remark in the view's language.
    pub note_text: Option<String>,
    /// When the entry was last verified (`YYYY-MM-DD`).
    pub last_verified: String,
    /// "Sist bekreftet 2026-11-22", with the stale mark when stale.
    pub last_verified_text: String,
    /// How the entry was verified: `written-source` or `with-service`.
    pub verified_how: String,
    /// Who verified it (empty when not recorded).
    pub verified_by: String,
    /// "Sjekket mot skriftlig kilde 22.11.2026" or "Bekreftet av tjenesten 22.11.2026".
    pub verified_text: String,
    /// Verified more than 12 months before the query's date.
    pub stale: bool,
    /// Example data: must be shown as such and not relied on.
    pub example_data: bool,
    /// `[EKSEMPELDATA]` when it is example data.
    pub example_data_mark: Option<String>,
    /// Where the facts come from.
    pub source: Option<String>,
}

/// One way to reach a service, with its state at the asked instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChannelView {
    /// `phone`, `chat`, `email` or `web`.
    pub kind: ChannelKind,
    /// The kind in words ("telefon").
    pub kind_label: String,
    /// The number, address or URL, as shown.
    pub value: String,
    /// What to open to use it: `tel:` with the digits (and a leading `+`), `mailto:`, or
    /// the web address.
    pub uri: String,
    /// `open`, `closed`, `unknown` or `hours_not_confirmed` (estimated hours: never open).
    pub state: OpenState,
    /// The state in words ("ÅPEN", "STENGT", "ukjent åpningstid",
    /// "Åpningstid ikke bekreftet – ring for å sjekke").
    pub state_text: String,
    /// The opening hours as written in the content (`["mon-fri 08:00-15:30"]`), when known.
    pub hours: Option<Vec<String>>,
    /// The opening hours in words ("man–fre 08:00–15:30"), when known.
    pub hours_text: Option<String>,
    /// Why it is closed: `outside_hours`, `public_holiday` or `closed_date`.
    pub closed_reason: Option<ClosedReason>,
    /// The public holiday that closes it today (id, e.g. `constitution_day`).
    pub holiday: Option<String>,
    /// That holiday's name in the view's language ("17. mai").
    pub holiday_text: Option<String>,
    /// When it next opens (Norwegian local time, RFC 3339), when closed and known.
    pub opens_at: Option<String>,
    /// "åpner tir. 18.05.2027 08:00", when closed and known.
    pub opens_text: Option<String>,
    /// A remark in all three languages.
    pub note: Option<LocalizedText>,
    /// The remark in the view's language.
    pub note_text: Option<String>,
}

/// Which data an answer was computed from (the `sources` of `contacts --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContentSources {
    /// The directory: a folder, the local store, or [`ContentSources::BUILT_IN_DEMO`].
    pub directory: String,
    /// The postcode register: a file, or [`ContentSources::BUILT_IN_REGISTER`].
    pub postcodes: String,
    /// The bydel pairs: a file or folder, the built-in sample, or none.
    pub bydel_pairs: String,
    /// Postcodes loaded.
    pub postcode_count: u64,
}

impl ContentSources {
    /// The directory built into the binary.
    pub const BUILT_IN_DEMO: &'static str = "built-in demo (server/content/directory)";
    /// The bydel-pair sample built into the binary.
    pub const BUILT_IN_SAMPLE: &'static str = "built-in sample (a few postcodes, not the register)";
    /// Bring's postcode register built into the binary as demo content.
    pub const BUILT_IN_REGISTER: &'static str =
        "built-in Bring register (demo content, 2026-01-22)";

    /// The sources as one line in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let name = |s: &str| -> String {
            match s {
                Self::BUILT_IN_DEMO => msg::SOURCE_BUILT_IN_DEMO.get(lang).to_string(),
                Self::BUILT_IN_SAMPLE => msg::SOURCE_BUILT_IN_SAMPLE.get(lang).to_string(),
                Self::BUILT_IN_REGISTER => msg::SOURCE_BUILT_IN_REGISTER.get(lang).to_string(),
                other => other.to_string(),
            }
        };
        msg::SOURCES_LINE.fill(
            lang,
            &[
                ("directory", &name(&self.directory)),
                ("postcodes", &name(&self.postcodes)),
                ("count", &self.postcode_count.to_string()),
                ("bydel_pairs", &name(&self.bydel_pairs)),
            ],
        )
    }
}

impl ContactsView {
    /// The contacts screen for `query` in `lang`: the same answer as
    /// [`ContactBook::contacts`], with every text ready to show. Errors only for malformed
    /// input (e.g. a 3-digit postcode).
    pub fn new(book: &ContactBook, query: &ContactsQuery, lang: Lang) -> Result<Self, Error> {
        let places = book.places_for(&query.location)?;
        let plan = plan(book.directory(), &places, query)?;
        Ok(ContactsView::build(plan, query, lang))
    }

    /// The screen for a decided answer, in `lang`.
    fn build(plan: ContactsPlan<'_>, query: &ContactsQuery, lang: Lang) -> Self {
        let local_time = plan.local_time();
        let today = local_time.date();
        let at_text = local_time_text(local_time, lang);
        let role_label = match lang {
            Lang::En => query.role.id(),
            _ => query.role.label(lang),
        };
        let mut heading = msg::CONTACTS_HEADING.fill(
            lang,
            &[
                ("role", role_label),
                ("role_id", query.role.id()),
                ("time", &at_text),
            ],
        );
        if query.urgent {
            heading.push_str(msg::URGENT_MARK.get(lang));
        }
        let contacts: Vec<ContactView> = plan
            .listed
            .iter()
            .map(|(c, reason)| contact_view(c, *reason, local_time, today, lang))
            .collect();
        let unconfirmed_text = contacts
            .iter()
            .all(|c| c.verified_how != VerifiedHow::WithService.code())
            .then(|| msg::NONE_CONFIRMED_WITH_SERVICE.get(lang).to_string());
        let resolution = plan.resolution;
        let postcode = resolution.postcode.map(|p| postcode_view(p, lang));
        let kommune_line = resolution.kommune.as_ref().map(|k| {
            msg::KOMMUNE_LINE.fill(
                lang,
                &[
                    ("name", k.name.as_deref().unwrap_or("?")),
                    ("kommunenummer", &k.kommunenummer),
                ],
            )
        });
        let bydel_line = resolution.bydel.as_ref().map(|b| {
            let name = match &b.bydelsnummer {
                Some(n) => format!("{} ({n})", b.name),
                None => b.name.clone(),
            };
            msg::BYDEL_LINE.fill(lang, &[("name", &name)])
        });
        let bydel_candidates_line = (!resolution.bydel_candidates.is_empty()).then(|| {
            let names: Vec<String> = resolution
                .bydel_candidates
                .iter()
                .map(|b| match &b.bydelsnummer {
                    Some(n) if !b.name.ends_with(n.as_str()) => format!("{} ({n})", b.name),
                    _ => b.name.clone(),
                })
                .collect();
            msg::BYDEL_CANDIDATES_LINE.fill(lang, &[("names", &names.join(", "))])
        });
        ContactsView {
            lang,
            at: plan.local.to_rfc3339_opts(SecondsFormat::Secs, false),
            at_text,
            heading,
            role: query.role,
            urgent: query.urgent,
            postcode,
            kommune: resolution.kommune,
            kommune_line,
            bydel: resolution.bydel,
            bydel_line,
            bydel_candidates: resolution.bydel_candidates,
            bydel_candidates_line,
            verified_local_entry: plan.verified_local_entry,
            example_data: plan.example_data,
            example_data_banner: plan
                .example_data
                .then(|| msg::EXAMPLE_DATA_BANNER.get(lang).to_string()),
            notices: plan
                .notices
                .into_iter()
                .map(|n| notice_view(n, lang))
                .collect(),
            contacts,
            unconfirmed_text,
            sources: None,
            sources_text: None,
        }
    }

    /// The same screen, saying which data it was computed from.
    pub fn with_sources(mut self, sources: ContentSources) -> Self {
        self.sources_text = Some(sources.text(self.lang));
        self.sources = Some(sources);
        self
    }
}

fn postcode_view(p: PostcodeSummary, lang: Lang) -> PostcodeView {
    let line = msg::POSTCODE_LINE.fill(
        lang,
        &[
            ("postnummer", &p.postnummer),
            ("poststed", &p.poststed),
            ("category", p.kategori.describe(lang)),
        ],
    );
    PostcodeView {
        kategori: p.kategori,
        postnummer: p.postnummer,
        poststed: p.poststed,
        line,
    }
}

fn notice_view(n: Notice, lang: Lang) -> NoticeView {
    NoticeView {
        code: n.code,
        message: n.text.get(lang).to_string(),
        text: n.text,
    }
}

fn reason_text(reason: AdviceReason, lang: Lang) -> &'static str {
    match reason {
        AdviceReason::Urgent => msg::REASON_URGENT.get(lang),
        AdviceReason::Primary => msg::REASON_PRIMARY.get(lang),
        AdviceReason::AfterHours => msg::REASON_AFTER_HOURS.get(lang),
        AdviceReason::NationalFallback => msg::REASON_NATIONAL.get(lang),
    }
}

fn contact_view(
    c: &Candidate<'_>,
    reason: AdviceReason,
    at: NaiveDateTime,
    today: NaiveDate,
    lang: Lang,
) -> ContactView {
    let s = c.service;
    let stale = is_stale(s.last_verified, today);
    let last_verified = date_text(s.last_verified);
    let mut last_verified_text = msg::LAST_VERIFIED.fill(lang, &[("date", &last_verified)]);
    if stale {
        last_verified_text.push_str(msg::STALE_MARK.get(lang));
    }
    let verification = s.verification();
    let verified_message = match verification.how {
        VerifiedHow::WrittenSource => msg::VERIFIED_WRITTEN_SOURCE,
        VerifiedHow::WithService => msg::VERIFIED_WITH_SERVICE,
    };
    let verified_text =
        verified_message.fill(lang, &[("date", &verified_date_text(verification.on))]);
    ContactView {
        service_id: s.id.clone(),
        title: s.name.get(lang).to_string(),
        name: s.name.clone(),
        role: s.role,
        reason,
        reason_text: reason_text(reason, lang).to_string(),
        locality: c.locality,
        area_id: c.area_id.to_string(),
        area_name: c.area_name.to_string(),
        state: c.state,
        channels: s
            .channels
            .iter()
            .map(|ch| channel_view(s, ch, at, today, lang))
            .collect(),
        no_channels_text: s
            .channels
            .is_empty()
            .then(|| msg::NO_VERIFIED_CONTACT_DETAILS.get(lang).to_string()),
        address_text: s
            .address
            .as_deref()
            .map(|a| msg::ADDRESS_LINE.fill(lang, &[("address", a)])),
        address: s.address.clone(),
        note_text: s.note.as_ref().map(|n| n.get(lang).to_string()),
        note: s.note.clone(),
        last_verified,
        last_verified_text,
        verified_how: verification.how.code().to_string(),
        verified_by: verification.by,
        verified_text,
        stale,
        example_data: s.example_data,
        example_data_mark: s
            .example_data
            .then(|| msg::EXAMPLE_DATA_MARK.get(lang).to_string()),
        source: s.source.clone(),
    }
}

fn channel_view(
    s: &crate::directory::Service,
    ch: &Channel,
    at: NaiveDateTime,
    today: NaiveDate,
    lang: Lang,
) -> ChannelView {
    let facts = channel_facts(s, ch, at, today);
    let state_text = match facts.state {
        OpenState::Open => msg::STATE_OPEN.get(lang),
        OpenState::Closed => msg::STATE_CLOSED.get(lang),
        OpenState::Unknown => msg::STATE_UNKNOWN.get(lang),
        OpenState::HoursNotConfirmed => msg::STATE_HOURS_NOT_CONFIRMED.get(lang),
    };
    let opens_text = facts
        .opens_at
        .map(|t| msg::OPENS_AT.fill(lang, &[("time", &local_time_text(t.naive_local(), lang))]));
    ChannelView {
        kind: ch.kind,
        kind_label: ch.kind.label(lang).to_string(),
        value: ch.value.clone(),
        uri: uri(ch.kind, &ch.value),
        state: facts.state,
        state_text: state_text.to_string(),
        hours: ch.hours.as_ref().map(|h| h.spec_texts().to_vec()),
        hours_text: ch.hours.as_ref().map(|h| h.description(lang).to_string()),
        closed_reason: facts.closed_reason,
        holiday: facts.holiday.map(|h| code_of(&h)),
        holiday_text: facts.holiday.map(|h| h.name(lang).to_string()),
        opens_at: facts
            .opens_at
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, false)),
        opens_text,
        note_text: ch.note.as_ref().map(|n| n.get(lang).to_string()),
        note: ch.note.clone(),
    }
}

/// A verification date as people read it: `22.11.2026`.
fn verified_date_text(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// What to open to use a channel: `tel:` with digits only (and a leading `+`), `mailto:`,
/// or the web address (given `https://` when it has no scheme).
pub fn uri(kind: ChannelKind, value: &str) -> String {
    let value = value.trim();
    match kind {
        ChannelKind::Phone => {
            let mut out = String::with_capacity(4 + value.len());
            out.push_str("tel:");
            if value.starts_with('+') {
                out.push('+');
            }
            out.extend(value.chars().filter(char::is_ascii_digit));
            out
        }
        ChannelKind::Email => format!("mailto:{value}"),
        ChannelKind::Chat | ChannelKind::Web => {
            if value.contains("://") {
                value.to_string()
            } else {
                format!("https://{value}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_uris_hold_digits_only() {
        assert_eq!(uri(ChannelKind::Phone, "116 111"), "tel:116111");
        assert_eq!(
            uri(ChannelKind::Phone, "+47 22 70 56 50"),
            "tel:+4722705650"
        );
        assert_eq!(uri(ChannelKind::Email, "a@b.no"), "mailto:a@b.no");
        assert_eq!(
            uri(ChannelKind::Web, "www.116111.no"),
            "https://www.116111.no"
        );
    }
}
