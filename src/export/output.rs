//! Where writers write: standard output, or temporary files beside their final paths that are
//! renamed into place only once the whole corpus was written. An interrupted or failed run
//! leaves no half-written file, and a run writing several files (moses, index) commits them
//! together.
//!
//! A process ended by a signal runs no destructors, so the temporary files are also listed
//! here, for a Ctrl-C handler to remove ([`remove_pending_and_exit`]). An output that is a
//! device or a pipe (`-o /dev/null`) is written to directly: there is nothing to rename.
//!
//! A killed process (SIGKILL, a power cut) cannot remove anything: its temporary files are
//! named `.bitext-<pid>-<host>-<random>.part`, and the next run that writes in the folder
//! removes those whose process has ended (`sweep`).
//!
//! Several files are renamed into place all or none (`commit_all`): what each replaces is
//! first linked to a `.bitext-<pid>-<host>-<n>.bak` beside it, put back if a later rename
//! fails, and removed once all succeeded.

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
    pub(crate) fn create(path: &Path) -> io::Result<Self> {
        let path = &resolve_link(path);
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir).map_err(|e| with_path(dir, e))?;
        sweep_once(dir);
        let prefix = format!("{PREFIX}{}-", owner());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".part");
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
    pub(crate) fn close(self) -> io::Result<Self> {
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

    /// Renames the (closed) temporary file into place, keeping what was there as a backup
    /// until [`Committed::finish`] or [`Committed::roll_back`].
    fn commit(self) -> io::Result<Committed> {
        let Temp::Closed(temp) = self.temp else {
            return Err(io::Error::other("commit of an open file"));
        };
        let path = self.path;
        let backup = back_up(&path)?;
        let temp_name = temp.to_path_buf();
        if let Err(e) = temp.persist(&path) {
            if let Some(backup) = &backup {
                let _ = fs::rename(backup, &path);
            }
            return Err(with_path(&path, e.error));
        }
        Ok(Committed {
            path,
            backup,
            temp_name,
        })
    }
}

/// A file renamed into place, and the previous file at its path (if any) under a backup name.
struct Committed {
    path: PathBuf,
    backup: Option<PathBuf>,
    temp_name: PathBuf,
}

impl Committed {
    /// Puts the previous file back, or removes the new one if there was none.
    fn roll_back(self) {
        let _ = match &self.backup {
            Some(backup) => fs::rename(backup, &self.path),
            None => fs::remove_file(&self.path),
        };
    }

    fn finish(self) {
        if let Some(backup) = &self.backup {
            let _ = fs::remove_file(backup);
        }
    }
}

/// What our temporary and backup files' names start with; then their [`owner`] and a `-`.
const PREFIX: &str = ".bitext-";

/// `<pid>-<host>`: the process that writes a temporary file, and its machine (8 hex digits
/// of a hash of the host name), so that a run on one machine of a cluster writing to a
/// shared folder never takes another machine's live run for a dead process of its own.
fn owner() -> &'static str {
    static OWNER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    OWNER.get_or_init(|| format!("{}-{}", std::process::id(), host()))
}

/// A hash of the host name (FNV-1a), as 8 hex digits.
fn host() -> String {
    let name = fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::env::var("HOSTNAME"))
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .unwrap_or_default();
    let hash = name.trim().bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{hash:08x}")
}

/// Links what is at `path` (a file, or a link) to a backup name beside it, so that a failed
/// commit can put it back; `None` if there is nothing (or a folder, which no rename replaces).
fn back_up(path: &Path) -> io::Result<Option<PathBuf>> {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_dir() => {}
        _ => return Ok(None),
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    loop {
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let backup = dir.join(format!("{PREFIX}{}-{n}.bak", owner()));
        // A file system without hard links gets the file moved aside instead.
        let linked = fs::hard_link(path, &backup).or_else(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => Err(e),
            _ => fs::rename(path, &backup),
        });
        match linked {
            Ok(()) => return Ok(Some(backup)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(with_path(path, e)),
        }
    }
}

/// Sweeps each folder once per run (a run writing a file per document opens many).
fn sweep_once(dir: &Path) {
    static SWEPT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    let first = SWEPT
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(dir.to_path_buf());
    if first {
        for message in sweep(dir) {
            let _ = writeln!(
                io::stderr().lock(),
                "{}",
                crate::error::terminal_line(&message)
            );
        }
    }
}

/// Removes the temporary files in `dir` of runs that were killed (their process has ended),
/// and says so; names those it cannot tell about, and backups a killed commit left (the
/// previous version of an output: the user decides). Another live run's files are left alone.
pub(crate) fn sweep(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut messages = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(leftover) = name.to_str().and_then(Leftover::parse) else {
            continue;
        };
        let path = entry.path();
        let ended = leftover
            .owner
            .and_then(|(pid, host)| process_ended(pid, host));
        match (leftover.backup, ended) {
            (_, Some(false)) => {}
            (false, Some(true)) => match fs::remove_file(&path) {
                Ok(()) => messages.push(format!(
                    "{}: removed, a temporary file of a run that was killed",
                    path.display()
                )),
                Err(e) => messages.push(format!("{}: stale temporary file: {e}", path.display())),
            },
            (false, None) => messages.push(format!(
                "{}: a temporary file of a run that was killed, or of one still running: \
                 remove it if no bitext is writing here",
                path.display()
            )),
            (true, _) => messages.push(format!(
                "{}: the previous version of an output, kept by a run killed while renaming \
                 its files into place: restore or remove it",
                path.display()
            )),
        }
    }
    messages.sort();
    messages
}

