//! The review loop: the CSV sheet as a spreadsheet saves it, back to a corpus with `convert`;
//! and `stats` over our formats.

use crate::harness::*;

/// Aligns the news and museum pair to `sheet.csv` (with `extra` options) and reads it back.
fn sheet(h: &Harness, extra: &[&str]) -> String {
    let mut args = vec!["-o", "sheet.csv", "--quiet"];
    args.extend_from_slice(extra);
    h.align(&args).expect_code(0);
    h.read("sheet.csv")
}

/// A sheet written back by `builder`.
fn save(builder: &csv::WriterBuilder, header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = builder.from_writer(Vec::new());
    w.write_record(header).unwrap();
    for row in rows {
        w.write_record(row).unwrap();
    }
    w.into_inner().unwrap()
}

#[test]
fn review_round_trip_keeps_edits_and_drops_rejected_rows() {
    let h = news_and_museum();
    let (header, mut rows) = parse_csv(&sheet(&h, &[]));
    let pairs: Vec<usize> = (0..rows.len())
        .filter(|&k| !rows[k][2].is_empty() && !rows[k][3].is_empty())
        .collect();
    let (edited, rejected) = (pairs[0], pairs[1]);
    rows[edited][3] = "An edited, \"quoted\" translation,\nover two lines.".into();
    rows[edited][7] = "ok".into();
    rows[rejected][7] = "reject".into();
    rows[rejected][8] = "wrong pair".into();
    // Saved as a spreadsheet would: CRLF, every field quoted.
    let mut spreadsheet = csv::WriterBuilder::new();
    spreadsheet
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Always);
    h.write("reviewed.csv", save(&spreadsheet, &header, &rows));

    let run = h.run(&["convert", "reviewed.csv", "-o", "approved.tmx"]);
    run.expect_code(0);
    assert!(run.stderr.contains("1 rejected"), "{}", run.stderr);
    let tmx = parse_tmx(&h.read("approved.tmx"));
    // Exactly the sheet's pairs, in order, minus the rejected row, with the edit.
    let expected: Vec<(String, String, String, String)> = rows
        .iter()
        .enumerate()
        .filter(|(k, r)| *k != rejected && !r[2].is_empty() && !r[3].is_empty())
        .map(|(_, r)| (r[1].clone(), r[2].clone(), r[3].clone(), r[5].clone()))
        .collect();
    let got: Vec<(String, String, String, String)> = tmx
        .tus
        .iter()
        .map(|tu| {
            (
                tu.prop("x-doc").to_string(),
                tu.tuvs[0].1.clone(),
                tu.tuvs[1].1.clone(),
                tu.prop("x-score").to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert!(got.iter().any(|g| g.2.starts_with("An edited, \"quoted\"")));
    assert!(!got.iter().any(|g| g.1 == rows[rejected][2]));
}

#[test]
fn excel_sheet_has_bom_semicolons_and_guarded_formulas_and_converts_back() {
    let h = Harness::new();
    h.pair(
        "calc",
        "=SOMME(A1:A3) est une formule.\n-5 degrés ce matin.\n",
        "=SUM(A1:A3) is a formula.\n-5 degrees this morning.\n",
    );
    let text = sheet(&h, &["--excel"]);
    assert!(text.starts_with("\u{feff}id;doc;fr;en;type;score;doc_score;status;comment\r\n"));
    assert!(
        text.contains(";'=SOMME(A1:A3) est une formule.;'=SUM(A1:A3)"),
        "{text}"
    );
    assert!(text.contains(";'-5 degrés ce matin.;"), "{text}");
    h.run(&["convert", "sheet.csv", "-o", "back.jsonl"])
        .expect_code(0);
    let beads = parse_jsonl(&h.read("back.jsonl"));
    assert_eq!(beads[0].fr, "=SOMME(A1:A3) est une formule.");
    assert_eq!(beads[1].en, "-5 degrees this morning.");
}

#[test]
fn a_sheet_that_lost_its_header_or_a_column_is_refused_naming_the_row() {
    let h = news_and_museum();
    let text = sheet(&h, &[]);
    let without_header: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    h.write("no-header.csv", without_header);
    let run = h.run(&["convert", "no-header.csv", "-o", "x.tmx"]);
    run.expect_code(2);
    run.expect_stderr("no-header.csv: line 1:");
    assert!(!h.path("x.tmx").exists());

    // Drop the `score` field of the third data row only.
    let (header, mut rows) = parse_csv(&text);
    rows[2].remove(5);
    let mut ragged = csv::WriterBuilder::new();
    ragged.flexible(true);
    h.write("lost-column.csv", save(&ragged, &header, &rows));
    let run = h.run(&["convert", "lost-column.csv", "-o", "x.tmx"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("lost-column.csv: line 4: 8 fields where the header has 9"),
        "{}",
        run.stderr
    );
}

#[test]
fn convert_between_text_formats_keeps_every_pair() {
    let h = news_and_museum();
    h.align(&["-o", "c.jsonl", "--quiet"]).expect_code(0);
    let pairs: Vec<JsonBead> = parse_jsonl(&h.read("c.jsonl"))
        .into_iter()
        .filter(|b| !b.fr.is_empty() && !b.en.is_empty())
        .collect();
    h.run(&["convert", "c.jsonl", "-o", "c.tmx"]).expect_code(0);
    h.run(&["convert", "c.tmx", "-o", "c.tsv"]).expect_code(0);
    h.run(&["convert", "c.tsv", "-o", "c.moses"]).expect_code(0);
    h.run(&["convert", "c.en-fr.fr", "-o", "back.jsonl"])
        .expect_code(0);
    // Moses files carry text only: no document, no score.
    let back: Vec<(String, String)> = parse_jsonl_objects(&h.read("back.jsonl"))
        .iter()
        .map(|r| {
            (
                r["fr"].as_str().unwrap().into(),
                r["en"].as_str().unwrap().into(),
            )
        })
        .collect();
    let pairs: Vec<(String, String)> = pairs.into_iter().map(|b| (b.fr, b.en)).collect();
    assert_eq!(back, pairs);
    // Through TMX and TSV, documents and scores survive.
    let tsv = h.read("c.tsv");
    let first = tsv.lines().nth(1).unwrap();
    assert!(
        first.ends_with("\tmuseum") || first.ends_with("\tnews"),
        "{first}"
    );
}

#[test]
fn convert_quiet_prints_no_summary() {
    let h = news_and_museum();
    h.align(&["-o", "c.jsonl", "--quiet"]).expect_code(0);
    let loud = h.run(&["convert", "c.jsonl", "-o", "c.tmx"]);
    assert!(
        loud.expect_code(0).stderr.starts_with("Converted "),
        "{loud:?}"
    );
    let quiet = h.run(&["convert", "c.jsonl", "-o", "q.tmx", "--quiet"]);
    assert_eq!(quiet.expect_code(0).stderr, "");
    assert_eq!(h.read("q.tmx"), h.read("c.tmx"));
}

#[test]
fn stats_reports_pairs_histograms_and_weakest_documents() {
    let h = news_and_museum();
    h.align(&["-o", "c.jsonl", "--quiet"]).expect_code(0);
    let beads = parse_jsonl(&h.read("c.jsonl"));
    let pairs = beads
        .iter()
        .filter(|b| !b.fr.is_empty() && !b.en.is_empty())
        .count();
    let run = h.run(&["stats", "c.jsonl", "--json"]);
    run.expect_code(0);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stats["pairs"], pairs);
    assert_eq!(stats["unaligned"], beads.len() - pairs);
    let confidence: u64 = stats["confidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(confidence as usize, pairs);
    assert_eq!(stats["weakest_documents"].as_array().unwrap().len(), 2);
    let text = h.run(&["stats", "c.jsonl"]);
    text.expect_code(0);
    assert!(
        text.stdout.contains(&format!("pairs        {pairs}")),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("length ratio"));
}
