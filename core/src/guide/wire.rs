//! The wire format: a guide as JSON, exactly the serde form of the model.
//!
//! Tolerant where authoring is strict: unknown fields are ignored, so a newer server can add
//! fields without breaking older apps. A guide whose `min_client_version` is above this
//! build's [`CLIENT_VERSION`] is reported as [`ContentError::SchemaTooNew`] ("update the app"),
//! never a crash. Every guide read from the wire is validated before use.

use crate::error::{ContentError, ContentErrors, ContentIssue, Error, Severity};
use crate::guide::model::{Guide, CLIENT_VERSION};
use crate::guide::validate::validate_guide;
use serde::Deserialize;

/// The guide as wire JSON (compact UTF-8).
pub fn guide_to_json(guide: &Guide) -> Vec<u8> {
    // The model holds only strings, numbers, lists and string-keyed structs: this cannot fail.
    serde_json::to_vec(guide).expect("a guide always serializes to JSON")
}

/// Reads a guide from wire JSON; `what` names it in errors (e.g. "guide `x` from the server").
///
/// A guide (readable or not) whose `min_client_version` is above [`CLIENT_VERSION`] is
/// [`ContentError::SchemaTooNew`]; otherwise it is deserialized (ignoring unknown fields) and
/// validated, and any validation error makes it [`ContentError::Invalid`].
pub fn guide_from_json(what: &str, bytes: &[u8]) -> Result<Guide, Error> {
    /// Only the version gate, for a document the model cannot read: a newer format must be
    /// reported as "update the app", never mistaken for corruption.
    #[derive(Deserialize)]
    struct VersionProbe {
        #[serde(default)]
        min_client_version: Option<u64>,
    }
    let too_new = |needed: u64| {
        Error::Content(ContentError::SchemaTooNew {
            what: what.to_string(),
            needed: u32::try_from(needed).unwrap_or(u32::MAX),
            supported: CLIENT_VERSION,
        })
    };
    // Common case first: one parse. Only a document the model rejects is probed again.
    let guide: Guide = match serde_json::from_slice(bytes) {
        Ok(guide) => guide,
        Err(e) => {
            return Err(match serde_json::from_slice::<VersionProbe>(bytes) {
                Ok(VersionProbe {
                    min_client_version: Some(needed),
                }) if needed > u64::from(CLIENT_VERSION) => too_new(needed),
                _ => json_error(what, &e),
            })
        }
    };
    if guide.min_client_version > CLIENT_VERSION {
        return Err(too_new(guide.min_client_version.into()));
    }
    let errors: Vec<ContentIssue> = validate_guide(&guide, what)
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        Ok(guide)
    } else {
        Err(Error::Content(ContentError::Invalid(ContentErrors(errors))))
    }
}

