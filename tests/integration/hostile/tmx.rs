//! Hostile input: the TMX reader (`convert X.tmx`, `stats X.tmx`) on translation memories
//! from other tools and on files that are not TMX at all.

use crate::harness::*;

/// A TMX 1.4 file around `body`, its header's source language `srclang`.
fn tmx(srclang: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header \
         creationtool=\"other\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" \
         adminlang=\"en\" srclang=\"{srclang}\" datatype=\"html\"/>\n<body>\n{body}\n</body>\n\
         </tmx>\n"
    )
}

/// A `<tu>` with a `<tuv>` per `(language, seg content)`, on one line.
fn tu(tuvs: &[(&str, &str)]) -> String {
    let tuvs: String = tuvs
        .iter()
        .map(|(lang, seg)| format!("<tuv xml:lang=\"{lang}\"><seg>{seg}</seg></tuv>"))
        .collect();
    format!("<tu>{tuvs}</tu>")
}

/// `bitext convert in.tmx -o out.jsonl`, expecting `code`.
fn convert(h: &Harness, tmx: &str, code: i32) -> Run {
    h.write("in.tmx", tmx);
    let run = h.run(&["convert", "in.tmx", "-o", "out.jsonl"]);
    run.expect_code(code);
    run
}

/// Converts `tmx`, expecting success: each record's French, English and type (a TMX from
/// another tool has no scores, which JSONL writes as null).
fn records(tmx: &str) -> Vec<(String, String, String)> {
    let h = Harness::new();
    convert(&h, tmx, 0);
    let field = |row: &serde_json::Map<String, serde_json::Value>, key: &str| {
        row[key].as_str().expect("a string").to_string()
    };
    parse_jsonl_objects(&h.read("out.jsonl"))
        .iter()
        .map(|row| (field(row, "fr"), field(row, "en"), field(row, "type")))
        .collect()
}

fn texts(rows: &[(String, String, String)]) -> Vec<(&str, &str, &str)> {
    rows.iter()
        .map(|(fr, en, kind)| (fr.as_str(), en.as_str(), kind.as_str()))
        .collect()
}

/// Converts `tmx`, expecting it refused (exit 2, no output) with an error naming `in.tmx`,
/// `line` and `what`.
#[track_caller]
fn refused(tmx: &str, line: usize, what: &str) {
    let h = Harness::new();
    let run = convert(&h, tmx, 2);
    let named = format!("in.tmx: line {line}: ");
    assert!(
        run.stderr.contains(&named) && run.stderr.contains(what),
        "expected {named:?} and {what:?} in: {}",
        run.stderr
    );
    assert_eq!(h.list("."), ["in.tmx"], "nothing written");
}

#[test]
fn inline_codes_no_longer_drop_the_text_before_them() {
    let fr = "Le <bpt i=\"1\" type=\"bold\">&lt;b&gt;</bpt>chat<ept i=\"1\">&lt;/b&gt;</ept> \
              dort <ph x=\"2\">&lt;br/&gt;</ph>ici<ut>{\\f1}</ut>.";
    let en = "The <it pos=\"begin\">&lt;i&gt;</it>cat sleeps here.";
    let beads = records(&tmx("fr", &tu(&[("fr", fr), ("en", en)])));
    assert_eq!(
        texts(&beads),
        [("Le chat dort ici.", "The cat sleeps here.", "1-1")]
    );
}

#[test]
fn text_in_hi_is_kept_and_a_sub_flow_inside_a_code_left_out() {
    let fr = "Un <hi type=\"em\">très <hi>grand</hi></hi> lien \
              <bpt i=\"1\">&lt;a title='<sub>Infobulle</sub>'&gt;</bpt>ici<ept i=\"1\">&lt;/a&gt;</ept>.";
    let en = "A <hi>very big</hi> link here.";
    let beads = records(&tmx("fr", &tu(&[("fr", fr), ("en", en)])));
    assert_eq!(
        texts(&beads),
        [("Un très grand lien ici.", "A very big link here.", "1-1")]
    );
}

#[test]
fn region_tagged_languages_fill_both_sides() {
    let body = [
        tu(&[("en-US", "Hello."), ("fr-FR", "Bonjour.")]),
        tu(&[("EN-GB", "Goodbye."), ("fr_CA", "Au revoir.")]),
    ]
    .join("\n");
    let beads = records(&tmx("*all*", &body));
    assert_eq!(
        texts(&beads),
        [
            ("Bonjour.", "Hello.", "1-1"),
            ("Au revoir.", "Goodbye.", "1-1")
        ]
    );
}

#[test]
fn a_third_tuv_does_not_replace_the_target() {
    let body = tu(&[("fr", "Bonjour."), ("en", "Hello."), ("de", "Hallo.")]);
    let beads = records(&tmx("fr", &body));
    assert_eq!(texts(&beads), [("Bonjour.", "Hello.", "1-1")]);
    // Asked for, the third language is the one read.
    let h = Harness::new();
    h.write("in.tmx", tmx("fr", &body));
    h.run(&[
        "convert",
        "in.tmx",
        "-o",
        "out.jsonl",
        "--source-lang",
        "de",
        "--target-lang",
        "en",
    ])
    .expect_code(0);
    let rows = parse_jsonl_objects(&h.read("out.jsonl"));
    assert_eq!(
        (rows[0]["de"].as_str(), rows[0]["en"].as_str()),
        (Some("Hallo."), Some("Hello."))
    );
}

