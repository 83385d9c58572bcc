//! Normalisation: the text every later stage sees.
//!
//! Documents come from the web: decomposed accents, no-break spaces of three kinds, CRLF,
//! stray control characters. We put the text in NFC, turn CRLF into LF and drop the characters
//! XML 1.0 forbids, but we never rewrite quotes, dashes or apostrophes: what we write out is the
//! document's own text.
//!
//! Other systems' line and page breaks are breaks here too, never nothing: a form feed (a page
//! break from `pdftotext`) and U+2029 PARAGRAPH SEPARATOR become a blank line, a paragraph
//! break for the splitter; a vertical tab (Word's manual line break), NEL (U+0085), U+2028
//! LINE SEPARATOR and the four ASCII separators (U+001C to U+001F: file, group, record and
//! unit) become a line feed. Dropping them as controls would glue the words around
//! them (`page un\fDébut` → `unDébut`).

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Normalises a whole document: NFC, LF line ends (from CRLF or a lone CR), other systems'
/// line and page breaks as line feeds (see the module's documentation), no XML-forbidden
/// characters.
///
/// Line by line: nothing composes across a line feed, and a clean line (nearly all of them) is
/// copied as it is, so one stray character does not send the whole document the slow way.
pub fn normalize(text: &str) -> String {
    normalized(text).into_owned()
}

/// [`normalize`], borrowing a text that is clean throughout (most documents): the pipeline
/// then splits the decoded text itself, not a copy (8 MB a side on the 100k bench, written
/// and faulted in).
pub(crate) fn normalized(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let mut clean = 0; // the bytes of the clean lines before the first line that is not
    let Some(first) = lines.by_ref().find(|line| {
        let ok = is_clean(line);
        clean += if ok { line.len() } else { 0 };
        !ok
    }) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..clean]);
    normalize_line(first, &mut out);
    for line in lines {
        if is_clean(line) {
            out.push_str(line);
        } else {
            normalize_line(line, &mut out);
        }
    }
    Cow::Owned(out)
}

/// The slow path for one line (ending in `\n`, or the text's last line).
/// Forbidden characters go before composing, so that what they stood between is NFC too.
fn normalize_line(line: &str, out: &mut String) {
    let mut after_cr = false;
    let kept = line
        .chars()
        .filter(|&c| c != '\u{feff}' && (is_xml_char(c) || break_of(c).is_some()));
    for c in kept.nfc() {
        match (c, break_of(c)) {
            ('\r', _) => out.push('\n'),
            ('\n', _) if after_cr => {}
            (_, Some(lines)) => out.push_str(lines),
            (c, None) => out.push(c),
        }
        after_cr = c == '\r';
    }
}

/// What a line or page break of another system becomes: a paragraph break (form feed,
/// PARAGRAPH SEPARATOR) or a line break (vertical tab, NEL, LINE SEPARATOR, and the ASCII
/// separators, which are never part of a word either).
fn break_of(c: char) -> Option<&'static str> {
    match c {
        '\u{c}' | '\u{2029}' => Some("\n\n"),
        '\u{b}' | '\u{85}' | '\u{2028}' | '\u{1c}'..='\u{1f}' => Some("\n"),
        _ => None,
    }
}

/// Already NFC, with no CR, BOM, forbidden character or break of [`break_of`]: nothing to do.
///
/// Below U+0300 and in General Punctuation (`’ “ ” …`, U+202F) but for its first two
/// characters (U+2000 and U+2001, which NFC turns into U+2002 and U+2003) nothing decomposes or
/// combines, so text made only of those (nearly all French and English) is NFC without table
/// look-ups.
fn is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut simple = true;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes of printable ASCII at a time (most of a line), any others one by one: on
        // the 100k bench's lines, French 55 → 47 ms, English 41 → 25 ms.
        if let Some(Ok(word)) = bytes.get(i..i + 8).map(<[u8; 8]>::try_from)
            && is_printable_ascii(word)
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            if b < 0x20 && b != b'\t' && b != b'\n' {
                return false; // CR, vertical tab, form feed and the controls XML forbids
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if matches!(c, '\u{feff}' | '\u{85}' | '\u{2028}' | '\u{2029}') || !is_xml_char(c) {
            return false;
        }
        simple &= c < '\u{300}' || ('\u{2002}'..='\u{20cf}').contains(&c);
        i += c.len_utf8();
    }
    simple || unicode_normalization::is_nfc(text)
}

