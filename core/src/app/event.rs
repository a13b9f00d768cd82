//! What the shell sends ([`Event`]: an [`Action`] and the instant it happened) and what it
//! must do in return ([`Effect`]).
//!
//! Every clickable element of every screen carries the [`Action`] to send when it is used
//! ([`super::ActionView`]), so a shell never decides what a tap means: it wraps the action
//! in an [`Event`] with the current instant and calls `App::dispatch`.

use crate::i18n::Lang;
use crate::roles::ContactRole;
use crate::sector::Sector;
use serde::{Deserialize, Serialize};
use std::time::SystemTime;

/// One thing that happened, with the instant the shell read from its clock. The core never
/// reads a clock: "open now", staleness and what's new are all computed at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Event {
    /// The current instant, from the shell's clock.
    pub now: SystemTime,
    /// What the user (or the shell) did.
    pub action: Action,
}

impl Event {
    /// `action` at `now`.
    pub fn new(now: SystemTime, action: Action) -> Self {
        Event { now, action }
    }
}

/// What the user or the shell did. The shell sends only actions it found on the screen
/// (in an [`super::ActionView`]) plus the lifecycle ones (`Launch`, `SyncFinished`,
/// `SyncFailed`), and `SearchArea` with the text the user typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Action {
    /// The app came to the foreground (or started): show the current screen again.
    Launch,
    /// Go to the home screen (the walk in progress is kept).
    GoHome,
    /// Start a walk through a guide (ends the walk in progress and its area).
    OpenGuide {
        /// The guide id.
        guide_id: String,
    },
    /// Go back to the walk in progress.
    ResumeWalk,
    /// Answer the current question with one of its options.
    Answer {
        /// The option id.
        option_id: String,
    },
    /// Continue past the current action step.
    Next,
    /// Undo the last move of the walk.
    Back,
    /// Jump to the guide's acute step (from any step; `Back` returns).
    AcuteExit,
    /// Start the walk over from its first step.
    RestartWalk,
    /// End the walk: its state and the area chosen for it are deleted.
    EndWalk,
    /// Follow a step's link to another guide (a new walk for the same child: the walk's area
    /// comes along).
    FollowLink {
        /// The guide to open.
        guide_id: String,
    },
    /// Show who to call for a role (default: the child welfare service).
    OpenContacts {
        /// The role to show; `None` keeps the last one.
        role: Option<ContactRole>,
    },
    /// Open the area screen.
    OpenArea {
        /// What the area is for.
        purpose: AreaPurpose,
    },
    /// Search for a postcode or a place (what the user typed).
    SearchArea {
        /// The text typed.
        query: String,
    },
    /// Choose an area offered on the area screen.
    ChooseArea {
        /// The area.
        area: AreaChoice,
    },
    /// Do not choose an area now (national numbers only); not asked again for this purpose.
    SkipArea,
    /// Forget the area for this purpose.
    ClearArea {
        /// Which area to forget.
        purpose: AreaPurpose,
    },
    /// Open the settings screen.
    OpenSettings,
    /// Change the language.
    SetLanguage {
        /// The language.
        lang: Lang,
    },
    /// Set (or, with `None`, forget) the user's sector.
    SetSector {
        /// The sector.
        sector: Option<Sector>,
    },
    /// Do not choose a sector now; not asked again inline.
    SkipSector,
    /// Fetch new content now (the shell performs [`Effect::Sync`]).
    SyncNow,
    /// The shell's sync finished and the content may have changed: the app re-reads it.
    SyncFinished,
    /// The shell's sync failed; the stored content is still used.
    SyncFailed {
        /// What went wrong, as far as the shell can tell.
        kind: SyncFailureKind,
    },
    /// Open the what's-new screen.
    OpenWhatsNew,
    /// Mark what's new as read (the banner on the home screen goes away).
    DismissWhatsNew,
    /// Open the about screen.
    OpenAbout,
    /// Call a number: the shell opens its dialler with it (never dials by itself).
    Call {
        /// The `tel:` URI, digits only.
        tel_uri: String,
    },
    /// Open a web page, chat or e-mail address in the system's app.
    OpenUrl {
        /// The URL.
        url: String,
    },
}

/// What an area is chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AreaPurpose {
    /// Where the child of the walk in progress lives: kept with the walk, deleted with it.
    Walk,
    /// The user's own default area (where they work), kept in the settings.
    Default,
}

/// An area the user can choose: a postcode, a municipality, or a bydel of one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AreaChoice {
    /// The postcode the user gave, when the choice came from one.
    pub postnummer: Option<String>,
    /// The 4-digit kommunenummer, when known (a postcode alone is resolved on choosing).
    pub kommunenummer: Option<String>,
    /// The 2-digit bydelsnummer, when the municipality has bydeler and one is chosen.
    pub bydelsnummer: Option<String>,
}

/// Why a sync failed, as far as the shell can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SyncFailureKind {
    /// No network, or the server could not be reached.
    Offline,
    /// The server answered, but what it sent was refused (bad signature, older content, …).
    Rejected,
    /// Anything else.
    Other,
}

/// What the shell must do after an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Effect {
    /// Open the dialler with this number (`tel:` and digits); never dial by itself.
    Dial {
        /// The `tel:` URI.
        tel_uri: String,
    },
    /// Open this URL in the system's app.
    OpenUrl {
        /// The URL.
        url: String,
    },
    /// Sync the content now, then send `SyncFinished` (or `SyncFailed`).
    Sync,
    /// Save this state (replacing the last saved one); give it to `App::restore` after the
    /// process was killed. It holds only ids, the language, the sector and areas.
    PersistState {
        /// The state, as JSON.
        json: String,
    },
}
