//! Finds digit runs in prose that look like phone numbers (they must come from contact roles).
//!
//! Guide text is written once and read for years; a number typed into prose goes stale
//! silently. Numbers belong to contact roles, which the directory keeps current, so the
//! validator warns about anything here that looks like a number someone could dial.

/// Characters that may separate the digit groups of one spoken number ("22 70 56 50").
fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Characters that glue digits into something that is not a phone number ("13-2", "16.15", "282/283").
fn is_digit_glue(c: char) -> bool {
    matches!(c, '-' | '.' | '/' | ',' | ':' | '–')
}

/// Every digit run in `text` that looks like a phone number, as written (e.g. `"116 111"`).
///
/// Recognised: Norwegian 8-digit numbers (optionally spaced, optionally `+47`), the
/// emergency numbers 110, 112 and 113, the harmonised 116 xxx numbers (116 111, 116 117)
/// and 5-digit short numbers starting with 0 (02800). Digits glued to letters or to other
/// digits by `-`, `.`, `/`, `,` or `:` (section numbers, dates, times, ranges) are ignored.
pub(crate) fn phone_like_runs(text: &str) -> Vec<String> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new(); // the common case, without allocating
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        // A run: digit groups joined by single separators.
        let start = i;
        let mut digits = String::new();
        let mut groups = 0;
        let mut end = i; // exclusive index into `chars`
        loop {
            let group_start = end;
            while end < chars.len() && chars[end].1.is_ascii_digit() {
                digits.push(chars[end].1);
                end += 1;
            }
            if end > group_start {
                groups += 1;
            }
            let joins_next = end + 1 < chars.len()
                && is_group_separator(chars[end].1)
                && chars[end + 1].1.is_ascii_digit();
            if joins_next {
                end += 1;
            } else {
                break;
            }
        }
        i = end;

        let before = start.checked_sub(1).map(|k| chars[k].1);
        let before2 = start.checked_sub(2).map(|k| chars[k].1);
        let after = chars.get(end).map(|c| c.1);
        let after2 = chars.get(end + 1).map(|c| c.1);
        let glued_to_letter =
            before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric);
        let glued_before =
            before.is_some_and(is_digit_glue) && before2.is_some_and(|c| c.is_ascii_digit());
        let glued_after =
            after.is_some_and(is_digit_glue) && after2.is_some_and(|c| c.is_ascii_digit());
        if glued_to_letter || glued_before || glued_after {
            continue;
        }

        let international = before == Some('+');
        let national: &str = if international && digits.starts_with("47") {
            &digits[2..]
        } else {
            &digits
        };
        let looks_like_phone = match national.len() {
            8 => true,
            3 => groups == 1 && matches!(national, "110" | "112" | "113"),
            5 => national.starts_with('0'),
            6 => national.starts_with("116"),
            _ => international && national.len() >= 8,
        };
        if looks_like_phone {
            let from = if before == Some('+') {
                chars[start - 1].0
            } else {
                chars[start].0
            };
            let to = chars.get(end).map_or(text.len(), |c| c.0);
            found.push(text[from..to].to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::phone_like_runs;

    #[test]
    fn finds_spaced_and_plain_eight_digit_numbers() {
        assert_eq!(phone_like_runs("Ring 22 70 56 50 i dag"), ["22 70 56 50"]);
        assert_eq!(phone_like_runs("Tlf. 22705650."), ["22705650"]);
        assert_eq!(phone_like_runs("ring +47 22 70 56 50"), ["+47 22 70 56 50"]);
        assert_eq!(phone_like_runs("ring +4722705650"), ["+4722705650"]);
    }

    #[test]
    fn finds_emergency_and_short_numbers() {
        assert_eq!(phone_like_runs("Ring 112 eller 113."), ["112", "113"]);
        assert_eq!(phone_like_runs("brann: 110"), ["110"]);
        assert_eq!(phone_like_runs("Alarmtelefonen 116 111"), ["116 111"]);
        assert_eq!(phone_like_runs("legevakt (116117)"), ["116117"]);
        assert_eq!(phone_like_runs("politiet på 02800"), ["02800"]);
    }

    #[test]
    fn ignores_sections_dates_times_and_counts() {
        for text in [
            "barnevernsloven § 13-2",
            "straffeloven § 196 og § 282/283",
            "innen 14 dager, over 15 år",
            "lov 2021-06-18-97",
            "chat 16:15–22:45",
            "den 15.01.2025",
            "nivå 0/1, steg A1 og Q4",
            "i 2009–2021, 40 kommuner",
            "1,5 mill",
        ] {
            assert!(
                phone_like_runs(text).is_empty(),
                "{text}: {:?}",
                phone_like_runs(text)
            );
        }
    }
}
