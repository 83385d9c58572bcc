//! Document pairs as a stream of JSON Lines, for pipelines and cluster engines (Spark's
//! `rdd.pipe`, Hadoop streaming): one object per line, `{"doc": name, "fr": text, "en": text}`
//! (the text keys are the language codes), other keys ignored.
//!
//! - [`align`] (`bitext align --stdin`): aligns each document as it comes and writes its
//!   records at once, in input order; memory holds one document.
//! - [`learn`] (`bitext learn --stdin`): a shard's stats for a model (see [`crate::model`]).
//! - [`pack`] (`bitext pack FR EN`): the stream made from two folders, in the order and with
//!   the names `bitext align FR EN` gives them.
//!
//! A record that cannot be aligned (not JSON, a field missing or given twice, a side empty or
//! larger than `--max-doc-bytes`) costs only its own document: it is reported on stderr with
//! its line and name, and the stream goes on. A line is read up to three times
//! `--max-doc-bytes` and 64 KiB (two documents, their JSON escapes, the name and other keys):
//! the rest of a longer one is skipped without being stored, and the line reported.
//! Streams are processed one document at a time: parallelism comes from running one process
//! per shard (or per core).

use std::fs::File;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use crate::config::Config;
use crate::corpus::{DEFAULT_MAX_DOC_BYTES, read_line_bounded, read_text};
use crate::document::align_units;
use crate::error::{Error, Origin, RecordFault, Result, Warning};
use crate::export::Languages;
use crate::export::read::json_object;
use crate::model::{StatsWriter, TRAINING_BEADS, write_to};
use crate::normalize::is_space;
use crate::run;
use crate::session::{Destination, Reporter, Session, Task};
use crate::{AlignedDocument, Options, Report};

/// One document pair read from a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamDocument {
    pub name: String,
    pub source: String,
    pub target: String,
}

/// One non-blank line of a stream: its 1-based number and the document, or why there is none.
#[derive(Debug)]
pub struct Line {
    pub number: usize,
    pub document: Result<StreamDocument>,
}

impl Line {
    /// The document's name, when the record has one.
    fn name(&self) -> Option<String> {
        match &self.document {
            Ok(document) => Some(document.name.clone()),
            Err(Error::Record { doc, .. }) => doc.clone(),
            Err(_) => None,
        }
    }
}

/// The lines of a stream, read one at a time. An `Err` item is an I/O error: the stream ends.
pub struct Lines<R> {
    input: R,
    languages: Languages,
    number: usize,
    buffer: Vec<u8>,
    /// The largest side accepted (`--max-doc-bytes`); a line may hold three times that and
    /// [`LINE_MARGIN`].
    max_doc_bytes: u64,
}

impl<R: BufRead> Lines<R> {
    /// A stream whose sides may be up to `DEFAULT_MAX_DOC_BYTES` long.
    pub fn new(input: R, languages: &Languages) -> Self {
        Self {
            input,
            languages: languages.clone(),
            number: 0,
            buffer: Vec::new(),
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }

    /// Sides up to `max_doc_bytes` (`--max-doc-bytes`), lines up to three times that and
    /// [`LINE_MARGIN`].
    pub fn with_max_doc_bytes(mut self, max_doc_bytes: u64) -> Self {
        self.max_doc_bytes = max_doc_bytes;
        self
    }

    fn max_line_bytes(&self) -> usize {
        let bytes = self
            .max_doc_bytes
            .saturating_mul(3)
            .saturating_add(LINE_MARGIN);
        usize::try_from(bytes).unwrap_or(usize::MAX)
    }

    /// Reads the next line, its first `max_line_bytes` kept in `buffer` (a byte order mark
    /// opening the stream left out); returns its length, 0 at the end of the input.
    fn read_line(&mut self) -> io::Result<usize> {
        self.buffer.clear();
        let limit = self.max_line_bytes();
        let length = read_line_bounded(&mut self.input, &mut self.buffer, limit)?;
        if self.number == 0 && self.buffer.starts_with(BOM) {
            self.buffer.drain(..BOM.len());
        }
        Ok(length)
    }

    /// The record of the line just read, its length `length`.
    fn record(&self, length: usize) -> Result<StreamDocument> {
        let error = |(doc, message, fault)| Error::Record {
            line: self.number,
            doc,
            message,
            fault,
        };
        if length > self.max_line_bytes() {
            return Err(error((
                None,
                format!(
                    "a line of {length} bytes, more than {} (three times --max-doc-bytes and \
                     64 KiB): skipped",
                    self.max_line_bytes()
                ),
                RecordFault::TooLarge,
            )));
        }
        parse(&self.buffer, &self.languages, self.max_doc_bytes).map_err(error)
    }
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// What a line may hold besides its two sides: the name, the keys, other keys.
pub const LINE_MARGIN: u64 = 64 << 10;

impl<R: BufRead> Iterator for Lines<R> {
    type Item = io::Result<Line>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let length = match self.read_line() {
                Ok(0) => return None,
                Ok(length) => length,
                Err(e) => return Some(Err(e)),
            };
            self.number += 1;
            let whole = length <= self.max_line_bytes();
            if whole && self.buffer.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Ok(Line {
                number: self.number,
                document: self.record(length),
            }));
        }
    }
}

