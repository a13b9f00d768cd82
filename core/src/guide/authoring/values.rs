//! Typed readers for the values of a guide file: each reports a wrong type or an unknown
//! name with its field path (and a "did you mean" hint) and returns a placeholder, so one
//! pass finds every mistake.

use super::Reader;
use crate::guide::model::BranchOn;
use crate::guide::validate::closest;
use crate::i18n::LocalizedText;
use crate::roles::ContactRole;
use crate::sector::Sector;
use chrono::NaiveDate;
use toml::{Table, Value};

use super::TEXT_FIELDS;
/// `prefix.key`, or `key` at the top.
pub(super) fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// "a string", "an integer", … for messages.
pub(super) fn describe(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "true/false",
        Value::Datetime(_) => "a date/time",
        Value::Array(_) => "a list",
        Value::Table(_) => "a table",
    }
}

impl Reader<'_> {
    pub(super) fn string(&mut self, step: Option<&str>, field: &str, v: Option<&Value>) -> String {
        match v {
            None => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                self.wrong_type(step, field, "a string (in quotes)", other);
                String::new()
            }
        }
    }

    pub(super) fn opt_string(
        &mut self,
        step: Option<&str>,
        field: &str,
        v: Option<&Value>,
    ) -> Option<String> {
        v.map(|v| self.string(step, field, Some(v)))
    }

    pub(super) fn bool(&mut self, step: Option<&str>, field: &str, v: Option<&Value>) -> bool {
        match v {
            None => false,
            Some(Value::Boolean(b)) => *b,
            Some(other) => {
                self.wrong_type(step, field, "true or false", other);
                false
            }
        }
    }

    pub(super) fn u32(&mut self, field: &str, v: Option<&Value>, min: u32) -> Option<u32> {
        match v {
            None => None,
            Some(Value::Integer(i)) => match u32::try_from(*i) {
                Ok(n) if n >= min => Some(n),
                _ => {
                    self.error(
                        None,
                        field,
                        format!("{i} is out of range: use a whole number from {min} upwards"),
                    );
                    None
                }
            },
            Some(other) => {
                self.wrong_type(None, field, "a whole number", other);
                None
            }
        }
    }

    /// A localized text: a table `{ nb, nn, en }`, or a plain string meaning bokmål only.
    pub(super) fn text(
        &mut self,
        step: Option<&str>,
        field: &str,
        v: Option<&Value>,
    ) -> LocalizedText {
        match v {
            None => LocalizedText::default(),
            Some(Value::String(s)) => LocalizedText::nb(s.clone()),
            Some(Value::Table(t)) => {
                self.check_keys(
                    step,
                    field,
                    t,
                    TEXT_FIELDS,
                    "a text (languages are nb, nn, en)",
                );
                let nb = self.string(step, &join(field, "nb"), t.get("nb"));
                let nn = self.opt_string(step, &join(field, "nn"), t.get("nn"));
                let en = self.opt_string(step, &join(field, "en"), t.get("en"));
                LocalizedText { nb, nn, en }
            }
            Some(other) => {
                self.wrong_type(
                    step,
                    field,
                    "a text: a string, or a table with nb (required), nn and en",
                    other,
                );
                LocalizedText::default()
            }
        }
    }

    /// A list of values; a missing list is empty.
    pub(super) fn list<'v>(
        &mut self,
        step: Option<&str>,
        field: &str,
        v: Option<&'v Value>,
    ) -> &'v [Value] {
        match v {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong_type(step, field, "a list in [brackets]", other);
                &[]
            }
        }
    }

    /// A list of tables (`[[field]]`), each with its path `field[i]`.
    pub(super) fn tables<'v>(
        &mut self,
        step: Option<&str>,
        field: &str,
        v: Option<&'v Value>,
    ) -> Vec<(String, &'v Table)> {
        let mut out = Vec::new();
        for (i, item) in self.list(step, field, v).iter().enumerate() {
            let at = format!("{field}[{i}]");
            match item {
                Value::Table(t) => out.push((at, t)),
                other => self.wrong_type(step, &at, "a table", other),
            }
        }
        out
    }

    pub(super) fn strings(
        &mut self,
        step: Option<&str>,
        field: &str,
        v: Option<&Value>,
    ) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, item) in self.list(step, field, v).iter().enumerate() {
            let at = format!("{field}[{i}]");
            match item {
                Value::String(s) => out.push((at, s.clone())),
                other => self.wrong_type(step, &at, "a string (in quotes)", other),
            }
        }
        out
    }

    /// A list of sector ids (`audience`, a legal reference's sectors).
    pub(super) fn sectors(
        &mut self,
        step: Option<&str>,
        field: &str,
        v: Option<&Value>,
    ) -> Vec<Sector> {
        let known: Vec<&str> = Sector::ALL.iter().map(|x| x.id()).collect();
        let valid = format!("Valid sectors: {}", Sector::valid_ids());
        self.ids(step, field, v, "sector", &known, &valid)
    }

    /// A list of contact role ids (a step's `contacts`).
    pub(super) fn roles(
        &mut self,
        step: Option<&str>,
        field: &str,
        v: Option<&Value>,
    ) -> Vec<ContactRole> {
        let known: Vec<&str> = ContactRole::ALL.iter().map(|x| x.id()).collect();
        let valid = format!("Valid roles: {}", ContactRole::valid_ids());
        self.ids(step, field, v, "contact role", &known, &valid)
    }

    /// A list of ids of one vocabulary (`kind`): an unknown one is an error with a "did you
    /// mean" hint among `known` and the `valid` list.
    fn ids<T: std::str::FromStr>(
        &mut self,
        step: Option<&str>,
        field: &str,
        v: Option<&Value>,
        kind: &str,
        known: &[&str],
        valid: &str,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for (at, s) in self.strings(step, field, v) {
            match s.parse::<T>() {
                Ok(id) => out.push(id),
                Err(_) => {
                    let hint = closest(&s, known.iter().copied())
                        .map(|x| format!("did you mean `{x}`? "))
                        .unwrap_or_default();
                    self.error(step, &at, format!("unknown {kind} `{s}`: {hint}{valid}"));
                }
            }
        }
        out
    }

    /// A date: a TOML date (`2025-03-14`) or the same in quotes.
    pub(super) fn date(&mut self, field: &str, v: Option<&Value>) -> Option<NaiveDate> {
        const HOW: &str = "write the date as YYYY-MM-DD, e.g. reviewed_on = 2025-03-14";
        match v {
            None => {
                self.error(None, field, format!("missing: {HOW}"));
                None
            }
            Some(Value::Datetime(dt)) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
                    if date.is_none() {
                        self.error(None, field, format!("`{dt}` is not a valid date: {HOW}"));
                    }
                    date
                }
                _ => {
                    self.error(
                        None,
                        field,
                        format!("`{dt}` has a time of day: give the date only; {HOW}"),
                    );
                    None
                }
            },
            Some(Value::String(s)) => match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
                Ok(d) if s.trim().len() == 10 => Some(d),
                _ => {
                    self.error(None, field, format!("`{s}` is not a valid date: {HOW}"));
                    None
                }
            },
            Some(other) => {
                self.wrong_type(None, field, "a date (YYYY-MM-DD)", other);
                None
            }
        }
    }

    /// `branch_on = "sector"`; anything else is an error naming the valid keys.
    pub(super) fn branch_on(
        &mut self,
        step: Option<&str>,
        field: &str,
        v: Option<&Value>,
    ) -> Option<BranchOn> {
        let valid = || {
            BranchOn::ALL
                .iter()
                .map(|b| format!("\"{}\"", b.id()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match v {
            None => None,
            Some(Value::String(s)) => {
                let found = BranchOn::ALL.into_iter().find(|b| b.id() == s);
                if found.is_none() {
                    let hint = closest(s, BranchOn::ALL.iter().map(|b| b.id()))
                        .map(|x| format!("did you mean `{x}`? "))
                        .unwrap_or_default();
                    self.error(
                        step,
                        field,
                        format!("unknown branch key `{s}`: {hint}Use {}", valid()),
                    );
                }
                found
            }
            Some(other) => {
                self.wrong_type(step, field, &valid(), other);
                None
            }
        }
    }
}
