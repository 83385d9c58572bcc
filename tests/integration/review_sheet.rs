//! The review sheet as reviewers' spreadsheets save it (issue 22): formulas guarded and
//! unguarded, Excel's decimal comma, Windows-1252 and UTF-16 sheets, added columns, French
//! status words, comments, rows sorted by another column. Each sheet is written here with the
//! bytes the spreadsheet writes, so no spreadsheet is needed.

use crate::harness::*;

/// `sheet.csv` of the news and museum pair (with `extra` options), as header and rows.
fn aligned_sheet(h: &Harness, extra: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut args = vec!["-o", "sheet.csv", "--quiet"];
    args.extend_from_slice(extra);
    h.align(&args).expect_code(0);
    parse_csv(&h.read("sheet.csv"))
}

/// A sheet's bytes as `builder` writes them.
fn saved(builder: &csv::WriterBuilder, header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = builder.from_writer(Vec::new());
    w.write_record(header).unwrap();
    for row in rows {
        w.write_record(row).unwrap();
    }
    w.into_inner().unwrap()
}

/// `convert INPUT -o back.jsonl` (with `extra`): its run and the JSON objects written.
fn convert_to_jsonl(
    h: &Harness,
    input: &str,
    extra: &[&str],
) -> (Run, Vec<serde_json::Map<String, serde_json::Value>>) {
    let mut args = vec!["convert", input, "-o", "back.jsonl"];
    args.extend_from_slice(extra);
    let run = h.run(&args);
    let objects = if run.code == 0 {
        parse_jsonl_objects(&h.read("back.jsonl"))
    } else {
        Vec::new()
    };
    (run, objects)
}

/// The texts of converted records: (doc, fr, en).
fn texts(objects: &[serde_json::Map<String, serde_json::Value>]) -> Vec<[String; 3]> {
    let text = |o: &serde_json::Map<_, _>, k: &str| o[k].as_str().unwrap().to_string();
    objects
        .iter()
        .map(|o| [text(o, "doc"), text(o, "fr"), text(o, "en")])
        .collect()
}

/// What LibreOffice Calc saved of the old, unguarded sheet: both text cells of a formula-
/// looking pair became `Err:509`, and `convert` wrote that pair into the approved TMX.
#[test]
fn formula_looking_cells_are_guarded_so_calc_keeps_them_and_convert_unguards() {
    let h = Harness::new();
    h.pair(
        "calc",
        "=SOMME(A1:A3) est une formule.\n\n'Tis est un vieux mot.\n\n@marie a répondu.\n",
        "=SUM(A1:A3) is a formula.\n\n'Tis is an old word.\n\n@marie replied.\n",
    );
    h.align(&["-o", "sheet.csv", "--quiet"]).expect_code(0);
    let text = h.read("sheet.csv");
    assert!(
        text.contains(",'=SOMME(A1:A3) est une formule.,'=SUM(A1:A3) is a formula.,"),
        "the plain sheet guards formulas too: {text}"
    );
    assert!(text.contains(",''Tis est un vieux mot.,"), "{text}");
    assert!(text.contains(",'@marie a répondu.,"), "{text}");
    // Calc shows a guarded cell as text and saves it as it read it: LF, quotes as needed.
    let (header, rows) = parse_csv(&text);
    h.write(
        "calc.csv",
        saved(&csv::WriterBuilder::new(), &header, &rows),
    );
    let run = h.run(&["convert", "calc.csv", "-o", "approved.tmx"]);
    run.expect_code(0);
    let tmx = parse_tmx(&h.read("approved.tmx"));
    let segs: Vec<&str> = tmx.tus.iter().map(|tu| tu.tuvs[0].1.as_str()).collect();
    assert_eq!(
        segs,
        [
            "=SOMME(A1:A3) est une formule.",
            "'Tis est un vieux mot.",
            "@marie a répondu."
        ]
    );
    assert!(!h.read("approved.tmx").contains("Err:509"));
}

