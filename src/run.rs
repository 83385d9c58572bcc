//! The driver: pairs documents, runs the pipeline on each pair in parallel, writes the corpus
//! in input order, and reports what happened.
//!
//! This is the one place with threads. Document pairs are independent, so they are processed
//! in chunks with rayon and each chunk is written in order before the next starts: the output
//! is the same whatever `--jobs` says, and memory holds one chunk, not the corpus. `--jobs 1`
//! runs the same code with a plain iterator and no thread pool.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::align::{self, Dictionary};
use crate::config::{Config, Learn};
use crate::corpus::{DocumentPair, Pairing, ReadOptions, pair_documents, read_text};
use crate::document::align_units;
use crate::error::{Error, Origin, Result, Warning};
use crate::export::{self, Exporter, WriterOptions, output};
use crate::filter::Removed;
use crate::model::{Model, Sample, Settings, fingerprint};
use crate::{AlignedDocument, Options};

pub use export::LOW_CONFIDENCE;

/// What a run did: the figures of the closing summary and the documents that failed.
#[derive(Debug, Default)]
pub struct Report {
    pub documents: usize,
    /// Units aligned on each side: clauses or sentences, as `--units` says.
    pub source_units: usize,
    pub target_units: usize,
    /// Beads by shape (`"1-1"`, `"2-1"` …), sorted.
    pub beads: BTreeMap<String, usize>,
    pub low_confidence: usize,
    /// Records written (beads the format keeps and the filters let through).
    pub written: usize,
    /// Pairs the training-data filters removed.
    pub removed: Removed,
    /// Unpaired files and documents that could not be aligned; the rest were written.
    pub problems: Vec<Error>,
    /// What was said about documents that were aligned all the same (a guessed encoding …).
    pub warnings: Vec<Warning>,
    pub elapsed: Duration,
}

