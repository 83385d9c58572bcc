//! TMX 1.4, valid against the DTD: one `<tu>` per record, with the document, the bead's shape,
//! its score and the document's (`x-doc-score`) as `<prop>`s before the `<tuv>`s, and a `<note>` that CAT tools show when the
//! aligner was unsure. No DOCTYPE line: a `SYSTEM "tmx14.dtd"` that is not beside the file only
//! makes readers warn; validate with `--dtdvalid`.
//!
//! Whatever the records hold, the file is well-formed XML 1.0 and reads back to the same text:
//! characters XML forbids are dropped, `& < >` are escaped, and so is a carriage return, which a
//! parser would otherwise turn into a line feed.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesStart, Event};

use super::output::{OutputFile, Pending};
use super::{BYTES_HELD, CorpusWriter, HELD_ROOM, LOW_CONFIDENCE, Languages, Record, format_score};
use crate::normalize::is_xml_char;

/// Writes TMX to `W`: a file being written for a run, or memory for tests and fuzzing.
pub struct TmxWriter<W: Write = OutputFile> {
    /// The XML writer writes to memory, and the units go to `out` [`BYTES_HELD`] bytes at a
    /// time: written straight to the file, a unit took some forty small writes through its
    /// layers.
    xml: Writer<Vec<u8>>,
    out: W,
    /// Each side's `<tuv>` start tag, its language escaped as an attribute once.
    tuv_tags: [String; 2],
    next_id: usize,
}

/// `text` as XML character data that parses back to it (less the characters XML forbids).
pub(crate) fn escape_text(text: &str) -> Cow<'_, str> {
    // Byte by byte first: ASCII text and the letters of most scripts (lead bytes below 0xEF,
    // where U+FFFE and U+FFFF, the only forbidden characters past the C0 controls, start) need
    // no character decoded. Checking each character was a twentieth of writing a TMX.
    let clean_byte = |b: u8| (b >= 0x20 || b == b'\t' || b == b'\n') && b != 0xEF;
    let markup = |b: u8| matches!(b, b'&' | b'<' | b'>');
    // Without an early exit, so that the loop is vectorised.
    let dirty = text
        .bytes()
        .fold(false, |dirty, b| dirty | !clean_byte(b) | markup(b));
    if !dirty {
        return text.into();
    }
    let clean = |c: char| is_xml_char(c) && !matches!(c, '&' | '<' | '>' | '\r');
    if text.chars().all(clean) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars().filter(|&c| is_xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out.into()
}

/// An attribute value without the characters XML forbids (the writer escapes the rest); a
/// language code read from someone else's corpus could hold anything.
fn attribute(value: &str) -> Cow<'_, str> {
    if value.chars().all(is_xml_char) {
        value.into()
    } else {
        value
            .chars()
            .filter(|&c| is_xml_char(c))
            .collect::<String>()
            .into()
    }
}

impl<W: Write> TmxWriter<W> {
    /// Writes the header at once.
    pub fn new(out: W, languages: &Languages) -> io::Result<Self> {
        let mut xml = Writer::new_with_indent(Vec::with_capacity(HELD_ROOM), b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.get_mut().write_all(b"\n<tmx version=\"1.4\">")?;
        xml.create_element("header")
            .with_attributes([
                ("creationtool", "bitext"),
                ("creationtoolversion", env!("CARGO_PKG_VERSION")),
                ("segtype", "sentence"),
                ("o-tmf", "bitext"),
                ("adminlang", "en"),
                ("srclang", &*attribute(&languages.source)),
                ("datatype", "plaintext"),
            ])
            .write_empty()?;
        xml.get_mut().write_all(b"\n<body>")?;
        Ok(Self {
            xml,
            out,
            tuv_tags: [tuv_tag(&languages.source)?, tuv_tag(&languages.target)?],
            next_id: 1,
        })
    }

    /// Writes a document's records, one `<tu>` each, laid out as the XML writer indents
    /// them (see `write_unit`).
    pub fn write_records(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        for record in records {
            let unit = Unit {
                id: self.next_id,
                doc,
                record,
                tuv_tags: &self.tuv_tags,
            };
            self.next_id += 1;
            write_unit(self.xml.get_mut(), &unit);
            if self.xml.get_ref().len() >= BYTES_HELD {
                self.write_out()?;
            }
        }
        self.write_out()
    }

    /// Writes what the XML writer holds to the output.
    fn write_out(&mut self) -> io::Result<()> {
        self.out.write_all(self.xml.get_ref())?;
        self.xml.get_mut().clear();
        Ok(())
    }

    /// Closes the document; the output, for the caller to finish.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.write_out()?;
        self.out.write_all(b"\n</body>\n</tmx>\n")?;
        Ok(self.out)
    }
}

