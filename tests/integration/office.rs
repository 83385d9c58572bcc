//! Word (.docx) and OpenDocument (.odt) documents: written by the tests as Word and LibreOffice
//! write them (runs cut mid-word, a field, a table, a header and footer, a footnote, a tab, a
//! break, tracked changes), read to the text a reader of the page sees, aligned and split;
//! damaged, encrypted and hostile ones reported by name.

use std::io::{Cursor, Write};

use crate::harness::*;

/// A zip holding `files` (name, content), deflated; `mimetype` stored, as ODF requires.
fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in files {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        out.start_file(*name, options).unwrap();
        out.write_all(content.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A run of `text`, its spaces kept, in Word's dress (a revision id, a language).
fn run(text: &str) -> String {
    format!(
        r#"<w:r w:rsidR="00C4A1F2"><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
    )
}

fn paragraph(content: &str) -> String {
    format!(r#"<w:p w:rsidR="00A3B1C2"><w:pPr><w:pStyle w:val="Normal"/></w:pPr>{content}</w:p>"#)
}

/// A French article as Word saves it, with everything a reader does not see as text.
fn french_docx() -> Vec<u8> {
    let field = format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "d MMMM" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        run("12 mai")
    );
    let cell = |text: &str| {
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"4000\"/></w:tcPr>{}</w:tc>",
            paragraph(&run(text))
        )
    };
    let body = [
        paragraph(&format!("{}{}", run("Le mar"), run("ché"))),
        paragraph(&format!(
            r#"{}{}<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>{}{field}{}{}"#,
            run("La ville ouvre un nouveau mar"),
            run("ché couvert"),
            run(" le "),
            run(". Les habitants pourront y ache"),
            run("ter des légumes frais.")
        )),
        paragraph(&format!(
            r#"{}<w:del w:id="3" w:author="R"><w:r><w:delText>annoncé</w:delText></w:r></w:del><w:ins w:id="4" w:author="R">{}</w:ins>{}"#,
            run("Le maire a "),
            run("confirmé"),
            run(" que les travaux ont coûté deux millions d'euros.")
        )),
        format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr>{}{}</w:tr></w:tbl>",
            cell("Horaires"),
            cell("Du mardi au samedi")
        ),
        paragraph(&format!("{}<w:r><w:tab/></w:r>{}", run("Adresse :"), run("place de la Gare"))),
        paragraph(&format!("{}<w:r><w:br/></w:r>{}", run("Renseignements à la mairie."), run("Entrée libre."))),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId8"/><w:footerReference w:type="default" r:id="rId9"/></w:sectPr></w:body></w:document>"#
    );
    let header = format!(
        "<w:hdr {W}>{}</w:hdr>",
        paragraph(&run("Journal municipal"))
    );
    let footer = format!(
        r#"<w:ftr {W}>{}</w:ftr>"#,
        paragraph(&format!(
            r#"{}<w:fldSimple w:instr=" PAGE ">{}</w:fldSimple>"#,
            run("Page "),
            run("1")
        ))
    );
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">{}</w:footnote></w:footnotes>"#,
        paragraph(&format!(
            r#"<w:r><w:footnoteRef/></w:r>{}"#,
            run(" Le marché était fermé depuis 2019.")
        ))
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        ("_rels/.rels", "<Relationships/>"),
        ("word/document.xml", &document),
        ("word/header1.xml", &header),
        ("word/footer1.xml", &footer),
        ("word/footnotes.xml", &footnotes),
    ])
}

/// What a reader of the French document reads: the footnote after the body.
const FRENCH_TEXT: &str = "Le marché

La ville ouvre un nouveau marché couvert le 12 mai. Les habitants pourront y acheter des légumes frais.

Le maire a confirmé que les travaux ont coûté deux millions d'euros.

Horaires

Du mardi au samedi

Adresse : place de la Gare

Renseignements à la mairie.
Entrée libre.

Le marché était fermé depuis 2019.";

const ODF: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/""#;

