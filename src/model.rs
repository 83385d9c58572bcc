//! What a run learns from its first documents, as files: so that shards aligned apart (on a
//! cluster) start from the same word table as one big run.
//!
//! A run with `--learn run` learns its word table from the confident 1-1 beads of its first
//! documents in input order, document by document until `TRAINING_BEADS` beads. That is a
//! prefix of the run, so it splits into a map and a reduce:
//!
//! - map (`bitext learn --stdin`): a shard's *stats*: each document's confident pairs (as
//!   word hashes) in order, up to the shard's own `TRAINING_BEADS` (a later document of the
//!   shard cannot be in the run's prefix), and how many documents the shard holds;
//! - reduce (`bitext learn --merge`): the shards' stats in input order, documents taken until
//!   the run's prefix is complete, the table learned from them: the *model*.
//!
//! Both files are JSON and versioned (`VERSION`). Stats are JSON Lines, one section per
//! shard: a header `{"format":"bitext-stats","version":1,"settings":{…}}`, one line per
//! document `{"doc":"name","pairs":[[[source word hashes],[target word hashes]],…]}` and a
//! trailer `{"documents":N}`; sections concatenate. A model is one object:
//! `{"format":"bitext-model","version":1,"settings":{…},"documents":N,"sample_documents":D,
//! "sample_pairs":P,"sample_complete":true,"links":[[source,target],…]}` where `links` is the
//! whole word table the run starts from (the user's `--dictionary` included), each word as the
//! 32-bit FNV-1a hash of its lower-cased text; `documents` counts the documents the stats
//! covered, and `sample_complete` says more stats would not change the table (once the
//! documents are more than one), so a driver can stop the map early.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::align::Dictionary;
use crate::align::translation::MAX_MODEL_PARTNERS;
use crate::corpus::read_line_bounded;
use crate::error::{Error, Result};
use crate::export::output::{self, OutputFile};

/// Confident 1-1 beads the run's word table learns from: enough to meet the common words many
/// times. They come from the first documents in input order, so the table, and the output, do
/// not depend on `--jobs` or on how the run is cut into shards; a run of millions of pairs
/// pays for one small sample, not a second pass.
pub(crate) const TRAINING_BEADS: usize = 20_000;

/// The version of the stats and model formats; a file of another version is refused.
pub(crate) const VERSION: u32 = 1;

/// The longest line of a stats file: one document's confident pairs as word hashes. A word
/// of one letter and its space (2 bytes of text) become a hash of up to 10 digits and a comma,
/// so a document of `--max-doc-bytes` (64 MiB by default) writes at most about 6 times its
/// size; a longer line (a 3 GB one) is refused with its line, not read into memory.
pub(crate) const MAX_STATS_LINE_BYTES: usize = 6 * crate::corpus::DEFAULT_MAX_DOC_BYTES as usize;

/// Bytes a model file may have, some 700,000 links: read whole, they become the run's word
/// table, which aligning this repository's corpora with a 16 MB model took 0.9 s of CPU and
/// 240 MB (a 64 MB one, 2.8 million links: 7.5 s and 920 MB). A model holds the user's
/// dictionary and what 20,000 beads taught, a few tens of thousands of links.
pub(crate) const MAX_MODEL_BYTES: u64 = 16 << 20;

const MODEL_FORMAT: &str = "bitext-model";
const STATS_FORMAT: &str = "bitext-stats";

/// What a word table depends on besides the documents: a model is used only with the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub(crate) source_lang: String,
    pub(crate) target_lang: String,
    /// `sentences` or `clauses`.
    pub(crate) units: String,
    pub(crate) presplit: bool,
    /// The user's `--dictionary` the first pass aligned with: a fingerprint of its text.
    pub(crate) dictionary: Option<String>,
}

/// A fingerprint of a text (64-bit FNV-1a, 16 hex digits): enough to tell two apart (two
/// dictionaries' files, two long document names), the same from build to build.
pub(crate) fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// One sentence pair of a confident bead, as word hashes.
pub(crate) type TrainingPair = (Vec<u32>, Vec<u32>);

