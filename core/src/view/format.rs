//! Small formatting helpers shared by the view models: local times and enum ids.

use crate::i18n::catalog as msg;
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;
use std::fmt::Write as _;

/// A local time as people read it: "man. 23.11.2026 09:00" (nb), "Mon 23.11.2026 09:00" (en).
pub fn local_time_text(t: NaiveDateTime, lang: Lang) -> String {
    let day = match t.weekday().num_days_from_monday() {
        0 => msg::WEEKDAY_MON,
        1 => msg::WEEKDAY_TUE,
        2 => msg::WEEKDAY_WED,
        3 => msg::WEEKDAY_THU,
        4 => msg::WEEKDAY_FRI,
        5 => msg::WEEKDAY_SAT,
        _ => msg::WEEKDAY_SUN,
    };
    // Written by hand: chrono's `format` parses its pattern on every call.
    let mut out = String::with_capacity(24);
    let _ = write!(
        out,
        "{} {:02}.{:02}.{:04} {:02}:{:02}",
        day.get(lang),
        t.day(),
        t.month(),
        t.year(),
        t.hour(),
        t.minute()
    );
    out
}

/// A date as `YYYY-MM-DD`.
pub fn date_text(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    out
}

/// The JSON id of a unit enum variant (its serde name), e.g. `constitution_day`.
pub(crate) fn code_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_read_as_people_write_them() {
        let t = NaiveDate::from_ymd_opt(2027, 5, 18)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        assert_eq!(local_time_text(t, Lang::Nb), "tir. 18.05.2027 08:00");
        assert_eq!(local_time_text(t, Lang::Nn), "tys. 18.05.2027 08:00");
        assert_eq!(local_time_text(t, Lang::En), "Tue 18.05.2027 08:00");
        assert_eq!(date_text(t.date()), "2027-05-18");
    }
}
