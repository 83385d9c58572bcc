//! Export: one writer per output format, all fed the same records (one per bead) document by
//! document, in order; and readers that turn our own files back into records (`convert`,
//! `stats`).
//!
//! | format | for | unaligned (1-0, 0-1) beads |
//! |---|---|---|
//! | `tmx` | CAT tools, translation memories (TMX 1.4); low-confidence pairs carry a `<note>` | left out¹ |
//! | `moses` | MT training: `NAME.en-fr.en` and `NAME.en-fr.fr`, line-parallel | left out¹ |
//! | `tsv` | bicleaner and other filters: `src_text trg_text score type doc` | left out¹ |
//! | `csv` | reviewers in a spreadsheet: `id,doc,<src>,<tgt>,type,score,status,comment` | kept |
//! | `xlsx` | reviewers: the same sheet as a workbook, a `training` column, a sheet of help | kept |
//! | `jsonl` | scripts and scorers: one object per bead with sentence ids | kept |
//! | `index` | vecalign's `[0, 1]:[2]:0.93` lines, one file per document, for scoring | kept |
//! | `html` | one self-contained review page: the beads as embedded JSON, drawn a page at a time, editable; downloads a sheet | kept |
//!
//! ¹ unless `--keep-unaligned`.

mod csv;
mod html;
mod index;
mod jsonl;
mod moses;
pub mod names;
pub mod output;
pub mod read;
pub mod tmx;
mod tsv;
mod xlsx;

use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Serialize;

use crate::AlignedDocument;
use crate::align::{Bead, CostParts};
use crate::filter::{Filter, Filters, Removed};
use crate::split::Sentence;
pub use output::Pending;

/// Beads scoring below this are "low confidence": counted in the summary, flagged with a
/// `<note>` in TMX, marked in the HTML page.
pub(crate) const LOW_CONFIDENCE: f64 = 0.9;

/// Bytes a writer that builds its output in memory (JSON Lines, TMX) holds before it writes
/// them out, and the room it holds them in: both under 64 KB, the size of a block whose free
/// makes glibc's allocator first merge every small block freed since. Dropped at the end of a
/// run, a held room of 128 KB merged the blocks of the last document's records, freed one by
/// one: 35 ms on one thread at the end of the 100k bench. 32 KB at a time writes as fast as
/// 64 KB.
pub(crate) const BYTES_HELD: usize = 1 << 15;
pub(crate) const HELD_ROOM: usize = BYTES_HELD + (1 << 14);

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tmx,
    Csv,
    Xlsx,
    Jsonl,
    Tsv,
    Moses,
    Index,
    Html,
}

impl Format {
    /// All formats, for help texts and error messages.
    pub(crate) const ALL: [Format; 8] = [
        Format::Tmx,
        Format::Csv,
        Format::Xlsx,
        Format::Jsonl,
        Format::Tsv,
        Format::Moses,
        Format::Index,
        Format::Html,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Jsonl => "jsonl",
            Format::Tsv => "tsv",
            Format::Moses => "moses",
            Format::Index => "index",
            Format::Html => "html",
        }
    }

    /// The format an output path's extension names, if any.
    pub(crate) fn from_path(path: &Path) -> Option<Format> {
        path.extension()?.to_str()?.parse().ok()
    }

    /// Whether 1-0 and 0-1 beads are written without `--keep-unaligned`: reviewers and
    /// scorers want to see what was left out; training data does not.
    pub(crate) fn keeps_unaligned(self) -> bool {
        matches!(
            self,
            Format::Csv | Format::Xlsx | Format::Jsonl | Format::Index | Format::Html
        )
    }

    /// Whether the format is written as several files (so it cannot go to standard output).
    pub(crate) fn needs_output_path(self) -> bool {
        matches!(self, Format::Moses | Format::Index)
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        let alias = match lower.as_str() {
            "json" => Some(Format::Jsonl),
            "htm" => Some(Format::Html),
            "idx" => Some(Format::Index),
            _ => None,
        };
        alias
            .or_else(|| Format::ALL.into_iter().find(|f| f.name() == lower))
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown format {s:?} (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

/// The two language codes, which name the text columns and the TMX `xml:lang`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    pub source: String,
    pub target: String,
}

/// One bead as every format writes it and the readers give it back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// The document's name (see `crate::corpus::document_key`).
    pub doc: String,
    /// The bead's source sentences joined by a space; empty for a 0-1 bead.
    pub source: String,
    pub target: String,
    /// `"1-1"`, `"2-1"`, `"1-0"` …
    pub kind: String,
    pub score: f64,
    /// 0-based unit numbers in the document; empty when unknown (read from a review sheet).
    pub source_ids: Vec<usize>,
    pub target_ids: Vec<usize>,
    /// Why the aligner chose the bead (`--explain`).
    pub cost: Option<CostParts>,
    /// The document's score, when known (not from Moses files, TSV or old corpora).
    pub doc_score: Option<DocScore>,
    /// A reviewer's comment (a review sheet's `comment`, JSON Lines' `comment`): a `<note>`
    /// in TMX.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// A reviewer marked the pair `ok`: TMX no longer flags it as low confidence.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approved: bool,
}

