//! The test harness: a temporary folder with `fr/` and `en/` documents, a way to run the real
//! `bitext` binary in it, parsers for its three output formats, and shared fixtures.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use serde::Deserialize;
use tempfile::TempDir;

/// The binary under test.
pub const BITEXT: &str = env!("CARGO_BIN_EXE_bitext");

/// A temporary working folder; the binary runs with it as current directory, so paths in
/// arguments and in messages are relative (`fr/a.txt`).
pub struct Harness {
    dir: TempDir,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Self {
        Run {
            code: out.status.code().expect("bitext was killed by a signal"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }
}

impl Run {
    /// Panics, showing stderr, unless the exit code is `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code {} instead of {code}\n--- stderr:\n{}\n--- stdout:\n{}",
            self.code, self.stderr, self.stdout
        );
        self
    }

    /// Panics, showing stderr, unless stderr holds `needle`.
    #[track_caller]
    pub fn expect_stderr(&self, needle: impl AsRef<str>) -> &Self {
        assert!(self.stderr.contains(needle.as_ref()), "{}", self.stderr);
        self
    }
}

impl Harness {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("bitext-it-")
            .tempdir()
            .expect("temporary folder");
        Self { dir }
    }

    /// The absolute path of `rel` inside the working folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `contents` to `rel`, creating folders as needed.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        fs::write(&path, contents).expect("write file");
        path
    }

    /// Writes `fr/<rel>`.
    pub fn fr(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        self.write(&format!("fr/{rel}"), contents)
    }

    /// Writes `en/<rel>`.
    pub fn en(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        self.write(&format!("en/{rel}"), contents)
    }

    /// Writes `fr/<name>.txt` and `en/<name>.txt`.
    pub fn pair(&self, name: &str, fr: impl AsRef<[u8]>, en: impl AsRef<[u8]>) {
        self.fr(&format!("{name}.txt"), fr);
        self.en(&format!("{name}.txt"), en);
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        fs::read(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// The names of the entries of folder `rel`, sorted.
    pub fn list(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path(rel))
            .expect("read folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A command for the binary, run in the working folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BITEXT);
        cmd.args(args).current_dir(self.dir.path());
        cmd
    }

    /// Runs the binary with `args` and no standard input.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, b"")
    }

    /// Runs the binary with `args`, feeding `input` on standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bitext");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
        Run::from(child.wait_with_output().expect("wait for bitext"))
    }

    /// `bitext align fr en <extra…>`.
    pub fn align(&self, extra: &[&str]) -> Run {
        let mut args = vec!["align", "fr", "en"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `bitext align fr en -o out.jsonl --quiet <extra…>`, expecting exit code `code`; the beads.
    #[track_caller]
    pub fn align_jsonl(&self, code: i32, extra: &[&str]) -> Vec<JsonBead> {
        let mut args = vec!["-o", "out.jsonl", "--quiet"];
        args.extend_from_slice(extra);
        self.align(&args).expect_code(code);
        parse_jsonl(&self.read("out.jsonl"))
    }
}

// ---------------------------------------------------------------------------------------------
// Output parsers

/// One JSONL row with the default languages.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonBead {
    pub doc: String,
    pub fr: String,
    pub en: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub score: f64,
    pub fr_ids: Vec<usize>,
    pub en_ids: Vec<usize>,
    /// The document's score (every record the aligner writes has it; one converted from a
    /// format without it has none).
    #[serde(default)]
    pub doc_score: Option<f64>,
    /// Present (true) on the records of a document that is no translation.
    #[serde(default)]
    pub not_translation: bool,
}

