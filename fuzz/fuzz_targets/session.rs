//! Fuzz target `session`: the body is `veiviser_testkit::fuzz::session`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| veiviser_testkit::fuzz::session(data));