#[test]
fn excel_sheet_writes_a_decimal_comma_and_convert_reads_both() {
    let h = news_and_museum();
    let (_, plain) = aligned_sheet(&h, &[]);
    h.align(&["-o", "excel.csv", "--quiet", "--excel"])
        .expect_code(0);
    let text = h.read("excel.csv");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let excel: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(excel.len(), plain.len());
    for (row, plain) in excel.iter().zip(&plain) {
        for column in [5, 6] {
            let cell = &row[column];
            assert!(
                cell.len() == 6 && cell.as_bytes()[1] == b',' && !cell.contains('.'),
                "{cell:?} is no French decimal"
            );
            assert_eq!(cell.replace(',', "."), plain[column]);
        }
    }
    let (run, from_excel) = convert_to_jsonl(&h, "excel.csv", &[]);
    run.expect_code(0);
    let (_, from_plain) = convert_to_jsonl(&h, "sheet.csv", &[]);
    assert_eq!(from_excel, from_plain);
}

/// Excel's "CSV (séparateur: point-virgule)" writes Windows-1252 without a BOM; its "Texte
/// Unicode" writes UTF-16LE with a BOM, tabs between cells.
#[test]
fn windows_1252_and_utf_16_sheets_convert_like_the_utf_8_one() {
    let h = news_and_museum();
    let (header, rows) = aligned_sheet(&h, &[]);
    let (_, expected) = convert_to_jsonl(&h, "sheet.csv", &[]);
    assert!(texts(&expected).iter().any(|t| t[1].contains('’')));

    let mut excel = csv::WriterBuilder::new();
    excel.delimiter(b';').terminator(csv::Terminator::CRLF);
    let utf8 = String::from_utf8(saved(&excel, &header, &rows)).unwrap();
    let (cp1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(&utf8);
    assert!(!lossy);
    h.write("cp1252.csv", &cp1252);
    let (run, read) = convert_to_jsonl(&h, "cp1252.csv", &[]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("cp1252.csv: not UTF-8, guessed windows-1252"),
        "{}",
        run.stderr
    );
    assert_eq!(texts(&read), texts(&expected));
    let (run, read) = convert_to_jsonl(&h, "cp1252.csv", &["--encoding", "windows-1252"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("guessed"), "{}", run.stderr);
    assert_eq!(texts(&read), texts(&expected));

    let mut unicode_text = csv::WriterBuilder::new();
    unicode_text
        .delimiter(b'\t')
        .terminator(csv::Terminator::CRLF);
    let tabs = String::from_utf8(saved(&unicode_text, &header, &rows)).unwrap();
    let utf16: Vec<u8> = tabs.encode_utf16().flat_map(u16::to_le_bytes).collect();
    h.write("utf16-bom.txt", [&[0xFF, 0xFE][..], &utf16].concat());
    let (run, read) = convert_to_jsonl(&h, "utf16-bom.txt", &["--from", "csv"]);
    run.expect_code(0);
    assert_eq!(texts(&read), texts(&expected));
    h.write("utf16.csv", &utf16);
    let (run, read) = convert_to_jsonl(&h, "utf16.csv", &["--encoding", "utf-16le"]);
    run.expect_code(0);
    assert_eq!(texts(&read), texts(&expected));
}

#[test]
fn added_columns_are_ignored_with_one_warning_naming_them() {
    let h = news_and_museum();
    let (mut header, mut rows) = aligned_sheet(&h, &[]);
    let (_, expected) = convert_to_jsonl(&h, "sheet.csv", &[]);
    header.insert(0, "Relecteur".into());
    header.push("Remarques".into());
    for row in &mut rows {
        row.insert(0, "Anne".into());
        row.push("à revoir".into());
    }
    h.write(
        "added.csv",
        saved(&csv::WriterBuilder::new(), &header, &rows),
    );
    let (run, read) = convert_to_jsonl(&h, "added.csv", &[]);
    run.expect_code(0);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("ignored"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].contains("column(s) Relecteur, Remarques ignored"),
        "{}",
        run.stderr
    );
    assert_eq!(texts(&read), texts(&expected));
}

#[test]
fn french_status_words_and_comments_reach_tmx_and_jsonl_and_approval_drops_the_doubt_note() {
    let h = news_and_museum();
    let (header, mut rows) = aligned_sheet(&h, &[]);
    let pairs: Vec<usize> = (0..rows.len())
        .filter(|&k| !rows[k][2].is_empty() && !rows[k][3].is_empty())
        .collect();
    assert!(pairs.len() >= 5, "{rows:?}");
    // The weakest pair is approved: its "low confidence" note must go.
    let weakest = *pairs
        .iter()
        .min_by(|&&a, &&b| rows[a][5].partial_cmp(&rows[b][5]).unwrap())
        .unwrap();
    let others: Vec<usize> = pairs.iter().copied().filter(|&k| k != weakest).collect();
    rows[weakest][5] = "0.5".into();
    rows[weakest][7] = "Validé".into();
    rows[weakest][8] = "vérifié par Anne".into();
    rows[others[0]][7] = "REJETÉ".into();
    rows[others[1]][7] = "rejete".into();
    rows[others[2]][7] = "valide".into();
    rows[others[3]][8] = "=à revoir".into();
    h.write("fr.csv", saved(&csv::WriterBuilder::new(), &header, &rows));

    let run = h.run(&["convert", "fr.csv", "-o", "approved.tmx"]);
    run.expect_code(0);
    assert!(run.stderr.contains("2 rejected"), "{}", run.stderr);
    let tmx = parse_tmx(&h.read("approved.tmx"));
    let tu = |k: usize| {
        tmx.tus
            .iter()
            .find(|tu| tu.tuvs[0].1 == rows[k][2])
            .unwrap_or_else(|| panic!("row {k} not in the TMX"))
    };
    assert_eq!(tu(weakest).notes, ["vérifié par Anne"]);
    assert_eq!(tu(others[3]).notes.last().unwrap(), "=à revoir");
    for k in [others[0], others[1]] {
        assert!(!tmx.tus.iter().any(|tu| tu.tuvs[0].1 == rows[k][2]));
    }

    let (run, read) = convert_to_jsonl(&h, "fr.csv", &[]);
    run.expect_code(0);
    let comment = |k: usize| {
        read.iter()
            .find(|o| o["fr"] == rows[k][2].as_str())
            .and_then(|o| o.get("comment"))
            .and_then(|c| c.as_str())
            .map(str::to_string)
    };
    assert_eq!(comment(weakest).as_deref(), Some("vérifié par Anne"));
    assert_eq!(comment(others[2]), None);
    assert_eq!(
        read.iter().filter(|o| o.get("status").is_some()).count(),
        2,
        "the two approved rows say so"
    );
    // And back: a JSONL comment is a TMX note too, an approval drops the doubt; and a sheet
    // converted to a workbook keeps its review: the same TMX comes out of it.
    h.run(&["convert", "back.jsonl", "-o", "again.tmx"])
        .expect_code(0);
    assert_eq!(h.read("again.tmx"), h.read("approved.tmx"));
    h.run(&["convert", "fr.csv", "-o", "fr.xlsx"])
        .expect_code(0);
    h.run(&["convert", "fr.xlsx", "-o", "from-xlsx.tmx"])
        .expect_code(0);
    assert_eq!(h.read("from-xlsx.tmx"), h.read("approved.tmx"));
    // A JSONL line marked `reject` (as a review page may write it) is dropped.
    let mut lines: Vec<String> = h.read("back.jsonl").lines().map(str::to_string).collect();
    let open = lines
        .iter()
        .position(|l| !l.contains("\"status\""))
        .unwrap();
    lines[open] = lines[open].replacen('{', "{\"status\":\"rejeté\",", 1);
    h.write("marked.jsonl", lines.join("\n"));
    let run = h.run(&["convert", "marked.jsonl", "-o", "marked.tmx"]);
    run.expect_code(0);
    assert!(run.stderr.contains("1 rejected"), "{}", run.stderr);
}

#[test]
fn rows_are_written_in_id_order_however_the_sheet_was_sorted() {
    let h = news_and_museum();
    let (header, mut rows) = aligned_sheet(&h, &[]);
    let (_, expected) = convert_to_jsonl(&h, "sheet.csv", &[]);
    // Sorted by score, highest first, as a reviewer sorts to check the weakest last.
    rows.reverse();
    rows.sort_by(|a, b| b[5].partial_cmp(&a[5]).unwrap());
    assert_ne!(rows[0][0], "1");
    h.write(
        "sorted.csv",
        saved(&csv::WriterBuilder::new(), &header, &rows),
    );
    let (run, read) = convert_to_jsonl(&h, "sorted.csv", &[]);
    run.expect_code(0);
    assert_eq!(read, expected);

    let mut twice = rows.clone();
    twice[3][0] = twice[1][0].clone();
    h.write(
        "twice.csv",
        saved(&csv::WriterBuilder::new(), &header, &twice),
    );
    let run = h.run(&["convert", "twice.csv", "-o", "x.tmx"]);
    run.expect_code(2);
    let message = format!("twice.csv: line 5: id {} is also on line 3", twice[1][0]);
    assert!(run.stderr.contains(&message), "{}", run.stderr);
    let mut missing = rows;
    missing[2][0] = String::new();
    h.write(
        "missing.csv",
        saved(&csv::WriterBuilder::new(), &header, &missing),
    );
    let run = h.run(&["convert", "missing.csv", "-o", "x.tmx"]);
    run.expect_code(2);
    run.expect_stderr("missing.csv: line 4: no id");
    assert!(!h.path("x.tmx").exists());
}

/// The cells of a workbook's sheet as text, as calamine reads them.
fn workbook_rows(path: &std::path::Path, sheet: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto(path).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

#[test]
fn xlsx_review_sheet_has_numbers_marks_and_help_and_converts_like_the_csv() {
    use calamine::{Data, Reader};
    let h = news_and_museum();
    h.pair(
        "orphan",
        // Its one pair shares a name: a pair sharing nothing, half of it unpaired, is too
        // little to read as a translation (document score .40, below 0.4).
        "Une phrase sans traduction.\n\nBonjour, Marie Curie.\n",
        "Hello, Marie Curie.\n",
    );
    let (header, csv_rows) = aligned_sheet(&h, &[]);
    h.align(&["-o", "review.xlsx", "--quiet"]).expect_code(0);
    let path = h.path("review.xlsx");
    let workbook = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["review", "columns"]);
    let rows = workbook_rows(&path, "review");
    let names: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(names[..9], header[..]);
    assert_eq!(names[9], "training");
    assert_eq!(rows.len() - 1, csv_rows.len());
    for (row, csv) in rows[1..].iter().zip(&csv_rows) {
        assert!(matches!(row[5], Data::Float(_)), "score {:?}", row[5]);
        assert_eq!(row[5].to_string(), csv[5].trim_end_matches('0'));
        let unaligned = csv[4].ends_with("-0") || csv[4].starts_with("0-");
        assert_eq!(
            row[9].to_string().starts_with("left out"),
            unaligned,
            "{row:?}"
        );
    }
    let help = workbook_rows(&path, "columns");
    assert!(
        help.iter()
            .any(|r| r[0] == Data::String("status".into()) && r[1].to_string().contains("rejeté"))
    );
    let part = |name: &str| {
        let file = std::fs::File::open(&path).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        xml
    };
    let sheet_xml = part("xl/worksheets/sheet1.xml");
    for wanted in [
        "state=\"frozen\"",
        "<colorScale>",
        "type=\"list\"",
        "<autoFilter",
    ] {
        assert!(sheet_xml.contains(wanted), "{wanted} missing");
    }
    assert!(part("xl/styles.xml").contains("wrapText=\"1\""));
    let (run, from_xlsx) = convert_to_jsonl(&h, "review.xlsx", &[]);
    run.expect_code(0);
    let (_, from_csv) = convert_to_jsonl(&h, "sheet.csv", &[]);
    assert_eq!(from_xlsx, from_csv);
}

/// A workbook as a reviewer's spreadsheet saves it after editing: the columns in another
/// order, one added, numbers typed as text, rows sorted by score, French status words.
#[test]
fn an_edited_workbook_in_another_column_order_reads_by_the_csv_s_rules() {
    let h = news_and_museum();
    let (header, rows) = aligned_sheet(&h, &[]);
    let pairs: Vec<usize> = (0..rows.len())
        .filter(|&k| !rows[k][2].is_empty() && !rows[k][3].is_empty())
        .collect();
    let mut edited = rows.clone();
    edited[pairs[0]][7] = "Validé".into();
    edited[pairs[0]][8] = "vu".into();
    edited[pairs[1]][7] = "rejeté".into();
    edited[pairs[2]][3] = "An edited translation.".into();
    // The same edits as a CSV, for what convert must give.
    h.write(
        "edited.csv",
        saved(&csv::WriterBuilder::new(), &header, &edited),
    );
    let (_, expected) = convert_to_jsonl(&h, "edited.csv", &[]);

    // status, en, comment, Relecteur, score, fr, id, type, doc, doc_score
    let order = [7, 3, 8, usize::MAX, 5, 2, 0, 4, 1, 6];
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, &k) in order.iter().enumerate() {
        let name = header.get(k).map_or("Relecteur", String::as_str);
        sheet.write_string(0, col as u16, name).unwrap();
    }
    let mut sorted = edited.clone();
    sorted.sort_by(|a, b| a[5].partial_cmp(&b[5]).unwrap());
    for (r, row) in sorted.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, &k) in order.iter().enumerate() {
            let col = col as u16;
            match k {
                usize::MAX => sheet.write_string(r, col, "Anne").unwrap(),
                // Numbers as numbers (id), as text with a comma (score), as text (doc_score).
                0 => sheet
                    .write_number(r, col, row[0].parse::<f64>().unwrap())
                    .unwrap(),
                5 => sheet
                    .write_string(r, col, row[5].replace('.', ","))
                    .unwrap(),
                k => sheet.write_string(r, col, &row[k]).unwrap(),
            };
        }
    }
    workbook.save(h.path("edited.xlsx")).unwrap();
    let (run, read) = convert_to_jsonl(&h, "edited.xlsx", &[]);
    run.expect_code(0);
    run.expect_stderr("column(s) Relecteur ignored");
    assert!(run.stderr.contains("1 rejected"), "{}", run.stderr);
    assert_eq!(read, expected);
    assert!(read.iter().any(|o| o["en"] == "An edited translation."));
}

