//! Web pages (HTML, XHTML): the text of the page's main content, as a reader sees it.
//!
//! The page is decoded ([`charset`]), bounded in depth ([`nesting`]) and parsed by html5ever
//! (through `scraper`, whose tree lives in one arena: no recursion to build or drop it). Its
//! text is then read from the main content: the `<main>` element (or `role=main`), or the
//! largest `<article>` when it holds at least half the text, else the body. Left out are
//! elements nobody reads (scripts, styles, forms' controls, hidden elements) and page
//! furniture ([`Furniture`]). Block elements end paragraphs (`\n\n`), `<br>` ends a line
//! (`\n`), inline elements join their text as the browser shows it, white space collapses
//! except in `<pre>`, and entities are decoded by the parser.

mod charset;
mod nesting;

use std::collections::HashMap;
use std::path::Path;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, UTF_8};
use scraper::node::Element;
use scraper::{Html, Node};

use crate::decode::{Decoded, InputEncoding, decode};
use crate::error::{Error, Result};

const FORMAT: &str = "web page";

/// The page's text (see the module's documentation); `path` names it in errors.
pub(crate) fn text(path: &Path, bytes: Vec<u8>, encoding: InputEncoding) -> Result<Decoded> {
    let decoded = decode_page(path, bytes, encoding)?;
    if !has_markup(&decoded.text) {
        // Plain text saved as `.html`: its line breaks are what its writer meant.
        return Ok(decoded);
    }
    let page = Html::parse_document(&nesting::bounded(&decoded.text));
    let text = page_text(&page);
    if text.is_empty() {
        return Err(Error::BadDocument {
            path: path.to_path_buf(),
            format: FORMAT,
            reason: "no text to read (only scripts, styles or menus)".to_owned(),
        });
    }
    Ok(Decoded { text, ..decoded })
}

/// Whether `text` holds a tag, a comment or a doctype: `<` then a letter, `/` or `!`.
fn has_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!')))
}

/// The page's bytes as text. A byte order mark decides first, then the user's `--encoding`
/// (as a browser's user override comes before the page's declaration), then the page's
/// `<meta>` declaration, then the detection plain text gets. A declaration the bytes belie is
/// not followed: a page that says UTF-8 but is not is detected (Windows-1252 is reported as a
/// guess, damaged UTF-8 is an error naming the byte; browsers would show `�`, which must not
/// reach a corpus), and a page that declares a legacy encoding but is valid UTF-8 with accents
/// was re-saved by an editor that kept the old `<meta>`: it is read as UTF-8.
fn decode_page(path: &Path, bytes: Vec<u8>, encoding: InputEncoding) -> Result<Decoded> {
    if Encoding::for_bom(&bytes).is_some() || matches!(encoding, InputEncoding::Fixed(_)) {
        return decode(path, bytes, encoding);
    }
    match charset::declared(&bytes) {
        Some(declared) if declared != UTF_8 && !is_utf8_with_accents(&bytes) => {
            decode(path, bytes, InputEncoding::Fixed(declared))
        }
        _ => decode(path, bytes, InputEncoding::Auto),
    }
}

fn is_utf8_with_accents(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| !text.is_ascii())
}

/// Elements whose content is never shown as text.
const UNREAD: [&str; 21] = [
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "map", "input", "select", "textarea", "button", "option",
    "datalist", "dialog",
];

/// Elements a browser shows as blocks: their text is a paragraph of its own.
const BLOCKS: [&str; 45] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "xmp",
];

pub(super) fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// Elements whose white space is kept (lines, at least).
fn is_preformatted(name: &str) -> bool {
    matches!(name, "pre" | "listing" | "xmp" | "plaintext")
}

/// The text of the page's main content, its headline first when the content lacks it. When
/// the furniture rules leave nothing (a page whose only text sits in a `sidebar` block), the
/// whole page is read without them rather than refused.
fn page_text(page: &Html) -> String {
    let counts = Counts::of(page);
    let body = page.tree.root();
    let root = main_content(body, &counts);
    let mut text = Furniture::Left(&counts).text_of(root);
    if text.is_empty() {
        text = Furniture::Kept.text_of(body);
    }
    match headline(page, root, &text) {
        Some(headline) if !text.is_empty() => format!("{headline}\n\n{text}"),
        _ => text,
    }
}

