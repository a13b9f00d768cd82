//! A minimal HTML writer: escaped text and attributes, elements opened and closed in order.
//!
//! Every string that reaches the page goes through [`Markup::text`] or an attribute value, so
//! content can never inject markup (guide texts come from signed content, but an admin preview
//! shows drafts that are not signed yet).

/// Escapes text for an element's content.
pub fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// Escapes text for a double-quoted attribute value.
pub fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// An HTML document or fragment being written.
#[derive(Debug, Default)]
pub struct Markup {
    out: String,
    ids: usize,
}

impl Markup {
    /// An empty fragment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `<tag a="v" …>`; an attribute with an empty name is skipped.
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            if name.is_empty() {
                continue;
            }
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_attr(value, &mut self.out);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// Writes `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Writes escaped text.
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_text(s, &mut self.out);
        self
    }

    /// Writes `<tag …>text</tag>`.
    pub fn elem(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// Writes markup that is already safe (a fixed string of this crate, never content).
    pub fn raw(&mut self, s: &'static str) -> &mut Self {
        self.out.push_str(s);
        self
    }

    /// A new id, unique in this document: `prefix-N`.
    pub fn next_id(&mut self, prefix: &str) -> String {
        self.ids += 1;
        format!("{prefix}-{}", self.ids)
    }

    /// The markup written so far.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut m = Markup::new();
        m.elem("a", &[("href", "x\"><script>")], "<b>&</b>");
        assert_eq!(
            m.finish(),
            "<a href=\"x&quot;&gt;&lt;script&gt;\">&lt;b&gt;&amp;&lt;/b&gt;</a>"
        );
    }

    #[test]
    fn empty_attribute_names_are_skipped() {
        let mut m = Markup::new();
        m.open("p", &[("", "ignored"), ("class", "x")]).close("p");
        assert_eq!(m.finish(), "<p class=\"x\"></p>");
    }
}