/// Why a record was refused: the document's name (if it has one), what is wrong, and how it
/// is counted.
type Refusal = (Option<String>, String, RecordFault);

/// A record's fields, or why not.
fn parse(
    line: &[u8],
    languages: &Languages,
    max_doc_bytes: u64,
) -> std::result::Result<StreamDocument, Refusal> {
    let malformed = RecordFault::Malformed;
    let fields = json_object(line).map_err(|m| (None, m, malformed))?;
    let mut fields: serde_json::Map<String, Value> = fields.into_iter().collect();
    let others = other_codes(&fields, languages);
    let mut text = |key: &str| match fields.remove(key) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("field {key:?} is not a string")),
        None if key != "doc" && !others.is_empty() => Err(format!(
            "no field {key:?} (it has {}: another language pair? give --source-lang and \
             --target-lang)",
            others.join(", ")
        )),
        None => Err(format!("no field {key:?}")),
    };
    let name = text("doc").map_err(|m| (None, m, malformed))?;
    let with_name = |m: String, fault| (Some(name.clone()), m, fault);
    let source = text(&languages.source).map_err(|m| with_name(m, malformed))?;
    let target = text(&languages.target).map_err(|m| with_name(m, malformed))?;
    for (side, key) in [(&source, &languages.source), (&target, &languages.target)] {
        if side.chars().all(|c| is_space(c) || c == '\u{feff}') {
            return Err(with_name(
                format!("empty {key} side"),
                RecordFault::EmptySide,
            ));
        }
        if side.len() as u64 > max_doc_bytes {
            let message = format!(
                "the {key} side has {} bytes, more than --max-doc-bytes ({max_doc_bytes})",
                side.len()
            );
            return Err(with_name(message, RecordFault::TooLarge));
        }
    }
    Ok(StreamDocument {
        name,
        source,
        target,
    })
}

