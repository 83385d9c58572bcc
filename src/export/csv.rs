//! CSV, the review sheet: `id,doc,<src>,<tgt>,type,score,doc_score,status,comment`, one row
//! per bead. The rows of a document that is no translation (below `--min-doc-score`) carry
//! the comment [`NOT_TRANSLATION`]: read back, they stay out of training formats unless the
//! reviewer clears it.
//! Reviewers fill `status` (`ok`, `reject`, or empty) and `comment`, may edit the text, and
//! `bitext convert` turns the sheet back into a corpus (see [`super::read`]).
//!
//! Every sheet guards its text cells that a spreadsheet would run as a formula, as OWASP's
//! "CSV Injection" advice says: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return gets a leading `'` (LibreOffice opened `=SOMME(A1:A3)` as a formula and saved
//! `Err:509` in its place). `convert` takes off that `'`, and only that one: a text that
//! itself starts with `'` is written with a second `'` in front, so `'tis` is written `''tis`
//! and reads back `'tis`, while a reviewer's `'tis` (no second `'`) is read as typed.
//!
//! `--excel` writes what Excel with French settings opens in columns: a UTF-8 BOM, `;` between
//! fields, CRLF, and scores with a decimal comma (`0,9327`, a number there, not text).

use std::borrow::Cow;
use std::io::{self, Write};

use super::output::{OutputFile, Pending};
use super::{CorpusWriter, Record, RowIds, WriterOptions, format_score, review_comment};

/// The columns after the two text columns.
pub(crate) const TAIL: [&str; 5] = ["type", "score", "doc_score", "status", "comment"];

/// Keeps the I/O error inside a csv error, so that a closed pipe stays a closed pipe.
/// The comment that marks a row of a document that is no translation.
pub(crate) const NOT_TRANSLATION: &str = "not a translation";

fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        kind => io::Error::other(format!("{kind:?}")),
    }
}

pub(crate) struct CsvWriter {
    csv: csv::Writer<OutputFile>,
    excel: bool,
    ids: RowIds,
}

impl CsvWriter {
    pub(crate) fn new(mut out: OutputFile, options: &WriterOptions) -> io::Result<Self> {
        let mut builder = csv::WriterBuilder::new();
        if options.excel {
            out.write_all("\u{feff}".as_bytes())?;
            builder.delimiter(b';').terminator(csv::Terminator::CRLF);
        }
        let mut csv = builder.from_writer(out);
        let languages = &options.languages;
        let header = ["id", "doc", &languages.source, &languages.target]
            .into_iter()
            .chain(TAIL);
        csv.write_record(header).map_err(io_error)?;
        Ok(Self {
            csv,
            excel: options.excel,
            ids: RowIds::default(),
        })
    }

    /// A text cell as written: formulas guarded (see the module's documentation).
    fn cell<'a>(&self, text: &'a str) -> Cow<'a, str> {
        guard_formula(text)
    }

    /// A score as written: with a decimal comma for Excel with French settings.
    fn score(&self, score: f64) -> String {
        let text = format_score(score);
        if self.excel {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// What starts a formula in a spreadsheet, after OWASP's "CSV Injection" page
/// (<https://owasp.org/www-community/attacks/CSV_Injection>): `=`, `+`, `-`, `@`, tab, CR.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet would run as a formula gets a leading `'` (as does one that already
/// starts with `'`, so that [`unguard_formula`] gives back exactly what was written).
pub(crate) fn guard_formula(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Takes off the `'` that [`guard_formula`] added.
pub(crate) fn unguard_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => text,
    }
}

/// A record's `status` as a sheet writes it: `ok` once a reviewer approved it (a reviewed
/// sheet converted to another keeps its review), else empty for the reviewer.
pub(crate) fn status(record: &Record) -> &'static str {
    if record.approved { "ok" } else { "" }
}

/// A record's `comment` as a sheet writes it: the mark of a document that is no translation
/// (`not a translation (0.1234)`), then the reviewer's comment.
pub(crate) fn comment(record: &Record) -> String {
    let mark = review_comment(record.doc_score);
    match (mark.is_empty(), &record.comment) {
        (_, None) => mark,
        (true, Some(comment)) => comment.clone(),
        (false, Some(comment)) => format!("{mark} {comment}"),
    }
}

impl CorpusWriter for CsvWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        for record in records {
            let id = self.ids.take().to_string();
            let row = [
                id.as_str().into(),
                self.cell(doc),
                self.cell(&record.source),
                self.cell(&record.target),
                record.kind.as_str().into(),
                self.score(record.score).into(),
                record
                    .doc_score
                    .map_or(String::new(), |d| self.score(d.score))
                    .into(),
                status(record).into(),
                self.cell(&comment(record)).into_owned().into(),
            ];
            self.csv
                .write_record(row.iter().map(|c: &Cow<str>| c.as_bytes()))
                .map_err(io_error)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.csv.flush()
    }

    fn finish(self: Box<Self>) -> io::Result<Vec<Pending>> {
        let out = self
            .csv
            .into_inner()
            .map_err(|e| io::Error::new(e.error().kind(), e.error().to_string()))?;
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_and_unguarded_exactly() {
        for text in [
            "=SUM(A1)", "+33 1 23", "-5 °C", "@home", "\tx", "\rx", "'quoted", "plain", "",
        ] {
            let guarded = guard_formula(text);
            assert!(!guarded.starts_with(FORMULA_STARTS), "{guarded}");
            assert_eq!(unguard_formula(&guarded), text);
        }
        assert_eq!(guard_formula("plain"), "plain");
    }

    #[test]
    fn every_sheet_guards_formulas_and_excel_writes_a_decimal_comma() {
        let writer = |excel| CsvWriter {
            csv: csv::Writer::from_writer(OutputFile::create(None).unwrap()),
            excel,
            ids: RowIds::default(),
        };
        let plain = writer(false);
        for text in ["''", "'=1", "'-2", "=1+1", "'ok", "plain"] {
            assert_eq!(unguard_formula(&plain.cell(text)), text);
        }
        assert_eq!(plain.cell("=SOMME(A1:A3)"), "'=SOMME(A1:A3)");
        assert_eq!(writer(true).cell("=1+1"), "'=1+1");
        assert_eq!(
            unguard_formula("'tis"),
            "'tis",
            "a reviewer's own quote stays"
        );
        assert_eq!(plain.score(0.9327), "0.9327");
        assert_eq!(writer(true).score(0.9327), "0,9327");
    }
}
