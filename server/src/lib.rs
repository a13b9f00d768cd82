//! The Veiviser publishing server as a library, so tests can build the same router as `main`.
