//! Reading and pairing documents.
//!
//! `bitext align FR EN` takes two files or two folders. In folders, a document pairs with the
//! file at the same relative path whose name is the same once the language code and the
//! extension are taken off: `a.txt` ↔ `a.txt`, `news/a.fr.txt` ↔ `news/a.en.txt`, `b.fr` ↔ `b.en`.
//! Pairs come out sorted by that name, so every run sees the same order.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

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
    let mut sources = list_folder(source)?;
    let mut targets = list_folder(target)?;
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
    let mut problems = Vec::new();
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
fn list_folder(dir: &Path) -> Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(path, e.into())
        })?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            files.insert(slash_path(relative), entry.into_path());
        }
    }
    Ok(files)
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

/// Reads a document as UTF-8 (with or without BOM); normalising is the next stage's work.
///
/// Invalid UTF-8 is an error naming the byte offset: a silent replacement would put `�` into
/// a training corpus. A NUL byte means a binary file.
pub fn read_document(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = decode_utf8(path, &bytes)?;
    if text.chars().all(|c| is_space(c) || c == '\u{feff}') {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(text.to_string())
}

/// Checks the bytes are text in UTF-8, reporting where they are not.
fn decode_utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset,
            line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count(),
        }
    })
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
    fn invalid_utf8_names_offset_and_line() {
        let err = decode_utf8(Path::new("f.txt"), b"ab\ncd\xe9f").unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.txt: invalid UTF-8 at byte offset 5 (line 2)"
        );
    }

    #[test]
    fn nul_byte_is_binary() {
        let err = decode_utf8(Path::new("f.bin"), b"PK\x03\x04\x00").unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 4, .. }));
    }

    #[test]
    fn bom_is_accepted() {
        assert_eq!(
            decode_utf8(Path::new("f"), b"\xef\xbb\xbfok").unwrap(),
            "\u{feff}ok"
        );
    }
}
