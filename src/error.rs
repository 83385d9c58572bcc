//! The library's errors. Each names the file it is about, so that a run over thousands of
//! documents tells the user which one to look at.

use std::path::PathBuf;

/// Everything that can go wrong in the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read, created or renamed. The I/O error is part of the
    /// message, not a separate `source()`, so that `{:#}` chains do not print it twice.
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// Bytes that do not decode in the file's encoding (`encoding` is its name, `UTF-8` …);
    /// we never replace them silently. `line` is 1-based.
    #[error("{}: invalid {encoding} at byte offset {offset} (line {line})", path.display())]
    Decode {
        path: PathBuf,
        encoding: &'static str,
        offset: usize,
        line: usize,
    },
    /// A NUL character: the file is binary, not text.
    #[error(
        "{}: binary file (NUL byte at byte offset {offset}), in no format bitext reads: \
         save it as plain text (.txt)",
        path.display()
    )]
    Binary { path: PathBuf, offset: usize },
    /// A file in a format we do not read (an image, a Word 97 file …): its name and what to do.
    #[error("{}: {format}: {hint}", path.display())]
    Unsupported {
        path: PathBuf,
        format: &'static str,
        hint: &'static str,
    },
    /// A document in a format we read that is damaged, or has no text to read (a scanned PDF).
    #[error("{}: {format}: {reason}", path.display())]
    BadDocument {
        path: PathBuf,
        format: &'static str,
        reason: String,
    },
    /// A document with no text at all (after removing white space).
    #[error("{}: empty document", path.display())]
    Empty { path: PathBuf },
    /// A document with text but no sentence once control characters are removed; `side` names
    /// it (its file, or a stream record's side).
    #[error("{side}: no sentence to align (only control characters)")]
    NoSentence { side: String },
    /// A file larger than `--max-doc-bytes`: not read, so that it cannot exhaust memory.
    #[error("{}: {size} bytes, more than --max-doc-bytes ({limit})", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// A document pair whose alignment would need more than the aligner's bounded work.
    #[error(
        "{origin}: {source_units} and {target_units} units, too many to align within bounds \
         (split the documents)"
    )]
    TooLong {
        origin: Origin,
        source_units: usize,
        target_units: usize,
    },
    /// A document pair that does not read as a translation: its document score (see
    /// [`crate::Alignment::doc_score`]) is below `--min-doc-score`. It is aligned all the
    /// same, for review formats to show, marked; training formats leave it out. `cut` says
    /// when the rest would pass without one side's untranslated end: a translation cut short.
    #[error(
        "{origin}: not a translation of each other (document score {score:.4}){}",
        cut.as_ref().map(ToString::to_string).unwrap_or_default()
    )]
    NotTranslation {
        origin: Origin,
        score: f64,
        cut: Option<Box<CutShort>>,
    },
    /// A document on one side with no document on the other.
    #[error("{}: no counterpart in {}", path.display(), other_dir.display())]
    NoCounterpart { path: PathBuf, other_dir: PathBuf },
    /// Two files on one side map to the same document name.
    #[error("{} and {}: both pair as document {key:?}", first.display(), second.display())]
    DuplicateDocument {
        key: String,
        first: PathBuf,
        second: PathBuf,
    },
    /// Two files of one folder whose names differ only in Unicode spelling (`é` composed, as
    /// Linux and Windows write it, or decomposed, as macOS does): one name, so the second is
    /// not read. The paths are quoted so that the decomposed accent shows as `\u{301}`.
    #[error(
        "{first:?} and {second:?}: one name spelt two ways in Unicode (composed and decomposed accents): the second is not read"
    )]
    SpeltTwice { first: PathBuf, second: PathBuf },
    /// The two inputs are not two files or two folders.
    #[error("{} and {}: give two files or two folders", fr.display(), en.display())]
    MixedInputs { fr: PathBuf, en: PathBuf },
    /// The two inputs are one file or folder, or one folder is inside the other: documents
    /// would be aligned with themselves.
    #[error(
        "{} and {}: the same file or folder, or one inside the other: give the documents and \
         their translations apart",
        fr.display(),
        en.display()
    )]
    OverlappingInputs { fr: PathBuf, en: PathBuf },
    /// The output would go inside an input folder: the next run would read it as a document.
    #[error(
        "output {} is inside the input folder {}: a later run would read it as a document; \
         write it elsewhere",
        output.display(),
        folder.display()
    )]
    OutputInInput { output: PathBuf, folder: PathBuf },
    /// The output path is one of the documents being read.
    #[error("{}: output is one of the input documents: refusing to write over it", path.display())]
    OutputIsInput { path: PathBuf },
    /// A corpus file (a review sheet, a TMX …) that does not read as its format: `line` is
    /// the row or line, 1-based, counting the header; 0 when the fault is the whole file's
    /// (not a zip, no sheet), which is then said without a line.
    #[error("{}: {}{message}", path.display(), line_prefix(*line))]
    Corpus {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A corpus file (`convert`, `stats`) larger than `--max-corpus-bytes`: not read.
    #[error("{}: {size} bytes, more than --max-corpus-bytes ({limit})", path.display())]
    CorpusTooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// A model or stats file (`bitext learn`) that does not read as one, or does not fit the
    /// run: `line` is 1-based.
    #[error("{}: line {line}: {message}", path.display())]
    Model {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A record of a document stream (`--stdin`) that cannot be aligned: `line` is 1-based,
    /// `doc` the document's name when the record has one.
    #[error("line {line}{}: {message}", doc.as_ref().map(|d| format!(" (document {d:?})")).unwrap_or_default())]
    Record {
        line: usize,
        doc: Option<String>,
        message: String,
        fault: RecordFault,
    },
    /// A corpus file whose language codes cannot name columns and files (see
    /// [`crate::config::check_language`]).
    #[error("{}: {error}", path.display())]
    BadLanguages {
        path: PathBuf,
        error: crate::config::ConfigError,
    },
    /// A document side clearly in another language than the one given for it (see
    /// `crate::language`): `swapped` when the pair's other side is in this side's language and
    /// this side in the other's.
    #[error("{side}: looks like {detected}, expected {expected}")]
    WrongLanguage {
        side: String,
        expected: &'static str,
        detected: &'static str,
        swapped: bool,
    },
    /// Both sides hold the same text, where two languages were given: one folder given twice
    /// (as a copy), or a document copied into the other folder. Too short to tell its language
    /// by (see `crate::language`), it is caught by this.
    #[error("{origin}: both sides hold the same text (one side is not a translation)")]
    SameText { origin: Origin },
    /// An output error that is not tied to a file we opened (serialisation).
    #[error("{}: {message}", path.display())]
    Write { path: PathBuf, message: String },
}

impl Error {
    /// Why a document was not aligned, in a few words, for the summary's count by reason.
    pub(crate) fn reason(&self) -> &'static str {
        match self {
            Error::Io { .. } => "unreadable",
            Error::Decode { .. } => "not decodable",
            Error::Binary { .. } => "binary",
            Error::Unsupported { .. } => "unsupported format",
            Error::BadDocument { .. } => "damaged document",
            Error::Empty { .. } => "empty",
            Error::NoSentence { .. } => "no sentence",
            Error::TooLarge { .. } => "too large",
            Error::TooLong { .. } => "too long to align",
            Error::NotTranslation { .. } => "not a translation",
            Error::NoCounterpart { .. } => "no counterpart",
            Error::DuplicateDocument { .. } | Error::SpeltTwice { .. } => "duplicate name",
            Error::Record { fault, .. } => fault.reason(),
            Error::WrongLanguage { .. } => "wrong language",
            Error::SameText { .. } => "same text on both sides",
            Error::MixedInputs { .. }
            | Error::OverlappingInputs { .. }
            | Error::OutputInInput { .. }
            | Error::OutputIsInput { .. }
            | Error::Corpus { .. }
            | Error::BadLanguages { .. }
            | Error::CorpusTooLarge { .. }
            | Error::Model { .. }
            | Error::Write { .. } => "other",
        }
    }

    /// Wraps an I/O error with the path it happened on.
    pub(crate) fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error,
        }
    }
}

