//! TMX read back as TMX 1.4 says: each `<tu>`'s props and the `<seg>` of the `<tuv>`s in the
//! two languages asked for, from our files and from other tools'.
//!
//! - **Text.** A `<seg>` keeps its text and that of `<hi>` (highlighted text is still the
//!   sentence). The native codes `<bpt> <ept> <ph> <it> <ut>` are left out with what they
//!   hold, `<sub>` included: a sub-flow is a separate text (a footnote, a link's title) inside
//!   a code, and put into the sentence it would say words neither side says there. The text
//!   around codes is kept as it stands: no space is added where a code was.
//! - **Languages.** A `<tuv>`'s `xml:lang` (or the older `lang`) matches a language asked for
//!   exactly (letter case aside), else by its primary subtag (`fr-FR`, `fr_CA` are `fr`); a
//!   `<tuv>` in a third language is left aside. Where the file has no `<tuv>` in a language
//!   asked for, that side is taken from the file as before: the header's `srclang` (unless
//!   `*all*`), else the first other language met; but never the target asked for as the
//!   source, nor one code for both sides. Two `<tuv>`s that match one side equally well are
//!   an error: which to take is the user's choice.
//! - **Missing sides.** A `<tu>` with one of the two languages is a record with the other side
//!   empty (kind 1-0 or 0-1: writers that leave out unaligned beads leave it out and the
//!   summary counts it). A `<tu>` with neither holds nothing asked for and is left out.
//! - **Bad files.** Whatever is not well-formed XML, or not TMX's structure around the text
//!   (a file cut short, mismatched or unclosed tags, no `<tmx>` root, a `<seg>` outside a
//!   `<tuv>`, markup TMX does not have inside a `<seg>`, an entity other than XML's five, a
//!   character XML forbids, nesting past [`MAX_DEPTH`]) is an error naming the line: never a
//!   shorter corpus. Entities declared in a DOCTYPE are not expanded (so no "billion laughs").

use std::collections::HashMap;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Corpus, corpus_error, kind_or_shape, parse_score, read_corpus_file};
use crate::error::Result;
use crate::export::{DocScore, Languages, Record};
use crate::normalize::is_xml_char;

/// How deep elements may nest: TMX needs about ten levels (`<seg>` is the fifth, inline
/// markup a few more), so deeper is a hostile file, not a translation memory.
pub(crate) const MAX_DEPTH: usize = 128;

/// The longest language code read: BCP 47 tags in use are far shorter; longer is not one.
const MAX_LANG: usize = 64;

/// Reads a TMX file; `languages` are the two asked for (see the module's documentation).
pub(super) fn read_tmx(path: &Path, languages: &Languages) -> Result<Corpus> {
    parse_tmx(&read_corpus_file(path)?, path, languages)
}

/// `read_tmx` on text already read; `path` names it in errors.
pub fn parse_tmx(text: &str, path: &Path, languages: &Languages) -> Result<Corpus> {
    let bad = |e: Bad| corpus_error(path, line_at(text, e.at), e.message);
    check_chars(text).map_err(bad)?;
    let file = TmxFile::parse(text).map_err(bad)?;
    file.corpus(languages).map_err(bad)
}

/// What is wrong and at which byte.
#[derive(Debug)]
struct Bad {
    at: usize,
    message: String,
}

fn bad<T>(at: usize, message: impl Into<String>) -> std::result::Result<T, Bad> {
    Err(Bad {
        at,
        message: message.into(),
    })
}

/// The 1-based line of byte `at` (counted only for an error: a file has one).
fn line_at(text: &str, at: usize) -> usize {
    let end = at.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A character XML 1.0 forbids anywhere in the file (a C0 control, U+FFFE, U+FFFF) makes it
/// not XML: an error at its place, not a character quietly dropped.
fn check_chars(text: &str) -> std::result::Result<(), Bad> {
    // Bytes first, without an early exit so that it vectorises: U+FFFE and U+FFFF start with
    // 0xEF, the controls are below 0x20.
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    if !text.bytes().fold(false, |any, b| any | suspect(b)) {
        return Ok(());
    }
    match text.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        Some((at, c)) => bad(
            at,
            format!("U+{:04X} is a character XML forbids", u32::from(c)),
        ),
        None => Ok(()),
    }
}

/// The elements the reader tells apart; anything else is [`Element::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    Tmx,
    Header,
    Body,
    Tu,
    Tuv,
    Seg,
    Prop,
    /// `<hi>`: highlighted text, part of the sentence.
    Hi,
    /// `<bpt> <ept> <ph> <it> <ut>`: native codes, not text.
    Code,
    /// `<sub>`: a sub-flow inside a code.
    Sub,
    Other,
}

