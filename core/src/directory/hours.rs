//! Opening hours of one contact channel, in Norwegian local time.
//!
//! Written by admins as short specs, one string or a list:
//! `"24/7"`, `"mon-fri 08:00-15:30"`, `["mon-fri 08:00-11:30, 12:00-15:30", "sat 10:00-14:00"]`,
//! `"daily 16:15-22:45"`. Days: `mon tue wed thu fri sat sun` (or `man tir ons tor fre lør søn`),
//! ranges `mon-fri`, lists `mon,wed`, and `daily`. An interval whose end is not after its start
//! runs past midnight (`fri 16:00-08:00`); `24:00` ends at midnight.

use crate::i18n::Lang;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

const DAY_IDS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_NB: [&str; 7] = ["man", "tir", "ons", "tor", "fre", "lør", "søn"];
const DAY_NN: [&str; 7] = ["mån", "tys", "ons", "tor", "fre", "lau", "sun"];
const DAY_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const ALL_DAYS: u8 = 0b111_1111;

/// One line of a spec: a set of weekdays and the intervals they are open.
#[derive(Debug, Clone, PartialEq, Eq)]
struct HoursRule {
    /// Bit 0 is Monday … bit 6 Sunday.
    days: u8,
    /// Minutes after midnight, `[start, end)`; `end <= start` runs past midnight.
    intervals: Vec<(u16, u16)>,
}

/// When a channel answers: always, or on given weekdays in given intervals (local time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "HoursSpec", into = "Vec<String>")]
pub struct OpeningHours {
    always: bool,
    rules: Arc<[HoursRule]>,
    /// The specs and descriptions, written once when the hours are built: answers show
    /// them many times, and formatting them each time was most of a contacts answer's cost.
    texts: Arc<HoursTexts>,
}

/// The texts of one [`OpeningHours`], derived from its rules.
#[derive(Debug, PartialEq, Eq)]
struct HoursTexts {
    specs: Vec<String>,
    /// In the order of [`Lang::ALL`] (nb, nn, en).
    described: [String; 3],
}

/// The file form of opening hours: one spec or a list of specs.
#[derive(Deserialize)]
#[serde(untagged)]
enum HoursSpec {
    One(String),
    Many(Vec<String>),
}

impl TryFrom<HoursSpec> for OpeningHours {
    type Error = String;

    fn try_from(spec: HoursSpec) -> Result<Self, Self::Error> {
        match spec {
            HoursSpec::One(s) => OpeningHours::parse(&[s.as_str()]),
            HoursSpec::Many(list) => {
                let refs: Vec<&str> = list.iter().map(String::as_str).collect();
                OpeningHours::parse(&refs)
            }
        }
    }
}

impl From<OpeningHours> for Vec<String> {
    fn from(hours: OpeningHours) -> Self {
        hours.specs()
    }
}

impl OpeningHours {
    /// Open around the clock, every day including public holidays.
    pub fn always() -> Self {
        OpeningHours::new(true, Vec::new())
    }

    fn new(always: bool, rules: Vec<HoursRule>) -> Self {
        let texts = HoursTexts {
            specs: compute_specs(always, &rules),
            described: Lang::ALL.map(|lang| compute_description(always, &rules, lang)),
        };
        OpeningHours {
            always,
            rules: rules.into(),
            texts: Arc::new(texts),
        }
    }

    /// Parses a list of specs (see the module docs); the error says what to write instead.
    pub fn parse(specs: &[&str]) -> Result<Self, String> {
        if specs.is_empty() {
            return Err("opening hours are empty: write e.g. \"mon-fri 08:00-15:30\" or \"24/7\", or leave the field out when the hours are not known".into());
        }
        let mut rules = Vec::new();
        for spec in specs {
            let spec = spec.trim();
            if matches!(spec, "24/7" | "always" | "døgnåpent") {
                if specs.len() > 1 {
                    return Err("\"24/7\" cannot be combined with other opening hours".into());
                }
                return Ok(OpeningHours::always());
            }
            rules.push(parse_rule(spec)?);
        }
        Ok(OpeningHours::new(false, rules))
    }

