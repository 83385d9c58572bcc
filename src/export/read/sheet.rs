//! The review sheet as a spreadsheet saves it (see [`super`]): the rules every sheet is read
//! with, CSV or xlsx ([`read_rows`]), and the CSV's own dialects.
//!
//! The rules: columns found by their header in any order (the two text columns are the two
//! that are none of ours, or, when a reviewer added columns, the two named like language
//! codes; `--source-lang` and `--target-lang` say which is which when both are there, else
//! the header's order; the others are named in one warning and not read); `status` empty, `ok`/`valide` or
//! `reject`/`rejeté` in any case, with or without accents; `comment` kept; rows written in
//! `id` order however the sheet was sorted (an id missing or given twice is an error naming
//! the row; a row a reviewer inserted may take an id between its neighbours', 12.5).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{
    Corpus, Limits, check_kind, corpus_error, kind_or_shape, parse_score, read_decoded, score_cell,
};
use crate::error::{Result, Warning};
use crate::export::csv::{NOT_TRANSLATION, TAIL, unguard_formula};
use crate::export::{DocScore, Languages, Record};
use crate::normalize::normalize;

/// The languages a sheet is read with when the caller gives none (`fr`, `en`: the defaults
/// of `--source-lang` and `--target-lang`).
fn default_languages() -> Languages {
    Languages {
        source: "fr".into(),
        target: "en".into(),
    }
}

/// The review sheet (see the module's documentation), within the default [`Limits`].
pub fn read_sheet(path: &Path) -> Result<Corpus> {
    read_sheet_with(path, &default_languages(), &Limits::default())
}

/// The review sheet within `limits`; `languages` choose the text columns among several.
pub fn read_sheet_with(path: &Path, languages: &Languages, limits: &Limits) -> Result<Corpus> {
    let decoded = read_decoded(path, limits)?;
    let mut corpus = parse_sheet_as(&decoded.text, path, languages, limits)?;
    if let Some(encoding) = decoded.guessed {
        let path = path.to_path_buf();
        corpus
            .warnings
            .insert(0, Warning::GuessedEncoding { path, encoding });
    }
    Ok(corpus)
}

/// The review sheet in `text`, read from `path`.
pub fn parse_sheet(text: &str, path: &Path, limits: &Limits) -> Result<Corpus> {
    parse_sheet_as(text, path, &default_languages(), limits)
}

/// The CSV review sheet in `text`: its cells, unguarded, read by [`read_rows`].
fn parse_sheet_as(
    text: &str,
    path: &Path,
    languages: &Languages,
    limits: &Limits,
) -> Result<Corpus> {
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
    let cells = |row: &csv::StringRecord| -> Vec<String> {
        row.iter().map(|c| unguard_formula(c).to_string()).collect()
    };
    let header = cells(&row);
    let rows = std::iter::from_fn(|| match next(&mut row) {
        Err(e) => Some(Err(e)),
        Ok(None) => None,
        Ok(Some(line)) if row.len() != header.len() && !is_blank(row.iter()) => {
            let message = format!(
                "{} fields where the header has {} (a lost column or an unquoted {:?}?)",
                row.len(),
                header.len(),
                delimiter as char
            );
            Some(Err(corpus_error(path, line, message)))
        }
        Ok(Some(line)) => Some(Ok((line, cells(&row)))),
    });
    read_rows(path, &header, languages, rows)
}

/// Whether every cell is blank: a line a spreadsheet left at the end, skipped.
fn is_blank<'a>(mut cells: impl Iterator<Item = &'a str>) -> bool {
    cells.all(|cell| cell.trim().is_empty())
}

