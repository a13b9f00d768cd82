//! The contact directory: areas, services, opening hours, postcode resolution and search.
//!
//! Data flow: files an admin maintains (or synced records) → [`load`] / `from_entries` →
//! validated [`Directory`] and [`Places`] → [`ContactBook`] → [`ContactsAnswer`] and
//! [`SearchHit`]s. The screens built from them ([`crate::view::ContactsView`],
//! [`crate::view::SearchResultsView`]) share the same ranking (`now::plan`). Everything is
//! offline and pure; I/O lives only in [`load`]. Notice texts come from the message catalog
//! ([`crate::i18n::catalog`]).

pub mod area;
pub mod book;
pub mod bydel;
pub mod catalog;
pub mod channel;
pub mod fold;
pub mod holidays;
pub mod hours;
pub mod load;
pub mod notice;
pub mod now;
pub mod places;
pub mod postcodes;
pub mod resolve;
pub mod safety_net;
pub mod search;
mod serde_forms;
pub mod service;
pub mod staleness;
pub mod tab_file;
pub mod verification;

pub use area::{Area, AreaLevel, NATIONAL_AREA_ID};
pub use book::{ContactBook, PlaceSource, PlacesFor};
pub use bydel::BydelPair;
pub use catalog::{Directory, DirectoryEntry};
pub use channel::{Channel, ChannelKind};
pub use holidays::{easter_sunday, public_holiday, PublicHoliday};
pub use hours::OpeningHours;
pub use notice::{Notice, NoticeCode};
pub use now::{
    AdviceReason, ChannelStatus, ClosedReason, ContactAdvice, ContactsAnswer, ContactsQuery,
    OpenState,
};
pub use places::{PlaceEntry, Places};
pub use postcodes::{PostcodeCategory, PostcodeRow};
pub use resolve::{BydelSummary, KommuneSummary, Locality, Location, PostcodeSummary, Resolution};
pub use search::{MatchQuality, SearchHit, SearchHitKind, SearchIndex};
pub use service::Service;
pub use staleness::{is_stale, stale_entries, StaleEntry};
pub use verification::{Verification, VerifiedHow};
