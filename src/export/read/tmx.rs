//! TMX read back: each `<tu>`'s props and the `<seg>` of each `<tuv>`.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{Corpus, corpus_error, parse_score, read_corpus_file};
use crate::error::Result;
use crate::export::{Languages, Record};

/// TMX as we write it (and as most tools do): each `<tu>`'s `x-doc`, `x-type`, `x-score`
/// props and the `<seg>` of each `<tuv>`; the source language is the header's `srclang`.
pub(super) fn read_tmx(path: &Path, fallback: &Languages) -> Result<Corpus> {
    parse_tmx(&read_corpus_file(path)?, path, fallback)
}

/// [`read_tmx`] on text already read; `path` names it in errors.
pub fn parse_tmx(text: &str, path: &Path, fallback: &Languages) -> Result<Corpus> {
    let line_of = |pos: u64| {
        let before = &text.as_bytes()[..usize::try_from(pos).unwrap_or(usize::MAX).min(text.len())];
        before.iter().filter(|&&b| b == b'\n').count() + 1
    };
    let mut reader = Reader::from_str(text);
    let mut tmx = TmxState::default();
    loop {
        let position = reader.buffer_position();
        let bad = |m: String| corpus_error(path, line_of(position), m);
        match reader.read_event().map_err(|e| bad(e.to_string()))? {
            Event::Start(e) => tmx.start(&e).map_err(bad)?,
            Event::Empty(e) => {
                tmx.start(&e).map_err(bad)?;
                tmx.end(e.name().as_ref());
            }
            Event::Text(t) => tmx.text.push_str(&t.xml10_content()),
            Event::CData(t) => tmx.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| bad(e.to_string()))? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&r)
                        .ok_or_else(|| bad(format!("unknown entity &{};", &*r)))?
                        .to_string(),
                };
                tmx.text.push_str(&resolved);
            }
            Event::End(e) => tmx.end(e.name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
    }
    let source = tmx.source_lang.unwrap_or_else(|| fallback.source.clone());
    let target = tmx.target_lang.unwrap_or_else(|| fallback.target.clone());
    Ok(Corpus {
        languages: Languages { source, target },
        records: tmx.records,
        rejected: 0,
    })
}

/// What reading a TMX has gathered so far.
#[derive(Default)]
struct TmxState {
    source_lang: Option<String>,
    target_lang: Option<String>,
    records: Vec<Record>,
    /// The `<tu>` being read and its segments by language.
    tu: Option<(Record, Vec<(String, String)>)>,
    prop: Option<String>,
    tuv_lang: Option<String>,
    text: String,
}

impl TmxState {
    fn start(&mut self, e: &quick_xml::events::BytesStart) -> Result<(), String> {
        let attr = |name: &str| -> Result<Option<String>, String> {
            for a in e.attributes() {
                let a = a.map_err(|err| err.to_string())?;
                if a.key.as_ref() == name {
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|err| err.to_string())?;
                    return Ok(Some(value.into_owned()));
                }
            }
            Ok(None)
        };
        self.text.clear();
        match e.name().as_ref() {
            "header" => self.source_lang = attr("srclang")?,
            "tu" => {
                let record = Record {
                    doc: String::new(),
                    source: String::new(),
                    target: String::new(),
                    kind: "1-1".into(),
                    score: f64::NAN,
                    source_ids: Vec::new(),
                    target_ids: Vec::new(),
                    cost: None,
                };
                self.tu = Some((record, Vec::new()));
            }
            "prop" => self.prop = attr("type")?,
            "tuv" => self.tuv_lang = attr("xml:lang")?.or(attr("lang")?),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) {
        let text = std::mem::take(&mut self.text);
        match name {
            "prop" => {
                if let (Some(kind), Some((record, _))) = (self.prop.take(), self.tu.as_mut()) {
                    match kind.as_str() {
                        "x-doc" => record.doc = text,
                        "x-type" => record.kind = text,
                        "x-score" => record.score = parse_score(&text).unwrap_or(f64::NAN),
                        _ => {}
                    }
                }
            }
            "seg" => {
                if let (Some(lang), Some((_, segs))) = (self.tuv_lang.clone(), self.tu.as_mut()) {
                    segs.push((lang, text));
                }
            }
            "tu" => self.finish_tu(),
            _ => {}
        }
    }

    fn finish_tu(&mut self) {
        let Some((mut record, segs)) = self.tu.take() else {
            return;
        };
        if self.source_lang.is_none() {
            self.source_lang = segs.first().map(|s| s.0.clone());
        }
        for (lang, text) in segs {
            if Some(&lang) == self.source_lang.as_ref() {
                record.source = text;
            } else {
                self.target_lang.get_or_insert(lang);
                record.target = text;
            }
        }
        self.records.push(record);
    }
}
