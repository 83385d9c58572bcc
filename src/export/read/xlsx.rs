//! The review sheet as an xlsx workbook, as a spreadsheet saves it after editing: read by the
//! CSV's rules ([`super::sheet::read_rows`]), from the sheet named `review` (else the first).
//! Numbers become their shortest text (`12`, `0.9327`), so a score typed as text (`0,93`)
//! reads as the CSV's does; a formula's cell is its last value, and one that shows an error
//! (`#VALUE!`, what LibreOffice saves for `Err:509`) is refused with its row, never read as
//! text. An OpenDocument sheet (`.ods`) or an old `.xls` is refused with what to do: calamine
//! reads them only into a dense grid, which one far cell makes terabytes.
//!
//! Bounded as every corpus file is ([`Limits`]): the file by `--max-corpus-bytes`, and what it
//! unpacks to as well (a zip bomb must not exhaust memory), each row by `--max-record-bytes`.
//! Cells are streamed, not laid out in a grid: a 5 KB workbook with one cell at XFD1048576
//! asked for 512 GB that way.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::sheet::read_rows;
use super::{Corpus, Limits, corpus_error};
use crate::error::{Error, Result};
use crate::export::Languages;

/// The sheet a workbook's rows are read from, if it has one by this name.
const SHEET: &str = "review";

/// Cells further right are refused: a review sheet has ten columns and a reviewer's few.
const MAX_COLUMNS: u32 = 1024;

/// The workbook at `path` (see the module's documentation).
pub(super) fn read_xlsx(path: &Path, languages: &Languages, limits: &Limits) -> Result<Corpus> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > limits.max_bytes {
        return Err(too_large(path, size, limits));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    check_unpacked(path, &bytes, limits)?;
    let not_workbook =
        |e: calamine::XlsxError| corpus_error(path, 0, format!("not an xlsx workbook: {e}"));
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(not_workbook)?;
    let names = workbook.sheet_names();
    let name = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(SHEET))
        .or(names.first())
        .cloned()
        .ok_or_else(|| corpus_error(path, 0, "a workbook without a sheet"))?;
    let mut cells = workbook
        .worksheet_cells_reader(&name)
        .map_err(not_workbook)?;
    // Row by row, each a map of its cells: memory follows the cells there are.
    let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut bytes: BTreeMap<u32, usize> = BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(not_workbook)? {
        let (row, column) = cell.get_position();
        let line = row as usize + 1;
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        if column >= MAX_COLUMNS {
            let message = format!(
                "a cell in column {}: a review sheet has no more than {MAX_COLUMNS}",
                column + 1
            );
            return Err(corpus_error(path, line, message));
        }
        let text = cell_text(&value)
            .map_err(|m| corpus_error(path, line, format!("column {}: {m}", column + 1)))?;
        let total = bytes.entry(row).or_default();
        *total += text.len();
        limits.check_record(path, line, *total)?;
        rows.entry(row).or_default().insert(column, text);
    }
    let mut rows = rows.into_iter().map(|(row, cells)| {
        let width = cells.keys().next_back().map_or(0, |&c| c as usize + 1);
        let mut line = vec![String::new(); width];
        for (column, text) in cells {
            line[column as usize] = text;
        }
        Ok((row as usize + 1, line))
    });
    let header = match rows.next() {
        Some(header) => header?.1,
        None => return Err(corpus_error(path, 1, format!("empty sheet {name:?}"))),
    };
    read_rows(path, &header, languages, rows)
}

/// An OpenDocument sheet or an old binary workbook, refused with what to do instead.
pub(super) fn refuse_other_workbook(path: &Path) -> Error {
    corpus_error(
        path,
        0,
        "an .ods or .xls sheet is not read: save it as xlsx (\"Keep current format\" when \
         LibreOffice asks) or as csv",
    )
}

/// A cell as the CSV would hold it.
fn cell_text(cell: &Data) -> std::result::Result<String, String> {
    match cell {
        Data::Error(e) => Err(format!(
            "a formula's error ({e}) where text was: a cell that starts with = was read as a \
             formula"
        )),
        other => Ok(other.to_string()),
    }
}

/// A workbook is a zip: refused when its parts unpack to more than `--max-corpus-bytes`, as
/// the sizes its directory declares say (calamine unpacks them whole).
fn check_unpacked(path: &Path, bytes: &[u8], limits: &Limits) -> Result<()> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // an xls (no zip): calamine says what it is
    };
    let mut total: u64 = 0;
    for k in 0..archive.len() {
        let size = archive.by_index_raw(k).map_or(0, |f| f.size());
        total = total.saturating_add(size);
    }
    if total > limits.max_bytes {
        return Err(too_large(path, total, limits));
    }
    Ok(())
}

fn too_large(path: &Path, size: u64, limits: &Limits) -> Error {
    Error::CorpusTooLarge {
        path: path.to_path_buf(),
        size,
        limit: limits.max_bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_the_csv_writes_them_and_errors_are_refused() {
        assert_eq!(cell_text(&Data::Float(12.0)).unwrap(), "12");
        assert_eq!(cell_text(&Data::Float(0.9327)).unwrap(), "0.9327");
        assert_eq!(cell_text(&Data::Int(3)).unwrap(), "3");
        assert_eq!(cell_text(&Data::String("0,93".into())).unwrap(), "0,93");
        let error = Data::Error(calamine::CellErrorType::Value);
        assert!(cell_text(&error).unwrap_err().contains("#VALUE!"));
    }
}
