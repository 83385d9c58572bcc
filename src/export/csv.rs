//! CSV for reviewers: a header, then `doc,<src>,<tgt>,type,score`, one row per bead.

use std::io::{self, Write};

use super::{CorpusWriter, Languages, format_score, side_text};
use crate::AlignedDocument;

/// Keeps the I/O error inside a csv error, so that a closed pipe stays a closed pipe.
fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        kind => io::Error::other(format!("{kind:?}")),
    }
}

pub struct CsvWriter<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(out: W, languages: &Languages) -> io::Result<Self> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(["doc", &languages.source, &languages.target, "type", "score"])
            .map_err(io_error)?;
        Ok(Self { csv })
    }
}

impl<W: Write> CorpusWriter for CsvWriter<W> {
    fn write_document(&mut self, doc: &AlignedDocument) -> io::Result<()> {
        for bead in &doc.alignment.beads {
            self.csv
                .write_record([
                    doc.name.as_str(),
                    &side_text(&doc.source, bead.source.clone()),
                    &side_text(&doc.target, bead.target.clone()),
                    &bead.kind(),
                    &format_score(bead.score),
                ])
                .map_err(io_error)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.csv.flush()
    }
}
