//! Fuzz target `key_files`: the body is `veiviser_testkit::fuzz::key_files`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| veiviser_testkit::fuzz::key_files(data));
