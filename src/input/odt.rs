//! OpenDocument text (.odt, and flat .fodt): the text a reader of the page sees, from the
//! body of `content.xml` (`office:text`), with the notes after it.
//!
//! Paragraphs and headings (`text:p`, `text:h`) in document order, those of lists, table
//! cells and frames (text boxes) among them; spans and links joined; `text:s` its count of
//! spaces, `text:tab` a space, `text:line-break` a line break; white space in the XML itself
//! is a space, as the standard says (ODF 1.2, 6.1.2). Tracked changes read as accepted: the
//! deleted text, kept apart in `text:tracked-changes`, is left out. Notes (`text:note`) are
//! read as Word's footnotes are (see [`super::docx`]): their citation mark left out, their
//! bodies after the body text in order, so that a note does not cut the sentence that calls
//! it. Headers and footers (in `styles.xml`, or the master styles of a flat file) and
//! comments (`office:annotation`) are left out, as for Word.

use std::path::Path;

use super::office::{Element, Package, Paragraphs, Walker, bad_document, walk_bytes};
use crate::error::Result;

const FORMAT: &str = "OpenDocument text (.odt)";

const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const SVG: &str = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

/// `text:s` writes at most this many spaces: a count of a billion must not cost a gigabyte,
/// and runs of spaces fold to one in what is written out anyway.
const MAX_SPACES: usize = 1024;

