//! Sentence splitting with French and English rules.
//!
//! Three levels, from coarse to fine:
//! 1. paragraphs: blank lines;
//! 2. lines: a line without final punctuation is a sentence of its own (headlines, captions,
//!    bylines), unless the next line starts in lower case (a hard-wrapped sentence);
//! 3. punctuation: `. ! ? …` (with closing quotes, French-spaced or not) followed by white space
//!    and something that can open a sentence (capital, digit, opening quote or dash). A period
//!    after an abbreviation from the language's data file, an initial or a multi-dot form
//!    (`U.S.`) is judged by its class (see `rules`). Hard text adds: OCR debris that opens a
//!    sentence (`<Das`, `¸ chaque`), arrows in paired examples (`… => La …`), a citation kept
//!    with the sentence it follows (`… ! » (p. 42) Puis`), and a headline run into its article
//!    on one line, cut at its closing quote.
//!
//! For alignment, sentences can also be cut into clauses at `:` and `;` ([`Units::Clauses`]):
//! smaller units let the aligner pair "as follows:" with "comme suit :" and the list after it
//! separately, and where the two languages punctuate differently it simply merges them again.

mod continuation;
#[cfg(test)]
mod golden;
mod lists;
pub(crate) mod rules;

use crate::normalize::{fold_spaces, is_space};
pub(crate) use continuation::is_piece;
use rules::{AbbrevClass, LanguageRules};

/// A sentence: its text (trimmed, white space folded) and the paragraph it stands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    /// 0-based, counting only paragraphs that hold a sentence.
    pub paragraph: usize,
}

/// The units a document is cut into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Units {
    /// Sentences.
    #[default]
    Sentences,
    /// Sentences, further cut after `:` and `;` followed by white space.
    Clauses,
}

impl Units {
    /// The name the command line takes.
    pub fn name(self) -> &'static str {
        match self {
            Units::Sentences => "sentences",
            Units::Clauses => "clauses",
        }
    }
}

impl std::str::FromStr for Units {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "sentences" | "sentence" => Ok(Units::Sentences),
            "clauses" | "clause" => Ok(Units::Clauses),
            _ => Err(format!(
                "unknown units {s:?} (expected sentences or clauses)"
            )),
        }
    }
}

/// Splits normalised text into sentences with one language's rules.
#[derive(Debug, Clone)]
pub struct Splitter {
    rules: LanguageRules,
    units: Units,
}

impl Splitter {
    /// A sentence splitter for a language code (`fr`, `en`, `fr-CA`; any other gets generic rules).
    pub fn new(lang: &str) -> Self {
        Self {
            rules: LanguageRules::for_language(lang),
            units: Units::Sentences,
        }
    }

    /// The same splitter, cutting into `units`.
    pub fn with_units(self, units: Units) -> Self {
        Self { units, ..self }
    }

    /// Splits a normalised document.
    pub fn split(&self, text: &str) -> Vec<Sentence> {
        let mut sentences = Vec::new();
        // Hard wrapping is the document's: a short paragraph shows too few lines to tell.
        let width = Widths::of(text);
        let mut line_starts = line_paragraph_starts(text, width).map(Iterator::peekable);
        let by_lines = line_starts.is_some();
        let mut line_paragraph = 0;
        for (block_number, block) in paragraphs(text).enumerate() {
            for segment in line_segments(block, width)
                .into_iter()
                .flat_map(lists::items)
            {
                let mut ends = self.sentence_ends(segment);
                ends.extend(link_ends(segment));
                ends.extend(inline_bullet_ends(segment));
                attach_citations(segment, &mut ends);
                ends.extend(headline_end(segment));
                ends.sort_unstable();
                ends.dedup();
                let mut start = 0;
                for end in ends.into_iter().chain([segment.len()]) {
                    let unit = &segment[start..end];
                    let paragraph = match &mut line_starts {
                        // Units come in order: the paragraphs they start in, counted as they go.
                        Some(starts) => {
                            let at = offset_in(text, unit.trim_start_matches(is_space));
                            while starts.next_if(|&start| start <= at).is_some() {
                                line_paragraph += 1;
                            }
                            line_paragraph
                        }
                        None => block_number,
                    };
                    self.push_unit(&mut sentences, unit, paragraph);
                    start = end;
                }
            }
        }
        if by_lines && !lines_are_paragraphs(&sentences) {
            sentences.iter_mut().for_each(|s| s.paragraph = 0);
        }
        sentences
    }

    /// Adds one sentence; as clauses, a leading list or reference label (`[3]`, `a)`) is a unit
    /// of its own.
    fn push_unit(&self, sentences: &mut Vec<Sentence>, raw: &str, paragraph: usize) {
        let text = raw.trim_start_matches(is_space);
        let label = match self.units {
            Units::Clauses => lists::leading_label_len(text),
            Units::Sentences => None,
        };
        if let Some(len) = label {
            push_sentence(sentences, &text[..len], paragraph);
            push_sentence(sentences, &text[len..], paragraph);
        } else {
            push_sentence(sentences, raw, paragraph);
        }
    }