/// Its English translation as LibreOffice saves it.
fn english_odt() -> Vec<u8> {
    let body = r#"<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>R</dc:creator></office:change-info><text:p>announced</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:style-name="P1" text:outline-level="1">The mar<text:span text:style-name="T1">ket</text:span></text:h>
<text:p text:style-name="P2">The town opens a new covered mar<text:span text:style-name="T1">ket</text:span><text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Footnote">The market had been closed since 2019.</text:p></text:note-body></text:note> on <text:date text:date-value="2024-05-12">12 May</text:date>. Residents will be able to buy fresh
   vegetables there.</text:p>
<text:p text:style-name="P2">The mayor <text:change text:change-id="ct1"/>confirmed that the works cost two million euros.</text:p>
<table:table table:name="Table1"><table:table-column/><table:table-row><table:table-cell office:value-type="string"><text:p>Opening hours</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Tuesday to Saturday</text:p></table:table-cell></table:table-row></table:table>
<text:p>Address:<text:tab/>Station<text:s/>square</text:p>
<text:p>Information at the town hall.<text:line-break/>Free entry.<text:soft-page-break/></text:p>"#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {ODF} office:version="1.3"><office:automatic-styles><style:style style:name="P1" style:family="paragraph"/></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {ODF}><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Town newsletter</text:p></style:header><style:footer><text:p>Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"#
    );
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", &content),
        ("styles.xml", &styles),
        (
            "META-INF/manifest.xml",
            "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>",
        ),
    ])
}

const ENGLISH_TEXT: &str = "The market

The town opens a new covered market on 12 May. Residents will be able to buy fresh vegetables there.

The mayor confirmed that the works cost two million euros.

Opening hours

Tuesday to Saturday

Address: Station square

Information at the town hall.
Free entry.

The market had been closed since 2019.";

#[test]
fn a_french_docx_aligns_with_an_english_odt_of_the_same_name() {
    let h = Harness::new();
    h.fr("news/a.docx", french_docx());
    h.en("news/a.odt", english_odt());
    let beads = h.align_jsonl(0, &[]);
    assert!(beads.iter().all(|b| b.doc == "news/a"), "{beads:?}");
    assert_eq!(
        joined(beads.iter().map(|b| b.fr.as_str())),
        fold_whitespace(FRENCH_TEXT)
    );
    assert_eq!(
        joined(beads.iter().map(|b| b.en.as_str())),
        fold_whitespace(ENGLISH_TEXT)
    );
    // Sentence for sentence: the notes pair with each other, at the end.
    let pairs: Vec<(&str, &str)> = beads
        .iter()
        .map(|b| (b.fr.as_str(), b.en.as_str()))
        .collect();
    assert!(
        pairs.contains(&(
            "Le marché était fermé depuis 2019.",
            "The market had been closed since 2019."
        )),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&(
            "Le maire a confirmé que les travaux ont coûté deux millions d'euros.",
            "The mayor confirmed that the works cost two million euros."
        )),
        "{pairs:?}"
    );
    assert!(beads.iter().all(|b| b.kind == "1-1"), "{pairs:?}");
}

#[test]
fn split_reads_a_docx_and_an_odt_as_their_reader_sees_them() {
    let h = Harness::new();
    h.write("a.docx", french_docx());
    h.write("a.txt", FRENCH_TEXT);
    h.write("b.odt", english_odt());
    h.write("b.txt", ENGLISH_TEXT);
    for (document, text, lang) in [("a.docx", "a.txt", "fr"), ("b.odt", "b.txt", "en")] {
        let read = h.run(&["split", document, "-l", lang]);
        read.expect_code(0);
        let expected = h.run(&["split", text, "-l", lang]);
        assert_eq!(read.stdout, expected.stdout, "{document}");
        for hidden in [
            "Journal",
            "newsletter",
            "Page",
            "DATE",
            "annoncé",
            "announced",
            "FootnoteReference",
        ] {
            assert!(!read.stdout.contains(hidden), "{document}: {hidden}");
        }
    }
    // The line break inside a paragraph and the paragraphs around it, as a reader sees them.
    let read = h.run(&["split", "a.docx"]).stdout;
    assert!(
        read.contains("\nRenseignements à la mairie.\nEntrée libre.\n\nLe marché était fermé"),
        "{read}"
    );
}

#[test]
fn a_flat_opendocument_file_is_read_by_its_content() {
    let h = Harness::new();
    let flat = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"><office:master-styles><style:master-page><style:header><text:p>En-tête</text:p></style:header></style:master-page></office:master-styles><office:body><office:text><text:p>Le chat dort.</text:p><text:p>Il fait beau.</text:p></office:text></office:body></office:document>"#
    );
    h.write("a.fodt", flat);
    let run = h.run(&["split", "a.fodt"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "Le chat dort.\n\nIl fait beau.\n");
}

