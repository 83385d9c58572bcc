//! Reading our own corpus files back: the review sheet as a spreadsheet saves it (`convert`),
//! and every text format for `stats`.
//!
//! A review sheet may come back with or without its BOM, with `,` or `;` between fields, CRLF
//! line ends and line breaks inside quoted cells; its `status` column says what to keep (`ok`
//! or empty: kept as edited; `reject`: dropped). A sheet that lost its header or a column is
//! refused with the row that shows it.
//!
//! Every reader refuses a malformed record with its file and line rather than skip it or let
//! it absorb the records after it: a corpus read back is all of the file or an error. A file
//! is read whole, so it is bounded ([`Limits`]): larger than `--max-corpus-bytes` it is not
//! read, and a record longer than `--max-record-bytes` is refused.

mod jsonl;
mod moses;
mod sheet;
mod tmx;
mod tsv;
mod xlsx;

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::Value;

use super::{Format, Languages, Record};
use crate::corpus::{ReadOptions, read_text};
use crate::decode::{Decoded, InputEncoding};
use crate::error::{Error, Result, Warning};
use crate::input::InputFormat;

/// Corpus files larger than this are not read unless `--max-corpus-bytes` says otherwise: it
/// is read whole, and its records take about as much memory again.
pub(crate) const DEFAULT_MAX_CORPUS_BYTES: u64 = 4 << 30;

/// A longer record (a line; a sheet's row with its quoted line breaks) is refused unless
/// `--max-record-bytes` says otherwise: a bead is a few sentences, not megabytes.
pub(crate) const DEFAULT_MAX_RECORD_BYTES: u64 = 64 << 20;

/// How a corpus file is read: how much of it (a hostile one must not exhaust memory), and
/// in which encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Larger files are refused before they are read.
    pub max_bytes: u64,
    /// Longer records are refused with their line.
    pub max_record_bytes: u64,
    /// `--encoding`. A byte order mark always decides. `Auto` is strict UTF-8 for the files
    /// we write, and for a review sheet UTF-8 else a guess of Windows-1252 (what Excel's
    /// "CSV (séparateur: point-virgule)" writes), said in a warning.
    pub encoding: InputEncoding,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_CORPUS_BYTES,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            encoding: InputEncoding::Auto,
        }
    }
}

impl Limits {
    /// An error unless the record of `bytes` bytes starting on `line` is within bounds.
    pub(super) fn check_record(&self, path: &Path, line: usize, bytes: usize) -> Result<()> {
        if bytes as u64 <= self.max_record_bytes {
            return Ok(());
        }
        Err(corpus_error(
            path,
            line,
            format!(
                "a record of {bytes} bytes, more than --max-record-bytes ({})",
                self.max_record_bytes
            ),
        ))
    }
}

/// A corpus read from a file: its languages and its records in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    pub languages: Languages,
    pub records: Vec<Record>,
    /// Review-sheet rows marked `reject` (not in `records`).
    pub rejected: usize,
    /// What the reader has to say about a file it read all the same (a guessed encoding, a
    /// sheet's columns it ignored).
    pub warnings: Vec<Warning>,
}

/// [`read_corpus_with`] the default limits, for tests.
#[cfg(test)]
fn read_corpus(path: &Path, format: Format, languages: &Languages) -> Result<Corpus> {
    read_corpus_with(path, format, languages, &Limits::default())
}

/// Reads `path` as `format` within `limits`. Formats without language codes in them (TSV, Moses' files
/// are named by them) take `languages` as given (TMX is read by its own module).
pub(crate) fn read_corpus_with(
    path: &Path,
    format: Format,
    languages: &Languages,
    limits: &Limits,
) -> Result<Corpus> {
    match format {
        Format::Csv => sheet::read_sheet_with(path, languages, limits),
        Format::Xlsx if is_other_workbook(path) => Err(xlsx::refuse_other_workbook(path)),
        Format::Xlsx => xlsx::read_xlsx(path, languages, limits),
        Format::Jsonl => jsonl::read_jsonl(path, languages, limits),
        Format::Tmx => tmx::read_tmx(path, languages),
        Format::Tsv => tsv::read_tsv(path, languages, limits),
        Format::Moses => moses::read_moses(path, limits),
        Format::Index | Format::Html => Err(corpus_error(
            path,
            0,
            format!(
                "{} files cannot be read back: use csv, xlsx, jsonl, tmx, tsv or moses",
                format.name()
            ),
        )),
    }
}

/// Whether `path` is named as a spreadsheet that is no xlsx (`.ods`, `.xls`, `.xlsb`).
fn is_other_workbook(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["ods", "xls", "xlsb"].contains(&extension.to_ascii_lowercase().as_str())
}

/// A corpus file of ours within the default limits (see [`read_limited`]).
pub(super) fn read_corpus_file(path: &Path) -> Result<String> {
    read_limited(path, &Limits::default())
}

/// A corpus file of ours: UTF-8 unless `--encoding` says (a byte order mark still decides, as
/// spreadsheets write one, and is not part of the text), no larger than `limits.max_bytes`.
pub(super) fn read_limited(path: &Path, limits: &Limits) -> Result<String> {
    let strict = match limits.encoding {
        InputEncoding::Auto => InputEncoding::Fixed(encoding_rs::UTF_8),
        given => given,
    };
    let limits = Limits {
        encoding: strict,
        ..*limits
    };
    Ok(read_decoded(path, &limits)?.text)
}

