//! Reading tab-separated reference files (postcode register, bydel pairs): text encoding,
//! numbered lines, fields with their columns, and error collection with a cap.

use crate::error::{ContentErrors, ContentIssue, Severity};
use std::borrow::Cow;

/// At most this many findings are listed per file; the rest are counted.
const MAX_ISSUES_PER_FILE: usize = 50;

/// Decodes a reference file: UTF-8 (with or without BOM) when valid, otherwise Bring's
/// "ANSI" encoding, Windows-1252 (a superset of Latin-1 for printable text).
pub fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// One data line: its 1-based number and its tab-separated fields.
pub(crate) struct TabLine<'a> {
    pub number: usize,
    pub fields: Vec<&'a str>,
}

impl TabLine<'_> {
    /// The 1-based column where field `index` starts (computed only for findings).
    pub fn column(&self, index: usize) -> usize {
        let index = index.min(self.fields.len());
        self.fields[..index]
            .iter()
            .map(|f| f.chars().count() + 1)
            .sum::<usize>()
            + 1
    }

    /// The column just past the end of the line (for "missing field" findings).
    pub fn end_column(&self) -> usize {
        self.column(self.fields.len()) - 1
    }
}

/// The data lines of `text`: blank lines and `#` comments are skipped; `\r\n` is accepted.
pub(crate) fn tab_lines(text: &str) -> impl Iterator<Item = TabLine<'_>> {
    text.split('\n').enumerate().filter_map(|(i, raw)| {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        let mut fields = Vec::with_capacity(5);
        fields.extend(line.split('\t'));
        Some(TabLine {
            number: i + 1,
            fields,
        })
    })
}

/// The slot (0..=9999) of a 4-digit postcode, for array-backed indexes.
pub(crate) fn postcode_slot(postnummer: &str) -> Option<usize> {
    let b = postnummer.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        b.iter()
            .fold(0usize, |acc, d| acc * 10 + usize::from(d - b'0')),
    )
}

/// Findings for one file, capped at a readable number.
pub(crate) struct FileFindings {
    file: String,
    issues: Vec<ContentIssue>,
    dropped: usize,
}

impl FileFindings {
    pub fn new(file: &str) -> Self {
        FileFindings {
            file: file.to_string(),
            issues: Vec::new(),
            dropped: 0,
        }
    }

    /// Records an error at `line`:`column` in `field`.
    pub fn error(&mut self, line: usize, column: usize, field: &str, message: impl Into<String>) {
        if self.issues.len() >= MAX_ISSUES_PER_FILE {
            self.dropped += 1;
            return;
        }
        self.issues.push(ContentIssue {
            severity: Severity::Error,
            file: self.file.clone(),
            position: Some((line, column)),
            step: None,
            field: Some(field.to_string()),
            message: message.into(),
        });
    }

    /// Records an error about the whole file.
    pub fn file_error(&mut self, field: Option<&str>, message: impl Into<String>) {
        self.issues.push(ContentIssue {
            severity: Severity::Error,
            file: self.file.clone(),
            position: None,
            step: None,
            field: field.map(str::to_string),
            message: message.into(),
        });
    }

    /// `Ok(value)` when nothing was found, else every finding.
    pub fn finish<T>(mut self, value: T) -> Result<T, ContentErrors> {
        if self.dropped > 0 {
            let n = self.dropped;
            self.file_error(None, format!("… and {n} more errors in this file"));
        }
        if self.issues.is_empty() {
            Ok(value)
        } else {
            Err(ContentErrors(self.issues))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_and_latin1() {
        assert_eq!(decode_text("BÆRUM".as_bytes()), "BÆRUM");
        assert_eq!(decode_text(b"\xEF\xBB\xBFOSLO"), "OSLO");
        assert_eq!(decode_text(b"B\xC6RUM \xD8ST \xC5S"), "BÆRUM ØST ÅS");
    }

    #[test]
    fn lines_carry_numbers_and_columns() {
        let lines: Vec<_> = tab_lines("# c\n0001\tOSLO\r\n\n5003\tBERGEN").collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].number, 2);
        assert_eq!(lines[0].fields, vec!["0001", "OSLO"]);
        assert_eq!(lines[0].column(1), 6);
        assert_eq!(lines[1].number, 4);
        assert_eq!(lines[1].end_column(), 12);
        assert_eq!(postcode_slot("0582"), Some(582));
        assert_eq!(postcode_slot("58a2"), None);
    }
}