/// `line 12: ` before a message about one line; nothing for a whole file's fault (line 0).
fn line_prefix(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!("line {line}: ")
    }
}

/// What is wrong with a stream record. A side that is empty or too large is counted as a
/// folder run counts such a file, so that a stream and a folder run of the same documents
/// sum up alike; anything else is the record's own fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFault {
    /// Not JSON, not an object, a field missing, of the wrong type or given twice.
    Malformed,
    /// A side of white space only.
    EmptySide,
    /// A side over `--max-doc-bytes`, or a line over its bound.
    TooLarge,
}

impl RecordFault {
    fn reason(self) -> &'static str {
        match self {
            RecordFault::Malformed => "bad record",
            RecordFault::EmptySide => "empty",
            RecordFault::TooLarge => "too large",
        }
    }
}

/// Something worth telling the user that does not stop a document from being aligned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Warning {
    /// Detection read a file that is not UTF-8 in a legacy encoding: a guess to check.
    #[error(
        "{}: not UTF-8, guessed {encoding} (give --encoding to choose)",
        path.display()
    )]
    GuessedEncoding {
        path: PathBuf,
        encoding: &'static str,
    },
    /// A review sheet's columns that are none of its own (a reviewer's additions): not read.
    #[error(
        "{}: column(s) {} ignored: not a review sheet's (id, doc, the two languages, type, \
         score, doc_score, status, comment)",
        path.display(),
        columns.join(", ")
    )]
    IgnoredColumns { path: PathBuf, columns: Vec<String> },
    /// One side has many times the other's units: most will be left unaligned.
    #[error(
        "{origin}: {source_units} and {target_units} units: most are left unaligned \
         (are they translations of each other?)"
    )]
    Unbalanced {
        origin: Origin,
        source_units: usize,
        target_units: usize,
    },
}