/// The first documents' confident pairs, taken whole document by document until there are
/// enough: the same prefix whether the documents come from one process or from shards.
#[derive(Debug)]
pub(crate) struct Sample {
    cap: usize,
    pairs: Vec<TrainingPair>,
    documents: usize,
}

impl Default for Sample {
    fn default() -> Self {
        Self::with_cap(TRAINING_BEADS)
    }
}

impl Sample {
    /// A sample that stops at `cap` pairs (tests use a small one).
    pub(crate) fn with_cap(cap: usize) -> Self {
        Self {
            cap,
            pairs: Vec::new(),
            documents: 0,
        }
    }

    /// Pairs gathered so far, and how many the sample holds when complete (for progress).
    pub(crate) fn filled(&self) -> (usize, usize) {
        (self.pairs.len().min(self.cap), self.cap)
    }

    /// Whether the next document in input order belongs to the sample.
    pub(crate) fn wants_more(&self) -> bool {
        self.pairs.len() < self.cap
    }

    /// Adds the next document's pairs (the caller checks [`Sample::wants_more`] first).
    pub(crate) fn add(&mut self, pairs: Vec<TrainingPair>) {
        self.documents += 1;
        self.pairs.extend(pairs);
    }

    /// The word table these pairs teach.
    pub(crate) fn learn(&self) -> Dictionary {
        Dictionary::learn(self.pairs.iter().map(|(s, t)| (s.as_slice(), t.as_slice())))
    }
}

/// The word table a run starts from, with what it was learned from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub(crate) format: String,
    pub(crate) version: u32,
    pub(crate) settings: Settings,
    /// Document pairs in the run (or in the stats merged, which may stop once the sample is
    /// complete).
    pub documents: usize,
    /// The first documents the table was learned from, and their confident pairs.
    pub sample_documents: usize,
    pub(crate) sample_pairs: usize,
    /// Whether the sample has all it takes: stats of later documents would not change it.
    pub(crate) sample_complete: bool,
    /// The table: `(source, target)` word hashes, sorted.
    pub links: Vec<(u32, u32)>,
}

impl Model {
    /// The user's table and what the sample taught. A run of one document learns nothing at
    /// run level: its own second pass learns the same, as `bitext align` does.
    pub(crate) fn new(
        settings: Settings,
        documents: usize,
        sample: &Sample,
        user: &Dictionary,
    ) -> Self {
        let table = if documents > 1 {
            user.union(&sample.learn())
        } else {
            user.clone()
        };
        Self {
            format: MODEL_FORMAT.to_string(),
            version: VERSION,
            settings,
            documents,
            sample_documents: sample.documents,
            sample_pairs: sample.pairs.len(),
            sample_complete: !sample.wants_more(),
            links: table.links(),
        }
    }

    pub fn dictionary(&self) -> Dictionary {
        Dictionary::from_links(&self.links)
    }