impl Report {
    /// Counts an aligned document.
    pub fn add(&mut self, doc: &AlignedDocument) {
        self.documents += 1;
        self.source_units += doc.source.len();
        self.target_units += doc.target.len();
        for bead in &doc.alignment.beads {
            *self.beads.entry(bead.kind()).or_default() += 1;
            self.low_confidence += usize::from(bead.score < LOW_CONFIDENCE);
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: usize = self.beads.values().sum();
        let kinds: Vec<String> = self.beads.iter().map(|(k, n)| format!("{n} {k}")).collect();
        write!(
            f,
            "Aligned {} document pair(s): {} source and {} target units in {} beads ({}); \
             {} bead(s) scored below {LOW_CONFIDENCE}; {} written{}; {} problem(s){}; {} \
             warning(s); {:.2} s.",
            self.documents,
            self.source_units,
            self.target_units,
            total,
            if kinds.is_empty() {
                "none".to_string()
            } else {
                kinds.join(", ")
            },
            self.low_confidence,
            self.written,
            match self.removed.total() {
                0 => String::new(),
                n => format!(" ({n} pair(s) removed: {})", self.removed),
            },
            self.problems.len(),
            by_reason(&self.problems),
            self.warnings.len(),
            self.elapsed.as_secs_f64(),
        )
    }
}

/// ` (2 binary, 1 no counterpart)`: the problems counted by reason, for the summary.
fn by_reason(problems: &[Error]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for problem in problems {
        *counts.entry(problem.reason()).or_default() += 1;
    }
    let counts: Vec<String> = counts.iter().map(|(r, n)| format!("{n} {r}")).collect();
    format!(" ({})", counts.join(", "))
}

/// A line on stderr; a stderr that cannot be written to is no reason to stop a run.
fn say(progress: &ProgressBar, message: &dyn fmt::Display) {
    progress.suspend(|| {
        let _ = writeln!(io::stderr().lock(), "bitext: {message}");
    });
}

/// Pairs per parallel chunk: enough to keep every thread busy, few enough to bound memory
/// (two chunks are held at once: one being written, one being aligned).
const CHUNK: usize = 128;

/// Runs `bitext align` as configured. Per-document problems are reported (on stderr as they
/// happen, and in the [`Report`]) without stopping the run; an `Err` means nothing was written.
pub fn run(config: &Config) -> Result<Report> {
    let started = Instant::now();
    let mut pairing = pair(config)?;
    if let Some(output) = &config.output {
        for path in export::output_paths(config.format, output, &config.languages) {
            refuse_to_overwrite_an_input(&path, &pairing.pairs)?;
        }
    }
    if config.strict && !pairing.problems.is_empty() {
        return Err(pairing.problems.swap_remove(0));
    }
    for problem in &pairing.problems {
        say(&ProgressBar::hidden(), problem);
    }
    let mut report = Report {
        problems: pairing.problems,
        ..Report::default()
    };
    let pool = thread_pool(config.jobs)?;
    let options = prepare_options(config, &pairing.pairs, pool.as_ref())?;
    let progress = progress_bar(config.progress, pairing.pairs.len());

    let mut exporter = exporter(config)?;
    let mut output = Output {
        config,
        exporter: &mut exporter,
        report: &mut report,
        progress: &progress.bar,
    };
    // Aligned, not yet written: with a pool, one chunk is written while the next is aligned.
    let mut aligned: Option<Vec<Result<Processed>>> = None;
    for chunk in pairing.pairs.chunks(CHUNK) {
        let align = || process_chunk(chunk, &options, &config.read, pool.as_ref(), &progress);
        match pool.as_ref() {
            Some(pool) => {
                let mut done = None;
                let written = pool.in_place_scope(|scope| {
                    scope.spawn(|_| done = Some(align()));
                    aligned.take().map_or(Ok(()), |before| output.write(before))
                });
                written?;
                aligned = done;
            }
            None => output.write(align())?,
        }
    }
    if let Some(done) = aligned {
        output.write(done)?;
    }
    let io_err = |e| output_error(config, e);
    let (removed, files) = exporter.finish().map_err(io_err)?;
    output::commit_all(files).map_err(io_err)?;
    report.removed = removed;
    progress.bar.finish_and_clear();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Where aligned documents go: the corpus, and the run's report.
struct Output<'a> {
    config: &'a Config,
    exporter: &'a mut Exporter,
    report: &'a mut Report,
    progress: &'a ProgressBar,
}

impl Output<'_> {
    /// Writes a chunk's documents in input order and reports their problems; with `--strict`
    /// the first problem ends the run.
    fn write(&mut self, results: Vec<Result<Processed>>) -> Result<()> {
        for result in results {
            let Processed { doc, warnings } = match result {
                Ok(processed) => processed,
                Err(e) if self.config.strict => {
                    self.progress.finish_and_clear();
                    return Err(e);
                }
                Err(e) => {
                    say(self.progress, &e);
                    self.report.problems.push(e);
                    continue;
                }
            };
            for warning in warnings {
                say(self.progress, &warning);
                self.report.warnings.push(warning);
            }
            self.report.written += self
                .exporter
                .write(&doc.name, export::records(&doc))
                .map_err(|e| output_error(self.config, e))?;
            self.report.add(&doc);
        }
        Ok(())
    }
}

/// The run's writer, with its filters.
pub fn exporter(config: &Config) -> Result<Exporter> {
    let writer_options = WriterOptions {
        languages: config.languages.clone(),
        explain: config.explain,
        excel: config.output_options.excel,
    };
    Exporter::new(
        config.format,
        config.output.as_deref(),
        &writer_options,
        config.output_options.filters.clone(),
        config.output_options.keep_unaligned,
    )
    .map_err(|e| output_error(config, e))
}

/// An error writing the corpus, naming where it goes.
pub fn output_error(config: &Config, error: io::Error) -> Error {
    Error::io(
        config.output.as_deref().unwrap_or(Path::new("<stdout>")),
        error,
    )
}

/// Documents per parallel step of that first pass: small, so that it stops soon after it has
/// enough beads.
const TRAINING_CHUNK: usize = 16;

/// Splitting options and the user's dictionary, and the settings a model must share with them.
pub fn base_options(config: &Config) -> Result<(Options, Settings)> {
    let mut options =
        Options::new(&config.languages.source, &config.languages.target).with_units(config.units);
    options.presplit = config.presplit;
    let mut settings = Settings {
        source_lang: config.languages.source.clone(),
        target_lang: config.languages.target.clone(),
        units: config.units.name().to_string(),
        presplit: config.presplit,
        dictionary: None,
    };
    if let Some(path) = &config.dictionary {
        let text = read_text(path, &config.read)?;
        if let Some(encoding) = text.guessed {
            let path = path.clone();
            say(
                &ProgressBar::hidden(),
                &Warning::GuessedEncoding { path, encoding },
            );
        }
        let (dictionary, skipped) = Dictionary::parse_hunalign(&text.text);
        if skipped > 0 {
            let message = format!(
                "{}: {skipped} entries skipped (not one word on each side of ` @ `, or past a \
                 word's first {} partners)",
                path.display(),
                crate::align::translation::MAX_PARTNERS
            );
            say(&ProgressBar::hidden(), &message);
        }
        options.dictionary = dictionary;
        settings.dictionary = Some(fingerprint(&text.text));
    }
    Ok((options, settings))
}

