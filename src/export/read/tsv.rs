//! Our TSV read back: `src_text trg_text score type doc` under its header.

use std::path::Path;

use super::{Corpus, corpus_error, parse_score, read_corpus_file};
use crate::error::Result;
use crate::export::{Languages, Record};

pub(super) fn read_tsv(path: &Path, languages: &Languages) -> Result<Corpus> {
    let text = read_corpus_file(path)?;
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.split('\t').eq(crate::export::tsv::HEADER) => {}
        _ => {
            return Err(corpus_error(
                path,
                1,
                format!(
                    "expected the header {}",
                    crate::export::tsv::HEADER.join("\\t")
                ),
            ));
        }
    }
    let mut records = Vec::new();
    for (k, line) in lines.filter(|(_, l)| !l.is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [source, target, score, kind, doc] = fields[..] else {
            return Err(corpus_error(
                path,
                k + 1,
                format!("{} fields where 5 are needed", fields.len()),
            ));
        };
        records.push(Record {
            doc: doc.into(),
            source: source.into(),
            target: target.into(),
            kind: kind.into(),
            score: parse_score(score).unwrap_or(f64::NAN),
            source_ids: Vec::new(),
            target_ids: Vec::new(),
            cost: None,
        });
    }
    Ok(Corpus {
        languages: languages.clone(),
        records,
        rejected: 0,
    })
}
