//! Alignment index files as vecalign writes them and scorers read them: one file per document,
//! `-o DIR` writes `DIR/<doc>.idx`, one bead per line: `[0, 1]:[2]:0.93` (source unit numbers,
//! target unit numbers, score).
//!
//! `<doc>` is the document's name made a safe relative path ([`super::names`]): `news/a` is
//! `DIR/news/a.idx`, `../x` is `DIR/%2E%2E/x.idx`. Two documents that would be one file (the
//! same name twice in a stream, or names differing only in case) are an error naming both.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::names::{Claims, relative_path};
use super::output::Pending;
use super::{CorpusWriter, Record};

pub(crate) struct IndexWriter {
    dir: PathBuf,
    files: Vec<Pending>,
    claims: Claims,
}

impl IndexWriter {
    pub(crate) fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            files: Vec::new(),
            claims: Claims::default(),
        }
    }

    /// The file of document `doc`, refused if another document has it.
    fn path(&mut self, doc: &str) -> io::Result<PathBuf> {
        let relative = format!("{}.idx", relative_path(doc));
        let path = self.dir.join(&relative);
        self.claims.claim(doc, &relative).map_err(|other| {
            let message = format!(
                "documents {other:?} and {doc:?} would both be written to {}",
                path.display()
            );
            io::Error::new(io::ErrorKind::AlreadyExists, message)
        })?;
        Ok(path)
    }
}

fn ids(ids: &[usize]) -> String {
    let list: Vec<String> = ids.iter().map(usize::to_string).collect();
    format!("[{}]", list.join(", "))
}

/// One bead's line.
pub(crate) fn line(record: &Record) -> String {
    format!(
        "{}:{}:{:.4}",
        ids(&record.source_ids),
        ids(&record.target_ids),
        record.score
    )
}

impl CorpusWriter for IndexWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        let mut file = Pending::create(&self.path(doc)?)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_under_the_folder_and_never_share_a_file() {
        let mut writer = IndexWriter::new(Path::new("out"));
        assert_eq!(writer.path("news/a").unwrap(), Path::new("out/news/a.idx"));
        assert_eq!(writer.path("../x").unwrap(), Path::new("out/%2E%2E/x.idx"));
        assert_eq!(
            writer.path("/etc/x").unwrap(),
            Path::new("out/%2Fetc/x.idx")
        );
        let err = writer.path("News/A").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(
            err.to_string().contains(r#""news/a" and "News/A""#),
            "{err}"
        );
    }
}
