//! The language check: a side clearly in another language than `--source-lang` or
//! `--target-lang` is refused, naming its file (or record), the expected and the detected codes;
//! a run whose sides are mostly swapped says so once. Short texts, names and numbers are not
//! judged.

use std::fs;

use crate::harness::*;

/// Three articles of the sample corpus, as `(name, French, English)`.
fn articles() -> Vec<(String, String, String)> {
    [
        "01-budget-no-confidence",
        "02-river-flood",
        "05-museum-opening",
    ]
    .iter()
    .map(|name| {
        let read = |side: &str| {
            fs::read_to_string(manifest_path(&format!("corpora/{side}/{name}.txt")))
                .expect("sample corpus")
        };
        (name.to_string(), read("fr"), read("en"))
    })
    .collect()
}

const SWAP_NOTE: &str =
    "the folders look swapped: fr/ holds en, en/ holds fr (give them the other way round)";

#[test]
fn swapped_folders_are_refused_document_by_document_and_said_once() {
    let h = Harness::new();
    for (name, fr, en) in articles() {
        h.pair(&name, en, fr);
    }
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    for (name, _, _) in articles() {
        let message = format!("fr/{name}.txt: looks like en, expected fr");
        assert!(run.stderr.contains(&message), "{message}\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches(SWAP_NOTE).count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("3 problem(s) (3 wrong language)"));
    assert!(parse_jsonl(&h.read("out.jsonl")).is_empty());
}

#[test]
fn a_copy_of_the_source_folder_given_as_the_target_is_refused() {
    let h = Harness::new();
    for (name, fr, _) in articles() {
        h.pair(&name, &fr, &fr);
    }
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(1);
    for (name, _, _) in articles() {
        let message = format!("en/{name}.txt: looks like fr, expected en");
        assert!(run.stderr.contains(&message), "{message}\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("look swapped"), "{}", run.stderr);
}

/// Regression: a copied folder of short documents (a headline, a date line) escaped the
/// language check, too short to judge, and was aligned as its own translation.
#[test]
fn a_copy_of_a_folder_of_short_documents_is_refused_as_the_same_text() {
    let h = Harness::new();
    h.pair(
        "brief",
        "Le Louvre rouvre le 3 mars.\n",
        "Le Louvre rouvre le 3 mars.\n",
    );
    h.pair("date", "Paris, 12 juin 2024.\n", "Paris, 12 juin 2024.\n");
    let run = h.align(&["-o", "out.tmx"]);
    run.expect_code(1);
    run.expect_stderr("both sides hold the same text");
    run.expect_stderr("2 same text on both sides");
    assert!(!h.read("out.tmx").contains("<tu "), "nothing paired");
}

#[test]
fn a_french_side_that_is_english_is_left_out_and_the_rest_aligned() {
    let h = Harness::new();
    let articles = articles();
    for (name, fr, en) in &articles[..2] {
        h.pair(name, fr, en);
    }
    let (name, _, en) = &articles[2];
    h.pair(name, en, en);
    let beads = h.align_jsonl(1, &[]);
    let documents = by_document(&beads);
    assert_eq!(documents.len(), 2);
    assert!(!documents.contains_key(name.as_str()));
    let run = h.align(&["-o", "out.jsonl"]);
    assert!(
        run.stderr
            .contains(&format!("fr/{name}.txt: looks like en, expected fr"))
    );
    assert!(run.stderr.contains("(1 wrong language)"), "{}", run.stderr);
    assert!(!run.stderr.contains("look swapped"), "one pair in three");
    // --strict stops there, writing nothing; --no-language-check aligns it.
    h.align(&["-o", "strict.jsonl", "--strict"]).expect_code(2);
    assert!(!h.path("strict.jsonl").exists());
    let beads = h.align_jsonl(0, &["--no-language-check"]);
    assert_eq!(by_document(&beads).len(), 3);
}

#[test]
fn a_correct_pair_full_of_names_and_numbers_is_no_false_alarm() {
    let h = Harness::new();
    let fr = "Résultats de la 12e journée\n\n\
        Lyon 2 – 1 Marseille : Lacazette (17e, 78e) ; Aubameyang (45e+1).\n\
        Paris SG 3 – 0 Nantes : Mbappé (8e, 33e), Dembélé (61e).\n\
        Lille 1 – 1 Rennes : David (52e) ; Kalimuendo (90e+3).\n\
        Monaco 0 – 2 Nice : Boga (24e), Moffi (70e).\n\n\
        Classement : 1. Paris SG, 28 pts ; 2. Monaco, 25 pts ; 3. Lille, 24 pts ; \
        4. Nice, 22 pts ; 5. Lyon, 21 pts ; 6. Rennes, 19 pts.\n";
    let en = "Results of matchday 12\n\n\
        Lyon 2 – 1 Marseille: Lacazette (17', 78'); Aubameyang (45'+1).\n\
        Paris SG 3 – 0 Nantes: Mbappé (8', 33'), Dembélé (61').\n\
        Lille 1 – 1 Rennes: David (52'); Kalimuendo (90'+3).\n\
        Monaco 0 – 2 Nice: Boga (24'), Moffi (70').\n\n\
        Table: 1. Paris SG, 28 pts; 2. Monaco, 25 pts; 3. Lille, 24 pts; \
        4. Nice, 22 pts; 5. Lyon, 21 pts; 6. Rennes, 19 pts.\n";
    h.pair("results", fr, en);
    // Names and numbers on both sides, each as the other's: neither is judged.
    h.pair("table", en.repeat(5), fr.repeat(5));
    let run = h.align(&["-o", "out.jsonl"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("looks like"), "{}", run.stderr);
}

#[test]
fn a_stream_record_with_a_side_in_the_wrong_language_is_named() {
    let h = Harness::new();
    let articles = articles();
    let record = |name: &str, fr: &str, en: &str| {
        serde_json::json!({"doc": name, "fr": fr, "en": en}).to_string() + "\n"
    };
    let (a, b) = (&articles[0], &articles[1]);
    let stream = record(&a.0, &a.1, &a.2) + &record(&b.0, &b.1, &b.1);
    let run = h.run_with_stdin(&["align", "--stdin"], stream.as_bytes());
    run.expect_code(1);
    let message = format!(
        "line 2 (document {:?}), en side: looks like fr, expected en",
        b.0
    );
    assert!(run.stderr.contains(&message), "{message}\n{}", run.stderr);
    assert_eq!(by_document(&parse_jsonl(&run.stdout)).len(), 1);
}

#[test]
fn swapped_stream_records_are_said_once() {
    let h = Harness::new();
    let stream: String = articles()
        .iter()
        .map(|(name, fr, en)| {
            serde_json::json!({"doc": name, "fr": en, "en": fr}).to_string() + "\n"
        })
        .collect();
    let run = h.run_with_stdin(&["align", "--stdin"], stream.as_bytes());
    run.expect_code(1);
    let note = "the records look swapped: their \"fr\" side holds en, their \"en\" side holds fr";
    assert_eq!(run.stderr.matches(note).count(), 1, "{}", run.stderr);
}

/// A German article we wrote (the gold set Text+Berg is French-German).
const GERMAN: &str = "\
Das neue Museum öffnet am Samstag seine Türen für das Publikum. Die Sammlung umfasst mehr als \
dreitausend Werke, von denen viele noch nie ausgestellt wurden. Der Direktor erklärte, man wolle \
vor allem junge Besucher ansprechen, und die Preise seien deshalb für Studenten gesenkt worden.

Nach zwei Jahren Bauzeit ist der neue Flügel fertig. Er ist hell und offen, und er bietet viel \
mehr Platz als der alte. Wer das Museum besuchen will, sollte früh kommen, denn am ersten \
Wochenende werden sehr viele Gäste erwartet, die seit langem auf diese Eröffnung gewartet haben.
";

#[test]
fn the_target_language_given_is_the_one_checked() {
    let h = Harness::new();
    let (name, fr, _) = &articles()[2];
    h.pair(name, fr, GERMAN);
    // GERMAN is no translation of the article (a short text on a museum opening): the document
    // score, which refuses it at the default threshold, is off so that the language alone counts.
    h.align(&[
        "-o",
        "de.jsonl",
        "--target-lang",
        "de",
        "--min-doc-score",
        "0",
    ])
    .expect_code(0);
    let run = h.align(&["-o", "en.jsonl"]);
    run.expect_code(1);
    let message = format!("en/{name}.txt: looks like de, expected en");
    assert!(run.stderr.contains(&message), "{message}\n{}", run.stderr);
    // Swiss German: a code the identifier does not know is not checked.
    h.align(&[
        "-o",
        "gsw.jsonl",
        "--target-lang",
        "gsw",
        "--min-doc-score",
        "0",
    ])
    .expect_code(0);
}

#[test]
fn two_files_swapped_are_said_to_be_files() {
    let h = Harness::new();
    let (_, fr, en) = &articles()[0];
    h.write("article.fr.txt", fr);
    h.write("article.en.txt", en);
    let run = h.run(&[
        "align",
        "article.en.txt",
        "article.fr.txt",
        "-o",
        "out.jsonl",
    ]);
    run.expect_code(1);
    let note = "the files look swapped: article.en.txt holds en, article.fr.txt holds fr";
    assert!(run.stderr.contains(note), "{}", run.stderr);
}

/// `learn` checks each side's language as `align` does, and takes `--no-language-check` too
/// (it had no way to learn from a pair the identifier confuses).
#[test]
fn learn_refuses_a_swapped_pair_unless_the_check_is_off() {
    let h = Harness::new();
    for (name, fr, en) in articles() {
        h.pair(&name, en, fr);
    }
    let run = h.run(&["learn", "fr", "en", "-o", "model.json"]);
    run.expect_code(1);
    run.expect_stderr("looks like en, expected fr");
    let run = h.run(&[
        "learn",
        "fr",
        "en",
        "-o",
        "model.json",
        "--no-language-check",
    ]);
    run.expect_code(0);
    assert!(h.read("model.json").contains("\"documents\""));
}
