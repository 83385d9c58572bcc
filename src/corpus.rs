//! Reading and pairing documents.
//!
//! `bitext align FR EN` takes two files or two folders. In folders, a document pairs with the
//! file at the same relative path whose name is the same once the language code and the
//! extension are taken off: `a.txt` ↔ `a.txt`, `news/a.fr.txt` ↔ `news/a.en.txt`, `b.fr` ↔ `b.en`.
//! Pairs come out sorted by that name, so every run sees the same order.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::decode::{Decoded, InputEncoding, decode};
use crate::error::{Error, Result};
use crate::normalize::is_space;

/// One document and its translation, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentPair {
    /// The name both files share: relative path, language code and extension taken off.
    pub name: String,
    pub source: PathBuf,
    pub target: PathBuf,
}

/// What pairing found: the pairs, and the files that could not be paired.
#[derive(Debug, Default)]
pub struct Pairing {
    pub pairs: Vec<DocumentPair>,
    /// Files without a counterpart, or two files claiming one name: reported, not fatal.
    pub problems: Vec<Error>,
}

/// Pairs two files, or the files of two folders (recursively).
pub fn pair_documents(
    source: &Path,
    target: &Path,
    source_lang: &str,
    target_lang: &str,
) -> Result<Pairing> {
    let meta = |p: &Path| fs::metadata(p).map_err(|e| Error::io(p, e));
    let (source_meta, target_meta) = (meta(source)?, meta(target)?);
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
        let relative = path.strip_prefix(dir).unwrap_or(&path);
        files.insert(slash_path(relative), path.clone());
    }
    Ok(files)
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

fn slash_path(relative: &Path) -> String {
    let parts: Vec<_> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
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
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A file name without its extension and language code: `a.fr.txt`, `a.fr`, `a.txt` → `a`.
pub fn document_key(file_name: &str, lang: &str) -> String {
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
pub const DEFAULT_MAX_DOC_BYTES: u64 = 64 << 20;

/// How input documents are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    pub encoding: InputEncoding,
    /// Larger files are reported, not read: one hostile file must not exhaust memory.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            encoding: InputEncoding::Auto,
            max_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

impl ReadOptions {
    /// UTF-8 (a byte order mark still decides) and no size limit: our own corpus files.
    pub fn utf8_unlimited() -> Self {
        Self {
            encoding: InputEncoding::Fixed(encoding_rs::UTF_8),
            max_bytes: u64::MAX,
        }
    }
}

/// Reads a document as text (see [`crate::decode`]); normalising is the next stage's work.
/// A file with nothing but white space is [`Error::Empty`].
pub fn read_text(path: &Path, options: &ReadOptions) -> Result<Decoded> {
    let bytes = read_bytes(path, options.max_bytes)?;
    let decoded = decode(path, bytes, options.encoding)?;
    if decoded.text.chars().all(|c| is_space(c) || c == '\u{feff}') {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(decoded)
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