#[track_caller]
pub fn parse_jsonl(text: &str) -> Vec<JsonBead> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The JSONL rows as generic objects, to look at their keys.
#[track_caller]
pub fn parse_jsonl_objects(text: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The beads grouped by document, in output order.
pub fn by_document(beads: &[JsonBead]) -> BTreeMap<String, Vec<JsonBead>> {
    let mut docs: BTreeMap<String, Vec<JsonBead>> = BTreeMap::new();
    for bead in beads {
        docs.entry(bead.doc.clone()).or_default().push(bead.clone());
    }
    docs
}

/// The document names in the order they first appear.
pub fn doc_order(beads: &[JsonBead]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for bead in beads {
        if names.last() != Some(&bead.doc) {
            names.push(bead.doc.clone());
        }
    }
    names
}

/// The non-empty texts of one side, joined by a space: the document as the beads tell it.
pub fn joined<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    texts
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The header and records of a CSV text.
#[track_caller]
pub fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("CSV header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("CSV record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// A TMX file as the tests look at it.
#[derive(Debug, Default)]
pub struct Tmx {
    /// The root element's name and attributes.
    pub root: (String, Vec<(String, String)>),
    /// The `header` attributes in document order.
    pub header: Vec<(String, String)>,
    pub tus: Vec<Tu>,
}

/// One translation unit.
#[derive(Debug, Default)]
pub struct Tu {
    /// Names of the child elements in order (`prop`, `prop`, `prop`, `tuv`, `tuv`).
    pub children: Vec<String>,
    /// `(type, text)` of each `prop`.
    pub props: Vec<(String, String)>,
    /// `(xml:lang, seg text)` of each `tuv`.
    pub tuvs: Vec<(String, String)>,
    /// The text of each `note`.
    pub notes: Vec<String>,
}

impl Tu {
    pub fn prop(&self, kind: &str) -> &str {
        self.props
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no prop {kind} in {self:?}"))
    }
}

fn attributes(e: &BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            let key = a.key.as_ref().to_string();
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .expect("attribute value")
                .into_owned();
            (key, value)
        })
        .collect()
}

fn attribute(e: &BytesStart, name: &str) -> String {
    attributes(e)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no attribute {name}"))
}

/// Parses TMX with quick_xml, unescaping text; panics on malformed XML.
#[track_caller]
pub fn parse_tmx(text: &str) -> Tmx {
    let mut reader = Reader::from_str(text);
    let mut tmx = Tmx::default();
    let mut stack: Vec<String> = Vec::new();
    let mut buffer = String::new();
    let mut tuv_lang = String::new();
    let mut prop_type = String::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("malformed TMX at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.name().as_ref().to_string();
                match name.as_str() {
                    "tmx" => tmx.root = (name.clone(), attributes(e)),
                    "header" => tmx.header = attributes(e),
                    "tu" => tmx.tus.push(Tu::default()),
                    "prop" => prop_type = attribute(e, "type"),
                    "tuv" => tuv_lang = attribute(e, "xml:lang"),
                    _ => {}
                }
                if stack.last().is_some_and(|p| p == "tu") {
                    tmx.tus.last_mut().expect("tu").children.push(name.clone());
                }
                buffer.clear();
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                }
            }
            Event::Text(e) => buffer.push_str(&e.xml10_content()),
            Event::CData(e) => buffer.push_str(&e.xml10_content()),
            Event::GeneralRef(e) => {
                let resolved: Cow<str> = match e.resolve_char_ref().expect("character reference") {
                    Some(c) => Cow::Owned(c.to_string()),
                    None => Cow::Borrowed(
                        quick_xml::escape::resolve_xml_entity(&e)
                            .unwrap_or_else(|| panic!("unknown entity &{};", &*e)),
                    ),
                };
                buffer.push_str(&resolved);
            }
            Event::End(_) => {
                let name = stack.pop().expect("balanced tags");
                let tu = tmx.tus.last_mut();
                match name.as_str() {
                    "prop" => tu
                        .expect("prop in a tu")
                        .props
                        .push((prop_type.clone(), buffer.clone())),
                    "seg" => tu
                        .expect("seg in a tu")
                        .tuvs
                        .push((tuv_lang.clone(), buffer.clone())),
                    "note" => tu.expect("note in a tu").notes.push(buffer.clone()),
                    _ => {}
                }
                buffer.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    tmx
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/// White space as bitext understands it: Unicode White_Space and the zero-width space.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}'
}