/// A file name of ours: `.bitext-<pid>-<host>-<random>.part` (or `.bitext-<random>.part`,
/// from versions that did not name their owner), or `.bitext-<pid>-<host>-<n>.bak`.
struct Leftover<'a> {
    owner: Option<(u32, &'a str)>,
    backup: bool,
}

impl<'a> Leftover<'a> {
    fn parse(name: &'a str) -> Option<Self> {
        let rest = name.strip_prefix(PREFIX)?;
        let (rest, backup) = match (rest.strip_suffix(".part"), rest.strip_suffix(".bak")) {
            (Some(rest), _) => (rest, false),
            (None, Some(rest)) => (rest, true),
            (None, None) => return None,
        };
        let mut parts = rest.splitn(3, '-');
        let (pid, host) = (parts.next()?.parse().ok(), parts.next());
        let host = host.filter(|h| h.len() == 8 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        let owner = pid.zip(host).filter(|_| parts.next().is_some());
        if backup && owner.is_none() {
            return None;
        }
        Some(Self { owner, backup })
    }
}

/// Whether process `pid` on machine `host` has ended: `None` where this cannot be told (no
/// `/proc`). This process's own files, and other machines', are never stale.
fn process_ended(pid: u32, host: &str) -> Option<bool> {
    if pid == std::process::id() || host != owner().rsplit('-').next()? {
        return Some(false);
    }
    if !cfg!(target_os = "linux") || !Path::new("/proc/self").exists() {
        return None;
    }
    Some(!Path::new(&format!("/proc/{pid}")).exists())
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
pub(crate) fn with_path(path: &Path, error: io::Error) -> io::Error {
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
    pub(crate) fn create(path: Option<&Path>) -> io::Result<Self> {
        let Some(path) = path else {
            return Ok(OutputFile::Stdout(BufWriter::new(io::stdout())));
        };
        Ok(match special_output(path)? {
            Some(device) => OutputFile::Device(BufWriter::new(device)),
            None => OutputFile::File(Pending::create(path)?),
        })
    }

    /// Flushes; the pending file, if any, for the caller to commit.
    pub(crate) fn finish(self) -> io::Result<Vec<Pending>> {
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

/// Renames every pending file into place, all or none: if one rename fails, those already
/// done are undone (the previous files put back, new ones removed). The list of temporary
/// files is held meanwhile, so that a Ctrl-C handler waits (see [`remove_pending_and_exit`]).
pub(crate) fn commit_all(files: Vec<Pending>) -> io::Result<()> {
    let mut pending = pending_files();
    let closed = files
        .into_iter()
        .map(Pending::close)
        .collect::<io::Result<Vec<_>>>()?;
    let mut done: Vec<Committed> = Vec::with_capacity(closed.len());
    for file in closed {
        match file.commit() {
            Ok(committed) => {
                pending.remove(&committed.temp_name);
                done.push(committed);
            }
            Err(e) => {
                done.into_iter().rev().for_each(Committed::roll_back);
                return Err(e);
            }
        }
    }
    done.into_iter().for_each(Committed::finish);
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
    fn a_failed_rename_undoes_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let (first, second) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        fs::write(&first, "old").unwrap();
        let mut files = Vec::new();
        for path in [&first, &second, &dir.path().join("c.txt")] {
            let mut file = Pending::create(path).unwrap();
            file.write_all(b"new").unwrap();
            files.push(file);
        }
        fs::create_dir(&second).unwrap();
        fs::write(second.join("keep"), "x").unwrap();
        assert!(commit_all(files).is_err());
        assert_eq!(fs::read_to_string(&first).unwrap(), "old");
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["a.txt", "b.txt"]);
    }

    #[test]
    fn a_commit_replaces_and_leaves_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        let mut file = Pending::create(&path).unwrap();
        file.write_all(b"new").unwrap();
        commit_all(vec![file]).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn leftover_names() {
        let parse = |n| Leftover::parse(n).map(|l| (l.owner, l.backup));
        let owner = Some((12, "0badf00d"));
        assert_eq!(parse(".bitext-12-0badf00d-aB3x.part"), Some((owner, false)));
        assert_eq!(parse(".bitext-aB3x9Q.part"), Some((None, false)));
        assert_eq!(parse(".bitext-12-aB3x9Q.part"), Some((None, false)));
        assert_eq!(parse(".bitext-12-0badf00d-0.bak"), Some((owner, true)));
        assert_eq!(parse(".bitext-x.bak"), None);
        assert_eq!(parse("bitext-12-0badf00d-a.part"), None);
        assert_eq!(parse(".bitext-12-0badf00d-a.idx"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn sweeping_removes_only_what_dead_runs_left() {
        let dir = tempfile::tempdir().unwrap();
        // No process has a pid above the kernel's limit (at most 2^22).
        let host = host();
        let stale = dir
            .path()
            .join(format!(".bitext-999999999-{host}-abc.part"));
        let live = dir.path().join(format!(".bitext-{}-abc.part", owner()));
        let elsewhere = dir.path().join(".bitext-999999999-0badf00d-abc.part");
        let backup = dir.path().join(format!(".bitext-999999999-{host}-0.bak"));
        for path in [&stale, &live, &elsewhere, &backup] {
            fs::write(path, "x").unwrap();
        }
        let messages = sweep(dir.path());
        assert!(!stale.exists() && live.exists() && elsewhere.exists() && backup.exists());
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("removed")));
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