    /// Byte offsets in `s` where a sentence ends (just after its punctuation and closers).
    fn sentence_ends(&self, s: &str) -> Vec<usize> {
        let mut ends = Vec::new();
        let mut i = 0;
        let bytes = s.as_bytes();
        while i < bytes.len() {
            // Most bytes are ASCII letters and spaces: skip them without decoding, eight at a
            // time where they can.
            i = skip_plain(bytes, i);
            if i >= bytes.len() {
                break;
            }
            if bytes[i] < 0x80 && !matches!(bytes[i], b'.' | b'!' | b'?' | b':' | b';') {
                i += 1;
                continue;
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            if self.units == Units::Clauses && matches!(c, ':' | ';') {
                i += 1;
                if is_clause_end(s, i) {
                    ends.push(i);
                }
                continue;
            }
            if !is_terminator(c) {
                i += c.len_utf8();
                continue;
            }
            if let Some((cut, after)) = spaced_ellipsis(s, i) {
                ends.extend(cut);
                i = after;
                continue;
            }
            let term_end = skip_while(s, i, is_terminator);
            let end = skip_closers(s, term_end);
            let candidate = Candidate {
                start: ends.last().copied().unwrap_or(0),
                term_start: i,
                term_end,
                end,
                next: skip_while(s, end, is_space),
            };
            i = end;
            let boundary = match candidate.next {
                n if n >= s.len() => false,
                n if n > end => self.is_boundary(s, &candidate),
                _ => self.is_glued_boundary(s, &candidate),
            };
            if boundary {
                ends.push(end);
            }
        }
        ends
    }

    /// Whether the punctuation of `c` ends a sentence.
    fn is_boundary(&self, s: &str, c: &Candidate) -> bool {
        let first = s[c.next..].chars().next().unwrap_or(' ');
        if starts_with_arrow(&s[c.next..]) {
            return true; // even after `[…]`: the quoted source ends there
        }
        let damaged = is_damaged_opener(s, c.next);
        if first.is_lowercase() {
            return self.ends_before_lower_case(s, c);
        }
        if !can_open_sentence(first) && !damaged {
            return false;
        }
        let before = s[..c.term_start].chars().next_back();
        if matches!(before, Some('[' | '(')) {
            return false; // an ellipsis in brackets marks a cut inside a quote: […]
        }
        if &s[c.term_start..c.term_end] != "." {
            return true;
        }
        let word = word_before(s, c.term_start);
        if word.is_empty() {
            return true;
        }
        if is_list_label(s, c.term_start, word) {
            return false; // "1. The first item", "a. The second"
        }
        if self.is_ordinal(s, c, word) {
            return false;
        }
        match self.rules.classify(word, first.is_numeric()) {
            Some(AbbrevClass::Title | AbbrevClass::General | AbbrevClass::Number) => false,
            Some(AbbrevClass::Ambiguous) => self.settles_ambiguous(s, c),
            None if is_unit_after_number(s, c.term_start, word) => true,
            None if is_initial(word) || is_dotted_abbreviation(word) => {
                self.settles_ambiguous(s, c)
            }
            None => true,
        }
    }

    /// A day or rank written as a number with a period (German `am 9. September`).
    fn is_ordinal(&self, s: &str, c: &Candidate, word: &str) -> bool {
        let number = (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
        let head = s[..c.term_start - word.len()].trim_end_matches(is_space);
        let before = word_before(head, head.len());
        number && self.rules.is_ordinal(before, word_at(s, c.next))
    }

    /// Web text drops the space after a period: `medical school.But since`, `King.....But`.
    /// A lower-case word, its punctuation, then a capitalised word is a boundary; `Mc.Donalds`,
    /// `U.S.Army`, `example.Com` and abbreviations are not.
    fn is_glued_boundary(&self, s: &str, c: &Candidate) -> bool {
        let after = &s[c.next..];
        let mut next_chars = after.chars();
        let capitalised = next_chars.next().is_some_and(char::is_uppercase)
            && next_chars.next().is_some_and(char::is_lowercase);
        let token = word_before(s, c.term_start);
        let word = token
            .rsplit(|ch: char| !ch.is_alphabetic())
            .next()
            .unwrap_or_default();
        capitalised
            && !token.contains(['/', '@'])
            && word.chars().count() >= 2
            && word.chars().all(char::is_lowercase)
            && self.rules.has_abbreviations()
            && !self.rules.is_abbreviation(word)
            && !word_at(s, c.next).contains('.')
    }

    /// After an abbreviation that may end a sentence (`etc.`, `U.S.`, `P.M.`), the next word
    /// decides: a common opener (`The`, `They`) starts a sentence; so does a title (`Mr.`),
    /// unless what came before is three words or fewer (`At 5 a.m. Mr. Smith went …`).
    fn settles_ambiguous(&self, s: &str, c: &Candidate) -> bool {
        let next = word_at(s, c.next);
        if self.rules.is_starter(next) {
            return true;
        }
        let words = s[c.start..c.term_start]
            .split(is_space)
            .filter(|w| !w.is_empty());
        self.rules.classify(next, false) == Some(AbbrevClass::Title) && words.take(4).count() > 3
    }

    /// Web text starts sentences in lower case ("i'll call you later. what time?"). A period
    /// after an ordinary word (no abbreviation of any class, in any case, no initial) ends a
    /// sentence all the same; `?` does unless a French inverted speech tag follows
    /// (`demanda-t-il`); `!` does before a common opener (`Yahoo! in` does not). Not after a
    /// closing quote (`« Pourquoi ? » demanda-t-il`, `». de la région`), and only for
    /// languages whose abbreviations we know.
    fn ends_before_lower_case(&self, s: &str, c: &Candidate) -> bool {
        if c.end > c.term_end || !self.rules.has_abbreviations() {
            return false;
        }
        let word = word_before(s, c.term_start);
        let detached = s[..c.term_start].ends_with(is_space); // `very friendly . and`
        match &s[c.term_start..c.term_end] {
            "." if detached => true,
            "." => {
                // A short capitalised word is likely an unlisted abbreviation (`la Rép. est`);
                // an acronym (`au MH. plus de`) is not.
                let n = word.chars().count();
                let capitalised = word.chars().next().is_some_and(char::is_uppercase);
                let acronym = word.chars().all(char::is_uppercase);
                n >= 2
                    && (!capitalised || acronym || n >= 4)
                    && word
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’'))
                    && !self.rules.is_abbreviation(word)
            }
            "?" | "?!" | "!?" | "??" => {
                let next = word_at(s, c.next);
                !is_inverted_incise(next) && !self.rules.is_speech_verb(next)
            }
            "!" => self.rules.is_lower_case_starter(word_at(s, c.next)),
            t if t.chars().all(|c| c == '!') => true, // `RIGHT AWAY!!! or has`
            _ => false,
        }
    }
}

/// Where the bytes from `i` stop being eight at a time of plain ASCII, that
/// [`Splitter::sentence_ends`] passes over one by one: no byte of 0x80 or more, none of
/// `. ! ? : ;`. A byte at a time, that loop was a quarter of splitting case A.
fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // Whether one of the eight bytes of `x` is `b` (the borrow of a zero byte of `x ^ b`).
    let holds = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGH != 0
    };
    while let Some(Ok(word)) = bytes.get(i..i + 8).map(<[u8; 8]>::try_from) {
        let x = u64::from_ne_bytes(word);
        if x & HIGH != 0 || [b'.', b'!', b'?', b':', b';'].iter().any(|&b| holds(x, b)) {
            break;
        }
        i += 8;
    }
    i
}

/// A source cited after a quotation or sentence belongs to it: `… la fin ! » (p. 42) Puis`,
/// `… the vote. (Debates, 2019/05/14) But`. The cut moves from before the bracket to after
/// it when a sentence opens there. A bracket holding a sentence (`(See below.)`) or a label
/// (`(2)`, `(1b)`) is left alone.
fn attach_citations(s: &str, ends: &mut Vec<usize>) {
    // Cuts to drop lie in the gaps `lead..=open`, found in increasing order.
    let mut gaps: Vec<(usize, usize)> = Vec::new();
    for (open, _) in s.match_indices('(') {
        let lead = s[..open].trim_end_matches(|c| is_space(c) || is_closer(c) || is_stray_mark(c));
        if !lead.ends_with(is_terminator) {
            continue;
        }
        let Some(close) = s[open..]
            .char_indices()
            .take_while(|&(i, _)| i <= MAX_CITATION_BYTES)
            .find(|&(_, c)| c == ')')
            .map(|(i, _)| open + i)
        else {
            continue;
        };
        let inner = s[open + 1..close].trim_end_matches(|c| is_space(c) || is_closer(c));
        let next = skip_while(s, close + 1, is_space);
        let opens = s[next..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || matches!(c, '«' | '“' | '„'))
            || is_damaged_opener(s, next);
        // The label test reads no further than the word after the bracket: bounded work.
        let label = lists::leading_label_len(&s[open..next + word_at(s, next).len()]).is_some();
        if inner.is_empty()
            || inner.ends_with(is_terminator)
            || next == close + 1
            || !opens
            || label
        {
            continue;
        }
        gaps.push((lead.len(), open));
        ends.push(close + 1);
    }
    if !gaps.is_empty() {
        ends.retain(|&e| {
            let after = gaps.partition_point(|&(from, _)| from <= e);
            after == 0 || gaps[after - 1].1 < e
        });
    }
}

/// A headline run into its article on one line, as scraped news often is: a segment that opens
/// with no final punctuation, closes a quotation or bracket, and goes on with a capital
/// (`Town Votes 'No' to New Bridge The council decided …`, `… (and many more to come) Fans
/// queued …`). Written prose puts punctuation there; the headline ends at the closer.
fn headline_end(s: &str) -> Option<usize> {
    // One pass, state carried along, so that a long line of quotes stays linear.
    let mut straight_quotes = 0;
    let (mut single, mut curly, mut guillemet) = (false, false, false);
    let mut paren: Option<usize> = None; // where the last ` (` opened
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        if is_terminator(c) {
            return None;
        }
        let closes = match c {
            '"' => {
                straight_quotes += 1;
                straight_quotes % 2 == 0
            }
            '\'' if is_space(prev) => {
                single = true;
                false
            }
            '\'' => single,
            '“' => {
                curly = true;
                false
            }
            '”' => curly,
            '«' => {
                guillemet = true;
                false
            }
            '»' => guillemet,
            '(' => {
                paren = is_space(prev).then_some(i + 1);
                false
            }
            // A bracket holds a phrase, not a label or a plural `(s)`: `(a) US`, `one(s) I`.
            ')' => paren.take().is_some_and(|open| {
                let words = s[open..i].split(is_space).filter(|w| !w.is_empty());
                i - open <= MAX_CITATION_BYTES && words.count() >= MIN_BRACKETED_WORDS
            }),
            _ => false,
        };
        // A quotation closed after a comma goes on with who said it: `"… half," Smith said.`
        let speech = prev == ',';
        prev = c;
        let end = i + c.len_utf8();
        if closes && !speech {
            let next = skip_while(s, end, is_space);
            if next > end && s[next..].starts_with(char::is_uppercase) {
                return Some(end);
            }
        }
    }
    None
}

