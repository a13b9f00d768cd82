//! Lenient-but-strict file forms for directory fields: a text may be a plain string (bokmål)
//! or a table `{ nb, nn, en }` (unknown keys rejected); a date may be a TOML date or a
//! `"YYYY-MM-DD"` string.

use crate::i18n::LocalizedText;
use chrono::NaiveDate;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// The table form of a text; unknown language keys are errors.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StrictText {
    nb: String,
    #[serde(default)]
    nn: Option<String>,
    #[serde(default)]
    en: Option<String>,
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = LocalizedText;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or a table with nb (and optionally nn, en)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(LocalizedText::nb(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let t = StrictText::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(LocalizedText {
            nb: t.nb,
            nn: t.nn,
            en: t.en,
        })
    }
}

/// A text field in its file form.
struct TextField(LocalizedText);

impl<'de> Deserialize<'de> for TextField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(TextField)
    }
}

/// `deserialize_with` for a required [`LocalizedText`].
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<LocalizedText, D::Error> {
    TextField::deserialize(d).map(|t| t.0)
}

/// `deserialize_with` for an optional [`LocalizedText`].
pub(crate) fn optional_text<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<LocalizedText>, D::Error> {
    Option::<TextField>::deserialize(d).map(|o| o.map(|t| t.0))
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date like 2026-11-22")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map_err(|_| E::custom(format!("`{v}` is not a date like 2026-11-22")))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // A TOML date arrives as a one-entry map holding its text.
        let (_, text): (String, String) = map
            .next_entry()?
            .ok_or_else(|| de::Error::custom("expected a date like 2026-11-22"))?;
        self.visit_str(&text)
    }
}

/// A date field in its file form.
struct DateField(NaiveDate);

impl<'de> Deserialize<'de> for DateField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateVisitor).map(DateField)
    }
}

/// `deserialize_with` for a required date.
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    DateField::deserialize(d).map(|t| t.0)
}

/// `deserialize_with` for a list of dates.
pub(crate) fn dates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
    Vec::<DateField>::deserialize(d).map(|v| v.into_iter().map(|t| t.0).collect())
}

/// `deserialize_with` for an optional date.
pub(crate) fn optional_date<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    Option::<DateField>::deserialize(d).map(|o| o.map(|t| t.0))
}