#[test]
fn a_broken_or_oversized_workbook_is_refused_and_a_long_cell_is_not_cut() {
    let h = news_and_museum();
    h.align(&["-o", "review.xlsx", "--quiet"]).expect_code(0);
    let bytes = h.read_bytes("review.xlsx");
    h.write("cut.xlsx", &bytes[..bytes.len() / 2]);
    let run = h.run(&["convert", "cut.xlsx", "-o", "x.tmx"]);
    run.expect_code(2);
    run.expect_stderr("cut.xlsx: not an xlsx workbook");

    // What LibreOffice saves of an unguarded `=SOMME(A1:A3) …` cell: a formula whose cached
    // value is an error (`t="e"`); it must not become the pair's text.
    let mut original = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut patched = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for k in 0..original.len() {
        let mut file = original.by_index(k).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(content).unwrap();
            let start = xml.find("<c r=\"C2\"").unwrap();
            let end = start + xml[start..].find("</c>").unwrap() + 4;
            let cell = "<c r=\"C2\" t=\"e\"><f>SOMME(A1:A3)</f><v>#VALUE!</v></c>";
            content = format!("{}{cell}{}", &xml[..start], &xml[end..]).into_bytes();
        }
        patched
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut patched, &content).unwrap();
    }
    h.write("err.xlsx", patched.finish().unwrap().into_inner());
    let run = h.run(&["convert", "err.xlsx", "-o", "x.tmx"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("err.xlsx: line 2: column 3: a formula's error (#VALUE!)"),
        "{}",
        run.stderr
    );

    // One far cell: a grid of it would be 512 GB; the cells are streamed instead.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "id").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    workbook.save(h.path("far.xlsx")).unwrap();
    let run = h.run(&["convert", "far.xlsx", "-o", "x.tmx"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("far.xlsx: line 1048576: a cell in column 16384"),
        "{}",
        run.stderr
    );
    h.write("review.ods", b"PK\x03\x04 not read");
    let run = h.run(&["convert", "review.ods", "-o", "x.tmx"]);
    run.expect_code(2);
    assert!(run.stderr.contains("save it as xlsx"), "{}", run.stderr);

    // A zip that unpacks to 4 MiB from a few kilobytes.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    std::io::Write::write_all(&mut zip, &vec![b'a'; 4 << 20]).unwrap();
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 64 << 10);
    h.write("bomb.xlsx", &bomb);
    let run = h.run(&[
        "convert",
        "bomb.xlsx",
        "-o",
        "x.tmx",
        "--max-corpus-bytes",
        "1M",
    ]);
    run.expect_code(2);
    run.expect_stderr("more than --max-corpus-bytes");

    let long = format!("{}.\n", "mot ".repeat(10_000));
    let h = Harness::new();
    h.pair("long", &long, format!("{}.\n", "word ".repeat(10_000)));
    let run = h.align(&["-o", "long.xlsx", "--quiet", "--no-language-check"]);
    run.expect_code(2);
    assert!(run.stderr.contains("more than the 32767"), "{}", run.stderr);
    assert!(!h.path("long.xlsx").exists());
}
