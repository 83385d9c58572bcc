//! Reading and pairing documents.
//!
//! `bitext align FR EN` takes two files or two folders. In folders, a document pairs with the
//! file at the same relative path whose name is the same once the language code and the
//! extension are taken off: `a.txt` ↔ `a.txt`, `news/a.fr.txt` ↔ `news/a.en.txt`, `b.fr` ↔ `b.en`.
//! Pairs come out sorted by that name, so every run sees the same order.
//!
//! Names are compared in NFC, so that `été.txt` as macOS spells it (decomposed) pairs with
//! `été.txt` as Linux and Windows do; two files on one side that differ only so are reported
//! as a duplicate. A file name that is not UTF-8 keeps its bytes in the document name,
//! escaped: `\xFF` for each byte that does not decode, `\\` for a backslash, so that two files
//! never share a name (see `name_of`).
//!
//! The two sides must be apart: the same file or folder twice, or one folder inside the other,
//! would align documents with themselves, and is refused.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::ffi::OsStr;
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

use crate::decode::{Decoded, InputEncoding};
use crate::error::{Error, Result};
use crate::input::{self, InputFormat};
use crate::normalize::is_space;

/// One document and its translation, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocumentPair {
    /// The name both files share: relative path, language code and extension taken off.
    pub(crate) name: String,
    pub(crate) source: PathBuf,
    pub(crate) target: PathBuf,
}

/// What pairing found: the pairs, and the files that could not be paired.
#[derive(Debug, Default)]
pub(crate) struct Pairing {
    pub(crate) pairs: Vec<DocumentPair>,
    /// Files without a counterpart, or two files claiming one name: reported, not fatal.
    pub(crate) problems: Vec<Error>,
}

/// Pairs two files, or the files of two folders (recursively).
pub(crate) fn pair_documents(
    source: &Path,
    target: &Path,
    source_lang: &str,
    target_lang: &str,
) -> Result<Pairing> {
    let meta = |p: &Path| fs::metadata(p).map_err(|e| Error::io(p, e));
    let (source_meta, target_meta) = (meta(source)?, meta(target)?);
    refuse_overlapping_inputs(source, target)?;
    if source_meta.is_file() && target_meta.is_file() {
        let name = file_name(source);
        let pair = DocumentPair {
            name: document_key(&name, source_lang),
            source: source.to_path_buf(),
            target: target.to_path_buf(),
        };
        return Ok(Pairing {
            pairs: vec![pair],
            problems: Vec::new(),
        });
    }
    if !(source_meta.is_dir() && target_meta.is_dir()) {
        return Err(Error::MixedInputs {
            fr: source.to_path_buf(),
            en: target.to_path_buf(),
        });
    }
    let mut problems = Vec::new();
    let mut sources = list_folder(source, &mut problems)?;
    let mut targets = list_folder(target, &mut problems)?;
    // The same relative path on both sides pairs first (`a.txt` ↔ `a.txt`, even when the
    // name carries a language code), then names with the language codes taken off.
    let mut pairs = Vec::new();
    let shared: Vec<String> = sources
        .keys()
        .filter(|k| targets.contains_key(*k))
        .cloned()
        .collect();
    for relative in shared {
        if let (Some(s), Some(t)) = (sources.remove(&relative), targets.remove(&relative)) {
            pairs.push(DocumentPair {
                name: strip_extension(&relative).to_string(),
                source: s,
                target: t,
            });
        }
    }
    let sources = by_document_key(sources, source_lang, &mut problems);
    let mut targets = by_document_key(targets, target_lang, &mut problems);
    for (name, source_path) in sources {
        match targets.remove(&name) {
            Some(target_path) => pairs.push(DocumentPair {
                name,
                source: source_path,
                target: target_path,
            }),
            None => problems.push(Error::NoCounterpart {
                path: source_path,
                other_dir: target.to_path_buf(),
            }),
        }
    }
    problems.extend(targets.into_values().map(|path| Error::NoCounterpart {
        path,
        other_dir: source.to_path_buf(),
    }));
    pairs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Pairing { pairs, problems })
}

