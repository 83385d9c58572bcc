//! Normalisation: the text every later stage sees.
//!
//! Documents come from the web: decomposed accents, no-break spaces of three kinds, CRLF,
//! stray control characters. We put the text in NFC, turn CRLF into LF and drop the characters
//! XML 1.0 forbids, but we never rewrite quotes, dashes or apostrophes: what we write out is the
//! document's own text.

use unicode_normalization::UnicodeNormalization;

/// Normalises a whole document: NFC, LF line ends (from CRLF or a lone CR), no
/// XML-forbidden characters.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut after_cr = false;
    for c in text.nfc() {
        match c {
            '\r' => out.push('\n'),
            '\n' if after_cr => {}
            '\u{feff}' => {}
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
        after_cr = c == '\r';
    }
    out
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
    let mut out = String::with_capacity(text.len());
    let mut run: Option<char> = None;
    let mut run_len = 0;
    for c in text.chars() {
        if is_space(c) {
            run.get_or_insert(c);
            run_len += 1;
            continue;
        }
        if let Some(first) = run.take() {
            if !out.is_empty() {
                out.push(if run_len == 1 && is_no_break_space(first) {
                    first
                } else {
                    ' '
                });
            }
            run_len = 0;
        }
        out.push(c);
    }
    out
}

/// The length the aligner uses: characters, with every run of white space counted once.
pub fn char_len(text: &str) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_to_nfc() {
        assert_eq!(normalize("e\u{301}te\u{301}"), "été");
    }

    #[test]
    fn drops_bom_cr_and_forbidden_controls() {
        assert_eq!(normalize("\u{feff}a\r\nb\u{1}c\u{b}d\u{fffe}e"), "a\nbcde");
    }

    #[test]
    fn lone_cr_is_a_line_break() {
        assert_eq!(
            normalize("Titre\rTexte.\r\rSuite.\r\n"),
            "Titre\nTexte.\n\nSuite.\n"
        );
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
            '\u{a0}', '\u{202f}', '\u{2009}', '\u{3000}', '\u{200b}', '\t', '\n',
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
    fn keeps_a_lone_no_break_space() {
        assert_eq!(fold_spaces("«\u{a0}oui\u{202f}»"), "«\u{a0}oui\u{202f}»");
        assert_eq!(fold_spaces("7\u{a0} 000"), "7 000");
    }

    #[test]
    fn length_counts_a_space_run_once() {
        assert_eq!(char_len("ab  \u{a0}cd"), 5);
        assert_eq!(char_len("été"), 3);
    }
}
