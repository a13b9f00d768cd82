//! What a draft holds: dated observations, conversations, measures tried, and the fields of
//! the KS Fiks v2 "offentlig bekymringsmelding". Plain values; the store seals them.
//!
//! Dates are ISO strings (`2026-11-30`) and times `HH:MM`, checked by [`super::validate()`], so
//! the editable records cross the FFI as they are.

use super::origin::WalkOrigin;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The default retention: 14 days after the last edit (the BTI decision window).
pub const DEFAULT_RETENTION_DAYS: u32 = 14;
/// The longest retention a user may choose (the default is also the maximum).
pub const MAX_RETENTION_DAYS: u32 = DEFAULT_RETENTION_DAYS;

/// A postal address as the KS Fiks `adresse` type has it (empty strings are left out).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Adresse {
    /// Street and number (`adresselinje1`, required by the schema).
    pub adresselinje1: String,
    /// A second line (`adresselinje2`).
    #[serde(default)]
    pub adresselinje2: String,
    /// A third line (`adresselinje3`).
    #[serde(default)]
    pub adresselinje3: String,
    /// The postcode (`postnummer`).
    #[serde(default)]
    pub postnummer: String,
    /// The post town (`poststed`).
    #[serde(default)]
    pub poststed: String,
}

/// The receiving child welfare service: kommune and bydel, from a directory lookup.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Recipient {
    /// The 4-digit `kommunenummer`.
    pub kommunenummer: String,
    /// The `kommunenavn`.
    pub kommunenavn: String,
    /// The 2-digit `bydelsnummer` (empty in a municipality without bydeler).
    #[serde(default)]
    pub bydelsnummer: String,
    /// The `bydelsnavn` (empty in a municipality without bydeler).
    #[serde(default)]
    pub bydelsnavn: String,
}

/// The reporter (`offentligMelder`): kept once per device as the user's profile, encrypted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReporterProfile {
    /// Full name (`personnavn`): a public employee cannot report anonymously.
    pub personnavn: String,
    /// Role or title (`rolle`), e.g. "pedagogisk leder".
    pub rolle: String,
    /// Phone number barnevernet can reach the reporter on (`telefonnummer`).
    pub telefonnummer: String,
    /// Work e-mail (`epost`).
    pub epost: String,
    /// The organisation's name (`virksomhet.navn`).
    pub virksomhet_navn: String,
    /// The organisation number (`virksomhet.orgnr`), optional.
    #[serde(default)]
    pub orgnr: String,
    /// The organisation's address (`virksomhet.adresse`).
    pub virksomhet_adresse: Adresse,
}

/// The child (`offentligBarn[0]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Child {
    /// Full name (`personnavn`).
    pub personnavn: String,
    /// Fødselsnummer or D-number, 11 digits (`fnr`); empty for an unborn child.
    pub fnr: String,
    /// The child is not born yet (`ufoedt`).
    pub ufoedt: bool,
    /// The child's own phone, optional (`telefonnummer`).
    #[serde(default)]
    pub telefonnummer: String,
    /// Where the child lives (`adresse`).
    pub adresse: Adresse,
    /// Whether the child has been told about the melding (`orientert`); `None` = not answered.
    pub orientert: Option<bool>,
    /// Why not, when not told (`orientertGrunn`).
    #[serde(default)]
    pub orientert_grunn: String,
}

/// A parent or other person with parental responsibility (`foresatte[]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Foresatt {
    /// Full name (`personnavn`).
    pub personnavn: String,
    /// Phone, optional (`telefonnummer`).
    #[serde(default)]
    pub telefonnummer: String,
    /// Whether this foresatt has been told (`orientert`); `None` = not answered.
    pub orientert: Option<bool>,
    /// Why not, when not told (`orientertGrunn`).
    #[serde(default)]
    pub orientert_grunn: String,
}

