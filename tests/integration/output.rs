//! Output safety: the corpus appears whole or not at all, inputs are never written over, and a
//! reader that stops early (`bitext … | head`) is not an error.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::harness::*;

#[test]
fn no_temporary_file_remains_after_success() {
    let h = news_and_museum();
    std::fs::create_dir(h.path("out")).unwrap();
    for out in ["out/c.tmx", "out/c.csv", "out/c.jsonl"] {
        h.align(&["-o", out, "--quiet"]).expect_code(0);
    }
    assert_eq!(h.list("out"), ["c.csv", "c.jsonl", "c.tmx"]);
}

#[test]
fn no_temporary_file_remains_after_per_document_problems() {
    let h = news_and_museum();
    h.fr("orphan.txt", "Un texte seul.\n");
    h.fr("bad.txt", b"Caf\xe9.\n");
    h.en("bad.txt", "Cafe.\n");
    std::fs::create_dir(h.path("out")).unwrap();
    h.align(&["-o", "out/c.jsonl", "--quiet"]).expect_code(1);
    assert_eq!(h.list("out"), ["c.jsonl"]);
}

#[test]
fn fatal_error_leaves_an_existing_output_untouched() {
    let h = news_and_museum();
    std::fs::create_dir(h.path("out")).unwrap();
    h.write("out/c.jsonl", "previous corpus\n");
    let run = h.run(&["align", "missing", "en", "-o", "out/c.jsonl"]);
    run.expect_code(2);
    assert!(run.stderr.contains("missing"), "{}", run.stderr);
    assert_eq!(h.read("out/c.jsonl"), "previous corpus\n");
    assert_eq!(h.list("out"), ["c.jsonl"]);
}

#[test]
fn fatal_io_error_is_reported_once() {
    let h = news_and_museum();
    let run = h.run(&["align", "missing", "en", "-o", "c.jsonl"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr.matches("No such file or directory").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn output_equal_to_an_input_file_is_refused() {
    let h = Harness::new();
    h.pair("news", NEWS_FR, NEWS_EN);
    for (out, original) in [("en/news.txt", NEWS_EN), ("fr/news.txt", NEWS_FR)] {
        let run = h.run(&[
            "align",
            "fr/news.txt",
            "en/news.txt",
            "-o",
            out,
            "--format",
            "csv",
        ]);
        run.expect_code(2);
        assert!(run.stderr.contains("one of the inputs"), "{}", run.stderr);
        assert_eq!(h.read(out), original, "{out} was changed");
    }
}

#[test]
fn output_equal_to_a_document_in_an_input_folder_is_refused() {
    let h = news_and_museum();
    let run = h.align(&["-o", "fr/news.txt", "--format", "csv"]);
    let overwritten = h.read("fr/news.txt") != NEWS_FR;
    assert!(
        !overwritten,
        "fr/news.txt was overwritten (exit {})",
        run.code
    );
    run.expect_code(2);
}

/// Starts `bitext align` on 200 generated pairs with stdout piped, reads one line, closes the
/// pipe, and returns the exit code and stderr.
fn align_into_closed_pipe(extra: &[&str]) -> (i32, String) {
    let h = Harness::new();
    write_generated(&h, 200);
    let mut args = vec!["align", "fr", "en", "--quiet"];
    args.extend_from_slice(extra);
    // The whole output must be far more than a pipe holds (64 KiB), or nothing fails to write.
    let full = h.run(&args);
    assert!(
        full.stdout.len() > 1 << 18,
        "only {} bytes",
        full.stdout.len()
    );
    let mut child = h
        .command(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start bitext");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    assert!(!first.is_empty(), "no output at all");
    drop(stdout);
    let out = child.wait_with_output().expect("wait for bitext");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().expect("killed by a signal"), stderr)
}

#[test]
fn closed_stdout_pipe_is_not_an_error_for_csv() {
    let (code, stderr) = align_into_closed_pipe(&[]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn closed_stdout_pipe_is_not_an_error_for_jsonl_and_tmx() {
    for format in ["jsonl", "tmx"] {
        let (code, stderr) = align_into_closed_pipe(&["--format", format]);
        assert_eq!((code, stderr.as_str()), (0, ""), "{format}");
    }
}
