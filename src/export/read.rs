//! Reading our own corpus files back: the review sheet as a spreadsheet saves it (`convert`),
//! and every text format for `stats`.
//!
//! A review sheet may come back with or without its BOM, with `,` or `;` between fields, CRLF
//! line ends and line breaks inside quoted cells; its `status` column says what to keep (`ok`
//! or empty: kept as edited; `reject`: dropped). A sheet that lost its header or a column is
//! refused with the row that shows it.

use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::csv::{TAIL, unguard_formula};
use super::{Format, Languages, Record};
use crate::corpus::{ReadOptions, read_text};
use crate::error::{Error, Result};
use crate::normalize::normalize;

/// A corpus read from a file: its languages and its records in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    pub languages: Languages,
    pub records: Vec<Record>,
    /// Review-sheet rows marked `reject` (not in `records`).
    pub rejected: usize,
}

/// Reads `path` as `format`. Formats without language codes in them (TSV, Moses' files are
/// named by them) take `languages` as given.
pub fn read_corpus(path: &Path, format: Format, languages: &Languages) -> Result<Corpus> {
    match format {
        Format::Csv => read_sheet(path),
        Format::Jsonl => read_jsonl(path),
        Format::Tmx => read_tmx(path, languages),
        Format::Tsv => read_tsv(path, languages),
        Format::Moses => read_moses(path),
        Format::Index | Format::Html => Err(corpus_error(
            path,
            0,
            format!(
                "{} files cannot be read back: use csv, jsonl, tmx, tsv or moses",
                format.name()
            ),
        )),
    }
}

/// A corpus file of ours: UTF-8 (a byte order mark still decides, as spreadsheets write
/// one), however large.
fn read_corpus_file(path: &Path) -> Result<String> {
    read_text(path, &ReadOptions::utf8_unlimited()).map(|d| d.text)
}

fn corpus_error(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::Corpus {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// `0.93` or, from a spreadsheet with French settings, `0,93`.
fn parse_score(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
}

/// The review sheet (see the module's documentation).
pub fn read_sheet(path: &Path) -> Result<Corpus> {
    let text = read_corpus_file(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(corpus_error(path, 1, e.to_string())),
        None => return Err(corpus_error(path, 1, "empty sheet")),
    };
    let columns = SheetColumns::from_header(&header).map_err(|m| corpus_error(path, 1, m))?;
    let mut corpus = Corpus {
        languages: columns.languages.clone(),
        records: Vec::new(),
        rejected: 0,
    };
    for row in rows {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            corpus_error(path, line, e.to_string())
        })?;
        let line = row.position().map_or(0, |p| p.line() as usize);
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue; // a blank line a spreadsheet left at the end
        }
        if row.len() != header.len() {
            return Err(corpus_error(
                path,
                line,
                format!(
                    "{} fields where the header has {} (a lost column or an unquoted {:?}?)",
                    row.len(),
                    header.len(),
                    delimiter as char
                ),
            ));
        }
        match columns
            .record(&row)
            .map_err(|m| corpus_error(path, line, m))?
        {
            Some(record) => corpus.records.push(record),
            None => corpus.rejected += 1,
        }
    }
    Ok(corpus)
}

/// `;` when the header line has more of them than of `,` (Excel with French settings).
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Where the review sheet's columns are.
struct SheetColumns {
    languages: Languages,
    doc: usize,
    source: usize,
    target: usize,
    kind: usize,
    score: usize,
    status: usize,
}

impl SheetColumns {
    fn from_header(header: &csv::StringRecord) -> Result<Self, String> {
        let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        let expected = format!(
            "expected the header id,doc,<source>,<target>,{}",
            TAIL.join(",")
        );
        let missing: Vec<&str> = ["doc", "type", "score", "status"]
            .into_iter()
            .filter(|n| find(n).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "no {} column: {expected}; found {:?}",
                missing.join(", "),
                names.join(",")
            ));
        }
        let known = ["id", "doc", "type", "score", "status", "comment"];
        let text: Vec<usize> = (0..names.len())
            .filter(|&i| !known.contains(&names[i].as_str()))
            .collect();
        let [source, target] = text[..] else {
            return Err(format!(
                "{} text columns where two are needed: {expected}; found {:?}",
                text.len(),
                names.join(",")
            ));
        };
        Ok(Self {
            languages: Languages {
                source: names[source].clone(),
                target: names[target].clone(),
            },
            doc: find("doc").unwrap_or_default(),
            source,
            target,
            kind: find("type").unwrap_or_default(),
            score: find("score").unwrap_or_default(),
            status: find("status").unwrap_or_default(),
        })
    }

    /// The row's record, or `None` when the reviewer rejected it.
    fn record(&self, row: &csv::StringRecord) -> Result<Option<Record>, String> {
        let cell = |i: usize| unguard_formula(row.get(i).unwrap_or("")).to_string();
        let status = cell(self.status).trim().to_lowercase();
        match status.as_str() {
            "" | "ok" => {}
            "reject" => return Ok(None),
            other => {
                return Err(format!("status {other:?}: expected ok, reject or nothing"));
            }
        }
        let score_text = cell(self.score);
        let score = parse_score(&score_text)
            .ok_or_else(|| format!("score {score_text:?} is not a number"))?;
        // A reviewer's edit is text like any other: NFC, no control characters XML forbids.
        let text = |i: usize| normalize(&cell(i)).trim_end_matches('\n').to_string();
        let (source, target) = (text(self.source), text(self.target));
        Ok(Some(Record {
            doc: cell(self.doc),
            kind: kind_or_shape(&cell(self.kind), &source, &target),
            source,
            target,
            score,
            source_ids: Vec::new(),
            target_ids: Vec::new(),
            cost: None,
        }))
    }
}

