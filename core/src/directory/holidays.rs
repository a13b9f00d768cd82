//! Norwegian public holidays (helligdager), including the Easter-based movable days.
//!
//! Easter Sunday is computed with the anonymous Gregorian computus (Meeus/Jones/Butcher);
//! Maundy Thursday, Good Friday, Easter Monday, Ascension Day and Whit Sunday/Monday follow
//! from it. Fixed days: 1 January, 1 May, 17 May, 25 and 26 December. Sundays are not listed:
//! opening hours already say which weekdays a channel is open.

use crate::i18n::Lang;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// A Norwegian public holiday on which offices are closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicHoliday {
    /// 1 January (første nyttårsdag).
    NewYearsDay,
    /// Thursday before Easter (skjærtorsdag).
    MaundyThursday,
    /// Friday before Easter (langfredag).
    GoodFriday,
    /// Easter Sunday (første påskedag).
    EasterSunday,
    /// Easter Monday (andre påskedag).
    EasterMonday,
    /// 1 May (arbeidernes dag).
    LabourDay,
    /// 17 May (grunnlovsdagen).
    ConstitutionDay,
    /// 39 days after Easter Sunday (Kristi himmelfartsdag).
    AscensionDay,
    /// 49 days after Easter Sunday (første pinsedag).
    WhitSunday,
    /// 50 days after Easter Sunday (andre pinsedag).
    WhitMonday,
    /// 25 December (første juledag).
    ChristmasDay,
    /// 26 December (andre juledag).
    BoxingDay,
}

impl PublicHoliday {
    /// The holiday's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        use PublicHoliday::*;
        match (self, lang) {
            (NewYearsDay, Lang::En) => "New Year's Day",
            (NewYearsDay, Lang::Nn) => "første nyttårsdag",
            (NewYearsDay, Lang::Nb) => "første nyttårsdag",
            (MaundyThursday, Lang::En) => "Maundy Thursday",
            (MaundyThursday, _) => "skjærtorsdag",
            (GoodFriday, Lang::En) => "Good Friday",
            (GoodFriday, _) => "langfredag",
            (EasterSunday, Lang::En) => "Easter Sunday",
            (EasterSunday, _) => "første påskedag",
            (EasterMonday, Lang::En) => "Easter Monday",
            (EasterMonday, _) => "andre påskedag",
            (LabourDay, Lang::En) => "Labour Day (1 May)",
            (LabourDay, _) => "1. mai",
            (ConstitutionDay, Lang::En) => "Constitution Day (17 May)",
            (ConstitutionDay, _) => "17. mai",
            (AscensionDay, Lang::En) => "Ascension Day",
            (AscensionDay, _) => "Kristi himmelfartsdag",
            (WhitSunday, Lang::En) => "Whit Sunday",
            (WhitSunday, _) => "første pinsedag",
            (WhitMonday, Lang::En) => "Whit Monday",
            (WhitMonday, _) => "andre pinsedag",
            (ChristmasDay, Lang::En) => "Christmas Day",
            (ChristmasDay, _) => "første juledag",
            (BoxingDay, Lang::En) => "Boxing Day",
            (BoxingDay, _) => "andre juledag",
        }
    }
}

/// Easter Sunday in the Gregorian calendar for `year` (meaningful from 1583 on).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    // The formula always yields 22 March ..= 25 April, which exist in every year.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
        .expect("computus yields a date in March or April")
}