#[test]
fn a_tu_lacking_a_language_is_kept_with_that_side_empty() {
    let body = [
        tu(&[("fr", "Un."), ("en", "One.")]),
        tu(&[("fr", "Sans traduction.")]),
        tu(&[("en", "Without a source."), ("de", "Ohne Quelle.")]),
    ]
    .join("\n");
    let beads = records(&tmx("fr", &body));
    assert_eq!(
        texts(&beads),
        [
            ("Un.", "One.", "1-1"),
            ("Sans traduction.", "", "1-0"),
            ("", "Without a source.", "0-1")
        ]
    );
}

#[test]
fn a_tmx_cut_short_is_an_error_naming_its_line() {
    let whole = tmx(
        "fr",
        &[
            tu(&[("fr", "Un."), ("en", "One.")]),
            tu(&[("fr", "Deux."), ("en", "Two.")]),
        ]
        .join("\n"),
    );
    let cut = &whole[..whole.find("Two").unwrap()];
    refused(cut, 6, "cut short");
}

#[test]
fn a_tmx_without_its_closing_tags_is_an_error() {
    let whole = tmx("fr", &tu(&[("fr", "Un."), ("en", "One.")]));
    let cut = &whole[..whole.find("</body>").unwrap()];
    refused(cut, 6, "cut short");
}

#[test]
fn plain_text_named_tmx_is_an_error() {
    refused("Un.\tOne.\nDeux.\tTwo.\n", 1, "not a TMX file");
}

#[test]
fn another_xml_named_tmx_is_an_error() {
    let html = "<?xml version=\"1.0\"?>\n<html><body><p>Un.</p></body></html>\n";
    refused(html, 2, "not a TMX file: the root element is <html>");
}

#[test]
fn a_mismatched_end_tag_is_an_error_naming_its_line() {
    let body = format!(
        "{}\n<tu><tuv xml:lang=\"fr\"><seg>Deux.</seg></tuv><tuv xml:lang=\"en\"><seg>Two.</tuv></seg></tu>",
        tu(&[("fr", "Un."), ("en", "One.")])
    );
    refused(&tmx("fr", &body), 6, "not well-formed");
}

#[test]
fn a_seg_outside_a_tuv_is_an_error_not_dropped() {
    let body = "<tu><tuv xml:lang=\"fr\"><seg>Un.</seg></tuv>\n<seg>One.</seg></tu>";
    refused(&tmx("fr", body), 6, "<seg> out of place");
}

#[test]
fn markup_tmx_does_not_have_inside_a_seg_is_an_error() {
    let body = tu(&[("fr", "Le <g id=\"1\">chat</g>."), ("en", "The cat.")]);
    refused(&tmx("fr", &body), 5, "<g> out of place");
}

#[test]
fn an_entity_declared_in_a_doctype_is_an_error_not_dropped_nor_expanded() {
    let laughs =
        "<!DOCTYPE tmx [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">\n]>\n";
    let text = tmx("fr", &tu(&[("fr", "Un &lol2;."), ("en", "One.")])).replacen(
        "<tmx ",
        &format!("{laughs}<tmx "),
        1,
    );
    refused(&text, 9, "unknown entity &lol2;");
}

#[test]
fn a_character_xml_forbids_is_an_error_naming_its_line() {
    let body = tu(&[("fr", "Saut\u{b}de ligne."), ("en", "Line\u{b}break.")]);
    refused(&tmx("fr", &body), 5, "U+000B");
}

#[test]
fn deep_nesting_is_an_error_not_unbounded_work() {
    let deep = format!("{}chat{}", "<hi>".repeat(100_000), "</hi>".repeat(100_000));
    refused(
        &tmx("fr", &tu(&[("fr", &deep), ("en", "cat")])),
        5,
        "nested more than",
    );
}

#[test]
fn two_tuvs_for_one_language_is_an_error_not_a_silent_choice() {
    let body = tu(&[("fr-FR", "Voiture."), ("fr-CA", "Char."), ("en", "Car.")]);
    refused(&tmx("fr", &body), 5, "two <tuv>s for fr");
}

#[test]
fn a_tuv_without_a_language_is_an_error() {
    let body = "<tu><tuv xml:lang=\"fr\"><seg>Un.</seg></tuv>\n<tuv><seg>One.</seg></tuv></tu>";
    refused(&tmx("fr", body), 6, "without xml:lang");
}

#[test]
fn a_language_code_that_is_a_path_writes_nothing_outside_o() {
    // Moses files are named by language: the old reader took this code as given, and the
    // files went up out of a/b/.
    let body = tu(&[("fr", "Un."), ("x/../../y", "One.")]);
    let h = Harness::new();
    h.write("in.tmx", tmx("fr", &body));
    let run = h.run(&["convert", "in.tmx", "-o", "a/b/c.moses"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("in.tmx: line 5: ") && run.stderr.contains("not a language code"),
        "{}",
        run.stderr
    );
    assert_eq!(h.list("."), ["in.tmx"]);
}

#[test]
fn stats_on_a_tmx_cut_short_is_an_error_too() {
    let whole = tmx("fr", &tu(&[("fr", "Un."), ("en", "One.")]));
    let h = Harness::new();
    h.write("in.tmx", &whole[..whole.find("</body>").unwrap()]);
    let run = h.run(&["stats", "in.tmx"]);
    run.expect_code(2);
    assert!(run.stderr.contains("in.tmx: line 6: "), "{}", run.stderr);
}
