//! TMX 1.4, valid against the DTD: one `<tu>` per record, with the document, the bead's shape
//! and its score as `<prop>`s before the `<tuv>`s, and a `<note>` that CAT tools show when the
//! aligner was unsure. No DOCTYPE line: a `SYSTEM "tmx14.dtd"` that is not beside the file only
//! makes readers warn; validate with `--dtdvalid`.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::output::{OutputFile, Pending};
use super::{CorpusWriter, LOW_CONFIDENCE, Languages, Record, format_score};

pub struct TmxWriter {
    xml: Writer<OutputFile>,
    languages: Languages,
    next_id: usize,
}

impl TmxWriter {
    pub fn new(out: OutputFile, languages: &Languages) -> io::Result<Self> {
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

impl CorpusWriter for TmxWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        for record in records {
            let tuid = self.next_id.to_string();
            self.next_id += 1;
            let note = (record.score < LOW_CONFIDENCE).then(|| {
                format!(
                    "bitext: low confidence ({}), check this pair",
                    format_score(record.score)
                )
            });
            let score = format_score(record.score);
            let props = [
                ("x-doc", doc),
                ("x-type", record.kind.as_str()),
                ("x-score", &score),
            ];
            let tuvs = [
                (&self.languages.source, &record.source),
                (&self.languages.target, &record.target),
            ];
            self.xml
                .create_element("tu")
                .with_attribute(("tuid", tuid.as_str()))
                .write_inner_content(|w| {
                    if let Some(note) = &note {
                        w.create_element("note")
                            .write_text_content(BytesText::new(note))?;
                    }
                    for (kind, value) in props.iter().filter(|(_, v)| !v.is_empty()) {
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

    fn flush(&mut self) -> io::Result<()> {
        self.xml.get_mut().flush()
    }

    fn finish(self: Box<Self>) -> io::Result<Vec<Pending>> {
        let mut out = self.xml.into_inner();
        out.write_all(b"\n</body>\n</tmx>\n")?;
        out.finish()
    }
}
