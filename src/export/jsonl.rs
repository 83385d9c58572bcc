//! JSON Lines: one object per bead, the text under each language's code, and the 0-based
//! sentence numbers (`<src>_ids`, `<tgt>_ids`) that scorers compare with gold alignments.
//! With `--explain`, a `cost` object says why each bead was chosen (prior, length, paragraph
//! and lexical terms, in nats).

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{CorpusWriter, Languages, side_text};
use crate::AlignedDocument;
use crate::align::Bead;

pub struct JsonlWriter<W: Write> {
    out: W,
    keys: [String; 4],
    explain: bool,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W, languages: &Languages, explain: bool) -> Self {
        let (s, t) = (&languages.source, &languages.target);
        Self {
            out,
            keys: [s.clone(), t.clone(), format!("{s}_ids"), format!("{t}_ids")],
            explain,
        }
    }
}

/// One bead as a JSON object whose text keys are the language codes.
struct Row<'a> {
    keys: &'a [String; 4],
    explain: bool,
    doc: &'a AlignedDocument,
    bead: &'a Bead,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (doc, bead) = (self.doc, self.bead);
        let mut map = serializer.serialize_map(Some(7 + usize::from(self.explain)))?;
        map.serialize_entry("doc", &doc.name)?;
        map.serialize_entry(&self.keys[0], &side_text(&doc.source, bead.source.clone()))?;
        map.serialize_entry(&self.keys[1], &side_text(&doc.target, bead.target.clone()))?;
        map.serialize_entry("type", &bead.kind())?;
        map.serialize_entry("score", &((bead.score * 1e4).round() / 1e4))?;
        map.serialize_entry(&self.keys[2], &bead.source.clone().collect::<Vec<_>>())?;
        map.serialize_entry(&self.keys[3], &bead.target.clone().collect::<Vec<_>>())?;
        if self.explain {
            map.serialize_entry("cost", &bead.cost)?;
        }
        map.end()
    }
}

impl<W: Write> CorpusWriter for JsonlWriter<W> {
    fn write_document(&mut self, doc: &AlignedDocument) -> io::Result<()> {
        for bead in &doc.alignment.beads {
            let row = Row {
                keys: &self.keys,
                explain: self.explain,
                doc,
                bead,
            };
            serde_json::to_writer(&mut self.out, &row)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
