//! The command line, parsed with clap. Validation happens in [`bitext::Config::new`].

use std::path::PathBuf;

use bitext::export::Format;
use bitext::{Learn, Units};
use clap::{Args, Parser, Subcommand};

/// Sentence-aligned bilingual corpora from documents and their translations.
#[derive(Debug, Parser)]
#[command(name = "bitext", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Align documents (two files, or two folders paired by name) into a corpus.
    Align(AlignArgs),
    /// Split one document into sentences: one per line, a blank line between paragraphs.
    Split(SplitArgs),
}

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// Source documents: a file, or a folder searched recursively.
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,
    /// Target documents (the translations): a file, or a folder.
    #[arg(value_name = "TARGET")]
    pub target: PathBuf,
    /// Output file; the format follows its extension unless --format says. Default: stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format: tmx, csv or jsonl (default: from -o's extension, else csv).
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Input is one sentence per line, blank line between paragraphs: do not split.
    #[arg(long)]
    pub presplit: bool,
    /// Units to align: clauses (sentences cut after `:` and `;`, list labels apart) or sentences.
    #[arg(long, default_value = "clauses", value_name = "UNITS")]
    pub units: Units,
    /// Add why each bead was chosen to JSONL output: its prior, length, paragraph, lexical and
    /// fragment costs (nats).
    #[arg(long)]
    pub explain: bool,
    /// Where the word table of the second pass is learned: the whole run (its first documents'
    /// confident pairs, and each document's own) or each document alone.
    #[arg(long, default_value = "run", value_name = "FROM")]
    pub learn: Learn,
    /// A bilingual word list to use as well, in hunalign's format: `target @ source` per line.
    #[arg(long, value_name = "FILE")]
    pub dictionary: Option<PathBuf>,
    /// Language of the source documents (ISO 639-1).
    #[arg(long, default_value = "fr", value_name = "CODE")]
    pub source_lang: String,
    /// Language of the target documents (ISO 639-1).
    #[arg(long, default_value = "en", value_name = "CODE")]
    pub target_lang: String,
    /// Threads for aligning document pairs in parallel (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct SplitArgs {
    /// Language rules to split with (fr, en; another code gets generic rules).
    #[arg(short, long, default_value = "fr", value_name = "CODE")]
    pub lang: String,
    /// Units to cut into: sentences, or clauses (sentences also cut after `:` and `;`, as
    /// `align` does by default).
    #[arg(long, default_value = "sentences", value_name = "UNITS")]
    pub units: Units,
    /// The document to split; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_align_with_format() {
        let cli = Cli::parse_from([
            "bitext", "align", "fr", "en", "--format", "jsonl", "-j", "2",
        ]);
        let Command::Align(args) = cli.command else {
            panic!("not align")
        };
        assert_eq!(args.format, Some(Format::Jsonl));
        assert_eq!(args.jobs, Some(2));
        assert_eq!(args.source_lang, "fr");
    }
}
