//! The `bitext` binary: parse the command line, build a validated [`Config`], run, print the
//! [`Report`]'s summary (unless `--quiet`) and exit with its code; the library decides both.
//!
//! Exit codes: 0 success; 1 the corpus was written but some documents failed or had no
//! counterpart; 2 nothing was done (bad arguments, unreadable input, unwritable output, or a
//! document failed under `--strict`); 130 interrupted (Ctrl-C), nothing written.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use bitext::config::Request;
use bitext::convert::{convert, input_format, read_checked};
use bitext::error::terminal_line;
use bitext::export::{Format, Languages, output};
use bitext::stats::Stats;
use bitext::{Config, Error, Report, Splitter, Task, Warning, corpus, normalize, split, stream};
use clap::Parser;
use cli::{AlignArgs, Cli, Command, ConvertArgs, LearnArgs, PackArgs, SplitArgs, StatsArgs};

/// The exit code after Ctrl-C (128 + SIGINT, as shells report it).
const INTERRUPTED: i32 = 130;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C (or SIGTERM, SIGHUP) would end the process without running destructors: the
    // handler removes the run's temporary files itself. Without a handler a signal still
    // leaves no corpus half-written, only hidden `.bitext-*.part` files.
    let _ = ctrlc::set_handler(|| output::remove_pending_and_exit(INTERRUPTED));
    let result = match cli.command {
        Command::Align(args) => align(args),
        Command::Learn(args) => learn_command(args),
        Command::Pack(args) => pack_command(args),
        Command::Split(args) => split_command(args),
        Command::Convert(args) => convert_command(args),
        Command::Stats(args) => stats_command(args),
    };
    match result {
        Ok(Done { report, quiet }) => {
            if let Some(summary) = report.summary().filter(|_| !quiet) {
                let _ = writeln!(io::stderr().lock(), "{summary}");
            }
            ExitCode::from(report.exit_code())
        }
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            say(&format_args!("error: {err:#}"));
            ExitCode::from(2)
        }
    }
}

/// What a command leaves to the end: its report, and whether its summary is printed.
struct Done {
    report: Report,
    /// `--quiet`: no summary.
    quiet: bool,
}

impl Done {
    /// A command with nothing to sum up or count (`split`, `stats`).
    fn nothing() -> anyhow::Result<Self> {
        Ok(Done {
            report: Report::of(Task::Feed),
            quiet: true,
        })
    }
}

fn align(args: AlignArgs) -> anyhow::Result<Done> {
    let stdin = PathBuf::from("-");
    let rejects = args.rejects.clone();
    if rejects.is_some() && !args.stdin {
        anyhow::bail!("--rejects goes with --stdin (a folder run names its failures on stderr)");
    }
    // A stream's records go on as JSON Lines unless told otherwise.
    let format = match (args.stdin, args.output.format, &args.output.output) {
        (true, None, None) => Some(Format::Jsonl),
        (_, format, _) => format,
    };
    let config = Config::new(Request {
        source: args.source.unwrap_or_else(|| stdin.clone()),
        target: args.target.unwrap_or(stdin),
        source_lang: args.languages.source_lang,
        target_lang: args.languages.target_lang,
        format,
        output: args.output.output.clone(),
        jobs: args.running.jobs,
        presplit: args.cutting.presplit,
        units: args.cutting.units,
        explain: args.explain,
        progress: !args.running.quiet && io::stderr().is_terminal(),
        learn: args.learn,
        dictionary: args.dictionary,
        model: args.model,
        stdin: args.stdin,
        output_options: args.output.options(),
        read: args.input.options(),
        strict: args.strict,
        language_check: !args.checks.no_language_check,
        min_doc_score: args.min_doc_score,
    })?;
    let report = if config.stdin {
        stream::align_rejecting(&config, io::stdin().lock(), rejects.as_deref())?
    } else {
        bitext::run(&config)?
    };
    let quiet = args.running.quiet;
    Ok(Done { report, quiet })
}