/// A `<tuv>` start tag for `lang`, as the XML writer writes it (the value escaped as an
/// attribute).
fn tuv_tag(lang: &str) -> io::Result<String> {
    let mut tag = Writer::new(Vec::new());
    tag.write_event(Event::Start(
        BytesStart::new("tuv").with_attributes([("xml:lang", &*attribute(lang))]),
    ))?;
    String::from_utf8(tag.into_inner()).map_err(io::Error::other)
}

/// One record as a `<tu>`.
struct Unit<'a> {
    id: usize,
    doc: &'a str,
    record: &'a Record,
    tuv_tags: &'a [String; 2],
}

impl<'a> Unit<'a> {
    /// The unit's note (a pair scored below [`LOW_CONFIDENCE`] that no reviewer approved) and
    /// its props, type and value, in the order they are written; an empty value is left out.
    fn note_and_props(&self) -> (Option<String>, [(&'static str, Cow<'a, str>); 4]) {
        let record = self.record;
        let note = (record.score < LOW_CONFIDENCE && !record.approved).then(|| {
            format!(
                "bitext: low confidence ({}), check this pair",
                format_score(record.score)
            )
        });
        let doc_score = record
            .doc_score
            .map_or(String::new(), |d| format_score(d.score));
        let props = [
            ("x-doc", Cow::Borrowed(self.doc)),
            ("x-type", Cow::Borrowed(record.kind.as_str())),
            ("x-score", Cow::Owned(format_score(record.score))),
            ("x-doc-score", Cow::Owned(doc_score)),
        ];
        (note, props)
    }
}

/// Writes `unit` to `out` as the XML writer did with two spaces of indent, byte for byte (the
/// tests compare them): a line and its indent before each tag but an end tag after text.
/// Through the writer's events, a unit took some forty small writes and a check of each
/// attribute: converting case A's 300,000 records from JSON Lines to TMX took 1.88 s of CPU,
/// written out directly 1.69 s.
fn write_unit(out: &mut Vec<u8>, unit: &Unit) {
    let record = unit.record;
    let (note, props) = unit.note_and_props();
    let element = |out: &mut Vec<u8>, indent: &[u8], open: &[u8], content: &str, close: &[u8]| {
        out.extend_from_slice(indent);
        out.extend_from_slice(open);
        out.extend_from_slice(escape_text(content).as_bytes());
        out.extend_from_slice(close);
    };
    out.extend_from_slice(b"\n<tu tuid=\"");
    out.extend_from_slice(unit.id.to_string().as_bytes());
    out.extend_from_slice(b"\">");
    for note in note.iter().chain(&record.comment) {
        element(out, b"\n  ", b"<note>", note, b"</note>");
    }
    for (kind, value) in props.iter().filter(|(_, v)| !v.is_empty()) {
        out.extend_from_slice(b"\n  <prop type=\"");
        out.extend_from_slice(kind.as_bytes());
        element(out, b"", b"\">", value, b"</prop>");
    }
    for (tag, seg) in unit.tuv_tags.iter().zip([&record.source, &record.target]) {
        out.extend_from_slice(b"\n  ");
        out.extend_from_slice(tag.as_bytes());
        element(out, b"\n    ", b"<seg>", seg, b"</seg>");
        out.extend_from_slice(b"\n  </tuv>");
    }
    out.extend_from_slice(b"\n</tu>");
}

