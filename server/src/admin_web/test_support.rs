//! Test-only helpers of the admin web modules: the shipped demo guides as models.

use veiviser_core::guide::{parse_guide_toml, Guide};

/// The ids of the shipped demo guides.
pub const SHIPPED: [&str; 5] = [
    "fra-bekymring-til-handling",
    "snakke-med-barnet",
    "den-nodvendige-samtalen",
    "mistanke-om-vold-og-overgrep",
    "skrive-bekymringsmelding",
];

/// The shipped guide `name` (from `server/content/guides/`).
pub fn shipped(name: &str) -> Guide {
    let path = format!("{}/content/guides/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).unwrap();
    parse_guide_toml(&path, &src).unwrap().guide
}