impl Element {
    fn of(name: &str) -> Self {
        match name {
            "tmx" => Self::Tmx,
            "header" => Self::Header,
            "body" => Self::Body,
            "tu" => Self::Tu,
            "tuv" => Self::Tuv,
            "seg" => Self::Seg,
            "prop" => Self::Prop,
            "hi" => Self::Hi,
            "bpt" | "ept" | "ph" | "it" | "ut" => Self::Code,
            "sub" => Self::Sub,
            _ => Self::Other,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Tmx => "<tmx>",
            Self::Header => "<header>",
            Self::Body => "<body>",
            Self::Tu => "<tu>",
            Self::Tuv => "<tuv>",
            Self::Seg => "<seg>",
            Self::Prop => "<prop>",
            Self::Hi => "<hi>",
            Self::Code => "a native code",
            Self::Sub => "<sub>",
            Self::Other => "an element",
        }
    }

    /// Whether TMX 1.4 has this element inside `parent` (`None`: at the root), and where it
    /// does if not. Elements TMX does not know are let be, with their text, but in a segment.
    fn placed(self, parent: Option<Element>) -> std::result::Result<(), &'static str> {
        use Element::*;
        let (fits, place) = match self {
            Tmx => (parent.is_none(), "as the root"),
            Header | Body => (parent == Some(Tmx), "in <tmx>"),
            Tu => (parent == Some(Body), "in <body>"),
            Tuv => (parent == Some(Tu), "in a <tu>"),
            Seg => (parent == Some(Tuv), "in a <tuv>"),
            Prop => (
                matches!(parent, Some(Header | Tu | Tuv)),
                "in <header>, <tu> or <tuv>",
            ),
            Hi | Code => (
                matches!(parent, Some(Seg | Hi | Sub)),
                "in a <seg>, <hi> or <sub>",
            ),
            Sub => (parent == Some(Code), "in <bpt>, <ept>, <it>, <ph> or <ut>"),
            Other => (
                !matches!(parent, None | Some(Seg | Hi | Code | Sub | Prop)),
                "outside <seg> and <prop> (inside, TMX 1.4 has only <bpt> <ept> <ph> <it> \
                 <ut> <hi> <sub>)",
            ),
        };
        if fits { Ok(()) } else { Err(place) }
    }
}

/// A `<tu>` as read: its props, and its segments by language (an index in [`TmxFile::langs`]).
struct Unit {
    at: usize,
    doc: String,
    kind: Option<String>,
    score: f64,
    /// `x-doc-score`: NaN when there is none.
    doc_score: f64,
    segs: Vec<(usize, String)>,
}

/// A TMX file as read, before the languages asked for pick its sides.
#[derive(Default)]
struct TmxFile {
    /// The header's `srclang`, unless `*all*`.
    srclang: Option<String>,
    /// Every language of a `<tuv>`, in the order met (and their indexes).
    langs: Vec<String>,
    lang_index: HashMap<String, usize>,
    units: Vec<Unit>,
}

/// Where the reader is: open elements (and where each opened), and what is being read.
#[derive(Default)]
struct Parser {
    file: TmxFile,
    open: Vec<(Element, usize)>,
    root_seen: bool,
    unit: Option<Unit>,
    /// The `<tuv>` being read: its language, and whether its `<seg>` was read.
    tuv: Option<(usize, bool)>,
    /// The text of the `<seg>` being read.
    seg: Option<String>,
    /// Native codes open inside the segment: their text is not the sentence's.
    codes: usize,
    /// A `<tu>`'s `<prop>` being read: its type and text.
    prop: Option<(String, String)>,
}

impl TmxFile {
    fn parse(text: &str) -> std::result::Result<Self, Bad> {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.allow_unmatched_ends = false;
        config.check_comments = true;
        let mut parser = Parser::default();
        loop {
            let at = offset(reader.buffer_position());
            let event = reader.read_event().or_else(|e| {
                bad(
                    offset(reader.error_position()),
                    format!("not well-formed XML: {e}"),
                )
            })?;
            match event {
                Event::Start(e) => parser.start(&e, at)?,
                Event::Empty(e) => {
                    parser.start(&e, at)?;
                    parser.end(at)?;
                }
                Event::End(_) => parser.end(at)?,
                Event::Text(t) => parser.text(&t.xml10_content(), at)?,
                Event::CData(t) => parser.text(&t.xml10_content(), at)?,
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) if is_xml_char(c) => c.to_string(),
                        Ok(Some(c)) => {
                            let code = u32::from(c);
                            return bad(at, format!("&#{code}; is a character XML forbids"));
                        }
                        Ok(None) => match quick_xml::escape::resolve_xml_entity(&r) {
                            Some(s) => s.to_string(),
                            None => {
                                let name = shown(&r);
                                return bad(
                                    at,
                                    format!(
                                        "unknown entity &{name}; (TMX has only XML's five: \
                                         &amp; &lt; &gt; &quot; &apos;)"
                                    ),
                                );
                            }
                        },
                        Err(e) => return bad(at, e.to_string()),
                    };
                    parser.text(&resolved, at)?;
                }
                Event::Eof => return parser.finish(text),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
    }
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// A value from the file in a message: at most 40 characters of it.
fn shown(value: &str) -> String {
    match value.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_string(),
    }
}

