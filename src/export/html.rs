//! One self-contained review page: no network, no external script or style. A section per
//! document shows the two texts side by side, one row per bead, coloured by confidence; a
//! list of the weakest pairs at the top links to them, and a slider hides the rows scoring
//! above a threshold, so that a reviewer reads what needs reading first. The threshold can be
//! given in the address too (`review.html#max=0.9`).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::output::{OutputFile, Pending};
use super::{CorpusWriter, LOW_CONFIDENCE, Languages, Record, format_score};

/// Pairs listed in the "weakest pairs" table.
const WEAKEST: usize = 50;

pub(crate) struct HtmlWriter {
    out: OutputFile,
    languages: Languages,
    /// The weakest beads so far: (score, anchor id, document, type and start of the text).
    weakest: Vec<(f64, String, String, String)>,
    documents: usize,
    beads: usize,
}

impl HtmlWriter {
    pub(crate) fn new(mut out: OutputFile, languages: &Languages) -> io::Result<Self> {
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>bitext review</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <header><h1>bitext review</h1>\n\
             <label>Show beads scoring at most <input id=\"threshold\" type=\"range\" \
             min=\"0\" max=\"1\" step=\"0.01\" value=\"1\"> <output id=\"shown\">1.00</output>\
             </label> <span id=\"count\"></span></header>\n<main>\n",
            escape(&languages.target)
        )?;
        Ok(Self {
            out,
            languages: languages.clone(),
            weakest: Vec::new(),
            documents: 0,
            beads: 0,
        })
    }

    fn keep_weakest(&mut self, score: f64, id: String, doc: &str, text: &str) {
        if self.weakest.len() == WEAKEST
            && self
                .weakest
                .last()
                .is_some_and(|(worst_kept, ..)| score >= *worst_kept)
        {
            return;
        }
        let at = self.weakest.partition_point(|(s, ..)| *s <= score);
        let preview: String = text.chars().take(84).collect();
        self.weakest
            .insert(at, (score, id, doc.to_string(), preview));
        self.weakest.truncate(WEAKEST);
    }
}

impl CorpusWriter for HtmlWriter {
    fn write_document(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        self.documents += 1;
        let mut html = String::new();
        let (s, t) = (
            escape(&self.languages.source),
            escape(&self.languages.target),
        );
        let _ = write!(
            html,
            "<section class=\"doc\">\n<h2>{}</h2>\n{}<table>\n<thead><tr><th>#</th>\
             <th lang=\"{s}\">{s}</th><th lang=\"{t}\">{t}</th><th>type</th><th>score</th>\
             </tr></thead>\n<tbody>\n",
            escape(doc),
            doc_score_line(records)
        );
        for (k, record) in records.iter().enumerate() {
            self.beads += 1;
            let id = format!("b{}", self.beads);
            let text = if record.source.is_empty() {
                &record.target
            } else {
                &record.source
            };
            let label = format!("{} {text}", record.kind);
            self.keep_weakest(record.score, id.clone(), doc, &label);
            let _ = writeln!(
                html,
                "<tr id=\"{id}\" class=\"{}\" data-score=\"{}\" style=\"background:{}\">\
                 <td>{}</td><td lang=\"{s}\">{}</td><td lang=\"{t}\">{}</td><td>{}</td>\
                 <td>{}</td></tr>",
                class(record),
                format_score(record.score),
                colour(record.score),
                k + 1,
                escape(&record.source),
                escape(&record.target),
                escape(&record.kind),
                format_score(record.score),
            );
        }
        html.push_str("</tbody>\n</table>\n</section>\n");
        self.out.write_all(html.as_bytes())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Vec<Pending>> {
        let mut html = String::from("</main>\n<aside id=\"weakest\">\n");
        let _ = write!(
            html,
            "<h2>Weakest pairs</h2>\n<p>{} document(s), {} bead(s); the {} lowest scores, \
             weakest first:</p>\n<ol>\n",
            self.documents,
            self.beads,
            self.weakest.len()
        );
        for (score, id, doc, preview) in &self.weakest {
            let _ = writeln!(
                html,
                "<li><a href=\"#{id}\">{}</a> {} — {}</li>",
                format_score(*score),
                escape(doc),
                escape(preview)
            );
        }
        let _ = write!(
            html,
            "</ol>\n</aside>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
        );
        self.out.write_all(html.as_bytes())?;
        self.out.finish()
    }
}

/// The document's score, and a warning when it is below `--min-doc-score`: its pairs are
/// shown for review, not taken for a translation.
fn doc_score_line(records: &[Record]) -> String {
    match records.first().and_then(|r| r.doc_score) {
        None => String::new(),
        Some(d) if d.refused => format!(
            "<p class=\"doc-score refused\" style=\"background:{}\">document score {}: \
             not a translation of each other (left out of training formats)</p>\n",
            colour(d.score),
            format_score(d.score)
        ),
        Some(d) => format!(
            "<p class=\"doc-score\">document score {}</p>\n",
            format_score(d.score)
        ),
    }
}

/// `low` below the summary's threshold, `unaligned` for 1-0 and 0-1 beads.
fn class(record: &Record) -> &'static str {
    match (record.is_pair(), record.score < LOW_CONFIDENCE) {
        (false, _) => "unaligned",
        (true, true) => "low",
        (true, false) => "ok",
    }
}

/// Red for 0, yellow for 0.5, green for 1, pale enough to read black text on.
fn colour(score: f64) -> String {
    let hue = (score.clamp(0.0, 1.0) * 120.0).round();
    format!("hsl({hue}, 70%, 88%)")
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

const STYLE: &str = "\
body{font-family:system-ui,sans-serif;margin:0;display:grid;grid-template-columns:1fr 22rem}\
header{grid-column:1/3;position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:.5rem 1rem;z-index:1}\
header h1{display:inline;font-size:1.2rem;margin-right:2rem}\
main{padding:0 1rem}aside{padding:0 1rem;border-left:1px solid #ccc;font-size:.85rem}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3rem;vertical-align:top;text-align:left}\
td:nth-child(2),td:nth-child(3){width:45%}tr.unaligned td{font-style:italic}\
tr.hidden{display:none}tr:target{outline:3px solid #c00}";

const SCRIPT: &str = "\
const range=document.getElementById('threshold'),shown=document.getElementById('shown'),\
count=document.getElementById('count'),rows=[...document.querySelectorAll('tr[data-score]')];\
function apply(){const t=parseFloat(range.value);let n=0;for(const r of rows){\
const hide=parseFloat(r.dataset.score)>t;r.classList.toggle('hidden',hide);if(!hide)n++}\
shown.textContent=t.toFixed(2);count.textContent=n+' of '+rows.length+' beads shown'}\
range.addEventListener('input',apply);\
const m=/max=([0-9.]+)/.exec(location.hash);if(m)range.value=m[1];apply();";

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
    fn colour_goes_from_red_to_green() {
        assert_eq!(colour(0.0), "hsl(0, 70%, 88%)");
        assert_eq!(colour(1.0), "hsl(120, 70%, 88%)");
    }
}
