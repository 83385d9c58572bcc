//! The command line, parsed with clap. Validation happens in [`bitext::Config::new`].

use std::path::PathBuf;

use bitext::config::{OutputOptions, parse_size};
use bitext::corpus::ReadOptions;
use bitext::decode::InputEncoding;
use bitext::export::Format;
use bitext::export::read::Limits;
use bitext::filter::Filters;
use bitext::input::InputFormat;
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
    /// Align documents (two files, or two folders paired by name, or a JSON Lines stream on
    /// stdin) into a corpus.
    #[command(after_help = "Examples:
  bitext align fr/ en/ -o corpus.tmx                 folders paired by name, TMX 1.4
  bitext align fr/ en/ -o sheet.csv --excel          the review sheet, for Excel
  bitext align fr/ en/ -o train.moses --min-score 0.5 --dedupe
  bitext align a.fr.txt a.en.txt                     one pair, CSV on standard output
  bitext align --stdin --model m.json < docs.jsonl   a stream (JSON Lines) in and out")]
    Align(AlignArgs),
    /// Learn the word table a run starts from, as a model file for `align --model`: from two
    /// folders, or as a map (a shard's stats from stdin) and a reduce (stats merged).
    #[command(after_help = "Examples:
  bitext learn fr/ en/ -o model.json                        from two folders
  bitext learn --stdin < shard-0.jsonl > shard-0.stats      map: a shard's stats
  bitext learn --merge shard-0.stats shard-1.stats -o model.json   reduce, in input order")]
    Learn(LearnArgs),
    /// Write two folders' document pairs as JSON Lines (`doc` and the texts under their
    /// language codes), the input of `align --stdin` and `learn --stdin`.
    #[command(after_help = "Examples:
  bitext pack fr/ en/ -o docs.jsonl
  bitext pack fr/ en/ | bitext align --stdin -o corpus.tmx")]
    Pack(PackArgs),
    /// Split one document into sentences: one per line, a blank line between paragraphs.
    #[command(after_help = "Examples:
  bitext split --lang fr article.fr.txt
  bitext split --lang en --units clauses article.en.txt   the units align pairs
  cat article.fr.txt | bitext split --lang fr")]
    Split(SplitArgs),
    /// Convert a corpus between formats; a reviewed CSV sheet keeps its edits and drops the
    /// rows marked `reject`.
    #[command(after_help = "Examples:
  bitext convert reviewed.csv -o approved.tmx        the review loop, back to a corpus
  bitext convert corpus.tmx -o corpus.moses --min-score 0.9
  bitext convert other-tool.tmx -o out.jsonl --source-lang fr-FR --target-lang en-US")]
    Convert(ConvertArgs),
    /// Figures about a corpus: pairs, words and characters, beads by type, confidence and
    /// length-ratio histograms, the weakest documents.
    #[command(after_help = "Examples:
  bitext stats corpus.tmx
  bitext stats corpus.en-fr.fr --json                either file of a moses pair")]
    Stats(StatsArgs),
}

/// Where and how the corpus is written (shared by `align` and `convert`).
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output file (for moses the name before `.en-fr.fr`, for index a folder); the format
    /// follows its extension unless --format says. Default: stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Output format: tmx, csv, xlsx, jsonl, tsv, moses, index or html (default: from -o's
    /// extension, else csv).
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// CSV for Excel with French settings: UTF-8 BOM, `;` between fields, formulas guarded.
    #[arg(long)]
    pub excel: bool,
    /// Write 1-0 and 0-1 beads in tmx, moses and tsv too (csv, jsonl, index, html always do).
    #[arg(long)]
    pub keep_unaligned: bool,
    /// Drop pairs scoring below this (0 to 1).
    #[arg(long, value_name = "SCORE")]
    pub min_score: Option<f64>,
    /// Drop pairs with a side shorter than this many characters.
    #[arg(long, value_name = "N")]
    pub min_chars: Option<usize>,
    /// Drop pairs with a side longer than this many characters.
    #[arg(long, value_name = "N")]
    pub max_chars: Option<usize>,
    /// Drop pairs whose longer side has more than this many times the shorter's characters.
    #[arg(long, value_name = "RATIO")]
    pub max_length_ratio: Option<f64>,
    /// Drop pairs already written (same texts once spaces are folded).
    #[arg(long)]
    pub dedupe: bool,
}

impl OutputArgs {
    pub fn options(&self) -> OutputOptions {
        OutputOptions {
            excel: self.excel,
            keep_unaligned: self.keep_unaligned,
            filters: Filters {
                min_score: self.min_score,
                min_chars: self.min_chars,
                max_chars: self.max_chars,
                max_length_ratio: self.max_length_ratio,
                dedupe: self.dedupe,
            },
        }
    }
}

/// The encoding of what is read (`align` and `split`'s documents, `convert` and `stats`'s
/// corpus): declared once.
#[derive(Debug, Args)]
pub struct EncodingArgs {
    /// Encoding of the input: auto (UTF-8, else a guess of windows-1252, with a warning),
    /// utf-8, utf-16le, utf-16be, windows-1252, latin1, iso-8859-15 … A byte order mark
    /// always decides. Files bitext wrote (jsonl, tsv, moses) are read as UTF-8 under auto.
    #[arg(long, default_value = "auto", value_name = "ENCODING")]
    pub encoding: InputEncoding,
}

