//! PDF input: the text layer read in order, without running headers and page numbers, with
//! line-end hyphens undone; scans, encrypted, truncated and damaged files named. The PDFs are
//! written here by hand: Helvetica text operators, a correct cross-reference table.

use crate::harness::*;

/// A PDF of `pages`, each a content stream drawing with Helvetica (WinAnsi) as `/F1`;
/// `trailer` is added to the trailer dictionary, `extra` objects numbered from 100,
/// `resources` to each page's resource dictionary.
fn pdf_with(pages: &[String], trailer: &str, extra: &[&str], resources: &str) -> Vec<u8> {
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects: Vec<(usize, String)> = vec![
        (1, "<< /Type /Catalog /Pages 2 0 R >>".into()),
        (
            2,
            format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
        ),
        (
            3,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .into(),
        ),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push((
            4 + 2 * i,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 3 0 R >> {resources} >> /Contents {} 0 R >>",
                5 + 2 * i
            ),
        ));
        objects.push((
            5 + 2 * i,
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len() + 1
            ),
        ));
    }
    for (i, object) in extra.iter().enumerate() {
        objects.push((100 + i, object.to_string()));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (number, object) in &objects {
        offsets.push((*number, out.len()));
        out.extend(format!("{number} 0 obj\n{object}\nendobj\n").bytes());
    }
    let size = objects.iter().map(|o| o.0).max().unwrap_or(0) + 1;
    let xref = out.len();
    out.extend(format!("xref\n0 {size}\n").bytes());
    for number in 0..size {
        match offsets.iter().find(|o| o.0 == number) {
            Some((_, offset)) => out.extend(format!("{offset:010} 00000 n \n").bytes()),
            None => out.extend(b"0000000000 65535 f \n"),
        }
    }
    out.extend(
        format!("trailer\n<< /Size {size} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n")
            .bytes(),
    );
    out
}

fn pdf(pages: &[String]) -> Vec<u8> {
    pdf_with(pages, "", &[], "")
}

/// A PDF string literal of `text` in WinAnsi: accents as octal escapes.
fn literal(text: &str) -> String {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "{text}");
    bytes
        .iter()
        .map(|&b| match b {
            b'(' | b')' | b'\\' => format!("\\{}", b as char),
            0x20..=0x7E => (b as char).to_string(),
            _ => format!("\\{b:03o}"),
        })
        .collect()
}

/// A page: `header` at the top in 8 pt, `lines` of 10 pt text from y = 760 down on a 12 pt
/// pitch (an empty line leaves a blank one: a paragraph break), `number` at the bottom.
fn page(header: &str, lines: &[&str], number: usize) -> String {
    let mut ops = format!("BT /F1 8 Tf 72 800 Td ({}) Tj ET\n", literal(header));
    ops.push_str("BT /F1 10 Tf 72 760 Td 12 TL\n");
    for line in lines {
        ops.push_str(&format!("({}) Tj T*\n", literal(line)));
    }
    ops.push_str(&format!("ET\nBT /F1 10 Tf 290 40 Td ({number}) Tj ET"));
    ops
}

const HEADER: &str = "Rapport annuel de la commune";

/// Two pages of a French report: a running header, page numbers, a word hyphenated at a line
/// end that occurs whole elsewhere (gouvernement), a paragraph that goes on across the page.
fn report() -> Vec<u8> {
    pdf(&[
        page(
            HEADER,
            &[
                "Le conseil municipal a voté le budget de l'année mardi soir.",
                "Les dépenses augmentent de trois pour cent par rapport à",
            ],
            1,
        ),
        page(
            HEADER,
            &[
                "l'an dernier, selon le maire.",
                "",
                "La nouvelle école ouvrira ses portes en septembre. Le gouver-",
                "nement a promis une aide de deux millions d'euros.",
                "",
                "Le gouvernement suivra les travaux de près.",
            ],
            2,
        ),
    ])
}

const REPORT_EN: &str = "\
The town council passed the year's budget on Tuesday evening. Spending rises by three percent compared with last year, according to the mayor.

The new school will open its doors in September. The government has promised two million euros in aid.

The government will follow the works closely.
";

#[test]
fn a_two_page_pdf_aligns_without_its_header_and_page_numbers() {
    let h = Harness::new();
    let report = report();
    h.fr("report.pdf", &report);
    h.en("report.txt", REPORT_EN);
    let beads = h.align_jsonl(0, &[]);
    let french: Vec<&str> = beads.iter().map(|b| b.fr.as_str()).collect();
    assert_eq!(
        french,
        [
            "Le conseil municipal a voté le budget de l'année mardi soir.",
            "Les dépenses augmentent de trois pour cent par rapport à l'an dernier, selon le maire.",
            "La nouvelle école ouvrira ses portes en septembre.",
            "Le gouvernement a promis une aide de deux millions d'euros.",
            "Le gouvernement suivra les travaux de près.",
        ],
        "{beads:#?}"
    );
    assert!(beads.iter().all(|b| b.kind == "1-1"), "{beads:#?}");
}

