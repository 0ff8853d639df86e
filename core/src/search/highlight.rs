//! Marking what matched on the original text: the words a query begins, as
//! byte ranges of the text as written ("Bénévoles" whole for "benev"), and a
//! window around the first match of a long text.

use super::{fold, words};

/// A piece of a text: `text[start..end]`, and whether it is a matched word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Where it starts (a byte offset on a character boundary).
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
    /// A word whose folded form begins with a word of the query.
    pub matched: bool,
}

/// Combining marks, kept inside a word ("e" + U+0301 is one letter). The
/// common blocks only: the app builds without Unicode tables.
const fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Calls `each` with the byte range of every word of `text` (a run of letters,
/// digits and combining marks), in order; stops when it returns `false`.
fn each_word(text: &str, each: &mut dyn FnMut(usize, usize) -> bool) {
    let mut start = None;
    for (at, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || is_mark(c);
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                start = None;
                if !each(from, at) {
                    return;
                }
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        each(from, text.len());
    }
}

/// Whether the written word `word` matches one of the folded `query` words.
/// Words starting with an ASCII letter no query word starts with are ruled
/// out without folding (most words of a long text, cheaply).
fn word_matches(word: &str, query: &[String]) -> bool {
    if let Some(first) = word.chars().next()
        && first.is_ascii()
    {
        let first = first.to_ascii_lowercase();
        if !query.iter().any(|q| q.starts_with(first)) {
            return false;
        }
    }
    let folded = fold(word);
    folded
        .split(' ')
        .any(|part| query.iter().any(|q| part.starts_with(q.as_str())))
}

/// `text` cut into segments covering it whole, in order: the words whose
/// folded form begins with a folded word of `query` are `matched`, the rest
/// (other words, spaces, punctuation) is not. Ranges are on `text` as written,
/// so accents and case are kept. No query words: one unmatched segment.
#[must_use]
pub fn highlight(text: &str, query: &str) -> Vec<Segment> {
    let query = words(query);
    let mut segments = Vec::new();
    let mut done = 0;
    if !query.is_empty() {
        each_word(text, &mut |start, end| {
            if word_matches(&text[start..end], &query) {
                if start > done {
                    segments.push(Segment {
                        start: done,
                        end: start,
                        matched: false,
                    });
                }
                segments.push(Segment {
                    start,
                    end,
                    matched: true,
                });
                done = end;
            }
            true
        });
    }
    if done < text.len() {
        segments.push(Segment {
            start: done,
            end: text.len(),
            matched: false,
        });
    }
    segments
}

/// A window of about `chars` characters of `text` around its first word
/// matching `query`, cut on word boundaries, with "…" where text was left
/// out. The text whole when it is short enough; its beginning when nothing
/// matches.
#[must_use]
pub fn snippet(text: &str, query: &str, chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let query = words(query);
    let mut first = None;
    if !query.is_empty() {
        each_word(text, &mut |start, end| {
            if word_matches(&text[start..end], &query) {
                first = Some(start);
                return false;
            }
            true
        });
    }
    let at = first.unwrap_or(0);
    // A third of the window before the match, the rest after.
    let lead = chars / 3;
    let mut start = text[..at]
        .char_indices()
        .rev()
        .nth(lead.saturating_sub(1))
        .map_or(0, |(index, _)| index);
    if lead == 0 {
        start = at;
    }
    let mut end = text[start..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(index, _)| start + index);
    // Cut on word boundaries: move the start forward to a word's beginning,
    // the end back to a word's end.
    if start > 0 && start < at {
        let rest = &text[start..at];
        if let Some(space) = rest.find(char::is_whitespace) {
            start += space;
        }
    }
    if end < text.len()
        && let Some(space) = text[at.max(start)..end].rfind(char::is_whitespace)
    {
        end = at.max(start) + space;
    }
    let mut out = String::with_capacity(end - start + 8);
    if start > 0 {
        out.push('…');
    }
    out.push_str(text[start..end].trim());
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matched words of `text` for `query`.
    fn marked(text: &str, query: &str) -> Vec<String> {
        highlight(text, query)
            .into_iter()
            .filter(|segment| segment.matched)
            .map(|segment| text[segment.start..segment.end].to_owned())
            .collect()
    }

    #[test]
    fn a_folded_prefix_highlights_the_whole_written_word() {
        assert_eq!(marked("Accueil des Bénévoles", "benev"), vec!["Bénévoles"]);
        assert_eq!(marked("l’École, l'école", "ECOLE"), vec!["École", "école"]);
        assert_eq!(marked("e\u{301}quipe", "equ"), vec!["e\u{301}quipe"]);
        assert_eq!(
            marked("Site-web et site web", "site-web"),
            vec!["Site", "web", "site", "web"]
        );
        assert!(marked("Pôle accueil", "zz").is_empty());
    }

    #[test]
    fn segments_cover_the_text_in_order() {
        let text = "« Pôle » accueil, pôles !";
        let segments = highlight(text, "pole");
        assert_eq!(segments.first().map(|s| s.start), Some(0));
        assert_eq!(segments.last().map(|s| s.end), Some(text.len()));
        for pair in segments.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        assert_eq!(marked(text, "pole"), vec!["Pôle", "pôles"]);
        assert_eq!(highlight("", "pole"), vec![]);
        assert_eq!(
            highlight("abc", ""),
            vec![Segment {
                start: 0,
                end: 3,
                matched: false
            }]
        );
    }

    #[test]
    fn a_snippet_is_a_window_around_the_first_match() {
        let body = "Un deux trois quatre cinq six sept huit neuf dix onze douze treize \
                    quatorze quinze seize dix-sept : accueillir les bénévoles avec soin, \
                    puis vingt vingt-et-un vingt-deux vingt-trois vingt-quatre vingt-cinq.";
        let cut = snippet(body, "benevoles", 40);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("bénévoles"), "{cut}");
        assert!(cut.chars().count() <= 42, "{cut}");
        assert!(!cut.contains("  "));
        // Words are whole: every word of the snippet is a word of the body.
        for word in cut.trim_matches('…').split_whitespace() {
            assert!(
                body.split_whitespace().any(|w| w == word),
                "{word} in {cut}"
            );
        }
        assert_eq!(snippet("Court", "x", 40), "Court");
        assert!(snippet(body, "zzz", 20).starts_with("Un deux"));
    }
}
