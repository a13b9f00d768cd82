//! The renderer over every sample state of `apps/screens.md` (the demo content, nb, nn, en):
//! the document's shape, no script, every action marked, and no sentence of its own — every
//! text the page shows or speaks comes from the AppView.

#[path = "../src/demo_content.rs"]
mod demo_content;

use serde_json::Value;
use veiviser_core::app::samples::sample_states;
use veiviser_core::app::AppView;
use veiviser_core::Lang;
use veiviser_html::{render_fragment, render_page, Inert, STYLESHEET};

/// Every string in the view (its serde form), longest first.
fn view_strings(view: &AppView) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(view).unwrap(), &mut out);
    out.retain(|s| !s.trim().is_empty());
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text nodes of the body and the values of `aria-label`, unescaped.
fn texts(html: &str) -> Vec<String> {
    let body = &html[html.find("<body>").expect("a body")..];
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(end) = rest.find('<') {
        let text = unescape(&rest[..end]);
        if !text.trim().is_empty() {
            out.push(text);
        }
        let close = rest[end..].find('>').expect("a closed tag") + end;
        let tag = &rest[end..close];
        if let Some(i) = tag.find("aria-label=\"") {
            let v = &tag[i + 12..];
            out.push(unescape(&v[..v.find('"').unwrap()]));
        }
        rest = &rest[close + 1..];
    }
    out
}

/// Whether any tag carries an inline event handler (` onclick=` and the like).
fn has_handler(html: &str) -> bool {
    html.split('<').any(|tag| {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        tag.split_whitespace().skip(1).any(|attr| {
            let name = attr.split('=').next().unwrap_or("");
            attr.contains('=')
                && name.len() > 2
                && name.starts_with("on")
                && name.chars().all(|c| c.is_ascii_lowercase())
        })
    })
}

/// What is left of `text` once every view string is taken out: only the renderer's own
/// separators may remain.
fn invented(text: &str, strings: &[String]) -> Option<String> {
    let mut rest = text.to_string();
    for s in strings {
        rest = rest.replace(s.as_str(), " ");
    }
    let own = |c: char| c.is_whitespace() || " ·–:()".contains(c);
    (!rest.chars().all(own)).then(|| rest.trim().to_string())
}

#[test]
fn every_sample_state_renders_without_a_sentence_of_its_own() {
    let content = demo_content::demo_content().unwrap();
    let mut pages = 0;
    for lang in Lang::ALL {
        let states = sample_states(&content, lang);
        assert!(
            states.len() >= 9,
            "{lang}: only {} sample states",
            states.len()
        );
        for s in states {
            let html = render_page(&s.view, &Inert);
            let at = format!("{lang} {}", s.id);
            assert!(
                html.starts_with(&format!("<!doctype html><html lang=\"{}\">", lang.code())),
                "{at}"
            );
            assert!(html.contains(STYLESHEET), "{at}: stylesheet not embedded");
            assert!(
                !html.contains("<script") && !has_handler(&html),
                "{at}: script in the page"
            );
            assert_eq!(html.matches("<h1>").count(), 1, "{at}: one h1");
            let acute = html.find("class=\"acute-bar\"").expect("acute bar");
            assert!(
                acute < html.find("<main").unwrap(),
                "{at}: the acute bar comes first"
            );
            assert!(
                html[acute..].starts_with("class=\"acute-bar\"")
                    && html.contains("href=\"tel:112\""),
                "{at}"
            );
            let actions = html.matches("<a ").count() + html.matches("<button").count();
            assert_eq!(
                html.matches("data-action=").count()
                    + html.matches("<a href=\"https://lovdata").count(),
                actions,
                "{at}: an unmarked action"
            );
            let strings = view_strings(&s.view);
            for text in texts(&html) {
                if let Some(left) = invented(&text, &strings) {
                    panic!("{at}: the renderer shows text that is not in the AppView: {left:?} (in {text:?})");
                }
            }
            let fragment = render_fragment(&s.view, &Inert);
            assert!(
                fragment.starts_with(&format!(
                    "<div class=\"veiviser-app\" lang=\"{}\">",
                    lang.code()
                )),
                "{at}"
            );
            pages += 1;
        }
    }
    assert!(pages >= 27, "{pages} pages");
}

#[test]
fn the_invented_text_check_can_fail() {
    let strings = vec!["Ring 112".to_string(), "Politi".to_string()];
    assert_eq!(invented("Ring 112 · Politi", &strings), None);
    assert_eq!(invented("Ring 112 now", &strings), Some("now".into()));
    let html = "<body><p>Politi</p><button aria-label=\"Click here\">Ring 112</button></body>";
    let found: Vec<_> = texts(html)
        .into_iter()
        .filter_map(|t| invented(&t, &strings))
        .collect();
    assert_eq!(found, vec!["Click here".to_string()]);
    assert!(has_handler("<p><a href=\"x\" onclick=\"go()\">x</a></p>"));
    assert!(!has_handler("<p>Se on sjølv</p><a href=\"x\">om</a>"));
}