/// The files of a folder by relative path (`/`-separated); hidden files and folders skipped.
/// A dangling link is listed as a file, so that reading it reports it by name and costs only
/// its own document; a link loop or a subfolder that cannot be listed is a problem of its own.
fn list_folder(dir: &Path, problems: &mut Vec<Error>) -> Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let path = match entry {
            Ok(entry) if entry.file_type().is_file() => entry.into_path(),
            Ok(_) => continue,
            Err(e) if e.depth() == 0 => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                return Err(Error::io(path, e.into()));
            }
            Err(e) => match e.path().map(Path::to_path_buf) {
                Some(path) if e.loop_ancestor().is_none() && is_link(&path) => path,
                Some(path) => {
                    problems.push(Error::io(path, e.into()));
                    continue;
                }
                None => continue,
            },
        };
        let relative = slash_path(path.strip_prefix(dir).unwrap_or(&path));
        match files.entry(relative) {
            Entry::Vacant(entry) => {
                entry.insert(path);
            }
            // Two spellings of one name (NFC and NFD): the first, in byte order, is kept.
            Entry::Occupied(entry) => problems.push(Error::SpeltTwice {
                first: entry.get().clone(),
                second: path,
            }),
        }
    }
    Ok(files)
}

/// The same file or folder on both sides, or one folder inside the other (links resolved).
fn refuse_overlapping_inputs(source: &Path, target: &Path) -> Result<()> {
    let overlap = match (source.canonicalize(), target.canonicalize()) {
        (Ok(s), Ok(t)) => s.starts_with(&t) || t.starts_with(&s),
        _ => false,
    };
    // A hard link, or a folder mounted twice, is the same file under two names.
    if overlap || same_file::is_same_file(source, target).unwrap_or(false) {
        return Err(Error::OverlappingInputs {
            fr: source.to_path_buf(),
            en: target.to_path_buf(),
        });
    }
    Ok(())
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Re-keys files by document name; two files claiming one name are both reported.
fn by_document_key(
    files: BTreeMap<String, PathBuf>,
    lang: &str,
    problems: &mut Vec<Error>,
) -> BTreeMap<String, PathBuf> {
    let mut index: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (relative, path) in files {
        let key = match relative.rsplit_once('/') {
            Some((dir, name)) => format!("{dir}/{}", document_key(name, lang)),
            None => document_key(&relative, lang),
        };
        match index.get(&key) {
            Some(first) => problems.push(Error::DuplicateDocument {
                key,
                first: first.clone(),
                second: path,
            }),
            None => {
                index.insert(key, path);
            }
        }
    }
    index
}

/// A relative path as a document name: its components' names (see [`name_of`]) joined by `/`.
fn slash_path(relative: &Path) -> String {
    let parts: Vec<_> = relative
        .components()
        .map(|c| name_of(c.as_os_str()))
        .collect();
    parts.join("/")
}

/// A file name as text in NFC, losing nothing else: the bytes that are not UTF-8 are written
/// `\xFF` (two upper-case hex digits each) and a backslash `\\`, so that names distinct in NFC
/// stay distinct and their bytes can be read back. Each run of UTF-8 is composed on its own: a
/// combining accent after an escape stays apart from the escape's last digit.
#[cfg(unix)]
pub(crate) fn name_of(name: &OsStr) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::with_capacity(name.len());
    for chunk in name.as_bytes().utf8_chunks() {
        for c in chunk.valid().nfc() {
            if c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02X}");
        }
    }
    out
}

/// A file name as text in NFC, losing nothing else: Windows names are UTF-16, and an unpaired
/// surrogate is written `\u{D800}` (a backslash cannot be part of a name there).
#[cfg(windows)]
pub(crate) fn name_of(name: &OsStr) -> String {
    use std::fmt::Write;
    use std::os::windows::ffi::OsStrExt;
    let mut out = String::with_capacity(name.len());
    for unit in char::decode_utf16(name.encode_wide()) {
        match unit {
            Ok(c) => out.push(c),
            Err(e) => {
                let _ = write!(out, "\\u{{{:04X}}}", e.unpaired_surrogate());
            }
        }
    }
    out.nfc().collect()
}

/// A file name as text in NFC (other systems' names are Unicode).
#[cfg(not(any(unix, windows)))]
pub(crate) fn name_of(name: &OsStr) -> String {
    name.to_string_lossy().nfc().collect()
}

