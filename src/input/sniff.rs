//! What format a file is in, from its first bytes (magic numbers, markup) and, where the
//! content cannot tell, its extension. Content wins over the extension: a page saved as
//! `a.txt` is still a web page, a `.docx` that is really a Word 97 file is said to be one.

use std::io::{Cursor, Read};
use std::path::Path;

/// A file's format as far as reading it goes: one we read, or one we name and refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Text,
    Html,
    Docx,
    Odt,
    Pdf,
    /// A format we do not read: its name and what the user can do.
    Refused {
        format: &'static str,
        hint: &'static str,
    },
}

/// How far into a file markup is looked for: a page's doctype or `<html>` comes first,
/// after at most a BOM, white space and comments.
const MARKUP_WINDOW: usize = 2048;

const SAVE_AS_TEXT: &str = "save it as plain text (.txt)";
const SAVE_AS_DOCX: &str = "save it as .docx or plain text";

/// The format of `bytes`, read from `path` (whose extension decides only for text).
pub(crate) fn sniff(path: &Path, bytes: &[u8]) -> Sniffed {
    if let Some(sniffed) = by_magic(path, bytes) {
        return sniffed;
    }
    if looks_like_html(bytes) {
        return Sniffed::Html;
    }
    if looks_like_flat_odt(bytes) {
        return Sniffed::Odt;
    }
    match extension(path).as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => Sniffed::Html,
        Some("fodt") => Sniffed::Odt,
        _ => Sniffed::Text,
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Formats known by their first bytes.
fn by_magic(path: &Path, bytes: &[u8]) -> Option<Sniffed> {
    let refused = |format, hint| Some(Sniffed::Refused { format, hint });
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    // A PDF may have a few bytes of junk before its header (the specification allows 1024).
    if bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Some(Sniffed::Pdf);
    }
    if starts(b"PK\x03\x04") {
        return Some(zip_kind(path, bytes));
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(ole_kind(path, bytes));
    }
    if starts(b"{\\rtf") {
        return refused("RTF document", SAVE_AS_DOCX);
    }
    let image = starts(b"\x89PNG\r\n\x1a\n")
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || (starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"));
    if image {
        return refused(
            "image",
            "run OCR on it and save the text as plain text (.txt)",
        );
    }
    let archive = starts(&[0x1F, 0x8B])
        || starts(b"7z\xBC\xAF\x27\x1C")
        || starts(b"Rar!\x1A\x07")
        || starts(b"BZh")
        || starts(&[0xFD, b'7', b'z', b'X', b'Z', 0]);
    if archive {
        return refused("compressed archive", "unpack it first");
    }
    if starts(b"\x7FELF") || (starts(b"MZ") && bytes.contains(&0)) {
        return refused("program", SAVE_AS_TEXT);
    }
    None
}

/// A zip file: Word, OpenDocument, or something else zipped.
fn zip_kind(path: &Path, bytes: &[u8]) -> Sniffed {
    let refused = |format, hint| Sniffed::Refused { format, hint };
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // A zip cut short has lost its directory, at the end; its entries' own headers still
        // name them, and an OpenDocument file's first entry is its mimetype, stored. The
        // reader then says the document is damaged, naming its format.
        let holds = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
        return match extension(path).as_deref() {
            _ if holds(b"word/document.xml") => Sniffed::Docx,
            _ if bytes
                .get(30..)
                .is_some_and(|b| b.starts_with(ODT_MIMETYPE_ENTRY)) =>
            {
                Sniffed::Odt
            }
            Some("docx" | "docm" | "dotx") => Sniffed::Docx,
            Some("odt" | "ott") => Sniffed::Odt,
            _ => refused(
                "damaged zip archive",
                "check that the file was copied whole",
            ),
        };
    };
    let has = |archive: &zip::ZipArchive<_>, name: &str| archive.index_for_name(name).is_some();
    if has(&archive, "word/document.xml") {
        return Sniffed::Docx;
    }
    if has(&archive, "xl/workbook.xml") {
        return refused("Excel workbook", "save its text as plain text (.txt)");
    }
    if has(&archive, "ppt/presentation.xml") {
        return refused("PowerPoint presentation", SAVE_AS_TEXT);
    }
    let mut mimetype = String::new();
    if let Ok(file) = archive.by_name("mimetype") {
        let _ = file.take(100).read_to_string(&mut mimetype);
    }
    match mimetype.trim() {
        "application/vnd.oasis.opendocument.text" => Sniffed::Odt,
        "application/vnd.oasis.opendocument.spreadsheet" => {
            refused("OpenDocument spreadsheet", SAVE_AS_TEXT)
        }
        "application/vnd.oasis.opendocument.presentation" => {
            refused("OpenDocument presentation", SAVE_AS_TEXT)
        }
        "application/epub+zip" => refused("EPUB book", SAVE_AS_TEXT),
        // A zip named as a Word or OpenDocument file, without their parts: its reader says so.
        _ => match extension(path).as_deref() {
            Some("docx" | "docm" | "dotx") => Sniffed::Docx,
            Some("odt" | "ott") => Sniffed::Odt,
            _ => refused("zip archive", "unpack it first"),
        },
    }
}

