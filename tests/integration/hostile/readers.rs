//! Hostile input: the corpus readers of `convert` and `stats` (the review sheet, TSV, JSON
//! Lines, a Moses pair) and the JSON Lines stream of `--stdin`. A reader gives back all of the
//! file or an error naming it and the line; it never lets a record absorb the ones after it,
//! and its work is bounded.

use crate::harness::*;

const SHEET_HEADER: &str = "id,doc,fr,en,type,score,status,comment\n";
const TSV_HEADER: &str = "src_text\ttrg_text\tscore\ttype\tdoc\n";

/// `bitext convert INPUT -o OUTPUT`, expecting exit code `code`; its stderr.
#[track_caller]
fn convert(h: &Harness, input: &str, output: &str, code: i32) -> String {
    h.run(&["convert", input, "-o", output])
        .expect_code(code)
        .stderr
        .clone()
}

/// A refused conversion: exit code 2, nothing written, and stderr naming `expected`.
#[track_caller]
fn refused(h: &Harness, input: &str, expected: &str) {
    let stderr = convert(h, input, "out.jsonl", 2);
    assert!(stderr.contains(expected), "{stderr}");
    assert!(!h.path("out.jsonl").exists(), "nothing is written");
}

/// A JSONL corpus line as our writer writes it.
fn jsonl_row(doc: &str, fr: &str, en: &str, score: &str) -> String {
    format!(
        "{{\"doc\":\"{doc}\",\"fr\":\"{fr}\",\"en\":\"{en}\",\"type\":\"1-1\",\"score\":{score},\
         \"fr_ids\":[0],\"en_ids\":[0]}}\n"
    )
}

/// A stream record.
fn record(doc: &str, fr: &str, en: &str) -> String {
    format!("{{\"doc\":\"{doc}\",\"fr\":\"{fr}\",\"en\":\"{en}\"}}\n")
}

/// `bitext align --stdin -q` on `input` with `extra` arguments, expecting `code`: the beads.
#[track_caller]
fn stream(h: &Harness, input: &str, extra: &[&str], code: i32) -> (Vec<JsonBead>, String) {
    let mut args = vec!["align", "--stdin", "-q"];
    args.extend_from_slice(extra);
    let run = h.run_with_stdin(&args, input.as_bytes());
    run.expect_code(code);
    (parse_jsonl(&run.stdout), run.stderr.clone())
}

// The review sheet

#[test]
fn a_sheet_with_an_unclosed_quote_is_refused_not_swallowing_the_rows_after_it() {
    let h = Harness::new();
    h.write(
        "sheet.csv",
        format!(
            "{SHEET_HEADER}1,a,Oui.,Yes.,1-1,0.9,,\"oops\n2,a,Non.,No.,1-1,0.9,,\n\
             3,a,Peut-être.,Maybe.,1-1,0.9,,\n"
        ),
    );
    refused(
        &h,
        "sheet.csv",
        "sheet.csv: line 2: a quoted cell opened on this line is never closed",
    );
}

#[test]
fn a_sheet_side_a_reviewer_blanked_with_spaces_is_no_pair_in_the_tmx() {
    let h = Harness::new();
    h.write(
        "sheet.csv",
        format!("{SHEET_HEADER}1,a,Oui.,Yes.,1-1,0.9,,\n2,a,Non.,\"   \",1-1,0.9,,\n"),
    );
    convert(&h, "sheet.csv", "out.tmx", 0);
    let tmx = parse_tmx(&h.read("out.tmx"));
    let texts: Vec<Vec<(String, String)>> = tmx.tus.iter().map(|tu| tu.tuvs.clone()).collect();
    let pair = |fr: &str, en: &str| vec![("fr".into(), fr.into()), ("en".into(), en.into())];
    assert_eq!(
        texts,
        [pair("Oui.", "Yes.")],
        "a blank side is a 1-0 bead, left out"
    );
}