/// How likely a record's document pair is a translation (see
/// [`crate::Alignment::doc_score`]), and whether it fell below `--min-doc-score`: such a
/// document's records are left out of training formats (tmx, moses, tsv) and marked in review
/// formats.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DocScore {
    pub score: f64,
    pub refused: bool,
}

impl Record {
    /// Whether both sides hold text: a translation pair, not an omission. A side of white
    /// space only (a reviewer's emptied cell) is no text, as its type says (1-0, 0-1).
    pub(crate) fn is_pair(&self) -> bool {
        !self.source.trim().is_empty() && !self.target.trim().is_empty()
    }
}

/// The records of an aligned document, one per bead in order: those of a long document in
/// two halves at once on a pool thread (built one after the other, the 100k bench's were
/// some 50 ms on one thread while the other stood idle, at the end of the run).
pub fn records(doc: &AlignedDocument) -> Vec<Record> {
    let doc_score = Some(DocScore {
        score: doc.doc_score,
        refused: false,
    });
    let record = |bead: &Bead| Record {
        doc: doc.name.clone(),
        source: side_text(&doc.source, bead.source.clone()),
        target: side_text(&doc.target, bead.target.clone()),
        kind: bead.kind(),
        score: bead.score,
        source_ids: bead.source.clone().collect(),
        target_ids: bead.target.clone().collect(),
        cost: Some(bead.cost),
        comment: None,
        approved: false,
        doc_score,
    };
    let beads = &doc.alignment.beads;
    if beads.len() < RECORDS_IN_HALVES {
        return beads.iter().map(record).collect();
    }
    let (first, second) = beads.split_at(beads.len() / 2);
    let (mut records, rest) = crate::parallel::both(
        || {
            let mut records = Vec::with_capacity(beads.len());
            records.extend(first.iter().map(record));
            records
        },
        || second.iter().map(record).collect::<Vec<_>>(),
    );
    records.extend(rest);
    records
}

/// Beads from which a document's records are built, and its JSON Lines written, in two halves
/// at once: a copy of the second half and a thread's wake-up are nothing against thousands
/// of records (a 1,000-sentence document's take some 0.5 ms). Chosen by hand; not measured.
pub(crate) const RECORDS_IN_HALVES: usize = 8192;

/// How a writer writes, besides its format.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    pub languages: Languages,
    /// Add each bead's cost breakdown where the format has room for it (JSON Lines).
    pub explain: bool,
    /// CSV for Excel with French settings: UTF-8 BOM, `;`, formulas guarded.
    pub excel: bool,
}

/// Writes a corpus in one format, document by document. `finish` writes the closing part and
/// hands back the files written, still temporary: the caller renames them into place only
/// once everything succeeded.
pub trait CorpusWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()>;
    /// Pushes what was written so far to its reader (a stream's consumer waits for each
    /// document); formats written as several files or closed at the end need not.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn finish(self: Box<Self>) -> io::Result<Vec<Pending>>;
}

/// A writer for `format` to `output` (standard output when `None`; moses and index need a
/// path). The format's header is written at once. Language codes that are no codes, or name
/// another column, are refused before anything is created.
pub fn writer(
    format: Format,
    output: Option<&Path>,
    options: &WriterOptions,
) -> io::Result<Box<dyn CorpusWriter + Send>> {
    crate::config::check_languages(&options.languages)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let single = || output::OutputFile::create(output);
    Ok(match format {
        Format::Tmx => Box::new(tmx::TmxWriter::new(single()?, &options.languages)?),
        Format::Csv => Box::new(csv::CsvWriter::new(single()?, options)?),
        Format::Xlsx => Box::new(xlsx::XlsxWriter::new(single()?, options)?),
        Format::Jsonl => Box::new(jsonl::JsonlWriter::new(single()?, options)),
        Format::Tsv => Box::new(tsv::TsvWriter::new(single()?)?),
        Format::Html => Box::new(html::HtmlWriter::new(single()?, &options.languages)?),
        Format::Moses => Box::new(moses::MosesWriter::new(
            required(output)?,
            &options.languages,
        )?),
        Format::Index => Box::new(index::IndexWriter::new(required(output)?)),
    })
}