/// An OpenDocument text's first zip entry, its name and content: `mimetype`, stored.
const ODT_MIMETYPE_ENTRY: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.text";

/// An OLE2 compound file: Office 97–2003, or a .docx, .xlsx … saved with a password, which
/// Office wraps in one (its stream `EncryptedPackage`, named in UTF-16). Its extension says
/// which program wrote it.
fn ole_kind(path: &Path, bytes: &[u8]) -> Sniffed {
    let encrypted: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(encrypted.len()).any(|w| w == encrypted) {
        return Sniffed::Refused {
            format: "encrypted Office document",
            hint: "save it without a password",
        };
    }
    let format = match extension(path).as_deref() {
        Some("xls") => "Excel 97 workbook",
        Some("ppt") => "PowerPoint 97 presentation",
        Some("msg") => "Outlook message",
        Some("doc" | "dot") => "Word 97 document",
        _ => "Office 97-2003 file (Word, Excel or PowerPoint)",
    };
    Sniffed::Refused {
        format,
        hint: SAVE_AS_DOCX,
    }
}

/// Whether the file is a flat OpenDocument text (.fodt): its root `office:document` says its
/// type in an attribute, after some 40 namespace declarations (a few KB).
fn looks_like_flat_odt(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(FLAT_ODT_WINDOW)];
    let holds = |s: &[u8]| head.windows(s.len()).any(|w| w == s);
    holds(b"<office:document ") && holds(b"application/vnd.oasis.opendocument.text")
}

/// How far into a file a flat OpenDocument's type is looked for (see [`looks_like_flat_odt`]).
const FLAT_ODT_WINDOW: usize = 16 * 1024;