/// The type as written, unless an edit filled or emptied a side (a reviewer who translated a
/// left-out sentence made a pair of it).
fn kind_or_shape(kind: &str, source: &str, target: &str) -> String {
    let (s, t) = kind.split_once('-').unwrap_or(("1", "1"));
    let count = |n: &str, text: &str| match (n.trim(), text.trim().is_empty()) {
        (_, true) => "0".to_string(),
        ("0", false) => "1".to_string(),
        (n, false) => n.to_string(),
    };
    format!("{}-{}", count(s, source), count(t, target))
}

fn read_jsonl(path: &Path) -> Result<Corpus> {
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

fn read_tsv(path: &Path, languages: &Languages) -> Result<Corpus> {
    let text = read_corpus_file(path)?;
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.split('\t').eq(super::tsv::HEADER) => {}
        _ => {
            return Err(corpus_error(
                path,
                1,
                format!("expected the header {}", super::tsv::HEADER.join("\\t")),
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

/// `NAME.en-fr.fr` (either file of the pair): both files, line by line. Moses files carry no
/// document, type or score: records get the type 1-1 (or 1-0, 0-1 for an empty line) and no
/// score.
fn read_moses(path: &Path) -> Result<Corpus> {
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
    let source = read_corpus_file(&source_path)?;
    let target = read_corpus_file(&target_path)?;
    let (s_lines, t_lines): (Vec<&str>, Vec<&str>) =
        (source.lines().collect(), target.lines().collect());
    if s_lines.len() != t_lines.len() {
        return Err(corpus_error(
            &target_path,
            t_lines.len().min(s_lines.len()) + 1,
            format!(
                "{} lines where {} has {}",
                t_lines.len(),
                source_path.display(),
                s_lines.len()
            ),
        ));
    }
    let records = s_lines
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
        })
        .collect();
    Ok(Corpus {
        languages: Languages {
            source: languages.0.into(),
            target: languages.1.into(),
        },
        records,
        rejected: 0,
    })
}

/// TMX as we write it (and as most tools do): each `<tu>`'s `x-doc`, `x-type`, `x-score`
/// props and the `<seg>` of each `<tuv>`; the source language is the header's `srclang`.
fn read_tmx(path: &Path, fallback: &Languages) -> Result<Corpus> {
    parse_tmx(&read_corpus_file(path)?, path, fallback)
}

/// [`read_tmx`] on text already read; `path` names it in errors.
pub fn parse_tmx(text: &str, path: &Path, fallback: &Languages) -> Result<Corpus> {
    let line_of = |pos: u64| {
        let before = &text.as_bytes()[..usize::try_from(pos).unwrap_or(usize::MAX).min(text.len())];
        before.iter().filter(|&&b| b == b'\n').count() + 1
    };
    let mut reader = Reader::from_str(text);
    let mut tmx = TmxState::default();
    loop {
        let position = reader.buffer_position();
        let bad = |m: String| corpus_error(path, line_of(position), m);
        match reader.read_event().map_err(|e| bad(e.to_string()))? {
            Event::Start(e) => tmx.start(&e).map_err(bad)?,
            Event::Empty(e) => {
                tmx.start(&e).map_err(bad)?;
                tmx.end(e.name().as_ref());
            }
            Event::Text(t) => tmx.text.push_str(&t.xml10_content()),
            Event::CData(t) => tmx.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| bad(e.to_string()))? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&r)
                        .ok_or_else(|| bad(format!("unknown entity &{};", &*r)))?
                        .to_string(),
                };
                tmx.text.push_str(&resolved);
            }
            Event::End(e) => tmx.end(e.name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
    }
    let source = tmx.source_lang.unwrap_or_else(|| fallback.source.clone());
    let target = tmx.target_lang.unwrap_or_else(|| fallback.target.clone());
    Ok(Corpus {
        languages: Languages { source, target },
        records: tmx.records,
        rejected: 0,
    })
}

/// What reading a TMX has gathered so far.
#[derive(Default)]
struct TmxState {
    source_lang: Option<String>,
    target_lang: Option<String>,
    records: Vec<Record>,
    /// The `<tu>` being read and its segments by language.
    tu: Option<(Record, Vec<(String, String)>)>,
    prop: Option<String>,
    tuv_lang: Option<String>,
    text: String,
}

impl TmxState {
    fn start(&mut self, e: &quick_xml::events::BytesStart) -> Result<(), String> {
        let attr = |name: &str| -> Result<Option<String>, String> {
            for a in e.attributes() {
                let a = a.map_err(|err| err.to_string())?;
                if a.key.as_ref() == name {
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|err| err.to_string())?;
                    return Ok(Some(value.into_owned()));
                }
            }
            Ok(None)
        };
        self.text.clear();
        match e.name().as_ref() {
            "header" => self.source_lang = attr("srclang")?,
            "tu" => {
                let record = Record {
                    doc: String::new(),
                    source: String::new(),
                    target: String::new(),
                    kind: "1-1".into(),
                    score: f64::NAN,
                    source_ids: Vec::new(),
                    target_ids: Vec::new(),
                    cost: None,
                };
                self.tu = Some((record, Vec::new()));
            }
            "prop" => self.prop = attr("type")?,
            "tuv" => self.tuv_lang = attr("xml:lang")?.or(attr("lang")?),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) {
        let text = std::mem::take(&mut self.text);
        match name {
            "prop" => {
                if let (Some(kind), Some((record, _))) = (self.prop.take(), self.tu.as_mut()) {
                    match kind.as_str() {
                        "x-doc" => record.doc = text,
                        "x-type" => record.kind = text,
                        "x-score" => record.score = parse_score(&text).unwrap_or(f64::NAN),
                        _ => {}
                    }
                }
            }
            "seg" => {
                if let (Some(lang), Some((_, segs))) = (self.tuv_lang.clone(), self.tu.as_mut()) {
                    segs.push((lang, text));
                }
            }
            "tu" => self.finish_tu(),
            _ => {}
        }
    }

    fn finish_tu(&mut self) {
        let Some((mut record, segs)) = self.tu.take() else {
            return;
        };
        if self.source_lang.is_none() {
            self.source_lang = segs.first().map(|s| s.0.clone());
        }
        for (lang, text) in segs {
            if Some(&lang) == self.source_lang.as_ref() {
                record.source = text;
            } else {
                self.target_lang.get_or_insert(lang);
                record.target = text;
            }
        }
        self.records.push(record);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> Result<Corpus> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.csv");
        std::fs::write(&path, text).unwrap();
        read_sheet(&path)
    }

    #[test]
    fn reads_a_sheet_saved_by_excel() {
        let text = "\u{feff}id;doc;fr;en;type;score;status;comment\r\n\
                    1;a;\"Il dit\r\n« oui ».\";\"He said \"\"yes\"\".\";1-1;0,93;ok;\r\n\
                    2;a;Rejeté.;Rejected.;1-1;0,5;reject;bad\r\n\
                    3;a;'=1+1;'-2;1-1;1;;\r\n";
        let corpus = sheet(text).unwrap();
        assert_eq!(corpus.languages.source, "fr");
        assert_eq!(corpus.rejected, 1);
        assert_eq!(corpus.records.len(), 2);
        assert_eq!(
            corpus.records[0].source, "Il dit\n« oui ».",
            "CRLF in a cell is a line break"
        );
        assert_eq!(corpus.records[0].target, "He said \"yes\".");
        assert_eq!(corpus.records[0].score, 0.93);
        assert_eq!(
            (
                corpus.records[1].source.as_str(),
                corpus.records[1].target.as_str()
            ),
            ("=1+1", "-2")
        );
    }

    #[test]
    fn refuses_a_sheet_without_header_or_with_a_lost_column() {
        let no_header = sheet("1,a,Bonjour.,Hello.,1-1,0.9,,\n").unwrap_err();
        assert!(
            no_header
                .to_string()
                .contains("line 1: no doc, type, score, status column"),
            "{no_header}"
        );
        let lost = sheet(
            "id,doc,fr,en,type,score,status,comment\n1,a,Oui.,Yes.,1-1,0.9,,\n2,a,Non.,1-1,0.9,,\n",
        )
        .unwrap_err();
        assert!(
            lost.to_string()
                .contains("line 3: 7 fields where the header has 8"),
            "{lost}"
        );
        let status =
            sheet("id,doc,fr,en,type,score,status,comment\n1,a,Oui.,Yes.,1-1,0.9,maybe,\n")
                .unwrap_err();
        assert!(
            status.to_string().contains("line 2: status \"maybe\""),
            "{status}"
        );
    }

    #[test]
    fn an_edit_that_fills_a_side_makes_a_pair() {
        assert_eq!(kind_or_shape("1-0", "Une phrase.", "A sentence."), "1-1");
        assert_eq!(kind_or_shape("2-1", "Deux. Phrases.", ""), "2-0");
        assert_eq!(kind_or_shape("2-1", "Deux. Phrases.", "One."), "2-1");
    }

    mod round_trip {
        //! Whatever the text, a corpus written in TMX, CSV or JSONL reads back the same.

        use proptest::prelude::*;

        use super::super::super::output::commit_all;
        use super::super::super::{WriterOptions, writer};
        use super::*;
        use crate::normalize::is_xml_char;

        /// Text full of what breaks writers: markup, CDATA ends, quotes, separators, line
        /// breaks, formulas, controls, accents, and anything else.
        fn text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("<".to_string()),
                Just("&amp;".to_string()),
                Just("]]>".to_string()),
                Just("\"".to_string()),
                Just("'".to_string()),
                Just("\n".to_string()),
                Just("\r\n".to_string()),
                Just(",;\t".to_string()),
                Just("=1+1".to_string()),
                Just("« l’été »\u{a0}".to_string()),
                Just("\u{1}\u{fffe}".to_string()),
                "[a-zA-Z0-9 .]{1,8}",
                any::<char>().prop_map(String::from),
            ];
            proptest::collection::vec(piece, 0..8).prop_map(|p| p.concat())
        }

        /// One record per document, with the texts `canonical` makes of them.
        fn records(
            texts: &[(String, String, String, u16)],
            canonical: impl Fn(&str) -> String,
        ) -> Vec<Record> {
            texts
                .iter()
                .map(|(doc, source, target, score)| {
                    let (source, target) = (canonical(source), canonical(target));
                    // A blank side is an empty one (a reviewer who emptied it).
                    let side = |t: &str| usize::from(!t.trim().is_empty());
                    Record {
                        doc: canonical(doc),
                        kind: format!("{}-{}", side(&source), side(&target)),
                        source,
                        target,
                        score: f64::from(*score) / 1e4,
                        source_ids: Vec::new(),
                        target_ids: Vec::new(),
                        cost: None,
                    }
                })
                .collect()
        }

        /// Writes `records` as `format` and reads them back.
        fn write_and_read(format: Format, excel: bool, records: &[Record]) -> Vec<Record> {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(format!("corpus.{}", format.name()));
            let languages = Languages {
                source: "fr".into(),
                target: "en".into(),
            };
            let options = WriterOptions {
                languages: languages.clone(),
                explain: false,
                excel,
            };
            let mut out = writer(format, Some(&path), &options).unwrap();
            for record in records {
                out.write_document(&record.doc, std::slice::from_ref(record))
                    .unwrap();
            }
            commit_all(out.finish().unwrap()).unwrap();
            read_corpus(&path, format, &languages).unwrap().records
        }

        /// What the readers give back: text, document, type and score (ids are not in CSV).
        fn essentials(records: &[Record]) -> Vec<(&str, &str, &str, &str, String)> {
            records
                .iter()
                .map(|r| {
                    let (doc, kind) = (r.doc.as_str(), r.kind.as_str());
                    (
                        doc,
                        r.source.as_str(),
                        r.target.as_str(),
                        kind,
                        format!("{:.4}", r.score),
                    )
                })
                .collect()
        }

        fn xml_only(text: &str) -> String {
            text.chars().filter(|&c| is_xml_char(c)).collect()
        }

        /// What a review sheet keeps of a cell: normalised text without a final line break.
        fn sheet_text(text: &str) -> String {
            normalize(text).trim_end_matches('\n').to_string()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn jsonl_keeps_every_text_exactly(
                texts in proptest::collection::vec((text(), text(), text(), 0..=10_000u16), 1..6)
            ) {
                let records = records(&texts, str::to_string);
                let read = write_and_read(Format::Jsonl, false, &records);
                prop_assert_eq!(essentials(&read), essentials(&records));
            }

            #[test]
            fn tmx_keeps_every_text_less_what_xml_forbids(
                texts in proptest::collection::vec((text(), text(), text(), 0..=10_000u16), 1..6)
            ) {
                let records = records(&texts, xml_only);
                let read = write_and_read(Format::Tmx, false, &records);
                prop_assert_eq!(essentials(&read), essentials(&records));
            }

            #[test]
            fn csv_keeps_every_normalised_text(
                texts in proptest::collection::vec((text(), text(), text(), 0..=10_000u16), 1..6),
                excel in any::<bool>(),
            ) {
                let records = records(&texts, sheet_text);
                let read = write_and_read(Format::Csv, excel, &records);
                prop_assert_eq!(essentials(&read), essentials(&records));
            }
        }
    }
}
