//! Fuzz target `highwater`: the body is `veiviser_testkit::fuzz::highwater`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| veiviser_testkit::fuzz::highwater(data));