    /// True when the channel is open around the clock.
    pub fn is_always(&self) -> bool {
        self.always
    }

    /// Whether the channel is open at local time `at`; `closed_day` says which dates it
    /// is closed all day (public holidays, the entry's own closed dates). Round-the-clock
    /// channels ignore `closed_day`.
    pub fn is_open(&self, at: NaiveDateTime, closed_day: &dyn Fn(NaiveDate) -> bool) -> bool {
        if self.always {
            return true;
        }
        let today = at.date();
        let minute = (at.hour() * 60 + at.minute()) as u16;
        let weekday = today.weekday().num_days_from_monday();
        let yesterday_weekday = (weekday + 6) % 7;
        let mut today_closed: Option<bool> = None;
        let mut yesterday_closed: Option<bool> = None;
        for rule in self.rules.iter() {
            for &(start, end) in &rule.intervals {
                let wraps = end <= start;
                if rule.days & (1 << weekday) != 0
                    && minute >= start
                    && (wraps || minute < end)
                    && !*today_closed.get_or_insert_with(|| closed_day(today))
                {
                    return true;
                }
                if wraps && rule.days & (1 << yesterday_weekday) != 0 && minute < end {
                    let closed = *yesterday_closed
                        .get_or_insert_with(|| today.pred_opt().map(closed_day).unwrap_or(true));
                    if !closed {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// The next local time after `at` when the channel opens, looking two weeks ahead;
    /// `None` for round-the-clock channels and when nothing opens within that time.
    pub fn next_opening(
        &self,
        at: NaiveDateTime,
        closed_day: &dyn Fn(NaiveDate) -> bool,
    ) -> Option<NaiveDateTime> {
        if self.always {
            return None;
        }
        let mut day = at.date();
        for _ in 0..15 {
            let weekday = day.weekday().num_days_from_monday();
            let mut best: Option<NaiveDateTime> = None;
            if !closed_day(day) {
                for rule in self.rules.iter().filter(|r| r.days & (1 << weekday) != 0) {
                    for &(start, _) in &rule.intervals {
                        let time = NaiveTime::from_hms_opt(
                            u32::from(start) / 60,
                            u32::from(start) % 60,
                            0,
                        )?;
                        let candidate = day.and_time(time);
                        if candidate > at && best.is_none_or(|b| candidate < b) {
                            best = Some(candidate);
                        }
                    }
                }
            }
            if best.is_some() {
                return best;
            }
            day = day.checked_add_days(Days::new(1))?;
        }
        None
    }

    /// The canonical specs, as written back to files and shown in JSON.
    pub fn specs(&self) -> Vec<String> {
        self.texts.specs.clone()
    }

    /// The canonical specs, borrowed.
    pub fn spec_texts(&self) -> &[String] {
        &self.texts.specs
    }

    /// A short human description, e.g. "man–fre 08:00–15:30" or "hele døgnet".
    pub fn describe(&self, lang: Lang) -> String {
        self.description(lang).to_string()
    }

    /// The description in `lang`, borrowed.
    pub fn description(&self, lang: Lang) -> &str {
        let i = match lang {
            Lang::Nb => 0,
            Lang::Nn => 1,
            Lang::En => 2,
        };
        &self.texts.described[i]
    }
}

fn compute_specs(always: bool, rules: &[HoursRule]) -> Vec<String> {
    if always {
        return vec!["24/7".into()];
    }
    rules
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                days_text(r.days, &DAY_IDS, "-", "daily"),
                intervals_text(&r.intervals, "-")
            )
        })
        .collect()
}

fn compute_description(always: bool, rules: &[HoursRule], lang: Lang) -> String {
    if always {
        return match lang {
            Lang::En => "24/7".into(),
            Lang::Nn => "heile døgnet".into(),
            Lang::Nb => "hele døgnet".into(),
        };
    }
    let (names, daily) = match lang {
        Lang::En => (&DAY_EN, "daily"),
        Lang::Nn => (&DAY_NN, "kvar dag"),
        Lang::Nb => (&DAY_NB, "hver dag"),
    };
    rules
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                days_text(r.days, names, "–", daily),
                intervals_text(&r.intervals, "–")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl fmt::Display for OpeningHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.specs().join("; "))
    }
}

