//! The preview walk of a draft guide exactly as staff will see it: the core's app model
//! (`veiviser_core::app`) over the live content with the draft in place of its guide, each
//! screen rendered by `veiviser-html`, the staff app's own HTML renderer.
//!
//! Without script, every move is a link: the moves so far ride in the query (`do=answer:ID`,
//! `do=next`, `do=back`, …) and each request replays them from the start, so the walk is
//! what a device would show after the same taps.

use std::sync::Arc;
use std::time::SystemTime;
use veiviser_core::app::{Action, App, AppContent, AppView, Event, GuideEntry};
use veiviser_core::directory::ContactBook;
use veiviser_core::guide::Guide;
use veiviser_core::i18n::Lang;
use veiviser_core::sector::Sector;
use veiviser_html::ActionTarget;

/// Most moves replayed in one preview (a walk is far shorter; a longer query is cut).
pub const MAX_MOVES: usize = 200;

/// One move of the walk as it rides in the query.
pub fn move_of(action: &Action) -> Option<String> {
    Some(match action {
        Action::Answer { option_id } => format!("answer:{option_id}"),
        Action::Next => "next".into(),
        Action::Back => "back".into(),
        Action::AcuteExit => "acute".into(),
        Action::RestartWalk => "restart".into(),
        Action::SetSector { sector: Some(s) } => format!("sector:{}", s.id()),
        Action::SkipSector => "skip-sector".into(),
        Action::SkipArea => "skip-area".into(),
        _ => return None,
    })
}

/// Reads a move back (`None`: not a move).
pub fn action_of(m: &str) -> Option<Action> {
    Some(match m {
        "next" => Action::Next,
        "back" => Action::Back,
        "acute" => Action::AcuteExit,
        "restart" => Action::RestartWalk,
        "skip-sector" => Action::SkipSector,
        "skip-area" => Action::SkipArea,
        _ => {
            if let Some(id) = m.strip_prefix("answer:") {
                Action::Answer {
                    option_id: id.to_string(),
                }
            } else if let Some(id) = m.strip_prefix("sector:") {
                let sector = Sector::ALL.into_iter().find(|s| s.id() == id)?;
                Action::SetSector {
                    sector: Some(sector),
                }
            } else {
                return None;
            }
        }
    })
}

/// Links each walk move to the preview with that move added; every other action (home,
/// settings, contacts) stays a button that does nothing here.
pub struct PreviewLinks {
    /// The preview's path, e.g. `/admin/drafts/ID/preview`.
    pub base: String,
    /// The language shown.
    pub lang: Lang,
    /// The moves so far.
    pub moves: Vec<String>,
}

impl PreviewLinks {
    /// The URL of the preview after `moves`.
    pub fn url(&self, moves: &[String]) -> String {
        let mut url = format!("{}?lang={}", self.base, self.lang.code());
        for m in moves {
            url.push_str("&do=");
            url.push_str(&crate::admin_web::page::percent_encode(m));
        }
        url
    }
}

impl ActionTarget for PreviewLinks {
    fn href(&self, action: &Action) -> Option<String> {
        let m = move_of(action)?;
        let mut moves = self.moves.clone();
        moves.push(m);
        Some(self.url(&moves))
    }
}

/// The screen after opening `draft` and making `moves`, over `live` guides and `book`.
pub fn preview(
    draft: &Guide,
    live: Vec<Guide>,
    book: Arc<ContactBook>,
    lang: Lang,
    moves: &[String],
) -> AppView {
    let mut guides: Vec<GuideEntry> = live
        .into_iter()
        .filter(|g| g.id != draft.id)
        .map(|g| GuideEntry::new(g.id.clone(), Ok(Arc::new(g))))
        .collect();
    guides.insert(
        0,
        GuideEntry::new(draft.id.clone(), Ok(Arc::new(draft.clone()))),
    );
    let mut app = App::new(AppContent::new(guides, book));
    let now = SystemTime::now();
    app.dispatch(Event::new(now, Action::SetLanguage { lang }));
    let mut view = app.dispatch(Event::new(
        now,
        Action::OpenGuide {
            guide_id: draft.id.clone(),
        },
    ));
    for m in moves.iter().take(MAX_MOVES) {
        if let Some(action) = action_of(m) {
            view = app.dispatch(Event::new(now, action));
        }
    }
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use veiviser_core::app::ScreenId;

    #[test]
    fn moves_round_trip() {
        for a in [
            Action::Next,
            Action::Back,
            Action::AcuteExit,
            Action::RestartWalk,
            Action::SkipSector,
            Action::SkipArea,
            Action::Answer {
                option_id: "vold".into(),
            },
            Action::SetSector {
                sector: Some(Sector::ALL[0]),
            },
        ] {
            let m = move_of(&a).unwrap();
            assert_eq!(move_of(&action_of(&m).unwrap()).unwrap(), m);
        }
        assert!(action_of("home").is_none());
        assert!(move_of(&Action::GoHome).is_none());
    }

    #[test]
    fn the_walk_shows_the_draft_text_and_moves_on() {
        let mut guide = crate::admin_web::test_support::shipped("snakke-med-barnet");
        guide.steps[0].text = veiviser_core::i18n::LocalizedText::nb("Utkastets tekst <b>her</b>");
        let book = Arc::new(ContactBook::new(Default::default(), Default::default()));
        let view = preview(&guide, Vec::new(), book.clone(), Lang::Nb, &[]);
        assert_eq!(view.screen_id, ScreenId::GuideStep);
        let links = PreviewLinks {
            base: "/admin/drafts/x/preview".into(),
            lang: Lang::Nb,
            moves: Vec::new(),
        };
        let html = veiviser_html::render_fragment(&view, &links);
        assert!(
            html.contains("Utkastets tekst &lt;b&gt;her&lt;/b&gt;"),
            "{html}"
        );
        assert!(
            html.contains("/admin/drafts/x/preview?lang=nb&amp;do=next"),
            "{html}"
        );
        let next = preview(&guide, Vec::new(), book, Lang::Nb, &["next".into()]);
        let html = veiviser_html::render_fragment(&next, &links);
        assert!(!html.contains("Utkastets tekst"));
    }
}
