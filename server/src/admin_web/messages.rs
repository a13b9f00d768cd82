//! The admin UI's own message table: every sentence of the admin pages, bokmål first, English
//! available (the staff app's sentences live in the core's catalog; these are for content
//! editors and reviewers only, so nynorsk is not required here).
//!
//! Each message is a method on [`Ui`]; a message with `{name}` placeholders is filled with
//! [`Ui::fill`]. The table test checks that both languages have the same placeholders.

use veiviser_core::i18n::Lang;

/// A language the admin UI is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UiLang {
    /// Norwegian bokmål, the default.
    #[default]
    Nb,
    /// English.
    En,
}

impl UiLang {
    /// Both UI languages, bokmål first.
    pub const ALL: [UiLang; 2] = [UiLang::Nb, UiLang::En];

    /// The code used in the language cookie and `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            UiLang::Nb => "nb",
            UiLang::En => "en",
        }
    }

    /// Reads a code (`nb`, `en`); anything else is `None`.
    pub fn parse(code: &str) -> Option<UiLang> {
        match code {
            "nb" => Some(UiLang::Nb),
            "en" => Some(UiLang::En),
            _ => None,
        }
    }

    /// The content language that matches this UI language (for guide texts).
    pub fn content_lang(self) -> Lang {
        match self {
            UiLang::Nb => Lang::Nb,
            UiLang::En => Lang::En,
        }
    }
}

/// The messages of one UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ui {
    /// The language the messages are in.
    pub lang: UiLang,
}

impl Ui {
    /// The messages in `lang`.
    pub fn new(lang: UiLang) -> Ui {
        Ui { lang }
    }

    /// `template` with each `{name}` replaced by its value.
    pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
        let mut out = template.to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

macro_rules! messages {
    ($($(#[doc = $doc:literal])* $name:ident: $nb:literal, $en:literal;)*) => {
        impl Ui {
            $(
                $(#[doc = $doc])*
                pub fn $name(&self) -> &'static str {
                    match self.lang {
                        UiLang::Nb => $nb,
                        UiLang::En => $en,
                    }
                }
            )*
        }

        /// Every message as (name, bokmål, English), for the table test.
        pub const ALL_MESSAGES: &[(&str, &str, &str)] = &[$((stringify!($name), $nb, $en)),*];
    };
}

include!("messages_table.rs");

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_message_has_both_languages_with_the_same_placeholders() {
        for (name, nb, en) in ALL_MESSAGES {
            assert!(
                !nb.trim().is_empty() && !en.trim().is_empty(),
                "{name} is empty"
            );
            assert_eq!(
                placeholders(nb),
                placeholders(en),
                "{name}: placeholders differ"
            );
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<&str> = ALL_MESSAGES.iter().map(|m| m.0).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(
            Ui::fill("Steg {id} av {n}", &[("id", "A1"), ("n", "3")]),
            "Steg A1 av 3"
        );
    }
}
