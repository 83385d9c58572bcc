//! From positioned glyphs back to running text, as a reader reads the page: glyphs into runs
//! (a baseline, no wide gap), running headers, footers and page numbers left out, runs into
//! columns (split at vertical gutters), columns into lines, lines into paragraphs (a vertical
//! gap wider than the usual line pitch, or an indented first line), end-of-line hyphens undone
//! when the joined word occurs elsewhere in the document.
//!
//! Distances are in ems of the glyphs concerned, so the rules hold at any font size. A PDF does
//! not tell a wrapped line from a line break, so the lines of a paragraph are joined with a
//! space (a `\n` would make the splitter cut before a capitalised word at a line start).

use std::collections::{HashMap, HashSet};

/// One glyph as drawn: its origin on the page (y up), where its advance ends, its size.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub x: f64,
    pub y: f64,
    pub end: f64,
    pub size: f64,
    pub text: String,
}

/// Glyphs on one baseline without a gap wider than [`RUN_GAP`]: a line, or the part of one
/// that lies in one column.
#[derive(Debug, Clone)]
pub(super) struct Run {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// A line of a column, with where it sits.
#[derive(Debug, Clone)]
struct Line {
    page: usize,
    column: usize,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// A gap wider than this (in ems) between glyphs on a baseline ends a run: wider than any
/// word space of justified text (a space is 0.25–0.33 em, stretched at most about threefold),
/// narrower than a column gutter (1.5–3 em in journals and reports).
const RUN_GAP: f64 = 1.0;
/// A gap wider than this (in ems) between glyphs is a word space when the PDF draws none:
/// pdf-extract's text output uses 0.1; kerning reaches about 0.05.
const SPACE_GAP: f64 = 0.15;
/// Glyphs whose baselines differ by less than this (in ems) are on one line: superscripts rise
/// about a third of an em, the next line lies 1.1–1.5 em down.
const SAME_LINE: f64 = 0.5;
/// A pitch this many times the usual one between two lines of a column starts a paragraph:
/// paragraph spacing adds half a line or more (Word: 8–10 pt after 11 pt text on a 13 pt pitch).
const PARAGRAPH_GAP: f64 = 1.3;
/// A pitch this many times the font size starts a paragraph whatever the usual pitch (which a
/// document of few lines does not tell): double spacing is 2.
const LONE_GAP: f64 = 2.5;
/// A first line indented by this many ems from the column's left edge starts a paragraph
/// (indents are 1–2 em), after a line that is not indented or ends short of the right edge.
const INDENT: f64 = 1.0;
/// A line ending this many ems short of its column's right edge is a paragraph's last line (or
/// a heading): justified and ragged lines reach within about an em of it.
const SHORT: f64 = 2.0;
/// Header and footer lines looked at on each page, from the edge inwards.
const FURNITURE_LINES: usize = 2;

/// The text of a document of `pages`, paragraphs apart by a blank line.
#[cfg(test)]
fn text(pages: &[Vec<Glyph>]) -> String {
    text_of_runs(pages.iter().map(|glyphs| runs(glyphs)).collect())
}

/// The text of a document whose pages' glyphs were gathered into runs (page by page, as they
/// are drawn: a page's glyphs take some 70 bytes each, its runs little more than their text).
pub(super) fn text_of_runs(mut page_runs: Vec<Vec<Run>>) -> String {
    strip_furniture(&mut page_runs);
    let lines: Vec<Line> = page_runs
        .iter()
        .enumerate()
        .flat_map(|(page, runs)| page_lines(page, runs))
        .collect();
    let words = vocabulary(&lines);
    paragraphs(&lines)
        .iter()
        .map(|lines| join_lines(lines, &words))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Glyphs in drawing order, gathered into runs.
pub(super) fn runs(glyphs: &[Glyph]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for glyph in glyphs {
        let size = glyph.size.max(f64::MIN_POSITIVE);
        let blank = glyph.text.trim().is_empty();
        if let Some(run) = runs.last_mut() {
            let em = run.size.max(size);
            let gap = glyph.x - run.x1;
            let same_line = (glyph.y - run.y).abs() <= SAME_LINE * em;
            if same_line && gap > -SAME_LINE * em && gap < RUN_GAP * em {
                if blank || (gap > SPACE_GAP * em && !run.text.ends_with(' ')) {
                    run.text.push(' ');
                }
                if !blank {
                    run.text.push_str(&glyph.text);
                }
                run.x1 = run.x1.max(glyph.end);
                continue;
            }
        }
        if !blank {
            runs.push(Run {
                x0: glyph.x,
                x1: glyph.end.max(glyph.x),
                y: glyph.y,
                size,
                text: glyph.text.clone(),
            });
        }
    }
    runs
}

/// Runs on one baseline across the page (or a column), top down, each left to right.
fn baselines(runs: &[Run]) -> Vec<Vec<&Run>> {
    let mut sorted: Vec<&Run> = runs.iter().collect();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<&Run>> = Vec::new();
    for run in sorted {
        match lines.last_mut() {
            Some(line) if (line[0].y - run.y).abs() <= SAME_LINE * line[0].size.max(run.size) => {
                line.push(run)
            }
            _ => lines.push(vec![run]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

fn line_text(runs: &[&Run]) -> String {
    let joined: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
    joined
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The median size of the glyphs (runs weighted by their length): the body text's size.
fn body_size(runs: &[&Run]) -> f64 {
    let mut sizes: Vec<(f64, usize)> = runs.iter().map(|r| (r.size, r.text.len())).collect();
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = sizes.iter().map(|s| s.1).sum();
    let mut seen = 0;
    for (size, weight) in sizes {
        seen += weight;
        if seen * 2 >= total {
            return size;
        }
    }
    0.0
}

/// Removes running headers and footers and page numbers: from each page's top and bottom
/// edge inwards (at most [`FURNITURE_LINES`] lines), a line that is a page number alone, that
/// repeats (digits aside) at the same edge of at least half the pages (two at least), or that
/// stands apart from the body (a gap of two ems) and either is set smaller than the body text
/// (at the top) or starts or ends with a number, no larger than the body text (headers and
/// footers on a document of one page, where nothing repeats).
fn strip_furniture(pages: &mut [Vec<Run>]) {
    let all: Vec<&Run> = pages.iter().flatten().collect();
    let body = body_size(&all);
    let edges: Vec<[Vec<String>; 2]> = pages
        .iter()
        .map(|runs| {
            let lines = baselines(runs);
            let top = lines.iter().take(FURNITURE_LINES);
            let bottom = lines.iter().rev().take(FURNITURE_LINES);
            [
                top.map(|l| furniture_key(&line_text(l))).collect(),
                bottom.map(|l| furniture_key(&line_text(l))).collect(),
            ]
        })
        .collect();
    let mut counts: [HashMap<&str, usize>; 2] = [HashMap::new(), HashMap::new()];
    for page in &edges {
        for (edge, keys) in page.iter().enumerate() {
            for key in keys.iter().collect::<HashSet<_>>() {
                *counts[edge].entry(key.as_str()).or_default() += 1;
            }
        }
    }
    let need = pages.len().div_ceil(2).max(2);
    let repeats = |edge: usize, key: &str| counts[edge].get(key).is_some_and(|&n| n >= need);
    for page in pages.iter_mut() {
        let lines: Vec<Vec<Run>> = baselines(page)
            .into_iter()
            .map(|l| l.into_iter().cloned().collect())
            .collect();
        let mut drop = vec![false; lines.len()];
        for edge in 0..2 {
            let order: Vec<usize> = if edge == 0 {
                (0..lines.len()).collect()
            } else {
                (0..lines.len()).rev().collect()
            };
            for (depth, &i) in order.iter().take(FURNITURE_LINES).enumerate() {
                let text = line_text(&lines[i].iter().collect::<Vec<_>>());
                let next = order.get(depth + 1).map(|&j| &lines[j]);
                let apart =
                    depth == 0 && next.is_some_and(|n| (lines[i][0].y - n[0].y).abs() > 2.0 * body);
                let small = lines[i].iter().all(|r| r.size < 0.9 * body);
                let not_larger = lines[i].iter().all(|r| r.size <= 1.05 * body);
                let header = apart && ((edge == 0 && small) || (not_larger && is_numbered(&text)));
                if drop[i]
                    || !(is_page_number(&text) || repeats(edge, &furniture_key(&text)) || header)
                {
                    break;
                }
                drop[i] = true;
            }
        }
        *page = lines
            .into_iter()
            .zip(drop)
            .filter(|(_, d)| !d)
            .flat_map(|(l, _)| l)
            .collect();
    }
}

/// A line that starts or ends with a number (`Journal of Examples, vol. 3    Page 1`,
/// `12  Annual report`): apart from the body, a header or footer even on a document of one
/// page, where nothing repeats.
fn is_numbered(text: &str) -> bool {
    let number =
        |t: Option<&str>| t.is_some_and(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()));
    let mut tokens = text.split_whitespace();
    number(tokens.next()) || number(tokens.next_back())
}

/// A line as compared between pages: case and digits aside (page numbers change).
fn furniture_key(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// `12`, `- 12 -`, `Page 3`, `3 / 10`, `p. 4`, `xii`: a page number and nothing else.
fn is_page_number(text: &str) -> bool {
    const WORDS: [&str; 8] = ["page", "p.", "seite", "pagina", "of", "sur", "de", "von"];
    let tokens: Vec<String> = text
        .split(|c: char| c.is_whitespace() || "-–—/|·•".contains(c))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    let number = |t: &str| {
        t.chars().all(|c| c.is_ascii_digit())
            || (t.len() <= 6 && t.chars().all(|c| "ivxlcdm".contains(c)))
    };
    tokens.iter().any(|t| number(t))
        && tokens
            .iter()
            .all(|t| number(t) || WORDS.contains(&t.as_str()))
}

/// Where a page's columns part: the middles of vertical gutters, left to right. A gutter is a
/// band at least an em wide that hardly any run crosses (a title across both columns may) with
/// text on both sides.
fn gutters(runs: &[Run]) -> Vec<f64> {
    if runs.len() < 4 {
        return Vec::new();
    }
    let em = body_size(&runs.iter().collect::<Vec<_>>()).max(1.0);
    let lo = runs.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min);
    let hi = runs.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max);
    // Bins of a point, fewer on a page of absurd width (a damaged or hostile file).
    let step = ((hi - lo) / 2000.0).max(1.0);
    let bins = ((hi - lo) / step).ceil() as usize + 1;
    let mut cover = vec![0usize; bins];
    for run in runs {
        let a = ((run.x0 - lo) / step) as usize;
        let b = (((run.x1 - lo) / step) as usize).min(bins - 1);
        for c in &mut cover[a..=b] {
            *c += 1;
        }
    }
    let crossing = runs.len() / 20;
    let side = (runs.len() / 10).max(2);
    let mut splits = Vec::new();
    let mut start = None;
    for (i, &c) in cover.iter().enumerate() {
        match (c <= crossing, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let (a, b) = (lo + s as f64 * step, lo + i as f64 * step);
                let left = runs.iter().filter(|r| r.x1 <= a + step).count();
                let right = runs.iter().filter(|r| r.x0 >= b - step).count();
                if b - a >= em && left >= side && right >= side {
                    splits.push((a + b) / 2.0);
                }
                start = None;
            }
            _ => {}
        }
    }
    splits
}

/// A page's lines in reading order: column by column, each top down.
fn page_lines(page: usize, runs: &[Run]) -> Vec<Line> {
    let splits = gutters(runs);
    let mut columns: Vec<Vec<Run>> = vec![Vec::new(); splits.len() + 1];
    for run in runs {
        let column = splits.iter().filter(|&&s| s < run.x0).count();
        columns[column].push(run.clone());
    }
    columns
        .iter()
        .enumerate()
        .flat_map(|(column, runs)| {
            baselines(runs)
                .into_iter()
                .map(move |line| Line {
                    page,
                    column,
                    x0: line[0].x0,
                    x1: line.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max),
                    y: line[0].y,
                    size: line.iter().map(|r| r.size).fold(0.0, f64::max),
                    text: line_text(&line),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The lines grouped into paragraphs. Within a column a paragraph ends at a pitch wider than
/// [`PARAGRAPH_GAP`] times the usual one (the lower quartile of the document's pitches: most
/// pitches are within paragraphs) or [`LONE_GAP`] times the font size, or before an indented
/// line; across a column or page break it
/// goes on unless the line before ends a sentence.
fn paragraphs(lines: &[Line]) -> Vec<Vec<&Line>> {
    let mut pitches: Vec<f64> = lines
        .windows(2)
        .filter(|w| same_block(&w[0], &w[1]))
        .map(|w| w[0].y - w[1].y)
        .filter(|p| *p > 0.0)
        .collect();
    pitches.sort_by(f64::total_cmp);
    let usual = pitches.get(pitches.len() / 4).copied().unwrap_or(0.0);
    let edges = column_edges(lines);
    let mut out: Vec<Vec<&Line>> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let starts = match i.checked_sub(1).map(|p| &lines[p]) {
            None => true,
            Some(prev) if same_block(prev, line) => {
                let (left, right) = edges[&(line.page, line.column)];
                let prev_indented = prev.x0 > left + 0.5 * line.size;
                let prev_short = prev.x1 < right - SHORT * line.size;
                let indented =
                    line.x0 > left + INDENT * line.size && (!prev_indented || prev_short);
                let pitch = prev.y - line.y;
                (usual > 0.0 && pitch > PARAGRAPH_GAP * usual)
                    || pitch > LONE_GAP * line.size
                    || indented
            }
            Some(prev) => ends_sentence(&prev.text),
        };
        match out.last_mut() {
            Some(paragraph) if !starts => paragraph.push(line),
            _ => out.push(vec![line]),
        }
    }
    out
}

fn same_block(a: &Line, b: &Line) -> bool {
    a.page == b.page && a.column == b.column
}

/// The left and right edges of each column of each page: where most of its lines start and
/// end (the second lowest start and second highest end, so that one outdented or overlong line
/// does not count).
fn column_edges(lines: &[Line]) -> HashMap<(usize, usize), (f64, f64)> {
    let mut spans: HashMap<(usize, usize), Vec<(f64, f64)>> = HashMap::new();
    for line in lines {
        spans
            .entry((line.page, line.column))
            .or_default()
            .push((line.x0, line.x1));
    }
    spans
        .into_iter()
        .map(|(key, spans)| {
            let mut starts: Vec<f64> = spans.iter().map(|s| s.0).collect();
            let mut ends: Vec<f64> = spans.iter().map(|s| s.1).collect();
            starts.sort_by(f64::total_cmp);
            ends.sort_by(|a, b| b.total_cmp(a));
            let second = |v: &[f64]| v.get(1).copied().unwrap_or(v[0]);
            (key, (second(&starts), second(&ends)))
        })
        .collect()
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| "\"'»”’)]".contains(c) || c.is_whitespace())
        .ends_with(['.', '!', '?', '…'])
}

/// Every word of the document, lower-cased, but for the halves of words hyphenated at a line
/// end: what an undone hyphen must make, and what the halves of a compound are.
fn vocabulary(lines: &[Line]) -> HashSet<String> {
    let mut words = HashSet::new();
    let mut cut_before = false;
    for line in lines {
        let cut_after = ends_in_hyphen(&line.text).is_some();
        let tokens: Vec<&str> = line
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let keep =
            usize::from(cut_before)..tokens.len() - usize::from(cut_after && !tokens.is_empty());
        for token in tokens.get(keep).unwrap_or_default() {
            words.insert(token.to_lowercase());
        }
        cut_before = cut_after;
    }
    words
}

/// The length of `text` before a final hyphen (or soft hyphen) that follows a letter or digit.
fn ends_in_hyphen(text: &str) -> Option<usize> {
    text.strip_suffix(['-', '\u{2010}', '\u{00AD}'])
        .filter(|stem| stem.chars().last().is_some_and(char::is_alphanumeric))
        .map(str::len)
}

/// A paragraph's lines as one line. A line ending in a hyphen after a letter or digit joins the
/// next without a space. The hyphen goes when it is a soft hyphen, when the joined word occurs
/// elsewhere in the document, in any case (`tra-` + `duction` when `traduction` is seen,
/// `Trans-` + `Search` when `TransSearch` is), or when the next line starts in lower case and
/// the halves are not both words seen elsewhere (`analy-` + `sées`: a syllable break, which is
/// what most line-end hyphens in justified text are). It stays in a compound of two words seen
/// elsewhere (`porte-` + `monnaie` when both occur) and before a capital otherwise
/// (`Bar-` + `Hillel`).
fn join_lines(lines: &[&Line], words: &HashSet<String>) -> String {
    let mut out = String::new();
    for line in lines {
        let next = line.text.as_str();
        match ends_in_hyphen(&out) {
            Some(stem_len) => {
                let soft = out.ends_with('\u{00AD}');
                let left = word_end(&out[..stem_len]).to_lowercase();
                let right: String = next
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                let lower = next.chars().next().is_some_and(char::is_lowercase);
                let joined = words.contains(&format!("{left}{right}"));
                let compound = words.contains(&left) && words.contains(&right);
                if soft || joined || (lower && !compound) {
                    out.truncate(stem_len);
                }
            }
            None if !out.is_empty() => out.push(' '),
            None => {}
        }
        out.push_str(next);
    }
    out
}

/// The letters at the end of `text`.
fn word_end(text: &str) -> String {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(i, _)| i);
    text[start..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` at (x, y), 10 pt, each character half an em wide, spaces drawn.
    fn word(x: f64, y: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 5.0 * i as f64,
                y,
                end: x + 5.0 * (i + 1) as f64,
                size: 10.0,
                text: c.to_string(),
            })
            .collect()
    }

    /// A page of `lines` from y = 700 down, 12 pt apart, an empty line a blank one.
    fn column(x: f64, lines: &[&str]) -> Vec<Glyph> {
        lines
            .iter()
            .enumerate()
            .flat_map(|(i, l)| word(x, 700.0 - 12.0 * i as f64, l))
            .collect()
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut page = column(50.0, &["Left one is", "here and", "ends.", "", "Left two."]);
        page.extend(column(320.0, &["Right one is", "there.", "", "Right two."]));
        assert_eq!(
            text(&[page]),
            "Left one is here and ends.\n\nLeft two.\n\nRight one is there.\n\nRight two."
        );
    }

    #[test]
    fn a_paragraph_goes_on_across_a_page_break_unless_a_sentence_ended() {
        let pages = [
            column(50.0, &["The cat sat on", "the"]),
            column(50.0, &["mat. It slept.", "", "Then it woke."]),
        ];
        assert_eq!(
            text(&pages),
            "The cat sat on the mat. It slept.\n\nThen it woke."
        );
    }

    #[test]
    fn running_headers_and_page_numbers_are_left_out() {
        let page = |n: usize, body: &str| {
            let mut glyphs = word(50.0, 800.0, &format!("Annual report {n}"));
            glyphs.extend(column(50.0, &[body]));
            glyphs.extend(word(290.0, 40.0, &format!("- {n} -")));
            glyphs
        };
        let pages = [
            page(1, "First page."),
            page(2, "Second page."),
            page(3, "Third."),
        ];
        assert_eq!(text(&pages), "First page.\n\nSecond page.\n\nThird.");
    }

    #[test]
    fn a_line_repeated_on_few_pages_is_kept() {
        let mut one = word(50.0, 800.0, "Chapter One");
        one.extend(column(50.0, &["Text."]));
        let two = column(50.0, &["More text."]);
        let three = column(50.0, &["End."]);
        assert_eq!(
            text(&[one, two, three]),
            "Chapter One\n\nText.\n\nMore text.\n\nEnd."
        );
    }

    #[test]
    fn line_end_hyphens_go_unless_they_join_a_compound() {
        let page = column(
            50.0,
            &[
                "La tra-",
                "duction et la porte-",
                "monnaie, selon Bar-",
                "Hillel, puis la traduction analy-",
                "sée par Trans-",
                "Search. Une porte, de la monnaie, TransSearch.",
            ],
        );
        assert_eq!(
            text(&[page]),
            "La traduction et la porte-monnaie, selon Bar-Hillel, puis la traduction analysée \
             par TransSearch. Une porte, de la monnaie, TransSearch."
        );
    }

    #[test]
    fn the_halves_of_a_hyphenated_word_are_not_words_of_the_document() {
        let page = column(50.0, &["une porte-", "monnaie."]);
        assert_eq!(text(&[page]), "une portemonnaie.");
    }

    #[test]
    fn an_indented_line_starts_a_paragraph() {
        let mut page = column(50.0, &["First paragraph", "ends here."]);
        page.extend(word(70.0, 676.0, "Second one"));
        page.extend(word(50.0, 664.0, "goes on."));
        assert_eq!(
            text(&[page]),
            "First paragraph ends here.\n\nSecond one goes on."
        );
    }

    #[test]
    fn an_indented_heading_and_the_indented_paragraph_after_it_are_apart() {
        let mut page = word(70.0, 700.0, "A heading");
        page.extend(word(70.0, 688.0, "The text under it is long"));
        page.extend(word(50.0, 676.0, "enough to fill the line."));
        page.extend(word(50.0, 664.0, "And it goes on a while."));
        assert_eq!(
            text(&[page]),
            "A heading\n\nThe text under it is long enough to fill the line. And it goes on a while."
        );
    }

    #[test]
    fn a_numbered_header_apart_from_the_body_is_left_out_on_a_single_page() {
        let mut page = word(50.0, 800.0, "Journal of Examples");
        page.extend(word(400.0, 800.0, "Page 1"));
        page.extend(column(50.0, &["The body.", "Chapter 2 begins."]));
        assert_eq!(text(&[page]), "The body. Chapter 2 begins.");
    }

    #[test]
    fn glyphs_drawn_without_spaces_get_them_from_the_gaps() {
        let mut page = word(50.0, 700.0, "Le");
        page.extend(word(63.0, 700.0, "chat"));
        assert_eq!(text(&[page]), "Le chat");
    }

    #[test]
    fn page_numbers_are_recognised() {
        for number in [
            "12",
            "- 12 -",
            "Page 3",
            "3 / 10",
            "p. 4",
            "xii",
            "Page 2 of 9",
        ] {
            assert!(is_page_number(number), "{number}");
        }
        for line in ["de", "Page", "Chapter 3", "I met him", "12 apples"] {
            assert!(!is_page_number(line), "{line}");
        }
    }
}