/// `news/a.fr.txt` → `news/a.fr`: the name of a pair whose two files share a path.
fn strip_extension(relative: &str) -> &str {
    let name_start = relative.rfind('/').map_or(0, |i| i + 1);
    match relative[name_start..].rfind('.') {
        Some(dot) if dot > 0 => &relative[..name_start + dot],
        _ => relative,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(name_of).unwrap_or_default()
}

/// A file name without its extension and language code: `a.fr.txt`, `a.fr`, `a.txt` → `a`.
pub(crate) fn document_key(file_name: &str, lang: &str) -> String {
    let lang_suffix = format!(".{lang}");
    if let Some(stem) = file_name
        .strip_suffix(&lang_suffix)
        .filter(|s| !s.is_empty())
    {
        return stem.to_string();
    }
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _ext)) if !stem.is_empty() => stem,
        _ => file_name,
    };
    stem.strip_suffix(&lang_suffix)
        .filter(|s| !s.is_empty())
        .unwrap_or(stem)
        .to_string()
}

/// Documents larger than this are not read unless `--max-doc-bytes` says otherwise: 64 MiB is
/// several times a long book, and aligning it takes a few GB of memory at most.
pub(crate) const DEFAULT_MAX_DOC_BYTES: u64 = 64 << 20;

/// How input documents are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    pub encoding: InputEncoding,
    /// Which reader: by content and extension, or forced (`--input-format`).
    pub format: InputFormat,
    /// Larger files are reported, not read: one hostile file must not exhaust memory.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            encoding: InputEncoding::Auto,
            format: InputFormat::Auto,
            max_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// Reads a document's text in its format and encoding (see [`crate::input`]); normalising is
