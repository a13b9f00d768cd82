//! Fuzz target `directory`: the body is `veiviser_testkit::fuzz::directory`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| veiviser_testkit::fuzz::directory(data));
