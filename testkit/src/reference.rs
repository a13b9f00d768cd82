//! The reference data: the full postcode register and the bydel pairs, outside the repository.
//!
//! Found through `VEIVISER_REFERENCE_DIR`, or `<repo>/../shared/reference`. Tests and
//! benchmarks that need it never skip: a missing folder is a loud panic that says what to set.

use std::path::PathBuf;

/// The environment variable that names the reference-data folder.
pub const REFERENCE_DIR_ENV: &str = "VEIVISER_REFERENCE_DIR";

/// `VEIVISER_REFERENCE_DIR`, or `<repo>/../shared/reference`; panics when it does not hold
/// `postnummer/postal_codes.tab` and `bydel-postnummer/`.
pub fn reference_dir() -> PathBuf {
    let dir = match std::env::var_os(REFERENCE_DIR_ENV) {
        Some(d) => PathBuf::from(d),
        None => crate::repo_root().join("../shared/reference"),
    };
    assert!(
        dir.join("postnummer/postal_codes.tab").is_file() && dir.join("bydel-postnummer").is_dir(),
        "reference data not found at {}: set {REFERENCE_DIR_ENV} to the folder holding \
         postnummer/postal_codes.tab and bydel-postnummer/ (tests and benchmarks never skip)",
        dir.display()
    );
    dir
}

/// The full postcode register, `postnummer/postal_codes.tab` in the reference data.
pub fn postal_codes() -> PathBuf {
    reference_dir().join("postnummer/postal_codes.tab")
}

/// The folder of bydel ↔ postcode pair files, `bydel-postnummer/` in the reference data.
pub fn bydel_pairs_dir() -> PathBuf {
    reference_dir().join("bydel-postnummer")
}