/// Every public holiday in `year`, in date order.
pub fn public_holidays(year: i32) -> Vec<(NaiveDate, PublicHoliday)> {
    let easter = easter_sunday(year);
    let from_easter = |offset: i64| {
        if offset < 0 {
            easter - Days::new(offset.unsigned_abs())
        } else {
            easter + Days::new(offset as u64)
        }
    };
    let fixed = |month: u32, day: u32| {
        NaiveDate::from_ymd_opt(year, month, day).expect("fixed holidays exist every year")
    };
    let mut days = vec![
        (fixed(1, 1), PublicHoliday::NewYearsDay),
        (from_easter(-3), PublicHoliday::MaundyThursday),
        (from_easter(-2), PublicHoliday::GoodFriday),
        (easter, PublicHoliday::EasterSunday),
        (from_easter(1), PublicHoliday::EasterMonday),
        (fixed(5, 1), PublicHoliday::LabourDay),
        (fixed(5, 17), PublicHoliday::ConstitutionDay),
        (from_easter(39), PublicHoliday::AscensionDay),
        (from_easter(49), PublicHoliday::WhitSunday),
        (from_easter(50), PublicHoliday::WhitMonday),
        (fixed(12, 25), PublicHoliday::ChristmasDay),
        (fixed(12, 26), PublicHoliday::BoxingDay),
    ];
    // Ascension or Whit Monday can fall on 1 or 17 May; keep both names but date order.
    days.sort_by_key(|(date, _)| *date);
    days
}

/// The public holiday on `date`, if it is one.
pub fn public_holiday(date: NaiveDate) -> Option<PublicHoliday> {
    let (month, day) = (date.month(), date.day());
    match (month, day) {
        (1, 1) => return Some(PublicHoliday::NewYearsDay),
        (5, 1) => return Some(PublicHoliday::LabourDay),
        (5, 17) => return Some(PublicHoliday::ConstitutionDay),
        (12, 25) => return Some(PublicHoliday::ChristmasDay),
        (12, 26) => return Some(PublicHoliday::BoxingDay),
        _ => {}
    }
    // Movable days lie between 19 March (Maundy Thursday) and 14 June (Whit Monday).
    if !(3..=6).contains(&month) {
        return None;
    }
    let offset = date
        .signed_duration_since(easter_sunday(date.year()))
        .num_days();
    match offset {
        -3 => Some(PublicHoliday::MaundyThursday),
        -2 => Some(PublicHoliday::GoodFriday),
        0 => Some(PublicHoliday::EasterSunday),
        1 => Some(PublicHoliday::EasterMonday),
        39 => Some(PublicHoliday::AscensionDay),
        49 => Some(PublicHoliday::WhitSunday),
        50 => Some(PublicHoliday::WhitMonday),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_matches_published_dates() {
        // Published Western Easter dates, including the earliest (22 March 2285) and the
        // latest (25 April 1943, 2038) possible.
        let known = [
            (1943, 4, 25),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2038, 4, 25),
            (2285, 3, 22),
        ];
        for (y, m, d) in known {
            assert_eq!(easter_sunday(y), date(y, m, d), "Easter {y}");
        }
    }

    #[test]
    fn movable_days_of_2026() {
        assert_eq!(
            public_holiday(date(2026, 4, 2)),
            Some(PublicHoliday::MaundyThursday)
        );
        assert_eq!(
            public_holiday(date(2026, 4, 3)),
            Some(PublicHoliday::GoodFriday)
        );
        assert_eq!(
            public_holiday(date(2026, 4, 6)),
            Some(PublicHoliday::EasterMonday)
        );
        assert_eq!(
            public_holiday(date(2026, 5, 14)),
            Some(PublicHoliday::AscensionDay)
        );
        assert_eq!(
            public_holiday(date(2026, 5, 24)),
            Some(PublicHoliday::WhitSunday)
        );
        assert_eq!(
            public_holiday(date(2026, 5, 25)),
            Some(PublicHoliday::WhitMonday)
        );
        assert_eq!(public_holiday(date(2026, 4, 7)), None);
        assert_eq!(public_holiday(date(2026, 12, 24)), None);
    }

    #[test]
    fn fixed_days_and_count() {
        assert_eq!(
            public_holiday(date(2027, 5, 17)),
            Some(PublicHoliday::ConstitutionDay)
        );
        assert_eq!(
            public_holiday(date(2027, 12, 26)),
            Some(PublicHoliday::BoxingDay)
        );
        for year in 1990..2100 {
            let days = public_holidays(year);
            assert_eq!(days.len(), 12, "{year}");
            for (d, h) in &days {
                assert!(public_holiday(*d).is_some(), "{d} {h:?}");
            }
            assert!(days.windows(2).all(|w| w[0].0 <= w[1].0));
        }
    }
}
