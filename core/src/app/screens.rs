//! The app's view model: [`AppView`], everything one frame of the staff app shows, in one
//! language, with every string ready and every clickable element carrying its [`Action`].

use super::event::{Action, AreaPurpose, Effect};
use crate::directory::{AdviceReason, OpenState};
use crate::guide::navigator::SummaryItem;
use crate::i18n::Lang;
use crate::roles::ContactRole;
use crate::view::{NoticeView, StepView};
use serde::{Deserialize, Serialize};

/// One frame of the app: the screen, the acute bar above it, and what the shell must do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AppView {
    /// The language every text is in.
    pub lang: Lang,
    /// Which screen this is.
    pub screen_id: ScreenId,
    /// The screen's heading.
    pub title: String,
    /// 112, 113 and 116 111, one tap each: on every screen, before anything else.
    pub acute_bar: AcuteBarView,
    /// The screen itself.
    pub screen: Screen,
    /// The app's main places (home, contacts, area, settings, about), the current one marked.
    pub nav: Vec<ActionView>,
    /// What the shell must do now (dial, open a URL, sync, persist the state), in order.
    pub effects: Vec<Effect>,
}

/// The screens of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ScreenId {
    /// The first screen: acute bar, guides, notices.
    Home,
    /// One step of a walk through a guide.
    GuideStep,
    /// Who to call for a role.
    Contacts,
    /// Choosing an area (postcode or place, then the bydel).
    Area,
    /// Language, sector, default area, sync.
    Settings,
    /// What changed in the last sync.
    WhatsNew,
    /// About the content: demo warning, sources, accessibility.
    About,
}

/// The screen's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[allow(clippy::large_enum_variant)]
pub enum Screen {
    /// The home screen.
    Home {
        /// Its content.
        home: HomeView,
    },
    /// A step of a walk.
    GuideStep {
        /// Its content.
        step: GuideStepView,
    },
    /// Who to call for a role.
    Contacts {
        /// Its content.
        contacts: ContactsScreenView,
    },
    /// Choosing an area.
    Area {
        /// Its content.
        area: AreaView,
    },
    /// The settings.
    Settings {
        /// Its content.
        settings: SettingsView,
    },
    /// What's new.
    WhatsNew {
        /// Its content.
        whats_new: WhatsNewView,
    },
    /// About.
    About {
        /// Its content.
        about: AboutView,
    },
}

/// Something the user can tap: a label and the action it sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ActionView {
    /// The visible label.
    pub label: String,
    /// The label read by screen readers: names the action (and for a call, the service and
    /// the digits).
    pub accessibility_label: String,
    /// What to send when it is tapped.
    pub action: Action,
    /// Whether it is the current choice (a selected language, sector or place).
    pub selected: bool,
    /// How prominent it is.
    pub style: ActionStyle,
}

/// How prominent an action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ActionStyle {
    /// The main action of its group.
    Primary,
    /// Any other action.
    Secondary,
    /// An emergency call or the acute exit.
    Danger,
}

/// A banner in plain words (stale content, example data, sync error, demo content, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BannerView {
    /// What it is about (a stable id).
    pub kind: BannerKind,
    /// The text.
    pub text: String,
    /// What the user can do about it, if anything.
    pub action: Option<ActionView>,
}

/// What a banner is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BannerKind {
    /// The newest content is older than the content's limit.
    StaleContent,
    /// The content holds example data.
    ExampleData,
    /// The content is the demo content, not a municipality's own.
    DemoContent,
    /// The last sync failed.
    SyncError,
    /// A sync brought changes the user has not seen.
    WhatsNew,
    /// A guide needs a newer app.
    NeedsUpdate,
    /// A saved walk was resumed on a changed guide.
    Resumed,
    /// Opening the content had to repair something.
    Repaired,
}

/// The acute bar: the emergency numbers, on every screen, before anything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AcuteBarView {
    /// "Akutt hjelp".
    pub heading: String,
    /// 112, 113 and 116 111, in that order; each a call action.
    pub calls: Vec<CallView>,
}

/// One number to call, as a button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CallView {
    /// The number as people write it ("116 111").
    pub number: String,
    /// Who answers ("Politi").
    pub name: String,
    /// The `tel:` URI, digits only.
    pub tel_uri: String,
    /// The button: "Ring 112", read as "Ring 112, Politiet, 1 1 2".
    pub call: ActionView,
}

