//! A validated run configuration: everything [`crate::run()`] needs, checked before any work.

use std::path::{Path, PathBuf};

use crate::corpus::ReadOptions;
use crate::export::{Format, Languages};
use crate::filter::Filters;
use crate::split::Units;

/// What `bitext align` was asked to do, after validation.
#[derive(Debug, Clone)]
pub struct Config {
    /// Source documents: a file or a folder.
    pub(crate) source: PathBuf,
    /// Target documents: a file or a folder (the same kind as `source`).
    pub(crate) target: PathBuf,
    pub(crate) languages: Languages,
    /// Input is one sentence per line, blank line between paragraphs: do not split.
    pub(crate) presplit: bool,
    /// What the documents are cut into before alignment.
    pub(crate) units: Units,
    /// Add each bead's cost breakdown to the output (JSON Lines).
    pub(crate) explain: bool,
    pub(crate) format: Format,
    /// Where the corpus goes; `None` is standard output.
    pub(crate) output: Option<PathBuf>,
    /// Threads; 1 is an exact serial path with no thread pool.
    pub(crate) jobs: usize,
    /// Show a progress bar (the caller checks stderr is a terminal).
    pub(crate) progress: bool,
    /// Where the aligner's word table comes from besides each document itself.
    pub(crate) learn: Learn,
    /// A bilingual word list in hunalign's format (`target @ source` per line).
    pub(crate) dictionary: Option<PathBuf>,
    /// A model from `bitext learn`: the word table every document starts from, instead of
    /// learning one from this run.
    pub(crate) model: Option<PathBuf>,
    /// Documents come as JSON Lines on standard input (`source` and `target` unused).
    pub stdin: bool,
    /// How the corpus is written besides its format.
    pub(crate) output_options: OutputOptions,
    /// How documents are read: their encoding and the largest accepted.
    pub(crate) read: ReadOptions,
    /// Stop at the first document that fails, writing nothing, instead of reporting it and
    /// aligning the rest.
    pub(crate) strict: bool,
    /// Refuse a side clearly in another language than the one given (see `crate::language`).
    pub(crate) language_check: bool,
    /// Documents scoring below this are not taken for translations (see
    /// [`crate::align::MIN_DOC_SCORE`]).
    pub(crate) min_doc_score: f64,
}

/// Output choices shared by `align` and `convert`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutputOptions {
    /// CSV for Excel with French settings (BOM, `;`, formulas guarded).
    pub excel: bool,
    /// Write 1-0 and 0-1 beads in formats that leave them out (tmx, moses, tsv).
    pub keep_unaligned: bool,
    pub filters: Filters,
}

impl OutputOptions {
    /// Checks the choices against the format.
    pub fn validate(&self, format: Format, output: Option<&Path>) -> Result<(), ConfigError> {
        if self.excel && format != Format::Csv {
            return Err(ConfigError::ExcelNeedsCsv(format.name()));
        }
        if format.needs_output_path() && output.is_none() {
            return Err(ConfigError::NeedsOutput(format.name()));
        }
        let f = &self.filters;
        let bad_ratio = f.max_length_ratio.is_some_and(|r| r.is_nan() || r < 1.0);
        let bad_score = f.min_score.is_some_and(|s| !(0.0..=1.0).contains(&s));
        if bad_ratio || bad_score {
            return Err(ConfigError::BadFilter);
        }
        Ok(())
    }
}

/// What the second alignment pass learns its word table from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Learn {
    /// The confident beads of the whole run (its first documents, up to a sample size) and of
    /// each document.
    #[default]
    Run,
    /// Each document alone: its alignment does not depend on the rest of the run.
    Document,
}

impl std::str::FromStr for Learn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "run" => Ok(Learn::Run),
            "document" | "doc" => Ok(Learn::Document),
            _ => Err(format!("unknown --learn {s:?} (expected run or document)")),
        }
    }
}