    /// Reads a model file, refusing another format or version, and one whose figures do not
    /// hold together or whose table is past the bounds a run keeps to (see `Model::validate`).
    pub fn read(path: &Path) -> Result<Model> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
        if size > MAX_MODEL_BYTES {
            let message = format!("{size} bytes: a model has at most {MAX_MODEL_BYTES}");
            return Err(model_error(path, 1, message));
        }
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::Read::take(file, MAX_MODEL_BYTES + 1), &mut bytes)
            .map_err(|e| Error::io(path, e))?;
        Model::parse(path, &bytes)
    }

    /// [`Model::read`] of a file's bytes (`path` names it in errors).
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Model> {
        let model: Model = serde_json::from_slice(bytes)
            .map_err(|e| model_error(path, e.line(), e.to_string()))?;
        check_format(path, 1, &model.format, MODEL_FORMAT, model.version)?;
        model
            .validate()
            .map_err(|message| model_error(path, line_of(bytes, b"\"links\""), message))?;
        Ok(model)
    }

    /// What is wrong with the model, if anything: its sample counts more documents than it
    /// covers, or a word of its table has more than [`MAX_MODEL_PARTNERS`] partners (a model
    /// `bitext learn` writes has at most the user's dictionary's and one learned).
    fn validate(&self) -> std::result::Result<(), String> {
        if self.sample_documents > self.documents {
            return Err(format!(
                "sample_documents {} is more than documents {}",
                self.sample_documents, self.documents
            ));
        }
        // Each side's links as (word, partner), sorted and without repeats: runs of a word.
        for (side, turned) in [("source", false), ("target", true)] {
            let turn = |&(s, t): &(u32, u32)| if turned { (t, s) } else { (s, t) };
            let mut links: Vec<(u32, u32)> = self.links.iter().map(turn).collect();
            links.sort_unstable();
            links.dedup();
            let crowded = links
                .chunk_by(|a, b| a.0 == b.0)
                .find(|run| run.len() > MAX_MODEL_PARTNERS);
            if let Some(run) = crowded {
                return Err(format!(
                    "links: {side} word {} has {} partners, more than {MAX_MODEL_PARTNERS} \
                     (a word of so many is no evidence, and would multiply the work on every \
                     sentence holding it)",
                    run[0].0,
                    run.len()
                ));
            }
        }
        Ok(())
    }

    /// Refuses a model learned with other languages, units or splitting than the run's.
    pub(crate) fn check(&self, path: &Path, settings: &Settings) -> Result<()> {
        let (a, b) = (&self.settings, settings);
        let mismatch = if (&a.source_lang, &a.target_lang) != (&b.source_lang, &b.target_lang) {
            Some(format!(
                "languages {}-{}, not {}-{}",
                a.source_lang, a.target_lang, b.source_lang, b.target_lang
            ))
        } else if a.units != b.units {
            Some(format!("--units {}, not {}", a.units, b.units))
        } else if a.presplit != b.presplit {
            Some(format!("presplit {}, not {}", a.presplit, b.presplit))
        } else {
            None
        };
        match mismatch {
            Some(m) => Err(model_error(
                path,
                1,
                format!("the model was learned with {m}"),
            )),
            None => Ok(()),
        }
    }

    /// Writes the model as JSON to `output` (a file replaced whole at the end) or stdout.
    pub(crate) fn write(&self, output: Option<&Path>) -> Result<()> {
        write_to(output, |out| {
            serde_json::to_writer(&mut *out, self)?;
            out.write_all(b"\n")
        })
    }
}

/// Writes through `write` to a file committed at the end, or to standard output.
pub(crate) fn write_to(
    output: Option<&Path>,
    write: impl FnOnce(&mut OutputFile) -> io::Result<()>,
) -> Result<()> {
    let io_err = |e| Error::io(output.unwrap_or(Path::new("<stdout>")), e);
    let mut out = OutputFile::create(output).map_err(io_err)?;
    write(&mut out).map_err(io_err)?;
    output::commit_all(out.finish().map_err(io_err)?).map_err(io_err)
}

/// The line (from 1) where `key` first appears in `bytes`; 1 if it does not.
fn line_of(bytes: &[u8], key: &[u8]) -> usize {
    let at = bytes.windows(key.len()).position(|w| w == key).unwrap_or(0);
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
}

fn model_error(path: &Path, line: usize, message: String) -> Error {
    Error::Model {
        path: path.to_path_buf(),
        line,
        message,
    }
}

fn check_format(path: &Path, line: usize, format: &str, want: &str, version: u32) -> Result<()> {
    if format != want {
        return Err(model_error(
            path,
            line,
            format!("a {format:?} file, not {want:?}"),
        ));
    }
    if version != VERSION {
        return Err(model_error(
            path,
            line,
            format!("{want} version {version}; this bitext reads version {VERSION}"),
        ));
    }
    Ok(())
}

/// One line of a stats file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum StatsLine {
    Header {
        format: String,
        version: u32,
        settings: Settings,
    },
    Document {
        doc: String,
        pairs: Vec<TrainingPair>,
    },
    End {
        documents: usize,
    },
}

/// Writes one shard's stats section: the header at once, then documents, then the trailer.
pub(crate) struct StatsWriter<W: Write> {
    out: W,
}