/// The home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HomeView {
    /// Stale content, example data, sync errors, what's new: in plain words.
    pub banners: Vec<BannerView>,
    /// The walk in progress, to continue ("Fortsett: …").
    pub resume: Option<ActionView>,
    /// "Veiledere".
    pub guides_heading: String,
    /// The guides, the user's sector's first; each opens a walk.
    pub guides: Vec<GuideEntryView>,
    /// What to say when there are no guides.
    pub guides_empty_text: Option<String>,
    /// "Ditt område: Bjerke (Oslo)" or "Ikke valgt".
    pub area_text: String,
    /// Choose or change the default area.
    pub area_action: ActionView,
    /// "Innhold per 22.11.2026".
    pub content_as_of_text: Option<String>,
}

/// One guide in the home screen's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuideEntryView {
    /// The guide id.
    pub guide_id: String,
    /// The title.
    pub title: String,
    /// When to use it.
    pub summary: Option<String>,
    /// Why it cannot be opened, when it cannot (it needs a newer app).
    pub unavailable_text: Option<String>,
    /// Opens the walk (absent when unavailable).
    pub open: Option<ActionView>,
}

/// A step of a walk, with the numbers to call for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuideStepView {
    /// The guide id.
    pub guide_id: String,
    /// The guide's title.
    pub guide_title: String,
    /// The guide's revision.
    pub revision: u32,
    /// "Steg 3" (position in the walk).
    pub progress_text: String,
    /// The step, as the navigator shows it.
    pub step: StepView,
    /// The step's heading: its title, else the start of its text.
    pub heading: String,
    /// Show the numbers before the text (urgent steps).
    pub call_first: bool,
    /// The numbers for the step's contact roles, resolved for the walk's area.
    pub numbers: NumberListView,
    /// Asked inline the first time it matters: the user's sector (skippable).
    pub sector_prompt: Option<ChoicePromptView>,
    /// The answers (question steps).
    pub options: Vec<ActionView>,
    /// "Gå videre" (action steps).
    pub continue_action: Option<ActionView>,
    /// "Akutt fare nå": the acute exit (absent on the acute step itself).
    pub acute_action: Option<ActionView>,
    /// Back, when there is a move to undo.
    pub back_action: Option<ActionView>,
    /// Start over.
    pub restart_action: ActionView,
    /// End the walk (deletes it and its area).
    pub end_action: ActionView,
    /// Links to other guides.
    pub links: Vec<ActionView>,
    /// "Sjekkliste", when the step has one.
    pub checklist_heading: Option<String>,
    /// "Lovhjemler", when the step cites any.
    pub legal_heading: Option<String>,
    /// What the user was told when the saved walk was resumed on a changed guide.
    pub resume_text: Option<String>,
    /// On an end step: "Dette har du gått gjennom" and the walk.
    pub summary_heading: Option<String>,
    /// On an end step: every step walked.
    pub summary: Vec<SummaryItem>,
}

/// A question asked inline (the sector), with the answers and a way to skip it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChoicePromptView {
    /// The question.
    pub question: String,
    /// Why it is asked.
    pub explanation: String,
    /// The answers.
    pub choices: Vec<ActionView>,
    /// "Hopp over".
    pub skip: ActionView,
}

/// The numbers to call for one or more roles, resolved for an area, deduplicated by number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NumberListView {
    /// "Ring først" on an urgent step, "Hvem du kan kontakte" otherwise.
    pub heading: String,
    /// Whether the list leads the screen (urgent).
    pub call_first: bool,
    /// The area the numbers are for ("For Bjerke (Oslo)"), or that none is chosen.
    pub area_text: String,
    /// Whether an area is chosen.
    pub has_area: bool,
    /// "Velg område" / "Endre område".
    pub area_action: ActionView,
    /// "Hopp over" when the area is asked inline and may be skipped.
    pub skip_area: Option<ActionView>,
    /// Who to contact, best first; one entry per number.
    pub entries: Vec<NumberEntryView>,
    /// Notices from the directory (no verified local entry, bydel not settled, …), each once.
    pub notices: Vec<NoticeView>,
    /// The example-data banner, when any entry is example data.
    pub example_data_banner: Option<String>,
    /// Said once when no listed number was confirmed with its service.
    pub unconfirmed_text: Option<String>,
    /// When the list was evaluated ("ons. 02.12.2026 10:00").
    pub at_text: String,
}