/// Why a configuration was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("source and target language are both {0:?}: give two different codes")]
    SameLanguage(String),
    #[error(
        "{0:?} is not a language code (expected a BCP 47 tag: letters, digits and `-`, \
         e.g. fr, en, de, fr-FR, zh-Hant-TW)"
    )]
    BadLanguage(String),
    #[error(
        "language code {0:?} is also the name of a column of the output ({columns}): give \
         another code (for Indonesian: ind or id-ID)",
        columns = COLUMNS.join(", ")
    )]
    ColumnLanguage(String),
    #[error("cannot tell the format of {}: use --format (tmx, csv, xlsx, jsonl, tsv, moses, index, html)", .0.display())]
    UnknownFormat(PathBuf),
    #[error("--min-doc-score takes a score from 0 to 1")]
    BadDocScore,
    #[error("--jobs must be at least 1")]
    NoJobs,
    #[error("output {} is one of the inputs: refusing to write over it", .0.display())]
    OutputIsInput(PathBuf),
    #[error("--excel is for the csv review sheet, not {0}")]
    ExcelNeedsCsv(&'static str),
    #[error("{0} writes several files: give -o NAME")]
    NeedsOutput(&'static str),
    #[error("--learn run needs the whole run: with --stdin give a --model made by `bitext learn`")]
    StreamLearnsRun,
    #[error("--min-score takes a score from 0 to 1, --max-length-ratio a ratio of at least 1")]
    BadFilter,
}

/// What a command asks for, as parsed: [`Config::new`] checks it and fills the defaults.
/// Callers build it as one struct literal, `..Request::default()` for what they do not take.
#[derive(Debug, Clone)]
pub struct Request {
    pub source: PathBuf,
    pub target: PathBuf,
    pub source_lang: String,
    pub target_lang: String,
    /// `None`: from the output's extension, else CSV.
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    /// `None`: every core.
    pub jobs: Option<usize>,
    pub presplit: bool,
    pub units: Units,
    pub explain: bool,
    pub progress: bool,
    /// `None`: the whole run, or each document alone for a stream.
    pub learn: Option<Learn>,
    pub dictionary: Option<PathBuf>,
    pub model: Option<PathBuf>,
    pub stdin: bool,
    pub output_options: OutputOptions,
    pub read: ReadOptions,
    pub strict: bool,
    /// `false`: `--no-language-check`.
    pub language_check: bool,
    pub min_doc_score: f64,
}

impl Default for Request {
    /// French into English, clauses, every default of `bitext align`.
    fn default() -> Self {
        Self {
            source: PathBuf::new(),
            target: PathBuf::new(),
            source_lang: "fr".into(),
            target_lang: "en".into(),
            format: None,
            output: None,
            jobs: None,
            presplit: false,
            units: Units::Clauses,
            explain: false,
            progress: false,
            learn: None,
            dictionary: None,
            model: None,
            stdin: false,
            output_options: OutputOptions::default(),
            read: ReadOptions::default(),
            strict: false,
            language_check: true,
            min_doc_score: crate::align::MIN_DOC_SCORE,
        }
    }
}

impl Config {
    /// Checks a [`Request`] and fills its defaults: the format comes from `format`, else from
    /// the output's extension, else CSV (on standard output); the word table from the whole
    /// run, or for a stream (which cannot look ahead at "the run's first documents") from each
    /// document alone.
    pub fn new(request: Request) -> Result<Self, ConfigError> {
        let languages = Languages {
            source: language_code(&request.source_lang)?,
            target: language_code(&request.target_lang)?,
        };
        check_languages(&languages)?;
        let format = match (request.format, &request.output) {
            (Some(f), _) => f,
            (None, Some(path)) => {
                Format::from_path(path).ok_or_else(|| ConfigError::UnknownFormat(path.clone()))?
            }
            (None, None) => Format::Csv,
        };
        request
            .output_options
            .validate(format, request.output.as_deref())?;
        if !(0.0..=1.0).contains(&request.min_doc_score) {
            return Err(ConfigError::BadDocScore);
        }
        let jobs = match request.jobs {
            Some(0) => return Err(ConfigError::NoJobs),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        if let Some(out) = &request.output
            && [&request.source, &request.target]
                .iter()
                .any(|input| same_file(out, input))
        {
            return Err(ConfigError::OutputIsInput(out.clone()));
        }
        let learn = match (request.learn, request.stdin) {
            (Some(Learn::Run), true) => return Err(ConfigError::StreamLearnsRun),
            (Some(learn), _) => learn,
            (None, true) => Learn::Document,
            (None, false) => Learn::Run,
        };
        Ok(Self {
            source: request.source,
            target: request.target,
            languages,
            presplit: request.presplit,
            units: request.units,
            explain: request.explain,
            format,
            output: request.output,
            jobs,
            progress: request.progress,
            learn,
            dictionary: request.dictionary,
            model: request.model,
            stdin: request.stdin,
            output_options: request.output_options,
            read: request.read,
            strict: request.strict,
            language_check: request.language_check,
            min_doc_score: request.min_doc_score,
        })
    }
}

/// A size in bytes as users write it: `1000`, `64K`, `64M`, `1G` (binary units, so `64M` is
/// 64 MiB; `KB`, `MiB` … are accepted too).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => {
            return Err(format!(
                "{text:?}: expected a size such as 1000, 64K, 64M or 1G"
            ));
        }
    };
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?}: expected a size such as 1000, 64K, 64M or 1G"))?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("{text:?}: too large"))
}

/// The names of the columns and keys our formats write besides the two language codes (CSV's
/// `id,doc,…,type,score,status,comment`, JSON Lines' `doc`, `type`, `score`, `cost`): a
/// language code equal to one would write a record with two fields of one name.
pub const COLUMNS: [&str; 8] = [
    "doc",
    "id",
    "type",
    "score",
    "doc_score",
    "status",
    "comment",
    "cost",
];

/// A language code as the user gave it, checked ([`check_language`]) and in the case BCP 47
/// recommends: `fr`, `fr-FR`, `zh-Hant-TW`.
pub(crate) fn language_code(code: &str) -> Result<String, ConfigError> {
    check_language(code)?;
    let subtags: Vec<String> = code
        .split('-')
        .enumerate()
        .map(|(i, tag)| match tag.len() {
            _ if i == 0 => tag.to_ascii_lowercase(),
            2 => tag.to_ascii_uppercase(),
            4 if tag.bytes().all(|b| b.is_ascii_alphabetic()) => {
                let lower = tag.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            }
            _ => tag.to_ascii_lowercase(),
        })
        .collect();
    Ok(subtags.join("-"))
}

