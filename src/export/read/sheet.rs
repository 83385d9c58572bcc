//! The review sheet as a spreadsheet saves it (see [`super`]).

use std::path::Path;

use super::{Corpus, Limits, check_kind, corpus_error, kind_or_shape, read_limited, score_cell};
use crate::error::Result;
use crate::export::csv::{NOT_TRANSLATION, TAIL, unguard_formula};
use crate::export::{DocScore, Languages, Record};
use crate::normalize::normalize;

/// The review sheet (see the module's documentation), within the default [`Limits`].
pub fn read_sheet(path: &Path) -> Result<Corpus> {
    read_sheet_with(path, &Limits::default())
}

/// The review sheet within `limits`.
pub fn read_sheet_with(path: &Path, limits: &Limits) -> Result<Corpus> {
    parse_sheet(&read_limited(path, limits)?, path, limits)
}

/// The review sheet in `text`, read from `path`.
pub fn parse_sheet(text: &str, path: &Path, limits: &Limits) -> Result<Corpus> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    check_quotes(text, delimiter).map_err(|(line, m)| corpus_error(path, line, m))?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut row = csv::StringRecord::new();
    let mut next = |row: &mut csv::StringRecord| -> Result<Option<usize>> {
        let start = reader.position().clone();
        let more = reader.read_record(row).map_err(|e| {
            let line = e.position().map_or(start.line(), |p| p.line()) as usize;
            corpus_error(path, line, e.to_string())
        })?;
        let line = start.line() as usize;
        let bytes = reader.position().byte() - start.byte();
        limits.check_record(path, line, bytes as usize)?;
        Ok(more.then_some(line))
    };
    if next(&mut row)?.is_none() {
        return Err(corpus_error(path, 1, "empty sheet"));
    }
    let header = row.clone();
    let columns = SheetColumns::from_header(&header).map_err(|m| corpus_error(path, 1, m))?;
    let mut corpus = Corpus {
        languages: columns.languages.clone(),
        records: Vec::new(),
        rejected: 0,
    };
    while let Some(line) = next(&mut row)? {
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue; // a blank line a spreadsheet left at the end
        }
        if row.len() != header.len() {
            return Err(corpus_error(
                path,
                line,
                format!(
                    "{} fields where the header has {} (a lost column or an unquoted {:?}?)",
                    row.len(),
                    header.len(),
                    delimiter as char
                ),
            ));
        }
        match columns
            .record(&row)
            .map_err(|m| corpus_error(path, line, m))?
        {
            Some(record) => corpus.records.push(record),
            None => corpus.rejected += 1,
        }
    }
    Ok(corpus)
}

/// Where the csv parser would read other cells than a spreadsheet wrote, as the line and
/// what is wrong: a quoted cell never closed (it would hold every row after it) or text after
/// a cell's closing quote (a quote inside a quoted cell is written twice). A quote inside an
/// unquoted cell is text, as the parser reads it.
fn check_quotes(text: &str, delimiter: u8) -> std::result::Result<(), (usize, String)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        CellStart,
        Unquoted,
        Quoted,
        /// A quote inside a quoted cell: its end, or the first of two.
        QuoteInQuoted,
    }
    let (mut state, mut line, mut opened) = (State::CellStart, 1, 1);
    for &byte in text.as_bytes() {
        state = match (state, byte) {
            (State::CellStart, b'"') => {
                opened = line;
                State::Quoted
            }
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) | (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b'\n' | b'\r') => State::CellStart,
            (_, b) if b == delimiter => State::CellStart,
            (State::QuoteInQuoted, _) => {
                return Err((
                    line,
                    format!(
                        "text after the closing quote of a cell opened on line {opened} \
                         (a quote inside a quoted cell is written twice: \"\")"
                    ),
                ));
            }
            _ => State::Unquoted,
        };
        line += usize::from(byte == b'\n');
    }
    if state == State::Quoted {
        let message = "a quoted cell opened on this line is never closed (it would hold every \
                       row after it)";
        return Err((opened, message.into()));
    }
    Ok(())
}

/// `;` when the header line has more of them than of `,` (Excel with French settings).
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Where the review sheet's columns are.
struct SheetColumns {
    languages: Languages,
    doc: usize,
    source: usize,
    target: usize,
    kind: usize,
    score: usize,
    status: usize,
    /// Sheets written before the document score have neither.
    doc_score: Option<usize>,
    comment: Option<usize>,
}

