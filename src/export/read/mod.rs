//! Reading our own corpus files back: the review sheet as a spreadsheet saves it (`convert`),
//! and every text format for `stats`.
//!
//! A review sheet may come back with or without its BOM, with `,` or `;` between fields, CRLF
//! line ends and line breaks inside quoted cells; its `status` column says what to keep (`ok`
//! or empty: kept as edited; `reject`: dropped). A sheet that lost its header or a column is
//! refused with the row that shows it.

mod jsonl;
mod moses;
mod sheet;
mod tmx;
mod tsv;

use std::path::Path;

use super::{Format, Languages, Record};
use crate::corpus::{ReadOptions, read_text};
use crate::error::{Error, Result};

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
        Format::Csv => sheet::read_sheet(path),
        Format::Jsonl => jsonl::read_jsonl(path),
        Format::Tmx => tmx::read_tmx(path, languages),
        Format::Tsv => tsv::read_tsv(path, languages),
        Format::Moses => moses::read_moses(path),
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
pub(super) fn read_corpus_file(path: &Path) -> Result<String> {
    read_text(path, &ReadOptions::utf8_unlimited()).map(|d| d.text)
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

pub use sheet::read_sheet;
pub use tmx::parse_tmx;

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
