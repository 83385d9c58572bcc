//! The alignment run as a whole: determinism across threads, pre-split input, the summary.

use crate::harness::*;

#[test]
fn jobs_1_and_jobs_2_give_byte_identical_output() {
    let h = Harness::new();
    write_generated(&h, 30);
    for jobs in ["1", "2"] {
        for ext in ["jsonl", "tmx"] {
            let out = format!("jobs{jobs}.{ext}");
            h.align(&["--jobs", jobs, "-o", &out, "--quiet"])
                .expect_code(0);
        }
    }

    assert_eq!(doc_order(&parse_jsonl(&h.read("jobs1.jsonl"))).len(), 30);
    for ext in ["jsonl", "tmx"] {
        let (one, two) = (format!("jobs1.{ext}"), format!("jobs2.{ext}"));
        assert!(
            h.read_bytes(&one) == h.read_bytes(&two),
            "{one} and {two} differ"
        );
    }
}

#[test]
fn a_run_of_several_chunks_is_written_whole_and_in_order() {
    // 300 pairs: three chunks of the run, each written while the next is aligned (with a pool),
    // one document that fails in the middle one.
    let h = Harness::new();
    write_generated(&h, 300);
    h.write("fr/doc-150.txt", "");
    for jobs in ["1", "2"] {
        let out = format!("jobs{jobs}.jsonl");
        let run = h.align(&["--jobs", jobs, "-o", &out, "--quiet"]);
        run.expect_code(1);
        assert!(run.stderr.contains("doc-150"), "{}", run.stderr);
    }
    let order = doc_order(&parse_jsonl(&h.read("jobs1.jsonl")));
    let expected: Vec<String> = (0..300)
        .filter(|&k| k != 150)
        .map(|k| format!("doc-{k:03}"))
        .collect();
    assert_eq!(order, expected);
    assert!(h.read_bytes("jobs1.jsonl") == h.read_bytes("jobs2.jsonl"));
}

#[test]
fn presplit_keeps_one_sentence_per_line() {
    let h = Harness::new();
    // Lines the splitter would cut in two.
    let fr = "Titre sans point\nM. Dupont est venu. Il est reparti.\nLe ciel est bleu. La mer est calme.\n\nUn deuxième paragraphe.\n";
    let en = "Title without a period\nMr. Dupont came. He left again.\nThe sky is blue. The sea is calm.\n\nA second paragraph.\n";
    h.pair("doc", fr, en);

    let beads = h.align_jsonl(0, &["--presplit"]);
    let fr_ids: Vec<usize> = beads.iter().flat_map(|b| b.fr_ids.clone()).collect();
    let en_ids: Vec<usize> = beads.iter().flat_map(|b| b.en_ids.clone()).collect();
    assert_eq!(fr_ids, [0, 1, 2, 3]);
    assert_eq!(en_ids, [0, 1, 2, 3]);
    let kinds: Vec<&str> = beads.iter().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds, ["1-1"; 4]);
    assert_eq!(beads[1].fr, "M. Dupont est venu. Il est reparti.");
    assert_eq!(beads[2].en, "The sky is blue. The sea is calm.");

    // Without --presplit the same text has six sentences: the flag is what kept the lines.
    let split = h.align_jsonl(0, &[]);
    let sentences: usize = split.iter().map(|b| b.fr_ids.len()).sum();
    assert_eq!(sentences, 6);
}

#[test]
fn presplit_pieces_of_a_sentence_cut_alike_in_both_languages_were_paired_as_fragments() {
    let h = Harness::new();
    // Another tool's splitter cut at the ellipses inside a list and a pause, on both sides.
    let fr = "Soit les ensembles {s1, s2, ...\n, sn} et {t1, t2, ...\n, tn}, tels que la relation tienne.\nLa consommation de lait...\nest semblable à celle des voisins.\nC'est tout.\n";
    let en = "Let the sets {s1, s2, ...\n, sn} and {t1, t2, ...\n, tn}, such that the relation holds.\nMilk consumption...\nis similar to that of the neighbours.\nThat is all.\n";
    h.pair("doc", fr, en);

    let beads = h.align_jsonl(0, &["--presplit"]);
    let kinds: Vec<&str> = beads.iter().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds, ["3-3", "2-2", "1-1"], "{beads:?}");
    // The user's sentences keep their ids, and the bead their text in full.
    assert_eq!(beads[0].fr_ids, [0, 1, 2]);
    assert_eq!(beads[1].en_ids, [3, 4]);
    assert_eq!(beads[2].fr_ids, [5]);
    assert_eq!(
        beads[1].en,
        "Milk consumption... is similar to that of the neighbours."
    );
}