#[test]
fn a_sheet_cell_with_text_after_its_closing_quote_is_refused() {
    let h = Harness::new();
    h.write(
        "sheet.csv",
        format!("{SHEET_HEADER}1,a,\"Il dit \"oui\".\",Yes.,1-1,0.9,,\n"),
    );
    refused(
        &h,
        "sheet.csv",
        "sheet.csv: line 2: text after the closing quote",
    );
}

#[test]
fn a_sheet_score_out_of_range_is_refused_with_its_line() {
    let h = Harness::new();
    h.write(
        "sheet.csv",
        format!("{SHEET_HEADER}1,a,Oui.,Yes.,1-1,0.9,,\n2,a,Non.,No.,1-1,93,,\n"),
    );
    refused(&h, "sheet.csv", "sheet.csv: line 3: score \"93\"");
}

#[test]
fn a_sheet_type_that_is_not_n_m_is_refused_with_its_line() {
    let h = Harness::new();
    h.write(
        "sheet.csv",
        format!("{SHEET_HEADER}1,a,Oui.,Yes.,one,0.9,,\n"),
    );
    refused(&h, "sheet.csv", "sheet.csv: line 2: type \"one\"");
}

#[test]
fn a_sheet_with_a_column_twice_is_refused() {
    let h = Harness::new();
    h.write(
        "sheet.csv",
        "id,doc,fr,en,type,score,score,status,comment\n1,a,Oui.,Yes.,1-1,0.9,0.1,,\n",
    );
    refused(&h, "sheet.csv", "sheet.csv: line 1: two \"score\" columns");
}

#[test]
fn a_moses_pair_made_a_sheet_converts_back_with_no_score() {
    let h = Harness::new();
    h.write("c.en-fr.fr", "Oui.\nNon.\n");
    h.write("c.en-fr.en", "Yes.\nNo.\n");
    convert(&h, "c.en-fr.fr", "sheet.csv", 0);
    let stderr = convert(&h, "sheet.csv", "back.jsonl", 0);
    assert!(stderr.contains("Converted 2 record(s)"), "{stderr}");
    let rows = parse_jsonl_objects(&h.read("back.jsonl"));
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["score"].is_null(), "{:?}", rows[0]);
}

// TSV

#[test]
fn a_tsv_row_with_a_stray_quote_keeps_it_and_the_rows_after_it() {
    let h = Harness::new();
    h.write(
        "c.tsv",
        format!("{TSV_HEADER}\"Oui.\tYes.\t0.9\t1-1\ta\nNon.\tNo.\t0.8\t1-1\ta\n"),
    );
    convert(&h, "c.tsv", "out.jsonl", 0);
    let beads = parse_jsonl(&h.read("out.jsonl"));
    let texts: Vec<&str> = beads.iter().map(|b| b.fr.as_str()).collect();
    assert_eq!(texts, ["\"Oui.", "Non."]);
}

#[test]
fn a_tsv_score_that_is_not_a_number_is_refused_with_its_line() {
    let h = Harness::new();
    h.write(
        "c.tsv",
        format!("{TSV_HEADER}Oui.\tYes.\t0.9\t1-1\ta\nNon.\tNo.\tbad\t1-1\ta\n"),
    );
    refused(&h, "c.tsv", "c.tsv: line 3: score \"bad\"");
}

#[test]
fn a_tsv_with_a_carriage_return_inside_a_line_is_refused_with_its_line() {
    let h = Harness::new();
    h.write(
        "c.tsv",
        format!("{TSV_HEADER}Oui.\tYes.\t0.9\t1-1\ta\nNon.\rPeut-être.\tNo.\t0.8\t1-1\ta\n"),
    );
    refused(
        &h,
        "c.tsv",
        "c.tsv: line 3: a carriage return inside the line",
    );
}

#[test]
fn a_tsv_field_quoted_by_a_spreadsheet_is_refused() {
    let h = Harness::new();
    h.write(
        "c.tsv",
        format!("{TSV_HEADER}\"Il dit \"\"oui\"\".\"\tHe says yes.\t0.9\t1-1\ta\n"),
    );
    refused(&h, "c.tsv", "c.tsv: line 2: src_text");
}

