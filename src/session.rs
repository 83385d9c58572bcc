//! One output session, the lifecycle every command that writes a corpus shares (folder runs,
//! `align --stdin`, `convert`): problems said on stderr and counted by reason, `--strict`
//! ending the run at the first, documents written in order, the files committed all or none
//! at the end, and the [`Report`] of it all. The drivers only feed it documents.
//!
//! It also holds the checks of an output against the inputs, made before anything is written,
//! and the one [`Report`] type whose summary each command prints.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::ProgressBar;

use crate::AlignedDocument;
use crate::config::{Config, OutputOptions};
use crate::error::{Error, Result, Warning};
use crate::export::{self, Exporter, Format, LOW_CONFIDENCE, Languages, Record, WriterOptions};
use crate::filter::Removed;

/// What a command did: the figures of its closing summary and the documents that failed.
#[derive(Debug, Default)]
pub struct Report {
    /// Which command: it says what the summary tells.
    pub(crate) task: Task,
    pub(crate) documents: usize,
    /// Units aligned on each side: clauses or sentences, as `--units` says.
    pub(crate) source_units: usize,
    pub(crate) target_units: usize,
    /// Beads by shape (`"1-1"`, `"2-1"` …), sorted.
    pub(crate) beads: BTreeMap<String, usize>,
    pub(crate) low_confidence: usize,
    /// Records written (beads the format keeps and the filters let through).
    pub(crate) written: usize,
    /// Pairs the training-data filters removed.
    pub(crate) removed: Removed,
    /// Unpaired files and documents that could not be aligned; the rest were written.
    pub(crate) problems: Vec<Error>,
    /// What was said about documents that were aligned all the same (a guessed encoding …).
    pub(crate) warnings: Vec<Warning>,
    pub(crate) elapsed: Duration,
}

/// The command a [`Report`] is about, with the figures only it has.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum Task {
    /// `align`, of folders or a stream.
    #[default]
    Align,
    /// `convert`: records read (rejected rows not counted), review-sheet rows marked `reject`.
    Convert { read: usize, rejected: usize },
    /// `learn` of folders or `--merge`: the model's word pairs, the documents it learned
    /// from out of all, and their confident pairs.
    Learn {
        links: usize,
        sample_documents: usize,
        documents: usize,
        sample_pairs: usize,
    },
    /// `learn --stdin`, `pack`: their output is for another program; no summary line (its
    /// text is only the problems and warnings counted).
    Feed,
}

impl Report {
    /// An empty report of `task`.
    pub fn of(task: Task) -> Self {
        Self {
            task,
            ..Self::default()
        }
    }

    /// Counts an aligned document.
    pub(crate) fn add(&mut self, doc: &AlignedDocument) {
        self.documents += 1;
        self.source_units += doc.source.len();
        self.target_units += doc.target.len();
        for bead in &doc.alignment.beads {
            *self.beads.entry(bead.kind()).or_default() += 1;
            self.low_confidence += usize::from(bead.score < LOW_CONFIDENCE);
        }
    }

    /// The closing line for stderr (unless `--quiet`), if the command has one.
    pub fn summary(&self) -> Option<String> {
        match self.task {
            Task::Feed => None,
            _ => Some(self.to_string()),
        }
    }

