//! TSV as bicleaner and similar filters read it: a header `src_text trg_text score type doc`
//! (tab-separated), then one pair per line, tabs and line breaks inside text made spaces.

use std::io::{self, Write};

use super::output::{OutputFile, Pending};
use super::{CorpusWriter, Record, format_score, one_line};

pub(crate) const HEADER: [&str; 5] = ["src_text", "trg_text", "score", "type", "doc"];

pub(crate) struct TsvWriter {
    out: OutputFile,
}

impl TsvWriter {
    pub(crate) fn new(mut out: OutputFile) -> io::Result<Self> {
        writeln!(out, "{}", HEADER.join("\t"))?;
        Ok(Self { out })
    }
}

impl CorpusWriter for TsvWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        for r in records {
            writeln!(
                self.out,
                "{}\t{}\t{}\t{}\t{}",
                one_line(&r.source),
                one_line(&r.target),
                format_score(r.score),
                r.kind,
                one_line(doc)
            )?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(self: Box<Self>) -> io::Result<Vec<Pending>> {
        self.out.finish()
    }
}
