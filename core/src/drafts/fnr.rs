//! The Norwegian fødselsnummer and D-number: 11 digits, a plausible date, and both mod-11
//! check digits. The KS Fiks schema does not restrict `fnr`, so D-numbers (day + 40) are
//! accepted, as are synthetic test numbers (month + 80, Skatteetaten's Tenor).

/// Why an identity number is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FnrError {
    /// Not exactly 11 digits.
    Length,
    /// The first six digits are not a date (after the D-number and test offsets).
    Date,
    /// A check digit does not match.
    CheckDigit,
}

const K1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// The mod-11 check digit of `digits` with `weights`; `None` when the remainder gives 10.
fn check_digit(digits: &[u32], weights: &[u32]) -> Option<u32> {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k),
    }
}

/// Checks a fødselsnummer or D-number (spaces are ignored).
pub fn check_fnr(input: &str) -> Result<(), FnrError> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() != 11 || !compact.chars().all(|c| c.is_ascii_digit()) {
        return Err(FnrError::Length);
    }
    let d: Vec<u32> = compact.chars().filter_map(|c| c.to_digit(10)).collect();
    let mut day = d[0] * 10 + d[1];
    let mut month = d[2] * 10 + d[3];
    if day > 40 {
        day -= 40; // D-number
    }
    if month > 80 {
        month -= 80; // synthetic test number
    }
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return Err(FnrError::Date);
    }
    let k1 = check_digit(&d[..9], &K1).ok_or(FnrError::CheckDigit)?;
    if k1 != d[9] {
        return Err(FnrError::CheckDigit);
    }
    let k2 = check_digit(&d[..10], &K2).ok_or(FnrError::CheckDigit)?;
    if k2 != d[10] {
        return Err(FnrError::CheckDigit);
    }
    Ok(())
}

/// Completes nine digits (date + individual number) with both check digits, when possible.
pub fn with_check_digits(nine: &str) -> Option<String> {
    let d: Vec<u32> = nine
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    if d.len() != 9 {
        return None;
    }
    let k1 = check_digit(&d, &K1)?;
    let mut ten = d.clone();
    ten.push(k1);
    let k2 = check_digit(&ten, &K2)?;
    Some(format!("{nine}{k1}{k2}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPECTED: &str = "01020310045";

    #[test]
    fn completed_numbers_pass_and_a_changed_check_digit_fails() {
        let fnr = (100..1000)
            .find_map(|i| with_check_digits(&format!("010203{i}")))
            .unwrap();
        // Computed independently (by hand, with the published weights).
        assert_eq!(fnr, EXPECTED);
        assert_eq!(check_fnr(&fnr), Ok(()));
        let mut wrong: Vec<char> = fnr.chars().collect();
        wrong[10] = char::from_digit((wrong[10].to_digit(10).unwrap() + 1) % 10, 10).unwrap();
        let wrong: String = wrong.into_iter().collect();
        assert_eq!(check_fnr(&wrong), Err(FnrError::CheckDigit));
    }

    #[test]
    fn d_numbers_and_formats() {
        let d = (100..1000)
            .find_map(|i| with_check_digits(&format!("410203{i}")))
            .unwrap();
        assert_eq!(check_fnr(&d), Ok(()));
        assert_eq!(check_fnr("123"), Err(FnrError::Length));
        assert_eq!(check_fnr("0102031234a"), Err(FnrError::Length));
        assert_eq!(check_fnr("32130312345"), Err(FnrError::Date));
    }
}
