//! Our JSON Lines read back: one object per bead, the text keys named by the language codes
//! (the first line's two `<lang>` keys with a `<lang>_ids` beside them, in their order).
//!
//! `doc` and the two texts are required, as strings; `type`, `score` and the ids may be left
//! out (a type is then taken from the texts, a score is none), but one that is there is what
//! our writer writes or the line is refused: a type `N-M`, a score from 0 to 1 or `null`, ids
//! as arrays of whole numbers. Other keys (`cost`) are ignored; a key given twice is refused.

use std::path::Path;

use serde_json::{Map, Value};

use super::sheet::{Status, parse_status};
use super::{
    Corpus, Limits, check_kind, checked_lines, corpus_error, json_object, kind_or_shape,
    read_limited,
};
use crate::error::Result;
use crate::export::{DocScore, Languages, Record};

pub(super) fn read_jsonl(path: &Path, asked: &Languages, limits: &Limits) -> Result<Corpus> {
    parse_jsonl(&read_limited(path, limits)?, path, asked, limits)
}

/// Our JSON Lines in `text`, read from `path`; a file without `<lang>_ids` keys (a `pack`
/// stream, another tool's pairs) has its texts under the `asked` languages' keys.
pub fn parse_jsonl(text: &str, path: &Path, asked: &Languages, limits: &Limits) -> Result<Corpus> {
    let (mut records, mut rejected) = (Vec::new(), 0);
    let mut languages: Option<Languages> = None;
    for line in checked_lines(path, text, limits) {
        let (number, line) = line?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |m: String| corpus_error(path, number, m);
        let fields = json_object(line.as_bytes()).map_err(bad)?;
        let langs = match &languages {
            Some(l) => l,
            None => languages.insert(languages_of(&fields, asked).map_err(bad)?),
        };
        let mut fields: Map<String, Value> = fields.into_iter().collect();
        let status = match fields.remove("status") {
            None | Some(Value::Null) => Status::Open,
            Some(Value::String(s)) => parse_status(&s).map_err(bad)?,
            Some(v) => return Err(bad(format!("\"status\" is {}, not a string", kind_of(&v)))),
        };
        if status == Status::Rejected {
            rejected += 1;
            continue;
        }
        let mut record = record(fields, langs).map_err(bad)?;
        record.approved = status == Status::Approved;
        records.push(record);
    }
    Ok(Corpus {
        languages: languages.unwrap_or(Languages {
            source: "fr".into(),
            target: "en".into(),
        }),
        records,
        rejected,
        warnings: Vec::new(),
    })
}

/// The two keys with a `<key>_ids` beside them, in the order of the line; else the `asked`
/// languages, when the line has both their keys.
fn languages_of(
    fields: &[(String, Value)],
    asked: &Languages,
) -> std::result::Result<Languages, String> {
    let has = |key: String| fields.iter().any(|(k, _)| *k == key);
    let codes: Vec<&str> = fields
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| has(format!("{k}_ids")))
        .collect();
    match codes[..] {
        [s, t] => Ok(Languages {
            source: s.into(),
            target: t.into(),
        }),
        _ if has(asked.source.clone()) && has(asked.target.clone()) => Ok(asked.clone()),
        _ => Err(format!(
            "no two `<lang>` / `<lang>_ids` keys, nor the keys {:?} and {:?} (give \
             --source-lang and --target-lang)",
            asked.source, asked.target
        )),
    }
}

/// One line's record (see the module's documentation).
fn record(
    mut row: Map<String, Value>,
    languages: &Languages,
) -> std::result::Result<Record, String> {
    let mut text = |key: &str| match row.remove(key) {
        Some(Value::String(s)) => Ok(s),
        Some(v) => Err(format!("{key:?} is {}, not a string", kind_of(&v))),
        None if key == "doc" => Err("no \"doc\" key".to_string()),
        None => Err(format!(
            "no {key:?} key (the file's first line has {:?} and {:?})",
            languages.source, languages.target
        )),
    };
    let (doc, source, target) = (
        text("doc")?,
        text(&languages.source)?,
        text(&languages.target)?,
    );
    let kind = match row.remove("type") {
        None => String::new(),
        Some(Value::String(kind)) => kind,
        Some(v) => return Err(format!("\"type\" is {}, not a string", kind_of(&v))),
    };
    check_kind(&kind)?;
    Ok(Record {
        kind: kind_or_shape(&kind, &source, &target),
        score: score(row.remove("score"))?,
        source_ids: ids(
            &languages.source,
            row.remove(&format!("{}_ids", languages.source)),
        )?,
        target_ids: ids(
            &languages.target,
            row.remove(&format!("{}_ids", languages.target)),
        )?,
        doc,
        source,
        target,
        cost: None,
        doc_score: doc_score(row.remove("doc_score"), row.remove("not_translation"))?,
        comment: match row.remove("comment") {
            None | Some(Value::Null) => None,
            Some(Value::String(comment)) => Some(comment).filter(|c| !c.is_empty()),
            Some(v) => return Err(format!("\"comment\" is {}, not a string", kind_of(&v))),
        },
        approved: false,
    })
}

