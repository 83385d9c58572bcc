//! Export: one writer per output format, all fed the same aligned documents in order.
//!
//! | format | for | unaligned (1-0, 0-1) beads |
//! |---|---|---|
//! | `tmx` | CAT tools, translation memories (TMX 1.4) | left out |
//! | `csv` | reviewers in a spreadsheet | kept |
//! | `jsonl` | scripts and scorers: one object per bead with sentence ids | kept |

mod csv;
mod jsonl;
mod tmx;

use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;
use std::str::FromStr;

use crate::AlignedDocument;
use crate::split::Sentence;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tmx,
    Csv,
    Jsonl,
}

impl Format {
    /// All formats, for help texts and error messages.
    pub const ALL: [Format; 3] = [Format::Tmx, Format::Csv, Format::Jsonl];

    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }

    /// The format an output path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()?.to_str()?.parse().ok()
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower || (lower == "json" && *f == Format::Jsonl))
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

/// Writes aligned documents in one format; `finish` writes the closing part and flushes.
pub trait CorpusWriter {
    fn write_document(&mut self, doc: &AlignedDocument) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

/// A writer for `format` over `out`; the format's header is written at once. `explain` adds
/// each bead's cost breakdown where the format has room for it (JSON Lines).
pub fn writer<'a, W: Write + 'a>(
    format: Format,
    out: W,
    languages: &Languages,
    explain: bool,
) -> io::Result<Box<dyn CorpusWriter + 'a>> {
    Ok(match format {
        Format::Tmx => Box::new(tmx::TmxWriter::new(out, languages)?),
        Format::Csv => Box::new(csv::CsvWriter::new(out, languages)?),
        Format::Jsonl => Box::new(jsonl::JsonlWriter::new(out, languages, explain)),
    })
}

/// The text of a bead's side: its sentences joined by a space.
pub fn side_text(sentences: &[Sentence], range: Range<usize>) -> String {
    let mut text = String::new();
    for sentence in &sentences[range] {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&sentence.text);
    }
    text
}

/// Scores are written with four decimals: enough to filter on, stable to read.
pub fn format_score(score: f64) -> String {
    format!("{score:.4}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_name_or_extension() {
        assert_eq!("TMX".parse(), Ok(Format::Tmx));
        assert_eq!("json".parse(), Ok(Format::Jsonl));
        assert!(
            "xlsx"
                .parse::<Format>()
                .unwrap_err()
                .contains("tmx, csv, jsonl")
        );
        assert_eq!(Format::from_path(Path::new("out/c.csv")), Some(Format::Csv));
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
}