impl Parser {
    fn start(&mut self, e: &BytesStart, at: usize) -> std::result::Result<(), Bad> {
        let element = Element::of(e.name().as_ref());
        let parent = self.open.last().map(|&(p, _)| p);
        if self.open.len() >= MAX_DEPTH {
            return bad(at, format!("elements nested more than {MAX_DEPTH} deep"));
        }
        if parent.is_none() && self.root_seen {
            return bad(at, "an element after </tmx>");
        }
        if let Err(place) = element.placed(parent) {
            let name = shown(e.name().as_ref());
            return match parent {
                None => bad(at, format!("not a TMX file: the root element is <{name}>")),
                Some(_) => bad(
                    at,
                    format!("<{name}> out of place: TMX 1.4 has it only {place}"),
                ),
            };
        }
        let attributes = Attributes::of(e, at)?;
        self.open.push((element, at));
        match element {
            Element::Tmx => self.root_seen = true,
            Element::Header => {
                let srclang = attributes.srclang;
                let all = |code: &String| code.trim().eq_ignore_ascii_case("*all*");
                if let Some(code) = srclang.filter(|code| !all(code)) {
                    self.file.srclang = Some(language(&code).or_else(|m| bad(at, m))?.to_string());
                }
            }
            Element::Tu => {
                self.unit = Some(Unit {
                    at,
                    doc: String::new(),
                    kind: None,
                    score: f64::NAN,
                    doc_score: f64::NAN,
                    segs: Vec::new(),
                })
            }
            Element::Tuv => {
                let Some(code) = attributes.lang else {
                    return bad(at, "a <tuv> without xml:lang: which language is it?");
                };
                let lang = self.file.intern(language(&code).or_else(|m| bad(at, m))?);
                self.tuv = Some((lang, false));
            }
            Element::Seg => match &mut self.tuv {
                Some((_, seen @ false)) => {
                    *seen = true;
                    self.seg = Some(String::new());
                }
                _ => return bad(at, "a second <seg> in one <tuv>"),
            },
            Element::Prop if parent == Some(Element::Tu) => {
                self.prop = Some((attributes.kind.unwrap_or_default(), String::new()));
            }
            Element::Code => self.codes += 1,
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, at: usize) -> std::result::Result<(), Bad> {
        // quick-xml has checked that the end tag closes the element last opened.
        let Some((element, _)) = self.open.pop() else {
            return bad(at, "an end tag with no element to close");
        };
        match element {
            Element::Seg => {
                let text = self.seg.take().unwrap_or_default();
                if let (Some(unit), Some((lang, _))) = (&mut self.unit, self.tuv) {
                    unit.segs.push((lang, text));
                }
            }
            Element::Code => self.codes -= 1,
            Element::Tuv => {
                if let Some((_, false)) = self.tuv.take() {
                    return bad(at, "a <tuv> without a <seg>");
                }
            }
            Element::Prop => {
                if let (Some((kind, text)), Some(unit)) = (self.prop.take(), &mut self.unit) {
                    unit.set_prop(&kind, text);
                }
            }
            Element::Tu => self.file.units.extend(self.unit.take()),
            _ => {}
        }
        Ok(())
    }

    /// Text in a segment (out of native codes) or in a `<tu>`'s prop is kept; outside the
    /// root only white space may be.
    fn text(&mut self, text: &str, at: usize) -> std::result::Result<(), Bad> {
        if let Some(seg) = self.seg.as_mut().filter(|_| self.codes == 0) {
            seg.push_str(text);
        } else if let Some((_, prop)) = &mut self.prop {
            prop.push_str(text);
        } else if self.open.is_empty() && !text.trim_matches(is_xml_space).is_empty() {
            let message = if self.root_seen {
                "text after </tmx>"
            } else {
                "not a TMX file: text where the <tmx> element should start"
            };
            return bad(at, message);
        }
        Ok(())
    }

    /// At the end of `text`: every element closed, a `<tmx>` read.
    fn finish(self, text: &str) -> std::result::Result<TmxFile, Bad> {
        let end = text.len();
        let known = self.open.iter().rev().find(|(e, _)| *e != Element::Other);
        if let Some(&(element, opened)) = known {
            let (what, line) = (element.name(), line_at(text, opened));
            let message = format!("the file ends inside {what} opened on line {line}: cut short?");
            return bad(end, message);
        }
        if !self.open.is_empty() {
            return bad(end, "the file ends inside an element: cut short?");
        }
        if !self.root_seen {
            return bad(end, "not a TMX file: no <tmx> element");
        }
        Ok(self.file)
    }
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The attributes the reader uses, read in one pass over all of them (which checks that each
/// is well-formed and named once).
#[derive(Default)]
struct Attributes {
    /// `xml:lang`, else the older `lang`.
    lang: Option<String>,
    srclang: Option<String>,
    /// A `<prop>`'s `type`.
    kind: Option<String>,
}

impl Attributes {
    fn of(e: &BytesStart, at: usize) -> std::result::Result<Self, Bad> {
        let mut found = Self::default();
        let mut old_lang = None;
        for attribute in e.attributes() {
            let attribute = attribute.or_else(|err| bad(at, format!("bad attribute: {err}")))?;
            let slot = match attribute.key.as_ref() {
                "xml:lang" => &mut found.lang,
                "lang" => &mut old_lang,
                "srclang" => &mut found.srclang,
                "type" => &mut found.kind,
                _ => continue,
            };
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .or_else(|err| bad(at, format!("bad attribute value: {err}")))?;
            *slot = Some(value.into_owned());
        }
        found.lang = found.lang.or(old_lang);
        Ok(found)
    }
}

/// A language code as a `<tuv>` gives it: letters, digits, `-` and `_`, as BCP 47 (and the
/// `fr_FR` some tools write) has them. Anything else is not a code, and would end up in
/// output files (JSONL keys, file names).
fn language(code: &str) -> std::result::Result<&str, String> {
    let code = code.trim();
    let fits = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if code.is_empty() || code.len() > MAX_LANG || !code.chars().all(fits) {
        return Err(format!("{:?} is not a language code", shown(code)));
    }
    Ok(code)
}

/// How well a `<tuv>`'s language matches a code asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    Primary,
    Exact,
}

fn primary(code: &str) -> &str {
    code.split(['-', '_']).next().unwrap_or(code)
}

fn matches(asked: &str, lang: &str) -> Option<Match> {
    if asked.eq_ignore_ascii_case(lang) {
        Some(Match::Exact)
    } else if primary(asked).eq_ignore_ascii_case(primary(lang)) {
        Some(Match::Primary)
    } else {
        None
    }
}

impl Unit {
    /// Our own props: the document, the bead's shape, its score and the document's. Another tool's `x-type`
    /// that is not a shape, or `x-score` that is not a number, says nothing we can use.
    fn set_prop(&mut self, kind: &str, text: String) {
        match kind {
            "x-doc" => self.doc = text,
            "x-type" => self.kind = is_shape(&text).then_some(text),
            "x-score" => self.score = parse_score(&text).unwrap_or(f64::NAN),
            "x-doc-score" => self.doc_score = parse_score(&text).unwrap_or(f64::NAN),
            _ => {}
        }
    }
}

/// `1-1`, `2-0`, …
fn is_shape(kind: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    kind.split_once('-')
        .is_some_and(|(s, t)| digits(s) && digits(t))
}

impl TmxFile {
    fn intern(&mut self, code: &str) -> usize {
        if let Some(&index) = self.lang_index.get(code) {
            return index;
        }
        self.langs.push(code.to_string());
        self.lang_index
            .insert(code.to_string(), self.langs.len() - 1);
        self.langs.len() - 1
    }

    fn has(&self, code: &str, besides: Option<&str>) -> bool {
        self.langs.iter().any(|lang| {
            matches(code, lang).is_some()
                && besides.is_none_or(|b| matches(b, lang) != Some(Match::Exact))
        })
    }

    /// The two sides: each language asked for that the file has, else the file's own (its
    /// `srclang` first), never the target asked for as the source.
    fn sides(&self, asked: &Languages) -> Languages {
        let first_besides = |code: &str| {
            self.langs
                .iter()
                .find(|lang| matches(code, lang).is_none())
                .cloned()
        };
        let source = if self.has(&asked.source, None) {
            asked.source.clone()
        } else {
            let srclang = self.srclang.iter().filter(|s| self.has(s, None));
            srclang
                .chain(&self.langs)
                .find(|lang| matches(&asked.target, lang) != Some(Match::Exact))
                .cloned()
                .unwrap_or_else(|| asked.source.clone())
        };
        // Never the source's code again: two sides of one name would be one column.
        let same = |code: &str| code.eq_ignore_ascii_case(&source);
        let target = if !same(&asked.target) && self.has(&asked.target, Some(&source)) {
            asked.target.clone()
        } else {
            first_besides(&source)
                .or_else(|| self.langs.iter().find(|lang| !same(lang)).cloned())
                .unwrap_or_else(|| {
                    let code = if same(&asked.target) {
                        &asked.source
                    } else {
                        &asked.target
                    };
                    code.clone()
                })
        };
        Languages { source, target }
    }

    fn corpus(self, asked: &Languages) -> std::result::Result<Corpus, Bad> {
        let languages = self.sides(asked);
        let mut records = Vec::with_capacity(self.units.len());
        for unit in self.units {
            let at = unit.at;
            let Some(record) =
                unit_record(unit, &self.langs, &languages).or_else(|m| bad(at, m))?
            else {
                continue;
            };
            records.push(record);
        }
        Ok(Corpus {
            languages,
            records,
            rejected: 0,
            warnings: Vec::new(),
        })
    }
}

/// A `<tu>`'s record: its segments in the two languages (a side it lacks is empty); `None`
/// when it has neither.
fn unit_record(
    unit: Unit,
    langs: &[String],
    sides: &Languages,
) -> std::result::Result<Option<Record>, String> {
    let Unit {
        doc,
        kind,
        score,
        doc_score,
        mut segs,
        ..
    } = unit;
    let mut taken = vec![false; segs.len()];
    let [source, target] = pick(&segs, langs, [&sides.source, &sides.target], &mut taken)?;
    if source.is_none() && target.is_none() {
        return Ok(None);
    }
    let mut text = |i: Option<usize>| {
        i.map(|i| std::mem::take(&mut segs[i].1))
            .unwrap_or_default()
    };
    let (source, target) = (text(source), text(target));
    let kind = kind_or_shape(kind.as_deref().unwrap_or("1-1"), &source, &target);
    Ok(Some(Record {
        doc,
        source,
        target,
        kind,
        score,
        source_ids: Vec::new(),
        target_ids: Vec::new(),
        cost: None,
        comment: None,
        approved: false,
        doc_score: (0.0..=1.0).contains(&doc_score).then_some(DocScore {
            score: doc_score,
            refused: false,
        }),
    }))
}

/// The segment of each side: an exact match first (for both sides), else a primary subtag
/// match among those left. Two equally good candidates for a side are an error.
fn pick(
    segs: &[(usize, String)],
    langs: &[String],
    sides: [&str; 2],
    taken: &mut [bool],
) -> std::result::Result<[Option<usize>; 2], String> {
    let mut chosen = [None, None];
    for level in [Match::Exact, Match::Primary] {
        for (side, code) in sides.iter().enumerate() {
            if chosen[side].is_some() {
                continue;
            }
            let mut candidates = (0..segs.len())
                .filter(|&i| !taken[i] && matches(code, &langs[segs[i].0]) == Some(level));
            let Some(first) = candidates.next() else {
                continue;
            };
            if let Some(second) = candidates.next() {
                let (a, b) = (&langs[segs[first].0], &langs[segs[second].0]);
                return Err(format!(
                    "this <tu> has two <tuv>s for {code} ({a} and {b}): name the one to read"
                ));
            }
            taken[first] = true;
            chosen[side] = Some(first);
        }
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages(source: &str, target: &str) -> Languages {
        Languages {
            source: source.into(),
            target: target.into(),
        }
    }

    fn fr_en() -> Languages {
        languages("fr", "en")
    }

    /// A TMX around `body` with `srclang`.
    fn tmx(srclang: &str, body: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"t\" \
             creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" \
             srclang=\"{srclang}\" datatype=\"plaintext\"/>\n<body>\n{body}\n</body>\n</tmx>\n"
        )
    }

    fn tu(tuvs: &[(&str, &str)]) -> String {
        let tuvs: String = tuvs
            .iter()
            .map(|(lang, seg)| format!("<tuv xml:lang=\"{lang}\"><seg>{seg}</seg></tuv>"))
            .collect();
        format!("<tu>{tuvs}</tu>")
    }

    fn read(text: &str, asked: &Languages) -> Result<Corpus> {
        parse_tmx(text, Path::new("t.tmx"), asked)
    }

    fn pairs(corpus: &Corpus) -> Vec<(&str, &str, &str)> {
        corpus
            .records
            .iter()
            .map(|r| (r.source.as_str(), r.target.as_str(), r.kind.as_str()))
            .collect()
    }

    /// The error's line and message.
    fn error(text: &str) -> (usize, String) {
        match read(text, &fr_en()) {
            Err(crate::error::Error::Corpus { line, message, .. }) => (line, message),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn inline_codes_are_left_out_and_the_text_around_and_in_hi_kept() {
        let text = tmx(
            "fr",
            &tu(&[
                (
                    "fr",
                    "Le <bpt i=\"1\">&lt;b&gt;</bpt>chat<ept i=\"1\">&lt;/b&gt;</ept> dort \
                     <ph>&lt;br/&gt;</ph>ici.",
                ),
                (
                    "en",
                    "The <hi type=\"x\">cat <hi>really</hi></hi> sleeps <it pos=\"begin\">\
                     &lt;i&gt;</it>here<ut>{\\b}</ut>.",
                ),
            ]),
        );
        let corpus = read(&text, &fr_en()).unwrap();
        assert_eq!(
            pairs(&corpus),
            [("Le chat dort ici.", "The cat really sleeps here.", "1-1")]
        );
    }

    #[test]
    fn a_sub_flow_inside_a_code_is_not_the_sentence() {
        let seg = "Voir <ph>&lt;a title=\"<sub>Note</sub>\"&gt;</ph>ici.";
        let text = tmx("fr", &tu(&[("fr", seg), ("en", "See here.")]));
        let corpus = read(&text, &fr_en()).unwrap();
        assert_eq!(pairs(&corpus), [("Voir ici.", "See here.", "1-1")]);
    }

    #[test]
    fn entities_cdata_and_line_ends_read_as_xml_says() {
        let seg = "a &amp; b &#233;&#x41; <![CDATA[<x> & y]]>\r\nz";
        let text = tmx("fr", &tu(&[("fr", seg), ("en", "e")]));
        let corpus = read(&text, &fr_en()).unwrap();
        assert_eq!(corpus.records[0].source, "a & b éA <x> & y\nz");
    }

    #[test]
    fn region_tags_match_the_languages_asked_for() {
        let text = tmx(
            "*all*",
            &tu(&[
                ("en-US", "Hello."),
                ("fr-FR", "Bonjour."),
                ("de-DE", "Hallo."),
            ]),
        );
        let corpus = read(&text, &fr_en()).unwrap();
        assert_eq!(corpus.languages, fr_en());
        assert_eq!(pairs(&corpus), [("Bonjour.", "Hello.", "1-1")]);
        // Asked for German, the third language is read instead.
        let corpus = read(&text, &languages("de", "fr")).unwrap();
        assert_eq!(pairs(&corpus), [("Hallo.", "Bonjour.", "1-1")]);
    }

    #[test]
    fn an_exact_tag_wins_over_a_primary_match_and_a_tie_is_an_error() {
        let unit = tu(&[("fr-CA", "Char."), ("fr-FR", "Voiture."), ("en", "Car.")]);
        let text = tmx("fr-FR", &unit);
        let corpus = read(&text, &languages("fr-FR", "en")).unwrap();
        assert_eq!(pairs(&corpus), [("Voiture.", "Car.", "1-1")]);
        let (line, message) = error(&text);
        assert_eq!(line, 5);
        assert!(message.contains("two <tuv>s for fr"), "{message}");
    }

    #[test]
    fn the_files_languages_serve_where_it_has_none_asked_for() {
        let text = tmx("de", &tu(&[("es", "Hola."), ("de", "Hallo.")]));
        let corpus = read(&text, &fr_en()).unwrap();
        assert_eq!(corpus.languages, languages("de", "es"));
        assert_eq!(pairs(&corpus), [("Hallo.", "Hola.", "1-1")]);
        // One asked for is there: the other side is the file's other language, even against
        // the header's direction.
        let text = tmx("en", &tu(&[("en", "Hello."), ("de", "Hallo.")]));
        let corpus = read(&text, &fr_en()).unwrap();
        assert_eq!(corpus.languages, languages("de", "en"));
        assert_eq!(pairs(&corpus), [("Hallo.", "Hello.", "1-1")]);
        // Two regions of one language.
        let text = tmx("en-US", &tu(&[("en-GB", "Colour."), ("en-US", "Color.")]));
        let corpus = read(&text, &fr_en()).unwrap();
        assert_eq!(pairs(&corpus), [("Color.", "Colour.", "1-1")]);
    }

    #[test]
    fn the_two_sides_never_share_a_code() {
        let text = tmx("en", &tu(&[("en", "Color."), ("en-GB", "Colour.")]));
        let corpus = read(&text, &fr_en()).unwrap();
        assert_eq!(corpus.languages, languages("en-GB", "en"));
        assert_eq!(pairs(&corpus), [("Colour.", "Color.", "1-1")]);
        // English only, and the header says so: it is the target asked for.
        let text = tmx("EN", &tu(&[("EN", "Alone.")]));
        let corpus = read(&text, &fr_en()).unwrap();
        assert_eq!(corpus.languages, fr_en());
        assert_eq!(pairs(&corpus), [("", "Alone.", "0-1")]);
    }

    /// Found by fuzzing: a file in the target language alone, its header naming it, read
    /// as `EN`→`fr` and back, once written, as `fr`→`en`.
    #[test]
    fn what_is_read_reads_back_the_same_through_the_writer() {
        let crash = "<?xml version=\"1.0\"?>\n<tmx version=\"1.1\"><header srclang=\"EN\"/>\
                     <body><tu><tuv lang=\"EN\">text<seg>Hallo</seg></tuv></tu><tu><tuv \
                     lang=\"EN\"><seg/></tuv></tu></body></tmx>";
        let inputs = [
            crash.to_string(),
            tmx("en", &tu(&[("en", "Hello."), ("de", "Hallo.")])),
            tmx("en-US", &tu(&[("en-GB", "Colour."), ("en-US", "Color.")])),
            tmx(
                "*all*",
                &tu(&[("es", "Hola."), ("de", "Hallo."), ("it", "Ciao.")]),
            ),
            tmx(
                "de",
                &[tu(&[("de", "Eins.")]), tu(&[("es", "Uno.")])].concat(),
            ),
        ];
        for text in inputs {
            let corpus = read(&text, &fr_en()).unwrap();
            let mut writer =
                crate::export::tmx::TmxWriter::new(Vec::new(), &corpus.languages).unwrap();
            writer.write_records("", &corpus.records).unwrap();
            let written = String::from_utf8(writer.into_inner().unwrap()).unwrap();
            let again = read(&written, &fr_en()).unwrap();
            assert_eq!(again.languages, corpus.languages, "{text}");
            assert_eq!(pairs(&again), pairs(&corpus), "{text}");
        }
    }

    #[test]
    fn a_header_language_that_is_no_code_is_an_error() {
        let text = tmx("fr-/../x", &tu(&[("fr", "Un."), ("en", "One.")]));
        assert!(error(&text).1.contains("not a language code"));
    }

    #[test]
    fn a_missing_side_is_an_empty_one_and_a_unit_with_neither_is_left_out() {
        let body = [
            tu(&[("fr", "Seul."), ("de", "Allein.")]),
            tu(&[("en", "Alone.")]),
            tu(&[("de", "Nur deutsch.")]),
            tu(&[("fr", "Un."), ("en", "One.")]),
        ]
        .concat();
        let corpus = read(&tmx("fr", &body), &fr_en()).unwrap();
        assert_eq!(
            pairs(&corpus),
            [
                ("Seul.", "", "1-0"),
                ("", "Alone.", "0-1"),
                ("Un.", "One.", "1-1")
            ]
        );
    }

    #[test]
    fn the_old_lang_attribute_is_read() {
        let body =
            "<tu><tuv lang=\"FR\"><seg>Un.</seg></tuv><tuv lang=\"EN\"><seg>One.</seg></tuv></tu>";
        let corpus = read(&tmx("FR", body), &fr_en()).unwrap();
        assert_eq!(pairs(&corpus), [("Un.", "One.", "1-1")]);
    }

    #[test]
    fn our_props_are_read_and_the_kind_follows_the_sides() {
        let body = "<tu><prop type=\"x-doc\">a.txt</prop><prop type=\"x-type\">2-1</prop>\
                    <prop type=\"x-score\">0,5</prop><tuv xml:lang=\"fr\"><prop type=\"x-doc\">no</prop>\
                    <seg>Un. Deux.</seg></tuv><tuv xml:lang=\"en\"><seg>One two.</seg></tuv></tu>\
                    <tu><prop type=\"x-type\">banana</prop><prop type=\"x-score\">high</prop>\
                    <tuv xml:lang=\"fr\"><seg>Un.</seg></tuv><tuv xml:lang=\"en\"><seg/></tuv></tu>";
        let corpus = read(&tmx("fr", body), &fr_en()).unwrap();
        let r = &corpus.records;
        assert_eq!(
            (r[0].doc.as_str(), r[0].kind.as_str(), r[0].score),
            ("a.txt", "2-1", 0.5)
        );
        assert_eq!(r[1].kind, "1-0");
        assert!(r[1].score.is_nan());
    }

    #[test]
    fn a_file_cut_short_is_an_error_at_its_end() {
        let whole = tmx(
            "fr",
            &[
                tu(&[("fr", "Un."), ("en", "One.")]),
                tu(&[("fr", "Deux."), ("en", "Two.")]),
            ]
            .join("\n"),
        );
        for cut in [
            whole.find("Two").unwrap(),
            whole.find("</body>").unwrap(),
            whole.len() - 8,
        ] {
            let (line, message) = error(&whole[..cut]);
            assert_eq!(line, line_at(&whole, cut), "{message}");
            assert!(message.contains("cut short"), "{message}");
        }
    }

    #[test]
    fn what_is_not_tmx_is_an_error_naming_the_line() {
        let cases: [(&str, usize, &str); 12] = [
            ("just some text\n", 1, "not a TMX file"),
            (
                "<?xml version=\"1.0\"?>\n<html><body/></html>",
                2,
                "root element is <html>",
            ),
            ("", 1, "no <tmx>"),
            (
                "<tmx>\n<body>\n<tu></tuv></tu></body></tmx>",
                3,
                "not well-formed",
            ),
            (
                "<tmx><body>\n<seg>x</seg></body></tmx>",
                2,
                "<seg> out of place",
            ),
            (
                "<tmx><body><tu>\n<tuv><seg>x</seg></tuv></tu></body></tmx>",
                2,
                "without xml:lang",
            ),
            (
                "<tmx><body><tu><tuv xml:lang=\"../x\"><seg>x</seg></tuv></tu></body></tmx>",
                1,
                "not a language code",
            ),
            (
                "<tmx><body><tu><tuv xml:lang=\"fr\">\n<seg>a</seg><seg>b</seg></tuv></tu></body></tmx>",
                2,
                "second <seg>",
            ),
            (
                "<tmx><body><tu><tuv xml:lang=\"fr\"><seg>\n<g>a</g></seg></tuv></tu></body></tmx>",
                2,
                "<g> out of place",
            ),
            (
                "<!DOCTYPE tmx [<!ENTITY a \"aaaa\">]>\n<tmx><body><tu><tuv xml:lang=\"fr\"><seg>&a;</seg></tuv></tu></body></tmx>",
                2,
                "unknown entity &a;",
            ),
            (
                "<tmx><body>\n<tu><tuv xml:lang=\"fr\"><seg>&#1;</seg></tuv></tu></body></tmx>",
                2,
                "XML forbids",
            ),
            (
                "<tmx><body>\n\n<tu><tuv xml:lang=\"fr\"><seg>a\u{b}b</seg></tuv></tu></body></tmx>",
                3,
                "U+000B",
            ),
        ];
        for (text, want_line, want) in cases {
            let (line, message) = error(text);
            assert!(message.contains(want), "{text:?}: {message}");
            assert_eq!(line, want_line, "{text:?}: {message}");
        }
    }

    #[test]
    fn content_after_the_root_is_an_error() {
        let text = format!("{}\n<tmx><body/></tmx>", tmx("fr", ""));
        assert!(error(&text).1.contains("after </tmx>"));
        let text = format!("{}\ntrailing", tmx("fr", ""));
        assert!(error(&text).1.contains("after </tmx>"));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!(
            "<tmx><body><tu><tuv xml:lang=\"fr\"><seg>{}x{}</seg></tuv></tu></body></tmx>",
            "<hi>".repeat(MAX_DEPTH),
            "</hi>".repeat(MAX_DEPTH)
        );
        assert!(error(&deep).1.contains("nested more than"));
        let fine = format!(
            "<tmx><body><tu><tuv xml:lang=\"fr\"><seg>{}x{}</seg></tuv></tu></body></tmx>",
            "<hi>".repeat(50),
            "</hi>".repeat(50)
        );
        assert_eq!(read(&fine, &fr_en()).unwrap().records[0].source, "x");
    }

    #[test]
    fn elements_tmx_does_not_know_are_let_be_outside_segments() {
        let body = "<tu><note>n</note><x-ext a=\"1\"><y/>text</x-ext>\
                    <tuv xml:lang=\"fr\"><seg>Un.</seg></tuv><tuv xml:lang=\"en\"><seg>One.</seg></tuv></tu>";
        let corpus = read(&tmx("fr", body), &fr_en()).unwrap();
        assert_eq!(pairs(&corpus), [("Un.", "One.", "1-1")]);
    }
}
