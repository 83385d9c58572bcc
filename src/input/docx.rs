//! Word documents (.docx, Office Open XML): the text a reader of the page sees, from
//! `word/document.xml`, with the footnotes and endnotes after it.
//!
//! Paragraphs (`w:p`) in document order, table cells' and text boxes' among them; a
//! paragraph's runs joined whatever their formatting, so a word cut into runs mid-word is
//! whole again. Tracked changes read as accepted: insertions kept, deletions dropped, a
//! paragraph whose mark was deleted joined to the next. A field reads as its result (a date,
//! a page reference), never its instruction. Text boxes are read once: Word writes each
//! twice, as DrawingML (`mc:Choice`) and as VML for older readers (`mc:Fallback`), and only
//! the first branch taken is read.
//!
//! Footnotes and endnotes are content the translation also has: they are read after the body,
//! in the order the body refers to them, each a paragraph (or more), so that they do not cut
//! the sentence that calls them and the two sides' notes align with each other. Headers and
//! footers are page furniture (a title or a page number repeated on every page, not
//! translated alike) and comments are a reviewer's, not the document's: all three are left
//! out. The package's parts are found at the names Word gives them (`word/document.xml`,
//! `word/footnotes.xml`, `word/endnotes.xml`), as every producer we know writes them.

use std::collections::HashMap;
use std::path::Path;

use super::office::{Element, Package, Paragraphs, Walker, XML};
use crate::error::Result;

const FORMAT: &str = "Word document (.docx)";

/// WordprocessingML's namespace, in Office's (transitional) and ISO's strict spelling.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Markup compatibility: alternative content for readers of different versions.
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The document's text: body, then notes.
pub(crate) fn text(path: &Path, bytes: &[u8], max_bytes: u64) -> Result<String> {
    let mut package = Package::open(path, bytes, FORMAT, max_bytes)?;
    let mut body = Reader::new(max_bytes);
    if !package.walk("word/document.xml", &mut body)? {
        return Err(package.bad("not a Word document: the zip holds no word/document.xml".into()));
    }
    let mut notes = Reader::new(max_bytes);
    package.walk("word/footnotes.xml", &mut notes)?;
    package.walk("word/endnotes.xml", &mut notes)?;
    let mut text = body.text;
    for reference in &body.references {
        if let Some(note) = notes.notes.remove(reference) {
            text.append(&note);
        }
    }
    text.finish()
        .filter(|_| !notes.too_long)
        .ok_or_else(|| package.bad(format!("more than --max-doc-bytes ({max_bytes}) of text")))
}

/// Which kind of note a reference or a note is: footnotes and endnotes are numbered apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Note {
    Foot,
    End,
}

/// The elements that matter to the text; any other is walked through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// `w:p`; `joined` when its mark was deleted (a tracked change): accepted, it runs on
    /// into the next paragraph.
    Paragraph {
        joined: bool,
    },
    /// `w:pPr`, and the paragraph mark's run properties in it (`w:rPr`), where a deleted
    /// mark is recorded.
    ParagraphProperties,
    MarkProperties,
    Run,
    /// `w:t`, whose text is kept; `preserve` when `xml:space="preserve"`.
    Text {
        preserve: bool,
    },
    /// `w:footnote` or `w:endnote` in a notes part.
    NoteBody,
    Alternates,
    Other,
}

/// Reads a WordprocessingML part: the body (and the notes it refers to) or a notes part.
struct Reader {
    text: Paragraphs,
    stack: Vec<Tag>,
    /// The depth of the element being skipped with all it holds (a deletion, an instruction,
    /// properties, a second alternative), 0 when none is.
    skipping: usize,
    /// Open fields, innermost last: `true` while in the instruction (before `separate`).
    fields: Vec<bool>,
    /// For each open `mc:AlternateContent`: whether a branch was taken.
    alternates: Vec<bool>,
    /// `w:t`'s text so far.
    run_text: String,
    /// Notes the body refers to, in order.
    references: Vec<(Note, String)>,
    /// A notes part's notes, by kind and id; the one being read and the body's text set
    /// aside meanwhile.
    notes: HashMap<(Note, String), String>,
    note: Option<((Note, String), Paragraphs)>,
    /// A note had more text than the limit.
    too_long: bool,
    limit: u64,
}