/// The document's text with white space folded: trimmed, a lone no-break space (U+00A0,
/// U+202F, U+2007) kept as it is, every other run of white space one plain space.
pub fn fold_whitespace(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in text.chars() {
        if is_space(c) {
            run.push(c);
            continue;
        }
        if !run.is_empty() && !out.is_empty() {
            let lone_no_break = matches!(run.as_str(), "\u{a0}" | "\u{202f}" | "\u{2007}");
            out.push_str(if lone_no_break { &run } else { " " });
        }
        run.clear();
        out.push(c);
    }
    out
}

/// A minimal deterministic random generator (Knuth's MMIX LCG).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

const FR_WORDS: &[&str] = &[
    "le",
    "gouvernement",
    "a",
    "annoncé",
    "mardi",
    "un",
    "plan",
    "de",
    "relance",
    "pour",
    "les",
    "régions",
    "touchées",
    "par",
    "la",
    "crise",
    "économique",
    "et",
    "sociale",
    "maire",
    "ville",
    "habitants",
    "ont",
    "manifesté",
    "devant",
    "préfecture",
    "depuis",
    "trois",
    "semaines",
    "budget",
    "milliards",
    "d’euros",
    "selon",
    "ministre",
    "syndicats",
    "réforme",
    "école",
    "hôpital",
    "électricité",
    "été",
];

const EN_WORDS: &[&str] = &[
    "the",
    "government",
    "has",
    "announced",
    "Tuesday",
    "a",
    "plan",
    "of",
    "recovery",
    "for",
    "the",
    "regions",
    "affected",
    "by",
    "the",
    "crisis",
    "economic",
    "and",
    "social",
    "mayor",
    "city",
    "residents",
    "have",
    "protested",
    "outside",
    "prefecture",
    "for",
    "three",
    "weeks",
    "budget",
    "billion",
    "euros",
    "according",
    "minister",
    "unions",
    "reform",
    "school",
    "hospital",
    "electricity",
    "summer",
];

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A generated French document and its "translation": 1–4 paragraphs of 1–5 sentences of
/// 3–24 words; the English uses the same word positions, so lengths correlate as in real text.
pub fn generated_pair(seed: u64) -> (String, String) {
    let mut rng = Lcg::new(seed);
    let (mut fr, mut en) = (String::new(), String::new());
    for paragraph in 0..rng.between(1, 4) {
        if paragraph > 0 {
            fr.push_str("\n\n");
            en.push_str("\n\n");
        }
        for sentence in 0..rng.between(1, 5) {
            let words: Vec<usize> = (0..rng.between(3, 24))
                .map(|_| rng.below(FR_WORDS.len()))
                .collect();
            for (out, list) in [(&mut fr, FR_WORDS), (&mut en, EN_WORDS)] {
                if sentence > 0 {
                    out.push(' ');
                }
                let text: Vec<&str> = words.iter().map(|&w| list[w]).collect();
                out.push_str(&capitalised(&text.join(" ")));
                out.push('.');
            }
        }
    }
    fr.push('\n');
    en.push('\n');
    (fr, en)
}

/// Writes `count` generated pairs as `fr/doc-NNN.txt` and `en/doc-NNN.txt`.
pub fn write_generated(h: &Harness, count: usize) {
    for k in 0..count {
        let (fr, en) = generated_pair(k as u64);
        h.pair(&format!("doc-{k:03}"), fr, en);
    }
}

/// `CARGO_MANIFEST_DIR/<rel>`.
pub fn manifest_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

// ---------------------------------------------------------------------------------------------
// Fixtures: short realistic news articles and their translations.

/// A French news article as scraped: headline, photo credit, caption, « » quotes with
/// no-break spaces, M. / Mme, and a "Publicité" clutter line in a paragraph of its own.
pub const NEWS_FR: &str = "\
Budget : le gouvernement présente un plan d’économies de 12 milliards
Photo : Claire Dubois / AFP
Le ministre de l’Économie, M. Paul Lefèvre, lors de sa conférence de presse à Paris.

