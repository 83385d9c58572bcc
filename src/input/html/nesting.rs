//! A bound on how deeply elements nest, applied to the markup before it is parsed.
//!
//! html5ever's tree builder looks through the stack of open elements for every start tag, so a
//! page of n nested `<div>`s costs n² steps: 10,000 levels took 0.5 s and 100,000 levels 94 s
//! (measured, release build). Browsers bound the depth instead: Chromium's HTML parser attaches
//! elements past depth 512 as siblings (`kMaximumHTMLParserDOMTreeDepth`). Here start and end
//! tags past [`MAX_DEPTH`] are dropped (those of block elements become `<br>`, so that their
//! text stays apart); the text is kept. Real pages nest a few dozen levels.

use std::borrow::Cow;

/// Chromium's bound on the depth of the tree its HTML parser builds.
pub(super) const MAX_DEPTH: usize = 512;

/// Elements without content: never open.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out (a `<p>` closes the previous `<p>`): not counted, so
/// that a page of unclosed paragraphs does not look deep.
const OPTIONAL_END: [&str; 19] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead", "tfoot",
    "colgroup", "rb", "rt", "rp", "rtc", "html", "body",
];

/// Elements whose content is text, not markup, up to their end tag.
const RAW_TEXT: [&str; 7] = [
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes",
];

/// `page`, with tags that would nest deeper than [`MAX_DEPTH`] taken out.
pub(super) fn bounded(page: &str) -> Cow<'_, str> {
    if scan(page, None) <= MAX_DEPTH {
        return Cow::Borrowed(page);
    }
    let mut out = String::with_capacity(page.len());
    scan(page, Some(&mut out));
    Cow::Owned(out)
}

/// Walks the tags of `page`, returning the deepest nesting seen; with `out`, copies the page
/// there without the tags past [`MAX_DEPTH`].
fn scan(page: &str, mut out: Option<&mut String>) -> usize {
    let bytes = page.as_bytes();
    let (mut depth, mut dropped, mut deepest) = (0usize, 0usize, 0usize);
    // The depth of the `<svg>` or `<math>` we are in: there, `<path/>` closes itself; in HTML,
    // `<div/>` and `<x/>` open an element.
    let mut foreign: Option<usize> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(k) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + k;
        let tag = Tag::at(bytes, start);
        at = tag.end;
        let keep = match tag.kind {
            Kind::Open(_) if tag.self_closing && foreign.is_some() => true,
            Kind::Open(ref name) if counts(name) => {
                if depth < MAX_DEPTH {
                    depth += 1;
                    deepest = deepest.max(depth);
                    if foreign.is_none() && matches!(name.as_str(), "svg" | "math") {
                        foreign = Some(depth);
                    }
                    true
                } else {
                    dropped += 1;
                    deepest = deepest.max(depth + dropped);
                    false
                }
            }
            Kind::Close(ref name) if counts(name) => {
                if dropped > 0 {
                    dropped -= 1;
                    false
                } else {
                    depth = depth.saturating_sub(1);
                    if foreign.is_some_and(|at| depth < at) {
                        foreign = None;
                    }
                    true
                }
            }
            _ => true,
        };
        if let Some(out) = out.as_deref_mut()
            && !keep
        {
            out.push_str(&page[copied..start]);
            if tag.kind.name().is_some_and(super::is_block) {
                out.push_str("<br>");
            }
            copied = tag.end;
        }
        if let Kind::Open(name) = &tag.kind
            && RAW_TEXT.contains(&name.as_str())
        {
            at = raw_text_end(bytes, at, name);
        }
    }
    if let Some(out) = out {
        out.push_str(&page[copied..]);
    }
    deepest
}

/// Whether an element of this name adds a level of nesting that its end tag removes.
fn counts(name: &str) -> bool {
    !VOID.contains(&name) && !OPTIONAL_END.contains(&name)
}

