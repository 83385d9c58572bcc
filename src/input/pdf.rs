//! PDF: the text layer, as a reader of the page sees it. `pdf-extract` decodes the fonts
//! (standard encodings, embedded TrueType/CFF, ToUnicode maps) and hands over each glyph with
//! its position; [`layout`] puts the glyphs back into columns, lines and paragraphs and leaves
//! out running headers, footers and page numbers. A PDF without glyphs (a scan), an encrypted
//! one and a damaged one are errors that say which.

mod layout;

use std::cell::Cell;
use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;
use std::thread;

use pdf_extract::content::Content;
use pdf_extract::{
    Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform,
};

use crate::error::{Error, Result};

use layout::{Glyph, Run};

const FORMAT: &str = "PDF";

/// How many characters of text a PDF may hold per byte of file: text streams compress about
/// 3–5 times with Flate and carry positioning operators besides, so 16 leaves room for any real
/// document while a stream that inflates a thousandfold (a "zip bomb") stops early.
const CHARS_PER_BYTE: usize = 16;

/// The document's text: paragraphs apart by a blank line, in reading order.
pub(crate) fn text(path: &Path, bytes: &[u8]) -> Result<String> {
    let bad = |reason: String| Error::BadDocument {
        path: path.to_path_buf(),
        format: FORMAT,
        reason,
    };
    let pages = on_a_large_stack(|| quietly(|| glyphs(bytes)))
        .flatten()
        .unwrap_or_else(|| Err("damaged: the PDF reader gave up on it".to_string()))
        .map_err(bad)?;
    if !has_end_marker(bytes) {
        return Err(bad("truncated: no %%EOF at its end".to_string()));
    }
    let text = layout::text_of_runs(pages);
    if text.trim().is_empty() {
        return Err(bad("no text layer: a scan? run OCR on it first".to_string()));
    }
    Ok(text)
}

/// Whether the file ends as a PDF must, with `%%EOF` (followed by at most a few bytes of
/// padding: 1024 are tolerated, as readers do). A file cut short in transfer lacks it even when
/// its first pages can still be read.
fn has_end_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// The glyphs of each page, or why there are none to read.
fn glyphs(bytes: &[u8]) -> std::result::Result<Vec<Vec<Run>>, String> {
    let mut doc = Document::load_mem(bytes).map_err(|e| load_error(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ENCRYPTED.to_string());
    }
    check_forms(&doc)?;
    let mut pages = Pages::new(bytes.len().saturating_mul(CHARS_PER_BYTE));
    match pdf_extract::output_doc(&doc, &mut pages) {
        Ok(()) => {
            pages.end_page().ok();
            Ok(pages.pages)
        }
        Err(_) if pages.full => Err(format!(
            "more text than {CHARS_PER_BYTE} characters per byte of file (a compression bomb?)"
        )),
        Err(e) => Err(format!("damaged: {e}")),
    }
}

const ENCRYPTED: &str = "encrypted: needs a password (save an unprotected copy, or as text)";

fn load_error(error: &pdf_extract::Error) -> String {
    let message = error.to_string();
    if matches!(error, pdf_extract::Error::Decryption(_)) || message.contains("password") {
        ENCRYPTED.to_string()
    } else {
        format!("damaged or truncated: {message}")
    }
}

/// The stack the PDF crates run on. Their parsers and pdf-extract's drawing of forms recurse;
/// [`check_forms`] bounds the forms, this leaves room for deep but legitimate nesting (the
/// memory is only reserved: pages are committed as they are touched).
const STACK_BYTES: usize = 256 << 20;

/// `f()` on a thread of its own with a [`STACK_BYTES`] stack; `None` if the thread cannot be
/// made or dies.
fn on_a_large_stack<T: Send>(f: impl FnOnce() -> T + Send) -> Option<T> {
    thread::scope(|scope| {
        thread::Builder::new()
            .name("pdf".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, f)
            .ok()?
            .join()
            .ok()
    })
}

/// How deep form XObjects may nest: real documents nest a few levels (a page, a figure, a
/// logo in it); pdf-extract recurses without a limit, and a form that draws itself would
/// overflow the stack.
const MAX_FORM_DEPTH: usize = 32;
/// How many times forms may be drawn in a whole document: a form drawn ten times by a form
/// drawn ten times … is drawn 10^9 times from a few KB (the PDF counterpart of a zip bomb),
/// even when it holds no text for [`CHARS_PER_BYTE`] to stop.
const MAX_FORM_DRAWS: usize = 1_000_000;

