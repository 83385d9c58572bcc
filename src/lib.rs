//! bitext turns French documents and their English translations into a sentence-aligned
//! bilingual corpus.
//!
//! The pipeline, one module per stage, in order:
//!
//! 1. [`corpus`]: find the documents in two folders and pair them by name; read them in their
//!    format ([`input`]: plain text, web pages, Word, OpenDocument, PDF) and encoding
//!    ([`decode`]: UTF-8, UTF-16 with a BOM, Windows-1252 …).
//! 2. [`normalize`]: NFC, LF line ends, no XML-forbidden characters, every Unicode space a space.
//! 3. [`split`]: sentences, with French and English rules (abbreviations are data files).
//! 4. [`align`]: Gale & Church on character lengths, with paragraphs, numbers, names and
//!    cognates as anchors and a word table learned from a first pass; a banded dynamic
//!    programme (linear memory) and a posterior confidence for every bead.
//! 5. [`filter`]: training-data filters (score, lengths, duplicates).
//! 6. [`export`]: TMX 1.4, Moses, TSV, the CSV review sheet, JSON Lines, index files or an
//!    HTML review page.
//!
//! [`run()`] drives the whole pipeline over a [`Config`]: document pairs in parallel, output in
//! a deterministic order, written to temporary files and renamed into place. [`convert`] turns
//! a reviewed sheet (or any of our text formats) back into a corpus; [`stats`] describes one.
//! [`stream`] aligns document pairs that come as JSON Lines (pipelines, Spark, Hadoop
//! streaming), and [`model`] keeps what a run learns from its first documents as files, so
//! that shards aligned apart start from the same word table as one big run.
//!
//! # Example
//!
//! ```
//! let doc = bitext::align_texts(
//!     "doc",
//!     "Le ministre est arrivé mardi. Il a parlé pendant une heure.\n\nPublicité\n",
//!     "The minister arrived on Tuesday. He spoke for an hour.\n",
//!     &bitext::Options::new("fr", "en"),
//! );
//! let kinds: Vec<String> = doc.alignment.beads.iter().map(|b| b.kind()).collect();
//! assert_eq!(kinds, ["1-1", "1-1", "1-0"]);
//! assert_eq!(doc.target[0].text, "The minister arrived on Tuesday.");
//! ```

pub mod align;
pub mod config;
pub mod convert;
pub mod corpus;
pub mod decode;
mod document;
pub mod error;
pub mod export;
pub mod filter;
pub mod input;
mod language;
pub mod model;
pub mod normalize;
mod parallel;
pub mod run;
mod session;
pub mod split;
pub mod stats;
pub mod stream;
#[cfg(test)]
mod testing;

pub use align::{Alignment, Bead, Dictionary, DocEvidence};
pub use config::{Config, Learn};
pub use error::{CutShort, Error, Result, Warning};
pub use run::run;
pub use session::{Report, Task};
pub use split::{Sentence, Splitter, Units};

/// How each document is cut into units, and what the aligner knows before it starts.
#[derive(Debug, Clone)]
pub struct Options {
    source: Splitter,
    target: Splitter,
    /// Input is already one sentence per line: do not split.
    pub presplit: bool,
    /// Word pairs known before a document is aligned: learned from the run (see
    /// [`learn_dictionary`]) or read from a user's dictionary.
    pub dictionary: Dictionary,
    /// A pair scoring below this is not taken for a translation (see
    /// [`Alignment::doc_score`]); 0: every pair is.
    pub min_doc_score: f64,
    /// The languages each side must be in, as far as the identifier knows them (a side in
    /// another is refused: see `language`).
    pub(crate) expected: language::Expected,
    /// What the alignment's events tell of a translation between the two languages.
    pub(crate) doc_evidence: &'static DocEvidence,
}

impl Options {
    /// Splitting rules for two language codes, cutting into clauses (see [`Units`]).
    pub fn new(source_lang: &str, target_lang: &str) -> Self {
        Self {
            source: Splitter::new(source_lang).with_units(Units::Clauses),
            target: Splitter::new(target_lang).with_units(Units::Clauses),
            presplit: false,
            dictionary: Dictionary::default(),
            min_doc_score: align::MIN_DOC_SCORE,
            expected: language::Expected::of(source_lang, target_lang),
            doc_evidence: DocEvidence::for_languages(source_lang, target_lang),
        }
    }

    /// The same options, without the check of each side's language (`--no-language-check`,
    /// for a pair the identifier confuses).
    pub fn without_language_check(self) -> Self {
        Self {
            expected: language::Expected::default(),
            ..self
        }
    }

    /// The same options, cutting documents into `units`.
    pub fn with_units(self, units: Units) -> Self {
        Self {
            source: self.source.with_units(units),
            target: self.target.with_units(units),
            ..self
        }
    }

    /// Where the units come from: a bead's score weighs it (see `align::calibration`).
    pub(crate) fn unit_source(&self) -> align::UnitSource {
        if self.presplit {
            align::UnitSource::Given
        } else {
            align::UnitSource::Splitter
        }
    }

    fn sentences(&self, splitter: &Splitter, text: &str) -> Vec<Sentence> {
        if self.presplit {
            split::presplit(text)
        } else {
            splitter.split(text)
        }
    }

    /// Normalises and splits both sides of a document pair: the units the aligner pairs.
    pub fn units(&self, source_text: &str, target_text: &str) -> (Vec<Sentence>, Vec<Sentence>) {
        parallel::both(
            || self.sentences(&self.source, &normalize::normalized(source_text)),
            || self.sentences(&self.target, &normalize::normalized(target_text)),
        )
    }
}

/// A document pair after the whole pipeline: its sentences and their alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedDocument {
    /// The name the pair shares (see `corpus::document_key`).
    pub name: String,
    pub source: Vec<Sentence>,
    pub target: Vec<Sentence>,
    pub alignment: Alignment,
    /// How likely the two sides are translations (see [`Alignment::doc_score`]).
    pub doc_score: f64,
}

/// Normalises, splits and aligns one document pair given as text.
pub fn align_texts(
    name: &str,
    source_text: &str,
    target_text: &str,
    options: &Options,
) -> AlignedDocument {
    let (source, target) = options.units(source_text, target_text);
    let alignment = align::align(&source, &target, &options.dictionary, options.unit_source());
    AlignedDocument {
        name: name.to_string(),
        source,
        target,
        doc_score: alignment.doc_score(options.doc_evidence),
        alignment,
    }
}

/// A word table learned from aligned documents: the word pairs that keep meeting in their
/// confident 1-1 beads (Dice, competitive linking; see [`align::translation`]). Learned from a
/// whole run it knows words that no single document repeats often enough.
pub fn learn_dictionary<'a>(
    documents: impl IntoIterator<Item = &'a AlignedDocument>,
) -> Dictionary {
    let pairs: Vec<(Vec<u32>, Vec<u32>)> = documents
        .into_iter()
        .flat_map(|d| align::training_pairs(&d.source, &d.target, &d.alignment))
        .collect();
    Dictionary::learn(pairs.iter().map(|(s, t)| (s.as_slice(), t.as_slice())))
}
