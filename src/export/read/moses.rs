//! A Moses pair read back, line by line, from either of its two files.

use std::path::{Path, PathBuf};

use super::{Corpus, Limits, checked_lines, corpus_error, kind_or_shape, read_limited};
use crate::error::Result;
use crate::export::{Languages, Record};

/// `NAME.en-fr.fr` (either file of the pair): both files, line by line. Moses files carry no
/// document, type or score: records get the type 1-1 (or 1-0, 0-1 for an empty line) and no
/// score. The two files must have as many lines (a last line without its line feed counts),
/// and a carriage return only ends a line before a line feed: tools that split at it would
/// pair other lines than we do.
pub(super) fn read_moses(path: &Path, limits: &Limits) -> Result<Corpus> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parts: Vec<&str> = name.rsplitn(3, '.').collect();
    let (lang, pair) = match parts[..] {
        [lang, pair, _] => (lang, pair),
        _ => ("", ""),
    };
    let other = pair
        .split_once('-')
        .and_then(|(a, b)| match lang {
            l if l == a => Some(b),
            l if l == b => Some(a),
            _ => None,
        })
        .ok_or_else(|| corpus_error(path, 0, "expected OPUS naming: NAME.<l1>-<l2>.<l1>"))?;
    let other_path: PathBuf = path.with_extension(other);
    // The source is the French side when there is one, else the first code in the name.
    let (source_path, target_path, languages) = if lang == "fr" || (other != "fr" && lang < other) {
        (path.to_path_buf(), other_path, (lang, other))
    } else {
        (other_path, path.to_path_buf(), (other, lang))
    };
    let source = read_limited(&source_path, limits)?;
    let target = read_limited(&target_path, limits)?;
    Ok(Corpus {
        languages: Languages {
            source: languages.0.into(),
            target: languages.1.into(),
        },
        records: parse_moses([(&source_path, &source), (&target_path, &target)], limits)?,
        rejected: 0,
        warnings: Vec::new(),
    })
}

/// The records of a Moses pair: the source file's path and text, then the target's.
pub fn parse_moses(files: [(&Path, &str); 2], limits: &Limits) -> Result<Vec<Record>> {
    let [(source_path, source), (target_path, target)] = files;
    let lines = |path, text| -> Result<Vec<&str>> {
        checked_lines(path, text, limits)
            .map(|line| line.map(|(_, l)| l))
            .collect()
    };
    let (s_lines, t_lines) = (lines(source_path, source)?, lines(target_path, target)?);
    if s_lines.len() != t_lines.len() {
        return Err(corpus_error(
            target_path,
            t_lines.len().min(s_lines.len()) + 1,
            format!(
                "{} lines where {} has {}",
                t_lines.len(),
                source_path.display(),
                s_lines.len()
            ),
        ));
    }
    Ok(s_lines
        .iter()
        .zip(&t_lines)
        .map(|(s, t)| Record {
            doc: String::new(),
            source: s.to_string(),
            target: t.to_string(),
            kind: kind_or_shape("1-1", s, t),
            score: f64::NAN,
            source_ids: Vec::new(),
            target_ids: Vec::new(),
            cost: None,
            comment: None,
            approved: false,
            doc_score: None,
        })
        .collect())
}
