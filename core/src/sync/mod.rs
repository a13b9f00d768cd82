//! Signed content and the sans-I/O sync engine: canonical bytes, signatures, changesets.
