//! Where writers write: standard output, or temporary files beside their final paths that are
//! renamed into place only once the whole corpus was written. An interrupted or failed run
//! leaves no half-written file, and a run writing several files (moses, index) commits them
//! together.
//!
//! A process ended by a signal runs no destructors, so the temporary files are also listed
//! here, for a Ctrl-C handler to remove ([`remove_pending_and_exit`]). An output that is a
//! device or a pipe (`-o /dev/null`) is written to directly: there is nothing to rename.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::{NamedTempFile, TempPath};

/// The temporary files of this process that are not yet renamed into place (or dropped).
static PENDING: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

fn pending_files() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes this process's temporary output files and exits with `code`: what a Ctrl-C handler
/// does. It holds the list while it works, so no file is created or renamed meanwhile: a run
/// writing several files leaves all of them or none.
pub fn remove_pending_and_exit(code: i32) -> ! {
    let pending = pending_files();
    for path in pending.iter() {
        let _ = fs::remove_file(path);
    }
    std::process::exit(code)
}

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
    /// A temporary file in `path`'s folder (made if missing), to become `path`. A `path` that
    /// is a link becomes the file it points to, as with the shell's `>`.
    pub fn create(path: &Path) -> io::Result<Self> {
        let path = &resolve_link(path);
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
        let temp = {
            let mut pending = pending_files();
            let temp = builder.tempfile_in(dir).map_err(|e| with_path(dir, e))?;
            pending.insert(temp.path().to_path_buf());
            temp
        };
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

    /// Flushes, and renames the temporary file into place; the temporary name it had.
    fn commit(self) -> io::Result<PathBuf> {
        let path = self.path.clone();
        match self.close()?.temp {
            Temp::Closed(temp) => {
                let temp_name = temp.to_path_buf();
                temp.persist(&path).map_err(|e| with_path(&path, e.error))?;
                Ok(temp_name)
            }
            Temp::Open(_) => Err(io::Error::other("close() left the file open")),
        }
    }
}

/// `path`, or the file it links to (a dangling link stays itself, and is replaced).
fn resolve_link(path: &Path) -> PathBuf {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match is_link {
        true => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        false => path.to_path_buf(),
    }
}

/// An existing output that is no regular file: a device or a pipe, opened to be written to
/// directly (renaming over `/dev/null` would replace it); a folder is an error.
fn special_output(path: &Path) -> io::Result<Option<fs::File>> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(with_path(
            path,
            io::Error::new(io::ErrorKind::IsADirectory, "is a folder, not a file"),
        )),
        Ok(meta) if !meta.is_file() => fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map(Some)
            .map_err(|e| with_path(path, e)),
        _ => Ok(None),
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
    /// A device or a pipe named by `-o`, written to directly.
    Device(BufWriter<fs::File>),
    File(Pending),
}

impl OutputFile {
    /// Standard output for `None`, else a pending file (or the device `path` names).
    pub fn create(path: Option<&Path>) -> io::Result<Self> {
        let Some(path) = path else {
            return Ok(OutputFile::Stdout(BufWriter::new(io::stdout())));
        };
        Ok(match special_output(path)? {
            Some(device) => OutputFile::Device(BufWriter::new(device)),
            None => OutputFile::File(Pending::create(path)?),
        })
    }

    /// Flushes; the pending file, if any, for the caller to commit.
    pub fn finish(self) -> io::Result<Vec<Pending>> {
        match self {
            OutputFile::Stdout(mut out) => {
                out.flush()?;
                Ok(Vec::new())
            }
            OutputFile::Device(mut out) => {
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
            OutputFile::Device(out) => out.write(buf),
            OutputFile::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            OutputFile::Stdout(out) => out.flush(),
            OutputFile::Device(out) => out.flush(),
            OutputFile::File(file) => file.flush(),
        }
    }
}

/// Renames every pending file into place, with the list of temporary files held so that a
/// Ctrl-C handler waits for all of them (see [`remove_pending_and_exit`]).
pub fn commit_all(files: Vec<Pending>) -> io::Result<()> {
    let mut pending = pending_files();
    for file in files {
        let temp_name = file.commit()?;
        pending.remove(&temp_name);
    }
    Ok(())
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
        commit_all(vec![file]).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "hello");
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn temporary_files_are_listed_until_committed() {
        let dir = tempfile::tempdir().unwrap();
        let file = Pending::create(&dir.path().join("out.txt")).unwrap();
        let listed = |dir: &Path| pending_files().iter().any(|p| p.starts_with(dir));
        assert!(listed(dir.path()));
        commit_all(vec![file]).unwrap();
        assert!(!listed(dir.path()));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut file = Pending::create(&link).unwrap();
        file.write_all(b"new").unwrap();
        commit_all(vec![file]).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn a_folder_is_no_output_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = OutputFile::create(Some(dir.path())).err().unwrap();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
        assert!(err.to_string().contains("is a folder"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_to_directly() {
        let mut out = OutputFile::create(Some(Path::new("/dev/null"))).unwrap();
        out.write_all(b"x").unwrap();
        assert!(out.finish().unwrap().is_empty());
        assert!(!fs::metadata("/dev/null").unwrap().is_file());
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