/// Whether the file starts as a web page does: a doctype, `<html`, or an XML declaration
/// followed by `<html`, after a BOM, white space and comments.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(MARKUP_WINDOW)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = after[end + 3..].trim_start(),
                None => return false,
            }
        } else if rest.starts_with("<?xml") {
            match rest.find("?>") {
                Some(end) => rest = rest[end + 2..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    rest.starts_with("<!doctype html") || rest.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniffed(name: &str, bytes: &[u8]) -> Sniffed {
        sniff(Path::new(name), bytes)
    }

    fn refused_as(name: &str, bytes: &[u8]) -> &'static str {
        match sniffed(name, bytes) {
            Sniffed::Refused { format, .. } => format,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn text_is_text_whatever_its_extension() {
        assert_eq!(sniffed("a.txt", "Le chat dort.".as_bytes()), Sniffed::Text);
        assert_eq!(sniffed("a", b"x < y et <b> reste du texte"), Sniffed::Text);
        assert_eq!(sniffed("a.md", b""), Sniffed::Text);
    }

    #[test]
    fn a_saved_page_is_html_by_content_or_extension() {
        let page = b"\xEF\xBB\xBF\n  <!-- saved --> <!DOCTYPE HTML><html><p>Bonjour</p>";
        assert_eq!(sniffed("a.txt", page), Sniffed::Html);
        assert_eq!(sniffed("a.txt", b"<html lang=fr>"), Sniffed::Html);
        let xhtml = b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">";
        assert_eq!(sniffed("a", xhtml), Sniffed::Html);
        assert_eq!(sniffed("a.htm", b"<p>Bonjour</p>"), Sniffed::Html);
        assert_eq!(sniffed("a.txt", b"<p>Bonjour</p>"), Sniffed::Text);
    }

    #[test]
    fn binaries_are_named_with_what_to_do() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(refused_as("a.doc", &ole), "Word 97 document");
        assert_eq!(refused_as("a.xls", &ole), "Excel 97 workbook");
        assert_eq!(refused_as("a.txt", b"\x89PNG\r\n\x1a\n\0\0"), "image");
        assert_eq!(refused_as("a.txt", b"\xFF\xD8\xFF\xE0\0\x10JFIF"), "image");
        assert_eq!(refused_as("a.gz", b"\x1F\x8B\x08\0"), "compressed archive");
        assert_eq!(refused_as("a.rtf", b"{\\rtf1\\ansi"), "RTF document");
        assert_eq!(
            refused_as("a.zip", b"PK\x03\x04 cut short"),
            "damaged zip archive"
        );
    }

    #[test]
    fn a_pdf_is_known_by_its_header_even_after_junk() {
        assert_eq!(sniffed("a.txt", b"%PDF-1.7\n%\xE2\xE3"), Sniffed::Pdf);
        assert_eq!(sniffed("a", b"\r\n\r\n%PDF-1.4\n"), Sniffed::Pdf);
    }

    /// A zip holding `files` (name, content), stored.
    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, content) in files {
            out.start_file(*name, options).unwrap();
            out.write_all(content.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn zips_are_told_apart_by_what_they_hold() {
        let docx = zip_of(&[("[Content_Types].xml", ""), ("word/document.xml", "")]);
        assert_eq!(sniffed("a.zip", &docx), Sniffed::Docx);
        let odt = zip_of(&[("mimetype", "application/vnd.oasis.opendocument.text")]);
        assert_eq!(sniffed("a.txt", &odt), Sniffed::Odt);
        let xlsx = zip_of(&[("xl/workbook.xml", "")]);
        assert_eq!(refused_as("a.xlsx", &xlsx), "Excel workbook");
        let epub = zip_of(&[("mimetype", "application/epub+zip")]);
        assert_eq!(refused_as("a.epub", &epub), "EPUB book");
        assert_eq!(
            refused_as("a.zip", &zip_of(&[("a.txt", "x")])),
            "zip archive"
        );
        // Named .docx or .odt, it goes to the reader, which says what it lacks.
        assert_eq!(sniffed("a.docx", &zip_of(&[("a.txt", "x")])), Sniffed::Docx);
        assert_eq!(sniffed("a.odt", &zip_of(&[("a.txt", "x")])), Sniffed::Odt);
    }

    #[test]
    fn a_truncated_docx_or_odt_goes_to_its_reader_to_be_called_damaged() {
        let docx = zip_of(&[
            ("[Content_Types].xml", ""),
            ("word/document.xml", "<w:document/>"),
        ]);
        let cut = &docx[..docx.len() - 30];
        assert_eq!(sniffed("a.bin", cut), Sniffed::Docx);
        let odt = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", "<office:document-content/>"),
        ]);
        assert_eq!(sniffed("a.bin", &odt[..odt.len() - 30]), Sniffed::Odt);
        assert_eq!(sniffed("a.odt", b"PK\x03\x04 cut short"), Sniffed::Odt);
        assert_eq!(sniffed("a.docx", b"PK\x03\x04 cut short"), Sniffed::Docx);
    }

    #[test]
    fn a_password_protected_office_file_is_called_encrypted() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend(vec![0; 500]);
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(refused_as("a.docx", &ole), "encrypted Office document");
    }

    #[test]
    fn a_flat_opendocument_text_is_known_by_its_root() {
        let flat = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"><office:body/>"#;
        assert_eq!(sniffed("a.xml", flat.as_bytes()), Sniffed::Odt);
        let sheet = flat.replace("opendocument.text", "opendocument.spreadsheet");
        assert_eq!(sniffed("a.xml", sheet.as_bytes()), Sniffed::Text);
        assert_eq!(sniffed("a.fodt", b"<?xml version=\"1.0\"?>"), Sniffed::Odt);
    }
}
