//! Streams and shards: `pack`, `align --stdin`, `learn` (map and reduce) and `align --model`,
//! checked against the folder run on the same documents, byte for byte.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::harness::*;

/// `bitext pack fr en`: the stream of the harness's folders, one line per document.
fn pack(h: &Harness) -> Vec<String> {
    let run = h.run(&["pack", "fr", "en"]);
    run.expect_code(0);
    run.stdout.lines().map(|l| format!("{l}\n")).collect()
}

/// The lines cut into shards of these sizes (the rest in a last shard).
fn shards(lines: &[String], sizes: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for &size in sizes {
        out.push(lines[start..start + size].concat());
        start += size;
    }
    out.push(lines[start..].concat());
    out
}

/// The cluster flow on the shards: each shard's stats, merged into `model.json`, then each
/// shard aligned with it and `extra` arguments; the outputs concatenated in shard order.
fn sharded_run(h: &Harness, shards: &[String], extra: &[&str]) -> String {
    let mut stats = Vec::new();
    for (k, shard) in shards.iter().enumerate() {
        let run = h.run_with_stdin(&["learn", "--stdin"], shard.as_bytes());
        run.expect_code(0);
        let name = format!("shard-{k}.stats");
        h.write(&name, &run.stdout);
        stats.push(name);
    }
    let mut merge = vec!["learn", "--merge", "-o", "model.json", "-q"];
    merge.extend(stats.iter().map(String::as_str));
    h.run(&merge).expect_code(0);
    // The stats concatenated on stdin (`hdfs dfs -cat stats/part-* | bitext learn --merge -`)
    // make the same model.
    let all: String = stats.iter().map(|s| h.read(s)).collect();
    let piped = h.run_with_stdin(&["learn", "--merge", "-", "-q"], all.as_bytes());
    piped.expect_code(0);
    assert_eq!(piped.stdout, h.read("model.json"));
    let mut args = vec!["align", "--stdin", "--model", "model.json", "-q"];
    args.extend_from_slice(extra);
    shards
        .iter()
        .map(|shard| {
            let run = h.run_with_stdin(&args, shard.as_bytes());
            run.expect_code(0);
            run.stdout
        })
        .collect()
}

#[test]
fn shards_with_a_merged_model_align_as_the_folder_run() {
    let h = Harness::new();
    write_generated(&h, 30);
    let lines = pack(&h);
    assert_eq!(lines.len(), 30);
    // With each bead's cost terms: the lexical term shows the word table used.
    let format = ["-f", "jsonl", "--explain"];
    let sharded = sharded_run(&h, &shards(&lines, &[7, 11]), &format);

    let folder = h.align(&[&format[..], &["-q"]].concat());
    folder.expect_code(0);
    let mut docs: Vec<String> = parse_jsonl_objects(&folder.stdout)
        .iter()
        .map(|r| r["doc"].to_string())
        .collect();
    docs.dedup();
    assert_eq!(docs.len(), 30);
    assert!(sharded == folder.stdout, "the shards differ from the run");

    // `learn` on the folders makes the same model, and the run with it the same output.
    h.run(&["learn", "fr", "en", "-o", "folder-model.json", "-q"])
        .expect_code(0);
    assert_eq!(h.read("folder-model.json"), h.read("model.json"));
    let with_model = h.align(&[&format[..], &["-q", "--model", "model.json"]].concat());
    assert_eq!(with_model.stdout, folder.stdout);

    // The model matters: each shard alone, without it, aligns otherwise.
    let alone: String = shards(&lines, &[7, 11])
        .iter()
        .map(|shard| {
            let run =
                h.run_with_stdin(&["align", "--stdin", "-q", "-f", "jsonl"], shard.as_bytes());
            run.stdout
        })
        .collect();
    assert_ne!(alone, folder.stdout);
}

#[test]
fn tsv_shards_carry_the_header_each() {
    let h = news_and_museum();
    write_generated(&h, 4);
    let lines = pack(&h);
    let sharded = sharded_run(&h, &shards(&lines, &[3]), &["-f", "tsv"]);
    let folder = h.align(&["-f", "tsv", "-q"]);
    folder.expect_code(0);
    let header = format!("{}\n", folder.stdout.lines().next().expect("a header"));
    assert_eq!(sharded.matches(&header).count(), 2, "one header per shard");
    let mut parts = sharded.split(&header);
    assert_eq!(parts.next(), Some(""));
    let body: String = parts.collect();
    assert_eq!(format!("{header}{body}"), folder.stdout);
}

#[test]
fn stdin_without_a_model_aligns_as_learn_document() {
    let h = news_and_museum();
    write_generated(&h, 8);
    let input = pack(&h).concat();
    for format in ["jsonl", "tsv"] {
        let folder = h.align(&["--learn", "document", "-q", "-f", format, "--explain"]);
        folder.expect_code(0);
        let stream = h.run_with_stdin(
            &["align", "--stdin", "-q", "-f", format, "--explain"],
            input.as_bytes(),
        );
        stream.expect_code(0);
        assert!(!stream.stdout.is_empty());
        assert_eq!(stream.stdout, folder.stdout, "{format}");
    }
    let run = h.run(&["align", "--stdin", "--learn", "run"]);
    run.expect_code(2);
    assert!(run.stderr.contains("--model"), "{}", run.stderr);
}