/// A corpus file in `limits.encoding` (see [`Limits::encoding`]), no larger than
/// `limits.max_bytes`: its text, and the encoding guessed if it was.
pub(super) fn read_decoded(path: &Path, limits: &Limits) -> Result<Decoded> {
    let options = ReadOptions {
        encoding: limits.encoding,
        format: InputFormat::Text,
        max_bytes: limits.max_bytes,
    };
    match read_text(path, &options) {
        Ok(decoded) => Ok(decoded),
        Err(Error::TooLarge { path, size, limit }) => {
            Err(Error::CorpusTooLarge { path, size, limit })
        }
        Err(e) => Err(e),
    }
}

/// The lines of `text` with their 1-based numbers, each within `limits`, each ending (but
/// the last) at `\n` or `\r\n`. A carriage return anywhere else is refused: tools that end
/// lines there would read other records than we do.
pub(super) fn checked_lines<'a>(
    path: &'a Path,
    text: &'a str,
    limits: &'a Limits,
) -> impl Iterator<Item = Result<(usize, &'a str)>> + 'a {
    text.lines().enumerate().map(move |(k, line)| {
        limits.check_record(path, k + 1, line.len())?;
        if let Some(column) = line.find('\r') {
            let message = format!(
                "a carriage return inside the line (byte {}): a line ends at a line feed",
                column + 1
            );
            return Err(corpus_error(path, k + 1, message));
        }
        Ok((k + 1, line))
    })
}

/// A JSON object's fields in their order. A key given twice is refused: parsers disagree on
/// which value wins, so one of them would be lost without a word.
pub(crate) fn json_object(line: &[u8]) -> std::result::Result<Vec<(String, Value)>, String> {
    match serde_json::from_slice::<Object>(line) {
        Ok(Object(fields)) => Ok(fields),
        Err(e) if e.is_data() && e.to_string().starts_with(DUPLICATE) => Err(e.to_string()),
        Err(e) if e.is_data() => Err("not a JSON object".into()),
        Err(e) => Err(format!("not JSON: {e}")),
    }
}

const DUPLICATE: &str = "the key ";

/// A JSON object whose keys are checked for duplicates as it is read.
struct Object(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Object;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Object, A::Error> {
        let (mut fields, mut seen) = (Vec::new(), HashSet::new());
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(A::Error::custom(format!(
                    "{DUPLICATE}{key:?} is given twice"
                )));
            }
            fields.push((key, map.next_value()?));
        }
        Ok(Object(fields))
    }
}

pub(super) fn corpus_error(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::Corpus {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// `0.93` or, from a spreadsheet with French settings, `0,93`.
pub(super) fn parse_score(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
}

/// A score cell: a number from 0 to 1 (see [`parse_score`]), or empty for no score (NaN, as
/// a moses pair has). Anything else is refused.
pub(super) fn score_cell(text: &str) -> std::result::Result<f64, String> {
    if text.trim().is_empty() {
        return Ok(f64::NAN);
    }
    match parse_score(text) {
        Some(score) if (0.0..=1.0).contains(&score) => Ok(score),
        _ => Err(format!("score {text:?} is not a number from 0 to 1")),
    }
}

/// A bead's type as our writers write it, `N-M` (`1-1`, `2-0` …); empty is taken from the
/// texts by [`kind_or_shape`].
pub(super) fn check_kind(kind: &str) -> std::result::Result<(), String> {
    let count = |n: &str| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit());
    match kind.trim().split_once('-') {
        _ if kind.trim().is_empty() => Ok(()),
        Some((s, t)) if count(s) && count(t) => Ok(()),
        _ => Err(format!("type {kind:?} is not N-M (1-1, 2-1, 1-0 …)")),
    }
}

pub use jsonl::parse_jsonl;
pub use moses::parse_moses;
pub(crate) use sheet::{STATUS_WORDS, TRAINING};
pub use sheet::{parse_sheet, read_sheet, read_sheet_with};
pub use tmx::parse_tmx;
pub use tsv::parse_tsv;

/// The type as written, unless an edit filled or emptied a side (a reviewer who translated a
/// left-out sentence made a pair of it).
pub(super) fn kind_or_shape(kind: &str, source: &str, target: &str) -> String {
    let (s, t) = kind.split_once('-').unwrap_or(("1", "1"));
    let count = |n: &str, text: &str| match (n.trim(), text.trim().is_empty()) {
        (_, true) => "0".to_string(),
        ("0", false) => "1".to_string(),
        (n, false) => n.to_string(),
    };
    format!("{}-{}", count(s, source), count(t, target))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        use crate::normalize::{is_xml_char, normalize};

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
                        comment: None,
                        approved: false,
                        doc_score: None,
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
            fn xlsx_keeps_every_normalised_text(
                texts in proptest::collection::vec((text(), text(), text(), 0..=10_000u16), 1..6),
            ) {
                let records = records(&texts, sheet_text);
                let read = write_and_read(Format::Xlsx, false, &records);
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
