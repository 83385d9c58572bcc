//! Hostile input: bounds. Text that makes every alignment look alike (markup, near-identical
//! lines) and model files that would multiply the work must not take the aligner past its
//! budget; a model file is checked before use. The budgets themselves are counted in cells by
//! the unit tests of `align::search`; these run the binary on the shapes that broke them.

use std::collections::BTreeSet;

#[allow(unused_imports)]
use crate::harness::*;

/// Every unit of both sides in exactly one bead, and the beads in order.
#[track_caller]
fn assert_each_unit_once(beads: &[JsonBead], fr_units: usize, en_units: usize) {
    let fr: Vec<usize> = beads.iter().flat_map(|b| b.fr_ids.clone()).collect();
    let en: Vec<usize> = beads.iter().flat_map(|b| b.en_ids.clone()).collect();
    assert_eq!(fr, (0..fr_units).collect::<Vec<_>>(), "fr units");
    assert_eq!(en, (0..en_units).collect::<Vec<_>>(), "en units");
}

/// An XML configuration file of `lines` short near-identical lines, with a blank line (a
/// paragraph break) after every `lines / 4`: few, long paragraphs.
fn config_file(lines: usize) -> String {
    let mut out = String::from("<?xml version=\"1.0\"?>\n<configuration>\n");
    for i in 0..lines {
        out.push_str(&format!(
            "  <property name=\"app.module{}.setting{}\" value=\"{}\"/>\n",
            i % 37,
            i % 101,
            ["true", "false", "0", "default"][i % 4]
        ));
        if (i + 1) % (lines / 4) == 0 {
            out.push('\n');
        }
    }
    out + "</configuration>\n"
}

#[test]
fn a_config_file_of_few_long_paragraphs_aligned_with_itself_keeps_every_line_once() {
    // Paragraphs of 750 lines made a band of a box per paragraph pair, 750 columns a row,
    // past the band's budget (a real 2.4 MB file: 1.9 billion cells, 160 s and 1.9 GB).
    let h = Harness::new();
    let text = config_file(3000);
    h.fr("conf.xml", &text);
    h.en("conf.xml", &text);
    // One text on both sides is refused as no translation unless the check is off.
    let beads = h.align_jsonl(0, &["--presplit", "--no-language-check"]);
    let units = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_each_unit_once(&beads, units, units);
    assert!(beads.iter().all(|b| b.kind == "1-1" && b.fr == b.en));
}

#[test]
fn near_identical_lines_with_some_dropped_keep_every_line_once() {
    // Five variants of a log line: every bead looks like every other, and the path the
    // programme must find (a line dropped every 700) presses against any narrow band.
    let variants = [
        "Connexion acceptée.",
        "Connexion refusée.",
        "Délai dépassé.",
        "Connexion acceptée !",
        "Session fermée.",
    ];
    let fr: Vec<&str> = (0..5000).map(|i| variants[(i * 7) % 5]).collect();
    let en: Vec<&str> = fr
        .iter()
        .enumerate()
        .filter(|(k, _)| k % 700 != 17)
        .map(|(_, l)| *l)
        .collect();
    let h = Harness::new();
    h.pair("log", fr.join("\n") + "\n", en.join("\n") + "\n");
    // French on both sides: the language check would refuse the English one.
    let beads = h.align_jsonl(0, &["--presplit", "--no-language-check"]);
    assert_each_unit_once(&beads, fr.len(), en.len());
}

/// A model file as `bitext learn` writes it (fr-en, clauses, split), with these links.
fn model(links: &[(u64, u64)], documents: usize, sample_documents: usize) -> String {
    let links: Vec<String> = links.iter().map(|(s, t)| format!("[{s},{t}]")).collect();
    format!(
        concat!(
            r#"{{"format":"bitext-model","version":1,"settings":{{"source_lang":"fr","#,
            r#""target_lang":"en","units":"clauses","presplit":false,"dictionary":null}},"#,
            r#""documents":{},"sample_documents":{},"sample_pairs":10,"#,
            r#""sample_complete":false,"links":[{}]}}"#,
            "\n"
        ),
        documents,
        sample_documents,
        links.join(",")
    )
}

