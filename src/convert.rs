//! `bitext convert`: a corpus from one of our formats to another. Its main use is the review
//! loop: a reviewer opens the CSV sheet, edits text, marks pairs `ok` or `reject`, saves; the
//! sheet converts to the TMX (or Moses, TSV, JSONL) of what was approved.

use std::io;
use std::path::Path;

use crate::config::{OutputOptions, check_languages};
use crate::error::{Error, Result};
use crate::export::read::{Corpus, Limits, read_corpus_with};
use crate::export::{Exporter, Format, Languages, WriterOptions, output};
use crate::filter::Removed;

/// What a conversion did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ConvertReport {
    /// Records read (rejected rows not counted).
    pub read: usize,
    /// Review-sheet rows marked `reject`.
    pub rejected: usize,
    pub written: usize,
    pub removed: Removed,
}

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

/// Reads `input` as `from` and writes it as `to`, keeping documents in order.
pub fn convert(
    input: &Path,
    from: Format,
    to: Format,
    output: Option<&Path>,
    options: &OutputOptions,
    languages: &Languages,
    limits: &Limits,
) -> Result<ConvertReport> {
    let Corpus {
        languages,
        records,
        rejected,
    } = read_checked(input, from, languages, limits)?;
    if let Some(out) = output {
        for path in crate::export::output_paths(to, out, &languages) {
            if path.canonicalize().ok() == input.canonicalize().ok() {
                return Err(Error::OutputIsInput { path });
            }
        }
    }
    let io_err = |e: io::Error| Error::io(output.unwrap_or(Path::new("<stdout>")), e);
    let writer_options = WriterOptions {
        languages,
        explain: true,
        excel: options.excel,
    };
    let mut exporter = Exporter::new(
        to,
        output,
        &writer_options,
        options.filters.clone(),
        options.keep_unaligned,
    )
    .map_err(io_err)?;
    let mut report = ConvertReport {
        read: records.len(),
        rejected,
        ..ConvertReport::default()
    };
    let mut records = records.into_iter().peekable();
    while let Some(first) = records.next() {
        let doc = first.doc.clone();
        let mut group = vec![first];
        while let Some(next) = records.next_if(|r| r.doc == doc) {
            group.push(next);
        }
        report.written += exporter.write(&doc, group).map_err(io_err)?;
    }
    let (removed, files) = exporter.finish().map_err(io_err)?;
    output::commit_all(files).map_err(io_err)?;
    report.removed = removed;
    Ok(report)
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