impl<W: Write> StatsWriter<W> {
    pub(crate) fn new(mut out: W, settings: &Settings) -> io::Result<Self> {
        write_line(
            &mut out,
            &StatsLine::Header {
                format: STATS_FORMAT.to_string(),
                version: VERSION,
                settings: settings.clone(),
            },
        )?;
        Ok(Self { out })
    }

    /// A document's confident pairs, in input order.
    pub(crate) fn document(&mut self, doc: &str, pairs: Vec<TrainingPair>) -> io::Result<()> {
        let line = StatsLine::Document {
            doc: doc.to_string(),
            pairs,
        };
        write_line(&mut self.out, &line)
    }

    /// The trailer: how many documents the shard holds (the stats may stop before).
    pub(crate) fn finish(mut self, documents: usize) -> io::Result<W> {
        write_line(&mut self.out, &StatsLine::End { documents })?;
        Ok(self.out)
    }
}

fn write_line<W: Write>(out: &mut W, line: &StatsLine) -> io::Result<()> {
    serde_json::to_writer(&mut *out, line)?;
    out.write_all(b"\n")
}

/// The reduce: shards' stats read in the order given (`-` is standard input), their
/// documents taken in that order until the sample is complete, and the model. `user` is the
/// `--dictionary` given to the map, with its text's fingerprint: it must be the same file.
pub fn merge(inputs: &[PathBuf], user: Option<(Dictionary, String)>) -> Result<Model> {
    let mut merged = Merged::default();
    for path in inputs {
        if path.as_os_str() == "-" {
            merged.read(path, io::stdin().lock())?;
        } else {
            let file = File::open(path).map_err(|e| Error::io(path, e))?;
            merged.read(path, BufReader::new(file))?;
        }
    }
    let Some(settings) = merged.settings else {
        let path = inputs.first().cloned().unwrap_or_else(|| "-".into());
        return Err(model_error(&path, 1, "no stats to merge".to_string()));
    };
    let (dictionary, fingerprint) = user.unzip();
    if settings.dictionary != fingerprint {
        let path = inputs.first().cloned().unwrap_or_default();
        let message = match settings.dictionary {
            Some(_) => "the stats were made with another --dictionary (or one not given here)",
            None => "the stats were made without --dictionary",
        };
        return Err(model_error(&path, 1, message.to_string()));
    }
    Ok(Model::new(
        settings,
        merged.documents,
        &merged.sample,
        &dictionary.unwrap_or_default(),
    ))
}

/// One stats file read as the reduce reads it: its documents, and the sample's documents and
/// pairs (the sample stops at `cap` pairs). For checks and fuzzing of the stats reader.
pub fn read_stats(path: &Path, input: impl BufRead, cap: usize) -> Result<(usize, usize, usize)> {
    let mut merged = Merged {
        sample: Sample::with_cap(cap),
        ..Merged::default()
    };
    merged.read(path, input)?;
    let sample = &merged.sample;
    Ok((merged.documents, sample.documents, sample.pairs.len()))
}

/// The reduce's state across the stats files.
#[derive(Default)]
struct Merged {
    settings: Option<Settings>,
    documents: usize,
    sample: Sample,
    /// Document lines of the open section: its trailer must count at least as many.
    section_lines: usize,
}

impl Merged {
    /// Reads one file of stats sections; every section must be complete.
    fn read(&mut self, path: &Path, input: impl BufRead) -> Result<()> {
        self.read_within(path, input, MAX_STATS_LINE_BYTES)
    }

