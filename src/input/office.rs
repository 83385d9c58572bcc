//! What the Word and OpenDocument readers share: the zip package, whose XML parts are read as
//! they inflate, within a cap (a zip bomb costs a bounded time and no memory); a walk over a
//! part's elements with their namespaces resolved; and the text built paragraph by paragraph.

use std::borrow::Cow;
use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::rc::Rc;

use quick_xml::NsReader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{NamespaceResolver, ResolveResult};

use crate::error::{Error, Result};

/// How many bytes of XML a part may inflate to, per byte of `--max-doc-bytes`. Deflate packs
/// a word processor's XML 4 to 16 times (measured: our .docx renderings of the evaluation
/// documents, runs cut mid-word, 10.1 × on average and 13.2 × at most; their .odt renderings
/// 4.4 × and 5.6 ×; a LibreOffice file, docutils' `styles.odt`: 6.6 × and 15.7 ×), and a
/// package under `--max-doc-bytes` holds images besides; a zip bomb inflates up to a thousand
/// times (deflate's limit is 1032 to 1). At 16, the default 64 MiB lets a part inflate to
/// 1 GiB: a bomb of a billion bytes of empty paragraphs costs about 10 s of CPU (measured,
/// 1.6 MB file), less than aligning a document of the largest size, in constant memory.
pub(crate) const INFLATE_FACTOR: u64 = 16;

/// Elements nested deeper than this are refused as hostile: real documents nest a few dozen
/// deep (a text box in a table in a text box is about 30 levels of XML), and the namespace
/// resolver of quick-xml counts levels in 16 bits.
const MAX_DEPTH: usize = 1024;

/// A Word or OpenDocument file as a zip package.
pub(crate) struct Package<'a> {
    pub(crate) path: &'a Path,
    pub(crate) format: &'static str,
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// The most bytes of XML read from one part (`--max-doc-bytes` × [`INFLATE_FACTOR`]).
    inflate_cap: u64,
    /// The longest text or tag read (`--max-doc-bytes`): the XML parser holds one whole.
    node_cap: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip `bytes` of `path`; a cut or corrupt archive is a damaged document.
    pub(crate) fn open(
        path: &'a Path,
        bytes: &'a [u8],
        format: &'static str,
        max_bytes: u64,
    ) -> Result<Self> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            bad_document(
                path,
                format,
                format!(
                    "damaged: not a whole zip archive ({e}): check that the file was copied whole"
                ),
            )
        })?;
        Ok(Self {
            path,
            format,
            archive,
            inflate_cap: max_bytes.saturating_mul(INFLATE_FACTOR),
            node_cap: max_bytes,
        })
    }

    /// Walks the XML part `name` with `walker`, if the package has it.
    pub(crate) fn walk(&mut self, name: &str, walker: &mut dyn Walker) -> Result<bool> {
        let (path, format, cap) = (self.path, self.format, self.inflate_cap);
        let entry = match self.archive.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(false),
            Err(zip::result::ZipError::UnsupportedArchive(
                zip::result::ZipError::PASSWORD_REQUIRED,
            )) => {
                return Err(bad_document(
                    path,
                    format,
                    "encrypted: save it without a password".into(),
                ));
            }
            Err(e) => {
                return Err(bad_document(path, format, format!("damaged {name}: {e}")));
            }
        };
        let stop = Rc::new(Cell::new(None));
        let capped = Capped::new(entry, cap, self.node_cap, Rc::clone(&stop));
        let result = walk_xml(BufReader::new(capped), walker);
        let too_large = |what: String| {
            bad_document(
                path,
                format,
                format!("{name}: {what}: a zip bomb, or a document too large to read"),
            )
        };
        match stop.get() {
            Some(Stop::Inflated) => Err(too_large(format!(
                "inflates to more than {cap} bytes ({INFLATE_FACTOR} × --max-doc-bytes)"
            ))),
            Some(Stop::Node) => Err(too_large(format!(
                "an XML text or tag of more than {} bytes (--max-doc-bytes)",
                self.node_cap
            ))),
            None => result
                .map(|()| true)
                .map_err(|reason| bad_document(path, format, format!("{name}: {reason}"))),
        }
    }

    /// A damaged-document error about this package.
    pub(crate) fn bad(&self, reason: String) -> Error {
        bad_document(self.path, self.format, reason)
    }
}

