//! Fuzz target `changeset`: the body is `veiviser_testkit::fuzz::changeset`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| veiviser_testkit::fuzz::changeset(data));
