//! Our TSV read back: `src_text trg_text score type doc` under its header. Fields are not
//! quoted (as bicleaner and Moses' tools read them): a quote is text, and a line is a record.

use std::path::Path;

use super::{Corpus, Limits, check_kind, checked_lines, corpus_error, read_limited, score_cell};
use crate::error::Result;
use crate::export::tsv::HEADER;
use crate::export::{Languages, Record};

pub(super) fn read_tsv(path: &Path, languages: &Languages, limits: &Limits) -> Result<Corpus> {
    parse_tsv(&read_limited(path, limits)?, path, languages, limits)
}

/// Our TSV in `text`, read from `path`.
pub fn parse_tsv(
    text: &str,
    path: &Path,
    languages: &Languages,
    limits: &Limits,
) -> Result<Corpus> {
    let mut lines = checked_lines(path, text, limits);
    match lines.next().transpose()? {
        Some((_, header)) if header.split('\t').eq(HEADER) => {}
        _ => {
            let message = format!("expected the header {}", HEADER.join("\\t"));
            return Err(corpus_error(path, 1, message));
        }
    }
    let mut records = Vec::new();
    for line in lines {
        let (number, line) = line?;
        if !line.is_empty() {
            records.push(record(line).map_err(|m| corpus_error(path, number, m))?);
        }
    }
    Ok(Corpus {
        languages: languages.clone(),
        records,
        rejected: 0,
        warnings: Vec::new(),
    })
}

/// One line's record: five fields, a score from 0 to 1 or none, a type `N-M`.
fn record(line: &str) -> std::result::Result<Record, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [source, target, score, kind, doc] = fields[..] else {
        return Err(format!("{} fields where 5 are needed", fields.len()));
    };
    for (name, field) in [("src_text", source), ("trg_text", target), ("doc", doc)] {
        if spreadsheet_quoted(field) {
            return Err(format!(
                "{name} {field:?} is quoted as a spreadsheet quotes a cell: our TSV quotes \
                 nothing (a quote is text), so it would keep the quotes"
            ));
        }
    }
    check_kind(kind)?;
    Ok(Record {
        doc: doc.into(),
        source: source.into(),
        target: target.into(),
        kind: kind.into(),
        score: score_cell(score)?,
        source_ids: Vec::new(),
        target_ids: Vec::new(),
        cost: None,
        comment: None,
        approved: false,
        doc_score: None,
    })
}

/// `"Il dit ""oui""."`: a field in quotes with its quotes doubled, as a spreadsheet saves a
/// cell holding quotes. Text that merely starts and ends with a quote is text.
fn spreadsheet_quoted(field: &str) -> bool {
    let Some(inner) = field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) else {
        return false;
    };
    inner.contains("\"\"") && inner.replace("\"\"", "").find('"').is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_text_unless_a_spreadsheet_put_them() {
        assert!(!spreadsheet_quoted("\"Oui.\""));
        assert!(!spreadsheet_quoted("\"Oui."));
        assert!(!spreadsheet_quoted("\""));
        assert!(spreadsheet_quoted("\"Il dit \"\"oui\"\".\""));
        let row = record("\"Oui.\tYes.\t\t1-1\ta").unwrap();
        assert_eq!((row.source.as_str(), row.score.is_nan()), ("\"Oui.", true));
        assert!(
            record("Oui.\tYes.\tx\t1-1\ta")
                .unwrap_err()
                .contains("score \"x\"")
        );
        assert!(
            record("Oui.\tYes.\t0.9\t1:1\ta")
                .unwrap_err()
                .contains("type")
        );
    }
}