impl SheetColumns {
    fn from_header(header: &csv::StringRecord) -> Result<Self, String> {
        let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        let expected = format!(
            "expected the header id,doc,<source>,<target>,{}",
            TAIL.join(",")
        );
        let missing: Vec<&str> = ["doc", "type", "score", "status"]
            .into_iter()
            .filter(|n| find(n).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "no {} column: {expected}; found {:?}",
                missing.join(", "),
                names.join(",")
            ));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(twice) = names.iter().find(|n| !seen.insert(n.as_str())) {
            return Err(format!("two {twice:?} columns"));
        }
        let known = [
            "id",
            "doc",
            "type",
            "score",
            "doc_score",
            "status",
            "comment",
        ];
        let text: Vec<usize> = (0..names.len())
            .filter(|&i| !known.contains(&names[i].as_str()))
            .collect();
        let [source, target] = text[..] else {
            return Err(format!(
                "{} text columns where two are needed: {expected}; found {:?}",
                text.len(),
                names.join(",")
            ));
        };
        Ok(Self {
            languages: Languages {
                source: names[source].clone(),
                target: names[target].clone(),
            },
            doc: find("doc").unwrap_or_default(),
            source,
            target,
            kind: find("type").unwrap_or_default(),
            score: find("score").unwrap_or_default(),
            status: find("status").unwrap_or_default(),
            doc_score: find("doc_score"),
            comment: find("comment"),
        })
    }

    /// The row's document score, if the sheet has one; marked as no translation while the
    /// comment still says so.
    fn doc_score(&self, cell: &dyn Fn(usize) -> String) -> Result<Option<DocScore>, String> {
        let Some(column) = self.doc_score else {
            return Ok(None);
        };
        let score = score_cell(&cell(column)).map_err(|m| format!("doc_score: {m}"))?;
        let refused = self
            .comment
            .is_some_and(|c| cell(c).trim_start().starts_with(NOT_TRANSLATION));
        Ok((!score.is_nan()).then_some(DocScore { score, refused }))
    }

    /// The row's record, or `None` when the reviewer rejected it.
    fn record(&self, row: &csv::StringRecord) -> Result<Option<Record>, String> {
        let cell = |i: usize| unguard_formula(row.get(i).unwrap_or("")).to_string();
        let status = cell(self.status).trim().to_lowercase();
        match status.as_str() {
            "" | "ok" => {}
            "reject" => return Ok(None),
            other => {
                return Err(format!("status {other:?}: expected ok, reject or nothing"));
            }
        }
        let score = score_cell(&cell(self.score))?;
        let kind = cell(self.kind);
        check_kind(&kind)?;
        // A reviewer's edit is text like any other: NFC, no control characters XML forbids.
        let text = |i: usize| normalize(&cell(i)).trim_end_matches('\n').to_string();
        let (source, target) = (text(self.source), text(self.target));
        Ok(Some(Record {
            doc: cell(self.doc),
            kind: kind_or_shape(&kind, &source, &target),
            source,
            target,
            score,
            source_ids: Vec::new(),
            target_ids: Vec::new(),
            cost: None,
            doc_score: self.doc_score(&cell)?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> Result<Corpus> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.csv");
        std::fs::write(&path, text).unwrap();
        read_sheet(&path)
    }

    #[test]
    fn reads_a_sheet_saved_by_excel() {
        let text = "\u{feff}id;doc;fr;en;type;score;status;comment\r\n\
                    1;a;\"Il dit\r\n« oui ».\";\"He said \"\"yes\"\".\";1-1;0,93;ok;\r\n\
                    2;a;Rejeté.;Rejected.;1-1;0,5;reject;bad\r\n\
                    3;a;'=1+1;'-2;1-1;1;;\r\n";
        let corpus = sheet(text).unwrap();
        assert_eq!(corpus.languages.source, "fr");
        assert_eq!(corpus.rejected, 1);
        assert_eq!(corpus.records.len(), 2);
        assert_eq!(
            corpus.records[0].source, "Il dit\n« oui ».",
            "CRLF in a cell is a line break"
        );
        assert_eq!(corpus.records[0].target, "He said \"yes\".");
        assert_eq!(corpus.records[0].score, 0.93);
        assert_eq!(
            (
                corpus.records[1].source.as_str(),
                corpus.records[1].target.as_str()
            ),
            ("=1+1", "-2")
        );
    }

    #[test]
    fn refuses_a_sheet_without_header_or_with_a_lost_column() {
        let no_header = sheet("1,a,Bonjour.,Hello.,1-1,0.9,,\n").unwrap_err();
        assert!(
            no_header
                .to_string()
                .contains("line 1: no doc, type, score, status column"),
            "{no_header}"
        );
        let lost = sheet(
            "id,doc,fr,en,type,score,status,comment\n1,a,Oui.,Yes.,1-1,0.9,,\n2,a,Non.,1-1,0.9,,\n",
        )
        .unwrap_err();
        assert!(
            lost.to_string()
                .contains("line 3: 7 fields where the header has 8"),
            "{lost}"
        );
        let status =
            sheet("id,doc,fr,en,type,score,status,comment\n1,a,Oui.,Yes.,1-1,0.9,maybe,\n")
                .unwrap_err();
        assert!(
            status.to_string().contains("line 2: status \"maybe\""),
            "{status}"
        );
    }

    #[test]
    fn a_quote_left_open_or_followed_by_text_is_refused_with_its_line() {
        let header = "id,doc,fr,en,type,score,status,comment\n";
        let open = sheet(&format!(
            "{header}1,a,Oui.,Yes.,1-1,0.9,,\"oops\n2,a,Non.,No.,1-1,0.9,,\n"
        ))
        .unwrap_err();
        assert!(
            open.to_string()
                .contains("line 2: a quoted cell opened on this line is never closed"),
            "{open}"
        );
        let text_after =
            sheet(&format!("{header}1,a,\"Il dit \"oui\".\",Yes.,1-1,0.9,,\n")).unwrap_err();
        assert!(
            text_after
                .to_string()
                .contains("line 2: text after the closing quote"),
            "{text_after}"
        );
        let in_unquoted = sheet(&format!("{header}1,a,Il dit \"oui\".,Yes.,1-1,0.9,,\n")).unwrap();
        assert_eq!(in_unquoted.records[0].source, "Il dit \"oui\".");
        assert!(check_quotes("a;\"b\r\n\"\"c\";d\r\n", b';').is_ok());
    }

    #[test]
    fn the_document_score_and_its_mark_are_read_and_old_sheets_have_none() {
        let header = "id,doc,fr,en,type,score,doc_score,status,comment\n";
        let rows = "1,a,Oui.,Yes.,1-1,0.9,0.12,,not a translation (0.12)\n\
                    2,a,Non.,No.,1-1,0.9,0.12,,\n\
                    3,b,Si.,If.,1-1,0.9,0,8,,\n";
        let read = sheet(&format!("{header}{rows}").replace("0,8", "\"0,8\"")).unwrap();
        let doc_scores: Vec<_> = read.records.iter().map(|r| r.doc_score).collect();
        let doc_score = |score, refused| Some(DocScore { score, refused });
        assert_eq!(
            doc_scores,
            [
                doc_score(0.12, true),
                doc_score(0.12, false),
                doc_score(0.8, false)
            ],
            "a reviewer who clears the comment keeps the pair; `0,8` is Excel's 0.8"
        );
        let old = sheet("id,doc,fr,en,type,score,status,comment\n1,a,Oui.,Yes.,1-1,0.9,,\n");
        assert_eq!(old.unwrap().records[0].doc_score, None);
        let bad = sheet(&format!("{header}1,a,Oui.,Yes.,1-1,0.9,high,,\n")).unwrap_err();
        assert!(
            bad.to_string()
                .contains("line 2: doc_score: score \"high\""),
            "{bad}"
        );
    }

    #[test]
    fn empty_scores_are_none_and_bad_types_are_refused() {
        let header = "id,doc,fr,en,type,score,status,comment\n";
        let none = sheet(&format!("{header}1,a,Oui.,Yes.,1-1,,,\n")).unwrap();
        assert!(none.records[0].score.is_nan());
        for (row, expected) in [
            ("1,a,Oui.,Yes.,1-1,1.5,,", "line 2: score \"1.5\""),
            ("1,a,Oui.,Yes.,one,0.5,,", "line 2: type \"one\""),
        ] {
            let err = sheet(&format!("{header}{row}\n")).unwrap_err();
            assert!(err.to_string().contains(expected), "{err}");
        }
        let twice = sheet("id,doc,fr,en,type,score,score,status,comment\n").unwrap_err();
        assert!(
            twice.to_string().contains("two \"score\" columns"),
            "{twice}"
        );
    }
}