fn json_error(what: &str, e: &serde_json::Error) -> Error {
    // serde_json appends " at line L column C"; the position is carried separately.
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(at) if e.line() > 0 => full[..at].to_string(),
        _ => full,
    };
    Error::Content(ContentError::Invalid(ContentErrors(vec![ContentIssue {
        severity: Severity::Error,
        file: what.to_string(),
        position: (e.line() > 0).then(|| (e.line(), e.column())),
        step: None,
        field: None,
        message: format!("not a readable guide: {message}"),
    }])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::authoring::parse_guide_toml;
    use serde_json::{json, Value};

    fn shipped() -> Guide {
        let src = include_str!("../../../server/content/guides/fra-bekymring-til-handling.toml");
        parse_guide_toml("shipped", src).unwrap().guide
    }

    fn as_value(g: &Guide) -> Value {
        serde_json::from_slice(&guide_to_json(g)).unwrap()
    }

    #[test]
    fn round_trips_the_shipped_guide() {
        let g = shipped();
        let back = guide_from_json("wire", &guide_to_json(&g)).unwrap();
        assert_eq!(back, g);
    }

    #[test]
    fn wire_shape_is_the_model() {
        let v = as_value(&shipped());
        assert_eq!(v["id"], "fra-bekymring-til-handling");
        assert_eq!(v["review"]["reviewed_on"].as_str().unwrap().len(), 10);
        let a1 = v["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "A1")
            .unwrap();
        assert_eq!(a1["kind"], "action");
        assert_eq!(a1["urgent"], true);
        assert!(a1["next"].is_string());
        assert!(a1["contacts"]
            .as_array()
            .unwrap()
            .contains(&json!("nodnummer")));
    }

    #[test]
    fn unknown_wire_fields_are_ignored_at_every_level() {
        let g = shipped();
        let mut v = as_value(&g);
        v["shiny_new_feature"] = json!({"anything": [1, 2, 3]});
        v["schema_version"] = json!(7);
        v["review"]["second_reviewer"] = json!("Kari");
        v["legal"][0]["amended_on"] = json!("2026-01-01");
        v["steps"][0]["video_url"] = json!("https://example.org/v.mp4");
        v["steps"][1]["options"][0]["icon"] = json!("warning");
        v["title"]["se"] = json!("Davvisámegiella");
        let back = guide_from_json("wire", &serde_json::to_vec(&v).unwrap()).unwrap();
        let mut expected = g;
        expected.schema_version = 7;
        assert_eq!(back, expected);
    }

    #[test]
    fn newer_min_client_version_is_schema_too_new_even_if_unreadable() {
        let v =
            json!({ "min_client_version": CLIENT_VERSION + 1, "steps": "a format we cannot read" });
        let err = guide_from_json("guide `x`", &serde_json::to_vec(&v).unwrap()).unwrap_err();
        match &err {
            Error::Content(ContentError::SchemaTooNew {
                needed, supported, ..
            }) => {
                assert_eq!(*needed, CLIENT_VERSION + 1);
                assert_eq!(*supported, CLIENT_VERSION);
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("update the app"), "{err}");
        let huge = br#"{"min_client_version": 99999999999}"#;
        assert!(matches!(
            guide_from_json("x", huge),
            Err(Error::Content(ContentError::SchemaTooNew {
                needed: u32::MAX,
                ..
            }))
        ));
    }

    #[test]
    fn newer_min_client_version_on_a_readable_guide_is_schema_too_new() {
        let mut v = as_value(&shipped());
        v["min_client_version"] = json!(CLIENT_VERSION + 1);
        // Even an otherwise invalid guide: the version gate comes first.
        v["steps"][0]["next"] = json!("nowhere");
        let err = guide_from_json("guide", &serde_json::to_vec(&v).unwrap()).unwrap_err();
        assert!(
            matches!(err, Error::Content(ContentError::SchemaTooNew { .. })),
            "{err:?}"
        );
    }

    #[test]
    fn current_min_client_version_is_accepted() {
        let mut v = as_value(&shipped());
        v["min_client_version"] = json!(CLIENT_VERSION);
        assert!(guide_from_json("wire", &serde_json::to_vec(&v).unwrap()).is_ok());
    }

    #[test]
    fn invalid_wire_guide_is_invalid_content_not_a_panic() {
        let mut v = as_value(&shipped());
        v["steps"][0]["next"] = json!("nowhere");
        match guide_from_json("guide from server", &serde_json::to_vec(&v).unwrap()) {
            Err(Error::Content(ContentError::Invalid(e))) => {
                let first = e.errors().next().unwrap();
                assert_eq!(first.file, "guide from server");
                assert_eq!(first.field.as_deref(), Some("next"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn malformed_json_and_dates_are_invalid_content_with_position() {
        match guide_from_json("w", b"{\n  \"id\": ") {
            Err(Error::Content(ContentError::Invalid(e))) => {
                assert_eq!(e.0[0].position.map(|p| p.0), Some(2), "{e}");
                assert!(!e.0[0].message.contains(" at line "), "{e}");
            }
            other => panic!("{other:?}"),
        }
        let mut v = as_value(&shipped());
        v["review"]["reviewed_on"] = json!("14.03.2025");
        assert!(matches!(
            guide_from_json("w", &serde_json::to_vec(&v).unwrap()),
            Err(Error::Content(ContentError::Invalid(_)))
        ));
    }
}