/// 32-bit FNV-1a of a lower-case word: how a model names words.
fn fnv(word: &str) -> u64 {
    word.bytes().fold(0x811c_9dc5_u64, |h, b| {
        ((h ^ u64::from(b)) * 0x0100_0193) & 0xffff_ffff
    })
}

fn a_pair_to_align(h: &Harness) {
    h.pair(
        "doc",
        "Le rapport est lu. Le vote a lieu demain.\n",
        "The report is read. The vote takes place tomorrow.\n",
    );
}

#[test]
fn a_model_whose_400000_links_point_at_one_word_is_refused_naming_the_file() {
    // Read link by link it took minutes (each link kept the word's partners sorted), and each
    // sentence holding `the` got 400,000 anchors: over 8 GB before it was stopped.
    let h = Harness::new();
    a_pair_to_align(&h);
    let the = fnv("the");
    let links: Vec<(u64, u64)> = (0..400_000u64)
        .map(|k| (k * 7919 % (1 << 32), the))
        .collect();
    let mut links = links;
    links.sort_unstable();
    h.write("m.json", model(&links, 2, 2));
    let run = h.align(&["-o", "out.jsonl", "--model", "m.json"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("m.json: line 1")
            && run
                .stderr
                .contains(&format!("target word {the} has 400000 partners")),
        "{}",
        run.stderr
    );
    assert!(!h.path("out.jsonl").exists());
}

#[test]
fn a_model_of_a_few_partners_a_word_is_used() {
    let h = Harness::new();
    a_pair_to_align(&h);
    let links: Vec<(u64, u64)> = (0..30)
        .map(|k| (fnv("rapport") + k, fnv("report")))
        .collect();
    h.write("m.json", model(&links, 2, 2));
    let beads = h.align_jsonl(0, &["--model", "m.json"]);
    assert_each_unit_once(&beads, 2, 2);
}

#[test]
fn a_model_whose_sample_counts_more_documents_than_it_covers_is_refused() {
    let h = Harness::new();
    a_pair_to_align(&h);
    h.write("m.json", model(&[(1, 2)], 2, 5));
    let run = h.align(&["-o", "out.jsonl", "--model", "m.json"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("m.json: line 1: sample_documents 5 is more than documents 2"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_model_word_id_past_32_bits_is_refused_naming_its_line() {
    let h = Harness::new();
    a_pair_to_align(&h);
    let text = model(&[(1, 2), (1 << 32, 3)], 2, 2).replace(r#""links":"#, "\n\"links\":");
    h.write("m.json", text);
    let run = h.align(&["-o", "out.jsonl", "--model", "m.json"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("m.json: line 2") && run.stderr.contains("4294967296"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_model_file_past_16_mb_is_refused_before_it_is_read() {
    // Valid JSON padded with spaces: read whole, it would have been accepted.
    let h = Harness::new();
    a_pair_to_align(&h);
    let mut text = model(&[(1, 2)], 2, 2).into_bytes();
    text.resize(text.len() + (16 << 20), b' ');
    h.write("m.json", text);
    let run = h.align(&["-o", "out.jsonl", "--model", "m.json"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("m.json: line 1") && run.stderr.contains("a model has at most"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_dictionary_word_of_a_hundred_translations_keeps_32_and_says_how_many_were_skipped() {
    let h = Harness::new();
    a_pair_to_align(&h);
    // Words of letters only (digits would end a word).
    let word = |k: u8| format!("tr{}{}", (b'a' + k / 26) as char, (b'a' + k % 26) as char);
    let dict: String = (0..100)
        .map(|k| format!("{} @ rapport\n", word(k)))
        .collect();
    h.write("fr-en.dict", dict);
    let run = h.align(&["-o", "out.jsonl", "--dictionary", "fr-en.dict"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("fr-en.dict: 68 entries skipped"),
        "{}",
        run.stderr
    );
    let beads = parse_jsonl(&h.read("out.jsonl"));
    let fr: BTreeSet<usize> = beads.iter().flat_map(|b| b.fr_ids.clone()).collect();
    assert_eq!(fr.len(), 2);
}
