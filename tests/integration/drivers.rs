//! The drivers held to one behaviour: a folder run and a stream of the same documents sum up
//! a bad document under the same reason and exit alike, `--quiet` is quiet in each, and no
//! command writes over one of its inputs. (A
//! pair without a sentence and an unbalanced pair are in stream.rs; `--strict` in
//! bad_input.rs, stream.rs and, for `convert`, which is always strict, review.rs.)

use crate::harness::*;

/// The stream of these `(name, fr, en)` documents.
fn stream(docs: &[(&str, &str, &str)]) -> String {
    docs.iter()
        .map(|(doc, fr, en)| format!("{}\n", serde_json::json!({"doc": doc, "fr": fr, "en": en})))
        .collect()
}

/// The summary's count of problems by reason: `1 problem(s) (1 empty)`.
fn problems(run: &Run) -> String {
    let summary = run.stderr.lines().last().unwrap_or_default();
    let part = summary.split("; ").find(|p| p.contains("problem(s)"));
    part.unwrap_or_else(|| panic!("no problem count: {}", run.stderr))
        .to_string()
}

#[test]
fn a_stream_counts_an_empty_or_too_large_side_as_a_folder_run_counts_the_file() {
    // Regression: a stream summed both up as "1 bad record".
    let long = "This sentence is a good deal longer than sixty-four bytes, all told.\n";
    for (bad, expected) in [
        ("  \n", "1 problem(s) (1 empty)"),
        (long, "1 problem(s) (1 too large)"),
    ] {
        let h = Harness::new();
        let docs = [("a", "Un.\n", "One.\n"), ("b", "Deux.\n", bad)];
        for (name, fr, en) in docs {
            h.pair(name, fr, en);
        }
        let limit = ["--max-doc-bytes", "64", "-f", "jsonl"];
        let folder = h.align(&[&limit[..], &["--learn", "document"]].concat());
        let piped = h.run_with_stdin(
            &[&["align", "--stdin"], &limit[..]].concat(),
            stream(&docs).as_bytes(),
        );
        folder.expect_code(1);
        piped.expect_code(1);
        assert_eq!(problems(&folder), expected, "{}", folder.stderr);
        assert_eq!(problems(&piped), expected, "{}", piped.stderr);
        assert_eq!(piped.stdout, folder.stdout);
    }
}

#[test]
fn a_quiet_stream_learn_and_pack_say_nothing_on_a_clean_input() {
    let h = news_and_museum();
    let packed = h.run(&["pack", "fr", "en"]);
    assert_eq!(packed.expect_code(0).stderr, "");
    let input = packed.stdout.as_bytes();
    let quiet = |args: &[&str], input: &[u8]| {
        let run = h.run_with_stdin(args, input);
        assert_eq!(run.expect_code(0).stderr, "", "{args:?}");
    };
    quiet(&["align", "--stdin", "-q"], input);
    quiet(&["learn", "--stdin", "-q"], input);
    quiet(&["learn", "fr", "en", "-o", "model.json", "-q"], b"");
    quiet(&["align", "--stdin", "--model", "model.json", "-q"], input);
}

#[test]
fn learn_merge_refuses_to_write_its_model_over_one_of_its_stats() {
    // Regression: the model replaced the stats it was merged from.
    let h = news_and_museum();
    let packed = h.run(&["pack", "fr", "en"]);
    let map = h.run_with_stdin(&["learn", "--stdin"], packed.stdout.as_bytes());
    h.write("a.stats", &map.expect_code(0).stdout);
    let run = h.run(&["learn", "--merge", "a.stats", "-o", "a.stats"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("a.stats: output is one of the input documents"),
        "{}",
        run.stderr
    );
    assert_eq!(h.read("a.stats"), map.stdout);
}