impl CorpusWriter for TmxWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        self.write_records(doc, records)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_out()?;
        self.out.flush()
    }

    fn finish(self: Box<Self>) -> io::Result<Vec<Pending>> {
        self.into_inner()?.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_carriage_returns_and_drops_forbidden_characters() {
        assert_eq!(
            escape_text("a < b && c > d ]]>"),
            "a &lt; b &amp;&amp; c &gt; d ]]&gt;"
        );
        assert_eq!(
            escape_text("l\u{1}i\u{fffe}gne\r\n\"x\" 'y'"),
            "ligne&#13;\n\"x\" 'y'"
        );
        assert!(matches!(
            escape_text("plain «\u{a0}text\u{a0}»\t"),
            Cow::Borrowed(_)
        ));
        // Past the bytes' quick test: characters from U+F000 up are valid but for two.
        assert!(matches!(escape_text("！\u{feff}𝔸"), Cow::Borrowed(_)));
        assert_eq!(escape_text("a\u{ffff}b\u{fffe}！"), "ab！");
        assert_eq!(escape_text("\r"), "&#13;");
        assert_eq!(escape_text("\u{1f}"), "");
    }
    /// A unit as the XML writer wrote it before [`write_unit`]: after the header, at depth 0.
    fn unit_by_the_xml_writer(unit: &Unit, languages: [&str; 2]) -> Vec<u8> {
        use quick_xml::events::BytesText;
        let text = |t: &str| BytesText::from_escaped(escape_text(t)).into_owned();
        let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
        xml.create_element("header").write_empty().unwrap();
        xml.get_mut().clear();
        let record = unit.record;
        let (note, props) = unit.note_and_props();
        let tuvs = [
            (languages[0], &record.source),
            (languages[1], &record.target),
        ];
        xml.create_element("tu")
            .with_attribute(("tuid", unit.id.to_string().as_str()))
            .write_inner_content(|w| {
                for note in note.iter().chain(&record.comment) {
                    w.create_element("note").write_text_content(text(note))?;
                }
                for (kind, value) in props.iter().filter(|(_, v)| !v.is_empty()) {
                    w.create_element("prop")
                        .with_attribute(("type", *kind))
                        .write_text_content(text(value))?;
                }
                for (lang, seg) in &tuvs {
                    w.create_element("tuv")
                        .with_attribute(("xml:lang", &*attribute(lang)))
                        .write_inner_content(|w| {
                            w.create_element("seg").write_text_content(text(seg))?;
                            Ok(())
                        })?;
                }
                Ok(())
            })
            .unwrap();
        xml.into_inner()
    }

    #[test]
    fn units_are_written_as_the_xml_writer_wrote_them() {
        use super::super::DocScore;
        let base = Record {
            doc: String::new(),
            source: "Le <rapport> & l\u{2019}ONU\r\n\"x\" 'y'".to_string(),
            target: "The report\u{1}\u{fffe}".to_string(),
            kind: "1-1".to_string(),
            score: 0.97125,
            source_ids: vec![0],
            target_ids: vec![0],
            cost: None,
            doc_score: Some(DocScore {
                score: 1.0,
                refused: false,
            }),
            comment: None,
            approved: false,
        };
        let records = [
            base.clone(),
            Record {
                target: String::new(),
                kind: "1-0".to_string(),
                score: 0.03125,
                doc_score: None,
                ..base.clone()
            },
            Record {
                comment: Some("vu <ok> & \"fait\"".to_string()),
                score: 0.5,
                ..base.clone()
            },
            Record {
                approved: true,
                score: f64::NAN,
                ..base.clone()
            },
        ];
        for languages in [["fr", "en"], ["f\"r<\t>&'", "e\u{1}n\r\n"]] {
            let tuv_tags = languages.map(|l| tuv_tag(l).unwrap());
            for (id, record) in (1..).zip(&records) {
                for doc in ["doc.txt", "a & <b>", ""] {
                    let unit = Unit {
                        id,
                        doc,
                        record,
                        tuv_tags: &tuv_tags,
                    };
                    let mut ours = Vec::new();
                    write_unit(&mut ours, &unit);
                    let theirs = unit_by_the_xml_writer(&unit, languages);
                    assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
                }
            }
        }
    }
}
