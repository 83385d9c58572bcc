//! The driver: pairs documents, runs the pipeline on each pair in parallel, writes the corpus
//! in input order, and reports what happened.
//!
//! This is the one place with threads. Document pairs are independent, so they are processed
//! in chunks with rayon and each chunk is written in order before the next starts: the output
//! is the same whatever `--jobs` says, and memory holds one chunk, not the corpus. `--jobs 1`
//! runs the same code with a plain iterator and no thread pool.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::align::{self, Dictionary};
use crate::config::{Config, Learn};
use crate::corpus::{DocumentPair, Pairing, ReadOptions, pair_documents, read_text};
use crate::document::align_units;
use crate::error::{Error, Origin, Result, Warning};
use crate::export;
use crate::language;
use crate::model::{self, Model, Sample, Settings, fingerprint};
use crate::session::{
    Destination, Reporter, Session, Task, refuse_output_in_an_input, refuse_to_overwrite_an_input,
    say,
};
use crate::{AlignedDocument, Options, Report};

/// Pairs per parallel chunk: enough to keep every thread busy, few enough to bound memory
/// (two chunks are held at once: one being written, one being aligned).
const CHUNK: usize = 128;

/// Runs `bitext align` as configured. Per-document problems are reported (on stderr as they
/// happen, and in the [`Report`]) without stopping the run; an `Err` means nothing was written.
pub fn run(config: &Config) -> Result<Report> {
    let mut reporter = Reporter::new(Task::Align, config.strict);
    let pairing = pair(config)?;
    for problem in pairing.problems {
        reporter.problem(problem)?;
    }
    let pool = thread_pool(config.jobs)?;
    let options = prepare_options(config, &pairing.pairs, pool.as_ref())?;
    let progress = progress_bar(config.progress, pairing.pairs.len());
    reporter.show(&progress.bar);
    let mut session = Session::open(reporter, Destination::of(config))?;
    // Aligned, not yet written: with a pool, one chunk is written while the next is aligned.
    let mut aligned: Option<Vec<Result<Processed>>> = None;
    for chunk in pairing.pairs.chunks(CHUNK) {
        let align = || process_chunk(chunk, &options, &config.read, pool.as_ref(), &progress);
        match pool.as_ref() {
            Some(pool) => {
                let mut done = None;
                let written = pool.in_place_scope(|scope| {
                    scope.spawn(|_| done = Some(align()));
                    aligned
                        .take()
                        .map_or(Ok(()), |before| write(&mut session, before))
                });
                written?;
                aligned = done;
            }
            None => write(&mut session, align())?,
        }
    }
    // The last chunk on a worker of the pool, which has nothing else to do: a long
    // document's records are built in halves at once there (see [`export::records`]).
    if let Some(done) = aligned {
        match pool.as_ref() {
            Some(pool) => pool.install(|| write(&mut session, done))?,
            None => write(&mut session, done)?,
        }
    }
    let report = session.finish()?;
    let names = [&config.source, &config.target].map(|p| input_name(p));
    let inputs = if config.source.is_dir() {
        "folders"
    } else {
        "files"
    };
    let sides = [
        format!("the {inputs} look swapped: {}", names[0]),
        names[1].clone(),
    ];
    swap_note(&report, [&sides[0], &sides[1]]);
    Ok(report)
}

/// An input as the swap note names it: a folder with its separator (`fr/`), a file as given.
fn input_name(path: &std::path::Path) -> String {
    let name = path.display().to_string();
    if path.is_dir() && !name.ends_with(std::path::MAIN_SEPARATOR) {
        format!("{name}{}", std::path::MAIN_SEPARATOR)
    } else {
        name
    }
}

/// Says once that a run's sides look swapped, when most of its pairs were refused as such.
pub(crate) fn swap_note(report: &Report, sides: [&str; 2]) {
    let pairs = report.documents + report.problems.len();
    if let Some(note) = language::swap_note(&report.problems, pairs, sides) {
        say(&ProgressBar::hidden(), &note);
    }
}

/// Writes a chunk's documents in input order and reports their problems.
fn write(session: &mut Session, results: Vec<Result<Processed>>) -> Result<()> {
    results
        .into_iter()
        .try_for_each(|result| session.document(result))
}