/// [`base_options`] with the table of the run's `--model`, if it has one.
pub fn model_options(config: &Config) -> Result<(Options, Settings)> {
    let (mut options, settings) = base_options(config)?;
    if let Some(path) = &config.model {
        let model = Model::read(path)?;
        model.check(path, &settings)?;
        options.dictionary = options.dictionary.union(&model.dictionary());
    }
    Ok((options, settings))
}

/// Splitting options, and the word table the aligner starts from: the user's dictionary, and
/// a model's table or what a first pass over the run's first documents learned.
fn prepare_options(
    config: &Config,
    pairs: &[DocumentPair],
    pool: Option<&rayon::ThreadPool>,
) -> Result<Options> {
    let (mut options, settings) = model_options(config)?;
    if config.model.is_none() && config.learn == Learn::Run {
        let model = learn_model(config, pairs, &options, settings, pool).0;
        options.dictionary = model.dictionary();
    }
    Ok(options)
}

/// The run's two inputs, paired (see [`pair_documents`]); an output inside an input folder is
/// refused before anything is written.
pub fn pair(config: &Config) -> Result<Pairing> {
    let pairing = pair_documents(
        &config.source,
        &config.target,
        &config.languages.source,
        &config.languages.target,
    )?;
    if let Some(output) = &config.output {
        for path in export::output_paths(config.format, output, &config.languages) {
            refuse_output_in_an_input(&path, [&config.source, &config.target])?;
        }
    }
    Ok(pairing)
}

/// `bitext learn FR EN`: the model a `--learn run` run of these folders starts from, and the
/// problems met (unpaired files, documents of the sample that failed).
pub fn learn(config: &Config) -> Result<(Model, Vec<Error>)> {
    let pairing = pair(config)?;
    let (options, settings) = base_options(config)?;
    let pool = thread_pool(config.jobs)?;
    let (model, failed) = learn_model(config, &pairing.pairs, &options, settings, pool.as_ref());
    let mut problems = pairing.problems;
    problems.extend(failed);
    Ok((model, problems))
}

/// The run-level model: a first pass over the run's first documents for their confident
/// pairs. Documents that fail here are returned (the main pass reports them again).
fn learn_model(
    config: &Config,
    pairs: &[DocumentPair],
    options: &Options,
    settings: Settings,
    pool: Option<&rayon::ThreadPool>,
) -> (Model, Vec<Error>) {
    let mut sample = Sample::default();
    let mut failed = Vec::new();
    // With one document the run is the document: its own second pass learns the same.
    if pairs.len() > 1 {
        let learning = learning_bar(config.progress, sample.filled().1);
        failed = first_pass(pairs, options, &config.read, pool, &mut sample, &learning);
        learning.finish_and_clear();
    }
    let model = Model::new(settings, pairs.len(), &sample, &options.dictionary);
    (model, failed)
}

/// Aligns documents in input order, a chunk at a time, until the sample has enough.
fn first_pass(
    pairs: &[DocumentPair],
    options: &Options,
    read: &ReadOptions,
    pool: Option<&rayon::ThreadPool>,
    sample: &mut Sample,
    learning: &ProgressBar,
) -> Vec<Error> {
    let mut failed = Vec::new();
    for chunk in pairs.chunks(TRAINING_CHUNK) {
        for result in process_chunk(chunk, options, read, pool, &Progress::hidden()) {
            if !sample.wants_more() {
                break;
            }
            match result {
                Ok(Processed { doc, .. }) => sample.add(align::training_pairs(
                    &doc.source,
                    &doc.target,
                    &doc.alignment,
                )),
                Err(e) => failed.push(e),
            }
        }
        learning.set_position(sample.filled().0 as u64);
        if !sample.wants_more() {
            break;
        }
    }
    failed
}

