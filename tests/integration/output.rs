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

/// The hidden temporary files bitext writes before renaming them into place.
fn temporary_files(h: &Harness, rel: &str) -> Vec<String> {
    h.list(rel)
        .into_iter()
        .filter(|name| name.starts_with(".bitext-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn ctrl_c_leaves_no_partial_file() {
    use std::time::{Duration, Instant};
    let h = Harness::new();
    write_generated(&h, 400);
    std::fs::create_dir(h.path("out")).unwrap();
    // No first pass over the run (`--learn document`): the corpus file is made at once.
    let args = [
        "align",
        "fr",
        "en",
        "-o",
        "out/c.tmx",
        "-j",
        "1",
        "--learn",
        "document",
    ];
    let mut child = h
        .command(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start bitext");
    // Interrupt as soon as the corpus is being written.
    let started = Instant::now();
    while temporary_files(&h, "out").is_empty() {
        let finished = child.try_wait().expect("wait").is_some();
        assert!(!finished, "the run ended before it could be interrupted");
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    let out = child.wait_with_output().expect("wait for bitext");
    assert_eq!(out.status.code(), Some(130), "{out:?}");
    assert_eq!(h.list("out"), Vec::<String>::new(), "files left behind");
}

/// Runs `bitext align` on two small pairs with standard output to `stdout`.
#[cfg(unix)]
fn align_to(h: &Harness, extra: &[&str], stdout: Stdio) -> Run {
    let mut args = vec!["align", "fr", "en", "--quiet"];
    args.extend_from_slice(extra);
    let out = h
        .command(&args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("run bitext");
    Run::from(out)
}

#[cfg(unix)]
#[test]
fn full_disk_is_a_clear_error_not_a_panic() {
    let h = news_and_museum();
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full");
    for format in ["csv", "tmx", "jsonl"] {
        let run = align_to(&h, &["--format", format], full().expect("/dev/full").into());
        run.expect_code(2);
        assert!(
            run.stderr.contains("<stdout>: No space left on device"),
            "{format}: {}",
            run.stderr
        );
    }
    // `-o` naming a link to the full device: written to, not renamed over.
    std::os::unix::fs::symlink("/dev/full", h.path("full.tmx")).unwrap();
    let run = align_to(&h, &["-o", "full.tmx"], Stdio::null());
    run.expect_code(2);
    run.expect_stderr("full.tmx: No space left on device");
    let link = std::fs::symlink_metadata(h.path("full.tmx")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(temporary_files(&h, "."), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_device_as_output_is_written_to() {
    let h = news_and_museum();
    let run = align_to(&h, &["-o", "/dev/null", "--format", "tmx"], Stdio::null());
    run.expect_code(0);
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(!null.is_file(), "/dev/null was replaced by a file");
}

/// `bitext ARGS` in `h`'s folder as a user whom permissions bind: this one, or `nobody` when
/// the tests run as root (as CI does), with the binary copied where `nobody` may run it.
#[cfg(unix)]
fn run_unprivileged(h: &Harness, args: &[&str]) -> Run {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let probe = h.write("uid-probe", "");
    let mut command = if std::fs::metadata(&probe).unwrap().uid() == 0 {
        let executable = std::fs::Permissions::from_mode(0o755);
        std::fs::set_permissions(h.path(""), executable.clone()).unwrap();
        let copy = h.path("bitext-copy");
        std::fs::copy(BITEXT, &copy).unwrap();
        std::fs::set_permissions(&copy, executable).unwrap();
        let mut command = std::process::Command::new(copy);
        command.uid(65534).gid(65534);
        command
    } else {
        std::process::Command::new(BITEXT)
    };
    command
        .args(args)
        .current_dir(h.path(""))
        .stdin(Stdio::null());
    // The copy was just written: a child forked meanwhile by another test's thread may still
    // hold it open for writing, and exec then fails with "Text file busy" (ETXTBSY, 26) until
    // that child has exec'd too (this test failed once at spawning the copy, in a full run
    // while the machine was loaded); it clears within moments.
    let mut tries = 0;
    let out = loop {
        match command.output() {
            Err(e) if e.raw_os_error() == Some(26) && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            result => break result.expect("run bitext"),
        }
    };
    Run::from(out)
}

#[cfg(unix)]
#[test]
fn read_only_output_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let h = news_and_museum();
    std::fs::create_dir(h.path("ro")).unwrap();
    std::fs::set_permissions(h.path("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = run_unprivileged(&h, &["align", "fr", "en", "-o", "ro/c.tmx"]);
    run.expect_code(2);
    run.expect_stderr("ro: Permission denied");
    assert_eq!(h.list("ro"), Vec::<String>::new());
}

#[test]
fn output_under_a_file_or_onto_a_folder_is_a_clear_error() {
    let h = news_and_museum();
    h.write("file.txt", "not a folder\n");
    let run = h.align(&["-o", "file.txt/c.tmx"]);
    run.expect_code(2);
    assert!(run.stderr.contains("file.txt"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(h.read("file.txt"), "not a folder\n");

    std::fs::create_dir(h.path("out.tmx")).unwrap();
    let run = h.align(&["-o", "out.tmx"]);
    run.expect_code(2);
    run.expect_stderr("out.tmx: is a folder, not a file");
}
