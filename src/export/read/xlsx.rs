//! The review sheet as a workbook (xlsx, and what calamine also reads: ods, xls, xlsb), as a
//! spreadsheet saves it after editing: read by the CSV's rules ([`super::sheet::read_rows`]),
//! from the sheet named `review` (else the first). Numbers become their shortest text (`12`,
//! `0.9327`), so a score typed as text (`0,93`) reads as the CSV's does; a formula's cell is
//! its last value, and one that shows an error (`#NAME?`, LibreOffice's `Err:509`) is refused
//! with its row, never read as text.
//!
//! Bounded as every corpus file is ([`Limits`]): the file by `--max-corpus-bytes`, and what it
//! unpacks to as well (a zip bomb must not exhaust memory), each row by `--max-record-bytes`.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::sheet::read_rows;
use super::{Corpus, Limits, corpus_error};
use crate::error::{Error, Result};
use crate::export::Languages;

/// The sheet a workbook's rows are read from, if it has one by this name.
const SHEET: &str = "review";

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
    let not_workbook = |e: calamine::Error| {
        corpus_error(
            path,
            0,
            format!("not a workbook calamine reads (xlsx, ods, xls): {e}"),
        )
    };
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(not_workbook)?;
    let names = workbook.sheet_names();
    let name = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(SHEET))
        .or(names.first())
        .cloned()
        .ok_or_else(|| corpus_error(path, 0, "a workbook without a sheet"))?;
    let range = workbook.worksheet_range(&name).map_err(not_workbook)?;
    let first = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = range.rows().enumerate().map(|(k, cells)| {
        let line = first + k + 1;
        let mut bytes = 0;
        let mut row = Vec::with_capacity(cells.len());
        for (column, cell) in cells.iter().enumerate() {
            let text = cell_text(cell)
                .map_err(|m| corpus_error(path, line, format!("column {}: {m}", column + 1)))?;
            bytes += text.len();
            row.push(text);
        }
        limits.check_record(path, line, bytes)?;
        Ok((line, row))
    });
    let header = match rows.next() {
        Some(header) => header?.1,
        None => return Err(corpus_error(path, 1, format!("empty sheet {name:?}"))),
    };
    read_rows(path, &header, languages, rows)
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
