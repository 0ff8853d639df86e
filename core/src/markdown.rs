//! Markdown to HTML that is safe to insert into the page.
//!
//! Kit bodies and steps are written by members and read by everyone, often
//! offline, so what they write must never run in the app: raw HTML is shown as
//! the text it is (`<script>` reads as `<script>`), and only `http(s):` and
//! `mailto:` links stay links (a `javascript:` or relative link keeps its text
//! and loses its target). Images are not loaded (they would call third-party
//! servers and fail offline): an image whose address is allowed becomes a link
//! to it, labelled with its description. Headings move one level down, so a
//! body's `#` sits under the kit's own title.
//!
//! Parsing is CommonMark with tables, strikethrough and task lists
//! ([`pulldown_cmark`]); the HTML writer escapes every text and attribute.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Whether `url` may be a link target: `http:`, `https:` or `mailto:`,
/// ignoring case and leading spaces or control characters (which browsers
/// ignore too).
#[must_use]
pub fn is_safe_url(url: &str) -> bool {
    let url = url.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    let scheme: String = url
        .chars()
        .take(8)
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|allowed| scheme.starts_with(allowed))
}

const fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// `markdown` rendered as HTML safe to insert into the page (see the module).
#[must_use]
pub fn to_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    // Per open link or image: whether its start was kept (so is its end).
    let mut kept: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Heading {
            level,
            id: _,
            classes: _,
            attrs: _,
        }) => Some(Event::Start(Tag::Heading {
            level: lower(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })
        | Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = is_safe_url(&dest_url);
            kept.push(safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link | TagEnd::Image) => kept
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html =
            to_html("Avant\n\n<script>alert('x')</script>\n\nUn <b onclick=\"x()\">mot</b>.");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;b onclick="), "{html}");
    }

    #[test]
    fn only_web_and_mail_links_stay_links() {
        let html = to_html(
            "[site](https://example.org) [mail](mailto:a@example.org) \
             [piège](javascript:alert(1)) [casse](JaVaScRiPt:alert(1)) \
             [espace]( \tjavascript:alert(1)) [données](data:text/html,x) [relatif](/reglages)",
        );
        assert!(
            html.contains(r#"<a href="https://example.org">site</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="mailto:a@example.org">mail</a>"#),
            "{html}"
        );
        for text in ["piège", "casse", "espace", "données", "relatif"] {
            assert!(html.contains(text), "{text} kept as text: {html}");
        }
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
    }

    #[test]
    fn images_become_links_and_never_load() {
        let html = to_html("![Affiche](https://example.org/a.png) ![x](javascript:alert(1))");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org/a.png">Affiche</a>"#),
            "{html}"
        );
    }

    #[test]
    fn headings_sit_under_the_title_and_lists_and_tables_render() {
        let html =
            to_html("# Avant\n\n- un\n- deux\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] fait");
        assert!(html.contains("<h2>Avant</h2>"), "{html}");
        assert!(html.contains("<li>un</li>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("checkbox"), "{html}");
    }

    #[test]
    fn link_text_inside_a_refused_link_keeps_its_emphasis() {
        let html = to_html("[**gras**](javascript:x)");
        assert!(html.contains("<strong>gras</strong>"), "{html}");
        assert!(!html.contains("<a"), "{html}");
    }
}