impl Reader {
    fn new(limit: u64) -> Self {
        Self {
            text: Paragraphs::new(limit),
            stack: Vec::new(),
            skipping: 0,
            fields: Vec::new(),
            alternates: Vec::new(),
            run_text: String::new(),
            references: Vec::new(),
            notes: HashMap::new(),
            note: None,
            too_long: false,
            limit,
        }
    }

    fn in_run(&self) -> bool {
        self.stack.last() == Some(&Tag::Run)
    }

    /// Whether text is shown: not in a field's instruction.
    fn shown(&self) -> bool {
        !self.fields.iter().any(|&instruction| instruction)
    }

    fn push(&mut self, text: &str) {
        if self.shown() {
            self.text.push(text);
        }
    }

    fn skip(&mut self) {
        self.skipping = self.stack.len() + 1;
    }

    /// A WordprocessingML element: what it does to the text, and its tag.
    fn word(&mut self, element: &Element<'_>) -> Tag {
        let value = |name| W.iter().find_map(|ns| element.attribute(ns, name));
        match element.local {
            "p" => {
                self.text.open();
                return Tag::Paragraph { joined: false };
            }
            "r" => return Tag::Run,
            "t" => {
                let preserve = element.attribute(XML, "space").as_deref() == Some("preserve");
                self.run_text.clear();
                return Tag::Text { preserve };
            }
            "tab" | "ptab" if self.in_run() => self.push(" "),
            "br" if self.in_run() => match value("type").as_deref() {
                Some("page" | "column") => {
                    if self.shown() {
                        self.text.split();
                    }
                }
                _ => self.push("\n"),
            },
            "cr" => self.push("\n"),
            "noBreakHyphen" => self.push("-"),
            "sym" => {
                if let Some(c) = value("char").as_deref().and_then(symbol) {
                    self.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            "fldChar" => match value("fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(instruction) = self.fields.last_mut() {
                        *instruction = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            "footnoteReference" | "endnoteReference" => {
                let kind = if element.local == "footnoteReference" {
                    Note::Foot
                } else {
                    Note::End
                };
                if let Some(id) = value("id") {
                    self.references.push((kind, id));
                }
            }
            "footnote" | "endnote" => {
                let kind = if element.local == "footnote" {
                    Note::Foot
                } else {
                    Note::End
                };
                let id = value("id").unwrap_or_default();
                let body = std::mem::replace(&mut self.text, Paragraphs::new(self.limit));
                self.note = Some(((kind, id), body));
                return Tag::NoteBody;
            }
            "pPr" => return Tag::ParagraphProperties,
            "rPr" if self.stack.last() == Some(&Tag::ParagraphProperties) => {
                return Tag::MarkProperties;
            }
            "del" | "moveFrom" if self.stack.last() == Some(&Tag::MarkProperties) => {
                self.join_paragraph();
                self.skip();
            }
            // Deleted text (tracked changes, accepted), a field's instruction, properties
            // (whose `w:tab`s are tab stops, changes of formatting), section settings;
            // comments' ranges hold nothing.
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "rPr" | "pPrChange"
            | "sectPr" | "tblPr" | "trPr" | "tcPr" | "tblGrid" | "numPr" => self.skip(),
            _ => {}
        }
        Tag::Other
    }

    /// The innermost paragraph's mark was deleted.
    fn join_paragraph(&mut self) {
        let paragraph = self.stack.iter_mut().rev().find_map(|tag| match tag {
            Tag::Paragraph { joined } => Some(joined),
            _ => None,
        });
        if let Some(joined) = paragraph {
            *joined = true;
        }
    }

    fn alternative(&mut self, element: &Element<'_>) -> Tag {
        match element.local {
            "AlternateContent" => {
                self.alternates.push(false);
                return Tag::Alternates;
            }
            "Choice" | "Fallback" => match self.alternates.last_mut() {
                Some(taken) if !*taken => *taken = true,
                _ => self.skip(),
            },
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
        let tag = if W.contains(&element.namespace) {
            self.word(element)
        } else if element.namespace == MC {
            self.alternative(element)
        } else {
            Tag::Other
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
            Some(Tag::Paragraph { joined: false }) => self.text.close(),
            Some(Tag::Paragraph { joined: true }) => self.text.close_into_next(),
            Some(Tag::Text { preserve }) => {
                let text = std::mem::take(&mut self.run_text);
                // Word drops the spaces at the ends of a `w:t` unless told to keep them.
                let text = if preserve { &text[..] } else { text.trim() };
                self.push(text);
            }
            Some(Tag::NoteBody) => {
                if let Some((key, body)) = self.note.take() {
                    let note = std::mem::replace(&mut self.text, body);
                    match note.finish() {
                        Some(note) => {
                            self.notes.insert(key, note);
                        }
                        None => self.too_long = true,
                    }
                }
            }
            Some(Tag::Alternates) => {
                self.alternates.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipping == 0 && matches!(self.stack.last(), Some(Tag::Text { .. })) {
            self.run_text.push_str(text);
        }
    }
}

/// The character of `w:sym`'s hexadecimal code: itself, unless it is in the private-use area
/// where symbol fonts (Symbol, Wingdings) put their glyphs, which has no text to give.
fn symbol(code: &str) -> Option<char> {
    let c = char::from_u32(u32::from_str_radix(code, 16).ok()?)?;
    (!('\u{E000}'..='\u{F8FF}').contains(&c) && !c.is_control()).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::office::testing::zip_of;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    /// The text of a document whose body is `body` (and whose other parts are `parts`).
    fn read_with(body: &str, parts: &[(&str, &str)]) -> Result<String> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
        );
        let mut files = vec![
            ("[Content_Types].xml", ""),
            ("word/document.xml", &document[..]),
        ];
        files.extend_from_slice(parts);
        text(Path::new("a.docx"), &zip_of(&files), 1 << 20)
    }

    fn read(body: &str) -> String {
        read_with(body, &[]).unwrap()
    }

    #[test]
    fn runs_cut_mid_word_are_joined() {
        let body = r#"<w:p><w:r><w:t>Le ch</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>at</w:t></w:r><w:r><w:t xml:space="preserve"> dort.</w:t></w:r></w:p><w:p><w:r><w:t>Fin.</w:t></w:r></w:p>"#;
        assert_eq!(read(body), "Le chat dort.\n\nFin.");
    }

    #[test]
    fn spaces_at_a_runs_ends_are_kept_only_when_preserved() {
        let body = r#"<w:p><w:r><w:t> Le </w:t></w:r><w:r><w:t>chat</w:t></w:r><w:r><w:t xml:space="preserve"> dort</w:t></w:r></w:p>"#;
        assert_eq!(read(body), "Lechat dort");
    }

    #[test]
    fn tabs_breaks_and_hyphens_are_what_they_show() {
        let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Nom</w:t><w:tab/><w:t>Dupont</w:t><w:br/><w:t>porte</w:t><w:noBreakHyphen/><w:t>clés</w:t><w:softHyphen/><w:t>x</w:t><w:cr/><w:t>fin</w:t><w:sym w:font="Symbol" w:char="F0E0"/><w:sym w:char="2192"/></w:r></w:p>"#;
        assert_eq!(read(body), "Nom Dupont\nporte-clésx\nfin→");
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_the_paragraph_to_the_next() {
        let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:rPr><w:del w:id="1" w:author="R"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Le chat </w:t></w:r></w:p><w:p><w:pPr><w:pPrChange w:id="2"><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>dort.</w:t></w:r></w:p><w:p><w:r><w:t>Fin.</w:t></w:r></w:p>"#;
        assert_eq!(read(body), "Le chat dort.\n\nFin.");
        // The last paragraph's: written out all the same.
        let body = r#"<w:p><w:pPr><w:rPr><w:del w:id="1"/></w:rPr></w:pPr><w:r><w:t>Seul.</w:t></w:r></w:p>"#;
        assert_eq!(read(body), "Seul.");
    }

    #[test]
    fn a_page_break_is_a_paragraph_break() {
        let body = r#"<w:p><w:r><w:t>Page un.</w:t><w:br w:type="page"/><w:t>Page deux.</w:t></w:r></w:p>"#;
        assert_eq!(read(body), "Page un.\n\nPage deux.");
    }

    #[test]
    fn fields_read_as_their_result_not_their_instruction() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Le </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "d MMMM yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5 mai 2024</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">, voir </w:t></w:r><w:fldSimple w:instr=" PAGEREF x "><w:r><w:t>page 3</w:t></w:r></w:fldSimple><w:r><w:t>.</w:t></w:r></w:p>"#;
        assert_eq!(read(body), "Le 5 mai 2024, voir page 3.");
    }

    #[test]
    fn nested_fields_show_only_results() {
        let body = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>IF </w:instrText><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>2</w:t><w:fldChar w:fldCharType="end"/><w:instrText> = 1 "a" "b"</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>Résultat</w:t><w:fldChar w:fldCharType="end"/><w:t xml:space="preserve"> ici</w:t></w:r></w:p>"#;
        assert_eq!(read(body), "Résultat ici");
    }

    #[test]
    fn hyperlinks_and_insertions_are_kept_deletions_dropped() {
        let body = r#"<w:p><w:hyperlink r:id="rId4" xmlns:r="urn:r"><w:r><w:t>Le site</w:t></w:r></w:hyperlink><w:ins w:id="1"><w:r><w:t xml:space="preserve"> officiel</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText xml:space="preserve"> ancien</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>déplacé</w:t></w:r></w:moveFrom><w:r><w:t>.</w:t></w:r></w:p>"#;
        assert_eq!(read(body), "Le site officiel.");
    }

    #[test]
    fn tables_are_read_cell_by_cell_nested_ones_too() {
        let cell =
            |text: &str| format!("<w:tc><w:tcPr/><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
        let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell("c1"), cell("c2"));
        let body = format!(
            "<w:tbl><w:tblPr/><w:tr>{}<w:tc>{inner}<w:p/></w:tc></w:tr><w:tr>{}</w:tr></w:tbl>",
            cell("a"),
            cell("b")
        );
        assert_eq!(read(&body), "a\n\nc1\n\nc2\n\nb");
    }

    #[test]
    fn a_text_box_is_read_once_before_its_paragraph() {
        let txbx = |text: &str| {
            format!("<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>")
        };
        let body = format!(
            r#"<w:p><w:r><w:t xml:space="preserve">Avant </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="urn:wps">{}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:v">{}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>après.</w:t></w:r></w:p>"#,
            txbx("Encadré."),
            txbx("Encadré.")
        );
        assert_eq!(read(&body), "Encadré.\n\nAvant après.");
    }

    #[test]
    fn footnotes_follow_the_body_in_the_order_referred_to() {
        let body = r#"<w:p><w:r><w:t>Un</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:t xml:space="preserve"> deux</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#;
        let footnotes = format!(
            r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>Note deux.</w:t></w:r></w:p></w:footnote><w:footnote w:id="3"><w:p><w:r><w:t>Note trois.</w:t></w:r></w:p></w:footnote><w:footnote w:id="9"><w:p><w:r><w:t>Jamais appelée.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let endnotes = format!(
            r#"<w:endnotes {NS}><w:endnote w:id="1"><w:p><w:r><w:t>Note de fin.</w:t></w:r></w:p></w:endnote></w:endnotes>"#
        );
        let header = format!(r#"<w:hdr {NS}><w:p><w:r><w:t>En-tête</w:t></w:r></w:p></w:hdr>"#);
        let text = read_with(
            body,
            &[
                ("word/footnotes.xml", &footnotes),
                ("word/endnotes.xml", &endnotes),
                ("word/header1.xml", &header),
            ],
        )
        .unwrap();
        assert_eq!(
            text,
            "Un deux.\n\nNote trois.\n\nNote de fin.\n\nNote deux."
        );
    }

    #[test]
    fn comments_and_other_namespaces_are_left_out() {
        let body = r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Texte</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><m:oMath xmlns:m="urn:m"><m:r><m:t>x</m:t></m:r></m:oMath></w:p>"#;
        let comments = format!(
            r#"<w:comments {NS}><w:comment w:id="0"><w:p><w:r><w:t>Remarque</w:t></w:r></w:p></w:comment></w:comments>"#
        );
        assert_eq!(
            read_with(body, &[("word/comments.xml", &comments)]).unwrap(),
            "Texte"
        );
    }

    #[test]
    fn content_controls_and_smart_tags_give_their_runs() {
        let body = r#"<w:sdt><w:sdtPr><w:alias w:val="Titre"/><w:rPr><w:b/></w:rPr></w:sdtPr><w:sdtContent><w:p><w:smartTag w:element="place"><w:r><w:t>Paris</w:t></w:r></w:smartTag></w:p></w:sdtContent></w:sdt>"#;
        assert_eq!(read(body), "Paris");
    }

    #[test]
    fn a_utf16_part_is_read() {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-16"?><w:document {NS}><w:body><w:p><w:r><w:t>Été</w:t></w:r></w:p></w:body></w:document>"#
        );
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(document.encode_utf16().flat_map(u16::to_le_bytes));
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        out.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut out, &utf16).unwrap();
        let bytes = out.finish().unwrap().into_inner();
        assert_eq!(text(Path::new("a.docx"), &bytes, 1 << 20).unwrap(), "Été");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            read("<w:p><w:r><w:t>l&apos;été &amp; &#8217;x&#x2019;</w:t></w:r></w:p>"),
            "l'été & ’x’"
        );
    }

    #[test]
    fn another_prefix_for_the_namespace_reads_alike() {
        let document = r#"<doc:document xmlns:doc="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><doc:body><doc:p><doc:r><doc:t>Bonjour</doc:t></doc:r></doc:p></doc:body></doc:document>"#;
        let bytes = zip_of(&[("word/document.xml", document)]);
        assert_eq!(
            text(Path::new("a.docx"), &bytes, 1 << 20).unwrap(),
            "Bonjour"
        );
    }

    fn error(bytes: &[u8], max_bytes: u64) -> String {
        text(Path::new("fr/a.docx"), bytes, max_bytes)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_damaged_package_is_an_error_naming_the_file() {
        let whole = zip_of(&[("word/document.xml", "<w:document/>")]);
        let message = error(&whole[..whole.len() - 10], 1 << 20);
        assert!(
            message.starts_with("fr/a.docx: Word document (.docx): damaged"),
            "{message}"
        );
        let message = error(&zip_of(&[("a.txt", "x")]), 1 << 20);
        assert!(message.contains("no word/document.xml"), "{message}");
    }

    #[test]
    fn malformed_xml_is_an_error_naming_the_part() {
        for body in [
            "<w:p><w:r><w:t>x</w:r></w:p>",
            "<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>",
        ] {
            let message = read_with(body, &[]).unwrap_err().to_string();
            assert!(
                message.starts_with("a.docx: Word document (.docx): word/document.xml: "),
                "{message}"
            );
        }
        let cut = zip_of(&[("word/document.xml", "<w:document><w:body><w:p>")]);
        assert!(error(&cut, 1 << 20).contains("cut short"));
    }

    #[test]
    fn parts_are_utf8_whatever_their_declaration_says() {
        let declared = |encoding: &str, body: &[u8]| {
            let mut document = format!(
                r#"<?xml version="1.0" encoding="{encoding}"?><w:document {NS}><w:body><w:p><w:r><w:t>"#
            )
            .into_bytes();
            document.extend_from_slice(body);
            document.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
            document
        };
        let zipped = |document: Vec<u8>| {
            let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            out.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            std::io::Write::write_all(&mut out, &document).unwrap();
            out.finish().unwrap().into_inner()
        };
        // Both standards allow UTF-8 and UTF-16 only: a wrong declaration is ignored.
        let utf8 = zipped(declared("ISO-8859-1", "Été".as_bytes()));
        assert_eq!(text(Path::new("a.docx"), &utf8, 1 << 20).unwrap(), "Été");
        // Latin-1 bytes are an error, never mojibake.
        let latin1 = zipped(declared("ISO-8859-1", b"\xC9t\xE9"));
        let message = error(&latin1, 1 << 20);
        assert!(
            message.contains("word/document.xml: malformed XML"),
            "{message}"
        );
        assert!(message.contains("UTF-8"), "{message}");
    }

    #[test]
    fn a_zip_bomb_stops_at_the_inflate_cap() {
        let padding = "<w:p/>".repeat(4_000);
        let document = format!(
            "<w:document {NS}><w:body>{padding}<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"
        );
        let bytes = zip_of(&[("word/document.xml", &document)]);
        assert!(bytes.len() < 1000, "{} bytes", bytes.len());
        let message = error(&bytes, 1000);
        assert!(
            message.contains("inflates to more than 16000 bytes"),
            "{message}"
        );
        assert_eq!(text(Path::new("a.docx"), &bytes, 2000).unwrap(), "x");
    }

    #[test]
    fn a_gigabyte_of_spaces_between_two_tags_stops_at_the_node_cap() {
        let padding = " ".repeat(20_000);
        let document = format!("<w:document {NS}><w:body>{padding}</w:body></w:document>");
        let bytes = zip_of(&[("word/document.xml", &document)]);
        let message = error(&bytes, 10_000);
        assert!(
            message.contains("an XML text or tag of more than 10000 bytes"),
            "{message}"
        );
    }

    #[test]
    fn text_over_the_limit_is_an_error() {
        let run = format!("<w:r><w:t>{}</w:t></w:r>", "x".repeat(1000));
        let document = format!(
            "<w:document {NS}><w:body><w:p>{}</w:p></w:body></w:document>",
            run.repeat(5)
        );
        let bytes = zip_of(&[("word/document.xml", &document)]);
        assert!(error(&bytes, 4000).contains("more than --max-doc-bytes (4000) of text"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}{}", "<w:ins>".repeat(2000), "</w:ins>".repeat(2000));
        let message = read_with(&format!("<w:p>{deep}</w:p>"), &[])
            .unwrap_err()
            .to_string();
        assert!(message.contains("nested more than 1024 deep"), "{message}");
    }

    mod soup {
        use super::*;
        use proptest::prelude::*;

        /// Balanced WordprocessingML of the elements the reader treats apart, nested anyhow.
        fn element() -> impl Strategy<Value = String> {
            let leaf = prop::sample::select(vec![
                "<w:t>mot</w:t>",
                "<w:t xml:space=\"preserve\"> x </w:t>",
                "<w:tab/>",
                "<w:br/>",
                "<w:br w:type=\"page\"/>",
                "<w:fldChar w:fldCharType=\"begin\"/>",
                "<w:fldChar w:fldCharType=\"separate\"/>",
                "<w:fldChar w:fldCharType=\"end\"/>",
                "<w:instrText>PAGE</w:instrText>",
                "<w:delText>EFFACE</w:delText>",
                "<w:del><w:r><w:t>EFFACE</w:t></w:r></w:del>",
                "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:t>CACHE</w:t><w:fldChar \
                 w:fldCharType=\"separate\"/><w:t>mot</w:t><w:fldChar w:fldCharType=\"end\"/></w:r>",
                "<w:footnoteReference w:id=\"1\"/>",
                "<w:sym w:char=\"F0E0\"/>",
            ])
            .prop_map(str::to_string);
            leaf.prop_recursive(6, 64, 4, |inner| {
                let tags = prop::sample::select(vec![
                    "w:p",
                    "w:r",
                    "w:del",
                    "w:ins",
                    "w:tbl",
                    "w:tc",
                    "w:hyperlink",
                    "w:pPr",
                    "w:txbxContent",
                    "mc:AlternateContent",
                    "mc:Choice",
                    "mc:Fallback",
                ]);
                (tags, prop::collection::vec(inner, 0..4))
                    .prop_map(|(tag, children)| format!("<{tag}>{}</{tag}>", children.concat()))
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            /// Any nesting reads without error, and only the shown words come out: never an
            /// instruction, a deletion or markup.
            #[test]
            fn any_nesting_reads_to_shown_text_only(body in element()) {
                let footnotes = format!(
                    r#"<w:footnotes {NS}><w:footnote w:id="1"><w:p><w:r><w:t>note</w:t></w:r></w:p></w:footnote></w:footnotes>"#
                );
                let text = read_with(&body, &[("word/footnotes.xml", &footnotes)]).unwrap();
                let shown = |c: char| "motenx \n".contains(c);
                prop_assert!(text.chars().all(shown), "{text:?} from {body}");
            }

            /// A damaged package is an error or some text, never a panic.
            #[test]
            fn damaged_packages_never_panic(cut in 0usize..2000, flip in 0usize..2000, byte in any::<u8>()) {
                let document = format!("<w:document {NS}><w:body><w:p><w:r><w:t>Le chat dort.</w:t></w:r></w:p></w:body></w:document>");
                let mut bytes = zip_of(&[("[Content_Types].xml", "<Types/>"), ("word/document.xml", &document)]);
                let flip = flip % bytes.len();
                bytes[flip] = byte;
                bytes.truncate(cut.max(1).min(bytes.len()));
                let _ = text(Path::new("a.docx"), &bytes, 1 << 20);
            }
        }
    }
}
