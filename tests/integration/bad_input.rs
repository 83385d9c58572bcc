//! Hostile input: files that are not UTF-8, binary, empty, far too large or too long, without a
//! counterpart or unreadable, mixed in with good ones. Each bad file costs only its own
//! document: it is named on stderr with its reason and counted in the summary, every good pair
//! is written, and the exit code is 1 (`--strict`: 2, nothing written).

use std::fs;

use crate::harness::*;

/// UTF-16 with a byte order mark, little- or big-endian.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "{text:?} is not all Windows-1252");
    bytes.into_owned()
}

/// A short good document for the side of a pair whose other side is bad.
const GOOD_FR: &str = "Le texte de ce côté est bon.\n";
const GOOD_EN: &str = "The text on this side is good.\n";

/// Each bad file of [`write_bad_files`] and what stderr must say about it.
const BAD: [(&str, &str); 8] = [
    (
        "fr/bad-binary.txt",
        "binary file (NUL byte at byte offset 8)",
    ),
    ("fr/bad-empty.txt", "empty document"),
    ("en/bad-blank.txt", "empty document"),
    ("fr/bad-controls.txt", "no sentence to align"),
    (
        "fr/bad-utf8.txt",
        "invalid UTF-8 at byte offset 23 (line 2)",
    ),
    (
        "fr/bad-large.txt",
        "bytes, more than --max-doc-bytes (16384)",
    ),
    ("fr/bad-orphan.txt", "no counterpart"),
    ("fr/bad-unreadable.txt", "No such file or directory"),
];

/// One bad file of each kind (see [`BAD`]), each beside a good counterpart.
fn write_bad_files(h: &Harness) {
    h.pair(
        "bad-binary",
        &b"\x01\x02DATA\x7f\x03\x00\x00\x00\rblob"[..],
        GOOD_EN,
    );
    h.pair("bad-empty", "", GOOD_EN);
    h.pair("bad-blank", GOOD_FR, " \n\t\u{a0}\r\n");
    h.pair("bad-controls", "\u{1}\u{2}\u{fffe}\u{1b}\n", GOOD_EN);
    // Valid UTF-8 accents, then a byte that is not: damaged UTF-8, not a legacy encoding.
    let mut damaged = "Le café est fermé.\nIl".as_bytes().to_vec();
    damaged.extend_from_slice(b"\xff ouvre demain.\n");
    h.pair("bad-utf8", damaged, GOOD_EN);
    h.pair(
        "bad-large",
        "Une phrase assez longue. ".repeat(700),
        GOOD_EN,
    );
    h.fr("bad-orphan.txt", GOOD_FR);
    h.en("bad-unreadable.txt", GOOD_EN);
    std::os::unix::fs::symlink(h.path("fr/gone.txt"), h.path("fr/bad-unreadable.txt"))
        .expect("symlink");
}

/// Re-encodes four of the generated pairs' sides: legacy French, UTF-16 both ways, a UTF-8
/// BOM. They are good documents and must come out as the others do.
fn reencode_some(h: &Harness) -> Vec<(String, String)> {
    let texts: Vec<(String, String)> = (0..50).map(|k| generated_pair(k as u64)).collect();
    h.fr("doc-010.txt", windows_1252(&texts[10].0));
    h.fr("doc-011.txt", utf16(&texts[11].0, true));
    h.en("doc-012.txt", utf16(&texts[12].1, false));
    h.en(
        "doc-013.txt",
        [&b"\xef\xbb\xbf"[..], texts[13].1.as_bytes()].concat(),
    );
    texts
}