/// How documents are read (shared by `align` and `split`).
#[derive(Debug, Args)]
pub struct InputArgs {
    #[command(flatten)]
    pub encoding: EncodingArgs,
    /// Format of the documents: auto (by content and extension), text, html, docx, odt or pdf.
    #[arg(long, default_value = "auto", value_name = "FORMAT")]
    pub input_format: InputFormat,
    /// Larger documents are reported, not read (K, M, G: binary units).
    #[arg(long, default_value = "64M", value_name = "SIZE", value_parser = parse_size)]
    pub max_doc_bytes: u64,
}

impl InputArgs {
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            encoding: self.encoding.encoding,
            format: self.input_format,
            max_bytes: self.max_doc_bytes,
        }
    }
}

/// How a corpus file is read (`convert`, `stats`): its format, and how much of it.
#[derive(Debug, Args)]
pub struct CorpusInputArgs {
    /// Input format (default: from the input's extension; `NAME.en-fr.fr` is moses).
    #[arg(long, value_name = "FORMAT")]
    pub from: Option<Format>,
    /// Larger corpus files are refused, not read: they are read whole (K, M, G: binary units).
    #[arg(long, default_value = "4G", value_name = "SIZE", value_parser = parse_size)]
    pub max_corpus_bytes: u64,
    /// A longer record (a line, a sheet's row) is refused with its line.
    #[arg(long, default_value = "64M", value_name = "SIZE", value_parser = parse_size)]
    pub max_record_bytes: u64,
    #[command(flatten)]
    pub encoding: EncodingArgs,
}

impl CorpusInputArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_bytes: self.max_corpus_bytes,
            max_record_bytes: self.max_record_bytes,
            encoding: self.encoding.encoding,
        }
    }
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The corpus to read: csv or xlsx (a review sheet), jsonl, tmx, tsv, or one file
    /// of a moses pair.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub languages: LanguageArgs,
    #[command(flatten)]
    pub corpus: CorpusInputArgs,
    /// No summary.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The corpus: csv, jsonl, tmx, tsv, or one file of a moses pair.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// How many of the weakest documents to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub weakest: usize,
    #[command(flatten)]
    pub corpus: CorpusInputArgs,
}

/// The two languages (`align`, `learn`, `pack`, `convert`): they name the text columns and
/// keys, and choose the splitting rules.
#[derive(Debug, Args)]
pub struct LanguageArgs {
    /// Language of the source documents, a BCP 47 code (fr, fr-CA); for a corpus read back,
    /// the source side when the file does not name it (tsv) or names several.
    #[arg(long, default_value = "fr", value_name = "CODE")]
    pub source_lang: String,
    /// Language of the target documents, a BCP 47 code (en, en-GB).
    #[arg(long, default_value = "en", value_name = "CODE")]
    pub target_lang: String,
}

/// How documents are cut into units before they are aligned (`align`, `learn`).
#[derive(Debug, Args)]
pub struct CuttingArgs {
    /// Input is one sentence per line, blank line between paragraphs: do not split.
    #[arg(long)]
    pub presplit: bool,
    /// Units to align: clauses (sentences cut after `:` and `;`, list labels apart) or sentences.
    #[arg(long, default_value = "clauses", value_name = "UNITS")]
    pub units: Units,
}

/// Threads and what is shown while documents are aligned (`align`, `learn`).
#[derive(Debug, Args)]
pub struct RunningArgs {
    /// Threads for aligning document pairs in parallel (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// Source documents: a file, or a folder searched recursively.
    #[arg(value_name = "SOURCE", required_unless_present = "stdin")]
    pub source: Option<PathBuf>,
    /// Target documents (the translations): a file, or a folder.
    #[arg(value_name = "TARGET", required_unless_present = "stdin")]
    pub target: Option<PathBuf>,
    /// Read document pairs as JSON Lines on stdin (`{"doc":…,"fr":…,"en":…}` per line) and
    /// write each document's records as it is aligned, in input order (as JSON Lines unless
    /// --format or -o says otherwise).
    #[arg(long, conflicts_with_all = ["source", "target"])]
    pub stdin: bool,
    /// With --stdin: also write each failed document to FILE as a JSON line (its line in
    /// this input, name, reason and message), for pipelines that keep rejects as data.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// A model from `bitext learn`: the word table to start every document from, so that
    /// shards align as one run would.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["learn", "dictionary"])]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
    /// Stop at the first document that fails (unreadable, binary, empty, no counterpart …),
    /// writing nothing; by default it is reported and the rest is aligned.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub checks: CheckArgs,
    /// A document pair scoring below this (0 to 1) is not taken for a translation: named,
    /// counted as a problem, its pairs left out of tmx, moses and tsv and marked in csv, jsonl
    /// and html. 0 turns the check off.
    #[arg(long, value_name = "SCORE", default_value_t = bitext::align::MIN_DOC_SCORE)]
    pub min_doc_score: f64,
    #[command(flatten)]
    pub cutting: CuttingArgs,
    /// Add why each bead was chosen to JSONL output: its prior, length, paragraph, lexical and
    /// fragment costs (nats), its posterior and how many anchors its sides hold.
    #[arg(long)]
    pub explain: bool,
    /// Where the word table of the second pass is learned: the whole run (its first documents'
    /// confident pairs, and each document's own) or each document alone. Default: run;
    /// document with --stdin (a stream cannot look ahead).
    #[arg(long, value_name = "FROM")]
    pub learn: Option<Learn>,
    /// A bilingual word list to use as well, in hunalign's format: `target @ source` per line.
    #[arg(long, value_name = "FILE")]
    pub dictionary: Option<PathBuf>,
    #[command(flatten)]
    pub languages: LanguageArgs,
    #[command(flatten)]
    pub running: RunningArgs,
}

