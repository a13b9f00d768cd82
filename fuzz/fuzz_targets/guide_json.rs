//! Fuzz target `guide_json`: the body is `veiviser_testkit::fuzz::guide_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| veiviser_testkit::fuzz::guide_json(data));