#[test]
fn strict_stops_a_stream_at_its_first_bad_record_and_writes_no_output_file() {
    let h = news_and_museum();
    let good = pack(&h);
    let input = [good[0].as_str(), "{\"doc\": \"broken\"\n", good[1].as_str()].concat();
    let run = h.run_with_stdin(
        &["align", "--stdin", "--strict", "-o", "out.jsonl"],
        input.as_bytes(),
    );
    run.expect_code(2);
    assert!(run.stderr.contains("line 2: not JSON"), "{}", run.stderr);
    assert!(
        !h.path("out.jsonl").exists(),
        "a strict run that failed writes nothing"
    );
    assert_eq!(h.list("."), ["en", "fr"], "no temporary file is left");
}

/// A stream record of `doc` with these two texts.
fn stream_record(doc: &str, fr: &str, en: &str) -> String {
    let record = serde_json::json!({"doc": doc, "fr": fr, "en": en});
    format!("{record}\n")
}

#[test]
fn a_stream_warns_of_an_unbalanced_document_as_a_folder_run_does() {
    let h = Harness::new();
    let fr: String = (0..40).map(|k| format!("Phrase numéro {k}.\n\n")).collect();
    h.pair("a", &fr, "One sentence.\n");
    // 40 units against 1 is also no translation: exit 1 both ways.
    let folder = h.align(&["-f", "jsonl", "--learn", "document"]);
    folder.expect_code(1);
    assert!(
        folder
            .stderr
            .contains("fr/a.txt and en/a.txt: 40 and 1 units: most are left unaligned"),
        "{}",
        folder.stderr
    );
    let input = stream_record("a", &fr, "One sentence.\n");
    let run = h.run_with_stdin(&["align", "--stdin"], input.as_bytes());
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("line 1 (document \"a\"): 40 and 1 units: most are left unaligned"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 warning(s)"), "{}", run.stderr);
    assert_eq!(run.stdout, folder.stdout);
}

#[test]
fn a_stream_record_without_a_sentence_is_counted_as_a_folder_run_counts_it() {
    let h = Harness::new();
    h.pair("a", "Un.\n", "One.\n");
    h.pair("b", "\u{1}\u{2}\n", "Two.\n");
    let folder = h.align(&["-f", "jsonl", "--learn", "document"]);
    folder.expect_code(1);
    folder.expect_stderr("(1 no sentence)");
    let input = [
        stream_record("a", "Un.\n", "One.\n"),
        stream_record("b", "\u{1}\u{2}\n", "Two.\n"),
    ]
    .concat();
    let run = h.run_with_stdin(&["align", "--stdin"], input.as_bytes());
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("line 2 (document \"b\"), fr side: no sentence to align"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("(1 no sentence)"), "{}", run.stderr);
    assert_eq!(run.stdout, folder.stdout);
}

#[test]
fn bad_records_are_reported_and_the_stream_goes_on() {
    let h = news_and_museum();
    let good = pack(&h);
    let input = [
        good[0].as_str(),
        "{\"doc\": \"broken\", \"fr\": \"Un.\"\n",
        "\n",
        "{\"doc\": \"no-en\", \"fr\": \"Une phrase.\"}\n",
        "{\"doc\": \"blank\", \"fr\": \"Une phrase.\", \"en\": \"  \\n \"}\n",
        "{\"fr\": \"Une phrase.\", \"en\": \"A sentence.\"}\n",
        good[1].as_str(),
    ]
    .concat();
    let run = h.run_with_stdin(&["align", "--stdin"], input.as_bytes());
    run.expect_code(1);
    for expected in [
        "line 2: not JSON",
        "line 4 (document \"no-en\"): no field \"en\"",
        "line 5 (document \"blank\"): empty en side",
        "line 6: no field \"doc\"",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
    let summary = run.stderr.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("Aligned 2 document pair(s)"),
        "{summary}"
    );
    assert!(summary.contains("4 problem(s)"), "{summary}");
    let folder = h.align(&["--learn", "document", "-q", "-f", "jsonl"]);
    assert_eq!(run.stdout, folder.stdout);
}

#[test]
fn each_document_is_written_before_the_next_is_read() {
    let h = news_and_museum();
    let lines = pack(&h);
    let mut child = h
        .command(&["align", "--stdin", "-q", "-f", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start bitext");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let (send, receive) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in stdout.lines() {
            send.send(line.expect("a line")).expect("the test listens");
        }
    });
    stdin.write_all(lines[0].as_bytes()).expect("write");
    stdin.flush().expect("flush");
    // The stream stays open: the first document's records must come anyway.
    let first = receive
        .recv_timeout(Duration::from_secs(60))
        .expect("the first document's records while the stream is open");
    assert!(first.contains("\"doc\":\"museum\""), "{first}");
    stdin.write_all(lines[1].as_bytes()).expect("write");
    drop(stdin);
    assert!(child.wait().expect("wait").success());
    reader.join().expect("reader");
    let rest: Vec<String> = receive.try_iter().collect();
    assert!(rest.iter().any(|l| l.contains("\"doc\":\"news\"")));
}

