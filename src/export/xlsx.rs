//! xlsx, the review sheet as a workbook (`-o review.xlsx`): the CSV's columns (see
//! [`super::csv`]) and a `training` column, on a sheet `review` made for reviewing: the
//! header frozen and filtered, text wrapped in wide columns, the score a number under a colour
//! scale, a list for `status` (ok, reject, valide, rejeté), the rows training formats leave out
//! (1-0, 0-1, a document that is no translation) greyed and said so in `training`; a second
//! sheet, `columns`, says what each column is. `convert review.xlsx` reads it back by the
//! CSV's rules ([`super::read`]).
//!
//! Cells are written as text or numbers, never formulas, so nothing needs a guard. A cell holds
//! at most 32,767 characters and a sheet 1,048,576 rows (Excel's specifications and limits):
//! past either the sheet is refused (use csv), never cut.

use std::io::{self, Write};

use rust_xlsxwriter::{
    Color, ConditionalFormat3ColorScale, ConditionalFormatType, DataValidation,
    DataValidationErrorStyle, Format as CellFormat, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::csv::{TAIL, comment, status};
use super::output::{OutputFile, Pending};
use super::read::{STATUS_WORDS, TRAINING};
use super::{CorpusWriter, Languages, Record, WriterOptions};

/// The most characters a cell holds (Excel's "Specifications and limits": 32,767).
const MAX_CELL_CHARS: usize = 32_767;
/// The most rows a sheet holds (Excel's "Specifications and limits": 1,048,576), header
/// included.
const MAX_ROWS: u32 = 1_048_576;

/// Column widths in characters: id, doc, the two texts, type, score, doc_score, status,
/// comment, training (wide enough for a sentence to wrap on two or three lines).
const WIDTHS: [f64; 10] = [7.0, 18.0, 60.0, 60.0, 6.0, 8.0, 9.0, 10.0, 30.0, 22.0];

/// The score column's colour scale: red at 0, yellow at 0.5, green at 1 (Excel's own three).
const SCALE: [(f64, u32); 3] = [(0.0, 0xF8696B), (0.5, 0xFFEB84), (1.0, 0x63BE7B)];

/// The grey of rows training formats leave out.
const LEFT_OUT_FILL: u32 = 0xE7E6E6;

pub(crate) struct XlsxWriter {
    out: OutputFile,
    /// Its first sheet, `review`, keeps rows in a temporary file as they are written
    /// (rust_xlsxwriter's constant memory mode: 300,000 rows took 585 MB in memory).
    workbook: Workbook,
    languages: Languages,
    /// The next row (0 is the header).
    row: u32,
    formats: Formats,
}

/// The cell formats: text wrapped and top-aligned, and the same greyed for left-out rows.
struct Formats {
    header: CellFormat,
    text: [CellFormat; 2],
    score: [CellFormat; 2],
}

impl Formats {
    fn new() -> Self {
        let text = CellFormat::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let grey = |f: &CellFormat| f.clone().set_background_color(Color::RGB(LEFT_OUT_FILL));
        let score = text.clone().set_num_format("0.0000");
        Self {
            header: CellFormat::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2)),
            text: [text.clone(), grey(&text)],
            score: [score.clone(), grey(&score)],
        }
    }
}

fn xlsx_error(error: XlsxError) -> io::Error {
    io::Error::other(format!("xlsx: {error}"))
}

/// The header: the CSV's, then `training`.
fn header(languages: &Languages) -> Vec<&str> {
    ["id", "doc", &languages.source, &languages.target]
        .into_iter()
        .chain(TAIL)
        .chain([TRAINING])
        .collect()
}

impl XlsxWriter {
    pub(crate) fn new(out: OutputFile, options: &WriterOptions) -> io::Result<Self> {
        let mut workbook = Workbook::new();
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        sheet.set_name("review").map_err(xlsx_error)?;
        let formats = Formats::new();
        for (col, name) in header(&options.languages).into_iter().enumerate() {
            let col = col as u16;
            sheet
                .write_string_with_format(0, col, name, &formats.header)
                .map_err(xlsx_error)?;
            sheet
                .set_column_width(col, WIDTHS[usize::from(col)])
                .map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        Ok(Self {
            out,
            workbook,
            languages: options.languages.clone(),
            row: 1,
            formats,
        })
    }

    /// Why training formats leave a record out, if they do.
    fn left_out(record: &Record) -> Option<String> {
        if record.doc_score.is_some_and(|d| d.refused) {
            Some("left out: not a translation".into())
        } else if !record.is_pair() {
            Some(format!("left out: no counterpart ({})", record.kind))
        } else {
            None
        }
    }

    fn write_record(&mut self, doc: &str, record: &Record) -> io::Result<()> {
        let row = self.row;
        if row >= MAX_ROWS {
            return Err(io::Error::other(format!(
                "more than {} rows: an xlsx sheet holds no more (use csv)",
                MAX_ROWS - 1
            )));
        }
        let left_out = Self::left_out(record);
        let grey = usize::from(left_out.is_some());
        let comment = comment(record);
        let texts = [
            (1, doc),
            (2, record.source.as_str()),
            (3, record.target.as_str()),
            (4, record.kind.as_str()),
            (7, status(record)),
            (8, comment.as_str()),
            (9, left_out.as_deref().unwrap_or("")),
        ];
        let (text, score) = (&self.formats.text[grey], &self.formats.score[grey]);
        let sheet = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
        sheet
            .write_number_with_format(row, 0, f64::from(row), text)
            .map_err(xlsx_error)?;
        for (col, value) in texts {
            let chars = value.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(io::Error::other(format!(
                    "id {row}: a cell of {chars} characters, more than the {MAX_CELL_CHARS} an \
                     xlsx cell holds (use csv)"
                )));
            }
            sheet
                .write_string_with_format(row, col, value, text)
                .map_err(xlsx_error)?;
        }
        let doc_score = record.doc_score.map_or(f64::NAN, |d| d.score);
        for (col, value) in [(5, record.score), (6, doc_score)] {
            if value.is_nan() {
                sheet.write_blank(row, col, score).map_err(xlsx_error)?;
            } else {
                let rounded = (value * 1e4).round() / 1e4;
                sheet
                    .write_number_with_format(row, col, rounded, score)
                    .map_err(xlsx_error)?;
            }
        }
        self.row += 1;
        Ok(())
    }

