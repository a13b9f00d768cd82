//! A way to reach a service (phone, chat, e-mail, web), each with its own opening hours.

use super::area::is_false;
use super::hours::OpeningHours;
use super::serde_forms;
use crate::i18n::{Lang, LocalizedText};
use serde::{Deserialize, Serialize};

/// The kind of a contact channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ChannelKind {
    /// A phone number to call.
    Phone,
    /// A chat, given as the web address where it is reached.
    Chat,
    /// An e-mail address.
    Email,
    /// A web page.
    Web,
}

impl ChannelKind {
    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            ChannelKind::Phone => "phone",
            ChannelKind::Chat => "chat",
            ChannelKind::Email => "email",
            ChannelKind::Web => "web",
        }
    }

    /// A short label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ChannelKind::Phone, Lang::En) => "phone",
            (ChannelKind::Phone, _) => "telefon",
            (ChannelKind::Chat, _) => "chat",
            (ChannelKind::Email, _) => "e-post",
            (ChannelKind::Web, Lang::En) => "web",
            (ChannelKind::Web, _) => "nett",
        }
    }
}

/// One contact channel of a service (`[[service.channel]]` in TOML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Phone, chat, e-mail or web.
    pub kind: ChannelKind,
    /// The number, address or URL, as shown to the user (e.g. "116 111").
    pub value: String,
    /// When this channel answers; absent when the hours are not known (shown as unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<OpeningHours>,
    /// Whether the channel keeps its weekly hours on public holidays (default: closed then;
    /// a "24/7" channel is always open).
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_on_public_holidays: bool,
    /// The hours are an estimate: they may order the list, but the channel is never reported
    /// as open ("hours not confirmed, call to check").
    #[serde(default, skip_serializing_if = "is_false")]
    pub hours_estimated: bool,
    /// A short remark shown with the channel.
    #[serde(
        default,
        deserialize_with = "serde_forms::optional_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<LocalizedText>,
}

impl Channel {
    /// What is wrong with `value` for this kind, if anything.
    pub fn value_problem(&self) -> Option<String> {
        let v = self.value.trim();
        if v.is_empty() {
            return Some("is empty: give the number, address or URL".into());
        }
        match self.kind {
            ChannelKind::Phone => {
                let digits = v.bytes().filter(u8::is_ascii_digit).count();
                let allowed = v
                    .bytes()
                    .enumerate()
                    .all(|(i, b)| b.is_ascii_digit() || b == b' ' || (i == 0 && b == b'+'));
                if !allowed || !(3..=15).contains(&digits) {
                    Some(format!(
                        "`{v}` is not a phone number: use digits and spaces only, e.g. \"116 111\""
                    ))
                } else {
                    None
                }
            }
            ChannelKind::Email => {
                let ok = v.split_once('@').is_some_and(|(user, host)| {
                    !user.is_empty() && host.contains('.') && !v.contains(char::is_whitespace)
                });
                (!ok).then(|| format!("`{v}` is not an e-mail address"))
            }
            ChannelKind::Chat | ChannelKind::Web => v
                .contains(char::is_whitespace)
                .then(|| format!("`{v}` is not a web address (it contains spaces)")),
        }
    }
}