/// Aligns a chunk of pairs, in parallel when there is a pool; results keep the chunk's order.
/// The progress bar counts documents as workers finish them (it is made to be shared).
fn process_chunk(
    chunk: &[DocumentPair],
    options: &Options,
    read: &ReadOptions,
    pool: Option<&rayon::ThreadPool>,
    progress: &Progress,
) -> Vec<Result<Processed>> {
    let process = |pair: &DocumentPair| {
        let result = process_pair(pair, options, read);
        let units = result
            .as_ref()
            .map_or(0, |p| p.doc.source.len() + p.doc.target.len());
        progress.aligned(units);
        result
    };
    match pool {
        Some(pool) => pool.install(|| chunk.par_iter().map(process).collect()),
        None => chunk.iter().map(process).collect(),
    }
}

/// A document pair through the pipeline, and what to tell the user about it.
struct Processed {
    doc: AlignedDocument,
    warnings: Vec<Warning>,
}

/// The whole pipeline for one pair. A side that cannot be read, has no sentence or more than
/// the aligner's bound is an error naming its file.
fn process_pair(pair: &DocumentPair, options: &Options, read: &ReadOptions) -> Result<Processed> {
    let source = read_text(&pair.source, read)?;
    let target = read_text(&pair.target, read)?;
    let mut warnings = Vec::new();
    for (text, path) in [(&source, &pair.source), (&target, &pair.target)] {
        if let Some(encoding) = text.guessed {
            let path = path.clone();
            warnings.push(Warning::GuessedEncoding { path, encoding });
        }
    }
    let units = options.units(&source.text, &target.text);
    drop((source, target)); // a long document's text, read: its units hold it now
    let origin = Origin::Files {
        source: pair.source.clone(),
        target: pair.target.clone(),
    };
    let (doc, unbalanced) = align_units(pair.name.clone(), units, &origin, ["", ""], options)?;
    warnings.extend(unbalanced);
    Ok(Processed { doc, warnings })
}

/// Writing the corpus over one of the documents would destroy it: an output file that is one
/// of them, or an output folder (`--format index`) that holds one, is refused.
fn refuse_to_overwrite_an_input(output: &Path, pairs: &[DocumentPair]) -> Result<()> {
    let Ok(output) = output.canonicalize() else {
        return Ok(()); // a file that does not exist yet is no input
    };
    let is_output = |p: &&PathBuf| p.canonicalize().is_ok_and(|p| p.starts_with(&output));
    let mut sides = pairs.iter().flat_map(|p| [&p.source, &p.target]);
    match sides.find(is_output) {
        Some(input) => Err(Error::OutputIsInput {
            path: input.clone(),
        }),
        None => Ok(()),
    }
}