/// One dated observation: what was seen or heard, not what it means.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Observation {
    /// The day (`YYYY-MM-DD`).
    pub date: String,
    /// The time of day (`HH:MM`), optional.
    #[serde(default)]
    pub time: String,
    /// What was seen or heard, described rather than interpreted.
    pub what: String,
    /// The child's own words, verbatim, optional.
    #[serde(default)]
    pub child_words: String,
    /// When the child said them (`HH:MM`); needed when `child_words` is given.
    #[serde(default)]
    pub child_words_time: String,
    /// Who else saw or heard it (names or roles), optional.
    #[serde(default)]
    pub witnesses: String,
    /// How long it has lasted or how often it happens, optional.
    #[serde(default)]
    pub duration: String,
}

/// Whom a conversation was (or was not) held with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ConversationWith {
    /// The child.
    Child,
    /// The parents or foresatte.
    Parents,
    /// Someone else (a colleague, the leader, another service).
    Other,
}

/// A conversation held, or the reason it was not held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Conversation {
    /// With whom.
    pub with_whom: ConversationWith,
    /// Whether it was held.
    pub held: bool,
    /// The day (`YYYY-MM-DD`), when held.
    #[serde(default)]
    pub date: String,
    /// What was said, when held.
    #[serde(default)]
    pub summary: String,
    /// Why not, when not held.
    #[serde(default)]
    pub why_not: String,
}

/// A measure already tried in the user's own unit, and how it went.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Measure {
    /// When it started (`YYYY-MM-DD`), optional.
    #[serde(default)]
    pub date: String,
    /// What was done.
    pub what: String,
    /// What came of it, optional.
    #[serde(default)]
    pub result: String,
}

/// The free-text parts of the melding and the other KS Fiks fields without a structure.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MeldingText {
    /// The concern in the user's words (`melding.melding`); observations are added after it.
    pub melding: String,
    /// Earlier concerns and how long it has lasted (`melding.historie`).
    pub historie: String,
    /// Anything else (`melding.andreSynspunkter`).
    #[serde(default)]
    pub andre_synspunkter: String,
    /// Interpreter needed, and for which language (`behovForTolk`); empty = none.
    #[serde(default)]
    pub behov_for_tolk: String,
    /// Other services involved with the child (`andreHjelpeinstanser`).
    #[serde(default)]
    pub andre_hjelpeinstanser: String,
}

/// One report-of-concern draft: the working copy kept, encrypted, until exported and deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The random id (32 hex digits), also the file name.
    pub id: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last saved; the expiry counts from here.
    pub updated_at: DateTime<Utc>,
    /// Days after the last edit until it is destroyed (1..=14).
    pub retention_days: u32,
    /// The guide walk it was started from, if any.
    #[serde(default)]
    pub origin: Option<WalkOrigin>,
    /// The receiving kommune and bydel.
    #[serde(default)]
    pub recipient: Option<Recipient>,
    /// The child.
    #[serde(default)]
    pub child: Child,
    /// One or two foresatte.
    #[serde(default)]
    pub foresatte: Vec<Foresatt>,
    /// Dated observations, in the order added.
    #[serde(default)]
    pub observations: Vec<Observation>,
    /// Conversations held or not held.
    #[serde(default)]
    pub conversations: Vec<Conversation>,
    /// Measures already tried.
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// The free-text fields.
    #[serde(default)]
    pub text: MeldingText,
}

impl Draft {
    /// When the draft will be destroyed: `retention_days` after the last edit.
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.updated_at + Duration::days(i64::from(self.retention_days))
    }

    /// Whole days left until destruction at `now`, rounded up (0 once expired).
    pub fn days_left(&self, now: DateTime<Utc>) -> u32 {
        days_until(self.expires_at(), now)
    }

    /// Whether the walk went through the violence/abuse bypass (parents must not be told).
    pub fn parents_must_not_be_told(&self) -> bool {
        self.origin.as_ref().is_some_and(|o| o.violence_bypass)
    }
}

/// Whole days from `now` until `at`, rounded up, 0 when past.
pub fn days_until(at: DateTime<Utc>, now: DateTime<Utc>) -> u32 {
    let secs = (at - now).num_seconds();
    if secs <= 0 {
        0
    } else {
        u32::try_from((secs + 86_399) / 86_400).unwrap_or(u32::MAX)
    }
}