/// Where a document pair comes from, as messages name it: its two files (a folder run), or
/// its record (a stream).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Files { source: PathBuf, target: PathBuf },
    Record { line: usize, doc: String },
}

/// A translation cut short: of the `whole` units of one side (`side`, as messages name it),
/// the first or last `translated` have a translation, scoring `rest`, and the others none.
#[derive(Debug, Clone, PartialEq)]
pub struct CutShort {
    pub side: String,
    /// The other side, the one that looks cut short.
    pub cut: String,
    pub translated: usize,
    pub whole: usize,
    /// Whether the translated units are the last ones (the other side lacks its start).
    pub at_start: bool,
    pub rest: f64,
}

impl std::fmt::Display for CutShort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (which, where_) = if self.at_start {
            ("last", "its start is missing")
        } else {
            ("first", "it ends early")
        };
        write!(
            f,
            "; but the {which} {} of {}'s {} units have a translation (score {:.4} aligned \
             alone): {} looks cut short ({where_})",
            self.translated, self.side, self.whole, self.rest, self.cut
        )
    }
}

impl Origin {
    /// One side of the pair, as messages name it: its file, or the record's side `key`.
    pub(crate) fn side(&self, source: bool, key: &str) -> String {
        match self {
            Origin::Files { source: s, .. } if source => s.display().to_string(),
            Origin::Files { target, .. } => target.display().to_string(),
            Origin::Record { .. } => format!("{self}, {key} side"),
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Files { source, target } => {
                write!(f, "{} and {}", source.display(), target.display())
            }
            Origin::Record { line, doc } => write!(f, "line {line} (document {doc:?})"),
        }
    }
}

/// A message as the terminal gets it, `bitext: ` first: its control characters (a line feed,
/// an escape sequence that recolours or clears the screen) and bidirectional controls (which
/// reorder what follows) written out as Rust escapes, since file names carry them into
/// messages (`fr/a\nb.txt`); every line bitext writes on stderr goes through it.
pub fn terminal_line(message: &dyn std::fmt::Display) -> String {
    let text = message.to_string();
    let mut line = String::with_capacity(text.len() + 8);
    line.push_str("bitext: ");
    for c in text.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            line.extend(c.escape_debug());
        } else {
            line.push(c);
        }
    }
    line
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_line_escapes_controls_and_bidi_but_not_letters() {
        let name = "fr/a\nb\u{1b}[2J\u{202e}txt.exe é\t";
        assert_eq!(
            terminal_line(&name),
            "bitext: fr/a\\nb\\u{1b}[2J\\u{202e}txt.exe é\\t"
        );
        assert_eq!(terminal_line(&"plain"), "bitext: plain");
    }
}