/// Runs `align` on `fr/a.docx` holding `bytes` against a good English text; the stderr.
fn align_bad(bytes: &[u8], extra: &[&str]) -> String {
    let h = Harness::new();
    h.fr("a.docx", bytes);
    h.en("a.txt", NEWS_EN);
    h.fr("b.docx", french_docx());
    h.en("b.odt", english_odt());
    let mut args = vec!["-o", "out.jsonl"];
    args.extend_from_slice(extra);
    let run = h.align(&args);
    run.expect_code(1);
    // The good pair is aligned all the same.
    let beads = parse_jsonl(&h.read("out.jsonl"));
    assert!(
        beads.iter().all(|b| b.doc == "b") && !beads.is_empty(),
        "{beads:?}"
    );
    run.stderr
}

#[test]
fn a_truncated_docx_is_a_damaged_document_naming_the_file() {
    let whole = french_docx();
    let stderr = align_bad(&whole[..whole.len() / 2], &[]);
    assert!(
        stderr.contains("fr/a.docx: Word document (.docx): damaged: not a whole zip archive"),
        "{stderr}"
    );
    assert!(stderr.contains("damaged document"), "{stderr}");
}

#[test]
fn a_docx_without_its_document_or_with_malformed_xml_is_damaged() {
    let stderr = align_bad(
        &zip_of(&[("[Content_Types].xml", ""), ("word/styles.xml", "")]),
        &[],
    );
    assert!(
        stderr.contains("fr/a.docx: Word document (.docx): not a Word document: the zip holds no word/document.xml"),
        "{stderr}"
    );
    let malformed = zip_of(&[(
        "word/document.xml",
        &format!("<w:document {W}><w:body><w:p><w:r><w:t>Le</w:p>"),
    )]);
    let stderr = align_bad(&malformed, &[]);
    assert!(
        stderr
            .contains("fr/a.docx: Word document (.docx): word/document.xml: malformed XML at byte"),
        "{stderr}"
    );
}

#[test]
fn a_password_protected_docx_says_to_save_it_without_a_password() {
    // What Office writes: an OLE2 compound file whose directory names `EncryptedPackage`.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(1024, 0);
    ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    ole.resize(1152, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.resize(4096, 0);
    let stderr = align_bad(&ole, &[]);
    assert!(
        stderr.contains("fr/a.docx: encrypted Office document: save it without a password"),
        "{stderr}"
    );
}

#[test]
fn a_zip_bomb_is_refused_at_the_inflate_cap() {
    // 3 MB of empty paragraphs in a 10 KB file: over 16 × --max-doc-bytes of 100K.
    let padding = "<w:p/>".repeat(500_000);
    let document = format!("<w:document {W}><w:body>{padding}</w:body></w:document>");
    let bomb = zip_of(&[("word/document.xml", &document)]);
    assert!(bomb.len() < 20_000, "{} bytes", bomb.len());
    let stderr = align_bad(&bomb, &["--max-doc-bytes", "100K"]);
    assert!(
        stderr.contains("fr/a.docx: Word document (.docx): word/document.xml: inflates to more than 1638400 bytes (16 × --max-doc-bytes): a zip bomb"),
        "{stderr}"
    );
}

#[test]
fn a_docx_that_is_really_rtf_or_text_is_told_by_its_content() {
    let stderr = align_bad(b"{\\rtf1\\ansi Le chat dort.}", &[]);
    assert!(
        stderr.contains("fr/a.docx: RTF document: save it as .docx or plain text"),
        "{stderr}"
    );
    let h = Harness::new();
    h.write("a.docx", "Le chat dort. Il fait beau.");
    let run = h.run(&["split", "a.docx"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "Le chat dort.\nIl fait beau.\n");
}

#[test]
fn a_truncated_odt_is_a_damaged_document_naming_the_file() {
    let h = Harness::new();
    let whole = english_odt();
    h.write("a.odt", &whole[..whole.len() - 100]);
    let run = h.run(&["split", "a.odt"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("a.odt: OpenDocument text (.odt): damaged: not a whole zip archive"),
        "{}",
        run.stderr
    );
}