/// The keys of a record that look like ISO 639-1 codes (`de`, `pt-BR`) other than the run's:
/// a record of another pair names them.
fn other_codes(fields: &serde_json::Map<String, Value>, languages: &Languages) -> Vec<String> {
    let code = |k: &str| {
        let (lang, region) = k.split_once(['-', '_']).unwrap_or((k, ""));
        lang.len() == 2
            && lang.bytes().all(|b| b.is_ascii_lowercase())
            && region.len() <= 4
            && region.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    fields
        .iter()
        .filter(|(k, v)| v.is_string() && code(k))
        .map(|(k, _)| k)
        .filter(|k| **k != languages.source && **k != languages.target)
        .map(|k| format!("{k:?}"))
        .collect()
}

/// The whole pipeline for one record of a stream, with the checks of a folder run.
fn align_line(
    line: Line,
    options: &Options,
    languages: &Languages,
) -> Result<(AlignedDocument, Option<Warning>, Option<Error>)> {
    let document = line.document?;
    let units = options.units(&document.source, &document.target);
    let origin = Origin::Record {
        line: line.number,
        doc: document.name.clone(),
    };
    let keys = [languages.source.as_str(), languages.target.as_str()];
    align_units(document.name, units, &origin, keys, options)
}

/// `bitext align --stdin`: each document aligned and written as it comes, flushed, in input
/// order. The word table comes from `--model` (or, without one, from each document alone, as
/// `--learn document`), so a shard aligns as it would in one big run. As in a folder run, with
/// `--strict` the first failure stops the run and what `-o` names is not written (records
/// already sent to standard output stay sent).
pub fn align(config: &Config, input: impl BufRead) -> Result<Report> {
    align_rejecting(config, input, None)
}

/// [`align`], and with `rejects` (`--rejects FILE`) each failed document also written there
/// as a JSON line (`line`, `doc`, `reason`, `message`): a pipeline keeps them as a dataset, not
/// reading stderr.
pub fn align_rejecting(
    config: &Config,
    input: impl BufRead,
    rejects: Option<&Path>,
) -> Result<Report> {
    let reporter = Reporter::new(Task::Align, config.strict);
    let (options, _) = run::model_options(config)?;
    let mut rejects = rejects.map(Rejects::create).transpose()?;
    let mut session = Session::open(reporter, Destination::of(config))?;
    let lines = Lines::new(input, &config.languages).with_max_doc_bytes(config.read.max_bytes);
    for line in lines {
        let line = line.map_err(|e| Error::io("<stdin>", e))?;
        let (number, name) = (line.number, line.name());
        let aligned = align_line(line, &options, &config.languages);
        if let Some(rejects) = &mut rejects {
            rejects.note(number, name.as_deref(), &aligned)?;
        }
        let aligned =
            aligned.map(|(doc, warning, unrelated)| (doc, Vec::from_iter(warning), unrelated));
        session.document(aligned)?;
    }
    let report = session.finish()?;
    let keys = [&config.languages.source, &config.languages.target];
    let sides = keys.map(|key| format!("their {key:?} side"));
    let sides = [
        format!("the records look swapped: {}", sides[0]),
        sides[1].clone(),
    ];
    run::swap_note(&report, [&sides[0], &sides[1]]);
    Ok(report)
}

/// A failed document as `--rejects` writes it, one JSON object a line:
/// `{"line":4,"doc":"a","reason":"empty","message":"line 4 (document \"a\"): empty en side"}`.
/// `line` counts the lines of this process's input (a shard's, not the corpus's); `doc` is
/// null only when the record has no readable name; `reason` is the summary's count by reason.
#[derive(Debug, Serialize)]
struct Reject<'a> {
    line: usize,
    doc: Option<&'a str>,
    reason: &'a str,
    message: String,
}

/// The `--rejects` file being written: flushed after each line, so that a run stopped by
/// `--strict` keeps the failure that stopped it.
struct Rejects {
    path: PathBuf,
    out: io::BufWriter<File>,
}

impl Rejects {
    fn create(path: &Path) -> Result<Self> {
        let out = File::create(path).map_err(|e| Error::io(path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            out: io::BufWriter::new(out),
        })
    }

    /// Writes the line of a document that failed, or that is no translation (its records
    /// are written all the same, marked); nothing for one aligned.
    fn note<T, W>(
        &mut self,
        line: usize,
        doc: Option<&str>,
        aligned: &Result<(T, W, Option<Error>)>,
    ) -> Result<()> {
        let problem = match aligned {
            Err(e) | Ok((_, _, Some(e))) => e,
            Ok(_) => return Ok(()),
        };
        let reject = Reject {
            line,
            doc,
            reason: problem.reason(),
            message: problem.to_string(),
        };
        write_reject(&mut self.out, &reject).map_err(|e| Error::io(&self.path, e))
    }
}

fn write_reject(out: &mut impl Write, reject: &Reject) -> io::Result<()> {
    serde_json::to_writer(&mut *out, reject)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// `bitext learn --stdin`, the map: a shard's stats, written to `output` (or stdout). The
/// shard's documents are aligned as the run's first pass aligns them, until the shard alone
/// has enough confident pairs; the rest are only counted. The records that failed are said
/// and counted in the report.
pub fn learn(config: &Config, input: impl BufRead) -> Result<Report> {
    let (options, settings) = run::base_options(config)?;
    let mut reporter = Reporter::new(Task::Feed, false);
    write_to(config.output.as_deref(), |out| {
        let stats = StatsWriter::new(out, &settings)?;
        let lines = Lines::new(input, &config.languages).with_max_doc_bytes(config.read.max_bytes);
        let shard = Shard {
            options: &options,
            languages: &config.languages,
            cap: TRAINING_BEADS,
        };
        shard.stats(lines, stats, &mut reporter)
    })?;
    Ok(reporter.finish())
}

/// How a shard's stats are made.
struct Shard<'a> {
    options: &'a Options,
    languages: &'a Languages,
    /// Confident pairs after which the shard's documents are only counted.
    cap: usize,
}