#[test]
fn summary_line_on_stderr_unless_quiet() {
    let h = news_and_museum();
    let run = h.align(&["-o", "out.csv"]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].starts_with("Aligned 2 document pair(s)"),
        "{}",
        lines[0]
    );

    let quiet = h.align(&["-o", "out.csv", "--quiet"]);
    quiet.expect_code(0);
    assert_eq!(quiet.stderr, "");
}

#[test]
fn summary_counts_only_the_pairs_that_were_aligned() {
    let h = news_and_museum();
    h.fr("orphan.txt", "Un texte seul.\n");
    let run = h.align(&["-o", "out.csv"]);
    run.expect_code(1);
    let summary = run.stderr.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("Aligned 2 document pair(s)"),
        "{summary}"
    );
    assert!(summary.contains("1 problem(s)"), "{summary}");
    // What is counted is units (clauses by default), and the summary says so.
    let units = h.align_jsonl(1, &[]);
    let fr_units: usize = units.iter().map(|b| b.fr_ids.len()).sum();
    assert!(
        summary.contains(&format!(": {fr_units} source and ")),
        "{summary}"
    );
    assert!(summary.contains(" target units in "), "{summary}");
}

#[test]
fn a_users_dictionary_is_evidence_for_the_pairs_it_covers() {
    let h = Harness::new();
    // No number, cognate or acronym joins these: only the dictionary knows the words.
    h.fr(
        "a.txt",
        "Le chien mange la soupe.\nLa voiture brûle vite.\nLe chat dort ici.\n",
    );
    h.write(
        "de/a.txt",
        "Der Hund frisst die Suppe.\nDie Katze schläft hier.\n",
    );
    h.write(
        "fr-de.dict",
        "Hund @ chien\nSuppe @ soupe\nKatze @ chat\nschläft @ dort\nmore than one @ word\n",
    );
    let align = |extra: &[&str]| {
        let mut args = vec![
            "align",
            "fr",
            "de",
            "--target-lang",
            "de",
            "--presplit",
            "--explain",
            "-q",
            "-f",
            "jsonl",
        ];
        args.extend_from_slice(extra);
        let run = h.run(&args);
        run.expect_code(0);
        (parse_jsonl_objects(&run.stdout), run.stderr)
    };
    let lexical = |rows: &[serde_json::Map<String, serde_json::Value>]| -> Vec<f64> {
        rows.iter()
            .map(|r| r["cost"]["lexical"].as_f64().expect("a lexical cost"))
            .collect()
    };
    let (with, stderr) = align(&["--dictionary", "fr-de.dict"]);
    let kinds: Vec<&str> = with.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["1-1", "1-0", "1-1"]);
    assert!(lexical(&with).iter().all(|&c| c <= 0.0));
    assert!(
        lexical(&with)[0] < -10.0 && lexical(&with)[2] < -10.0,
        "{with:?}"
    );
    assert!(stderr.contains("fr-de.dict: 1 entries skipped"), "{stderr}");
    let (without, _) = align(&[]);
    assert!(lexical(&without).iter().all(|&c| c == 0.0), "{without:?}");
}

#[test]
fn learn_document_aligns_each_document_as_if_it_were_alone() {
    let h = Harness::new();
    write_generated(&h, 12);
    let doc7 = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains(r#""doc":"doc-007""#))
            .map(String::from)
            .collect()
    };
    let alone = Harness::new();
    let (fr, en) = generated_pair(7);
    alone.pair("doc-007", fr, en);
    let single = alone.align(&["-q", "-f", "jsonl", "--explain"]);
    single.expect_code(0);
    let single = doc7(&single.stdout);
    assert!(!single.is_empty());

    h.align(&["--learn", "document", "-o", "doc.jsonl", "-q", "--explain"])
        .expect_code(0);
    assert_eq!(doc7(&h.read("doc.jsonl")), single);
    // By default the run's word table adds evidence the document alone does not have.
    h.align(&["-o", "run.jsonl", "-q", "--explain"])
        .expect_code(0);
    assert_ne!(doc7(&h.read("run.jsonl")), single);
}