#[test]
fn a_tsv_cut_short_in_a_record_is_refused_but_a_last_line_without_newline_is_read() {
    let h = Harness::new();
    h.write(
        "cut.tsv",
        format!("{TSV_HEADER}Oui.\tYes.\t0.9\t1-1\ta\nNon.\tNo."),
    );
    refused(
        &h,
        "cut.tsv",
        "cut.tsv: line 3: 2 fields where 5 are needed",
    );
    h.write("whole.tsv", format!("{TSV_HEADER}Oui.\tYes.\t0.9\t1-1\ta"));
    convert(&h, "whole.tsv", "whole.jsonl", 0);
    assert_eq!(parse_jsonl(&h.read("whole.jsonl")).len(), 1);
}

// JSON Lines

#[test]
fn a_jsonl_without_ids_converts_under_the_languages_asked_not_refused() {
    let h = Harness::new();
    h.write(
        "pairs.jsonl",
        "{\"doc\":\"a\",\"fr\":\"Oui.\",\"en\":\"Yes.\"}\n{\"doc\":\"a\",\"fr\":\"Non.\",\"en\":\"No.\"}\n",
    );
    convert(&h, "pairs.jsonl", "out.tsv", 0);
    let tsv = h.read("out.tsv");
    assert_eq!(tsv.lines().count(), 3, "{tsv}");
    assert!(tsv.contains("Non.\tNo.\t"), "{tsv}");
    h.write(
        "de.jsonl",
        "{\"doc\":\"a\",\"de\":\"Ja.\",\"en\":\"Yes.\"}\n",
    );
    refused(
        &h,
        "de.jsonl",
        "de.jsonl: line 1: no two `<lang>` / `<lang>_ids` keys, nor the keys \"fr\" and \"en\"",
    );
}

#[test]
fn a_jsonl_score_that_is_a_string_is_refused_with_its_line() {
    let h = Harness::new();
    h.write(
        "c.jsonl",
        [
            jsonl_row("a", "Oui.", "Yes.", "0.9"),
            jsonl_row("a", "Non.", "No.", "\"0.8\""),
        ]
        .concat(),
    );
    refused(&h, "c.jsonl", "c.jsonl: line 2: \"score\" is a string");
}

#[test]
fn jsonl_ids_that_are_not_numbers_are_refused_with_their_line() {
    let h = Harness::new();
    let row = jsonl_row("a", "Oui.", "Yes.", "0.9").replace("\"fr_ids\":[0]", "\"fr_ids\":[\"0\"]");
    h.write("c.jsonl", row);
    refused(
        &h,
        "c.jsonl",
        "c.jsonl: line 1: \"fr_ids\" is not an array of whole numbers",
    );
}

#[test]
fn a_jsonl_line_without_its_text_key_is_refused_not_read_as_empty() {
    let h = Harness::new();
    let row = jsonl_row("a", "Non.", "No.", "0.8").replace("\"en\":\"No.\",", "");
    h.write(
        "c.jsonl",
        [jsonl_row("a", "Oui.", "Yes.", "0.9"), row].concat(),
    );
    refused(&h, "c.jsonl", "c.jsonl: line 2: no \"en\" key");
}

#[test]
fn a_jsonl_key_given_twice_is_refused() {
    let h = Harness::new();
    let row = jsonl_row("a", "Oui.", "Yes.", "0.9").replace("\"en\":", "\"fr\":\"Non.\",\"en\":");
    h.write("c.jsonl", row);
    refused(
        &h,
        "c.jsonl",
        "c.jsonl: line 1: the key \"fr\" is given twice",
    );
}

#[test]
fn a_jsonl_cut_short_in_a_record_is_refused_with_its_line() {
    let h = Harness::new();
    let whole = jsonl_row("a", "Oui.", "Yes.", "0.9");
    h.write("c.jsonl", format!("{whole}{}", &whole[..30]));
    refused(&h, "c.jsonl", "c.jsonl: line 2: not JSON");
}

// Moses