impl Shard<'_> {
    /// Writes the documents' pairs until the cap, then the trailer; the failures are said
    /// and counted.
    fn stats<R: BufRead, W: Write>(
        &self,
        lines: Lines<R>,
        mut stats: StatsWriter<W>,
        reporter: &mut Reporter,
    ) -> io::Result<()> {
        let (mut documents, mut pairs) = (0, 0);
        for line in lines {
            let line = line?;
            documents += 1;
            if pairs >= self.cap {
                continue;
            }
            // As the folder run's first pass: warnings are the main pass's to give.
            match align_line(line, self.options, self.languages) {
                // As the folder run's first pass, whatever its document score.
                Ok((doc, ..)) => {
                    let training =
                        crate::align::training_pairs(&doc.source, &doc.target, &doc.alignment);
                    pairs += training.len();
                    stats.document(&doc.name, training)?;
                }
                Err(e) => reporter.problem(e).map_err(io::Error::other)?, // never strict
            }
        }
        stats.finish(documents)?.flush()
    }
}

/// `bitext pack FR EN`: the folders' document pairs as a stream, in the order, and with the
/// names, `bitext align FR EN` uses. A document that cannot be read is said, counted in the
/// report and left out.
pub fn pack(config: &Config) -> Result<Report> {
    let pairing = run::pair(config)?;
    let mut reporter = Reporter::new(Task::Feed, false);
    for problem in pairing.problems {
        reporter.problem(problem)?;
    }
    let keys = [
        config.languages.source.as_str(),
        config.languages.target.as_str(),
    ];
    write_to(config.output.as_deref(), |out| {
        for pair in &pairing.pairs {
            let read = |path| read_text(path, &config.read);
            match read(&pair.source).and_then(|s| Ok((s, read(&pair.target)?))) {
                Ok((source, target)) => {
                    for (text, path) in [(&source, &pair.source), (&target, &pair.target)] {
                        if let Some(encoding) = text.guessed {
                            let path = path.clone();
                            reporter.warning(Warning::GuessedEncoding { path, encoding });
                        }
                    }
                    let (source, target) = (source.text, target.text);
                    let record = Packed {
                        keys,
                        doc: &pair.name,
                        texts: [&source, &target],
                    };
                    serde_json::to_writer(&mut *out, &record)?;
                    out.write_all(b"\n")?;
                }
                Err(e) => reporter.problem(e).map_err(io::Error::other)?, // never strict
            }
        }
        Ok(())
    })?;
    Ok(reporter.finish())
}