#[test]
fn a_model_fits_only_its_settings() {
    let h = news_and_museum();
    h.run(&["learn", "fr", "en", "-o", "model.json", "-q"])
        .expect_code(0);
    let run = h.align(&["--model", "model.json", "--units", "sentences", "-q"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("learned with --units clauses, not sentences"),
        "{}",
        run.stderr
    );
    h.write("not-a-model.json", "{\"format\": \"bitext-stats\"}");
    let run = h.align(&["--model", "not-a-model.json", "-q"]);
    run.expect_code(2);
    assert!(run.stderr.contains("not-a-model.json"), "{}", run.stderr);
}

#[test]
fn merging_needs_the_maps_dictionary() {
    let h = news_and_museum();
    h.write("fr-en.dict", "museum @ musée\nwing @ aile\n");
    let input = pack(&h).concat();
    let map = h.run_with_stdin(
        &["learn", "--stdin", "--dictionary", "fr-en.dict"],
        input.as_bytes(),
    );
    map.expect_code(0);
    h.write("all.stats", &map.stdout);
    let without = h.run(&["learn", "--merge", "all.stats", "-o", "m.json"]);
    without.expect_code(2);
    without.expect_stderr("--dictionary");
    h.run(&[
        "learn",
        "--merge",
        "all.stats",
        "--dictionary",
        "fr-en.dict",
        "-o",
        "m.json",
        "-q",
    ])
    .expect_code(0);
    let folder = h.align(&["--dictionary", "fr-en.dict", "-q", "-f", "jsonl"]);
    let stream = h.run_with_stdin(
        &["align", "--stdin", "--model", "m.json", "-q", "-f", "jsonl"],
        input.as_bytes(),
    );
    assert_eq!(stream.stdout, folder.stdout);
}

#[test]
fn pack_names_and_orders_as_align() {
    let h = Harness::new();
    h.pair("b", "Deuxième.\n", "Second.\n");
    h.fr("news/a.fr.txt", "Premier « texte ».\n\nLigne\tdeux.\n");
    h.en("news/a.en.txt", "First \"text\".\n\nLine two.\n");
    // 0x81 is neither UTF-8 nor Windows-1252: not a legacy file to guess, a broken one.
    h.fr("c.txt", b"caf\x81\n");
    h.en("c.txt", "Coffee.\n");
    let run = h.run(&["pack", "fr", "en", "-o", "docs.jsonl"]);
    run.expect_code(1);
    assert!(run.stderr.contains("c.txt"), "{}", run.stderr);
    let records = parse_jsonl_objects(&h.read("docs.jsonl"));
    let names: Vec<&str> = records.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(names, ["b", "news/a"]);
    assert_eq!(records[1]["fr"], "Premier « texte ».\n\nLigne\tdeux.\n");
    let keys: Vec<&String> = records[1].keys().collect();
    assert_eq!(keys.len(), 3);
}

#[test]
fn rejects_name_each_failed_record_and_leave_the_output_as_it_was() {
    let h = news_and_museum();
    write_generated(&h, 3);
    let mut lines = pack(&h);
    lines.insert(
        1,
        "{\"doc\":\"../bad\",\"fr\":\"Un.\",\"en\":\" \"}\n".into(),
    );
    lines.insert(3, "not json\n".into());
    let input = lines.concat();
    let plain = h.run_with_stdin(&["align", "--stdin", "-q"], input.as_bytes());
    plain.expect_code(1);
    let args = ["align", "--stdin", "-q", "--rejects", "rejects.jsonl"];
    let with = h.run_with_stdin(&args, input.as_bytes());
    with.expect_code(1);
    assert_eq!(with.stdout, plain.stdout, "records unchanged");
    assert_eq!(with.stderr, plain.stderr, "messages unchanged");
    let rejects = parse_jsonl_objects(&h.read("rejects.jsonl"));
    assert_eq!(rejects.len(), 2, "{rejects:?}");
    assert_eq!(rejects[0]["line"], 2);
    assert_eq!(rejects[0]["doc"], "../bad");
    assert_eq!(rejects[0]["reason"], "empty");
    assert_eq!(rejects[1]["line"], 4);
    assert!(rejects[1]["doc"].is_null());
    assert_eq!(rejects[1]["reason"], "bad record");
    let folders = h.run(&["align", "fr", "en", "--rejects", "r.jsonl"]);
    folders.expect_code(2);
    folders.expect_stderr("--rejects goes with --stdin");
}