/// Checks that `code` has the shape of a BCP 47 tag (a primary subtag of 2 to 8 letters, then
/// subtags of 1 to 8 letters or digits, joined by `-`) and is no column name: a code names
/// files (`corpus.en-fr.fr`) and columns, so it is never a path nor a second `doc`.
pub fn check_language(code: &str) -> Result<(), ConfigError> {
    let mut subtags = code.split('-');
    let primary = subtags.next().unwrap_or_default();
    let primary_ok =
        (2..=8).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok =
        subtags.all(|t| (1..=8).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !(primary_ok && rest_ok) {
        return Err(ConfigError::BadLanguage(code.to_string()));
    }
    if COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(code)) {
        return Err(ConfigError::ColumnLanguage(code.to_string()));
    }
    Ok(())
}

/// Checks both codes of a corpus, and that they differ (ignoring case, as BCP 47 does): each
/// names a column, and moses' two files.
pub(crate) fn check_languages(languages: &Languages) -> Result<(), ConfigError> {
    check_language(&languages.source)?;
    check_language(&languages.target)?;
    if languages.source.eq_ignore_ascii_case(&languages.target) {
        return Err(ConfigError::SameLanguage(languages.source.clone()));
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(format: Option<Format>, output: Option<&str>) -> Result<Config, ConfigError> {
        Config::new(Request {
            source: "fr".into(),
            target: "en".into(),
            format,
            output: output.map(PathBuf::from),
            jobs: Some(1),
            ..Request::default()
        })
    }

    #[test]
    fn format_from_flag_then_extension_then_csv() {
        assert_eq!(
            config(Some(Format::Jsonl), Some("x.tmx")).unwrap().format,
            Format::Jsonl
        );
        assert_eq!(config(None, Some("x.tmx")).unwrap().format, Format::Tmx);
        assert_eq!(config(None, None).unwrap().format, Format::Csv);
        assert!(matches!(
            config(None, Some("x.out")),
            Err(ConfigError::UnknownFormat(_))
        ));
    }

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2 GiB"), Ok(2 << 30));
        assert!(parse_size("").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("12X").is_err());
        assert!(parse_size("99999999999T").is_err());
    }

    #[test]
    fn languages_are_checked() {
        let c = |s: &str, t: &str| {
            Config::new(Request {
                source_lang: s.into(),
                target_lang: t.into(),
                ..Request::default()
            })
        };
        assert!(matches!(c("fr", "FR"), Err(ConfigError::SameLanguage(_))));
        assert!(matches!(c("fr", "e n"), Err(ConfigError::BadLanguage(_))));
        assert_eq!(c("fr", "DE").unwrap().languages.target, "de");
        assert_eq!(c("fr-fr", "zh-hant-tw").unwrap().languages.source, "fr-FR");
        assert_eq!(
            c("fr", "zh-hant-tw").unwrap().languages.target,
            "zh-Hant-TW"
        );
        assert!(matches!(
            c("fr-FR", "FR-fr"),
            Err(ConfigError::SameLanguage(_))
        ));
    }

    #[test]
    fn language_codes_are_never_paths_nor_columns() {
        for bad in [
            "",
            "../x",
            "/abs",
            "fr/en",
            "f.r",
            "fr-",
            "-fr",
            "fr--FR",
            "x",
            "fr_FR",
            "fr\0",
            "é",
            "fr FR",
            "abcdefghi",
            "fr-abcdefghi",
        ] {
            assert_eq!(
                check_language(bad),
                Err(ConfigError::BadLanguage(bad.into()))
            );
        }
        for column in ["doc", "ID", "type", "score", "status", "comment", "cost"] {
            assert_eq!(
                check_language(column),
                Err(ConfigError::ColumnLanguage(column.into()))
            );
        }
        for good in ["fr", "en-US", "zh-Hant-TW", "de-CH-1996", "ind", "id-ID"] {
            assert_eq!(check_language(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn a_stream_learns_per_document_unless_told_run() {
        let learn = |stdin, learn| {
            Config::new(Request {
                stdin,
                learn,
                ..Request::default()
            })
            .map(|c| c.learn)
        };
        assert_eq!(learn(false, None), Ok(Learn::Run));
        assert_eq!(learn(true, None), Ok(Learn::Document));
        assert_eq!(
            learn(true, Some(Learn::Run)),
            Err(ConfigError::StreamLearnsRun)
        );
    }

    #[test]
    fn refuses_to_overwrite_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        std::fs::write(&input, "x").unwrap();
        let c = Config::new(Request {
            source: input.clone(),
            target: input.clone(),
            format: Some(Format::Csv),
            output: Some(input),
            jobs: Some(1),
            ..Request::default()
        });
        assert!(matches!(c, Err(ConfigError::OutputIsInput(_))));
    }
}