/// A writer with the rules every run applies before it: the format's (or `--keep-unaligned`'s)
/// choice of 1-0 and 0-1 beads, and the training-data filters.
pub(crate) struct Exporter {
    /// `Send`, so that a run's last documents are written on a worker of its pool.
    writer: Box<dyn CorpusWriter + Send>,
    filter: Filter,
    keep_unaligned: bool,
    /// Training data (tmx, moses, tsv): a document that is no translation is left out.
    training: bool,
}

impl Exporter {
    pub(crate) fn new(
        format: Format,
        output: Option<&Path>,
        options: &WriterOptions,
        filters: Filters,
        keep_unaligned: bool,
    ) -> io::Result<Self> {
        Ok(Self {
            writer: writer(format, output, options)?,
            filter: Filter::new(filters),
            keep_unaligned: keep_unaligned || format.keeps_unaligned(),
            training: !format.keeps_unaligned(),
        })
    }

    /// Writes a document's records that pass; returns how many were written.
    pub(crate) fn write(&mut self, doc: &str, records: Vec<Record>) -> io::Result<usize> {
        let kept: Vec<Record> = records
            .into_iter()
            .filter(|r| !(self.training && r.doc_score.is_some_and(|d| d.refused)))
            .filter(|r| (self.keep_unaligned || r.is_pair()) && self.filter.keep(r))
            .collect();
        self.writer.write_document(doc, &kept)?;
        Ok(kept.len())
    }

    /// Flushes what was written (after each document of a stream).
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }

    /// Finishes the output: what the filters removed, and the files to commit.
    pub(crate) fn finish(self) -> io::Result<(Removed, Vec<Pending>)> {
        let removed = self.filter.removed;
        Ok((removed, self.writer.finish()?))
    }
}

fn required(output: Option<&Path>) -> io::Result<&Path> {
    output.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "this format writes several files: give -o",
        )
    })
}

/// The files a run writes for `-o path` in `format`, for checks before the run (an output
/// must not overwrite an input) and for messages.
pub(crate) fn output_paths(format: Format, path: &Path, languages: &Languages) -> Vec<PathBuf> {
    match format {
        Format::Moses => moses::paths(path, languages).to_vec(),
        _ => vec![path.to_path_buf()],
    }
}

/// The review sheet's row ids: 1, 2, 3 … over the beads written, across documents, in the
/// order written. The sheet's `id` column and the HTML page's row numbers and anchors
/// (`#b12`) both come from here, so that a reviewer goes from one to the other.
#[derive(Debug)]
pub(crate) struct RowIds {
    next: usize,
}

impl Default for RowIds {
    fn default() -> Self {
        Self { next: 1 }
    }
}

impl RowIds {
    /// The next row's id.
    pub(crate) fn take(&mut self) -> usize {
        self.next += 1;
        self.next - 1
    }

    /// The id the next row will get, without taking it.
    pub(crate) fn peek(&self) -> usize {
        self.next
    }
}

/// The comment a review format (sheet, page) starts a row with: a document below
/// `--min-doc-score` says so, and `convert` keeps its rows out of training formats while the
/// comment still starts with [`csv::NOT_TRANSLATION`].
pub(crate) fn review_comment(doc_score: Option<DocScore>) -> String {
    match doc_score {
        Some(d) if d.refused => format!("{} ({:.4})", csv::NOT_TRANSLATION, d.score),
        _ => String::new(),
    }
}

/// The text of a bead's side: its sentences joined by a space.
pub(crate) fn side_text(sentences: &[Sentence], range: std::ops::Range<usize>) -> String {
    let mut text = String::new();
    for sentence in &sentences[range] {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&sentence.text);
    }
    text
}

/// Scores are written with four decimals: enough to filter on, stable to read. A corpus read
/// from Moses files has no scores: those are written empty.
pub fn format_score(score: f64) -> String {
    if score.is_nan() {
        String::new()
    } else if let Some(tenth_thousandths) = tenth_thousandths(score) {
        format!(
            "{}.{:04}",
            tenth_thousandths / 10_000,
            tenth_thousandths % 10_000
        )
    } else {
        format!("{score:.4}")
    }
}

