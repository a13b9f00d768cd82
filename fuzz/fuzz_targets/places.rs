//! Fuzz target `places`: the body is `veiviser_testkit::fuzz::places`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| veiviser_testkit::fuzz::places(data));
