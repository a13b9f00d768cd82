//! Renders the app's screens (the core's `AppView`) to accessible, self-contained HTML.
//!
//! The same renderer serves the browser tests of every screen state (`render-screens`, driven
//! in headless Chromium by `tests/browser/app/`) and the admin preview, which shows a draft
//! guide's steps exactly as staff see them. Nothing here writes a sentence of its own: every
//! visible or spoken text comes from the view (the core's catalog or signed content).
//!
//! The HTML has semantic landmarks (`header`, `main`, `nav`), one `h1`, real `tel:` links and
//! buttons, targets of at least 3rem (48 CSS px at 100 % text), a visible focus ring, no
//! script and no external resource; every size is in rem so 200 % text scales it.

pub mod markup;

/// The stylesheet every page embeds; the admin preview may serve it once for many fragments.
pub const STYLESHEET: &str = include_str!("style.css");