/// Words a bracket needs to end a run-in headline: a name in brackets (`(née Anne Roy) Paris`),
/// a name list, has three and is not cut (splitting F1 88.3 kept, 88.1 with no minimum).
const MIN_BRACKETED_WORDS: usize = 4;

/// How long a citation in brackets may be: `(Martin [3], p. 117)` is 20 bytes; a sentence
/// in brackets runs longer and usually ends with its own punctuation anyway.
const MAX_CITATION_BYTES: usize = 80;

/// A list run into its sentence after a colon, each item after a dash or bullet: `calling
/// for: - more beds; - more nurses`. Each item is a unit, and so is the sentence that
/// announces them; a single dash after a colon is not a list (`Variation : - 5 %`).
fn inline_bullet_ends(s: &str) -> Vec<usize> {
    let starts_item = |at: usize| {
        let next = skip_while(s, at, is_space);
        let mut chars = s[next..].chars();
        next > at
            && chars.next().is_some_and(|c| INLINE_BULLETS.contains(&c))
            && chars.next().is_some_and(is_space)
    };
    let Some(colon) = s
        .match_indices(':')
        .map(|(i, _)| i + 1)
        .find(|&i| starts_item(i))
    else {
        return Vec::new();
    };
    let mut ends = vec![colon];
    ends.extend(
        s[colon..]
            .match_indices(';')
            .map(|(i, _)| colon + i + 1)
            .filter(|&i| starts_item(i)),
    );
    if ends.len() < 2 {
        ends.clear();
    }
    ends
}

/// Dashes and bullets that open an item of a list run into a sentence.
const INLINE_BULLETS: [char; 6] = ['-', '–', '—', '•', '▪', '*'];

