//! Screens computed in the core (crux style): one view model per screen an app or the CLI
//! shows, built for one [`Lang`](crate::i18n::Lang) with every string ready to render.
//!
//! View-model code does no I/O and reads no clock: the instant is a parameter. Every type
//! is uniffi-friendly (strings, numbers, options, lists, other view types, and the core's own
//! derived enums, whose serde ids are the JSON values), so the same object reaches the CLI's
//! `--json`, Kotlin, Swift and Python; `bindings/ffi` returns these types as they are.
//!
//! - [`guide_list`]: the guides on the device;
//! - [`step`]: the current step of a walk ([`StepView`], built by the navigator);
//! - [`resume`]: what happened when a saved walk was reopened;
//! - [`contacts`]: who to call now ([`ContactsView`], built by the contact book);
//! - [`search`]: search results;
//! - [`sync_status`]: "content as of" and what the last sync did.

pub mod contacts;
mod format;
pub mod guide_list;
pub mod resume;
pub mod search;
pub mod step;
pub mod sync_status;

pub use contacts::{
    ChannelView, ContactView, ContactsView, ContentSources, NoticeView, PostcodeView,
};
pub use format::local_time_text;
pub use guide_list::{GuideListItem, GuideListView};
pub use resume::ResumeView;
pub use search::{SearchHitView, SearchResultsView};
pub use step::{LegalView, LinkView, OptionView, StepView, StepViewKind};
pub use sync_status::{progress_text, ContentAsOfView, SyncCollectionView, SyncStatusView};
