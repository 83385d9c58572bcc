//! TMX 1.4, valid against the DTD: one `<tu>` per aligned pair, with the document, the bead's
//! shape and its score as `<prop>`s before the `<tuv>`s. No DOCTYPE line: a `SYSTEM "tmx14.dtd"`
//! that is not beside the file only makes readers warn; validate with `--dtdvalid`.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{CorpusWriter, Languages, format_score, side_text};
use crate::AlignedDocument;

pub struct TmxWriter<W: Write> {
    xml: Writer<W>,
    languages: Languages,
    next_id: usize,
}

impl<W: Write> TmxWriter<W> {
    pub fn new(out: W, languages: &Languages) -> io::Result<Self> {
        let mut xml = Writer::new_with_indent(out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.get_mut().write_all(b"\n<tmx version=\"1.4\">")?;
        xml.create_element("header")
            .with_attributes([
                ("creationtool", "bitext"),
                ("creationtoolversion", env!("CARGO_PKG_VERSION")),
                ("segtype", "sentence"),
                ("o-tmf", "bitext"),
                ("adminlang", "en"),
                ("srclang", languages.source.as_str()),
                ("datatype", "plaintext"),
            ])
            .write_empty()?;
        xml.get_mut().write_all(b"\n<body>")?;
        Ok(Self {
            xml,
            languages: languages.clone(),
            next_id: 1,
        })
    }
}

impl<W: Write> CorpusWriter for TmxWriter<W> {
    fn write_document(&mut self, doc: &AlignedDocument) -> io::Result<()> {
        for bead in doc.alignment.beads.iter().filter(|b| b.is_pair()) {
            let tuid = self.next_id.to_string();
            self.next_id += 1;
            let props = [
                ("x-doc", doc.name.clone()),
                ("x-type", bead.kind()),
                ("x-score", format_score(bead.score)),
            ];
            let tuvs = [
                (
                    &self.languages.source,
                    side_text(&doc.source, bead.source.clone()),
                ),
                (
                    &self.languages.target,
                    side_text(&doc.target, bead.target.clone()),
                ),
            ];
            self.xml
                .create_element("tu")
                .with_attribute(("tuid", tuid.as_str()))
                .write_inner_content(|w| {
                    for (kind, value) in &props {
                        w.create_element("prop")
                            .with_attribute(("type", *kind))
                            .write_text_content(BytesText::new(value))?;
                    }
                    for (lang, text) in &tuvs {
                        w.create_element("tuv")
                            .with_attribute(("xml:lang", lang.as_str()))
                            .write_inner_content(|w| {
                                w.create_element("seg")
                                    .write_text_content(BytesText::new(text))?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let out = self.xml.get_mut();
        out.write_all(b"\n</body>\n</tmx>\n")?;
        out.flush()
    }
}