/// One service to contact, with its call button when it has a sourced number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NumberEntryView {
    /// The service id.
    pub service_id: String,
    /// The service's name.
    pub title: String,
    /// The role it fills.
    pub role: ContactRole,
    /// Why it is listed.
    pub reason: AdviceReason,
    /// Why it is listed, in words: "Ansvarlig tjeneste", "Hvis bydelen ikke svarer",
    /// "Utenfor kontortid", "Nødnummer", "Nasjonalt".
    pub reason_text: String,
    /// The number as written ("116 111"), when one is sourced.
    pub number: Option<String>,
    /// Its `tel:` URI, digits only.
    pub tel_uri: Option<String>,
    /// The call button, when there is a number.
    pub call: Option<ActionView>,
    /// "Ikke noe verifisert nummer – se merknaden" when there is none.
    pub no_number_text: Option<String>,
    /// Other services reached on the same number ("Svarer også for Barnevernvakten i Oslo").
    pub also_text: Option<String>,
    /// Open now, closed, unknown or hours not confirmed.
    pub state: OpenState,
    /// The state in words.
    pub state_text: String,
    /// The opening hours in words, when known.
    pub hours_text: Option<String>,
    /// "åpner …", when closed.
    pub opens_text: Option<String>,
    /// The entry's note (e.g. why no number is listed).
    pub note_text: Option<String>,
    /// "Sist bekreftet 2026-11-22".
    pub last_verified_text: String,
    /// Verified more than 12 months ago.
    pub stale: bool,
    /// Example data.
    pub example_data: bool,
    /// `[EKSEMPELDATA]` when it is.
    pub example_data_mark: Option<String>,
    /// Web pages and chats of the service.
    pub links: Vec<ActionView>,
}

/// Who to call for one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContactsScreenView {
    /// The role shown.
    pub role: ContactRole,
    /// The roles to choose from.
    pub roles: Vec<ActionView>,
    /// The numbers.
    pub numbers: NumberListView,
}

/// Choosing an area: a postcode or a place, then the bydel when it is not settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AreaView {
    /// What the area is for.
    pub purpose: AreaPurpose,
    /// Why the area is asked.
    pub intro: String,
    /// The search field's label ("Postnummer eller sted").
    pub input_label: String,
    /// What was searched for.
    pub query: String,
    /// The area chosen now, in words, when there is one.
    pub current_text: Option<String>,
    /// Places that match the search.
    pub results: Vec<ActionView>,
    /// "Ingen treff for …" / a malformed postcode, in plain words.
    pub message: Option<String>,
    /// The bydel picker, when a postcode or municipality spans several bydeler.
    pub bydel_picker: Option<ChoicePromptView>,
    /// Forget the chosen area.
    pub clear: Option<ActionView>,
    /// Go on without an area (national numbers only).
    pub skip: ActionView,
}

/// The settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SettingsView {
    /// "Språk".
    pub language_heading: String,
    /// Bokmål, nynorsk, English; the current one selected.
    pub languages: Vec<ActionView>,
    /// "Hvor jobber du?".
    pub sector_heading: String,
    /// The sectors (and "ikke valgt"); the current one selected.
    pub sectors: Vec<ActionView>,
    /// "Ditt område".
    pub area_heading: String,
    /// The default area in words.
    pub area_text: String,
    /// Choose or change it.
    pub area_action: ActionView,
    /// Forget it, when set.
    pub area_clear: Option<ActionView>,
    /// "Oppdatering av innhold".
    pub sync_heading: String,
    /// What the device holds and when it was last synced, in words.
    pub sync_lines: Vec<String>,
    /// The last sync's error, in plain words.
    pub sync_error_text: Option<String>,
    /// "Oppdater nå".
    pub sync_action: ActionView,
}

/// What changed in the last sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatsNewView {
    /// "Endrede veiledere".
    pub guides_heading: String,
    /// The guides whose revision rose.
    pub guides: Vec<WhatsNewItemView>,
    /// "Endringer i kontakter for …".
    pub entries_heading: String,
    /// Changed directory entries for the saved area.
    pub entries: Vec<WhatsNewItemView>,
    /// "Ingen endringer siden sist" when both lists are empty.
    pub empty_text: Option<String>,
    /// Mark as read.
    pub dismiss: ActionView,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatsNewItemView {
    /// The guide or entry id.
    pub id: String,
    /// Its title or name.
    pub title: String,
    /// "versjon 3 → 4", "ny", "fjernet".
    pub change_text: String,
    /// The publish summary, where the content carries one.
    pub summary: Option<String>,
    /// Open the guide (guides only).
    pub open: Option<ActionView>,
}

/// About the app and its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AboutView {
    /// The demo-content warning, when the content is the demo.
    pub demo_warning: Option<String>,
    /// "Om Veiviser" text.
    pub intro: String,
    /// "Kilder".
    pub sources_heading: String,
    /// Where the content comes from, one line each.
    pub sources: Vec<String>,
    /// "Tilgjengelighet".
    pub accessibility_heading: String,
    /// The accessibility statement, paragraph by paragraph.
    pub accessibility: Vec<String>,
    /// "Personvern".
    pub privacy_heading: String,
    /// What the app keeps and sends (nothing about the child).
    pub privacy: Vec<String>,
    /// "Innholdsformat 2".
    pub version_text: String,
}