/// The document's text: a zipped package's `content.xml`, or a flat document's body.
pub(crate) fn text(path: &Path, bytes: &[u8], max_bytes: u64) -> Result<String> {
    let mut reader = Reader::new(max_bytes);
    if bytes.starts_with(b"PK") {
        let mut package = Package::open(path, bytes, FORMAT, max_bytes)?;
        if !package.walk("content.xml", &mut reader)? {
            return Err(
                package.bad("not an OpenDocument file: the zip holds no content.xml".into())
            );
        }
    } else {
        walk_bytes(path, FORMAT, bytes, &mut reader)?;
    }
    reader.finish().ok_or_else(|| {
        bad_document(
            path,
            FORMAT,
            format!("more than --max-doc-bytes ({max_bytes}) of text"),
        )
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// `office:text`: the body.
    Body,
    Paragraph,
    Note,
    Other,
}

struct Reader {
    text: Paragraphs,
    stack: Vec<Tag>,
    /// How many `office:text` are open (a flat file has one body; its styles do not count).
    body: usize,
    /// The depth of the element skipped with all it holds, 0 when none is.
    skipping: usize,
    /// Notes read, in order; the text set aside while one is read.
    notes: Vec<String>,
    set_aside: Vec<Paragraphs>,
    too_long: bool,
    limit: u64,
}

impl Reader {
    fn new(limit: u64) -> Self {
        Self {
            text: Paragraphs::new(limit),
            stack: Vec::new(),
            body: 0,
            skipping: 0,
            notes: Vec::new(),
            set_aside: Vec::new(),
            too_long: false,
            limit,
        }
    }

    fn in_paragraph(&self) -> bool {
        self.body > 0 && self.stack.contains(&Tag::Paragraph)
    }

    fn skip(&mut self) {
        self.skipping = self.stack.len() + 1;
    }

    fn finish(mut self) -> Option<String> {
        for note in std::mem::take(&mut self.notes) {
            self.text.append(&note);
        }
        self.text.finish().filter(|_| !self.too_long)
    }

    fn text_element(&mut self, element: &Element<'_>) -> Tag {
        if self.body == 0 {
            return Tag::Other;
        }
        match element.local {
            "p" | "h" => {
                self.text.open();
                return Tag::Paragraph;
            }
            "s" if self.in_paragraph() => {
                let count = element
                    .attribute(TEXT, "c")
                    .and_then(|c| c.trim().parse::<usize>().ok())
                    .unwrap_or(1);
                self.text.push(&" ".repeat(count.clamp(1, MAX_SPACES)));
            }
            "tab" if self.in_paragraph() => self.text.push(" "),
            "line-break" if self.in_paragraph() => self.text.line_break(),
            "note" => {
                let body = std::mem::replace(&mut self.text, Paragraphs::new(self.limit));
                self.set_aside.push(body);
                return Tag::Note;
            }
            // The note's mark, deleted text, ruby annotations, index templates.
            "note-citation" | "tracked-changes" | "ruby-text" => self.skip(),
            local if local.ends_with("-source") => self.skip(),
            _ => {}
        }
        Tag::Other
    }
}

impl Walker for Reader {
    fn start(&mut self, element: &Element<'_>) {
        if self.skipping > 0 {
            self.stack.push(Tag::Other);
            return;
        }
        let tag = match (element.namespace, element.local) {
            (OFFICE, "text") => {
                self.body += 1;
                Tag::Body
            }
            // Comments; images' data inline in a flat file; images' titles and descriptions.
            (OFFICE, "annotation" | "binary-data") | (SVG, "title" | "desc") => {
                self.skip();
                Tag::Other
            }
            (TEXT, _) => self.text_element(element),
            _ => Tag::Other,
        };
        self.stack.push(tag);
    }

    fn end(&mut self) {
        let depth = self.stack.len();
        let tag = self.stack.pop();
        if self.skipping > 0 {
            if depth == self.skipping {
                self.skipping = 0;
            }
            return;
        }
        match tag {
            Some(Tag::Body) => self.body -= 1,
            Some(Tag::Paragraph) => self.text.close(),
            Some(Tag::Note) => {
                if let Some(body) = self.set_aside.pop() {
                    let note = std::mem::replace(&mut self.text, body);
                    match note.finish() {
                        Some(note) => self.notes.push(note),
                        None => self.too_long = true,
                    }
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipping > 0 || !self.in_paragraph() {
            return;
        }
        // White space in the XML is a space, runs of it one (ODF 1.2, 6.1.2).
        let mut folded = String::with_capacity(text.len());
        for c in text.chars() {
            let space = matches!(c, ' ' | '\t' | '\n' | '\r');
            if !(space && folded.ends_with(' ')) {
                folded.push(if space { ' ' } else { c });
            }
        }
        self.text.push(&folded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::office::testing::zip_of;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0""#;

    fn content(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:automatic-styles><style:style xmlns:style="urn:s"/></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        )
    }

    fn read_result(body: &str) -> Result<String> {
        let bytes = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", &content(body)),
        ]);
        text(Path::new("a.odt"), &bytes, 1 << 20)
    }

    fn read(body: &str) -> String {
        read_result(body).unwrap()
    }

    #[test]
    fn paragraphs_headings_and_spans_in_order() {
        let body = "<text:h text:outline-level=\"1\">Titre</text:h>\n  <text:p>Le ch<text:span text:style-name=\"T1\">at</text:span> dort,\n   voir <text:a xlink:href=\"http://x\" xmlns:xlink=\"urn:x\">le site</text:a>.</text:p>";
        assert_eq!(read(body), "Titre\n\nLe chat dort, voir le site.");
    }

    #[test]
    fn spaces_tabs_and_line_breaks_are_what_they_show() {
        let body = r#"<text:p>a<text:s/>b<text:s text:c="3"/>c<text:tab/>d<text:line-break/>e<text:soft-page-break/>f<text:s text:c="999999999"/>g</text:p>"#;
        let expected = format!("a b   c d\nef{}g", " ".repeat(MAX_SPACES));
        assert_eq!(read(body), expected);
    }

    #[test]
    fn lists_and_tables_are_read_item_by_item_and_cell_by_cell() {
        let body = r#"<text:list><text:list-item><text:p>Un</text:p><text:list><text:list-item><text:p>Un bis</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>Deux</text:p></text:list-item></text:list><table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>b</text:p><text:p>b2</text:p></table:table-cell></table:table-row></table:table>"#;
        assert_eq!(read(body), "Un\n\nUn bis\n\nDeux\n\na\n\nb\n\nb2");
    }

    #[test]
    fn notes_follow_the_body_without_their_mark() {
        let body = r#"<text:p>Un<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Première note.</text:p></text:note-body></text:note> deux.</text:p><text:p>Trois<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Note de fin.</text:p></text:note-body></text:note>.</text:p>"#;
        assert_eq!(
            read(body),
            "Un deux.\n\nTrois.\n\nPremière note.\n\nNote de fin."
        );
    }

    #[test]
    fn tracked_deletions_comments_and_image_titles_are_left_out() {
        let body = r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info/><text:p>supprimé</text:p></text:deletion></text:changed-region></text:tracked-changes><text:p>Le <text:change text:change-id="c1"/><text:change-start text:change-id="c2"/>nouveau<text:change-end text:change-id="c2"/> texte<office:annotation><dc:creator xmlns:dc="urn:dc">R</dc:creator><text:p>Remarque</text:p></office:annotation>.</text:p><text:p><draw:frame><svg:title>Titre image</svg:title><svg:desc>Description</svg:desc><draw:text-box><text:p>Encadré.</text:p></draw:text-box></draw:frame>Après.</text:p>"#;
        assert_eq!(read(body), "Le nouveau texte.\n\nEncadré.\n\nAprès.");
    }

    #[test]
    fn a_flat_document_reads_its_body_not_its_headers() {
        let flat = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:mimetype="application/vnd.oasis.opendocument.text"><office:master-styles><style:master-page xmlns:style="urn:s"><style:header><text:p>En-tête</text:p></style:header></style:master-page></office:master-styles><office:body><office:text><text:p>Bonjour<draw:frame><draw:image><office:binary-data>iVBORw0KGgo=</office:binary-data></draw:image></draw:frame>.</text:p></office:text></office:body></office:document>"#
        );
        assert_eq!(
            text(Path::new("a.fodt"), flat.as_bytes(), 1 << 20).unwrap(),
            "Bonjour."
        );
    }

    #[test]
    fn a_package_without_content_or_with_bad_xml_is_an_error_naming_the_file() {
        let bytes = zip_of(&[("mimetype", "application/vnd.oasis.opendocument.text")]);
        let message = text(Path::new("en/a.odt"), &bytes, 1 << 20)
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "en/a.odt: OpenDocument text (.odt): not an OpenDocument file: the zip holds no content.xml"
        );
        let message = read_result("<text:p>x</text:h>").unwrap_err().to_string();
        assert!(
            message.starts_with("a.odt: OpenDocument text (.odt): content.xml: malformed XML"),
            "{message}"
        );
        let flat = text(Path::new("a.fodt"), b"<office:document><office:body>", 100);
        assert!(flat.unwrap_err().to_string().contains("cut short"));
    }

    mod soup {
        use super::*;
        use proptest::prelude::*;

        /// Balanced OpenDocument text of the elements the reader treats apart, nested anyhow.
        fn element() -> impl Strategy<Value = String> {
            let leaf = prop::sample::select(vec![
                "mot",
                " x\n ",
                "<text:s text:c=\"2\"/>",
                "<text:tab/>",
                "<text:line-break/>",
                "<text:soft-page-break/>",
                "<text:note-citation>1</text:note-citation>",
                "<svg:desc>IMAGE</svg:desc>",
                "<text:tracked-changes><text:p>EFFACE</text:p></text:tracked-changes>",
            ])
            .prop_map(str::to_string);
            leaf.prop_recursive(6, 64, 4, |inner| {
                let tags = prop::sample::select(vec![
                    "text:p",
                    "text:h",
                    "text:span",
                    "text:a",
                    "text:note",
                    "text:note-body",
                    "text:list",
                    "text:list-item",
                    "table:table-cell",
                    "draw:frame",
                    "draw:text-box",
                    "office:annotation",
                ]);
                (tags, prop::collection::vec(inner, 0..4))
                    .prop_map(|(tag, children)| format!("<{tag}>{}</{tag}>", children.concat()))
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            /// Any nesting reads without error, and only the shown words come out: never a
            /// note's mark, a deletion, an image's description or markup.
            #[test]
            fn any_nesting_reads_to_shown_text_only(body in element()) {
                let text = read(&body);
                prop_assert!(text.chars().all(|c| "motx \n".contains(c)), "{text:?} from {body}");
            }

            /// A damaged package is an error or some text, never a panic.
            #[test]
            fn damaged_packages_never_panic(cut in 0usize..2000, flip in 0usize..2000, byte in any::<u8>()) {
                let mut bytes = zip_of(&[
                    ("mimetype", "application/vnd.oasis.opendocument.text"),
                    ("content.xml", &content("<text:p>Le chat dort.</text:p>")),
                ]);
                let flip = flip % bytes.len();
                bytes[flip] = byte;
                bytes.truncate(cut.max(1).min(bytes.len()));
                let _ = text(Path::new("a.odt"), &bytes, 1 << 20);
            }
        }
    }
}