/// A corpus written inside an input folder would be read as a document by the next run (and
/// by this one, for a file written there before): refused, naming both. Links are resolved;
/// a device (`/dev/null`) is no folder's file.
fn refuse_output_in_an_input(output: &Path, inputs: [&Path; 2]) -> Result<()> {
    let Some(resolved) = resolved(output) else {
        return Ok(());
    };
    for input in inputs.into_iter().filter(|p| p.is_dir()) {
        if input
            .canonicalize()
            .is_ok_and(|dir| resolved.starts_with(dir))
        {
            return Err(Error::OutputInInput {
                output: output.to_path_buf(),
                folder: input.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// Where `path` is, links resolved, for a path that may not exist yet: its nearest existing
/// ancestor canonicalised, then the rest of it (where a `..` is only a step back: nothing
/// there exists to be a link).
fn resolved(path: &Path) -> Option<PathBuf> {
    path.ancestors().find_map(|base| {
        let dir = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        let mut resolved = dir.canonicalize().ok()?;
        for part in path.strip_prefix(base).ok()?.components() {
            match part {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        Some(resolved)
    })
}

fn thread_pool(jobs: usize) -> Result<Option<rayon::ThreadPool>> {
    if jobs <= 1 {
        return Ok(None);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map(Some)
        .map_err(|e| Error::Write {
            path: PathBuf::from("<thread pool>"),
            message: e.to_string(),
        })
}

/// The first pass's bar: confident pairs gathered out of the `cap` the word table learns from.
fn learning_bar(visible: bool, cap: usize) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(cap as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30} learning word pairs: {pos}/{len} confident pairs",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The main pass's bar: documents aligned and their units, counted together as each document
/// is aligned (on whichever thread), so that both always describe the same documents.
pub(crate) struct Progress {
    bar: ProgressBar,
    units: AtomicUsize,
}

impl Progress {
    fn hidden() -> Self {
        Self {
            bar: ProgressBar::hidden(),
            units: AtomicUsize::new(0),
        }
    }

    /// One more document aligned (`units` 0 for one that failed).
    fn aligned(&self, units: usize) {
        let total = self.units.fetch_add(units, Ordering::Relaxed) + units;
        self.bar.set_message(total.to_string());
        self.bar.inc(1);
    }
}

fn progress_bar(visible: bool, documents: usize) -> Progress {
    if !visible {
        return Progress::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(documents as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} documents, {msg} units (ETA {eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message("0");
    bar.enable_steady_tick(Duration::from_millis(200));
    Progress {
        bar,
        units: AtomicUsize::new(0),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::config::Request;
    use crate::export::Format;

    /// A document: paragraphs of sentences, or now and then one that fails (empty, binary).
    fn document() -> impl Strategy<Value = Vec<u8>> {
        let sentence = "[A-Z][a-zé]{0,9}( [a-zé0-9]{1,9}){0,14}[.!?]";
        let paragraph = proptest::collection::vec(sentence, 1..6).prop_map(|s| s.join(" "));
        prop_oneof![
            12 => proptest::collection::vec(paragraph, 1..4).prop_map(|p| p.join("\n\n").into_bytes()),
            1 => Just(Vec::new()),
            1 => Just(b"PK\x03\x04\x00".to_vec()),
        ]
    }

    #[test]
    fn the_progress_bar_counts_documents_and_their_units_together() {
        let progress = Progress::hidden();
        progress.aligned(7);
        progress.aligned(0); // a document that failed
        progress.aligned(5);
        assert_eq!(progress.bar.position(), 3);
        assert_eq!(progress.bar.message(), "12");
    }

    fn corpus_with_jobs(dir: &Path, jobs: usize) -> (String, Vec<String>) {
        let output = dir.join(format!("out-{jobs}.jsonl"));
        let config = Config::new(Request {
            source: dir.join("fr"),
            target: dir.join("en"),
            format: Some(Format::Jsonl),
            output: Some(output.clone()),
            jobs: Some(jobs),
            ..Request::default()
        })
        .unwrap();
        let report = run(&config).unwrap();
        let problems = report.problems.iter().map(|p| p.to_string()).collect();
        (fs::read_to_string(output).unwrap(), problems)
    }

    #[test]
    fn outputs_are_placed_before_they_exist() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir_all(root.join("fr")).unwrap();
        let inside = root.join("fr/new/../x.tmx");
        assert_eq!(
            resolved(&root.join("fr/x.tmx")),
            Some(root.join("fr/x.tmx"))
        );
        assert_eq!(resolved(&root.join("fr/a/b")), Some(root.join("fr/a/b")));
        let fr = root.join("fr");
        assert!(refuse_output_in_an_input(&root.join("fr/a/b.tmx"), [&fr, &fr]).is_err());
        assert!(refuse_output_in_an_input(&root.join("fr2.tmx"), [&fr, &fr]).is_ok());
        assert!(refuse_output_in_an_input(Path::new("/dev/null"), [&fr, &fr]).is_ok());
        // `..` after a folder that does not exist yet is a step back.
        assert_eq!(resolved(&inside), Some(root.join("fr/x.tmx")));
        assert!(refuse_output_in_an_input(&inside, [&fr, &fr]).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// The run-level word table, the chunks and the order of problems do not depend on
        /// the number of threads.
        #[test]
        fn jobs_1_and_jobs_2_write_the_same_corpus(
            pairs in proptest::collection::vec((document(), document()), 1..40)
        ) {
            let dir = tempfile::tempdir().unwrap();
            for (k, (fr, en)) in pairs.iter().enumerate() {
                for (side, text) in [("fr", fr), ("en", en)] {
                    fs::create_dir_all(dir.path().join(side)).unwrap();
                    fs::write(dir.path().join(format!("{side}/d{k:02}.txt")), text).unwrap();
                }
            }
            prop_assert_eq!(corpus_with_jobs(dir.path(), 1), corpus_with_jobs(dir.path(), 2));
        }
    }
}
