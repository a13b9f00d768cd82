//! The guide list: the guides stored on the device, with their titles in one language.

use crate::guide::Guide;
use crate::i18n::catalog as msg;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The list of guides, ready to render in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuideListView {
    /// The guides, in the store's order.
    pub guides: Vec<GuideListItem>,
    /// What to say when there are none ("no guides stored yet: …").
    pub empty_text: Option<String>,
}

/// One guide in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuideListItem {
    /// The guide id.
    pub id: String,
    /// Its revision, when it can be shown.
    pub revision: Option<u32>,
    /// Its title in the list's language, when it can be shown.
    pub title: Option<String>,
    /// Why it cannot be shown (e.g. it needs a newer app), when it cannot.
    pub unavailable: Option<String>,
    /// The line to show: the title, or "unavailable: …".
    pub text: String,
}

impl GuideListView {
    /// The list for `guides` (id and the parsed guide, or why it cannot be shown) in `lang`.
    pub fn new<'a>(
        guides: impl IntoIterator<Item = (&'a str, Result<&'a Guide, &'a str>)>,
        lang: Lang,
    ) -> Self {
        let guides: Vec<GuideListItem> = guides
            .into_iter()
            .map(|(id, guide)| match guide {
                Ok(g) => GuideListItem {
                    id: id.to_string(),
                    revision: Some(g.revision),
                    title: Some(g.title.get(lang).to_string()),
                    unavailable: None,
                    text: g.title.get(lang).to_string(),
                },
                Err(why) => GuideListItem {
                    id: id.to_string(),
                    revision: None,
                    title: None,
                    unavailable: Some(why.to_string()),
                    text: msg::GUIDE_UNAVAILABLE.fill(lang, &[("why", why)]),
                },
            })
            .collect();
        GuideListView {
            empty_text: guides
                .is_empty()
                .then(|| msg::GUIDES_NONE.get(lang).to_string()),
            guides,
        }
    }
}
