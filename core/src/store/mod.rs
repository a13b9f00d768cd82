//! Local content storage behind a trait: sled on devices, in memory for tests.
