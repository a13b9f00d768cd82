//! Fuzz target `guide_toml`: the body is `veiviser_testkit::fuzz::guide_toml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| veiviser_testkit::fuzz::guide_toml(data));