/// `x` in ten-thousandths, rounded half to even from its exact binary value as `{:.4}` rounds
/// it (the same digits, a test compares them), for `x` in `[0, 1]`; `None` elsewhere. The
/// standard formatting falls back to big-number arithmetic for many scores: 0.8 % of case A's
/// samples, a tenth of its writing.
fn tenth_thousandths(x: f64) -> Option<u64> {
    if !(x.is_sign_positive() && x <= 1.0) {
        return None;
    }
    // `x = m · 2^-k` exactly, with `k >= 52` in `[0, 1]`.
    let bits = x.to_bits();
    let (biased, fraction) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    let (m, k) = match biased {
        0 => (fraction, 1074),
        _ => (fraction | 1 << 52, 1075 - biased),
    };
    if k >= 128 {
        return Some(0); // below 2^-60: far under half a ten-thousandth
    }
    let scaled = u128::from(m) * 10_000;
    let (whole, rest, half) = (scaled >> k, scaled & ((1 << k) - 1), 1u128 << (k - 1));
    let up = rest > half || (rest == half && whole % 2 == 1);
    Some((whole + u128::from(up)) as u64)
}

/// Text for line- and tab-separated formats: tabs and line breaks become spaces.
pub(crate) fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\t', '\n', '\r']) {
        text.replace(['\t', '\n', '\r'], " ").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_formatted_as_the_standard_formatting_rounds_them() {
        // Ties (exact halves of a ten-thousandth), the ends, and pseudo-random bits in [0, 1].
        let mut scores = vec![0.0, -0.0, 1.0, 0.03125, 0.99995, 0.00005, f64::MIN_POSITIVE];
        scores.extend((0..=2048).map(|k| f64::from(k) / 2048.0));
        scores.extend((0..20_000).map(|k| (f64::from(k) + 0.5) / 20_000.0));
        let mut next = crate::testing::test_numbers(3);
        let mut bits = move || (next(1 << 31) << 31) | next(1 << 31);
        scores.extend((0..50_000).map(|_| f64::from_bits(bits() % 1.0f64.to_bits())));
        // Scores as they come, from 2^-20 to 1: every mantissa under an exponent near 0.
        scores.extend((0..200_000u64).map(|k| {
            let exponent = 1023 - 1 - k % 20;
            f64::from_bits(exponent << 52 | bits() & ((1 << 52) - 1))
        }));
        scores.extend([1.5, 2.0, -0.5, f64::INFINITY]);
        for score in scores {
            assert_eq!(format_score(score), format!("{score:.4}"), "{score:e}");
        }
    }

    #[test]
    fn format_from_name_or_extension() {
        assert_eq!("TMX".parse(), Ok(Format::Tmx));
        assert_eq!("json".parse(), Ok(Format::Jsonl));
        assert_eq!("moses".parse(), Ok(Format::Moses));
        assert_eq!("XLSX".parse(), Ok(Format::Xlsx));
        assert!(
            "ods"
                .parse::<Format>()
                .unwrap_err()
                .contains("tmx, csv, xlsx, jsonl, tsv, moses, index, html")
        );
        assert_eq!(Format::from_path(Path::new("out/c.csv")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("c.tsv")), Some(Format::Tsv));
        assert_eq!(Format::from_path(Path::new("c.txt")), None);
    }

    #[test]
    fn side_text_joins_sentences() {
        let s = |t: &str| Sentence {
            text: t.into(),
            paragraph: 0,
        };
        let sentences = [s("A."), s("B."), s("C.")];
        assert_eq!(side_text(&sentences, 0..2), "A. B.");
        assert_eq!(side_text(&sentences, 2..2), "");
    }

    #[test]
    fn a_side_of_white_space_only_is_no_pair() {
        let record = |source: &str, target: &str| Record {
            doc: "a".into(),
            source: source.into(),
            target: target.into(),
            kind: "1-1".into(),
            score: f64::NAN,
            source_ids: Vec::new(),
            target_ids: Vec::new(),
            cost: None,
            comment: None,
            approved: false,
            doc_score: None,
        };
        assert!(record("Oui.", "Yes.").is_pair());
        assert!(!record("Oui.", " \u{a0}").is_pair());
        assert!(!record("", "Yes.").is_pair());
    }

    #[test]
    fn one_line_removes_tabs_and_line_breaks() {
        assert_eq!(one_line("a\tb\nc\r\nd"), "a b c  d");
        assert!(matches!(one_line("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