/// A review sheet from its header and its rows (each with its line, or row, number), by the
/// rules of the module's documentation: the one reading of a sheet, CSV or xlsx.
pub(super) fn read_rows(
    path: &Path,
    header: &[String],
    languages: &Languages,
    rows: impl Iterator<Item = Result<(usize, Vec<String>)>>,
) -> Result<Corpus> {
    let columns =
        SheetColumns::from_header(header, languages).map_err(|m| corpus_error(path, 1, m))?;
    let mut warnings = Vec::new();
    if !columns.ignored.is_empty() {
        let columns = columns.ignored.clone();
        let path = path.to_path_buf();
        warnings.push(Warning::IgnoredColumns { path, columns });
    }
    let mut read: Vec<(f64, Option<Record>)> = Vec::new();
    let mut lines: HashMap<u64, usize> = HashMap::new();
    for row in rows {
        let (line, row) = row?;
        if is_blank(row.iter().map(String::as_str)) {
            continue;
        }
        let cell = |i: usize| row.get(i).map_or("", String::as_str);
        let id = match columns.id {
            Some(column) => parse_id(cell(column)).map_err(|m| corpus_error(path, line, m))?,
            None => read.len() as f64,
        };
        if let Some(first) = lines.insert((id + 0.0).to_bits(), line) {
            let message = format!(
                "id {} is also on line {first}",
                cell(columns.id.unwrap_or(0))
            );
            return Err(corpus_error(path, line, message));
        }
        let record = columns
            .record(&cell)
            .map_err(|m| corpus_error(path, line, m))?;
        read.push((id, record));
    }
    read.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(Ordering::Equal));
    let rejected = read.iter().filter(|(_, r)| r.is_none()).count();
    Ok(Corpus {
        languages: columns.languages.clone(),
        records: read.into_iter().filter_map(|(_, r)| r).collect(),
        rejected,
        warnings,
    })
}

/// A row's id: a number (`12`, or `12.5` for a row a reviewer inserted after 12; `12,5` from a
/// spreadsheet with French settings).
fn parse_id(cell: &str) -> std::result::Result<f64, String> {
    if cell.trim().is_empty() {
        return Err(
            "no id: every row needs one, rows are written in id order (a row you \
                    inserted after row 12 can take 12.5)"
                .into(),
        );
    }
    match parse_score(cell) {
        Some(id) if id.is_finite() => Ok(id),
        _ => Err(format!("id {cell:?} is not a number")),
    }
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

/// `;`, tab or `,`, whichever the header line has most of (`;`: Excel with French settings;
/// tab: Excel's "Unicode text", UTF-16 between tabs).
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |d: u8| first.bytes().filter(|&b| b == d).count();
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|&d| (count(d), d == b','))
        .unwrap_or(b',')
}

/// The columns a sheet has that are ours, besides the two text columns.
pub(crate) const KNOWN: [&str; 8] = [
    "id",
    "doc",
    "type",
    "score",
    "doc_score",
    "status",
    "comment",
    TRAINING,
];

/// The xlsx sheet's column that says which rows training formats leave out: for the reader,
/// not read back.
pub(crate) const TRAINING: &str = "training";

/// What a reviewer said of a row in `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Empty: kept as it is.
    Open,
    /// `ok`, `valide`, `validé`: kept, and no longer flagged as low confidence.
    Approved,
    /// `reject`, `rejeté`, `rejete`: dropped.
    Rejected,
}

/// The status words, in the order the xlsx list offers them.
pub(crate) const STATUS_WORDS: [&str; 4] = ["ok", "reject", "valide", "rejeté"];

/// A status cell, in any case, with or without accents.
pub(crate) fn parse_status(cell: &str) -> std::result::Result<Status, String> {
    let folded: String = cell
        .trim()
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .collect::<String>()
        .to_lowercase();
    match folded.as_str() {
        "" => Ok(Status::Open),
        "ok" | "valide" => Ok(Status::Approved),
        "reject" | "rejete" => Ok(Status::Rejected),
        _ => Err(format!(
            "status {cell:?}: expected ok (or valide), reject (or rejeté) or nothing"
        )),
    }
}

/// Whether a header looks like a language code (`fr`, `en-GB`, `pt-BR`): a primary subtag of
/// two or three letters, as ISO 639 codes are, and no column of ours.
fn looks_like_code(name: &str) -> bool {
    let primary = name.split('-').next().unwrap_or_default();
    (2..=3).contains(&primary.len()) && crate::config::check_language(name).is_ok()
}

/// Where the review sheet's columns are.
struct SheetColumns {
    languages: Languages,
    id: Option<usize>,
    doc: usize,
    source: usize,
    target: usize,
    kind: usize,
    score: usize,
    status: usize,
    /// Sheets written before the document score have neither.
    doc_score: Option<usize>,
    comment: Option<usize>,
    /// Columns none of ours, by name, in order.
    ignored: Vec<String>,
}

