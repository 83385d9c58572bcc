//! Finding documents in two folders, pairing them by name, and per-document problems that do
//! not stop the run.

use crate::harness::*;

/// One distinct one-sentence document pair, so that a bead tells which files it came from.
fn tagged(h: &Harness, fr_rel: &str, en_rel: &str, tag: &str) {
    h.fr(fr_rel, format!("Le document {tag} est court.\n"));
    h.en(en_rel, format!("The document {tag} is short.\n"));
}

#[test]
fn folders_pair_by_name_recursively_in_sorted_order() {
    let h = Harness::new();
    tagged(&h, "b.fr.txt", "b.en.txt", "b");
    tagged(&h, "sub/c.txt", "sub/c.txt", "c");
    tagged(&h, "aa.fr.txt", "aa.en.txt", "aa");
    tagged(&h, "a.txt", "a.txt", "a");
    // Hidden files would be an unpaired binary file each if they were read.
    h.fr(".DS_Store", b"\x00\x00\x00\x01Bud1\x00");
    h.en(".DS_Store", b"\x00\x00\x00\x01Bud1\x00\x10");
    h.fr(".cache/x.txt", "Caché.");

    let beads = h.align_jsonl(0, &[]);
    assert_eq!(doc_order(&beads), ["a", "aa", "b", "sub/c"]);
    for bead in &beads {
        let tag = bead.doc.rsplit('/').next().unwrap();
        assert_eq!(bead.fr, format!("Le document {tag} est court."));
        assert_eq!(bead.en, format!("The document {tag} is short."));
    }
}

#[test]
fn hidden_files_are_not_reported() {
    let h = Harness::new();
    tagged(&h, "a.txt", "a.txt", "a");
    h.fr(".DS_Store", b"\x00\x01");
    let run = h.align(&["-o", "out.csv"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("DS_Store"), "{}", run.stderr);
}

#[test]
fn missing_counterpart_is_named_and_the_other_pairs_are_written() {
    let h = Harness::new();
    tagged(&h, "a.txt", "a.txt", "a");
    tagged(&h, "c.txt", "c.txt", "c");
    h.fr("b.txt", "Le document b n’a pas de traduction.\n");
    h.en("z.en.txt", "The document z has no original.\n");

    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    run.expect_stderr("fr/b.txt: no counterpart");
    run.expect_stderr("en/z.en.txt: no counterpart");
    assert_eq!(doc_order(&parse_jsonl(&h.read("out.jsonl"))), ["a", "c"]);
}

#[test]
fn invalid_utf8_is_named_with_its_byte_offset() {
    let h = Harness::new();
    tagged(&h, "a.txt", "a.txt", "a");
    tagged(&h, "c.txt", "c.txt", "c");
    // "café" in Latin-1 after a valid first line with multi-byte characters.
    let prefix = "Il était une fois à Paris.\nLe caf".as_bytes();
    let mut bytes = prefix.to_vec();
    bytes.extend_from_slice(b"\xe9 est ferm\xe9.\n");
    h.fr("b.txt", bytes);
    h.en("b.txt", "Once upon a time in Paris.\nThe cafe is closed.\n");

    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("fr/b.txt"))
        .unwrap_or_else(|| panic!("fr/b.txt not named: {}", run.stderr));
    assert!(
        line.contains(&format!("byte offset {} ", prefix.len())),
        "{line}"
    );
    assert!(line.contains("invalid UTF-8"), "{line}");
    assert_eq!(doc_order(&parse_jsonl(&h.read("out.jsonl"))), ["a", "c"]);
}

#[test]
fn empty_and_whitespace_only_documents_are_named_and_skipped() {
    let h = Harness::new();
    tagged(&h, "a.txt", "a.txt", "a");
    h.fr("empty.txt", "");
    h.en("empty.txt", "Some text.\n");
    h.fr("blank.txt", "Du texte.\n");
    h.en("blank.txt", " \n\t\u{a0}\n\u{feff}\r\n");

    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    for name in [
        "fr/empty.txt: empty document",
        "en/blank.txt: empty document",
    ] {
        assert!(run.stderr.contains(name), "{name} missing: {}", run.stderr);
    }
    assert_eq!(doc_order(&parse_jsonl(&h.read("out.jsonl"))), ["a"]);
}

#[test]
fn binary_file_is_named_and_skipped() {
    let h = Harness::new();
    tagged(&h, "a.txt", "a.txt", "a");
    h.fr("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    h.en("photo.txt", "A photo.\n");

    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("fr/photo.txt: image: run OCR on it and save the text as plain text"),
        "{}",
        run.stderr
    );
    assert_eq!(doc_order(&parse_jsonl(&h.read("out.jsonl"))), ["a"]);
}