/// Where the main content is: the `<main>` (or `role=main`) element with the most text, else
/// the page; within it, its largest `<article>` when that holds at least half its text (a
/// page's article beside teasers of others; the half is ours, not measured on gold).
fn main_content<'a>(root: NodeRef<'a, Node>, counts: &Counts) -> NodeRef<'a, Node> {
    let largest = |scope: NodeRef<'a, Node>, wanted: &dyn Fn(&Element) -> bool| {
        scope
            .descendants()
            .filter(|n| n.value().as_element().is_some_and(wanted))
            .max_by_key(|n| counts.text(n))
    };
    let is_main = |e: &Element| e.name() == "main" || e.attr("role") == Some("main");
    let scope = largest(root, &is_main)
        .filter(|main| counts.text(main) > 0)
        .unwrap_or(root);
    match largest(scope, &|e| e.name() == "article") {
        Some(article) if 2 * counts.text(&article) >= counts.text(&scope) => article,
        _ => scope,
    }
}

/// The page's headline when the text of its main content (`root`) lacks it: the page's first
/// `<h1>` when it has at least [`HEADLINE_MIN_WORDS`] words (a site's logo is often an `<h1>`
/// of one or two). Never the `<title>`: a tab's text is not what a reader sees on the page,
/// and when it stood in for a missing `<h1>` (`Article | Site`) it put a pair no translation
/// has into every document (`scripts/render_formats.py`: WMT14 strict F1 .959, .986 without).
/// None when the content's own `<h1>` is in its text, however short.
fn headline(page: &Html, root: NodeRef<Node>, text: &str) -> Option<String> {
    let text = collapsed(text);
    let heading = |h1| collapsed(&Furniture::Kept.text_of(h1));
    if let Some(own) = first_element(root, "h1").map(heading)
        && !own.is_empty()
        && text.contains(&own)
    {
        return None;
    }
    first_element(page.tree.root(), "h1")
        .map(heading)
        .filter(|headline| word_count(headline) >= HEADLINE_MIN_WORDS)
        .filter(|headline| !text.contains(headline))
}

/// The first element `name` in `scope`, outside elements nobody reads.
fn first_element<'a>(scope: NodeRef<'a, Node>, name: &str) -> Option<NodeRef<'a, Node>> {
    scope
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == name) && !is_unread_inside(n))
}

/// Words with a letter or digit (a dash between words is none).
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Readability's bar: a heading of four words or fewer is no headline.
const HEADLINE_MIN_WORDS: usize = 5;

/// Whether an element lies in one whose text nobody reads.
fn is_unread_inside(node: &NodeRef<Node>) -> bool {
    node.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| UNREAD.contains(&e.name()) && e.name() != "head")
    })
}

/// `text` with every run of white space one space.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How much text each element holds, and how much of it is link text: what the link-density
/// rule and the choice of the main content weigh. Characters are counted without white space.
struct Counts {
    by_node: HashMap<ego_tree::NodeId, (usize, f64)>,
}

