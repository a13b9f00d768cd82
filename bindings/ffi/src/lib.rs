//! uniffi façade over `veiviser-core`: no logic of its own, one error conversion point.

uniffi::setup_scaffolding!();