#[test]
fn fifty_good_pairs_are_written_and_every_bad_file_is_named() {
    let h = Harness::new();
    write_generated(&h, 50);
    let texts = reencode_some(&h);
    write_bad_files(&h);

    let args = ["-o", "out.jsonl", "--max-doc-bytes", "16K", "-j", "2"];
    let run = h.align(&args);
    run.expect_code(1);
    for (file, reason) in BAD {
        let said = run
            .stderr
            .lines()
            .any(|l| l.contains(file) && l.contains(reason));
        assert!(said, "{file}: {reason:?} not on stderr:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("8 problem(s)"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("fr/doc-010.txt: not UTF-8, guessed windows-1252"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);

    let beads = parse_jsonl(&h.read("out.jsonl"));
    let docs = by_document(&beads);
    let names: Vec<String> = (0..50).map(|k| format!("doc-{k:03}")).collect();
    assert_eq!(docs.keys().cloned().collect::<Vec<_>>(), names);
    for (name, (fr, en)) in names.iter().zip(&texts) {
        let doc = &docs[name];
        assert_eq!(
            joined(doc.iter().map(|b| b.fr.as_str())),
            fold_whitespace(fr)
        );
        assert_eq!(
            joined(doc.iter().map(|b| b.en.as_str())),
            fold_whitespace(en)
        );
    }
    // The same with one thread: the same corpus, byte for byte.
    fs::rename(h.path("out.jsonl"), h.path("two.jsonl")).unwrap();
    h.align(&["-o", "out.jsonl", "--max-doc-bytes", "16K", "-j", "1"])
        .expect_code(1);
    assert!(
        h.read("out.jsonl") == h.read("two.jsonl"),
        "-j 1 and -j 2 differ"
    );
}

#[test]
fn strict_stops_at_the_first_bad_document_and_writes_nothing() {
    let h = Harness::new();
    write_generated(&h, 5);
    h.pair("doc-002", &b"PK\x03\x04\x00\x00"[..], GOOD_EN);
    fs::create_dir(h.path("out")).unwrap();
    let run = h.align(&["-o", "out/c.tmx", "--strict"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("error: fr/doc-002.txt: damaged zip archive: check that the file"),
        "{}",
        run.stderr
    );
    assert_eq!(h.list("out"), Vec::<String>::new());
    // A file without a counterpart is a failure too under --strict.
    let h = Harness::new();
    write_generated(&h, 2);
    h.en("extra.txt", GOOD_EN);
    let run = h.align(&["-o", "c.tmx", "--strict"]);
    run.expect_code(2);
    run.expect_stderr("en/extra.txt: no counterpart");
    assert!(!h.path("c.tmx").exists());
}

#[test]
fn utf8_and_utf16_with_a_bom_and_legacy_french_are_read() {
    let h = Harness::new();
    h.pair("le", utf16(NEWS_FR, true), utf16(NEWS_EN, false));
    h.pair("bom", format!("\u{feff}{MUSEUM_FR}"), MUSEUM_EN);
    h.pair("legacy", windows_1252(MUSEUM_FR), MUSEUM_EN);
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(0);
    assert_eq!(
        run.stderr.matches("guessed windows-1252").count(),
        1,
        "{}",
        run.stderr
    );
    let docs = by_document(&parse_jsonl(&h.read("out.jsonl")));
    for (name, fr, en) in [
        ("le", NEWS_FR, NEWS_EN),
        ("bom", MUSEUM_FR, MUSEUM_EN),
        ("legacy", MUSEUM_FR, MUSEUM_EN),
    ] {
        let doc = &docs[name];
        assert_eq!(
            joined(doc.iter().map(|b| b.fr.as_str())),
            fold_whitespace(fr)
        );
        assert_eq!(
            joined(doc.iter().map(|b| b.en.as_str())),
            fold_whitespace(en)
        );
    }
}

#[test]
fn an_encoding_given_is_used_without_guessing() {
    let h = Harness::new();
    h.pair("legacy", windows_1252(MUSEUM_FR), MUSEUM_EN);
    let latin1 = h.align(&["-o", "latin1.jsonl", "--encoding", "latin1"]);
    latin1.expect_code(0);
    assert!(!latin1.stderr.contains("guessed"), "{}", latin1.stderr);
    let beads = parse_jsonl(&h.read("latin1.jsonl"));
    assert_eq!(
        joined(beads.iter().map(|b| b.fr.as_str())),
        fold_whitespace(MUSEUM_FR)
    );

    // UTF-8 strictly: the first byte that is not, by file, offset and line.
    let strict = h.align(&["-o", "utf8.jsonl", "--encoding", "utf-8"]);
    strict.expect_code(1);
    // One byte a character in Windows-1252: the offset of the first accent is its index.
    let offset = MUSEUM_FR.chars().position(|c| !c.is_ascii()).unwrap();
    let expected = format!("fr/legacy.txt: invalid UTF-8 at byte offset {offset} (line 1)");
    assert!(
        strict.stderr.contains(&expected),
        "{expected}\n{}",
        strict.stderr
    );

    let bad = h.align(&["--encoding", "klingon"]);
    bad.expect_code(2);
    assert!(bad.stderr.contains("unknown encoding"), "{}", bad.stderr);
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_being_read() {
    let h = Harness::new();
    h.pair("news", NEWS_FR, NEWS_EN);
    // An 80 MB "line" (a sparse file: only its size is ever looked at).
    let huge = fs::File::create(h.path("fr/huge.txt")).unwrap();
    huge.set_len(80 << 20).unwrap();
    h.en("huge.txt", GOOD_EN);
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("fr/huge.txt: 83886080 bytes, more than --max-doc-bytes (67108864)"),
        "{}",
        run.stderr
    );
    assert_eq!(doc_order(&parse_jsonl(&h.read("out.jsonl"))), ["news"]);
}

#[test]
fn a_long_line_under_the_limit_is_one_unit() {
    let h = Harness::new();
    let line = "mot ".repeat(250_000);
    h.pair("line", &line, "A few words.\n");
    let beads = h.align_jsonl(0, &[]);
    let fr: Vec<&JsonBead> = beads.iter().filter(|b| !b.fr.is_empty()).collect();
    assert_eq!(fr.len(), 1);
    assert_eq!(fr[0].fr_ids, [0]);
    assert_eq!(fr[0].fr, line.trim_end());
}

#[test]
fn a_document_with_too_many_units_is_refused_and_the_rest_aligned() {
    let h = Harness::new();
    h.pair("news", NEWS_FR, NEWS_EN);
    h.pair("long", "a\n".repeat(bitext::align::MAX_UNITS + 1), "b\n");
    let run = h.align(&["-o", "out.jsonl", "--presplit"]);
    run.expect_code(1);
    let expected = format!(
        "fr/long.txt and en/long.txt: {} and 1 units, too many to align",
        bitext::align::MAX_UNITS + 1
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert_eq!(doc_order(&parse_jsonl(&h.read("out.jsonl"))), ["news"]);
}

#[test]
fn a_pair_with_far_more_units_on_one_side_is_aligned_with_a_warning_and_refused() {
    let h = Harness::new();
    let many: String = (0..300)
        .map(|k| format!("La phrase numéro {k} est là.\n"))
        .collect();
    h.pair("lopsided", &many, "One. Two. Three.\n");
    let run = h.align(&["-o", "out.jsonl"]);
    // 297 units without a partner are evidence the two are not translations of each other.
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("fr/lopsided.txt and en/lopsided.txt: 300 and 3 units: most are left"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("lopsided.txt: not a translation of each other"),
        "{}",
        run.stderr
    );
    let beads = parse_jsonl(&h.read("out.jsonl"));
    let fr_units: usize = beads.iter().map(|b| b.fr_ids.len()).sum();
    assert_eq!(fr_units, 300);
}

/// Found by the `align` fuzz target: a French page cut short against its whole translation
/// made the beads along the long run of 0-1 beads score `NaN` (`null` in JSON).
#[test]
fn a_truncated_page_against_its_whole_translation_gets_real_scores() {
    let h = Harness::new();
    let cut: String = NEWS_FR.lines().take(2).map(|l| format!("{l}\n")).collect();
    h.pair("cut", cut, NEWS_EN.repeat(3));
    // Not a translation of each other as wholes (exit 1), but every bead is written, scored.
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    for object in parse_jsonl_objects(&h.read("out.jsonl")) {
        let score = object["score"].as_f64();
        assert!(
            score.is_some_and(|s| (0.0..=1.0).contains(&s)),
            "{object:?}"
        );
    }
}
