//! `bitext convert`: a corpus from one of our formats to another. Its main use is the review
//! loop: a reviewer opens the CSV sheet, edits text, marks pairs `ok` or `reject`, saves; the
//! sheet converts to the TMX (or Moses, TSV, JSONL) of what was approved.

use std::path::{Path, PathBuf};

use crate::Report;
use crate::config::{OutputOptions, check_languages};
use crate::error::{Error, Result};
use crate::export::read::{Corpus, Limits, read_corpus_with};
use crate::export::{Format, Languages, output_paths};
use crate::session::{Destination, Reporter, Session, Task, refuse_to_overwrite_an_input};

/// The format of a corpus file: `NAME.en-fr.fr` is one file of a moses pair, otherwise the
/// extension says.
pub fn input_format(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?;
    let mut parts = name.rsplit('.');
    let (last, pair) = (parts.next()?, parts.next());
    let moses = pair
        .and_then(|p| p.split_once('-'))
        .is_some_and(|(a, b)| last == a || last == b);
    if moses {
        Some(Format::Moses)
    } else if ["ods", "xls", "xlsb"].contains(&last.to_ascii_lowercase().as_str()) {
        // What else a spreadsheet saves a review sheet as: refused by the workbook's reader
        // with what to do.
        Some(Format::Xlsx)
    } else {
        Format::from_path(path)
    }
}

/// Reads a corpus file and checks the language codes it gives (a TMX's `xml:lang`s, JSON
/// keys, a sheet's header, moses file names): they will name columns and files.
pub fn read_checked(
    input: &Path,
    from: Format,
    languages: &Languages,
    limits: &Limits,
) -> Result<Corpus> {
    let corpus = read_corpus_with(input, from, languages, limits)?;
    check_languages(&corpus.languages).map_err(|error| Error::BadLanguages {
        path: input.to_path_buf(),
        error,
    })?;
    Ok(corpus)
}

/// Reads `input` as `from` and writes it as `to`, keeping documents in order. The corpus is
/// read whole first, so a record that does not read stops the conversion before anything is
/// written: a conversion is always strict.
pub fn convert(
    input: &Path,
    from: Format,
    to: Format,
    output: Option<&Path>,
    options: &OutputOptions,
    languages: &Languages,
    limits: &Limits,
) -> Result<Report> {
    let Corpus {
        languages,
        records,
        rejected,
        warnings,
    } = read_checked(input, from, languages, limits)?;
    if let Some(out) = output {
        for path in output_paths(to, out, &languages) {
            refuse_to_overwrite_an_input(&path, [PathBuf::from(input)].iter())?;
        }
    }
    let destination = Destination {
        format: to,
        output,
        languages,
        explain: true,
        options,
        flush: false,
    };
    let mut reporter = Reporter::new(
        Task::Convert {
            read: records.len(),
            rejected,
        },
        true,
    );
    for warning in warnings {
        reporter.warning(warning);
    }
    let mut session = Session::open(reporter, destination)?;
    let mut records = records.into_iter().peekable();
    while let Some(first) = records.next() {
        let doc = first.doc.clone();
        let mut group = vec![first];
        while let Some(next) = records.next_if(|r| r.doc == doc) {
            group.push(next);
        }
        session.records(&doc, group)?;
    }
    session.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_formats_from_names() {
        assert_eq!(input_format(Path::new("c.en-fr.fr")), Some(Format::Moses));
        assert_eq!(
            input_format(Path::new("dir/c.en-fr.en")),
            Some(Format::Moses)
        );
        assert_eq!(input_format(Path::new("reviewed.csv")), Some(Format::Csv));
        assert_eq!(input_format(Path::new("c.tmx")), Some(Format::Tmx));
        assert_eq!(input_format(Path::new("notes.txt")), None);
    }
}