fn parse_rule(spec: &str) -> Result<HoursRule, String> {
    let hint = "write e.g. \"mon-fri 08:00-15:30\", \"daily 16:15-22:45\" or \"24/7\"";
    let (days_part, times_part) = spec
        .split_once(char::is_whitespace)
        .ok_or_else(|| format!("`{spec}` needs days and times: {hint}"))?;
    let days = parse_days(days_part).map_err(|e| format!("`{spec}`: {e}; {hint}"))?;
    let mut intervals = Vec::new();
    for part in times_part.split(',') {
        let part = part.trim();
        let (start, end) = part
            .split_once(['-', '–'])
            .ok_or_else(|| format!("`{part}` is not an interval like 08:00-15:30; {hint}"))?;
        let start = parse_minute(start.trim(), false).map_err(|e| format!("`{spec}`: {e}"))?;
        let end = parse_minute(end.trim(), true).map_err(|e| format!("`{spec}`: {e}"))?;
        if start == end {
            return Err(format!(
                "`{spec}`: interval {part} is empty; for round-the-clock write \"24/7\""
            ));
        }
        intervals.push((start, end % (24 * 60)));
    }
    Ok(HoursRule { days, intervals })
}

fn parse_days(text: &str) -> Result<u8, String> {
    let text = text.to_lowercase();
    if matches!(text.as_str(), "daily" | "daglig") {
        return Ok(ALL_DAYS);
    }
    let mut mask = 0u8;
    for token in text.split(',') {
        let token = token.trim();
        if let Some((from, to)) = token.split_once(['-', '–']) {
            let (from, to) = (day_index(from)?, day_index(to)?);
            if from > to {
                return Err(format!(
                    "day range `{token}` runs backwards: write it Monday-first (mon-fri)"
                ));
            }
            for d in from..=to {
                mask |= 1 << d;
            }
        } else {
            mask |= 1 << day_index(token)?;
        }
    }
    Ok(mask)
}

fn day_index(text: &str) -> Result<u8, String> {
    let text = text.trim();
    DAY_IDS
        .iter()
        .position(|d| *d == text)
        .or_else(|| DAY_NB.iter().position(|d| *d == text))
        .or(match text {
            "lor" => Some(5),
            "son" => Some(6),
            _ => None,
        })
        .map(|i| i as u8)
        .ok_or_else(|| {
            format!("unknown day `{text}`: use mon, tue, wed, thu, fri, sat, sun or daily")
        })
}

fn parse_minute(text: &str, allow_24: bool) -> Result<u16, String> {
    let bad = || format!("`{text}` is not a time like 08:00");
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if (h == 24 && m == 0 && allow_24) || (h < 24 && m < 60) {
        Ok(h * 60 + m)
    } else {
        Err(bad())
    }
}

fn days_text(mask: u8, names: &[&str; 7], dash: &str, all: &str) -> String {
    if mask == ALL_DAYS {
        return all.to_string();
    }
    let mut parts = Vec::new();
    let mut d = 0;
    while d < 7 {
        if mask & (1 << d) == 0 {
            d += 1;
            continue;
        }
        let start = d;
        while d + 1 < 7 && mask & (1 << (d + 1)) != 0 {
            d += 1;
        }
        parts.push(match d - start {
            0 => names[start].to_string(),
            1 => format!("{},{}", names[start], names[d]),
            _ => format!("{}{dash}{}", names[start], names[d]),
        });
        d += 1;
    }
    parts.join(",")
}

