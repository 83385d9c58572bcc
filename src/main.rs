//! The `bitext` binary: parse the command line, build a validated [`Config`], run, and turn
//! the outcome into an exit code.
//!
//! Exit codes: 0 success; 1 the corpus was written but some documents failed or had no
//! counterpart; 2 nothing was done (bad arguments, unreadable input, unwritable output).

mod cli;

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use bitext::{Config, Error, Splitter, corpus, normalize, split};
use clap::Parser;
use cli::{AlignArgs, Cli, Command, SplitArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Align(args) => align(args),
        Command::Split(args) => split_command(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("bitext: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn align(args: AlignArgs) -> anyhow::Result<ExitCode> {
    let mut config = Config::new(
        args.source,
        args.target,
        &args.source_lang,
        &args.target_lang,
        args.format,
        args.output,
        args.jobs,
        args.presplit,
        !args.quiet && io::stderr().is_terminal(),
    )?;
    config.units = args.units;
    config.explain = args.explain;
    config.learn = args.learn;
    config.dictionary = args.dictionary;
    let report = bitext::run(&config)?;
    if !args.quiet {
        eprintln!("{report}");
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn split_command(args: SplitArgs) -> anyhow::Result<ExitCode> {
    let text = match args.file.as_deref() {
        Some(path) if path.as_os_str() != "-" => corpus::read_document(path)?,
        _ => {
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .context("reading standard input")?;
            text
        }
    };
    let sentences = Splitter::new(&args.lang)
        .with_units(args.units)
        .split(&normalize::normalize(&text));
    let mut out = io::BufWriter::new(io::stdout().lock());
    write_sentences(&mut out, &sentences)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