/// Web text strings links together: a URL or e-mail address followed by a capitalised word or
/// another link ends a sentence (`…/story?id=16473 http://…`, `<duffie@stanford.edu> Vince`);
/// so does an emoticon before a capital (`… referrals. :) They were …`). The price: a proper
/// noun right after a link (`at www.theatre.org Monday to Saturday`) is cut off.
fn link_ends(s: &str) -> Vec<usize> {
    if !may_hold_links(s) {
        return Vec::new();
    }
    let tokens: Vec<(usize, &str)> = s
        .split(is_space)
        .scan(0, |offset, token| {
            let start = *offset;
            *offset += token.len()
                + s[start + token.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            Some((start, token))
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    tokens
        .windows(2)
        .filter(|pair| {
            let (this, next) = (pair[0].1, pair[1].1);
            let capitalised = next.chars().next().is_some_and(char::is_uppercase);
            (is_link(this) && (capitalised || is_link(next))) || (is_emoticon(this) && capitalised)
        })
        .map(|pair| pair[0].0 + pair[0].1.len())
        .collect()
}

/// Whether `s` holds anything [`link_ends`] could act on: `@`, `://`, `www.`, or the first two
/// characters of an emoticon. Byte searches only (vectorised), as nearly every segment fails.
fn may_hold_links(s: &str) -> bool {
    let bytes = s.as_bytes();
    let followed_by = |lead: char, next: &[u8]| {
        s.match_indices(lead)
            .any(|(i, _)| bytes.get(i + 1).is_some_and(|b| next.contains(b)))
    };
    bytes.contains(&b'@')
        || s.contains("www.")
        || followed_by(':', b"/)(-DPp")
        || followed_by(';', b")(-")
        || followed_by('X', b"D")
        || followed_by('<', b"3")
        || followed_by('^', b"^")
        || followed_by(')', b")")
}

const EMOTICONS: [&str; 14] = [
    ":)", ":-)", ";)", ";-)", ":(", ":-(", ":D", ":-D", ":P", ":p", "XD", "<3", ":/", "^^",
];

fn is_emoticon(token: &str) -> bool {
    EMOTICONS.contains(&token) || token.chars().all(|c| c == ')') && token.len() >= 2
}

/// `http://…`, `www.…`, `name@host.org`, with or without `<…>`.
fn is_link(token: &str) -> bool {
    let t = token.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | ',' | '"'));
    let email = t
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    t.contains("://") || t.starts_with("www.") || email
}

/// Where a sentence might end: byte offsets into the segment being split.
struct Candidate {
    /// Where the current sentence started.
    start: usize,
    /// The final punctuation, `s[term_start..term_end]`.
    term_start: usize,
    term_end: usize,
    /// After the closing quotes and brackets: where the sentence would end.
    end: usize,
    /// Where the next sentence would start.
    next: usize,
}

/// A spaced ellipsis (`. . .`) at byte `i`: three dots are a pause, not an end; four are an
/// ellipsis and a period. Returns where to cut (if anywhere) and where scanning resumes:
/// `compounds. . . . The` cuts after `compounds.` (the next sentence opens with `. . .`),
/// `a period . . . . Next` cuts after the fourth dot.
fn spaced_ellipsis(s: &str, i: usize) -> Option<(Option<usize>, usize)> {
    if !s[i..].starts_with(". .") {
        return None;
    }
    let mut dots = vec![i];
    while s[dots[dots.len() - 1] + 1..].starts_with(" .") {
        dots.push(dots[dots.len() - 1] + 2);
    }
    if dots.len() < 3 {
        return None;
    }
    let dots_end = dots[dots.len() - 1] + 1;
    let after = skip_while(s, dots_end, is_closer);
    let capital_next = s[skip_while(s, after, is_space)..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    let attached = s[..i].chars().next_back().is_some_and(|c| !is_space(c));
    let quoted = after > dots_end; // `thoughts. . . .” He closed the book.`
    let cut = match (dots.len() >= 4, attached || quoted) {
        (true, true) if quoted && capital_next => Some(after),
        (true, true) if capital_next => Some(i + 1),
        (true, false) if capital_next => Some(after),
        _ => None,
    };
    Some((cut, after))
}

/// Takes the input as it is: one sentence per line, a blank line between paragraphs.
pub fn presplit(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for (paragraph, block) in paragraphs(text).enumerate() {
        for line in block.lines() {
            push_sentence(&mut sentences, line, paragraph);
        }
    }
    sentences
}

fn push_sentence(sentences: &mut Vec<Sentence>, raw: &str, paragraph: usize) {
    let text = fold_spaces(raw);
    if !text.is_empty() {
        sentences.push(Sentence { text, paragraph });
    }
}

/// Where a text's paragraphs after the first start (byte offsets, in order) when it marks
/// them by lines, not blank lines: a text of [`MIN_LINE_PARAGRAPHS`] lines or more without a
/// blank line (scraped pages, one paragraph a line), each line with the lines that wrap or
/// continue its sentence (see [`is_wrapped`], [`continues`]). `None` when blank lines mark
/// them. Given sentences (`--presplit`) are one a line whatever their paragraphs: not these.
/// Found as the units need them: a list of every line would take 16 bytes a line.
fn line_paragraph_starts(text: &str, width: Widths) -> Option<impl Iterator<Item = usize> + '_> {
    let mut blocks = paragraphs(text);
    let (Some(block), None) = (blocks.next(), blocks.next()) else {
        return None;
    };
    block.split_inclusive('\n').nth(MIN_LINE_PARAGRAPHS - 1)?;
    let mut lines = block.split_inclusive('\n').peekable();
    let mut offset = offset_in(text, block);
    Some(std::iter::from_fn(move || {
        while let Some(line) = lines.next() {
            offset += line.len();
            let next = lines.peek()?.trim_start_matches(is_space);
            let line = line.trim_end_matches(is_space);
            if !is_wrapped(line, next, width) && !continues(line, next) {
                return Some(offset);
            }
        }
        None
    }))
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// Whether lines taken for paragraphs were paragraphs, not one sentence a line (a corpus
/// split by another tool, captions): at least one in [`MULTI_UNIT_SHARE`] holds more than one
/// unit. Paragraph breaks between every sentence would make each merge of two sentences (a
/// translator's 2-1) pay for crossing one: on the bench's 10k.flat, strict F1 .852 → .836.
fn lines_are_paragraphs(sentences: &[Sentence]) -> bool {
    let paragraphs = sentences.last().map_or(0, |s| s.paragraph + 1);
    let multi = sentences
        .windows(2)
        .filter(|w| w[0].paragraph == w[1].paragraph)
        .map(|w| w[0].paragraph)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    multi * MULTI_UNIT_SHARE >= paragraphs
}

/// See [`lines_are_paragraphs`]: scraped pages written one paragraph a line measured 23 % to
/// 57 % of lines of several sentences (`corpora/webnews/`), a one-sentence-a-line corpus 0 %.
const MULTI_UNIT_SHARE: usize = 10;

/// Lines a text without blank lines needs for its lines to be taken for paragraphs: a
/// headline, a byline and a paragraph.
const MIN_LINE_PARAGRAPHS: usize = 3;

/// The blocks of text between blank lines (lines of white space only), skipping empty ones.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.chars().all(is_space);
        match (blank, start) {
            (true, Some(s)) => {
                blocks.push(&text[s..offset]);
                start = None;
            }
            (false, None) => start = Some(offset),
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        blocks.push(&text[s..]);
    }
    blocks.into_iter()
}

/// Cuts a paragraph at line breaks that end a sentence without punctuation (a headline above
/// its text), keeping hard-wrapped lines together.
fn line_segments(block: &str, width: Widths) -> Vec<&str> {
    let mut segments = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    let mut previous: Option<&str> = None;
    for line in block.split_inclusive('\n') {
        if previous.is_some_and(|prev| is_hard_break(prev, line, width)) {
            segments.push(&block[start..offset]);
            start = offset;
        }
        previous = Some(line);
        offset += line.len();
    }
    segments.push(&block[start..]);
    segments
}

/// Whether the break between `line` and `next` ends a sentence, in a text whose lines are
/// `width` wide.
fn is_hard_break(line: &str, next: &str, width: Widths) -> bool {
    let line = line.trim_end_matches(is_space);
    let next = next.trim_start_matches(is_space);
    let ends_sentence = line
        .trim_end_matches(|c| is_closer(c) || is_space(c))
        .ends_with(is_terminator);
    if continues(line, next) {
        return false;
    }
    let chosen = !is_wrapped(line, next, width);
    if ends_sentence {
        // The sentence splitter reads the punctuation; a break the writer chose after a
        // dotted abbreviation (`… 8:45 a.m.` above `Consumer prices …`), which it cannot
        // settle, ends the sentence where the text is wide enough to tell a chosen break.
        let last = line
            .trim_end_matches(is_closer)
            .trim_end_matches(is_terminator);
        let last_word = last.rsplit(is_space).next().unwrap_or_default();
        return chosen
            && is_dotted_abbreviation(last_word)
            && width.longest >= MIN_WRAP_WIDTH
            && next.starts_with(char::is_uppercase)
            && line.split(is_space).filter(|w| !w.is_empty()).count() >= MIN_LINE_WORDS;
    }
    chosen
}

/// Whether the sentence of `line` goes on in `next`: the line ends in a comma, a hyphen or an
/// open bracket, or the next starts in lower case (not with a list label).
fn continues(line: &str, next: &str) -> bool {
    line.trim_end_matches(is_closer)
        .ends_with([',', '-', '(', '/', '&', '+'])
        || (next.chars().next().is_some_and(char::is_lowercase) && !starts_with_list_label(next))
}

/// Words a line ending in an abbreviation needs for its break to end the sentence: `1.` or
/// `M.` alone on a line is a label or a name cut short.
const MIN_LINE_WORDS: usize = 3;

/// Whether `line` was broken by hard wrapping: the first word of `next` would not have
/// fitted after it. A writer's own break (a headline above its text, the end of a paragraph
/// written one a line) leaves room.
fn is_wrapped(line: &str, next: &str, width: Widths) -> bool {
    let first_word = next.split(is_space).next().unwrap_or_default();
    width.wrap > 0 && line.chars().count() + 1 + first_word.chars().count() > width.wrap
}

/// How wide a text's lines are, in characters.
#[derive(Debug, Clone, Copy)]
struct Widths {
    /// The longest line's.
    longest: usize,
    /// The width the lines were hard-wrapped at, or 0 when they were not: the longest line's,
    /// if at least [`MIN_WRAPPED_LINES`] lines (and a third of those not blank) come within
    /// [`WRAP_SLACK`] characters of it, a third of those go on with the sentence on the next
    /// line, and it is [`MIN_WRAP_WIDTH`] or more. Paragraphs written one a line vary in
    /// length; wrapped lines fill their width.
    wrap: usize,
}

impl Widths {
    /// The widths of `text`'s lines, in passes over them: a list of every line's length
    /// would take 8 bytes a line of a file of short lines.
    fn of(text: &str) -> Self {
        let chars = |line: &str| line.trim_end_matches(is_space).chars().count();
        let lengths = || text.lines().map(chars).filter(|&n| n > 0);
        let (longest, lines) = lengths().fold((0, 0), |(max, n), len| (max.max(len), n + 1));
        let is_full = |line: &str| chars(line) + WRAP_SLACK >= longest;
        let full = || lengths().filter(|&n| n + WRAP_SLACK >= longest).count();
        // Prose wrapped goes on in lower case after most full lines; a table, a list or
        // markup of lines alike in length does not.
        let running_on = || {
            text.lines()
                .zip(text.lines().skip(1))
                .filter(|&(line, next)| {
                    is_full(line) && continues(line.trim_end(), next.trim_start())
                })
                .count()
        };
        // Each pass only where the one before leaves wrapping possible.
        let wrapped = longest >= MIN_WRAP_WIDTH && {
            let full = full();
            full >= MIN_WRAPPED_LINES && full * 3 >= lines && running_on() * 3 >= full
        };
        Self {
            longest,
            wrap: if wrapped { longest } else { 0 },
        }
    }
}

/// Lines a text needs near its longest for its lines to be taken for wrapped ones.
const MIN_WRAPPED_LINES: usize = 3;

/// How far short of the width a wrapped line may end: the length of a long word.
const WRAP_SLACK: usize = 12;

/// The narrowest width text is hard-wrapped at: e-mail and plain-text documents wrap at 60 to
/// 80 characters; 40 leaves room for narrow columns.
const MIN_WRAP_WIDTH: usize = 40;

/// A `:` or `;` just before `end` closes a clause when white space and a word follow and the
/// clause is long enough to stand alone: `as follows:` cuts, `Photo :` and `Budget 2025 :`
/// (labels, headline kickers) do not.
fn is_clause_end(s: &str, end: usize) -> bool {
    let next = skip_while(s, end, is_space);
    let followed = next > end
        && (s[next..].starts_with(|c: char| c.is_alphanumeric() || can_open_sentence(c))
            || is_damaged_opener(s, next));
    let before = s[..end - 1].trim_end_matches(is_space);
    let clause_words = before
        .rsplit(|c| is_terminator(c) || c == ':' || c == ';')
        .next()
        .map_or(0, |clause| {
            clause.split(is_space).filter(|w| !w.is_empty()).count()
        });
    followed && clause_words >= MIN_CLAUSE_WORDS
}

/// Words a clause needs before its `:` or `;` to be cut off.
const MIN_CLAUSE_WORDS: usize = 3;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。')
}