/// The checks of each document pair that can be turned off (`align`, `learn`).
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Do not refuse a side that looks like another language than --source-lang or
    /// --target-lang (for a pair of languages the identifier confuses).
    #[arg(long)]
    pub no_language_check: bool,
}

#[derive(Debug, Args)]
pub struct LearnArgs {
    /// SOURCE and TARGET, two folders (or files) to learn from; with --merge, stats files in
    /// input order (`-` is stdin).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Map: read a shard's document pairs as JSON Lines on stdin and write its stats.
    #[arg(long, conflicts_with = "merge")]
    pub stdin: bool,
    /// Reduce: merge the shards' stats, given in input order, into a model (the settings
    /// come from the stats; give the map's --dictionary again).
    #[arg(long)]
    pub merge: bool,
    /// Where the model (or the stats) go. Default: stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub cutting: CuttingArgs,
    #[command(flatten)]
    pub checks: CheckArgs,
    /// A bilingual word list the first pass aligns with, in hunalign's format; the model
    /// includes it.
    #[arg(long, value_name = "FILE")]
    pub dictionary: Option<PathBuf>,
    #[command(flatten)]
    pub languages: LanguageArgs,
    #[command(flatten)]
    pub running: RunningArgs,
}

#[derive(Debug, Args)]
pub struct PackArgs {
    /// Source documents: a file, or a folder searched recursively.
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,
    /// Target documents: a file, or a folder.
    #[arg(value_name = "TARGET")]
    pub target: PathBuf,
    /// Output file. Default: stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub languages: LanguageArgs,
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
    #[command(flatten)]
    pub input: InputArgs,
    /// The document to split; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_command_s_help_has_examples() {
        let mut cli = Cli::command();
        for sub in cli.get_subcommands_mut() {
            let help = sub.render_long_help().to_string();
            let name = sub.get_name().to_string();
            assert!(
                help.contains(&format!("Examples:\n  bitext {name} ")),
                "{name}: {help}"
            );
        }
    }

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
        assert_eq!(args.output.format, Some(Format::Jsonl));
        assert_eq!(args.running.jobs, Some(2));
        assert_eq!(args.languages.source_lang, "fr");
        assert_eq!(args.input.options(), ReadOptions::default());
        assert!(!args.strict);
    }

    #[test]
    fn parses_encoding_size_and_strict() {
        let cli = Cli::parse_from([
            "bitext",
            "align",
            "fr",
            "en",
            "--encoding",
            "latin1",
            "--max-doc-bytes",
            "2K",
            "--strict",
        ]);
        let Command::Align(args) = cli.command else {
            panic!("not align")
        };
        assert_eq!(args.input.max_doc_bytes, 2048);
        assert_eq!(args.input.encoding.encoding.to_string(), "windows-1252");
        let cli = Cli::parse_from(["bitext", "convert", "s.csv", "--encoding", "utf-16"]);
        let Command::Convert(convert) = cli.command else {
            panic!("not convert")
        };
        assert_eq!(convert.corpus.limits().encoding.to_string(), "UTF-16LE");
        assert!(args.strict);
        assert!(Cli::try_parse_from(["bitext", "split", "--encoding", "x"]).is_err());
    }

    #[test]
    fn stats_limits_default_to_the_library_s() {
        let cli = Cli::parse_from(["bitext", "stats", "c.tsv"]);
        let Command::Stats(args) = cli.command else {
            panic!("not stats")
        };
        assert_eq!(args.corpus.limits(), Limits::default());
    }

    #[test]
    fn stdin_replaces_the_inputs_and_a_model_the_learning() {
        let cli = Cli::parse_from(["bitext", "align", "--stdin", "--model", "m.json"]);
        let Command::Align(args) = cli.command else {
            panic!("not align")
        };
        assert!(args.stdin && args.source.is_none());
        assert!(Cli::try_parse_from(["bitext", "align", "fr"]).is_err());
        assert!(Cli::try_parse_from(["bitext", "align", "--stdin", "fr", "en"]).is_err());
        let both = [
            "bitext", "align", "--stdin", "--model", "m", "--learn", "run",
        ];
        assert!(Cli::try_parse_from(both).is_err());
    }
}