impl SheetColumns {
    fn from_header(header: &[String], asked: &Languages) -> std::result::Result<Self, String> {
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
        if let Some(twice) = names
            .iter()
            .find(|n| !n.is_empty() && !seen.insert(n.as_str()))
        {
            return Err(format!("two {twice:?} columns"));
        }
        let other: Vec<usize> = (0..names.len())
            .filter(|&i| !KNOWN.contains(&names[i].as_str()))
            .collect();
        let codes: Vec<usize> = other
            .iter()
            .copied()
            .filter(|&i| looks_like_code(&names[i]))
            .collect();
        let asked_pair = [&asked.source, &asked.target]
            .map(|code| names.iter().position(|n| n.eq_ignore_ascii_case(code)));
        // The languages asked for first: a reviewer may have moved the text columns.
        let (source, target) = match (asked_pair, &other[..], &codes[..]) {
            ([Some(s), Some(t)], _, _) if other.contains(&s) && other.contains(&t) => (s, t),
            (_, [s, t], _) | (_, _, [s, t]) => (*s, *t),
            _ => {
                return Err(format!(
                    "{} columns could be the two text columns: {expected}; found {:?} (give \
                     --source-lang and --target-lang to choose)",
                    other.len(),
                    names.join(",")
                ));
            }
        };
        let ignored = other
            .iter()
            .filter(|&&i| i != source && i != target)
            .map(|&i| match header[i].trim() {
                "" => format!("{} (no name)", i + 1),
                name => name.to_string(),
            })
            .collect();
        Ok(Self {
            languages: Languages {
                source: names[source].clone(),
                target: names[target].clone(),
            },
            id: find("id"),
            doc: find("doc").unwrap_or_default(),
            source,
            target,
            kind: find("type").unwrap_or_default(),
            score: find("score").unwrap_or_default(),
            status: find("status").unwrap_or_default(),
            doc_score: find("doc_score"),
            comment: find("comment"),
            ignored,
        })
    }

