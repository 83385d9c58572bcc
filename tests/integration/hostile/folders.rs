//! Hostile input: folders (names, inputs that overlap, outputs inside inputs) and the white
//! space of other systems (form feed, vertical tab, NEL, U+2028, U+2029).

use std::fs;

use crate::harness::*;

const FR: &str = "Bonjour le monde. Il fait beau aujourd’hui.\n";
const EN: &str = "Hello world. The weather is fine today.\n";

/// `fr/` and `en/` with one pair, `a.txt`.
fn one_pair() -> Harness {
    let h = Harness::new();
    h.pair("a", FR, EN);
    h
}

/// The documents named in a JSONL corpus, sorted.
fn documents(h: &Harness) -> Vec<String> {
    by_document(&parse_jsonl(&h.read("out.jsonl")))
        .into_keys()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Names

#[cfg(unix)]
fn write_bytes_named(h: &Harness, dir: &str, name: &[u8], text: &str) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(name);
    fs::write(h.path(dir).join(name), text).expect("write file");
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_stay_two_documents_with_their_bytes_escaped() {
    let h = Harness::new();
    fs::create_dir_all(h.path("fr")).unwrap();
    fs::create_dir_all(h.path("en")).unwrap();
    for (name, fr, en) in [
        (&b"a\xff.txt"[..], "Un chat dort.\n", "A cat sleeps.\n"),
        (&b"a\xfe.txt"[..], "Un chien court.\n", "A dog runs.\n"),
    ] {
        write_bytes_named(&h, "fr", name, fr);
        write_bytes_named(&h, "en", name, en);
    }
    h.align(&["-o", "out.jsonl", "--quiet"]).expect_code(0);
    let docs = by_document(&parse_jsonl(&h.read("out.jsonl")));
    assert_eq!(docs.keys().collect::<Vec<_>>(), ["a\\xFE", "a\\xFF"]);
    assert_eq!(docs["a\\xFF"][0].fr, "Un chat dort.");
    assert_eq!(docs["a\\xFE"][0].en, "A dog runs.");
}

#[cfg(unix)]
#[test]
fn a_name_spelling_out_an_escape_is_not_taken_for_the_byte() {
    let h = Harness::new();
    h.pair("a\\xFF", "Un chat dort.\n", "A cat sleeps.\n");
    write_bytes_named(&h, "fr", b"a\xff.txt", "Un chien court.\n");
    write_bytes_named(&h, "en", b"a\xff.txt", "A dog runs.\n");
    h.align(&["-o", "out.jsonl", "--quiet"]).expect_code(0);
    assert_eq!(documents(&h), ["a\\\\xFF", "a\\xFF"]);
}

#[test]
fn decomposed_and_composed_spellings_of_one_name_pair() {
    let h = Harness::new();
    h.fr("e\u{301}te\u{301}.txt", "Il fait beau.\n"); // as macOS writes it
    h.en("été.txt", "It is fine.\n");
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(0);
    assert_eq!(documents(&h), ["été"]);
    assert!(!run.stderr.contains("no counterpart"), "{}", run.stderr);
}

#[test]
fn two_spellings_of_one_name_on_one_side_are_a_duplicate_naming_both() {
    let h = Harness::new();
    h.fr("e\u{301}te\u{301}.txt", "Il fait beau.\n");
    h.fr("été.txt", "Il pleut.\n");
    h.en("été.txt", "It is fine.\n");
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains(r#""fr/e\u{301}te\u{301}.txt" and "fr/été.txt": one name spelt two ways"#),
        "{}",
        run.stderr
    );
    assert_eq!(documents(&h), ["été"]);
}

// ---------------------------------------------------------------------------------------------
// Inputs that overlap

#[track_caller]
fn refused_as_overlapping(h: &Harness, fr: &str, en: &str) {
    let run = h.run(&["align", fr, en, "-o", "out.jsonl"]);
    run.expect_code(2);
    let message = format!("{fr} and {en}: the same file or folder, or one inside the other");
    assert!(run.stderr.contains(&message), "{}", run.stderr);
    assert_eq!(h.list(""), ["en", "fr"], "nothing written");
}

#[test]
fn the_same_folder_as_both_sides_is_refused() {
    let h = one_pair();
    refused_as_overlapping(&h, "fr", "fr");
    refused_as_overlapping(&h, "fr", "./fr/");
}

#[test]
fn a_folder_inside_the_other_is_refused_either_way() {
    let h = one_pair();
    h.fr("sub/b.txt", FR);
    refused_as_overlapping(&h, "fr", "fr/sub");
    refused_as_overlapping(&h, "fr/sub", "fr");
}

#[cfg(unix)]
#[test]
fn a_folder_and_a_link_into_it_are_refused() {
    let h = one_pair();
    std::os::unix::fs::symlink("../fr", h.path("en/link")).unwrap();
    refused_as_overlapping(&h, "fr", "en/link");
    refused_as_overlapping(&h, "en/link", "fr");
}

#[test]
fn the_same_file_as_both_sides_is_refused() {
    let h = one_pair();
    refused_as_overlapping(&h, "fr/a.txt", "fr/a.txt");
    refused_as_overlapping(&h, "fr/a.txt", "./fr/../fr/a.txt");
}

#[cfg(unix)]
#[test]
fn a_file_and_a_hard_link_to_it_are_refused() {
    let h = one_pair();
    fs::hard_link(h.path("fr/a.txt"), h.path("en/b.txt")).unwrap();
    refused_as_overlapping(&h, "fr/a.txt", "en/b.txt");
}

// ---------------------------------------------------------------------------------------------
// Outputs inside inputs

#[track_caller]
fn refused_as_inside(h: &Harness, args: &[&str], output: &str, folder: &str) {
    let before = (h.list("fr"), h.list("en"));
    let run = h.run(args);
    run.expect_code(2);
    let message = format!("output {output} is inside the input folder {folder}");
    assert!(run.stderr.contains(&message), "{}", run.stderr);
    assert_eq!((h.list("fr"), h.list("en")), before, "nothing written");
}

#[test]
fn a_corpus_inside_an_input_folder_is_refused_before_it_is_written() {
    let h = one_pair();
    let args = ["align", "fr", "en", "-o", "fr/corpus.tmx"];
    refused_as_inside(&h, &args, "fr/corpus.tmx", "fr");
    // One written there by other means is not read as a document either.
    h.fr("corpus.tmx", "<tmx/>");
    refused_as_inside(&h, &args, "fr/corpus.tmx", "fr");
}

#[test]
fn a_corpus_in_a_new_subfolder_of_an_input_folder_is_refused() {
    let h = one_pair();
    let args = ["align", "fr", "en", "-o", "en/out/new/corpus.csv"];
    refused_as_inside(&h, &args, "en/out/new/corpus.csv", "en");
    assert!(!h.path("en/out").exists());
}

#[test]
fn an_index_folder_inside_an_input_folder_is_refused() {
    let h = one_pair();
    let args = ["align", "fr", "en", "--format", "index", "-o", "fr/idx"];
    refused_as_inside(&h, &args, "fr/idx", "fr");
}

#[test]
fn moses_files_inside_an_input_folder_are_refused() {
    let h = one_pair();
    let args = ["align", "fr", "en", "--format", "moses", "-o", "en/corpus"];
    refused_as_inside(&h, &args, "en/corpus.en-fr.fr", "en");
}

#[test]
fn a_model_or_a_stream_inside_an_input_folder_is_refused() {
    let h = one_pair();
    let learn = ["learn", "fr", "en", "-o", "fr/model.json", "--quiet"];
    refused_as_inside(&h, &learn, "fr/model.json", "fr");
    let pack = ["pack", "fr", "en", "-o", "en/docs.jsonl"];
    refused_as_inside(&h, &pack, "en/docs.jsonl", "en");
}

#[cfg(unix)]
#[test]
fn a_corpus_reached_through_a_link_into_an_input_folder_is_refused() {
    let h = one_pair();
    std::os::unix::fs::symlink("fr", h.path("out")).unwrap();
    let args = ["align", "fr", "en", "-o", "out/corpus.tmx"];
    refused_as_inside(&h, &args, "out/corpus.tmx", "fr");
}

#[test]
fn an_index_folder_holding_an_input_file_is_refused() {
    let h = Harness::new();
    h.fr("a.idx", FR);
    h.en("a.idx", EN);
    let run = h.run(&[
        "align", "fr/a.idx", "en/a.idx", "--format", "index", "-o", "fr",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("output is one of the input documents"),
        "{}",
        run.stderr
    );
    assert_eq!(h.read("fr/a.idx"), FR, "the input is intact");
}

#[test]
fn outputs_beside_the_input_folders_or_on_a_device_are_written() {
    let h = one_pair();
    h.align(&["-o", "out.jsonl", "--quiet"]).expect_code(0);
    assert_eq!(documents(&h), ["a"]);
    h.align(&["-o", "./fr/../out.tmx", "--quiet"])
        .expect_code(0);
    parse_tmx(&h.read("out.tmx"));
    #[cfg(unix)]
    h.align(&["-o", "/dev/null", "--format", "tmx", "--quiet"])
        .expect_code(0);
}

// ---------------------------------------------------------------------------------------------
// Other systems' breaks

/// The sentences `bitext split` prints for `text`, a blank line between paragraphs.
fn split(text: &str) -> String {
    let h = Harness::new();
    h.write("doc.txt", text);
    let run = h.run(&["split", "--lang", "fr", "doc.txt"]);
    run.expect_code(0);
    run.stdout
}

#[test]
fn a_form_feed_is_a_paragraph_break_not_glue() {
    assert_eq!(
        split("Fin de la page un\u{c}Début de la page deux.\n"),
        "Fin de la page un\n\nDébut de la page deux.\n"
    );
    let h = Harness::new();
    h.pair("a", "Fin de la page un\u{c}Début de la page deux.\n", EN);
    let beads = h.align_jsonl(0, &[]);
    let fr = joined(beads.iter().map(|b| b.fr.as_str()));
    assert_eq!(fr, "Fin de la page un Début de la page deux.");
}

#[test]
fn a_paragraph_separator_is_a_paragraph_break() {
    assert_eq!(
        split("Premier paragraphe.\u{2029}Second paragraphe.\n"),
        "Premier paragraphe.\n\nSecond paragraphe.\n"
    );
}

#[test]
fn vertical_tab_nel_and_line_and_record_separators_are_line_breaks_not_glue() {
    for c in ['\u{b}', '\u{85}', '\u{2028}', '\u{1e}'] {
        // A line without final punctuation is a headline of its own.
        assert_eq!(
            split(&format!("Titre du jour{c}Le texte commence ici.\n")),
            "Titre du jour\nLe texte commence ici.\n",
            "{c:?}"
        );
        // A hard-wrapped sentence stays one, with a space where the break was.
        assert_eq!(
            split(&format!("Le texte{c}continue ici.\n")),
            "Le texte continue ici.\n",
            "{c:?}"
        );
    }
}