fn learn_command(args: LearnArgs) -> anyhow::Result<Done> {
    let folders = !args.stdin && !args.merge;
    let (source, target) = match (folders, args.inputs.as_slice()) {
        (true, [source, target]) => (source.clone(), target.clone()),
        (true, _) => anyhow::bail!("give SOURCE and TARGET, or --stdin, or --merge STATS…"),
        (false, inputs) if args.stdin && !inputs.is_empty() => {
            anyhow::bail!("--stdin reads documents from stdin: give no INPUT")
        }
        (false, _) => ("-".into(), "-".into()),
    };
    let config = Config::new(Request {
        source,
        target,
        source_lang: args.languages.source_lang,
        target_lang: args.languages.target_lang,
        format: Some(Format::Jsonl),
        output: args.output,
        jobs: args.running.jobs,
        presplit: args.cutting.presplit,
        units: args.cutting.units,
        progress: !args.running.quiet && io::stderr().is_terminal(),
        dictionary: args.dictionary,
        stdin: args.stdin,
        language_check: !args.checks.no_language_check,
        ..Request::default()
    })?;
    let report = if args.stdin {
        stream::learn(&config, io::stdin().lock())?
    } else if args.merge {
        let stats = match args.inputs.as_slice() {
            [] => vec![PathBuf::from("-")],
            inputs => inputs.to_vec(),
        };
        bitext::run::merge(&config, &stats)?
    } else {
        bitext::run::learn(&config)?
    };
    let quiet = args.running.quiet;
    Ok(Done { report, quiet })
}

fn pack_command(args: PackArgs) -> anyhow::Result<Done> {
    let config = Config::new(Request {
        source: args.source,
        target: args.target,
        source_lang: args.languages.source_lang,
        target_lang: args.languages.target_lang,
        format: Some(Format::Jsonl),
        output: args.output,
        jobs: Some(1),
        ..Request::default()
    })?;
    let report = stream::pack(&config)?;
    Ok(Done {
        report,
        quiet: true,
    })
}

fn split_command(args: SplitArgs) -> anyhow::Result<Done> {
    let options = args.input.options();
    let decoded = match args.file.as_deref() {
        Some(path) if path.as_os_str() != "-" => corpus::read_text(path, &options)?,
        _ => corpus::read_stdin(&options)?,
    };
    if let Some(encoding) = decoded.guessed {
        let path = args.file.clone().unwrap_or_else(|| "<stdin>".into());
        say(&Warning::GuessedEncoding { path, encoding });
    }
    let text = decoded.text;
    let sentences = Splitter::new(&args.lang)
        .with_units(args.units)
        .split(&normalize::normalize(&text));
    let mut out = io::BufWriter::new(io::stdout().lock());
    write_sentences(&mut out, &sentences)?;
    out.flush()?;
    Done::nothing()
}

fn convert_command(args: ConvertArgs) -> anyhow::Result<Done> {
    let from = input_format_of(&args.input, args.corpus.from)?;
    let output = args.output.output.as_deref();
    let to = match (args.output.format, output) {
        (Some(f), _) => f,
        (None, Some(path)) => input_format(path).with_context(|| {
            format!("cannot tell the format of {}: use --format", path.display())
        })?,
        (None, None) => anyhow::bail!("give -o FILE or --format"),
    };
    let options = args.output.options();
    options.validate(to, output)?;
    let languages = Languages {
        source: args.languages.source_lang,
        target: args.languages.target_lang,
    };
    let report = convert(
        &args.input,
        from,
        to,
        output,
        &options,
        &languages,
        &args.corpus.limits(),
    )?;
    let quiet = args.quiet;
    Ok(Done { report, quiet })
}

fn stats_command(args: StatsArgs) -> anyhow::Result<Done> {
    let from = input_format_of(&args.input, args.corpus.from)?;
    let fallback = Languages {
        source: "fr".into(),
        target: "en".into(),
    };
    let corpus = read_checked(&args.input, from, &fallback, &args.corpus.limits())?;
    for warning in &corpus.warnings {
        say(warning);
    }
    let stats = Stats::new(&corpus.languages, &corpus.records, args.weakest);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        write!(out, "{stats}")?;
    }
    out.flush()?;
    Done::nothing()
}

fn input_format_of(
    input: &std::path::Path,
    given: Option<bitext::export::Format>,
) -> anyhow::Result<bitext::export::Format> {
    given
        .or_else(|| input_format(input))
        .with_context(|| format!("cannot tell the format of {}: use --from", input.display()))
}

/// A line on stderr; one that cannot be written is not worth a panic.
fn say(message: &dyn std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "{}", terminal_line(message));
}

/// One sentence per line, a blank line between paragraphs: `--presplit` reads it back.
fn write_sentences(out: &mut impl Write, sentences: &[split::Sentence]) -> io::Result<()> {
    for (k, sentence) in sentences.iter().enumerate() {
        if k > 0 && sentences[k - 1].paragraph != sentence.paragraph {
            writeln!(out)?;
        }
        writeln!(out, "{}", sentence.text)?;
    }
    Ok(())
}

/// A closed pipe (`bitext … | head`) is not an error worth a message.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = match cause.downcast_ref::<Error>() {
            Some(Error::Io { error, .. }) => Some(error),
            _ => cause.downcast_ref::<io::Error>(),
        };
        io.is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