fn intervals_text(intervals: &[(u16, u16)], dash: &str) -> String {
    let time = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
    intervals
        .iter()
        .map(|&(s, e)| {
            let end = if e == 0 { "24:00".to_string() } else { time(e) };
            format!("{}{dash}{}", time(s), end)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn never_closed(_: NaiveDate) -> bool {
        false
    }

    #[test]
    fn weekday_office_hours() {
        let h = OpeningHours::parse(&["mon-fri 08:00-15:30"]).unwrap();
        // 2026-11-23 is a Monday.
        assert!(h.is_open(at(2026, 11, 23, 8, 0), &never_closed));
        assert!(h.is_open(at(2026, 11, 23, 15, 29), &never_closed));
        assert!(!h.is_open(at(2026, 11, 23, 15, 30), &never_closed));
        assert!(!h.is_open(at(2026, 11, 23, 7, 59), &never_closed));
        assert!(
            !h.is_open(at(2026, 11, 28, 10, 0), &never_closed),
            "Saturday"
        );
        assert_eq!(
            h.next_opening(at(2026, 11, 27, 16, 0), &never_closed),
            Some(at(2026, 11, 30, 8, 0)),
            "Friday afternoon → Monday morning"
        );
    }

    #[test]
    fn closed_days_close_and_are_skipped() {
        let h = OpeningHours::parse(&["mon-fri 08:00-15:30"]).unwrap();
        let closed = |d: NaiveDate| d == NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(!h.is_open(at(2026, 11, 23, 10, 0), &closed));
        assert_eq!(
            h.next_opening(at(2026, 11, 23, 10, 0), &closed),
            Some(at(2026, 11, 24, 8, 0))
        );
    }

    #[test]
    fn overnight_intervals_belong_to_the_day_they_start() {
        let h = OpeningHours::parse(&["fri 16:00-08:00"]).unwrap();
        assert!(
            h.is_open(at(2026, 11, 27, 23, 0), &never_closed),
            "Friday night"
        );
        assert!(
            h.is_open(at(2026, 11, 28, 7, 0), &never_closed),
            "Saturday early"
        );
        assert!(!h.is_open(at(2026, 11, 28, 9, 0), &never_closed));
        let friday_closed = |d: NaiveDate| d == NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert!(!h.is_open(at(2026, 11, 28, 7, 0), &friday_closed));
    }

    #[test]
    fn always_ignores_closed_days() {
        let h = OpeningHours::parse(&["24/7"]).unwrap();
        assert!(h.is_open(at(2026, 5, 17, 3, 0), &|_| true));
        assert_eq!(h.next_opening(at(2026, 5, 17, 3, 0), &|_| true), None);
    }

    #[test]
    fn specs_round_trip_and_describe() {
        let h = OpeningHours::parse(&["man-fre 08:00-11:30,12:00-15:30", "sat,sun 10:00-24:00"])
            .unwrap();
        assert_eq!(
            h.specs(),
            vec!["mon-fri 08:00-11:30, 12:00-15:30", "sat,sun 10:00-24:00"]
        );
        let again =
            OpeningHours::parse(&h.specs().iter().map(String::as_str).collect::<Vec<_>>()).unwrap();
        assert_eq!(again, h);
        assert_eq!(
            h.describe(Lang::Nb),
            "man–fre 08:00–11:30, 12:00–15:30; lør,søn 10:00–24:00"
        );
        assert_eq!(
            OpeningHours::parse(&["daily 16:15-22:45"])
                .unwrap()
                .describe(Lang::En),
            "daily 16:15–22:45"
        );
    }

    #[test]
    fn bad_specs_say_what_to_write() {
        for bad in [
            "mon-fri",
            "mon-fri 8-15",
            "fri-mon 08:00-10:00",
            "xyz 08:00-10:00",
            "mon 25:00-26:00",
            "mon 08:00-08:00",
        ] {
            let err = OpeningHours::parse(&[bad]).unwrap_err();
            assert!(err.contains(bad) || err.contains("08:00"), "{bad}: {err}");
        }
        assert!(OpeningHours::parse(&["24/7", "mon 08:00-10:00"]).is_err());
    }
}
