//! Where writers write: standard output, or temporary files beside their final paths that are
//! renamed into place only once the whole corpus was written. An interrupted or failed run
//! leaves no half-written file, and a run writing several files (moses, index) commits them
//! together.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempPath};

/// A file being written under a temporary name.
pub struct Pending {
    temp: Temp,
    path: PathBuf,
}

enum Temp {
    Open(BufWriter<NamedTempFile>),
    /// Written and closed (so that a run writing a file per document does not hold thousands
    /// open), still deleted if dropped.
    Closed(TempPath),
}

impl Pending {
    /// A temporary file in `path`'s folder (made if missing), to become `path`.
    pub fn create(path: &Path) -> io::Result<Self> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir).map_err(|e| with_path(dir, e))?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".bitext-").suffix(".part");
        // A temporary file is private (0600); the corpus it becomes should not be.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let temp = builder.tempfile_in(dir).map_err(|e| with_path(dir, e))?;
        Ok(Self {
            temp: Temp::Open(BufWriter::new(temp)),
            path: path.to_path_buf(),
        })
    }

    /// Flushes and closes the file; it is still renamed into place by [`Pending::commit`].
    pub fn close(self) -> io::Result<Self> {
        let temp = match self.temp {
            Temp::Open(writer) => {
                let file = writer
                    .into_inner()
                    .map_err(|e| with_path(&self.path, e.into_error()))?;
                file.as_file()
                    .sync_all()
                    .map_err(|e| with_path(&self.path, e))?;
                Temp::Closed(file.into_temp_path())
            }
            closed => closed,
        };
        Ok(Self { temp, ..self })
    }

    /// The path the file will have.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, and renames the temporary file into place.
    pub fn commit(self) -> io::Result<()> {
        let path = self.path.clone();
        match self.close()?.temp {
            Temp::Closed(temp) => temp.persist(&path).map_err(|e| with_path(&path, e.error)),
            Temp::Open(_) => unreachable!("close() closes"),
        }
    }
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.temp {
            Temp::Open(writer) => writer.write(buf),
            Temp::Closed(_) => Err(io::Error::other("write to a closed output file")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.temp {
            Temp::Open(writer) => writer.flush(),
            Temp::Closed(_) => Ok(()),
        }
    }
}

/// An I/O error that names its file, keeping its kind.
pub fn with_path(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// The one stream of a single-file format.
pub enum OutputFile {
    Stdout(BufWriter<io::Stdout>),
    File(Pending),
}

impl OutputFile {
    /// Standard output for `None`, else a pending file.
    pub fn create(path: Option<&Path>) -> io::Result<Self> {
        Ok(match path {
            None => OutputFile::Stdout(BufWriter::new(io::stdout())),
            Some(path) => OutputFile::File(Pending::create(path)?),
        })
    }

    /// Flushes; the pending file, if any, for the caller to commit.
    pub fn finish(self) -> io::Result<Vec<Pending>> {
        match self {
            OutputFile::Stdout(mut out) => {
                out.flush()?;
                Ok(Vec::new())
            }
            OutputFile::File(mut file) => {
                file.flush()?;
                Ok(vec![file])
            }
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            OutputFile::Stdout(out) => out.write(buf),
            OutputFile::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            OutputFile::Stdout(out) => out.flush(),
            OutputFile::File(file) => file.flush(),
        }
    }
}

/// Renames every pending file into place.
pub fn commit_all(files: Vec<Pending>) -> io::Result<()> {
    files.into_iter().try_for_each(Pending::commit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_appears_before_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.txt");
        let mut file = Pending::create(&path).unwrap();
        file.write_all(b"hello").unwrap();
        let file = file.close().unwrap();
        assert!(!path.exists());
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "hello");
    }

    #[test]
    fn a_dropped_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        drop(Pending::create(&path).unwrap());
        let mut closed = Pending::create(&path).unwrap();
        closed.write_all(b"x").unwrap();
        drop(closed.close().unwrap());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