/// Walks a flat XML document (a .fodt) with `walker`; the file's size is already capped.
pub(crate) fn walk_bytes(
    path: &Path,
    format: &'static str,
    bytes: &[u8],
    walker: &mut dyn Walker,
) -> Result<()> {
    walk_xml(bytes, walker).map_err(|reason| bad_document(path, format, reason))
}

pub(crate) fn bad_document(path: &Path, format: &'static str, reason: String) -> Error {
    Error::BadDocument {
        path: path.to_path_buf(),
        format,
        reason,
    }
}

/// Why a part's reading was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// It inflated to more than the cap.
    Inflated,
    /// A run of bytes without `<` (a text) or without `>` (a tag) was longer than the node
    /// cap: the parser would hold it whole in memory (a gigabyte of spaces between two tags
    /// costs a gigabyte).
    Node,
}

/// A reader that ends, and says why, after `left` bytes or on a text or tag longer than
/// `node_cap`: the caps on what a part inflates to and on what the parser holds at once.
struct Capped<R> {
    inner: R,
    left: u64,
    node_cap: u64,
    /// Bytes since the last `<` and since the last `>`.
    since: [u64; 2],
    stop: Rc<Cell<Option<Stop>>>,
}

impl<R> Capped<R> {
    fn new(inner: R, cap: u64, node_cap: u64, stop: Rc<Cell<Option<Stop>>>) -> Self {
        Self {
            inner,
            left: cap,
            node_cap,
            since: [0, 0],
            stop,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.stop.get().is_some() {
            return Ok(0);
        }
        if self.left == 0 {
            // One byte more than the cap tells a part of exactly the cap from a longer one.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? > 0 {
                self.stop.set(Some(Stop::Inflated));
            }
            return Ok(0);
        }
        let room = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let read = self.inner.read(&mut buf[..room])?;
        self.left -= read as u64;
        for (since, mark) in self.since.iter_mut().zip([b'<', b'>']) {
            // The runs between marks: the first continues the last chunk's.
            let mut runs = buf[..read]
                .split(|&b| b == mark)
                .map(|run| run.len() as u64);
            let mut run = *since + runs.next().unwrap_or(0);
            let mut longest = run;
            for next in runs {
                run = next;
                longest = longest.max(run);
            }
            *since = run;
            if longest > self.node_cap {
                self.stop.set(Some(Stop::Node));
                return Ok(0);
            }
        }
        Ok(read)
    }
}

/// An element as a walker sees it: its namespace (the URI, "" for none) and local name, and
/// its attributes.
pub(crate) struct Element<'e> {
    pub(crate) namespace: &'e str,
    pub(crate) local: &'e str,
    start: &'e BytesStart<'e>,
    resolver: &'e NamespaceResolver,
}

impl Element<'_> {
    /// The value of the attribute `local` in `namespace` ("" for none; `xml:space` is in
    /// [`XML`]), entities decoded.
    pub(crate) fn attribute(&self, namespace: &str, local: &str) -> Option<String> {
        self.start.attributes().flatten().find_map(|attribute| {
            let (bound, name) = self.resolver.resolve_attribute(attribute.key);
            let matches = name.as_ref() == local
                && match bound {
                    ResolveResult::Bound(ns) => ns.0 == namespace,
                    ResolveResult::Unbound => namespace.is_empty(),
                    ResolveResult::Unknown(_) => false,
                };
            matches.then(|| {
                attribute
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_or_else(|_| attribute.value.to_string(), Cow::into_owned)
            })
        })
    }
}