/// Whether XML 1.0 allows `c` in a document (tab, LF and CR are the only C0 controls it takes).
pub fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// Every kind of space: Unicode White_Space (which covers U+00A0, U+202F, U+2009 …) plus the
/// zero-width space that web pages use as a break hint.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}'
}

/// No-break spaces carry French typography (`« oui »`, `7 000`); we keep them when they stand
/// alone instead of folding them to a plain space.
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// Trims `text` and folds each run of white space to one character: a lone no-break space is
/// kept as it is, any other run becomes one plain space.
pub fn fold_spaces(text: &str) -> String {
    let text = text.trim_matches(is_space);
    if !needs_folding(text) {
        return text.to_string(); // single ASCII spaces only: nothing to fold
    }
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    // Copy whole words at a time; only the spaces between them are looked at one by one.
    let mut word_start = None;
    let mut run = (None, 0); // first character of the current space run, and its length
    let mut i = 0;
    while i < bytes.len() {
        let (c, width) = if bytes[i] < 0x80 {
            (bytes[i] as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if !is_space(c) {
            if word_start.is_none() {
                if let (Some(first), len) = run
                    && !out.is_empty()
                {
                    out.push(if len == 1 && is_no_break_space(first) {
                        first
                    } else {
                        ' '
                    });
                }
                run = (None, 0);
                word_start = Some(i);
            }
        } else {
            if let Some(start) = word_start.take() {
                out.push_str(&text[start..i]);
            }
            run = (run.0.or(Some(c)), run.1 + 1);
        }
        i += width;
    }
    if let Some(start) = word_start {
        out.push_str(&text[start..]);
    }
    out
}

/// Whether `text` holds white space other than single ASCII spaces: a tab, a line break, two
/// spaces in a row, or a non-ASCII space (NBSP, U+2000–U+200B, U+202F, U+205F, U+3000 …).
///
/// Nearly every sentence is looked at and nearly none folds: two searches that skip the
/// ordinary bytes fast (a space every six bytes made a byte-by-byte test of each a branch
/// mispredicted once a word).
fn needs_folding(text: &str) -> bool {
    if text.contains("  ") {
        return true;
    }
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = find_may_fold(&bytes[from..]) {
        if folds_at(&bytes[from + at..]) {
            return true;
        }
        from += at + 1;
    }
    false
}

/// Where the first byte of [`may_fold`] is in `bytes`, eight bytes at a time: eight bytes of
/// printable ASCII (most of them) are passed over at once, any other eight looked at one by
/// one. A byte at a time, this search was nine tenths of `fold_spaces`.
fn find_may_fold(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if !is_printable_ascii(word)
            && let Some(i) = chunk.iter().position(|&b| may_fold(b))
        {
            return Some(at + i);
        }
        at += 8;
    }
    let rest = chunks.remainder().iter().position(|&b| may_fold(b));
    rest.map(|i| at + i)
}

/// Whether eight bytes are all printable ASCII (0x20 to 0x7f), tested at once: no high bit,
/// and no borrow from subtracting 0x20 from each, which sets the high bit of a byte below
/// 0x20 where the byte's own is clear.
fn is_printable_ascii(word: [u8; 8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let x = u64::from_ne_bytes(word);
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    (x & HIGH) | below_space == 0
}

/// A byte that may start white space to fold: a control, or the first byte of a non-ASCII
/// space's UTF-8 (and of many other characters: `«` and `’` start with `0xc2` and `0xe2`).
fn may_fold(b: u8) -> bool {
    b < 0x20 || matches!(b, 0xc2 | 0xe1..=0xe3)
}

/// Whether `bytes` start with white space to fold other than two ASCII spaces: a tab, a line
/// break, or the UTF-8 of every other White_Space character (and U+200B), byte by byte.
fn folds_at(bytes: &[u8]) -> bool {
    let next = |k: usize| bytes.get(k).copied().unwrap_or(0);
    match next(0) {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f => true,
        0xc2 => matches!(next(1), 0x85 | 0xa0),
        0xe1 => next(1) == 0x9a && next(2) == 0x80,
        0xe2 => match next(1) {
            0x80 => matches!(next(2), 0x80..=0x8b | 0xa8 | 0xa9 | 0xaf),
            0x81 => next(2) == 0x9f,
            _ => false,
        },
        0xe3 => next(1) == 0x80 && next(2) == 0x80,
        _ => false,
    }
}

/// The length the aligner uses: characters, with every run of white space counted once.
///
/// Counted as the characters less the ASCII spaces that follow one, in loops without a branch,
/// when the text holds no non-ASCII space (only the first bytes of their UTF-8 are looked
/// for); character by character otherwise (a no-break space). On the 100k bench's lines,
/// against character by character with an ASCII path: French 1.5x, English 2.3x faster.
pub fn char_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let chars = if text.is_ascii() {
        bytes.len() // most sentences of most corpora
    } else if has_wide_space(bytes) {
        return char_len_by_chars(text);
    } else {
        bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count()
    };
    let (repeats, _) = bytes.iter().fold((0, false), |(repeats, after_space), &b| {
        let space = is_ascii_space(b);
        (repeats + usize::from(after_space & space), space)
    });
    chars - repeats
}

/// [`char_len`] character by character.
fn char_len_by_chars(text: &str) -> usize {
    let mut len = 0;
    let mut in_space = false;
    for c in text.chars() {
        let space = is_space(c);
        if !(space && in_space) {
            len += 1;
        }
        in_space = space;
    }
    len
}

/// Whether UTF-8 `bytes` hold white space outside ASCII (or U+200B).
fn has_wide_space(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = bytes[from..]
        .iter()
        .position(|&b| matches!(b, 0xc2 | 0xe1..=0xe3))
    {
        if folds_at(&bytes[from + at..]) {
            return true;
        }
        from += at + 1;
    }
    false
}

/// ASCII white space as `char::is_whitespace` knows it: tab, line feed, vertical tab, form
/// feed, carriage return and space.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_to_nfc() {
        assert_eq!(normalize("e\u{301}te\u{301}"), "été");
    }

    #[test]
    fn drops_bom_cr_and_forbidden_controls() {
        assert_eq!(normalize("\u{feff}a\r\nb\u{1}c\u{fffe}d\u{1b}e"), "a\nbcde");
    }

    #[test]
    fn lone_cr_is_a_line_break() {
        assert_eq!(
            normalize("Titre\rTexte.\r\rSuite.\r\n"),
            "Titre\nTexte.\n\nSuite.\n"
        );
    }

    #[test]
    fn page_and_line_breaks_are_breaks_not_nothing() {
        assert_eq!(normalize("page un\u{c}Début"), "page un\n\nDébut");
        assert_eq!(normalize("a\u{2029}b"), "a\n\nb");
        for c in ['\u{b}', '\u{85}', '\u{2028}', '\u{1c}', '\u{1f}'] {
            assert_eq!(normalize(&format!("un{c}deux")), "un\ndeux", "{c:?}");
        }
        assert_eq!(normalize("a\r\u{c}\r\nb"), "a\n\n\n\nb");
    }

    #[test]
    fn a_page_break_is_a_paragraph_break_for_the_splitter() {
        let text = normalize("Fin de la page un.\u{c}Début de la page deux.\u{2029}Trois.");
        let got = crate::split::Splitter::new("fr").split(&text);
        let got: Vec<_> = got.iter().map(|s| (s.text.as_str(), s.paragraph)).collect();
        assert_eq!(
            got,
            [
                ("Fin de la page un.", 0),
                ("Début de la page deux.", 1),
                ("Trois.", 2)
            ]
        );
    }

    #[test]
    fn composes_across_a_dropped_control() {
        assert_eq!(normalize("e\u{1}\u{301}t\u{301}\u{1}e"), "ét\u{301}e");
        assert!(unicode_normalization::is_nfc(&normalize("e\u{1}\u{301}")));
    }

    /// The fast path (a line copied as it is) is taken only where the slow one changes nothing:
    /// every character of the first planes between two letters, and lines that mix them.
    #[test]
    fn clean_lines_are_what_the_slow_path_makes_of_them() {
        let slow = |line: &str| {
            let mut out = String::new();
            normalize_line(line, &mut out);
            out
        };
        let chars = (0..0x3100).chain(0xfe00..0x10000).chain(0x1d100..0x1d200);
        for c in chars.filter_map(char::from_u32) {
            for line in [format!("a{c}b"), format!("{c}"), format!("e{c}\n")] {
                if is_clean(&line) {
                    assert_eq!(slow(&line), line, "{c:?}");
                } else {
                    assert_eq!(normalize(&slow(&line)), slow(&line), "{c:?}");
                }
            }
        }
        for line in [
            "l’été « x »\n",
            "e\u{301}",
            "a\u{2028}",
            "\u{85}",
            "x\u{c}\n",
        ] {
            assert_eq!(is_clean(line), slow(line) == line, "{line:?}");
        }
    }

    #[test]
    fn printable_ascii_is_told_eight_bytes_at_a_time() {
        for b in 0..=u8::MAX {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = b;
                assert_eq!(is_printable_ascii(word), (0x20..0x80).contains(&b), "{b}");
            }
        }
        // Lines long enough for whole words of eight, around every character of the test above.
        for c in (0..0x3100)
            .chain(0xfe00..0x10000)
            .filter_map(char::from_u32)
        {
            let line = format!("abcdefgha{c}bcdefghijklmnop\n");
            assert_eq!(is_clean(&line), is_clean(&format!("a{c}b")), "{c:?}");
        }
    }

    #[test]
    fn keeps_c1_controls_that_xml_allows() {
        // U+0096 is a mis-decoded Windows-1252 dash: XML 1.0 allows it and it is the
        // document's own text, so it stays.
        assert_eq!(normalize("a\u{96}b"), "a\u{96}b");
    }

    #[test]
    fn keeps_tab_and_quotes_as_written() {
        assert_eq!(normalize("« l’été » – “ok”\t"), "« l’été » – “ok”\t");
    }

    #[test]
    fn every_unicode_space_is_a_space() {
        for c in [
            '\u{a0}', '\u{202f}', '\u{2009}', '\u{3000}', '\u{200b}', '\t', '\n', '\u{b}', '\u{c}',
            '\u{85}', '\u{2028}', '\u{2029}',
        ] {
            assert!(is_space(c), "{c:?}");
        }
        assert!(!is_space('x'));
    }

    #[test]
    fn folds_runs_and_trims() {
        assert_eq!(fold_spaces("  a \t\n b\u{2009}\u{2009}c  "), "a b c");
    }

    #[test]
    fn fast_path_agrees_with_the_slow_one() {
        for text in [
            " a b ",
            "a  b",
            "a\tb",
            "a\u{a0}b",
            "l’été « x »",
            "a\u{2009}b",
            "x",
            "a\u{b}b\u{c}c",
            "a\u{85}b\u{2028}\u{2029}c",
            " \u{2029}a\u{c} ",
        ] {
            let slow: String = text
                .split(is_space)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if !text.contains('\u{a0}') {
                assert_eq!(fold_spaces(text), slow, "{text:?}");
            }
        }
    }

    #[test]
    fn the_byte_test_knows_every_unicode_space() {
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_space(c) && c != ' ')
        {
            assert!(needs_folding(&c.to_string()), "{c:?}");
        }
        assert!(!needs_folding("l’été « x » — ok"));
    }

    /// The definition [`needs_folding`] replaced: every byte tested in turn.
    fn needs_folding_bytewise(bytes: &[u8]) -> bool {
        bytes.iter().enumerate().any(|(i, &b)| {
            (b == b' ' && bytes.get(i + 1) == Some(&b' ')) || (b != b' ' && folds_at(&bytes[i..]))
        })
    }

    /// Strings of the characters that matter (spaces of every kind, controls, the other
    /// characters whose UTF-8 starts like a space's), drawn at random.
    fn mixed_strings() -> impl Iterator<Item = String> {
        let alphabet: Vec<char> = " \t\n\r\u{b}\u{c}\u{1}\u{1c}\u{1f}ab.'é’«»—…\u{a0}\u{85}\u{ab}\u{1680}\u{1681}\u{2000}\u{200a}\u{200b}\u{200c}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{3001}\u{2060}x"
            .chars()
            .collect();
        let mut seed: u64 = 25;
        (0..20_000).map(move |_| {
            let mut next = || {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (seed >> 33) as usize
            };
            let len = next() % 12;
            (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect()
        })
    }

    #[test]
    fn the_search_eight_bytes_at_a_time_finds_the_first_byte_that_may_fold() {
        for text in mixed_strings() {
            let padded = format!("abcdefg{text}{text}");
            for bytes in [text.as_bytes(), padded.as_bytes()] {
                let one_by_one = bytes.iter().position(|&b| may_fold(b));
                assert_eq!(find_may_fold(bytes), one_by_one, "{text:?}");
            }
        }
        for b in 0..=u8::MAX {
            for at in 0..17 {
                let mut bytes = vec![b'a'; 17];
                bytes[at] = b;
                let one_by_one = bytes.iter().position(|&b| may_fold(b));
                assert_eq!(find_may_fold(&bytes), one_by_one, "{b} at {at}");
            }
        }
    }

    #[test]
    fn the_two_searches_are_the_byte_by_byte_test() {
        for text in mixed_strings() {
            assert_eq!(
                needs_folding(&text),
                needs_folding_bytewise(text.as_bytes()),
                "{text:?}"
            );
        }
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                needs_folding(&text),
                needs_folding_bytewise(text.as_bytes()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn a_clean_text_is_borrowed() {
        let clean = "l’été « x »\nDeux.\n";
        assert!(matches!(normalized(clean), Cow::Borrowed(text) if text == clean));
        assert!(matches!(normalized("\u{feff}a\n"), Cow::Borrowed("a\n")));
        for text in ["a\nb\r\nc\n", "a\ne\u{301}", "x\u{c}\ny\n", "\u{feff}a\r"] {
            let Cow::Owned(owned) = normalized(text) else {
                panic!("{text:?}");
            };
            let by_line: String = text
                .trim_start_matches('\u{feff}')
                .split_inclusive('\n')
                .map(|line| {
                    let mut out = String::new();
                    normalize_line(line, &mut out);
                    out
                })
                .collect();
            assert_eq!(owned, by_line, "{text:?}");
        }
    }

    #[test]
    fn keeps_a_lone_no_break_space() {
        assert_eq!(fold_spaces("«\u{a0}oui\u{202f}»"), "«\u{a0}oui\u{202f}»");
        assert_eq!(fold_spaces("7\u{a0} 000"), "7 000");
    }

    /// [`char_len`] as it was defined: character by character.
    #[test]
    fn the_length_is_the_count_character_by_character() {
        for text in mixed_strings() {
            assert_eq!(char_len(&text), char_len_by_chars(&text), "{text:?}");
        }
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for text in [format!("a{c}b"), format!(" {c}{c} "), format!("{c}\u{a0}é")] {
                assert_eq!(char_len(&text), char_len_by_chars(&text), "{text:?}");
            }
        }
        for b in 0..0x80u8 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b}");
        }
    }

    #[test]
    fn length_counts_a_space_run_once() {
        assert_eq!(char_len("ab  \u{a0}cd"), 5);
        assert_eq!(char_len("été"), 3);
        // ASCII takes a path of its own: every white space char::is_whitespace knows.
        assert_eq!(char_len("a \t\n\r\u{b}\u{c}b  c"), 5);
        assert_eq!(char_len("a \t\n\r\u{b}\u{c}b  cé"), 6);
    }
}