/// Documents per parallel step of that first pass: small, so that it stops soon after it has
/// enough beads.
const TRAINING_CHUNK: usize = 16;

/// Splitting options and the user's dictionary, and the settings a model must share with them.
pub(crate) fn base_options(config: &Config) -> Result<(Options, Settings)> {
    let mut options =
        Options::new(&config.languages.source, &config.languages.target).with_units(config.units);
    if !config.language_check {
        options = options.without_language_check();
    }
    options.presplit = config.presplit;
    options.min_doc_score = config.min_doc_score;
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
pub(crate) fn model_options(config: &Config) -> Result<(Options, Settings)> {
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

/// The run's two inputs, paired (see [`pair_documents`]); an output inside an input folder, or
/// over one of the documents, is refused before anything is written.
pub(crate) fn pair(config: &Config) -> Result<Pairing> {
    let pairing = pair_documents(
        &config.source,
        &config.target,
        &config.languages.source,
        &config.languages.target,
    )?;
    if let Some(output) = &config.output {
        for path in export::output_paths(config.format, output, &config.languages) {
            refuse_output_in_an_input(&path, [&config.source, &config.target])?;
            let inputs = pairing.pairs.iter().flat_map(|p| [&p.source, &p.target]);
            refuse_to_overwrite_an_input(&path, inputs)?;
        }
    }
    Ok(pairing)
}

/// `bitext learn FR EN`: the model a `--learn run` run of these folders starts from, written
/// to `-o` (or stdout); the problems met (unpaired files, documents of the sample that
/// failed) are said and counted.
pub fn learn(config: &Config) -> Result<Report> {
    let pairing = pair(config)?;
    let (options, settings) = base_options(config)?;
    let pool = thread_pool(config.jobs)?;
    let (model, failed) = learn_model(config, &pairing.pairs, &options, settings, pool.as_ref());
    let mut reporter = Reporter::new(learned(&model), false);
    for problem in pairing.problems.into_iter().chain(failed) {
        reporter.problem(problem)?;
    }
    model.write(config.output.as_deref())?;
    Ok(reporter.finish())
}

/// `bitext learn --merge STATS…`: the model of the shards' stats, in order, written to `-o`
/// (not over one of them).
pub fn merge(config: &Config, stats: &[PathBuf]) -> Result<Report> {
    if let Some(output) = &config.output {
        refuse_to_overwrite_an_input(output, stats.iter())?;
    }
    let (options, settings) = base_options(config)?;
    let user = settings.dictionary.map(|f| (options.dictionary, f));
    let model = model::merge(stats, user)?;
    model.write(config.output.as_deref())?;
    Ok(Reporter::new(learned(&model), false).finish())
}

/// What a learned model's summary tells.
fn learned(model: &Model) -> Task {
    Task::Learn {
        links: model.links.len(),
        sample_documents: model.sample_documents,
        documents: model.documents,
        sample_pairs: model.sample_pairs,
    }
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
                // Whatever its document score: a pair refused in this pass would learn less
                // and score lower in the next (a feedback measured on fr-de, 0.44 → 0.31).
                Ok((doc, ..)) => sample.add(align::training_pairs(
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
            .map_or(0, |(doc, ..)| doc.source.len() + doc.target.len());
        progress.aligned(units);
        result
    };
    match pool {
        Some(pool) => pool.install(|| chunk.par_iter().map(process).collect()),
        None => chunk.iter().map(process).collect(),
    }
}

/// A document pair through the pipeline, what to tell the user about it, and whether it is no
/// translation (see [`crate::document::align_units`]).
type Processed = (AlignedDocument, Vec<Warning>, Option<Error>);

/// The whole pipeline for one pair. A side that cannot be read, has no sentence or more than
/// the aligner's bound is an error naming its file.
fn process_pair(pair: &DocumentPair, options: &Options, read: &ReadOptions) -> Result<Processed> {
    // The two sides at once on a pool thread (a long document is a few megabytes a side).
    let (source, target) = crate::parallel::both(
        || read_text(&pair.source, read),
        || read_text(&pair.target, read),
    );
    let (source, target) = (source?, target?);
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
    let (doc, unbalanced, unrelated) =
        align_units(pair.name.clone(), units, &origin, ["", ""], options)?;
    warnings.extend(unbalanced);
    Ok((doc, warnings, unrelated))
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