/// the next stage's work. A file with nothing but white space is [`Error::Empty`].
pub fn read_text(path: &Path, options: &ReadOptions) -> Result<Decoded> {
    let bytes = read_bytes(path, options.max_bytes)?;
    let decoded = input::read(
        path,
        bytes,
        options.format,
        options.encoding,
        options.max_bytes,
    )?;
    if decoded.text.chars().all(|c| is_space(c) || c == '\u{feff}') {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(decoded)
}

/// Standard input as a document (`bitext split`): no more than `--max-doc-bytes`, decoded as a
/// file would be, named `<stdin>` as a stream names it.
pub fn read_stdin(options: &ReadOptions) -> Result<Decoded> {
    let path = Path::new("<stdin>");
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(options.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(Error::TooLarge {
            path: path.into(),
            size: bytes.len() as u64,
            limit: options.max_bytes,
        });
    }
    input::read(
        path,
        bytes,
        options.format,
        options.encoding,
        options.max_bytes,
    )
}

/// A file's bytes, refused past `limit` before they are read (and while they are read, for
/// a file that grows or says it is empty, as `/proc` files do).
fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let io = |e| Error::io(path, e);
    let file = fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let too_large = |size| Error::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    };
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads up to and with the next `\n` (or to the end of `input`), keeping at most `limit`
/// bytes of it in `buffer`: memory does not grow with a longer line, whose rest is read and
/// dropped. Returns the line's whole length, 0 at the end of the input.
pub(crate) fn read_line_bounded(
    input: &mut impl BufRead,
    buffer: &mut Vec<u8>,
    limit: usize,
) -> io::Result<usize> {
    let mut length = 0;
    loop {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(length);
        }
        let (chunk, end) = match available.iter().position(|&b| b == b'\n') {
            Some(k) => (&available[..=k], true),
            None => (available, false),
        };
        let room = limit.saturating_sub(buffer.len()).min(chunk.len());
        buffer.extend_from_slice(&chunk[..room]);
        let read = chunk.len();
        input.consume(read);
        length += read;
        if end {
            return Ok(length);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_extension_and_language() {
        assert_eq!(document_key("a.fr.txt", "fr"), "a");
        assert_eq!(document_key("a.txt", "fr"), "a");
        assert_eq!(document_key("a.fr", "fr"), "a");
        assert_eq!(document_key("10k.en", "en"), "10k");
        assert_eq!(document_key("a.b.txt", "fr"), "a.b");
        assert_eq!(document_key("README", "fr"), "README");
        assert_eq!(document_key(".fr", "fr"), ".fr");
    }

    #[test]
    fn pair_names_keep_folders() {
        assert_eq!(strip_extension("news/x/a.en.txt"), "news/x/a.en");
        assert_eq!(strip_extension("x.y/README"), "x.y/README");
        assert_eq!(strip_extension(".hidden"), ".hidden");
        let mut problems = Vec::new();
        let files = BTreeMap::from([
            ("news/a.en.txt".to_string(), PathBuf::from("1")),
            ("news/a.txt".to_string(), PathBuf::from("2")),
        ]);
        let keyed = by_document_key(files, "en", &mut problems);
        assert_eq!(keyed.keys().collect::<Vec<_>>(), ["news/a"]);
        assert!(matches!(problems[..], [Error::DuplicateDocument { .. }]));
    }

    /// The bytes of a name as [`name_of`] writes it (a name already in NFC).
    #[cfg(unix)]
    fn unescape(name: &str) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut rest = name;
        while let Some(i) = rest.find('\\') {
            bytes.extend_from_slice(&rest.as_bytes()[..i]);
            rest = &rest[i + 1..];
            if let Some(after) = rest.strip_prefix('\\') {
                bytes.push(b'\\');
                rest = after;
            } else {
                let hex = &rest[1..3];
                bytes.push(u8::from_str_radix(hex, 16).unwrap());
                rest = &rest[3..];
            }
        }
        bytes.extend_from_slice(rest.as_bytes());
        bytes
    }

    #[cfg(unix)]
    #[test]
    fn names_escape_bytes_and_backslashes_only() {
        use std::os::unix::ffi::OsStrExt;
        let name = |b: &[u8]| name_of(OsStr::from_bytes(b));
        assert_eq!(name(b"plain.txt"), "plain.txt");
        assert_eq!(name(b"a\xff\xfe.txt"), "a\\xFF\\xFE.txt");
        assert_eq!(name(b"a\\xFF.txt"), "a\\\\xFF.txt");
        assert_eq!(name("e\u{301}te\u{301}".as_bytes()), "été");
        // An accent after an escape is not composed with the escape's last digit.
        assert_eq!(name(b"\xfa\xcc\x81"), "\\xFA\u{301}");
    }

    #[cfg(unix)]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any name in NFC reads back to its bytes, and two names never share a text.
        #[test]
        fn names_read_back_to_their_bytes(
            a in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12),
            b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12),
        ) {
            use std::os::unix::ffi::OsStrExt;
            let nfc = |bytes: &[u8]| {
                bytes
                    .utf8_chunks()
                    .all(|chunk| unicode_normalization::is_nfc(chunk.valid()))
            };
            for bytes in [&a, &b] {
                if nfc(bytes) {
                    proptest::prop_assert_eq!(&unescape(&name_of(OsStr::from_bytes(bytes))), bytes);
                }
            }
            if a != b && nfc(&a) && nfc(&b) {
                proptest::prop_assert_ne!(name_of(OsStr::from_bytes(&a)), name_of(OsStr::from_bytes(&b)));
            }
        }
    }

    #[test]
    fn overlapping_inputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (fr, en) = (dir.path().join("fr"), dir.path().join("en"));
        fs::create_dir_all(fr.join("sub")).unwrap();
        fs::create_dir_all(&en).unwrap();
        fs::write(fr.join("a.txt"), "x").unwrap();
        let refused = |a: &Path, b: &Path| {
            matches!(
                refuse_overlapping_inputs(a, b),
                Err(Error::OverlappingInputs { .. })
            )
        };
        assert!(refused(&fr, &fr));
        assert!(refused(&fr, &fr.join("sub")));
        assert!(refused(&fr.join("sub/.."), &fr));
        assert!(refused(&fr.join("a.txt"), &fr.join("./a.txt")));
        assert!(!refused(&fr, &en));
        // A folder whose name begins like the other's is not inside it.
        fs::create_dir_all(dir.path().join("fr2")).unwrap();
        assert!(!refused(&fr, &dir.path().join("fr2")));
    }

    #[test]
    fn files_over_the_limit_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        fs::write(&path, "0123456789").unwrap();
        let options = |max_bytes| ReadOptions {
            max_bytes,
            ..ReadOptions::default()
        };
        assert_eq!(read_text(&path, &options(10)).unwrap().text, "0123456789");
        let err = read_text(&path, &options(9)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: 10 bytes, more than --max-doc-bytes (9)",
                path.display()
            )
        );
    }

    #[test]
    fn blank_files_are_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blank.txt");
        fs::write(&path, "\u{feff} \n\t\u{a0}").unwrap();
        let err = read_text(&path, &ReadOptions::default()).unwrap_err();
        assert!(matches!(err, Error::Empty { .. }), "{err}");
    }
}
