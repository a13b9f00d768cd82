//! A visible text in up to three languages, as content editors write it.

use super::lang::Lang;
use serde::{Deserialize, Serialize};

/// A visible text in up to three languages; `nb` is required, the others fall back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LocalizedText {
    /// Bokmål (required; validation rejects an empty one).
    #[serde(default)]
    pub nb: String,
    /// Nynorsk, when translated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nn: Option<String>,
    /// English, when translated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LocalizedText {
    /// A text with only bokmål.
    pub fn nb(text: impl Into<String>) -> Self {
        LocalizedText {
            nb: text.into(),
            nn: None,
            en: None,
        }
    }

    /// A text in all three languages, each made by `f`.
    pub fn from_fn(f: impl Fn(Lang) -> String) -> Self {
        LocalizedText {
            nb: f(Lang::Nb),
            nn: Some(f(Lang::Nn)),
            en: Some(f(Lang::En)),
        }
    }

    /// The text exactly in `lang`, if present and non-empty.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        let s = match lang {
            Lang::Nb => Some(self.nb.as_str()),
            Lang::Nn => self.nn.as_deref(),
            Lang::En => self.en.as_deref(),
        };
        s.filter(|s| !s.trim().is_empty())
    }

    /// The text in `lang`, falling back along [`Lang::fallback_chain`]; empty only if all are.
    pub fn get(&self, lang: Lang) -> &str {
        self.resolve(lang).map(|(_, s)| s).unwrap_or("")
    }

    /// The text and the language it was actually found in.
    pub fn resolve(&self, lang: Lang) -> Option<(Lang, &str)> {
        lang.fallback_chain()
            .iter()
            .find_map(|l| self.exact(*l).map(|s| (*l, s)))
    }

    /// Every present translation, for checks that scan all text.
    pub fn all(&self) -> impl Iterator<Item = (Lang, &str)> {
        Lang::ALL
            .into_iter()
            .filter_map(move |l| self.exact(l).map(|s| (l, s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_bokmal() {
        let t = LocalizedText {
            nb: "Hei".into(),
            nn: None,
            en: Some("Hi".into()),
        };
        assert_eq!(t.get(Lang::En), "Hi");
        assert_eq!(t.get(Lang::Nn), "Hei");
        assert_eq!(t.resolve(Lang::Nn), Some((Lang::Nb, "Hei")));
    }

    #[test]
    fn blank_translation_falls_back() {
        let t = LocalizedText {
            nb: "Hei".into(),
            nn: Some("  ".into()),
            en: None,
        };
        assert_eq!(t.get(Lang::Nn), "Hei");
    }
}
