//! A guide draft's text (authoring TOML) as the core's model and back.
//!
//! A valid draft is read with the core's strict reader. A draft that has errors (a broken
//! target, an empty text) must still open in the editor so the errors can be fixed there, so
//! it is also read leniently: the TOML tree straight into the model's serde form, which
//! fails only when the structure itself is wrong (then the editor offers the TOML instead).

use crate::publishing::content::guide_record;
use serde_json::Value as Json;
use toml::Value as Toml;
use veiviser_core::guide::{parse_guide_toml, Guide};

/// Reads a guide draft's TOML; `Err` says why the form editor cannot open it.
pub fn guide_of_toml(label: &str, text: &str) -> Result<Guide, String> {
    if let Ok(parsed) = parse_guide_toml(label, text) {
        return Ok(parsed.guide);
    }
    let tree: Toml = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
    serde_json::from_value(json_of(tree)).map_err(|e| e.to_string())
}

/// The guide as authoring TOML (what a draft stores and `veiviser check` reads).
pub fn guide_to_toml(guide: &Guide) -> Result<String, String> {
    let tree = Toml::try_from(guide_record(guide)).map_err(|e| e.to_string())?;
    toml::to_string_pretty(&tree).map_err(|e| e.to_string())
}

/// A TOML tree as JSON; dates become their text (`2027-06-01`), as the model reads them.
fn json_of(v: Toml) -> Json {
    match v {
        Toml::String(s) => Json::String(s),
        Toml::Integer(i) => Json::from(i),
        Toml::Float(f) => Json::from(f),
        Toml::Boolean(b) => Json::Bool(b),
        Toml::Datetime(d) => Json::String(d.to_string()),
        Toml::Array(items) => Json::Array(items.into_iter().map(json_of).collect()),
        Toml::Table(t) => Json::Object(t.into_iter().map(|(k, v)| (k, json_of(v))).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use veiviser_core::guide::StepKind;

    #[test]
    fn shipped_guides_round_trip_and_a_broken_draft_still_opens() {
        let dir = format!("{}/content/guides", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let guide = guide_of_toml("g", &text).unwrap();
            let toml = guide_to_toml(&guide).unwrap();
            assert_eq!(guide_of_toml("back", &toml).unwrap(), guide);
            assert!(
                parse_guide_toml("strict", &toml).is_ok(),
                "{}",
                path.display()
            );
        }
        let text = std::fs::read_to_string(format!(
            "{}/content/guides/snakke-med-barnet.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let mut guide = guide_of_toml("g", &text).unwrap();
        if let StepKind::Action { next } = &mut guide.steps[0].kind {
            *next = "FINNES-IKKE".into();
        }
        let broken = guide_to_toml(&guide).unwrap();
        assert!(parse_guide_toml("strict", &broken).is_err());
        assert_eq!(guide_of_toml("lenient", &broken).unwrap(), guide);
        assert!(guide_of_toml("syntax", "id = ").is_err());
    }
}