impl Counts {
    /// One pass over the page, without recursion (pages nest up to [`nesting::MAX_DEPTH`]).
    fn of(page: &Html) -> Counts {
        let mut by_node = HashMap::new();
        // (element, text, link text, weight of its own text as link text)
        let mut open: Vec<(ego_tree::NodeId, usize, f64, f64)> = Vec::new();
        let mut skipping = None;
        for edge in page.tree.root().traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => match node.value() {
                    Node::Element(e) if is_unread(e) => skipping = Some(node.id()),
                    Node::Element(e) => {
                        let inherited = open.last().map_or(0.0, |o| o.3);
                        open.push((node.id(), 0, 0.0, link_weight(e).unwrap_or(inherited)));
                    }
                    Node::Text(text) => {
                        if let Some(top) = open.last_mut() {
                            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
                            top.1 += chars;
                            top.2 += chars as f64 * top.3;
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
                Edge::Close(node) if skipping.is_none() && node.value().is_element() => {
                    if let Some((id, text, link, _)) = open.pop() {
                        by_node.insert(id, (text, link));
                        if let Some(parent) = open.last_mut() {
                            parent.1 += text;
                            parent.2 += link;
                        }
                    }
                }
                _ => {}
            }
        }
        Counts { by_node }
    }

    fn text(&self, node: &NodeRef<Node>) -> usize {
        match node.value() {
            Node::Document => self.by_node.values().map(|c| c.0).max().unwrap_or(0),
            _ => self.by_node.get(&node.id()).map_or(0, |c| c.0),
        }
    }

    /// The share of the element's text that is link text.
    fn link_density(&self, node: &NodeRef<Node>) -> f64 {
        match self.by_node.get(&node.id()) {
            Some(&(text, link)) if text > 0 => link / text as f64,
            _ => 0.0,
        }
    }
}

/// How much a link's text counts as link text: a link within the page (`#section`) counts
/// 0.3, as in Readability's `_getLinkDensity`; other links fully. `None` for non-links.
fn link_weight(e: &Element) -> Option<f64> {
    let href = e.attr("href").filter(|_| e.name() == "a")?;
    Some(if href.starts_with('#') { 0.3 } else { 1.0 })
}

/// Whether an element's content is never read: scripts, styles, controls, and what the page
/// hides (`hidden`, `aria-hidden=true`, `display:none`).
fn is_unread(e: &Element) -> bool {
    UNREAD.contains(&e.name())
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}

/// A block whose text is more than this share link text is a menu or a list of links, not
/// content: Readability's bar for blocks of weight (`linkDensity > 0.5` in
/// `_cleanConditionally`); jusText's 0.2 (`MAX_LINK_DENSITY_DEFAULT`) judges single paragraphs
/// by stop words too, which we do not.
const MAX_LINK_DENSITY: f64 = 0.5;

/// Containers judged by their link density: those Readability's `_cleanConditionally` judges
/// (`form`, `fieldset`, `table`, `ul`, `div`) and their kin. Not paragraphs, list items or
/// cells (a sentence dense in links is still a sentence: the list or table around them is
/// judged whole), nor headings (an anchored heading is all link), nor inline elements
/// (`<span><a>Paris</a></span>` inside a sentence is part of it).
const LINK_DENSITY_BLOCKS: [&str; 9] = [
    "div", "section", "ul", "ol", "dl", "table", "menu", "form", "fieldset",
];

/// ARIA roles of page furniture (WAI-ARIA landmarks and widgets that are not content).
const FURNITURE_ROLES: [&str; 10] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "search",
    "toolbar",
    "dialog",
    "alertdialog",
];

/// Words of `class` and `id` values that name page furniture; from Readability's
/// `unlikelyCandidates` and the boilerplate classes jusText and trafilatura drop (menus,
/// sharing, cookie consent, comments, related links, newsletters, advertising; the byline,
/// which Readability takes out of the text too). A word matches
/// a token that starts or ends with it (`sitenav`, `comments`, `sidebar-left`), except the
/// short `ad`/`ads`, which must be the whole token.
const FURNITURE_WORDS: [&str; 27] = [
    "nav",
    "menu",
    "footer",
    "cookie",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "social",
    "breadcrumb",
    "sidebar",
    "comment",
    "disqus",
    "related",
    "newsletter",
    "subscribe",
    "advert",
    "sponsor",
    "promo",
    "popup",
    "modal",
    "pagination",
    "pager",
    "masthead",
    "skiplink",
    "outbrain",
    "byline",
];

/// Words of `class` and `id` values that mark content even beside a furniture word
/// (`main-content with-sidebar`): Readability's `okMaybeItsACandidate`, less its `and` and
/// `shadow`.
const CONTENT_WORDS: [&str; 6] = ["article", "body", "column", "content", "main", "story"];

/// Words that make a furniture word a property of a wrapper (`has-sidebar`, `with-nav`): the
/// element holds the page, furniture and all.
const HAVING_WORDS: [&str; 2] = ["has", "with"];

/// Whether page furniture is left out of the text.
enum Furniture<'c> {
    /// Left out, judged with these counts.
    Left(&'c Counts),
    Kept,
}