    /// The process's exit code: 0 when nothing failed, 1 when some documents did (each was
    /// named on stderr); 2, nothing done, is an `Err` instead of a report.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.problems.is_empty())
    }

    fn fmt_aligned(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.task {
            Task::Align => self.fmt_aligned(f),
            Task::Feed => write!(
                f,
                "{} problem(s){}; {} warning(s).",
                self.problems.len(),
                by_reason(&self.problems),
                self.warnings.len()
            ),
            Task::Convert { read, rejected } => {
                let removed = match self.removed.total() {
                    0 => String::new(),
                    n => format!(", {n} removed by filters ({})", self.removed),
                };
                write!(
                    f,
                    "Converted {read} record(s) ({rejected} rejected in review): {} \
                     written{removed}.",
                    self.written
                )
            }
            Task::Learn {
                links,
                sample_documents,
                documents,
                sample_pairs,
            } => write!(
                f,
                "Learned {links} word pair(s) from the first {sample_documents} of {documents} \
                 document pair(s) ({sample_pairs} confident pair(s))."
            ),
        }
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

/// A line on stderr, above the progress bar; a stderr that cannot be written to is no reason
/// to stop a run.
pub(crate) fn say(progress: &ProgressBar, message: &dyn fmt::Display) {
    progress.suspend(|| {
        let _ = writeln!(
            io::stderr().lock(),
            "{}",
            crate::error::terminal_line(message)
        );
    });
}

/// A command's report as it is made, before (or without) an output: each problem and warning
/// said on stderr as it comes and counted.
pub(crate) struct Reporter {
    report: Report,
    /// `--strict`: the first problem ends the command.
    strict: bool,
    /// The bar messages are said above (hidden when there is none).
    progress: ProgressBar,
    started: Instant,
}

impl Reporter {
    /// Starts the clock of a `task`'s report.
    pub(crate) fn new(task: Task, strict: bool) -> Self {
        Self {
            report: Report::of(task),
            strict,
            progress: ProgressBar::hidden(),
            started: Instant::now(),
        }
    }

    /// Messages go above `progress` from now on.
    pub(crate) fn show(&mut self, progress: &ProgressBar) {
        self.progress = progress.clone();
    }

    /// A document that failed: said and counted, or with `--strict` the end of the command
    /// (the error is the caller's to return, and nothing is written to `-o`).
    pub(crate) fn problem(&mut self, problem: Error) -> Result<()> {
        if self.strict {
            self.progress.finish_and_clear();
            return Err(problem);
        }
        say(&self.progress, &problem);
        self.report.problems.push(problem);
        Ok(())
    }

    /// Something said about a document aligned all the same.
    pub(crate) fn warning(&mut self, warning: Warning) {
        say(&self.progress, &warning);
        self.report.warnings.push(warning);
    }

    /// The report, its time taken.
    pub(crate) fn finish(mut self) -> Report {
        self.progress.finish_and_clear();
        self.report.elapsed = self.started.elapsed();
        self.report
    }
}

/// Where a session writes: the format, the path (`None`: standard output), and how.
pub(crate) struct Destination<'a> {
    pub(crate) format: Format,
    pub(crate) output: Option<&'a Path>,
    pub(crate) languages: Languages,
    pub(crate) explain: bool,
    pub(crate) options: &'a OutputOptions,
    /// Flush after each document: a stream's consumer waits for it.
    pub(crate) flush: bool,
}

impl<'a> Destination<'a> {
    /// Where `bitext align` writes, as configured; a stream is flushed after each document.
    pub(crate) fn of(config: &'a Config) -> Self {
        Self {
            format: config.format,
            output: config.output.as_deref(),
            languages: config.languages.clone(),
            explain: config.explain,
            options: &config.output_options,
            flush: config.stdin,
        }
    }
}

/// An output being written, and the report of the command writing it.
pub(crate) struct Session {
    reporter: Reporter,
    exporter: Exporter,
    output: PathBuf,
    flush: bool,
}

impl Session {
    /// Opens the output (its header written, to a temporary file when it has a path).
    pub(crate) fn open(reporter: Reporter, to: Destination<'_>) -> Result<Self> {
        let output = to.output.unwrap_or(Path::new("<stdout>")).to_path_buf();
        let writer_options = WriterOptions {
            languages: to.languages,
            explain: to.explain,
            excel: to.options.excel,
        };
        let exporter = Exporter::new(
            to.format,
            to.output,
            &writer_options,
            to.options.filters.clone(),
            to.options.keep_unaligned,
        )
        .map_err(|e| Error::io(&output, e))?;
        Ok(Self {
            reporter,
            exporter,
            output,
            flush: to.flush,
        })
    }

    /// A document's outcome: its warnings said and its records written, or its problem
    /// handled (see [`Reporter::problem`]).
    /// A document that is no translation (`unrelated`) is a problem too, but its records are
    /// written, marked, for the formats that keep them for review.
    pub(crate) fn document(
        &mut self,
        result: Result<(AlignedDocument, Vec<Warning>, Option<Error>)>,
    ) -> Result<()> {
        let (doc, warnings, unrelated) = match result {
            Ok(aligned) => aligned,
            Err(problem) => return self.reporter.problem(problem),
        };
        for warning in warnings {
            self.reporter.warning(warning);
        }
        let mut records = export::records(&doc);
        if let Some(problem) = unrelated {
            self.reporter.problem(problem)?;
            for record in &mut records {
                if let Some(doc_score) = &mut record.doc_score {
                    doc_score.refused = true;
                }
            }
        }
        self.records(&doc.name, records)?;
        self.reporter.report.add(&doc);
        Ok(())
    }