/// Refuses forms that nest in a loop, too deep or are drawn too often, walking the pages' `Do`
/// operators as pdf-extract will (a form's own resources, else its caller's).
fn check_forms(doc: &Document) -> std::result::Result<(), String> {
    let mut names: HashMap<ObjectId, Vec<Vec<u8>>> = HashMap::new();
    let mut draws = 0;
    let empty = Dictionary::new();
    for (_, page_id) in doc.get_pages() {
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        let resources = inherited_resources(doc, page).unwrap_or(&empty);
        let content = doc.get_page_content(page_id).unwrap_or_default();
        let drawn = drawn_names(&content);
        walk_forms(doc, &drawn, resources, 0, &mut draws, &mut names)?;
    }
    Ok(())
}

fn walk_forms(
    doc: &Document,
    drawn: &[Vec<u8>],
    resources: &Dictionary,
    depth: usize,
    draws: &mut usize,
    names: &mut HashMap<ObjectId, Vec<Vec<u8>>>,
) -> std::result::Result<(), String> {
    for name in drawn {
        *draws += 1;
        if *draws > MAX_FORM_DRAWS || depth >= MAX_FORM_DEPTH {
            return Err(format!(
                "damaged: forms drawn more than {MAX_FORM_DRAWS} times or nested more than \
                 {MAX_FORM_DEPTH} deep (a loop, or a bomb?)"
            ));
        }
        let Some((id, stream)) = resolve(doc, resources, b"XObject")
            .and_then(|xobjects| xobjects.get(name).ok())
            .and_then(|o| o.as_reference().ok())
            .and_then(|id| Some((id, doc.get_object(id).ok()?.as_stream().ok()?)))
        else {
            continue;
        };
        let inner = resolve(doc, &stream.dict, b"Resources").unwrap_or(resources);
        let inner_drawn = names
            .entry(id)
            .or_insert_with(|| {
                let content = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                drawn_names(&content)
            })
            .clone();
        walk_forms(doc, &inner_drawn, inner, depth + 1, draws, names)?;
    }
    Ok(())
}

/// The names of the XObjects a content stream draws (`/Name Do`); parsed only when `Do` is in
/// it (most pages draw no form, and parsing costs as much as reading their text).
fn drawn_names(content: &[u8]) -> Vec<Vec<u8>> {
    if !content.windows(2).any(|w| w == b"Do") {
        return Vec::new();
    }
    Content::decode(content)
        .map(|c| {
            c.operations
                .into_iter()
                .filter(|op| op.operator == "Do")
                .filter_map(|op| op.operands.first()?.as_name().ok().map(<[u8]>::to_vec))
                .collect()
        })
        .unwrap_or_default()
}

/// The dictionary under `key` in `dict`, direct or by reference.
fn resolve<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match dict.get(key).ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        object => object.as_dict().ok(),
    }
}

/// A page's resources, or those of the first of its ancestors that has them.
fn inherited_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    let mut node = page;
    for _ in 0..MAX_FORM_DEPTH {
        if let Some(resources) = resolve(doc, node, b"Resources") {
            return Some(resources);
        }
        node = resolve(doc, node, b"Parent")?;
    }
    None
}

thread_local! {
    /// Set while this thread runs the PDF crate, whose panics on bad input are caught and
    /// reported as a damaged document, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// `f()`, or `None` when it panics; the panic message is not printed (other threads' panics
/// still are: the hook is silent only on a thread inside `quietly`).
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.ok()
}

/// Collects each page's glyphs as `pdf-extract` draws them.
struct Pages {
    /// The pages drawn, as runs.
    pages: Vec<Vec<Run>>,
    /// The glyphs of the page being drawn.
    current: Vec<Glyph>,
    chars: usize,
    max_chars: usize,
    full: bool,
}

impl Pages {
    fn new(max_chars: usize) -> Self {
        Self {
            pages: Vec::new(),
            current: Vec::new(),
            chars: 0,
            max_chars,
            full: false,
        }
    }
}

