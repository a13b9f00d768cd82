//! Unit tests of the app model over the demo-shaped content built in memory.

use super::*;