/// Characters that close a quote or bracket after the final punctuation: `?»`, `.”`, `.)`.
fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '’' | '\'' | ')' | ']' | '›' | '}')
}

/// Closers that French typography separates by a space: `? »`.
fn is_spaced_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '›')
}

/// The end of the closers after final punctuation, including a French-spaced `»`.
fn skip_closers(s: &str, from: usize) -> usize {
    let mut end = skip_while(s, from, is_closer);
    let after_space = skip_while(s, end, is_space);
    if after_space > end && s[after_space..].starts_with(is_spaced_closer) {
        end = skip_while(s, after_space, is_closer);
    }
    end
}

fn skip_while(s: &str, from: usize, pred: impl Fn(char) -> bool) -> usize {
    s[from..]
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(s.len(), |(i, _)| from + i)
}

fn can_open_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(
            c,
            '«' | '“'
                | '"'
                | '‘'
                | '\''
                | '„'
                | '‹'
                | '('
                | '['
                | '¿'
                | '¡'
                | '—'
                | '–'
                | '-'
                | '•'
                | '*'
                | '©'
                | '®'
        )
        || (c.is_alphabetic() && !c.is_lowercase())
        || is_pictograph(c)
}

/// Emoji and pictographic symbols (`📷`, `🔴`, `▶`, `★`, `✅`): web pages open captions, calls to
/// action and live-blog entries with them, after the sentence before has ended.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF)
}