impl OutputDev for Pages {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        self.end_page()
    }

    /// Gathers the page's glyphs into runs (once: pdf-extract ends each page, and the
    /// collection ends the last one again in case it did not).
    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        if !self.current.is_empty() {
            self.pages.push(layout::runs(&self.current));
            self.current.clear();
        }
        Ok(())
    }

    /// `trm` maps glyph space to the page (y up); `width` is the advance in text space units
    /// of one em, scaled here by the glyph's size on the page, as pdf-extract's own text output
    /// does.
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> std::result::Result<(), OutputError> {
        self.chars += text.len();
        if self.chars > self.max_chars {
            self.full = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The side of the square with the area of the em box on the page: the font size as
        // drawn, whatever the scaling or rotation (`trm` holds the font size already when
        // `font_size` is 1, as some writers do).
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let (x, y) = (trm.m31, trm.m32);
        if x.is_finite() && y.is_finite() && size.is_finite() {
            self.current.push(Glyph {
                x,
                y,
                end: x + width * size,
                size,
                text: text.to_string(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PDF of `pages`, each a content stream drawing with Helvetica as `/F1`: the smallest
    /// file readers accept, with a correct cross-reference table.
    pub(crate) fn pdf(pages: &[String]) -> Vec<u8> {
        let n = pages.len();
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            format!(
                "<< /Type /Pages /Kids [{}] /Count {n} >>",
                (0..n)
                    .map(|i| format!("{} 0 R", 4 + 2 * i))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_string(),
        ];
        for (i, content) in pages.iter().enumerate() {
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            ));
            objects.push(format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len() + 1
            ));
        }
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        out
    }

    /// A content stream showing `lines` from the top of the page down, 10 pt Helvetica on a
    /// 12 pt pitch, a blank line between paragraphs given as an empty string.
    pub(crate) fn page(lines: &[&str]) -> String {
        let mut ops = String::from("BT /F1 10 Tf 72 770 Td\n");
        for line in lines {
            if !line.is_empty() {
                ops.push_str(&format!(
                    "({}) Tj\n",
                    line.replace('(', "\\(").replace(')', "\\)")
                ));
            }
            ops.push_str("0 -12 Td\n");
        }
        ops.push_str("ET");
        ops
    }

    fn read(bytes: &[u8]) -> Result<String> {
        text(Path::new("fr/a.pdf"), bytes)
    }

    #[test]
    fn a_page_of_text_is_read_as_paragraphs() {
        let doc = pdf(&[page(&[
            "Le chat dort sur le tapis.",
            "Il fait beau.",
            "",
            "Le chien aboie.",
        ])]);
        assert_eq!(
            read(&doc).unwrap(),
            "Le chat dort sur le tapis. Il fait beau.\n\nLe chien aboie."
        );
    }

    #[test]
    fn a_pdf_without_text_operators_is_a_scan() {
        let doc = pdf(&["0 0 m 100 100 l S".to_string()]);
        assert_eq!(
            read(&doc).unwrap_err().to_string(),
            "fr/a.pdf: PDF: no text layer: a scan? run OCR on it first"
        );
    }

    #[test]
    fn a_truncated_pdf_is_named_never_a_panic() {
        let doc = pdf(&[page(&["Le chat dort sur le tapis."])]);
        for cut in [doc.len() - 7, doc.len() / 2, 40, 9] {
            let error = read(&doc[..cut]).unwrap_err().to_string();
            assert!(
                error.starts_with("fr/a.pdf: PDF: ") && error.contains("truncated"),
                "{cut}: {error}"
            );
        }
    }

    #[test]
    fn garbage_after_the_header_is_a_damaged_document() {
        let mut doc = b"%PDF-1.7\n".to_vec();
        doc.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
        doc.extend(b"\n%%EOF\n");
        let error = read(&doc).unwrap_err().to_string();
        assert!(error.starts_with("fr/a.pdf: PDF: damaged"), "{error}");
    }

    #[test]
    fn text_beyond_the_cap_stops_the_reading() {
        let mut pages = Pages::new(10);
        pages
            .begin_page(
                1,
                &MediaBox {
                    llx: 0.0,
                    lly: 0.0,
                    urx: 595.0,
                    ury: 842.0,
                },
                None,
            )
            .unwrap();
        let at = Transform::identity();
        for _ in 0..10 {
            pages.output_character(&at, 0.5, 0.0, 10.0, "a").unwrap();
        }
        assert!(pages.output_character(&at, 0.5, 0.0, 10.0, "a").is_err());
        assert!(pages.full);
        assert_eq!(pages.current.len(), 10);
    }
}