/// A stream record: `doc`, then the texts under their language codes.
struct Packed<'a> {
    keys: [&'a str; 2],
    doc: &'a str,
    texts: [&'a str; 2],
}

impl Serialize for Packed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("doc", self.doc)?;
        map.serialize_entry(self.keys[0], self.texts[0])?;
        map.serialize_entry(self.keys[1], self.texts[1])?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> Languages {
        Languages {
            source: "fr".into(),
            target: "en".into(),
        }
    }

    fn lines(input: &str) -> Vec<Line> {
        Lines::new(input.as_bytes(), &languages())
            .map(|l| l.expect("no I/O error"))
            .collect()
    }

    #[test]
    fn reads_records_and_numbers_lines() {
        let input = "{\"doc\":\"a\",\"fr\":\"Un.\",\"en\":\"One.\",\"url\":\"x\"}\n\n  \n{\"doc\":\"b\",\"fr\":\"Deux.\",\"en\":\"Two.\"}";
        let read = lines(input);
        assert_eq!(read.len(), 2);
        assert_eq!(read[1].number, 4);
        let b = read[1].document.as_ref().expect("a document");
        assert_eq!((b.name.as_str(), b.source.as_str()), ("b", "Deux."));
    }

    #[test]
    fn bad_records_say_what_and_where() {
        let input = [
            "{\"doc\":\"a\",\"fr\":\"Un.\"",
            "[1, 2]",
            "{\"fr\":\"Un.\",\"en\":\"One.\"}",
            "{\"doc\":\"d\",\"fr\":\"Un.\",\"en\":\" \\u00a0\"}",
            "{\"doc\":\"e\",\"fr\":3,\"en\":\"One.\"}",
            "{\"doc\":\"f\",\"en\":\"One.\"}",
        ]
        .join("\n");
        let errors: Vec<String> = lines(&input)
            .into_iter()
            .map(|l| l.document.expect_err("refused").to_string())
            .collect();
        assert!(errors[0].starts_with("line 1: not JSON"), "{}", errors[0]);
        assert_eq!(errors[1], "line 2: not a JSON object");
        assert_eq!(errors[2], "line 3: no field \"doc\"");
        assert_eq!(errors[3], "line 4 (document \"d\"): empty en side");
        assert_eq!(
            errors[4],
            "line 5 (document \"e\"): field \"fr\" is not a string"
        );
        assert_eq!(errors[5], "line 6 (document \"f\"): no field \"fr\"");
    }

    #[test]
    fn a_line_too_long_is_skipped_without_being_stored() {
        let long = format!(
            "{{\"doc\":\"a\",\"fr\":\"{}\",\"en\":\"x\"}}\n",
            "é".repeat(50_000)
        );
        let input = format!("{long}{{\"doc\":\"b\",\"fr\":\"Un.\",\"en\":\"One.\"}}");
        let mut lines = Lines::new(input.as_bytes(), &languages()).with_max_doc_bytes(1024);
        let first = lines.next().unwrap().unwrap();
        let err = first.document.unwrap_err().to_string();
        assert!(
            err.starts_with("line 1: a line of 100029 bytes, more than 68608 (three"),
            "{err}"
        );
        assert!(
            lines.buffer.capacity() < 80_000,
            "{}",
            lines.buffer.capacity()
        );
        let second = lines.next().unwrap().unwrap();
        assert_eq!(
            (second.number, second.document.unwrap().name.as_str()),
            (2, "b")
        );
        let mut buffer = Vec::new();
        let mut input: &[u8] = b"abcdef\ngh";
        assert_eq!(read_line_bounded(&mut input, &mut buffer, 3).unwrap(), 7);
        assert_eq!(buffer, b"abc");
    }

    #[test]
    fn a_side_over_the_limit_a_key_twice_or_another_pair_is_refused() {
        let input = [
            "\u{feff}{\"doc\":\"a\",\"fr\":\"Un.\",\"en\":\"One.\"}\r",
            "{\"doc\":\"b\",\"fr\":\"Un long texte.\",\"en\":\"One.\"}",
            "{\"doc\":\"c\",\"fr\":\"Un.\",\"fr\":\"Deux.\",\"en\":\"Two.\"}",
            "{\"doc\":\"d\",\"de\":\"Eins.\",\"en\":\"One.\"}",
        ]
        .join("\n");
        let read: Vec<Line> = Lines::new(input.as_bytes(), &languages())
            .with_max_doc_bytes(8)
            .map(|l| l.unwrap())
            .collect();
        assert_eq!(read[0].document.as_ref().unwrap().name, "a", "BOM and CRLF");
        let errors: Vec<String> = read[1..]
            .iter()
            .map(|l| l.document.as_ref().unwrap_err().to_string())
            .collect();
        assert_eq!(
            errors[0],
            "line 2 (document \"b\"): the fr side has 14 bytes, more than --max-doc-bytes (8)"
        );
        assert!(
            errors[1].starts_with("line 3: the key \"fr\" is given twice"),
            "{}",
            errors[1]
        );
        assert!(
            errors[2].starts_with("line 4 (document \"d\"): no field \"fr\" (it has \"de\""),
            "{}",
            errors[2]
        );
    }

    #[test]
    fn an_empty_or_too_large_side_is_counted_as_a_folder_run_counts_its_file() {
        let input = [
            "{\"doc\":\"a\",\"fr\":\"Un.\",\"en\":\" \"}",
            "{\"doc\":\"b\",\"fr\":\"Un long texte.\",\"en\":\"One.\"}",
            "{\"doc\":\"c\",\"fr\":\"Un.\"}",
        ]
        .join("\n");
        let reasons: Vec<&str> = Lines::new(input.as_bytes(), &languages())
            .with_max_doc_bytes(8)
            .map(|l| l.unwrap().document.unwrap_err().reason())
            .collect();
        assert_eq!(reasons, ["empty", "too large", "bad record"]);
    }

    #[test]
    fn a_byte_order_mark_alone_is_a_blank_line() {
        let read = lines("\u{feff} \r\n{\"doc\":\"a\",\"fr\":\"Un.\",\"en\":\"One.\"}");
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].number, 2);
    }

    #[test]
    fn invalid_utf8_costs_only_its_line() {
        let mut input = b"{\"doc\":\"a\",\"fr\":\"\xe9t\xe9\",\"en\":\"x\"}\n".to_vec();
        input.extend_from_slice(b"{\"doc\":\"b\",\"fr\":\"Un.\",\"en\":\"One.\"}\n");
        let read: Vec<Line> = Lines::new(input.as_slice(), &languages())
            .map(|l| l.unwrap())
            .collect();
        assert!(read[0].document.is_err());
        assert!(read[1].document.is_ok());
    }

    #[test]
    fn a_shard_stops_aligning_once_it_has_enough() {
        let record = |name: &str| {
            format!(
                "{{\"doc\":\"{name}\",\"fr\":\"Le rapport annuel.\\n\\nLe vote est clair.\",\
                 \"en\":\"The annual report.\\n\\nThe vote is clear.\"}}\n"
            )
        };
        let input = [record("a"), "oops\n".into(), record("b"), record("c")].concat();
        let options = Options::new("fr", "en");
        let shard = Shard {
            options: &options,
            languages: &languages(),
            cap: 3,
        };
        let settings = crate::model::Settings {
            source_lang: "fr".into(),
            target_lang: "en".into(),
            units: "clauses".into(),
            presplit: false,
            dictionary: None,
        };
        let mut out = Vec::new();
        let mut reporter = Reporter::new(Task::Feed, false);
        shard
            .stats(
                Lines::new(input.as_bytes(), &languages()),
                StatsWriter::new(&mut out, &settings).unwrap(),
                &mut reporter,
            )
            .unwrap();
        assert_eq!(reporter.finish().problems.len(), 1);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // Two pairs a document: after "b" the shard has four, so "c" is only counted.
        assert_eq!(lines.len(), 4, "{text}");
        assert!(
            lines[1].starts_with("{\"doc\":\"a\",\"pairs\":[[["),
            "{text}"
        );
        assert!(lines[2].starts_with("{\"doc\":\"b\""), "{text}");
        assert_eq!(lines[3], "{\"documents\":4}");
    }

    #[test]
    fn a_reject_names_the_line_the_document_and_the_reason() {
        let path = std::env::temp_dir().join(format!("bitext-rejects-{}", std::process::id()));
        let mut rejects = Rejects::create(&path).unwrap();
        let refused = Error::Record {
            line: 3,
            doc: Some("news/a".into()),
            message: "empty en side".into(),
            fault: RecordFault::EmptySide,
        };
        let aligned: Result<((), (), Option<Error>)> = Ok(((), (), None));
        rejects.note(2, Some("ok"), &aligned).unwrap();
        let failed: Result<((), (), Option<Error>)> = Err(refused);
        rejects.note(3, Some("news/a"), &failed).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(
            text,
            "{\"line\":3,\"doc\":\"news/a\",\"reason\":\"empty\",\
             \"message\":\"line 3 (document \\\"news/a\\\"): empty en side\"}\n"
        );
    }

    #[test]
    fn a_line_without_a_readable_name_has_none() {
        let read = lines(
            "oops\n{\"doc\":\"b\",\"fr\":\"\",\"en\":\"x\"}\n{\"doc\":\"c\",\"fr\":\"Un.\",\"en\":\"One.\"}",
        );
        let names: Vec<Option<String>> = read.iter().map(Line::name).collect();
        assert_eq!(names, [None, Some("b".into()), Some("c".into())]);
    }

    #[test]
    fn packed_records_read_back() {
        let record = Packed {
            keys: ["fr", "en"],
            doc: "news/a",
            texts: ["Ligne 1\n\nLigne «\u{a0}2\u{a0}»", "Line 1\n\nLine \"2\""],
        };
        let text = serde_json::to_string(&record).unwrap();
        assert!(!text.contains('\n'));
        assert!(text.starts_with("{\"doc\":\"news/a\",\"fr\":"));
        let read = lines(&text);
        let doc = read[0].document.as_ref().unwrap();
        assert_eq!(doc.source, record.texts[0]);
        assert_eq!(doc.target, record.texts[1]);
    }
}
