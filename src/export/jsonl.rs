//! JSON Lines: one object per bead, the text under each language's code, and the 0-based
//! sentence numbers (`<src>_ids`, `<tgt>_ids`) that scorers compare with gold alignments.
//! A reviewer's comment (from a review sheet) is kept as `comment`, an approval as
//! `"status": "ok"` (read back as the sheet's `status` is: `reject` drops the line). With `--explain`, a `cost` object says why each bead was chosen (prior, length, paragraph,
//! lexical and fragment terms, in nats) and the posterior the score is calibrated from.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::output::{OutputFile, Pending};
use super::{BYTES_HELD, CorpusWriter, HELD_ROOM, RECORDS_IN_HALVES, Record, WriterOptions};

pub(crate) struct JsonlWriter {
    out: OutputFile,
    /// Lines written out [`BYTES_HELD`] bytes at a time: serialised straight to the file, a
    /// line took some twenty small writes through its layers.
    lines: Vec<u8>,
    format: Lines,
}

/// How a record is written as a line, whichever thread writes it (see
/// [`JsonlWriter::write_document`]).
struct Lines {
    keys: [String; 4],
    explain: bool,
}

impl Lines {
    /// Adds `record`'s line to `to`.
    fn push(&self, doc: &str, record: &Record, to: &mut Vec<u8>) -> io::Result<()> {
        let row = Row {
            keys: &self.keys,
            explain: self.explain,
            doc,
            record,
        };
        serde_json::to_writer(&mut *to, &row)?;
        to.push(b'\n');
        Ok(())
    }
}

impl JsonlWriter {
    pub(crate) fn new(out: OutputFile, options: &WriterOptions) -> Self {
        let (s, t) = (&options.languages.source, &options.languages.target);
        Self {
            out,
            lines: Vec::with_capacity(HELD_ROOM),
            format: Lines {
                keys: [s.clone(), t.clone(), format!("{s}_ids"), format!("{t}_ids")],
                explain: options.explain,
            },
        }
    }
}

/// One bead as a JSON object whose text keys are the language codes.
struct Row<'a> {
    keys: &'a [String; 4],
    explain: bool,
    doc: &'a str,
    record: &'a Record,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let record = self.record;
        let cost = record.cost.filter(|_| self.explain);
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("doc", self.doc)?;
        map.serialize_entry(&self.keys[0], &record.source)?;
        map.serialize_entry(&self.keys[1], &record.target)?;
        map.serialize_entry("type", &record.kind)?;
        map.serialize_entry("score", &((record.score * 1e4).round() / 1e4))?;
        map.serialize_entry(&self.keys[2], &record.source_ids)?;
        map.serialize_entry(&self.keys[3], &record.target_ids)?;
        if let Some(doc_score) = record.doc_score {
            map.serialize_entry("doc_score", &((doc_score.score * 1e4).round() / 1e4))?;
            if doc_score.refused {
                map.serialize_entry("not_translation", &true)?;
            }
        }
        if record.approved {
            map.serialize_entry("status", "ok")?;
        }
        if let Some(comment) = &record.comment {
            map.serialize_entry("comment", comment)?;
        }
        if let Some(cost) = cost {
            map.serialize_entry("cost", &cost)?;
        }
        map.end()
    }
}

impl CorpusWriter for JsonlWriter {
    /// A long document's lines in two halves at once on a pool thread: the first written as
    /// it is serialised, the second serialised meanwhile into memory and written after it
    /// (one after the other, the 100k bench's lines were some 40 ms on one thread while the
    /// other stood idle, at the end of the run).
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        let Self { out, lines, format } = self;
        let write = |records: &[Record], out: &mut OutputFile, lines: &mut Vec<u8>| {
            for record in records {
                format.push(doc, record, lines)?;
                if lines.len() >= BYTES_HELD {
                    out.write_all(lines)?;
                    lines.clear();
                }
            }
            out.write_all(lines)?;
            lines.clear();
            Ok(())
        };
        if records.len() < RECORDS_IN_HALVES {
            return write(records, out, lines);
        }
        let (first, second) = records.split_at(records.len() / 2);
        let (written, rest) = crate::parallel::both(
            || write(first, out, lines),
            || {
                let mut rest = Vec::new();
                second
                    .iter()
                    .try_for_each(|record| format.push(doc, record, &mut rest))
                    .map(|()| rest)
            },
        );
        written?;
        out.write_all(&rest?)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(self: Box<Self>) -> io::Result<Vec<Pending>> {
        self.out.finish()
    }
}