#[test]
fn split_reads_a_pdf_as_paragraphs() {
    let h = Harness::new();
    h.write("report.pdf", report());
    let run = h.run(&["split", "--lang", "fr", "report.pdf"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "Le conseil municipal a voté le budget de l'année mardi soir.\n\
         Les dépenses augmentent de trois pour cent par rapport à l'an dernier, selon le maire.\n\
         \n\
         La nouvelle école ouvrira ses portes en septembre.\n\
         Le gouvernement a promis une aide de deux millions d'euros.\n\
         \n\
         Le gouvernement suivra les travaux de près.\n"
    );
}

/// The message `bitext split` prints for a bad PDF `bytes`, checking it is no panic.
fn split_error(bytes: &[u8]) -> String {
    let h = Harness::new();
    h.write("fr/a.pdf", bytes);
    let run = h.run(&["split", "--lang", "fr", "fr/a.pdf"]);
    assert_ne!(run.code, 0, "{run:?}");
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{}",
        run.stderr
    );
    run.stderr
}

#[test]
fn a_scan_without_a_text_layer_is_named() {
    // An image drawn on the page and no text operator: what a scanner writes.
    let scan = pdf(&["q 595 0 0 842 0 0 cm 0.5 g 0 0 1 1 re f Q".to_string()]);
    let stderr = split_error(&scan);
    assert!(
        stderr.contains("fr/a.pdf: PDF: no text layer: a scan? run OCR on it first"),
        "{stderr}"
    );
}

#[test]
fn a_truncated_pdf_is_named_and_does_not_panic() {
    let report = report();
    for cut in [
        report.len() - 10,
        report.len() * 2 / 3,
        report.len() / 3,
        12,
    ] {
        let stderr = split_error(&report[..cut]);
        assert!(
            stderr.contains("fr/a.pdf: PDF:") && stderr.contains("truncated"),
            "cut at {cut}: {stderr}"
        );
    }
}

#[test]
fn a_damaged_pdf_is_named_and_does_not_panic() {
    // Garbage behind a valid header, and a PDF whose objects are all cut in half.
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    garbage.extend(b"\n%%EOF\n");
    let report = String::from_utf8_lossy(&report()).replace("endobj", "");
    for bytes in [garbage, report.into_bytes()] {
        let stderr = split_error(&bytes);
        assert!(stderr.contains("fr/a.pdf: PDF: damaged"), "{stderr}");
    }
}

#[test]
fn an_encrypted_pdf_is_named() {
    let pages = [page(HEADER, &["Confidentiel."], 1)];
    let id = "<00112233445566778899AABBCCDDEEFF>";
    // RC4 128-bit encryption whose user password is not empty: the hashes match nothing.
    let encrypted = pdf_with(
        &pages,
        &format!("/Encrypt 100 0 R /ID [{id} {id}]"),
        &[&format!(
            "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <{}> /U <{}> >>",
            "ab".repeat(32),
            "cd".repeat(32)
        )],
        "",
    );
    let stderr = split_error(&encrypted);
    assert!(
        stderr.contains("fr/a.pdf: PDF: encrypted: needs a password"),
        "{stderr}"
    );
}

#[test]
fn a_text_file_named_pdf_is_read_as_text() {
    let h = Harness::new();
    h.write("a.pdf", "Le chat dort. Le chien aboie.\n");
    let run = h.run(&["split", "--lang", "fr", "a.pdf"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "Le chat dort.\nLe chien aboie.\n");
}

#[test]
fn a_pdf_forced_on_a_text_file_is_named_damaged() {
    let h = Harness::new();
    h.write("fr/a.txt", "Le chat dort. %%EOF\n");
    let run = h.run(&["split", "--lang", "fr", "--input-format", "pdf", "fr/a.txt"]);
    assert_ne!(run.code, 0);
    run.expect_stderr("fr/a.txt: PDF: damaged");
}

/// A form XObject (object 100 + `n`) whose content is `content`.
fn form(content: &str, resources: &str) -> String {
    format!(
        "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> \
         {resources} >> /Length {} >>\nstream\n{content}\nendstream",
        content.len() + 1
    )
}

#[test]
fn nested_forms_that_draw_text_a_billion_times_stop_early() {
    // Form 0 shows a line; form k draws form k-1 ten times: 10^9 lines from 2 KB, the PDF
    // counterpart of a zip bomb.
    let mut forms = vec![form("BT /F1 10 Tf 72 700 Td (Le chat dort.) Tj ET", "")];
    for k in 1..=9 {
        forms.push(form(
            &format!("/X{} Do\n", k - 1).repeat(10),
            &format!("/XObject << /X{} {} 0 R >>", k - 1, 100 + k - 1),
        ));
    }
    let extra: Vec<&str> = forms.iter().map(String::as_str).collect();
    let bomb = pdf_with(
        &["/X9 Do".to_string()],
        "",
        &extra,
        "/XObject << /X9 109 0 R >>",
    );
    let started = std::time::Instant::now();
    let stderr = split_error(&bomb);
    assert!(
        stderr.contains("fr/a.pdf: PDF: ") && stderr.contains("bomb"),
        "{stderr}"
    );
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn a_form_that_draws_itself_is_named_not_a_crash() {
    let looping = form(
        "BT /F1 10 Tf 72 700 Td (Encore.) Tj ET /X0 Do",
        "/XObject << /X0 100 0 R >>",
    );
    let bomb = pdf_with(
        &["/X0 Do".to_string()],
        "",
        &[&looping],
        "/XObject << /X0 100 0 R >>",
    );
    let stderr = split_error(&bomb);
    assert!(stderr.contains("fr/a.pdf: PDF:"), "{stderr}");
}