Le gouvernement a présenté mardi un plan d’économies de 12 milliards d’euros. Le texte sera examiné par l’Assemblée nationale dès la semaine prochaine.

«\u{a0}Nous n’avons pas le choix\u{a0}», a déclaré M. Lefèvre devant la presse. Mme Sophie Marchand, présidente de la commission des finances, a salué un effort «\u{a0}nécessaire mais insuffisant\u{a0}».

Publicité

Les syndicats ont appelé à une journée de mobilisation le 14 mars. L’opposition dénonce un budget «\u{a0}injuste\u{a0}».
";

/// The English translation of [`NEWS_FR`] (no clutter line).
pub const NEWS_EN: &str = "\
Budget: the government unveils a 12 billion euro savings plan
Photo: Claire Dubois / AFP
Economy Minister Paul Lefèvre at his press conference in Paris.

The government unveiled a 12 billion euro savings plan on Tuesday. The bill will be examined by the National Assembly as early as next week.

\"We have no choice,\" Mr. Lefèvre told reporters. Ms. Sophie Marchand, chair of the finance committee, welcomed a \"necessary but insufficient\" effort.

Unions have called for a day of protest on March 14. The opposition denounces an \"unfair\" budget.
";

/// `bitext split --lang fr` of [`NEWS_FR`], as it should print it.
pub const NEWS_FR_SPLIT: &str = "\
Budget : le gouvernement présente un plan d’économies de 12 milliards
Photo : Claire Dubois / AFP
Le ministre de l’Économie, M. Paul Lefèvre, lors de sa conférence de presse à Paris.

Le gouvernement a présenté mardi un plan d’économies de 12 milliards d’euros.
Le texte sera examiné par l’Assemblée nationale dès la semaine prochaine.

«\u{a0}Nous n’avons pas le choix\u{a0}», a déclaré M. Lefèvre devant la presse.
Mme Sophie Marchand, présidente de la commission des finances, a salué un effort «\u{a0}nécessaire mais insuffisant\u{a0}».

Publicité

Les syndicats ont appelé à une journée de mobilisation le 14 mars.
L’opposition dénonce un budget «\u{a0}injuste\u{a0}».
";

/// A shorter culture item, hard-wrapped like an e-mail.
pub const MUSEUM_FR: &str = "\
Le musée des Beaux-Arts rouvre ses portes

Après deux ans de travaux, le musée des Beaux-Arts de Lyon
rouvre ses portes samedi. La nouvelle aile accueille 300 œuvres.
Mme Hélène Roux, la directrice, promet des tarifs réduits pour les étudiants.
";

/// The English translation of [`MUSEUM_FR`].
pub const MUSEUM_EN: &str = "\
The Museum of Fine Arts reopens its doors

After two years of work, the Lyon Museum of Fine Arts reopens
its doors on Saturday. The new wing houses 300 works.
Ms. Hélène Roux, the director, promises reduced prices for students.
";

/// A harness with `fr/news.txt`, `en/news.txt`, `fr/museum.txt` and `en/museum.txt`.
pub fn news_and_museum() -> Harness {
    let h = Harness::new();
    h.pair("news", NEWS_FR, NEWS_EN);
    h.pair("museum", MUSEUM_FR, MUSEUM_EN);
    h
}

/// The beads the HTML review page embeds (`{"languages": [..], "docs": [{"name", "first",
/// "score", "refused", "comment", "beads": [[source, target, type, score], ..]}, ..]}`).
pub fn page_data(page: &str) -> serde_json::Value {
    let start = "<script type=\"application/json\" id=\"bitext-data\">";
    let from = page.find(start).expect("the page embeds its data") + start.len();
    let len = page[from..]
        .find("</script>")
        .expect("the data's script ends");
    serde_json::from_str(&page[from..from + len]).expect("the embedded data is JSON")
}