/// Where the raw text of element `name`, starting at `at`, ends: at its end tag.
fn raw_text_end(bytes: &[u8], at: usize, name: &str) -> usize {
    let close = format!("</{name}");
    bytes[at..]
        .windows(close.len())
        .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
        .map_or(bytes.len(), |k| at + k)
}

enum Kind {
    Open(String),
    Close(String),
    /// A comment, doctype, or a `<` that starts no tag.
    Other,
}

impl Kind {
    fn name(&self) -> Option<&str> {
        match self {
            Kind::Open(name) | Kind::Close(name) => Some(name),
            Kind::Other => None,
        }
    }
}

struct Tag {
    kind: Kind,
    /// Just past the tag.
    end: usize,
    /// Whether it ends with `/>`.
    self_closing: bool,
}

impl Tag {
    /// The tag starting with the `<` at `start`.
    fn at(bytes: &[u8], start: usize) -> Tag {
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            let end = rest[4..]
                .windows(3)
                .position(|w| w == b"-->")
                .map_or(bytes.len(), |k| start + 4 + k + 3);
            return Tag {
                kind: Kind::Other,
                end,
                self_closing: false,
            };
        }
        let (closing, name_at) = match rest.get(1) {
            Some(b'/') => (true, 2),
            _ => (false, 1),
        };
        let name_len = rest[name_at.min(rest.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !rest[name_at].is_ascii_alphabetic() {
            return Tag {
                kind: Kind::Other,
                end: start + 1,
                self_closing: false,
            };
        }
        let name = String::from_utf8_lossy(&rest[name_at..name_at + name_len]).to_ascii_lowercase();
        let (end, self_closing) = tag_end(bytes, start + name_at + name_len);
        let kind = if closing {
            Kind::Close(name)
        } else {
            Kind::Open(name)
        };
        Tag {
            kind,
            end,
            self_closing,
        }
    }
}

/// Just past the `>` that ends a tag whose attributes start at `at` (quoted values may hold a
/// `>`), and whether the tag closes itself (`<div/>`).
fn tag_end(bytes: &[u8], mut at: usize) -> (usize, bool) {
    let mut quote = None;
    while at < bytes.len() {
        let b = bytes[at];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return (at + 1, at > 0 && bytes[at - 1] == b'/'),
            None => {}
        }
        at += 1;
    }
    (bytes.len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = "<div><p>un<p>deux<ul><li>a<li>b</ul><img src=x><br></div>";
        assert!(matches!(bounded(page), Cow::Borrowed(_)));
        let paragraphs = "<p>x".repeat(10 * MAX_DEPTH);
        assert!(matches!(bounded(&paragraphs), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_bound_are_dropped_and_their_text_kept() {
        let n = MAX_DEPTH + 10;
        let page = format!("{}mot{}", "<div>".repeat(n), "</div>".repeat(n));
        let bounded = bounded(&page);
        assert_eq!(scan(&bounded, None), MAX_DEPTH);
        assert!(bounded.contains("mot"));
        assert_eq!(bounded.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(bounded.matches("</div>").count(), MAX_DEPTH);
    }

    #[test]
    fn script_text_and_quoted_brackets_are_not_tags() {
        let page = format!(
            "<script>{}</script><a title='<div>'>x</a>",
            "<div>".repeat(2 * MAX_DEPTH)
        );
        assert_eq!(scan(&page, None), 1);
    }

    #[test]
    fn self_closing_tags_nest_in_html_but_not_in_svg() {
        let page = "<x/>".repeat(2 * MAX_DEPTH);
        assert_eq!(scan(&page, None), 2 * MAX_DEPTH);
        let icons = format!("<svg>{}</svg><p>x", "<path d='M0'/>".repeat(2 * MAX_DEPTH));
        assert_eq!(scan(&icons, None), 1);
        let after = format!("<svg><g></g></svg>{}", "<x/>".repeat(3));
        assert_eq!(scan(&after, None), 3);
    }

    #[test]
    fn cut_tags_do_not_panic() {
        for page in ["<", "<div", "</", "<!--", "<a href='", "<1>", "<script>x"] {
            let _ = bounded(page);
        }
    }
}
