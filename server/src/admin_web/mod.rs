//! The admin web UI at `/admin` (issue 11, item 9): server-rendered HTML pages over the admin
//! service, working without JavaScript, bokmål first with English available, WCAG 2.1 AA,
//! under a strict Content-Security-Policy.
//!
//! - [`messages`]: the UI's own message table (nb, en);
//! - [`flowchart`]: a guide's graph as SVG plus a text outline;
//! - [`diff`]: what a draft changes against live (fields and graph edges);
//! - [`editor`]: the forms over the core's model (guide steps, directory entries);
//! - [`page`]: the page chrome and rendering; [`security`]: the CSP and other headers.

pub mod diff;
pub mod editor;
pub mod flowchart;
pub mod messages;
pub mod page;
pub mod pages;
pub mod security;