/// OCR debris where a sentence starts: a stray `<` read for a lost opening quote before a
/// capital (`<Das ist`), or a spacing accent left of a lost accented capital (`¸ chaque` for
/// `À chaque`). Neither begins a word in running text, so after final punctuation or a clause's
/// `:` they open a sentence. (`¯`, read for a closing `»` in the same scans, is not among them.)
fn is_damaged_opener(s: &str, at: usize) -> bool {
    let mut chars = s[at..].chars();
    match chars.next() {
        Some('<') => chars.next().is_some_and(char::is_uppercase),
        Some(c) if SPACING_ACCENTS.contains(&c) => chars
            .find(|&c| !is_space(c))
            .is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// An accent standing without its letter, as OCR leaves them for lost quotes and capitals.
fn is_stray_mark(c: char) -> bool {
    SPACING_ACCENTS.contains(&c) || c == '\u{af}'
}

/// An arrow token (`=>`, `->`, `-->`, `→`): in paired examples it leads from a source to its
/// translation or result (`… the red car. => La voiture rouge …`), so after final punctuation it
/// opens a unit.
fn starts_with_arrow(s: &str) -> bool {
    let token = s.split(is_space).next().unwrap_or_default();
    matches!(token, "=>" | "->" | "-->" | "==>" | "→" | "⇒")
}

/// Spacing cedilla, diaeresis, acute, circumflex and tilde: accents without their letter.
const SPACING_ACCENTS: [char; 5] = ['\u{b8}', '\u{a8}', '\u{b4}', '\u{2c6}', '\u{2dc}'];

/// The word just before byte `end`, without opening quotes or brackets.
fn word_before(s: &str, end: usize) -> &str {
    // Look back a bounded distance: words that matter here are short, and an unbounded search
    // makes a 50 MB line without spaces (`a.a.a.…`) quadratic.
    let mut floor = end.saturating_sub(MAX_WORD_BYTES);
    while !s.is_char_boundary(floor) {
        floor += 1;
    }
    let start = s[floor..end].rfind(is_space).map_or(floor, |i| {
        floor + i + s[floor + i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = s[start..end].trim_start_matches(|c: char| !c.is_alphanumeric());
    strip_elision(word)
}

/// French elision belongs to the next word, not to an abbreviation: `l’art.` is `art.`.
fn strip_elision(word: &str) -> &str {
    match word.find(['’', '\'']) {
        Some(i) if (1..=3).contains(&i) && word[..i].chars().all(char::is_lowercase) => {
            &word[i + word[i..].chars().next().map_or(1, char::len_utf8)..]
        }
        _ => word,
    }
}

/// How far [`word_before`] looks back and [`word_at`] ahead, in bytes.
const MAX_WORD_BYTES: usize = 64;

/// The word starting at byte `start`, without trailing punctuation.
fn word_at(s: &str, start: usize) -> &str {
    let mut ceiling = (start + MAX_WORD_BYTES).min(s.len());
    while !s.is_char_boundary(ceiling) {
        ceiling -= 1;
    }
    let end = s[start..ceiling]
        .find(is_space)
        .map_or(ceiling, |i| start + i);
    s[start..end].trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
}

/// A short number or a single letter at the start of a segment (after bullets), followed by a
/// period: a list label, not a sentence.
fn is_list_label(s: &str, term_start: usize, word: &str) -> bool {
    let label = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let short_number = (1..=3).contains(&label.len()) && label.chars().all(|c| c.is_ascii_digit());
    let letter = label.chars().count() == 1 && label.chars().all(char::is_lowercase);
    let at_start = s[..term_start - word.len()]
        .chars()
        .all(|c| is_space(c) || matches!(c, '•' | '⁃' | '-' | '*' | '–' | '·'));
    (short_number || letter) && at_start
}

/// A French speech tag with its subject after the verb (`demanda-t-il`, `dit-elle`,
/// `s’écria-t-on`): after `?` it continues the sentence.
fn is_inverted_incise(word: &str) -> bool {
    const SUBJECTS: [&str; 7] = ["-il", "-elle", "-on", "-ils", "-elles", "-je", "-nous"];
    let lower = word.to_lowercase();
    lower.contains("-t-") || SUBJECTS.iter().any(|s| lower.ends_with(s))
}

/// `a. `, `b) `, `12. `, `• 3) `: a line that opens a list item.
fn starts_with_list_label(line: &str) -> bool {
    lists::Label::parse(line.trim_start_matches(is_space)).is_some_and(|l| l.value.is_some())
}

/// A lower-case letter after a number is a unit, not an initial: `13 p.` (pages, at the end
/// of a reference), `200 m.`, `5 h.`. Initials are capitals.
fn is_unit_after_number(s: &str, term_start: usize, word: &str) -> bool {
    let mut chars = word.chars();
    let letter = chars.next().is_some_and(char::is_lowercase) && chars.next().is_none();
    let before = s[..term_start - word.len()].trim_end_matches(is_space);
    letter
        && before.len() < term_start - word.len()
        && before.ends_with(|c: char| c.is_ascii_digit())
}

/// A single letter (`J. K. Rowling`, German `z. B.`) or hyphenated initials (`J.-P.`).
fn is_initial(word: &str) -> bool {
    let mut parts = word.split('.').map(|p| p.trim_start_matches('-'));
    parts.all(|p| {
        let mut chars = p.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    })
}

/// Letters joined by periods (`U.S`, `a.m`, `Ph.D`): abbreviations even when not listed.
fn is_dotted_abbreviation(word: &str) -> bool {
    let first = word.split('.').next().map_or(0, |p| p.chars().count());
    word.contains('.')
        && first <= 2 // `run.sh` is a file name
        && word.split('.').all(|p| {
            let n = p.chars().count();
            (1..=3).contains(&n) && p.chars().all(char::is_alphabetic)
        })
}

/// The sentences' texts, for tests here and in `golden`.
#[cfg(test)]
fn split(lang: &str, text: &str) -> Vec<String> {
    Splitter::new(lang)
        .split(text)
        .into_iter()
        .map(|s| s.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_final_punctuation_before_a_capital() {
        assert_eq!(
            split("en", "It rained. Then it stopped! Why? Nobody knows…"),
            ["It rained.", "Then it stopped!", "Why?", "Nobody knows…"]
        );
    }

    #[test]
    fn no_split_before_lower_case() {
        assert_eq!(
            split("en", "He said no. and left."),
            ["He said no. and left."]
        );
    }

    #[test]
    fn french_titles_do_not_end_sentences() {
        assert_eq!(
            split(
                "fr",
                "M. Dupont et Mme Martin sont venus. MM. Durand aussi."
            ),
            ["M. Dupont et Mme Martin sont venus.", "MM. Durand aussi."]
        );
    }

    #[test]
    fn english_titles_and_latin_forms() {
        assert_eq!(
            split(
                "en",
                "Mr. Smith met Dr. Jones, e.g. on Monday. They talked."
            ),
            ["Mr. Smith met Dr. Jones, e.g. on Monday.", "They talked."]
        );
    }

    #[test]
    fn number_abbreviations_hold_only_before_numbers() {
        assert_eq!(
            split("fr", "Voir p. 12 et art. 3 du code. La suite."),
            ["Voir p. 12 et art. 3 du code.", "La suite."]
        );
        assert_eq!(
            split("en", "See No. 5 below. It works."),
            ["See No. 5 below.", "It works."]
        );
    }

    #[test]
    fn ambiguous_abbreviation_ends_a_sentence_before_a_starter() {
        assert_eq!(
            split("en", "He works for Acme Co. The firm is small."),
            ["He works for Acme Co.", "The firm is small."]
        );
        assert_eq!(
            split("en", "He moved to the U.S. Senate staff."),
            ["He moved to the U.S. Senate staff."]
        );
        assert_eq!(
            split("fr", "Des pommes, des poires, etc. Le marché ouvre."),
            ["Des pommes, des poires, etc.", "Le marché ouvre."]
        );
    }

    #[test]
    fn initials_are_not_sentence_ends() {
        assert_eq!(
            split("en", "J. K. Rowling wrote it. J.-P. Martin read it."),
            ["J. K. Rowling wrote it.", "J.-P. Martin read it."]
        );
    }

    #[test]
    fn list_labels_at_line_start_are_not_sentences() {
        assert_eq!(
            split(
                "en",
                "1. The first item\n2. The second item\n• 10. Bullet\na. Letter item"
            ),
            [
                "1. The first item",
                "2. The second item",
                "• 10. Bullet",
                "a. Letter item"
            ]
        );
        assert_eq!(
            split("en", "It ended in 1994. The war"),
            ["It ended in 1994.", "The war"]
        );
    }

    #[test]
    fn web_text_sentences_in_lower_case() {
        assert_eq!(
            split(
                "en",
                "i will let you know later. what are you doing tonight? bet? really, no idea."
            ),
            [
                "i will let you know later.",
                "what are you doing tonight?",
                "bet?",
                "really, no idea."
            ]
        );
    }

    #[test]
    fn lower_case_after_an_abbreviation_or_brand_continues() {
        assert_eq!(
            split(
                "en",
                "Were Jane and co. at the party? She works at Yahoo! in sales."
            ),
            [
                "Were Jane and co. at the party?",
                "She works at Yahoo! in sales."
            ]
        );
        assert_eq!(split("de", "Das ist z. B. gut."), ["Das ist z. B. gut."]);
    }

    #[test]
    fn unlisted_capitalised_abbreviation_before_lower_case_continues() {
        assert_eq!(
            split("fr", "Le président de la Rép. est venu."),
            ["Le président de la Rép. est venu."]
        );
        assert_eq!(
            split("en", "we met at Denver. it was cold"),
            ["we met at Denver.", "it was cold"]
        );
    }

    #[test]
    fn missing_space_after_a_period() {
        assert_eq!(
            split(
                "en",
                "I study medicine.But it is long. Burger King.....Great. Mc.Donalds is near."
            ),
            [
                "I study medicine.",
                "But it is long.",
                "Burger King.....Great.",
                "Mc.Donalds is near."
            ]
        );
    }

    #[test]
    fn detached_period_and_repeated_exclamation_before_lower_case() {
        assert_eq!(
            split(
                "en",
                "it was friendly . and quick. COME RIGHT AWAY!!! or else."
            ),
            [
                "it was friendly .",
                "and quick.",
                "COME RIGHT AWAY!!!",
                "or else."
            ]
        );
    }

    #[test]
    fn links_stand_alone_in_web_text() {
        assert_eq!(
            split(
                "en",
                "The link: http://a.com/x?id=1 http://b.org Write to <jo@x.com> Thanks"
            ),
            [
                "The link: http://a.com/x?id=1",
                "http://b.org",
                "Write to <jo@x.com>",
                "Thanks"
            ]
        );
        assert_eq!(
            split("en", "Visit www.x.com for more."),
            ["Visit www.x.com for more."]
        );
    }

    #[test]
    fn french_inverted_speech_tag_continues_after_a_question() {
        assert_eq!(
            split("fr", "— Tu viens ? demanda-t-il. — Oui ? dit-elle."),
            ["— Tu viens ? demanda-t-il.", "— Oui ? dit-elle."]
        );
    }

    #[test]
    fn a_title_after_an_ambiguous_period_opens_a_sentence() {
        assert_eq!(
            split("en", "He left at 6 P.M. Mr. Smith then went home."),
            ["He left at 6 P.M.", "Mr. Smith then went home."]
        );
    }

    #[test]
    fn decimals_and_dates() {
        assert_eq!(
            split(
                "fr",
                "Le taux est de 3.5 %. Une maison à Stepanakert. 19.9.2023."
            ),
            [
                "Le taux est de 3.5 %.",
                "Une maison à Stepanakert.",
                "19.9.2023."
            ]
        );
    }

    #[test]
    fn french_guillemets_with_no_break_spaces() {
        assert_eq!(
            split(
                "fr",
                "«\u{a0}Pourquoi\u{a0}?\u{a0}» demanda-t-il. «\u{a0}Parce que.\u{a0}» Il sortit."
            ),
            [
                "«\u{a0}Pourquoi\u{a0}?\u{a0}» demanda-t-il.",
                "«\u{a0}Parce que.\u{a0}»",
                "Il sortit."
            ]
        );
    }

    #[test]
    fn closing_quote_then_period_then_lower_case_continues() {
        assert_eq!(
            split("fr", "Il exige « la paix ». de la région, a dit l’AFP."),
            ["Il exige « la paix ». de la région, a dit l’AFP."]
        );
    }

    #[test]
    fn english_curly_quotes() {
        assert_eq!(
            split("en", "“We will win.” She smiled. “Really?” he asked."),
            ["“We will win.”", "She smiled.", "“Really?” he asked."]
        );
    }

    #[test]
    fn ellipsis_in_brackets_does_not_split() {
        assert_eq!(
            split("fr", "Il a dit [...] Quelque chose. Fin."),
            ["Il a dit [...] Quelque chose.", "Fin."]
        );
    }

    #[test]
    fn headline_caption_and_byline_lines_are_sentences() {
        let text = "Bakou annonce une opération – Monde\nPhoto : AFP\nUne maison. 19.9.2023.\n\nTexte ici. Suite.\nGaspard Pettigrew\n";
        let got = Splitter::new("fr").split(text);
        let texts: Vec<_> = got.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Bakou annonce une opération – Monde",
                "Photo : AFP",
                "Une maison.",
                "19.9.2023.",
                "Texte ici.",
                "Suite.",
                "Gaspard Pettigrew"
            ]
        );
        let paragraphs: Vec<_> = got.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, [0, 0, 0, 0, 1, 1, 1]);
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        assert_eq!(
            split(
                "en",
                "The minister said\nthat the plan\nwould work. It did."
            ),
            ["The minister said that the plan would work.", "It did."]
        );
    }

    #[test]
    fn title_at_line_end_continues_on_next_line() {
        assert_eq!(
            split("fr", "Il a rencontré M.\nDupont hier."),
            ["Il a rencontré M. Dupont hier."]
        );
    }

    #[test]
    fn clauses_cut_at_colon_and_semicolon() {
        let splitter = Splitter::new("fr").with_units(Units::Clauses);
        let texts: Vec<_> = splitter
            .split("Il nous a dit\u{a0}: voici la liste des noms\u{a0}; elle est courte. À 10:30, fin.")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(
            texts,
            [
                "Il nous a dit\u{a0}:",
                "voici la liste des noms\u{a0};",
                "elle est courte.",
                "À 10:30, fin."
            ]
        );
        let labels = Splitter::new("fr").with_units(Units::Clauses);
        assert_eq!(
            labels.split("Photo : AFP").len(),
            1,
            "a label is not a clause"
        );
        assert_eq!(
            split("fr", "Il nous a dit : voici."),
            ["Il nous a dit : voici."]
        );
    }

    #[test]
    fn clauses_keep_leading_labels_apart() {
        let splitter = Splitter::new("fr").with_units(Units::Clauses);
        let texts: Vec<_> = splitter
            .split("Cette méthode a deux avantages : (1) il est simple. [2] Bahl, L. : un titre, 1983.")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(
            texts,
            [
                "Cette méthode a deux avantages :",
                "(1)",
                "il est simple.",
                "[2]",
                "Bahl, L. : un titre, 1983."
            ]
        );
        // As sentences, a label stays with its item.
        assert_eq!(
            split("fr", "[2] Bahl, L. : un titre, 1983."),
            ["[2] Bahl, L. : un titre, 1983."]
        );
    }

    #[test]
    fn abbreviation_after_a_stray_symbol_is_still_known() {
        // Regression: `¯(p. 11)` (an OCR'd closing quote before the bracket) was cut after `p.`.
        assert_eq!(
            split("fr", "Quel ciel! ¯(p. 42) Puis la nuit."),
            ["Quel ciel! ¯(p. 42)", "Puis la nuit."]
        );
    }

    #[test]
    fn ocr_debris_before_a_sentence_start_opens_it() {
        assert_eq!(
            split("fr", "Il pleuvait. \u{b8} midi, le vent tourna. Fin."),
            ["Il pleuvait.", "\u{b8} midi, le vent tourna.", "Fin."]
        );
        assert_eq!(
            split("de", "Wer kommt mit? <Ich nicht. Gut."),
            ["Wer kommt mit?", "<Ich nicht.", "Gut."]
        );
        // A `<` before lower case or a spacing accent inside a sentence changes nothing.
        assert_eq!(
            split("en", "It is done. <br> was left in."),
            ["It is done. <br> was left in."]
        );
        let clauses = Splitter::new("de").with_units(Units::Clauses);
        let texts: Vec<_> = clauses
            .split("Da rief er laut: <Komm her!")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(texts, ["Da rief er laut:", "<Komm her!"]);
    }

    #[test]
    fn a_citation_after_final_punctuation_stays_with_its_sentence() {
        assert_eq!(
            split(
                "fr",
                "Il dit : « Tout ira bien ! » (Martin, p. 40) Le lendemain, il partit."
            ),
            [
                "Il dit : « Tout ira bien ! » (Martin, p. 40)",
                "Le lendemain, il partit."
            ]
        );
        assert_eq!(
            split(
                "en",
                "We must act now. (Debates, 1990/03/12) Yet nothing came of it."
            ),
            [
                "We must act now. (Debates, 1990/03/12)",
                "Yet nothing came of it."
            ]
        );
        // A sentence in brackets, a label, or lower case after the bracket: as before.
        assert_eq!(
            split("en", "He left. (He came back later.) Then he slept."),
            ["He left.", "(He came back later.)", "Then he slept."]
        );
        assert_eq!(
            split("en", "It ends here. (2) The next example."),
            ["It ends here.", "(2) The next example."]
        );
        assert_eq!(
            split("en", "It ends here. (see p. 4) and more."),
            ["It ends here.", "(see p. 4) and more."]
        );
    }

    #[test]
    fn an_arrow_after_final_punctuation_opens_a_unit() {
        assert_eq!(
            split("en", "The cat sleeps... => Le chat dort. So x => y holds."),
            ["The cat sleeps...", "=> Le chat dort.", "So x => y holds."]
        );
        assert_eq!(
            split("en", "He cited it: the end [...] -> La fin."),
            ["He cited it: the end [...]", "-> La fin."]
        );
    }

    #[test]
    fn a_headline_run_into_its_article_ends_at_its_closing_quote() {
        assert_eq!(
            split(
                "en",
                "Mayor Says 'Not One More Tower' The city council met on Monday."
            ),
            [
                "Mayor Says 'Not One More Tower'",
                "The city council met on Monday."
            ]
        );
        assert_eq!(
            split(
                "fr",
                "Le maire promet « zéro tour de plus » La ville a voté lundi."
            ),
            [
                "Le maire promet « zéro tour de plus »",
                "La ville a voté lundi."
            ]
        );
        assert_eq!(
            split(
                "en",
                "Trains may run late (but not on weekday mornings) Commuters were told on Monday."
            ),
            [
                "Trains may run late (but not on weekday mornings)",
                "Commuters were told on Monday.",
            ]
        );
        // A label, a plural `(s)`, an apostrophe, or a quote after the first sentence: no cut.
        for whole in [
            "The forms for (a) US firms, (b) Funds are here.",
            "Please list the one(s) I should buy.",
            "The mayor's plan won't pass Tuesday.",
            "It rained. Then he said \"no\" Paul left.",
        ] {
            assert_eq!(
                split("en", whole).len(),
                1 + whole.matches(". ").count(),
                "{whole}"
            );
        }
    }

    #[test]
    fn a_unit_after_a_number_ends_a_reference() {
        assert_eq!(
            split(
                "en",
                "Technical report, Paris, 42 p. DUPONT, Jean (1990): A title."
            ),
            [
                "Technical report, Paris, 42 p.",
                "DUPONT, Jean (1990): A title."
            ]
        );
        assert_eq!(
            split("fr", "Il a couru 200 m. Puis il s'est arrêté."),
            ["Il a couru 200 m.", "Puis il s'est arrêté."]
        );
        // A capital after a number is still an initial, and `p.` before a number holds.
        assert_eq!(
            split("en", "In 1990 J. Smith wrote it, see p. 12 of it."),
            ["In 1990 J. Smith wrote it, see p. 12 of it."]
        );
    }

    #[test]
    fn e_mail_addresses_are_not_cut_at_their_dots() {
        assert_eq!(
            split(
                "fr",
                "Écrivez à Presse.Contact@ministere.gouv.fr dès demain. Merci."
            ),
            [
                "Écrivez à Presse.Contact@ministere.gouv.fr dès demain.",
                "Merci."
            ]
        );
        assert_eq!(
            split("en", "Mail jane.Doe@Example.Com today."),
            ["Mail jane.Doe@Example.Com today."]
        );
    }

    #[test]
    fn german_abbreviations_and_ordinals() {
        assert_eq!(
            split(
                "de",
                "Wir kamen am 3. Mai an. Der Eintritt kostet Fr. 12.- pro Person. Vgl. S. 40 im 2. Band."
            ),
            [
                "Wir kamen am 3. Mai an.",
                "Der Eintritt kostet Fr. 12.- pro Person.",
                "Vgl. S. 40 im 2. Band."
            ]
        );
        // A year or a count at the end of a sentence still ends it.
        assert_eq!(
            split("de", "Das war 1988. Danach kamen 12. Sie blieben."),
            ["Das war 1988.", "Danach kamen 12.", "Sie blieben."]
        );
    }

    #[test]
    fn generic_rules_for_other_languages() {
        assert_eq!(
            split("it", "Va bene. Il giorno era lungo."),
            ["Va bene.", "Il giorno era lungo."]
        );
    }

    #[test]
    fn plain_bytes_are_skipped_eight_at_a_time_up_to_the_first_that_is_not() {
        let plain = |b: u8| b < 0x80 && !matches!(b, b'.' | b'!' | b'?' | b':' | b';');
        for b in 0..=u8::MAX {
            for at in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[at] = b;
                let first = bytes.iter().position(|&b| !plain(b)).unwrap_or(bytes.len());
                // Whole words of eight passed over, up to the word that holds the first.
                assert_eq!(skip_plain(&bytes, 0), first / 8 * 8, "{b} at {at}");
            }
        }
    }

    #[test]
    fn presplit_keeps_lines_and_counts_paragraphs() {
        let got = presplit("Un.\nDeux  trois.\n\n\n  Quatre\n");
        let pairs: Vec<_> = got.iter().map(|s| (s.text.as_str(), s.paragraph)).collect();
        assert_eq!(pairs, [("Un.", 0), ("Deux trois.", 0), ("Quatre", 1)]);
    }

    #[test]
    fn multiple_blank_lines_and_spaces_only_lines_separate_paragraphs() {
        let got = Splitter::new("fr").split("A b.\n \u{a0}\n\nC d.");
        assert_eq!(got[1].paragraph, 1);
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_quotation_closed_after_a_comma_goes_on_with_its_speaker() {
        assert_eq!(
            split(
                "en",
                "\"We won the match in the end,\" Coach Ana Ruiz said. \"Next week.\""
            ),
            [
                "\"We won the match in the end,\" Coach Ana Ruiz said.",
                "\"Next week.\""
            ]
        );
    }

    #[test]
    fn pictographs_and_credits_open_a_sentence() {
        assert_eq!(
            split(
                "fr",
                "Personne n'a été blessé. 📷 Envoyez-nous vos photos !"
            ),
            ["Personne n'a été blessé.", "📷 Envoyez-nous vos photos !"]
        );
        assert_eq!(
            split("en", "The band on stage in 1981. © City archives"),
            ["The band on stage in 1981.", "© City archives"]
        );
    }

    #[test]
    fn a_list_run_into_its_sentence_after_a_colon() {
        assert_eq!(
            split(
                "en",
                "They ask for: - ten beds; - six nurses; - a night bonus."
            ),
            [
                "They ask for:",
                "- ten beds;",
                "- six nurses;",
                "- a night bonus."
            ]
        );
        // One dash is a sign, not a list.
        assert_eq!(
            split("fr", "Variation sur un an : - 5 % en mai."),
            ["Variation sur un an : - 5 % en mai."]
        );
    }

    #[test]
    fn thermostat_settings_are_numbers_abbreviated() {
        assert_eq!(
            split(
                "fr",
                "Préchauffez le four à 180 °C (th. 6). Étalez la pâte."
            ),
            ["Préchauffez le four à 180 °C (th. 6).", "Étalez la pâte."]
        );
    }

    #[test]
    fn hard_wrapped_lines_are_one_sentence_even_before_a_capital() {
        // Wrapped at 60: the capital after the break is a name, not a headline's end.
        let wrapped = "NEWS RELEASE - Northrail orders twelve new trains for the\n\
                       Hillford-Marsh line, to run from the spring of 2029 onwards.\n\
                       The trains will be built in the Dunmore works, where forty\n\
                       jobs will be created.";
        assert_eq!(
            split("en", wrapped),
            [
                "NEWS RELEASE - Northrail orders twelve new trains for the Hillford-Marsh line, \
                 to run from the spring of 2029 onwards.",
                "The trains will be built in the Dunmore works, where forty jobs will be created."
            ]
        );
        // Blank lines between wrapped paragraphs (five here, as extracted text has them) do
        // not hide the wrapping: they are not lines that fall short of the width.
        let short = "Twelve new trains will run on the line from the coast to the\n\
                     northern towns of the valley, and the first of them will reach\n\
                     Hillford in 2029.";
        let gap = "\n".repeat(6);
        let paragraphs = format!("{short}{gap}{short}{gap}{short}");
        assert_eq!(split("en", &paragraphs).len(), 3);
        // Lines alike in length that never run on in lower case are a list, not wrapping.
        let list = "Claire Dufresne, mayor of Mirande since the spring of 2025\n\
                    Gérard Pélissier, her predecessor, elected three times\n\
                    Julien Terrasse, a reporter at the local weekly since 2011\n\
                    Élodie Rachet, the festival's director for the last ten years";
        assert_eq!(split("en", list).len(), 4);
        // A headline above its text leaves room on its line: it ends there.
        assert_eq!(
            split(
                "en",
                "Northrail orders twelve trains\nThe order was announced on Monday by the company's managing director."
            ),
            [
                "Northrail orders twelve trains",
                "The order was announced on Monday by the company's managing director."
            ]
        );
    }

    #[test]
    fn a_chosen_line_break_after_an_abbreviation_ends_the_sentence() {
        let text = "By Ann Lee | Published June 3, 2025, 9:10 a.m.\n\
                    Consumer prices rose 2.3% over the year to May, after 2.0% in April, the office said.";
        assert_eq!(
            split("en", text),
            [
                "By Ann Lee | Published June 3, 2025, 9:10 a.m.",
                "Consumer prices rose 2.3% over the year to May, after 2.0% in April, the office said."
            ]
        );
        // In running text the abbreviation still holds.
        assert_eq!(
            split("en", "We met at 9:10 a.m. Monday in the hall."),
            ["We met at 9:10 a.m. Monday in the hall."]
        );
        // A label alone on its line is not a sentence's end.
        assert_eq!(
            split(
                "fr",
                "M.\nDupont est arrivé hier soir à la gare du Nord avec sa famille."
            ),
            ["M. Dupont est arrivé hier soir à la gare du Nord avec sa famille."]
        );
    }

    #[test]
    fn a_text_without_blank_lines_writes_one_paragraph_a_line() {
        let paragraphs = |text: &str| -> Vec<(String, usize)> {
            Splitter::new("fr")
                .split(text)
                .into_iter()
                .map(|s| (s.text, s.paragraph))
                .collect()
        };
        let page = "Le marché rouvre ses portes\nPar Ana Ruiz\n\
                    La halle a rouvert samedi. Les étals étaient pleins.\nPublicité\n\
                    Les travaux ont duré deux ans et coûté\ntrois millions d'euros.";
        let got = paragraphs(page);
        let numbers: Vec<usize> = got.iter().map(|(_, p)| *p).collect();
        assert_eq!(numbers, [0, 1, 2, 2, 3, 4]);
        // A sentence that goes on in lower case on the next line stays whole.
        assert_eq!(
            got[5].0,
            "Les travaux ont duré deux ans et coûté trois millions d'euros."
        );
        // With blank lines, the writer's paragraphs are the blocks between them.
        let blocks = paragraphs("Titre\nPar Ana Ruiz\n\nLa halle a rouvert. Elle est belle.");
        let numbers: Vec<usize> = blocks.iter().map(|(_, p)| *p).collect();
        assert_eq!(numbers, [0, 0, 1, 1]);
    }
}
