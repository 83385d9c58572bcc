//! Our JSON Lines read back: one object per bead, the text keys named by the language codes.

use std::path::Path;

use super::{Corpus, corpus_error, read_corpus_file};
use crate::error::Result;
use crate::export::{Languages, Record};

pub(super) fn read_jsonl(path: &Path) -> Result<Corpus> {
    let text = read_corpus_file(path)?;
    let mut records = Vec::new();
    let mut languages: Option<Languages> = None;
    for (k, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = |m: String| corpus_error(path, k + 1, m);
        let row: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let langs = match &languages {
            Some(l) => l.clone(),
            None => {
                let codes: Vec<&str> = row
                    .keys()
                    .filter_map(|key| key.strip_suffix("_ids"))
                    .filter(|code| row.contains_key(*code))
                    .collect();
                let [s, t] = codes[..] else {
                    return Err(bad("no two `<lang>` / `<lang>_ids` keys".into()));
                };
                // serde_json keeps keys sorted: take the text keys' order from the line.
                let (s, t) = if line.find(&format!("\"{s}\"")) < line.find(&format!("\"{t}\"")) {
                    (s, t)
                } else {
                    (t, s)
                };
                let l = Languages {
                    source: s.into(),
                    target: t.into(),
                };
                languages = Some(l.clone());
                l
            }
        };
        let text_of = |key: &str| {
            row.get(key)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let ids = |key: &str| -> Vec<usize> {
            row.get(key)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_u64())
                        .map(|x| x as usize)
                        .collect()
                })
                .unwrap_or_default()
        };
        records.push(Record {
            doc: text_of("doc"),
            source: text_of(&langs.source),
            target: text_of(&langs.target),
            kind: text_of("type"),
            score: row
                .get("score")
                .and_then(|v| v.as_f64())
                .unwrap_or(f64::NAN),
            source_ids: ids(&format!("{}_ids", langs.source)),
            target_ids: ids(&format!("{}_ids", langs.target)),
            cost: None,
        });
    }
    Ok(Corpus {
        languages: languages.unwrap_or(Languages {
            source: "fr".into(),
            target: "en".into(),
        }),
        records,
        rejected: 0,
    })
}