    /// What applies to whole columns, once the rows are known: the filter, the score's colour
    /// scale and the status list.
    fn finish_sheet(&mut self) -> Result<(), XlsxError> {
        let last = self.row.saturating_sub(1).max(1);
        let columns = header(&self.languages).len() as u16;
        let sheet = self.workbook.worksheet_from_index(0)?;
        sheet.autofilter(0, 0, last, columns - 1)?;
        let [low, mid, high] = SCALE;
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum(ConditionalFormatType::Number, low.0)
            .set_midpoint(ConditionalFormatType::Number, mid.0)
            .set_maximum(ConditionalFormatType::Number, high.0)
            .set_minimum_color(Color::RGB(low.1))
            .set_midpoint_color(Color::RGB(mid.1))
            .set_maximum_color(Color::RGB(high.1));
        sheet.add_conditional_format(1, 5, last, 6, &scale)?;
        let status = DataValidation::new()
            .allow_list_strings(&STATUS_WORDS)?
            // A word typed otherwise (`OK`, `validé`) is read all the same: warn, do not stop.
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_input_title("status")?
            .set_input_message("ok or valide: keep; reject or rejeté: drop; empty: keep")?;
        // Rows a reviewer adds below the last are offered the list too.
        let below = (last + 1000).min(MAX_ROWS - 1);
        sheet.add_data_validation(1, 7, below, 7, &status)?;
        Ok(())
    }
}

/// The second sheet: what each column is and how `convert` reads it.
fn columns_sheet(languages: &Languages) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name("columns")?;
    let bold = CellFormat::new().set_bold();
    let wrap = CellFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 100)?;
    let (s, t) = (&languages.source, &languages.target);
    let rows = [
        ("column", "what it is".to_string()),
        ("id", "the row's number: convert writes rows in id order, however the sheet is sorted; a row you insert takes an id between its neighbours' (12.5)".into()),
        ("doc", "the document the pair comes from".into()),
        (s.as_str(), format!("the {s} text: edit it if needed")),
        (t.as_str(), format!("the {t} text: edit it if needed")),
        ("type", "how many sentences on each side: 1-1, 2-1 … 1-0 and 0-1 have no counterpart".into()),
        ("score", "how likely the pair is right, 0 to 1 (9 in 10 pairs scored 0.9 are); red is doubtful".into()),
        ("doc_score", "how likely the two documents are translations of each other".into()),
        ("status", "ok or valide: keep (and no longer flag as doubtful); reject or rejeté: drop; empty: keep".into()),
        ("comment", "your note: a <note> in TMX, comment in JSON Lines; 'not a translation' here keeps the row out of training formats until you clear it".into()),
        (TRAINING, "rows tmx, moses and tsv leave out (greyed): no counterpart, or not a translation; not read back".into()),
        ("", "Other columns you add are ignored (convert names them in a warning). Save as xlsx or csv, then: bitext convert review.xlsx -o approved.tmx".into()),
    ];
    for (row, (name, text)) in rows.iter().enumerate() {
        let row = row as u32;
        let format = if row == 0 { &bold } else { &wrap };
        sheet.write_string_with_format(row, 0, *name, &bold)?;
        sheet.write_string_with_format(row, 1, text, format)?;
    }
    Ok(sheet)
}

impl CorpusWriter for XlsxWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        for record in records {
            self.write_record(doc, record)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Vec<Pending>> {
        self.finish_sheet().map_err(xlsx_error)?;
        let columns = columns_sheet(&self.languages).map_err(xlsx_error)?;
        self.workbook.push_worksheet(columns);
        let bytes = self.workbook.save_to_buffer().map_err(xlsx_error)?;
        let mut out = self.out;
        out.write_all(&bytes)?;
        out.finish()
    }
}