/// A record's `doc_score` (a number from 0 to 1; nothing: none) and `not_translation` mark.
fn doc_score(
    score: Option<Value>,
    mark: Option<Value>,
) -> std::result::Result<Option<DocScore>, String> {
    let refused = match mark {
        None => false,
        Some(Value::Bool(b)) => b,
        Some(v) => {
            return Err(format!(
                "\"not_translation\" is {}, not true or false",
                kind_of(&v)
            ));
        }
    };
    match score {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(score) if (0.0..=1.0).contains(&score) => Ok(Some(DocScore { score, refused })),
            _ => Err(format!("\"doc_score\" {n} is not from 0 to 1")),
        },
        Some(v) => Err(format!("\"doc_score\" is {}, not a number", kind_of(&v))),
    }
}

/// A number from 0 to 1; `null` (as a NaN score is written) or nothing is no score.
fn score(value: Option<Value>) -> std::result::Result<f64, String> {
    match value {
        None | Some(Value::Null) => Ok(f64::NAN),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(s) if (0.0..=1.0).contains(&s) => Ok(s),
            _ => Err(format!("\"score\" {n} is not from 0 to 1")),
        },
        Some(v) => Err(format!("\"score\" is {}, not a number", kind_of(&v))),
    }
}

/// Unit numbers: an array of whole numbers, or nothing.
fn ids(lang: &str, value: Option<Value>) -> std::result::Result<Vec<usize>, String> {
    let bad = || format!("\"{lang}_ids\" is not an array of whole numbers");
    match value {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|x| {
                x.as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(bad)
            })
            .collect(),
        Some(_) => Err(bad()),
    }
}

/// What a JSON value is, for a message (the value itself may be long).
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> std::result::Result<Record, String> {
        let fields = json_object(line.as_bytes())?;
        let languages = languages_of(&fields, &fr_en())?;
        record(fields.into_iter().collect(), &languages)
    }

    fn fr_en() -> Languages {
        Languages {
            source: "fr".into(),
            target: "en".into(),
        }
    }

    #[test]
    fn a_file_without_ids_has_its_texts_under_the_languages_asked() {
        let fields = json_object(br#"{"doc":"a","en":"Yes.","fr":"Oui."}"#).unwrap();
        assert_eq!(languages_of(&fields, &fr_en()), Ok(fr_en()));
        let de = json_object(br#"{"doc":"a","de":"Ja.","en":"Yes."}"#).unwrap();
        let err = languages_of(&de, &fr_en()).unwrap_err();
        assert!(err.contains("--source-lang"), "{err}");
    }

    #[test]
    fn the_document_score_and_its_mark_are_read() {
        let line = |extra: &str| format!(r#"{{"doc":"a","fr":"Oui.","en":"Yes."{extra}}}"#);
        let marked = read(&line(r#","doc_score":0.12,"not_translation":true"#)).unwrap();
        let doc_score = |score, refused| Some(DocScore { score, refused });
        assert_eq!(marked.doc_score, doc_score(0.12, true));
        let kept = read(&line(r#","doc_score":0.9"#)).unwrap();
        assert_eq!(kept.doc_score, doc_score(0.9, false));
        assert_eq!(read(&line("")).unwrap().doc_score, None);
        for (extra, expected) in [
            (r#","doc_score":"high""#, "\"doc_score\" is a string"),
            (r#","doc_score":2"#, "not from 0 to 1"),
            (
                r#","doc_score":0.1,"not_translation":1"#,
                "not true or false",
            ),
        ] {
            let err = read(&line(extra)).unwrap_err();
            assert!(err.contains(expected), "{extra}: {err}");
        }
    }

    #[test]
    fn a_line_is_read_whole_or_refused() {
        let ok =
            read(r#"{"doc":"a","en":"Yes.","fr":"Oui.","score":null,"en_ids":[0],"fr_ids":[]}"#)
                .unwrap();
        assert_eq!((ok.source.as_str(), ok.kind.as_str()), ("Yes.", "1-1"));
        assert!(ok.score.is_nan());
        let refused = [
            (
                r#"{"doc":"a","fr":"Oui.","en":"Yes.","score":"0.9","fr_ids":[],"en_ids":[]}"#,
                "\"score\" is a string",
            ),
            (
                r#"{"doc":"a","fr":"Oui.","en":"Yes.","score":1.5,"fr_ids":[],"en_ids":[]}"#,
                "not from 0 to 1",
            ),
            (
                r#"{"doc":"a","fr":"Oui.","en":"Yes.","fr_ids":["x"],"en_ids":[]}"#,
                "\"fr_ids\" is not",
            ),
            (
                r#"{"doc":"a","fr":"Oui.","en":"Yes.","fr_ids":[-1],"en_ids":[]}"#,
                "\"fr_ids\" is not",
            ),
            (
                r#"{"doc":1,"fr":"Oui.","en":"Yes.","fr_ids":[],"en_ids":[]}"#,
                "\"doc\" is a number",
            ),
            (
                r#"{"doc":"a","fr":"Oui.","en":"Yes.","type":"x","fr_ids":[],"en_ids":[]}"#,
                "type \"x\"",
            ),
            (
                r#"{"doc":"a","fr":"Oui.","fr":"Non.","en":"Yes.","fr_ids":[],"en_ids":[]}"#,
                "\"fr\" is given twice",
            ),
            (r#"["doc"]"#, "not a JSON object"),
            (r#"{"doc":"a","fr":"Oui."#, "not JSON"),
        ];
        for (line, expected) in refused {
            let err = read(line).unwrap_err();
            assert!(err.contains(expected), "{line}: {err}");
        }
    }
}
