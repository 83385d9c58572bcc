//! The TMX writer on any records: the output is well-formed XML 1.0 for an independent parser
//! (roxmltree), and every text reads back exactly, less the characters XML forbids, through
//! roxmltree and through bitext's own reader.
#![no_main]

use arbitrary::Arbitrary;
use bitext::export::read::parse_tmx;
use bitext::export::tmx::TmxWriter;
use bitext::export::{Languages, Record};
use bitext::normalize::is_xml_char;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

#[derive(Debug, Arbitrary)]
struct Bead {
    doc: String,
    source: String,
    target: String,
    score: f64,
}

fn xml_only(text: &str) -> String {
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

fuzz_target!(|beads: Vec<Bead>| {
    let languages = Languages {
        source: "fr".into(),
        target: "en".into(),
    };
    let mut writer = TmxWriter::new(Vec::new(), &languages).expect("writing to memory");
    for bead in &beads {
        let record = Record {
            doc: bead.doc.clone(),
            source: bead.source.clone(),
            target: bead.target.clone(),
            kind: "1-1".into(),
            score: bead.score,
            source_ids: Vec::new(),
            target_ids: Vec::new(),
            cost: None,
            comment: None,
            approved: false,
            doc_score: None,
        };
        writer
            .write_records(&bead.doc, &[record])
            .expect("writing to memory");
    }
    let bytes = writer.into_inner().expect("writing to memory");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let xml = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("not well-formed: {e}\n{text}"));
    let segs: Vec<String> = xml
        .descendants()
        .filter(|n| n.has_tag_name("seg"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    let expected: Vec<String> = beads
        .iter()
        .flat_map(|b| [xml_only(&b.source), xml_only(&b.target)])
        .collect();
    assert_eq!(segs, expected, "roxmltree reads other texts");
    let corpus = parse_tmx(&text, Path::new("fuzz.tmx"), &languages).expect("bitext reads it");
    assert_eq!(corpus.records.len(), beads.len());
    for (record, bead) in corpus.records.iter().zip(&beads) {
        assert_eq!(record.source, xml_only(&bead.source));
        assert_eq!(record.target, xml_only(&bead.target));
        if !xml_only(&bead.doc).is_empty() {
            assert_eq!(record.doc, xml_only(&bead.doc));
        }
    }
});
