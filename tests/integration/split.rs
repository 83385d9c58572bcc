//! `bitext split`: one sentence per line, a blank line between paragraphs.

use crate::harness::*;

#[test]
fn split_prints_one_sentence_per_line_and_blank_lines_between_paragraphs() {
    let h = Harness::new();
    h.write("news.txt", NEWS_FR);
    let run = h.run(&["split", "--lang", "fr", "news.txt"]);
    run.expect_code(0);
    assert_eq!(run.stdout, NEWS_FR_SPLIT);
    assert_eq!(run.stderr, "");
}

#[test]
fn split_keeps_titles_and_headlines_apart_from_sentence_ends() {
    let h = Harness::new();
    h.write(
        "t.txt",
        "Grève à la SNCF\nM. Dupont et Mme Martin sont venus. MM. Durand aussi.\n",
    );
    let run = h.run(&["split", "--lang", "fr", "t.txt"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "Grève à la SNCF\nM. Dupont et Mme Martin sont venus.\nMM. Durand aussi.\n"
    );
}

#[test]
fn split_reads_standard_input_when_file_is_dash() {
    let h = Harness::new();
    let run = h.run_with_stdin(&["split", "--lang", "fr", "-"], NEWS_FR.as_bytes());
    run.expect_code(0);
    assert_eq!(run.stdout, NEWS_FR_SPLIT);
}

#[test]
fn split_output_read_back_with_presplit_gives_the_same_sentences() {
    let h = Harness::new();
    h.write("news.txt", NEWS_FR);
    let split = h.run(&["split", "--lang", "fr", "news.txt"]);
    split.expect_code(0);
    h.fr("news.txt", &split.stdout);
    h.en("news.txt", NEWS_EN);
    let beads = h.align_jsonl(0, &["--presplit", "--units", "sentences"]);
    let sentences: usize = beads.iter().map(|b| b.fr_ids.len()).sum();
    let lines = split.stdout.lines().filter(|l| !l.is_empty()).count();
    assert_eq!(sentences, lines);
}

#[test]
fn split_names_an_invalid_utf8_file_when_told_utf8() {
    let h = Harness::new();
    h.write("latin1.txt", b"Le caf\xe9 est ferm\xe9.\n");
    let run = h.run(&["split", "--encoding", "utf-8", "latin1.txt"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("latin1.txt: invalid UTF-8 at byte offset 6"),
        "{}",
        run.stderr
    );
}

#[test]
fn split_reads_legacy_french_with_a_warning() {
    let h = Harness::new();
    h.write(
        "latin1.txt",
        b"Le caf\xe9 est ferm\xe9. L'\x9cuvre co\xfbte 5 \x80.\n",
    );
    let run = h.run(&["split", "latin1.txt"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "Le café est fermé.\nL'œuvre coûte 5 €.\n");
    assert!(
        run.stderr
            .contains("latin1.txt: not UTF-8, guessed windows-1252"),
        "{}",
        run.stderr
    );
}

#[test]
fn split_units_clauses_shows_what_align_aligns() {
    let h = Harness::new();
    h.write(
        "c.txt",
        "La méthode a deux avantages : elle est simple. [2] Bahl, L. : un titre.\n",
    );
    let sentences = h.run(&["split", "c.txt"]);
    sentences.expect_code(0);
    assert_eq!(
        sentences.stdout,
        "La méthode a deux avantages : elle est simple.\n[2] Bahl, L. : un titre.\n"
    );
    let clauses = h.run(&["split", "--units", "clauses", "c.txt"]);
    clauses.expect_code(0);
    assert_eq!(
        clauses.stdout,
        "La méthode a deux avantages :\nelle est simple.\n[2]\nBahl, L. : un titre.\n"
    );
}
