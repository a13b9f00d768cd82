//! The languages Veiviser is read in, and the fallback chain between them (bokmål first).

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes() {
        assert_eq!("NN".parse::<Lang>().unwrap(), Lang::Nn);
        assert!("sv".parse::<Lang>().unwrap_err().contains("nb, nn or en"));
    }
}
