//! Languages and localized text with a fallback chain (bokmål first).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language the user can read Veiviser in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Lang {
    /// Norwegian bokmål: always present, the final fallback.
    #[default]
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order editors are asked to fill them in.
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    /// The two-letter code used in files and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    /// The languages to try, in order, when showing text in `self`.
    pub fn fallback_chain(self) -> &'static [Lang] {
        match self {
            Lang::Nb => &[Lang::Nb, Lang::Nn, Lang::En],
            Lang::Nn => &[Lang::Nn, Lang::Nb, Lang::En],
            Lang::En => &[Lang::En, Lang::Nb, Lang::Nn],
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "nb" | "no" | "nob" => Ok(Lang::Nb),
            "nn" | "nno" => Ok(Lang::Nn),
            "en" | "eng" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}`: use nb, nn or en")),
        }
    }
}

/// A visible text in up to three languages; `nb` is required, the others fall back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
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

    #[test]
    fn parses_codes() {
        assert_eq!("NN".parse::<Lang>().unwrap(), Lang::Nn);
        assert!("sv".parse::<Lang>().unwrap_err().contains("nb, nn or en"));
    }
}