    /// [`Merged::read`] with lines of at most `max_line` bytes.
    fn read_within(&mut self, path: &Path, mut input: impl BufRead, max_line: usize) -> Result<()> {
        let mut in_section = false;
        let mut last = 0;
        let mut line = Vec::new();
        loop {
            line.clear();
            let length = read_line_bounded(&mut input, &mut line, max_line)
                .map_err(|e| Error::io(path, e))?;
            if length == 0 {
                break;
            }
            last += 1;
            if length > max_line {
                let message = format!("a line of {length} bytes: at most {max_line}");
                return Err(model_error(path, last, message));
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed: StatsLine = serde_json::from_slice(&line)
                .map_err(|e| model_error(path, last, format!("not a stats line: {e}")))?;
            in_section = self.line(path, last, parsed, in_section)?;
        }
        if in_section {
            return Err(model_error(
                path,
                last,
                "truncated stats: a section has no trailer".to_string(),
            ));
        }
        Ok(())
    }

    /// Takes one line; returns whether a section is open after it.
    fn line(&mut self, path: &Path, line: usize, parsed: StatsLine, open: bool) -> Result<bool> {
        let unexpected = |what: &str| Err(model_error(path, line, format!("unexpected {what}")));
        match parsed {
            StatsLine::Header { .. } if open => {
                unexpected("header: the section before has no trailer")
            }
            StatsLine::Header {
                format,
                version,
                settings,
            } => {
                check_format(path, line, &format, STATS_FORMAT, version)?;
                match &self.settings {
                    Some(first) if *first != settings => Err(model_error(
                        path,
                        line,
                        "stats made with other settings than the first".to_string(),
                    )),
                    _ => {
                        self.settings = Some(settings);
                        self.section_lines = 0;
                        Ok(true)
                    }
                }
            }
            StatsLine::Document { .. } | StatsLine::End { .. } if !open => {
                unexpected("line before a header")
            }
            StatsLine::Document { pairs, .. } => {
                self.section_lines += 1;
                if self.sample.wants_more() {
                    self.sample.add(pairs);
                }
                Ok(true)
            }
            // A map writes a line for each of its documents until its sample is complete,
            // none after: never more lines than documents.
            StatsLine::End { documents } if documents < self.section_lines => Err(model_error(
                path,
                line,
                format!(
                    "the trailer counts {documents} documents, its section has {} document lines",
                    self.section_lines
                ),
            )),
            StatsLine::End { documents } => {
                self.documents += documents;
                Ok(false)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            source_lang: "fr".into(),
            target_lang: "en".into(),
            units: "clauses".into(),
            presplit: false,
            dictionary: None,
        }
    }

    fn pairs(n: usize, word: u32) -> Vec<TrainingPair> {
        (0..n).map(|_| (vec![word], vec![word + 1])).collect()
    }

    #[test]
    fn a_sample_takes_whole_documents_until_it_has_enough() {
        let mut sample = Sample::with_cap(5);
        for n in [2, 2, 3, 4] {
            if sample.wants_more() {
                sample.add(pairs(n, 10));
            }
        }
        assert_eq!((sample.documents, sample.pairs.len()), (3, 7));
    }

    /// A stats section of documents named by a letter, whose pairs use that letter's word.
    fn stats(docs: &[(char, usize)], documents: usize) -> Vec<u8> {
        let mut writer = StatsWriter::new(Vec::new(), &settings()).unwrap();
        for &(name, n) in docs {
            writer
                .document(&name.to_string(), pairs(n, name as u32))
                .unwrap();
        }
        writer.finish(documents).unwrap()
    }

    fn merged(files: &[Vec<u8>], cap: usize) -> Result<Merged> {
        let mut merged = Merged {
            sample: Sample::with_cap(cap),
            ..Merged::default()
        };
        for file in files {
            merged.read(Path::new("s"), file.as_slice())?;
        }
        Ok(merged)
    }

    #[test]
    fn merging_shards_takes_the_same_prefix_as_one_stream() {
        let one = stats(&[('a', 2), ('b', 2), ('c', 3), ('d', 4)], 4);
        let shards = [stats(&[('a', 2)], 1), stats(&[('b', 2), ('c', 3)], 3)];
        let (whole, split) = (merged(&[one], 5).unwrap(), merged(&shards, 5).unwrap());
        assert_eq!((split.sample.documents, split.sample.pairs.len()), (3, 7));
        assert_eq!(split.sample.pairs, whole.sample.pairs);
        assert_eq!((whole.documents, split.documents), (4, 4));
    }

    #[test]
    fn a_stats_line_past_the_limit_is_refused_with_its_line_not_read_whole() {
        let full = stats(&[('a', 2)], 1);
        let longest = full.split(|&b| b == b'\n').map(<[u8]>::len).max().unwrap();
        let mut merged = Merged::default();
        let within = merged.read_within(Path::new("s"), full.as_slice(), longest + 1);
        assert!(within.is_ok(), "{within:?}");
        let mut merged = Merged::default();
        let err = merged
            .read_within(Path::new("s"), full.as_slice(), longest - 1)
            .unwrap_err()
            .to_string();
        assert!(err.contains("bytes: at most"), "{err}");
        assert!(err.starts_with("s: line "), "{err}");
    }

    #[test]
    fn a_truncated_or_mixed_stats_file_is_refused() {
        let full = stats(&[('a', 2)], 1);
        let cut = &full[..full.len() - 16];
        let err = merged(&[cut.to_vec()], 5).err().expect("refused");
        assert!(err.to_string().contains("no trailer"), "{err}");
        let other = String::from_utf8(full.clone())
            .unwrap()
            .replace("clauses", "sentences");
        let err = merged(&[full, other.into_bytes()], 5)
            .err()
            .expect("refused");
        assert!(err.to_string().contains("other settings"), "{err}");
    }

    #[test]
    fn a_stats_trailer_counting_fewer_documents_than_its_lines_is_refused() {
        let short = stats(&[('a', 2), ('b', 1)], 1);
        let err = merged(&[short], 5).err().expect("refused");
        let message = err.to_string();
        assert!(message.starts_with("s: line 4: "), "{message}");
        assert!(
            message.contains("counts 1 documents, its section has 2"),
            "{message}"
        );
        assert!(
            merged(&[stats(&[('a', 2)], 3)], 5).is_ok(),
            "fewer lines: a full sample"
        );
    }

    #[test]
    fn a_model_refuses_other_settings() {
        let model = Model::new(settings(), 2, &Sample::default(), &Dictionary::default());
        let path = Path::new("m.json");
        assert!(model.check(path, &settings()).is_ok());
        let other = Settings {
            units: "sentences".into(),
            ..settings()
        };
        let err = model.check(path, &other).unwrap_err().to_string();
        assert!(err.contains("--units clauses, not sentences"), "{err}");
    }

    /// A model file of these links (and `sample_documents`), as `bitext learn` writes it.
    fn model_file(dir: &Path, links: Vec<(u32, u32)>, sample_documents: usize) -> PathBuf {
        let mut model = Model::new(settings(), 2, &Sample::default(), &Dictionary::default());
        (model.links, model.sample_documents) = (links, sample_documents);
        let path = dir.join(format!("m{}.json", model.links.len()));
        model.write(Some(&path)).unwrap();
        path
    }

    #[test]
    fn a_model_of_a_word_with_too_many_partners_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fine: Vec<(u32, u32)> = (0..MAX_MODEL_PARTNERS as u32).map(|s| (s, 7)).collect();
        let read = Model::read(&model_file(dir.path(), fine.clone(), 0)).unwrap();
        assert_eq!(read.links, fine);
        let crowded: Vec<(u32, u32)> = (0..1000).map(|t| (7, t)).collect();
        let err = Model::read(&model_file(dir.path(), crowded, 0)).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("m1000.json"), "{message}");
        assert!(message.contains("line 1"), "{message}");
        assert!(
            message.contains("source word 7 has 1000 partners"),
            "{message}"
        );
    }

    #[test]
    fn a_model_whose_sample_outnumbers_its_documents_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = Model::read(&model_file(dir.path(), vec![(1, 2)], 3)).unwrap_err();
        assert!(
            err.to_string()
                .contains("sample_documents 3 is more than documents 2"),
            "{err}"
        );
    }

    #[test]
    fn fingerprints_tell_texts_apart() {
        assert_eq!(fingerprint("a @ b\n"), fingerprint("a @ b\n"));
        assert_ne!(fingerprint("a @ b\n"), fingerprint("a @ c\n"));
        assert_eq!(fingerprint("").len(), 16);
    }
}