    /// The row's document score, if the sheet has one; marked as no translation while the
    /// comment still says so.
    fn doc_score<'a>(
        &self,
        cell: &dyn Fn(usize) -> &'a str,
    ) -> std::result::Result<Option<DocScore>, String> {
        let Some(column) = self.doc_score else {
            return Ok(None);
        };
        let score = score_cell(cell(column)).map_err(|m| format!("doc_score: {m}"))?;
        let refused = self
            .comment
            .is_some_and(|c| cell(c).trim_start().starts_with(NOT_TRANSLATION));
        Ok((!score.is_nan()).then_some(DocScore { score, refused }))
    }

    /// The reviewer's comment: the cell less the mark we wrote there
    /// (`not a translation (0.1234)`), if anything is left.
    fn comment<'a>(&self, cell: &dyn Fn(usize) -> &'a str) -> Option<String> {
        let text = cell(self.comment?).trim();
        let text = match text.strip_prefix(NOT_TRANSLATION) {
            Some(rest) => {
                let rest = rest.trim_start();
                match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
                    Some((_, after)) => after,
                    None => rest,
                }
            }
            None => text,
        };
        let text = normalize(text.trim());
        (!text.is_empty()).then_some(text)
    }

    /// The row's record, or `None` when the reviewer rejected it.
    fn record<'a>(
        &self,
        cell: &dyn Fn(usize) -> &'a str,
    ) -> std::result::Result<Option<Record>, String> {
        let status = parse_status(cell(self.status))?;
        if status == Status::Rejected {
            return Ok(None);
        }
        let score = score_cell(cell(self.score))?;
        let kind = cell(self.kind);
        check_kind(kind)?;
        // A reviewer's edit is text like any other: NFC, no control characters XML forbids.
        let text = |i: usize| normalize(cell(i)).trim_end_matches('\n').to_string();
        let (source, target) = (text(self.source), text(self.target));
        Ok(Some(Record {
            doc: cell(self.doc).to_string(),
            kind: kind_or_shape(kind, &source, &target),
            source,
            target,
            score,
            source_ids: Vec::new(),
            target_ids: Vec::new(),
            cost: None,
            doc_score: self.doc_score(cell)?,
            comment: self.comment(cell),
            approved: status == Status::Approved,
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

    #[test]
    fn french_status_words_in_any_case_with_or_without_accents() {
        for word in ["ok", "OK", "valide", "Validé", "VALIDÉ", "valide\u{301}"] {
            assert_eq!(parse_status(word), Ok(Status::Approved), "{word}");
        }
        for word in ["reject", "Rejeté", "rejete", "REJETÉ", " rejeté "] {
            assert_eq!(parse_status(word), Ok(Status::Rejected), "{word}");
        }
        assert_eq!(parse_status(" "), Ok(Status::Open));
        assert!(parse_status("peut-être").is_err());
        for word in STATUS_WORDS {
            assert_ne!(parse_status(word), Ok(Status::Open), "{word}");
        }
    }

    #[test]
    fn rows_come_back_in_id_order_and_a_missing_or_repeated_id_is_refused() {
        let header = "id,doc,fr,en,type,score,status,comment\n";
        let sorted_by_score = "3,a,Trois.,Three.,1-1,0.5,,\n\
                               1,a,Un.,One.,1-1,0.7,ok,\n\
                               2.5,a,Ajout.,Added.,1-1,,,\n\
                               2,a,Deux.,Two.,1-1,0.9,rejeté,\n";
        let read = sheet(&format!("{header}{sorted_by_score}")).unwrap();
        let sources: Vec<&str> = read.records.iter().map(|r| r.source.as_str()).collect();
        assert_eq!(sources, ["Un.", "Ajout.", "Trois."]);
        assert_eq!(read.rejected, 1);
        assert!(read.records[0].approved && !read.records[1].approved);
        let twice = sheet(&format!(
            "{header}1,a,Un.,One.,1-1,,,\n1,a,Deux.,Two.,1-1,,,\n"
        ));
        let twice = twice.unwrap_err().to_string();
        assert!(twice.contains("line 3: id 1 is also on line 2"), "{twice}");
        let none = sheet(&format!(
            "{header}1,a,Un.,One.,1-1,,,\n,a,Deux.,Two.,1-1,,,\n"
        ));
        let none = none.unwrap_err().to_string();
        assert!(none.contains("line 3: no id"), "{none}");
    }

    #[test]
    fn added_columns_are_named_in_one_warning_and_comments_kept() {
        let text = "reviewer,id,doc,fr,en,type,score,status,comment,notes\n\
                    Anne,1,a,Un.,One.,1-1,0.5,ok,vérifié,x\n\
                    Anne,2,a,Deux.,Two.,1-1,0.5,,not a translation (0.12) mais si,\n";
        let read = sheet(text).unwrap();
        assert_eq!(read.languages.source, "fr");
        assert_eq!(read.records[0].comment.as_deref(), Some("vérifié"));
        assert_eq!(read.records[1].comment.as_deref(), Some("mais si"));
        let [Warning::IgnoredColumns { columns, .. }] = &read.warnings[..] else {
            panic!("{:?}", read.warnings)
        };
        assert_eq!(columns, &["reviewer", "notes"]);
        // Text columns a reviewer swapped: the languages asked for say which is which.
        let swapped = sheet("id,doc,en,fr,type,score,status,comment\n1,a,One.,Un.,1-0,,,\n");
        let swapped = swapped.unwrap();
        assert_eq!(swapped.languages.source, "fr");
        assert_eq!(swapped.records[0].source, "Un.");
        // Two more code-like columns: the languages asked for choose.
        let text = "id,doc,de,fr,en,type,score,status,comment\n1,a,Eins.,Un.,One.,1-1,,,\n";
        let read = sheet(text).unwrap();
        assert_eq!(read.records[0].source, "Un.");
        let text = "id,doc,de,it,en,type,score,status,comment\n1,a,Eins.,Uno.,One.,1-1,,,\n";
        assert!(
            sheet(text)
                .unwrap_err()
                .to_string()
                .contains("--source-lang")
        );
    }

    #[test]
    fn a_tab_separated_sheet_reads_as_excel_s_unicode_text() {
        let text = "id\tdoc\tfr\ten\ttype\tscore\tstatus\tcomment\r\n\
                    1\ta\tUn, deux.\tOne; two.\t1-1\t0,5\tValidé\t\r\n";
        let read = sheet(text).unwrap();
        assert_eq!(read.records[0].source, "Un, deux.");
        assert_eq!(read.records[0].score, 0.5);
    }
}