/// The namespace of `xml:space`.
pub(crate) const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// What a reader does with a part's elements and text, in document order. An empty element is
/// a start and an end.
pub(crate) trait Walker {
    fn start(&mut self, element: &Element<'_>);
    fn end(&mut self);
    fn text(&mut self, text: &str);
}

/// Feeds the XML read from `input` to `walker`; the reason when it is not well-formed.
fn walk_xml(mut input: impl BufRead, walker: &mut dyn Walker) -> Result<(), String> {
    // A part may be UTF-16 (both standards allow it, no producer we know writes it): decoded
    // whole, which the inflate cap bounds.
    let head = input.fill_buf().map_err(|e| e.to_string())?;
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let mut bytes = Vec::new();
        input.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        let (text, _, malformed) = encoding_rs::Encoding::for_bom(&bytes)
            .map_or(encoding_rs::UTF_16LE, |(e, _)| e)
            .decode(&bytes);
        if malformed {
            return Err("invalid UTF-16".into());
        }
        let utf8 = text.replacen("encoding=\"UTF-16\"", "encoding=\"UTF-8\"", 1);
        return walk_events(NsReader::from_reader(utf8.as_bytes()), walker);
    }
    walk_events(NsReader::from_reader(input), walker)
}

fn walk_events<R: BufRead>(mut reader: NsReader<R>, walker: &mut dyn Walker) -> Result<(), String> {
    let config = reader.config_mut();
    config.check_end_names = true;
    config.allow_unmatched_ends = false;
    let mut buffer = Vec::new();
    let mut depth = 0usize;
    loop {
        buffer.clear();
        let event = match reader.read_event_into(&mut buffer) {
            Ok(event) => event,
            Err(e) => {
                let at = reader.error_position();
                return Err(format!("malformed XML at byte {at}: {e}"));
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(format!("elements nested more than {MAX_DEPTH} deep"));
                }
                let resolver = reader.resolver();
                let (bound, local) = resolver.resolve_element(e.name());
                let namespace = match bound {
                    ResolveResult::Bound(ns) => ns.0,
                    _ => "",
                };
                let element = Element {
                    namespace,
                    local: local.as_ref(),
                    start: e,
                    resolver,
                };
                walker.start(&element);
                if matches!(event, Event::Empty(_)) {
                    walker.end();
                    depth -= 1;
                }
            }
            Event::End(_) => {
                walker.end();
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => walker.text(&t.xml10_content()),
            Event::CData(t) => walker.text(&t.xml10_content()),
            Event::GeneralRef(r) => walker.text(&entity(&r)?),
            Event::Eof if depth > 0 => return Err("cut short: elements left open".into()),
            Event::Eof => return Ok(()),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
}

/// A character reference or one of XML's five entities (no DTD is read: both formats forbid
/// entities of their own).
fn entity(reference: &BytesRef<'_>) -> Result<String, String> {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => quick_xml::escape::resolve_xml_entity(reference)
            .map(str::to_string)
            .ok_or_else(|| format!("unknown entity &{};", &**reference)),
        Err(e) => Err(e.to_string()),
    }
}

/// The text of a document as a reader sees it, built paragraph by paragraph: paragraphs apart
/// by a blank line, a line break a single `\n`. A paragraph opened inside another (a text box
/// anchored in a paragraph, a note's body) is written out when it closes, before its host.
/// Holds at most `limit` bytes (`--max-doc-bytes`): past that it says so.
pub(crate) struct Paragraphs {
    out: String,
    open: Vec<String>,
    /// A paragraph whose end was deleted: the start of the next one.
    carry: String,
    size: usize,
    limit: usize,
    over: bool,
}

impl Paragraphs {
    pub(crate) fn new(limit: u64) -> Self {
        Self {
            out: String::new(),
            open: Vec::new(),
            carry: String::new(),
            size: 0,
            limit: usize::try_from(limit).unwrap_or(usize::MAX),
            over: false,
        }
    }

    pub(crate) fn open(&mut self) {
        self.open.push(std::mem::take(&mut self.carry));
    }

    /// Closes the innermost paragraph into the next one opened: its end was deleted.
    pub(crate) fn close_into_next(&mut self) {
        if let Some(paragraph) = self.open.pop() {
            self.carry.push_str(&paragraph);
        }
    }

    /// Closes the innermost paragraph, writing it out unless it is blank.
    pub(crate) fn close(&mut self) {
        if let Some(paragraph) = self.open.pop() {
            self.write_out(&paragraph);
        }
    }

    /// A page or column break: the paragraph so far is one, the rest another.
    pub(crate) fn split(&mut self) {
        if let Some(paragraph) = self.open.last_mut() {
            let done = std::mem::take(paragraph);
            self.write_out(&done);
        }
    }

    /// Text of the innermost paragraph (text outside any is a paragraph of its own).
    pub(crate) fn push(&mut self, text: &str) {
        self.size = self.size.saturating_add(text.len());
        if self.size > self.limit {
            self.over = true;
            return;
        }
        match self.open.last_mut() {
            Some(paragraph) => paragraph.push_str(text),
            None => self.write_out(text),
        }
    }

    pub(crate) fn line_break(&mut self) {
        self.push("\n");
    }

    /// Appends the paragraphs of `other` (a note) after these.
    pub(crate) fn append(&mut self, other: &str) {
        self.size = self.size.saturating_add(other.len());
        if self.size > self.limit {
            self.over = true;
            return;
        }
        self.write_out(other);
    }

    fn write_out(&mut self, paragraph: &str) {
        let paragraph = paragraph.trim_matches(|c: char| c.is_whitespace());
        if paragraph.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(paragraph);
    }

    /// The text, paragraphs still open written out; `None` when it was over the limit.
    pub(crate) fn finish(mut self) -> Option<String> {
        while !self.open.is_empty() {
            self.close();
        }
        let carry = std::mem::take(&mut self.carry);
        self.write_out(&carry);
        (!self.over).then_some(self.out)
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use std::io::{Cursor, Write};

    /// A zip holding `files` (name, content), deflated as Word and LibreOffice write them.
    pub(crate) fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in files {
            out.start_file(*name, options).unwrap();
            out.write_all(content.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_apart_by_a_blank_line_and_blank_ones_dropped() {
        let mut text = Paragraphs::new(1000);
        text.open();
        text.push("Le chat");
        text.line_break();
        text.push("dort.");
        text.close();
        text.open();
        text.push("  ");
        text.close();
        text.open();
        text.push("Avant");
        text.open();
        text.push("Boîte");
        text.close();
        text.push(" après.");
        text.split();
        text.push("Page deux.");
        assert_eq!(
            text.finish().unwrap(),
            "Le chat\ndort.\n\nBoîte\n\nAvant après.\n\nPage deux."
        );
    }

    #[test]
    fn text_past_the_limit_is_refused_not_cut() {
        let mut text = Paragraphs::new(10);
        text.open();
        text.push("0123456789");
        assert!(text.finish().is_some());
        let mut text = Paragraphs::new(10);
        text.push("0123456789a");
        assert!(text.finish().is_none());
    }

    fn capped_read(bytes: &[u8], cap: u64, node_cap: u64) -> (usize, Option<Stop>) {
        let stop = Rc::new(Cell::new(None));
        let mut read = Vec::new();
        Capped::new(bytes, cap, node_cap, Rc::clone(&stop))
            .read_to_end(&mut read)
            .unwrap();
        (read.len(), stop.get())
    }

    #[test]
    fn the_inflate_cap_stops_a_part_past_the_cap() {
        let xml = b"<a>x</a>".repeat(100);
        assert_eq!(capped_read(&xml, 799, 100), (799, Some(Stop::Inflated)));
        assert_eq!(capped_read(&xml, 800, 100), (800, None));
    }

    #[test]
    fn a_text_or_tag_longer_than_the_node_cap_stops_a_part() {
        let text = format!("<a>{}</a>", " ".repeat(10_000));
        assert_eq!(
            capped_read(text.as_bytes(), 1 << 20, 9_999).1,
            Some(Stop::Node)
        );
        // From `>` to `>`: the spaces and `</a`.
        assert_eq!(capped_read(text.as_bytes(), 1 << 20, 10_004).1, None);
        let tag = format!("<a{}>", " ".repeat(10_000));
        assert_eq!(
            capped_read(tag.as_bytes(), 1 << 20, 9_999).1,
            Some(Stop::Node)
        );
    }
}
