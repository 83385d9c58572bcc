//! Hostile input: names. A document's name, a TMX prop or a language code from the data is
//! never a path out of `-o`, never a second column of one name, and two documents never share
//! a file; outputs of several files are renamed into place all or none, and what a killed run
//! left is cleaned up by the next.

use std::fs;
use std::path::Path;

use crate::harness::*;

/// A stream record for document `doc`.
fn record(doc: &str) -> String {
    let line = serde_json::json!({
        "doc": doc,
        "fr": "Bonjour le monde. Il fait beau aujourd'hui.",
        "en": "Hello world. The weather is fine today.",
    });
    format!("{line}\n")
}

/// A one-pair TMX whose unit has `x-doc` prop `doc` and target language `lang`.
fn tmx(doc: &str, lang: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="fr" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/>
<body>
<tu><prop type="x-doc">{doc}</prop><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv><tuv xml:lang="{lang}"><seg>Hello.</seg></tuv></tu>
</body></tmx>
"#
    )
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                found.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_stream_doc_name_that_is_a_path_stays_inside_the_index_folder() {
    let h = Harness::new();
    let absolute = h.path("abs/x");
    let input = record("../escaped") + &record(absolute.to_str().unwrap());
    h.run_with_stdin(
        &["align", "--stdin", "--format", "index", "-o", "out"],
        input.as_bytes(),
    )
    .expect_code(0);
    assert!(!h.path("escaped.idx").exists() && !h.path("abs").exists());
    let absolute_escaped = format!("%2F{}.idx", &absolute.to_str().unwrap()[1..]);
    assert_eq!(
        files_under(&h.path("out")),
        ["%2E%2E/escaped.idx", absolute_escaped.as_str()]
    );
}

#[test]
fn a_tmx_doc_prop_that_is_a_path_stays_inside_the_index_folder() {
    let h = Harness::new();
    h.write("in.tmx", tmx("../../escaped", "en"));
    h.run(&["convert", "in.tmx", "--format", "index", "-o", "out"])
        .expect_code(0);
    assert!(!h.path("escaped.idx").exists());
    assert_eq!(files_under(&h.path("out")), ["%2E%2E/%2E%2E/escaped.idx"]);
}