#[test]
fn a_moses_line_with_a_carriage_return_is_refused_with_its_line() {
    let h = Harness::new();
    h.write("c.en-fr.fr", "Oui.\nNon.\rPeut-être.\n");
    h.write("c.en-fr.en", "Yes.\nNo. Maybe.\n");
    refused(
        &h,
        "c.en-fr.en",
        "c.en-fr.fr: line 2: a carriage return inside the line",
    );
}

#[test]
fn a_moses_pair_with_different_line_counts_is_refused() {
    let h = Harness::new();
    h.write("c.en-fr.fr", "Oui.\nNon.\nPeut-être.");
    h.write("c.en-fr.en", "Yes.\nNo.\n");
    refused(&h, "c.en-fr.fr", "c.en-fr.en: line 3: 2 lines where");
}

#[test]
fn a_moses_pair_with_crlf_line_ends_is_read_line_for_line() {
    let h = Harness::new();
    h.write("c.en-fr.fr", "Oui.\r\nNon.\r\n");
    h.write("c.en-fr.en", "Yes.\r\nNo.");
    convert(&h, "c.en-fr.fr", "out.jsonl", 0);
    let beads = parse_jsonl_objects(&h.read("out.jsonl"));
    let pairs: Vec<(&str, &str)> = beads
        .iter()
        .map(|b| (b["fr"].as_str().unwrap(), b["en"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs, [("Oui.", "Yes."), ("Non.", "No.")]);
}

// Bounds on corpus files

#[test]
fn a_corpus_over_max_corpus_bytes_is_not_read() {
    let h = Harness::new();
    let rows: String = (0..100)
        .map(|k| jsonl_row("a", "Oui.", &format!("Yes {k}."), "0.9"))
        .collect();
    h.write("c.jsonl", rows);
    let run = h.run(&["stats", "c.jsonl", "--max-corpus-bytes", "1K"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("more than --max-corpus-bytes (1024)"),
        "{}",
        run.stderr
    );
    h.run(&["stats", "c.jsonl"]).expect_code(0);
}

#[test]
fn a_record_over_max_record_bytes_is_refused_with_its_line() {
    let h = Harness::new();
    let long = "Oui. ".repeat(1000);
    h.write(
        "c.tsv",
        format!("{TSV_HEADER}Oui.\tYes.\t0.9\t1-1\ta\n{long}\tYes.\t0.9\t1-1\ta\n"),
    );
    let run = h.run(&["stats", "c.tsv", "--max-record-bytes", "1K"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("c.tsv: line 3: a record of 5015 bytes, more than --max-record-bytes"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sheet_row_over_max_record_bytes_is_refused_with_its_line() {
    let h = Harness::new();
    let long = "Oui.\n".repeat(300);
    h.write(
        "sheet.csv",
        format!("{SHEET_HEADER}1,a,Oui.,Yes.,1-1,0.9,,\n2,a,\"{long}\",Yes.,1-1,0.9,,\n"),
    );
    let run = h.run(&["stats", "sheet.csv", "--max-record-bytes", "1K"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("sheet.csv: line 3: a record of"),
        "{}",
        run.stderr
    );
}

// The stream of `--stdin`

#[test]
fn a_stream_line_over_max_doc_bytes_is_skipped_and_the_rest_aligned() {
    let h = Harness::new();
    let long = record("big", &"Une phrase. ".repeat(10_000), "A sentence.");
    let input = [long, record("small", "Le vote.", "The vote.")].concat();
    let (beads, stderr) = stream(&h, &input, &["--max-doc-bytes", "1K"], 1);
    assert!(
        stderr.contains(
            "line 1: a line of 120041 bytes, more than 68608 (three times --max-doc-bytes"
        ),
        "{stderr}"
    );
    assert_eq!(doc_order(&beads), ["small"]);
}

#[test]
fn a_stream_side_over_max_doc_bytes_is_refused_like_a_file() {
    let h = Harness::new();
    let input = [
        record("big", &"Une phrase. ".repeat(200), "A sentence."),
        record("small", "Le vote.", "The vote."),
    ]
    .concat();
    let (beads, stderr) = stream(&h, &input, &["--max-doc-bytes", "1K"], 1);
    assert!(
        stderr.contains(
            "line 1 (document \"big\"): the fr side has 2400 bytes, more than --max-doc-bytes (1024)"
        ),
        "{stderr}"
    );
    assert_eq!(doc_order(&beads), ["small"]);
}

#[test]
fn a_stream_record_with_a_key_twice_is_refused() {
    let h = Harness::new();
    let twice = "{\"doc\":\"a\",\"fr\":\"Un.\",\"fr\":\"Deux.\",\"en\":\"Two.\"}\n";
    let input = [twice, &record("b", "Le vote.", "The vote.")].concat();
    let (beads, stderr) = stream(&h, &input, &[], 1);
    assert!(
        stderr.contains("line 1: the key \"fr\" is given twice"),
        "{stderr}"
    );
    assert_eq!(doc_order(&beads), ["b"]);
}

#[test]
fn a_stream_opening_with_a_byte_order_mark_loses_no_record() {
    let h = Harness::new();
    let input = format!("\u{feff}{}", record("a", "Le vote.", "The vote."));
    let (beads, _) = stream(&h, &input, &[], 0);
    assert_eq!(doc_order(&beads), ["a"]);
}

#[test]
fn a_stream_with_crlf_line_ends_is_read() {
    let h = Harness::new();
    let input = [
        record("a", "Le vote.", "The vote."),
        record("b", "Oui.", "Yes."),
    ]
    .concat()
    .replace('\n', "\r\n");
    let (beads, _) = stream(&h, &input, &[], 0);
    assert_eq!(doc_order(&beads), ["a", "b"]);
}

#[test]
fn a_stream_record_of_another_language_pair_names_its_keys() {
    let h = Harness::new();
    let input = [
        "{\"doc\":\"a\",\"de\":\"Die Abstimmung.\",\"en\":\"The vote.\"}\n",
        &record("b", "Le vote.", "The vote."),
    ]
    .concat();
    let (beads, stderr) = stream(&h, &input, &[], 1);
    assert!(
        stderr.contains("line 1 (document \"a\"): no field \"fr\" (it has \"de\""),
        "{stderr}"
    );
    assert_eq!(doc_order(&beads), ["b"]);
}

#[test]
fn a_stream_doc_name_that_is_not_a_string_is_refused() {
    let h = Harness::new();
    let input = [
        "{\"doc\":[\"a\"],\"fr\":\"Le vote.\",\"en\":\"The vote.\"}\n",
        &record("b", "Le vote.", "The vote."),
    ]
    .concat();
    let (beads, stderr) = stream(&h, &input, &[], 1);
    assert!(
        stderr.contains("line 1: field \"doc\" is not a string"),
        "{stderr}"
    );
    assert_eq!(doc_order(&beads), ["b"]);
}

#[test]
fn a_stream_cut_short_in_a_record_is_refused_with_its_line() {
    let h = Harness::new();
    let whole = record("a", "Le vote.", "The vote.");
    let input = format!("{whole}{}", &whole[..20]);
    let (beads, stderr) = stream(&h, &input, &[], 1);
    assert!(stderr.contains("line 2: not JSON"), "{stderr}");
    assert_eq!(doc_order(&beads), ["a"]);
}

#[test]
fn split_of_a_document_over_max_doc_bytes_is_refused_unread() {
    let h = Harness::new();
    h.write("long.txt", "Une phrase. ".repeat(200));
    let run = h.run(&["split", "long.txt", "--max-doc-bytes", "1K"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("more than --max-doc-bytes (1024)"),
        "{}",
        run.stderr
    );
    let piped = h.run_with_stdin(
        &["split", "--max-doc-bytes", "1K"],
        h.read("long.txt").as_bytes(),
    );
    piped.expect_code(2);
    assert!(
        piped.stderr.contains("<stdin>: 1025 bytes"),
        "{}",
        piped.stderr
    );
}