    /// Writes a document's records (those the format and the filters keep).
    pub(crate) fn records(&mut self, doc: &str, records: Vec<Record>) -> Result<()> {
        let io_err = |e| Error::io(&self.output, e);
        self.reporter.report.written += self.exporter.write(doc, records).map_err(io_err)?;
        if self.flush {
            self.exporter.flush().map_err(io_err)?;
        }
        Ok(())
    }

    /// Closes the output and renames its files into place, all or none; the report.
    pub(crate) fn finish(self) -> Result<Report> {
        let io_err = |e| Error::io(&self.output, e);
        let (removed, files) = self.exporter.finish().map_err(io_err)?;
        export::output::commit_all(files).map_err(io_err)?;
        let mut report = self.reporter.finish();
        report.removed = removed;
        Ok(report)
    }
}

/// Writing a corpus over one of the documents would destroy it: an output file that is one
/// of `inputs`, or an output folder (`--format index`) that holds one, is refused.
pub(crate) fn refuse_to_overwrite_an_input<'a>(
    output: &Path,
    mut inputs: impl Iterator<Item = &'a PathBuf>,
) -> Result<()> {
    let Ok(output) = output.canonicalize() else {
        return Ok(()); // a file that does not exist yet is no input
    };
    let is_output = |p: &&PathBuf| p.canonicalize().is_ok_and(|p| p.starts_with(&output));
    match inputs.find(is_output) {
        Some(input) => Err(Error::OutputIsInput {
            path: input.clone(),
        }),
        None => Ok(()),
    }
}

/// A corpus written inside an input folder would be read as a document by the next run (and
/// by this one, for a file written there before): refused, naming both. Links are resolved;
/// a device (`/dev/null`) is no folder's file.
pub(crate) fn refuse_output_in_an_input(output: &Path, inputs: [&Path; 2]) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

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

    #[test]
    fn strict_makes_the_first_problem_the_end() {
        let problem = || Error::Empty {
            path: "fr/a.txt".into(),
        };
        let mut lenient = Reporter::new(Task::Align, false);
        assert!(lenient.problem(problem()).is_ok());
        let report = lenient.finish();
        assert_eq!((report.problems.len(), report.exit_code()), (1, 1));
        assert!(report.summary().unwrap().contains("1 problem(s) (1 empty)"));
        let mut strict = Reporter::new(Task::Align, true);
        assert!(strict.problem(problem()).is_err());
        assert!(strict.finish().problems.is_empty());
    }

    /// A session writing JSON Lines to `path`.
    fn session(path: &Path, strict: bool, options: &OutputOptions) -> Session {
        let languages = Languages {
            source: "fr".into(),
            target: "en".into(),
        };
        let to = Destination {
            format: Format::Jsonl,
            output: Some(path),
            languages,
            explain: false,
            options,
            flush: false,
        };
        Session::open(Reporter::new(Task::Align, strict), to).unwrap()
    }

    #[test]
    fn a_session_writes_all_or_with_strict_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let options = OutputOptions::default();
        let doc = crate::align_texts(
            "a",
            "Un. Deux.",
            "One. Two.",
            &crate::Options::new("fr", "en"),
        );
        let empty = || {
            Err(Error::Empty {
                path: "fr/b.txt".into(),
            })
        };
        let path = dir.path().join("c.jsonl");
        let mut lenient = session(&path, false, &options);
        lenient
            .document(Ok((doc.clone(), Vec::new(), None)))
            .unwrap();
        lenient.document(empty()).unwrap();
        let report = lenient.finish().unwrap();
        assert_eq!(
            (report.documents, report.written, report.problems.len()),
            (1, 2, 1)
        );
        assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 2);
        let path = dir.path().join("strict.jsonl");
        let mut strict = session(&path, true, &options);
        strict.document(Ok((doc, Vec::new(), None))).unwrap();
        assert!(strict.document(empty()).is_err());
        drop(strict);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "c.jsonl alone"
        );
    }

    #[test]
    fn feeds_have_no_summary_and_conversions_their_own() {
        assert_eq!(Report::of(Task::Feed).summary(), None);
        let report = Report {
            written: 3,
            ..Report::of(Task::Convert {
                read: 4,
                rejected: 1,
            })
        };
        assert_eq!(
            report.summary().unwrap(),
            "Converted 4 record(s) (1 rejected in review): 3 written."
        );
    }
}