#[test]
fn a_tmx_language_that_is_a_path_is_refused_naming_the_file_and_code() {
    let h = Harness::new();
    h.write("in.tmx", tmx("a", "../../escaped"));
    let run = h.run(&["convert", "in.tmx", "-o", "sub/out.moses"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("in.tmx") && run.stderr.contains("\"../../escaped\""),
        "{}",
        run.stderr
    );
    assert_eq!(files_under(&h.path("")), ["in.tmx"]);
}

#[test]
fn stats_refuses_a_language_that_is_no_code() {
    let h = Harness::new();
    h.write("in.tmx", tmx("a", "en/x"));
    let run = h.run(&["stats", "in.tmx"]);
    run.expect_code(2);
    assert!(run.stderr.contains("in.tmx"), "{}", run.stderr);
    assert!(run.stderr.contains("\"en/x\" is not a language code"));
}

#[test]
fn two_stream_documents_of_one_name_are_an_error_naming_both_not_an_overwrite() {
    let h = Harness::new();
    let input = record("a") + &record("b") + &record("a");
    let run = h.run_with_stdin(
        &["align", "--stdin", "--format", "index", "-o", "out"],
        input.as_bytes(),
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains(r#"documents "a" and "a""#),
        "{}",
        run.stderr
    );
    assert!(!h.path("out").exists() || files_under(&h.path("out")).is_empty());
}

#[test]
fn documents_differing_only_in_case_are_an_error_not_one_file_on_macos() {
    let h = Harness::new();
    h.write(
        "in.tmx",
        tmx("News", "en").replace("</body>", &unit("news")),
    );
    let run = h.run(&["convert", "in.tmx", "--format", "index", "-o", "out"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(r#"documents "News" and "news""#),
        "{}",
        run.stderr
    );
}

/// A TMX unit of document `doc`, then the end of the body.
fn unit(doc: &str) -> String {
    format!(
        r#"<tu><prop type="x-doc">{doc}</prop><tuv xml:lang="fr"><seg>Deux.</seg></tuv><tuv xml:lang="en"><seg>Two.</seg></tuv></tu>
</body>"#
    )
}

#[test]
fn a_document_seen_again_after_another_in_a_tmx_does_not_overwrite_its_index() {
    let h = Harness::new();
    let body = unit("b").replace("</body>", "") + &unit("a");
    h.write("in.tmx", tmx("a", "en").replace("</body>", &body));
    let run = h.run(&["convert", "in.tmx", "--format", "index", "-o", "out"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(r#"documents "a" and "a""#),
        "{}",
        run.stderr
    );
}

#[test]
fn a_language_code_equal_to_a_column_name_is_refused() {
    let h = Harness::new();
    h.pair("a", "Bonjour.", "Hello.");
    for (lang, out) in [
        ("doc", "out.jsonl"),
        ("id", "out.csv"),
        ("score", "o.jsonl"),
    ] {
        let run = h.align(&["--source-lang", lang, "-o", out]);
        run.expect_code(2);
        assert!(
            run.stderr.contains(&format!("{lang:?}")) && run.stderr.contains("column"),
            "{}",
            run.stderr
        );
        assert!(!h.path(out).exists());
    }
}

#[test]
fn a_tmx_language_equal_to_a_column_name_writes_no_record_with_two_docs() {
    let h = Harness::new();
    h.write("in.tmx", tmx("a", "doc"));
    let run = h.run(&["convert", "in.tmx", "-o", "out.jsonl"]);
    run.expect_code(2);
    assert!(run.stderr.contains("in.tmx"), "{}", run.stderr);
    assert!(!h.path("out.jsonl").exists());
}

#[test]
fn a_bcp47_tag_with_region_and_script_is_a_language_code() {
    let h = Harness::new();
    h.pair("a", "Bonjour le monde.", "Hello world.");
    let run = h.align(&[
        "--source-lang",
        "fr-fr",
        "--target-lang",
        "zh-hant-tw",
        "-o",
        "c.moses",
    ]);
    run.expect_code(0);
    assert_eq!(
        h.list(""),
        [
            "c.fr-FR-zh-Hant-TW.fr-FR",
            "c.fr-FR-zh-Hant-TW.zh-Hant-TW",
            "en",
            "fr"
        ]
    );
}

#[test]
fn a_moses_pair_whose_second_rename_fails_leaves_the_first_file_as_it_was() {
    let h = Harness::new();
    h.write("in.tmx", tmx("a", "en"));
    h.write("out/c.en-fr.fr", "old French\n");
    h.write(
        "out/c.en-fr.en/keep",
        "a folder where the English file goes",
    );
    h.run(&["convert", "in.tmx", "-o", "out/c.moses"])
        .expect_code(2);
    assert_eq!(h.read("out/c.en-fr.fr"), "old French\n");
    assert_eq!(h.list("out"), ["c.en-fr.en", "c.en-fr.fr"]);
}

#[test]
fn an_index_folder_whose_kth_rename_fails_is_left_as_it_was() {
    let h = Harness::new();
    let input = record("a") + &record("b") + &record("c");
    h.write("out/a.idx", "old\n");
    h.write("out/b.idx/keep", "a folder where b's index goes");
    h.run_with_stdin(
        &["align", "--stdin", "--format", "index", "-o", "out"],
        input.as_bytes(),
    )
    .expect_code(2);
    assert_eq!(h.read("out/a.idx"), "old\n");
    assert_eq!(h.list("out"), ["a.idx", "b.idx"]);
}

/// The name of the one temporary file in `out` that is not in `known`, once a run made one.
#[cfg(target_os = "linux")]
fn new_temporary_file(h: &Harness, known: &[&str]) -> String {
    for _ in 0..600 {
        let found = if h.path("out").exists() {
            h.list("out")
        } else {
            Vec::new()
        };
        let new = found
            .into_iter()
            .find(|n| n.ends_with(".part") && !known.contains(&n.as_str()));
        if let Some(name) = new {
            return name;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("no temporary file appeared in out/");
}

#[cfg(target_os = "linux")]
#[test]
fn a_killed_runs_temporary_file_is_removed_by_the_next_run_but_a_live_ones_is_not() {
    use std::io::Write;
    use std::process::Stdio;
    let h = Harness::new();
    h.pair("a", "Bonjour le monde.", "Hello world.");
    let stream = |out: &str| {
        h.command(&["align", "--stdin", "-o", out])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start bitext")
    };
    let mut live = stream("out/live.jsonl");
    let live_part = new_temporary_file(&h, &[]);
    let mut killed = stream("out/killed.jsonl");
    let stale = new_temporary_file(&h, &[&live_part]);
    killed.kill().expect("SIGKILL");
    killed.wait().expect("reap");

    let run = h.align(&["-o", "out/c.jsonl"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(&stale) && run.stderr.contains("removed"),
        "{}",
        run.stderr
    );
    assert_eq!(h.list("out"), [live_part.as_str(), "c.jsonl"]);

    let mut input = live.stdin.take().expect("stdin");
    input.write_all(record("a").as_bytes()).expect("write");
    drop(input);
    assert!(live.wait().expect("wait").success());
    assert_eq!(h.list("out"), ["c.jsonl", "live.jsonl"]);
}

/// A file named with a line feed and a terminal escape (`a\nb\e[31m.txt`, which Linux allows):
/// its message was two lines on stderr, the second recoloured red. Escaped now, one line.
#[test]
fn a_file_name_with_a_line_feed_and_an_escape_is_one_plain_line_on_stderr() {
    let h = Harness::new();
    let name = "a\nb\u{1b}[31m.txt";
    h.fr(
        name,
        "Le budget a été rejeté mardi par 312 voix contre 201.\n",
    );
    h.en(
        "other.txt",
        "The budget was rejected on Tuesday by 312 votes to 201.\n",
    );
    let run = h.align(&["-o", "out.tmx"]);
    run.expect_code(1);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let named = lines.iter().filter(|l| l.contains("fr/a")).count();
    assert_eq!((named, lines.len()), (1, 3), "{:?}", run.stderr);
    run.expect_stderr("fr/a\\nb\\u{1b}[31m.txt: no counterpart in");
}

/// Regression: a stream's document named by a long URL (a crawl's) failed the whole index
/// output with "File name too long" after every document was aligned.
#[test]
fn a_long_document_name_gets_a_shortened_index_file() {
    let h = Harness::new();
    let long = format!("https://example.org/{}?page=1", "article-".repeat(40));
    let input = record(&long) + &record("short");
    let args = ["align", "--stdin", "-q", "-f", "index", "-o", "out"];
    h.run_with_stdin(&args, input.as_bytes()).expect_code(0);
    let files = files_under(&h.path("out"));
    assert_eq!(files.len(), 2, "{files:?}");
    assert_eq!(files[1], "short.idx");
    let (folders, file) = files[0].rsplit_once('/').unwrap();
    assert_eq!(folders, "https%3A%2F/example.org");
    assert!(file.len() <= 255 && file.contains("%~"), "{file}");
    assert!(
        file.starts_with("article-article-") && file.ends_with(".idx"),
        "{file}"
    );
    assert!(!h.read(&format!("out/{}", files[0])).is_empty());
}

/// A document named as a Windows device (`CON`, `nul.txt`) or with a last `.` gets a file
/// that Windows would not take for the device or trim into another's.
#[test]
fn device_names_and_trailing_dots_are_escaped_in_the_index_folder() {
    let h = Harness::new();
    let input = record("CON") + &record("news/nul.txt") + &record("a./b");
    let args = ["align", "--stdin", "-q", "-f", "index", "-o", "out"];
    h.run_with_stdin(&args, input.as_bytes()).expect_code(0);
    assert_eq!(
        files_under(&h.path("out")),
        ["%43ON.idx", "a%2E/b.idx", "news/%6Eul.txt.idx"]
    );
}
