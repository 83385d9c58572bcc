//! One self-contained review page: no network, no external script or style. The beads are
//! embedded as JSON (a `<script type="application/json">`, written document by document as
//! they come) and the page's script draws only a page of rows at a time, so that 300,000 beads
//! open in seconds where one table row per bead took minutes. The reviewer filters by score
//! (a slider, or `review.html#max=0.9`), marks rows ok or reject, edits a side, comments,
//! merges a row with the next or splits it at a sentence boundary; the review is kept in the
//! browser's local storage (keyed by a hash of the data) and "Download reviewed sheet" writes
//! the review sheet's CSV, which `bitext convert` reads. Row numbers are the sheet's ids.
//! The script and style are `html/page.js` and `html/page.css`.

use std::io::{self, Write};

use serde::Serialize;

use super::output::{OutputFile, Pending};
use super::{CorpusWriter, Languages, Record, RowIds, format_score, review_comment};

/// The page around the data: style, the header's controls, the empty table the script fills.
const HEAD: &str = include_str!("html/head.html");
const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");

pub(crate) struct HtmlWriter {
    out: OutputFile,
    ids: RowIds,
    documents: usize,
    /// FNV-1a over the embedded data, which keys the review in local storage.
    hash: Fnv,
}

/// One document as the page's script reads it.
#[derive(Serialize)]
struct DocData<'a> {
    name: &'a str,
    /// The sheet id of its first bead; the others follow.
    first: usize,
    score: Option<f64>,
    /// Below `--min-doc-score`: left out of training formats.
    refused: bool,
    /// What the sheet's `comment` column starts with for its rows.
    comment: String,
    /// `[source, target, type, score]` per bead.
    beads: Vec<(&'a str, &'a str, &'a str, Option<f64>)>,
}

impl HtmlWriter {
    pub(crate) fn new(mut out: OutputFile, languages: &Languages) -> io::Result<Self> {
        let head = HEAD
            .replace("{lang}", &escape(&languages.target))
            .replace("{style}", STYLE);
        out.write_all(head.as_bytes())?;
        let mut writer = Self {
            out,
            ids: RowIds::default(),
            documents: 0,
            hash: Fnv::default(),
        };
        let languages = script_json(&[&languages.source, &languages.target])?;
        writer.data(&format!(
            "<script type=\"application/json\" id=\"bitext-data\">{{\"languages\":{languages},\"docs\":["
        ))?;
        Ok(writer)
    }

    /// Writes part of the embedded data, hashed.
    fn data(&mut self, text: &str) -> io::Result<()> {
        self.hash.update(text.as_bytes());
        self.out.write_all(text.as_bytes())
    }
}

impl CorpusWriter for HtmlWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        let doc_score = records.first().and_then(|r| r.doc_score);
        let data = DocData {
            name: doc,
            first: self.ids.peek(),
            score: doc_score.map(|d| rounded(d.score)),
            refused: doc_score.is_some_and(|d| d.refused),
            comment: review_comment(doc_score),
            beads: records
                .iter()
                .map(|r| {
                    self.ids.take();
                    let score = (!r.score.is_nan()).then(|| rounded(r.score));
                    (r.source.as_str(), r.target.as_str(), r.kind.as_str(), score)
                })
                .collect(),
        };
        let json = script_json(&data)?;
        let comma = if self.documents == 0 { "" } else { ",\n" };
        self.documents += 1;
        self.data(&format!("{comma}{json}"))
    }

    fn finish(mut self: Box<Self>) -> io::Result<Vec<Pending>> {
        self.data("]}</script>\n")?;
        let tail = format!(
            "<script type=\"application/json\" id=\"bitext-hash\">\"{:016x}\"</script>\n\
             <script>{SCRIPT}</script>\n</body>\n</html>\n",
            self.hash.0
        );
        self.out.write_all(tail.as_bytes())?;
        self.out.finish()
    }
}

/// The score as the sheet writes it (four decimals), as a number.
fn rounded(score: f64) -> f64 {
    format_score(score).parse().unwrap_or(score)
}

/// JSON that cannot end the `<script>` element it sits in: `<` and `>` (found only inside
/// strings) are written `\u003c` and `\u003e`, so a text holding `</script>` or `<!--` stays
/// text.
fn script_json(value: &impl Serialize) -> io::Result<String> {
    let json = serde_json::to_string(value).map_err(io::Error::other)?;
    Ok(json.replace('<', "\\u003c").replace('>', "\\u003e"))
}

/// 64-bit FNV-1a (offset basis and prime from the FNV reference,
/// <http://www.isthe.com/chongo/tech/comp/fnv/>): a fingerprint of the data, not a defence.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Text as HTML character data or attribute value.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("a < b & \"c\" 'd'"),
            "a &lt; b &amp; &quot;c&quot; &#39;d&#39;"
        );
    }

    #[test]
    fn a_text_holding_a_closing_script_tag_stays_inside_the_data() {
        let json = script_json(&["</script><script>alert(1)</script>", "<!-- x -->"]).unwrap();
        assert!(!json.contains('<') && !json.contains('>'), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script>");
        assert_eq!(back[1], "<!-- x -->");
    }

    #[test]
    fn fnv_matches_the_reference_vectors() {
        // From the FNV reference's test suite: FNV-1a 64 of "" and "a".
        let hash = |s: &str| {
            let mut h = Fnv::default();
            h.update(s.as_bytes());
            h.0
        };
        assert_eq!(hash(""), 0xcbf29ce484222325);
        assert_eq!(hash("a"), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn scores_are_rounded_as_the_sheet_writes_them() {
        assert_eq!(rounded(0.932_749), 0.9327);
        assert_eq!(serde_json::to_string(&rounded(0.1 + 0.2)).unwrap(), "0.3");
    }
}