impl Furniture<'_> {
    /// The text of the element `root` (read whatever it is) and what it holds.
    fn text_of(&self, root: NodeRef<Node>) -> String {
        let mut out = Text::default();
        let mut skipping = None;
        let mut preformatted = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => match node.value() {
                    Node::Element(e) if node != root && self.skips(&node, e) => {
                        skipping = Some(node.id());
                    }
                    Node::Element(e) => {
                        match e.name() {
                            "br" => out.line_break(),
                            name if is_block(name) => out.paragraph_break(),
                            _ => {}
                        }
                        preformatted += usize::from(is_preformatted(e.name()));
                    }
                    Node::Text(text) => out.push(text, preformatted > 0),
                    _ => {}
                },
                Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
                Edge::Close(node) if skipping.is_none() => {
                    if let Some(e) = node.value().as_element() {
                        if is_block(e.name()) {
                            out.paragraph_break();
                        }
                        preformatted -= usize::from(is_preformatted(e.name()));
                    }
                }
                _ => {}
            }
        }
        out.text
    }

    /// Whether the element `node` and all it holds are left out.
    fn skips(&self, node: &NodeRef<Node>, e: &Element) -> bool {
        if is_unread(e) {
            return true;
        }
        match self {
            Furniture::Left(counts) => is_furniture(node, e, counts),
            Furniture::Kept => false,
        }
    }
}

/// Whether an element is page furniture: by its tag (`nav`, `aside`, the page's own `header`
/// and `footer`), its ARIA role, the words of its class and id, or its link density.
fn is_furniture(node: &NodeRef<Node>, e: &Element, counts: &Counts) -> bool {
    let name = e.name();
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    if matches!(name, "nav" | "aside" | "menu") {
        return true;
    }
    // A header or footer belongs to the page unless it sits in a sectioning element (WHATWG
    // HTML: only then is it the `banner` / `contentinfo` landmark).
    if matches!(name, "header" | "footer") && !in_section(node) {
        return true;
    }
    if e.attr("role")
        .is_some_and(|role| FURNITURE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    if has_furniture_words(e) {
        return true;
    }
    LINK_DENSITY_BLOCKS.contains(&name) && counts.link_density(node) > MAX_LINK_DENSITY
}

fn in_section(node: &NodeRef<Node>) -> bool {
    node.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "article" | "aside" | "main" | "nav" | "section"))
    })
}

/// Whether the element's class or id names furniture and nothing names it content.
fn has_furniture_words(e: &Element) -> bool {
    let mut tokens = Vec::new();
    for value in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        tokens.extend(words(value));
    }
    let furniture = tokens.iter().any(|token| {
        FURNITURE_WORDS
            .iter()
            .any(|word| token.starts_with(word) || token.ends_with(word))
            || token == "ad"
            || token == "ads"
    });
    furniture
        && !tokens
            .iter()
            .any(|token| CONTENT_WORDS.iter().any(|word| token.contains(word)))
        && !tokens
            .iter()
            .any(|token| HAVING_WORDS.contains(&token.as_str()))
}

/// The lowercase words of a class or id value: `site-navBar cookie_banner` → `site`, `nav`,
/// `bar`, `cookie`, `banner`.
fn words(value: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            previous_lower = false;
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Text as a browser lays it out: white space collapsed, breaks between blocks and at `<br>`.
#[derive(Default)]
struct Text {
    text: String,
    /// The break owed before the next character: none, a space, a line, a paragraph.
    pending: Break,
    /// Whether a line break was the last thing seen (`<br><br>` makes a paragraph break).
    after_line_break: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    #[default]
    None,
    Space,
    Line,
    Paragraph,
}

impl Text {
    fn owe(&mut self, owed: Break) {
        self.pending = self.pending.max(owed);
    }

    fn paragraph_break(&mut self) {
        self.owe(Break::Paragraph);
    }

    fn line_break(&mut self) {
        if self.after_line_break {
            self.owe(Break::Paragraph);
        }
        self.owe(Break::Line);
        self.after_line_break = true;
    }

    /// A text node's text; `preformatted` keeps its line breaks.
    fn push(&mut self, text: &str, preformatted: bool) {
        for c in text.chars() {
            match c {
                '\n' if preformatted => self.line_break(),
                ' ' | '\t' | '\n' | '\r' | '\x0C' => self.owe(Break::Space),
                c => {
                    self.pay();
                    self.text.push(c);
                    self.after_line_break = false;
                }
            }
        }
    }

    /// Writes the break owed, unless the text has not started.
    fn pay(&mut self) {
        if !self.text.is_empty() {
            match self.pending {
                Break::None => {}
                Break::Space => self.text.push(' '),
                Break::Line => self.text.push('\n'),
                Break::Paragraph => self.text.push_str("\n\n"),
            }
        }
        self.pending = Break::None;
    }
}

#[cfg(test)]
mod tests;
