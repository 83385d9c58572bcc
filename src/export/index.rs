//! Alignment index files as vecalign writes them and scorers read them: one file per document,
//! `-o DIR` writes `DIR/<doc>.idx`, one bead per line: `[0, 1]:[2]:0.93` (source unit numbers,
//! target unit numbers, score).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::output::Pending;
use super::{CorpusWriter, Record};

pub struct IndexWriter {
    dir: PathBuf,
    files: Vec<Pending>,
}

impl IndexWriter {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            files: Vec::new(),
        }
    }
}

fn ids(ids: &[usize]) -> String {
    let list: Vec<String> = ids.iter().map(usize::to_string).collect();
    format!("[{}]", list.join(", "))
}

/// One bead's line.
pub fn line(record: &Record) -> String {
    format!(
        "{}:{}:{:.4}",
        ids(&record.source_ids),
        ids(&record.target_ids),
        record.score
    )
}

impl CorpusWriter for IndexWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        let mut file = Pending::create(&self.dir.join(format!("{doc}.idx")))?;
        for record in records {
            writeln!(file, "{}", line(record))?;
        }
        self.files.push(file.close()?);
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<Vec<Pending>> {
        Ok(self.files)
    }
}
