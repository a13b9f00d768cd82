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
//!
//! For the admin preview: build an `App` over the draft content, dispatch the events that
//! reach the step, and render its frame; an [`ActionTarget`] decides where each action links
//! (e.g. back to the preview with the event in the query), [`Inert`] links none:
//!
//! ```ignore
//! let view = app.dispatch(Event::new(now, Action::OpenGuide { guide_id }));
//! let page = veiviser_html::render_page(&view, &veiviser_html::Inert);
//! // or, inside the admin's own page (which includes veiviser_html::STYLESHEET once):
//! let fragment = veiviser_html::render_fragment(&view, &my_links);
//! ```

pub mod markup;

/// The stylesheet every page embeds; the admin preview may serve it once for many fragments.
pub const STYLESHEET: &str = include_str!("style.css");

mod actions;
mod numbers;
mod page;
mod screens;
mod step;

pub use actions::{action_id, ActionTarget, Inert};

use veiviser_core::app::AppView;

/// The screen as a whole HTML document (`<html lang>`, the stylesheet embedded, no script).
pub fn render_page(view: &AppView, target: &dyn ActionTarget) -> String {
    page::document(view, target)
}

/// The screen as a fragment to embed in another page (the admin preview), in a
/// `<div class="veiviser-app" lang>`; the page must include [`STYLESHEET`].
pub fn render_fragment(view: &AppView, target: &dyn ActionTarget) -> String {
    page::fragment(view, target)
}
