//! Lists written on one line: `1.) The first item 2.) The second item`, `a. One b. Two`,
//! `• 9. First • 10. Second`. Each item is a sentence, whatever its punctuation.

use crate::normalize::is_space;

const BULLETS: [char; 5] = ['•', '⁃', '*', '·', '▪'];

/// A list label: an optional bullet, then a number or a letter and its separator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label<'a> {
    /// The bullet and the spaces after it, as written (`"• "`, `"⁃"`, `""`).
    pub(crate) bullet: &'a str,
    /// `1`, `9`, or a lower-case letter; `None` for a bare bullet.
    pub(crate) value: Option<Value>,
    /// What follows the value: `.`, `)`, `.)`.
    pub(crate) separator: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value {
    Number(u32),
    Letter(char),
}

impl<'a> Label<'a> {
    /// Reads a label at the start of `s` (which must be followed by a space).
    pub(crate) fn parse(s: &'a str) -> Option<Self> {
        let after_bullet = s.trim_start_matches(BULLETS).trim_start_matches(is_space);
        let bullet = &s[..s.len() - after_bullet.len()];
        let value_len = after_bullet
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(after_bullet.len(), |(i, _)| i);
        let raw = &after_bullet[..value_len];
        let value = if (1..=3).contains(&raw.len()) && raw.chars().all(|c| c.is_ascii_digit()) {
            raw.parse().ok().map(Value::Number)
        } else {
            // Lower case only: `A. Smith` is an initial, not an item.
            let mut chars = raw.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_lowercase() => Some(Value::Letter(c)),
                _ => None,
            }
        };
        if value.is_none() {
            // A bare bullet: what follows is the item.
            return (!bullet.trim().is_empty()).then_some(Label {
                bullet,
                value: None,
                separator: "",
            });
        }
        let rest = &after_bullet[value_len..];
        let separator_len = rest.len() - rest.trim_start_matches(['.', ')']).len();
        let separator = &rest[..separator_len];
        let followed_by_space = rest[separator_len..].starts_with(is_space);
        let valid = matches!(separator, "." | ")" | ".)") && followed_by_space;
        valid.then_some(Label {
            bullet,
            value,
            separator,
        })
    }

    /// The label of the next item: `2.)` after `1.)`, `b.` after `a.`, the same bullet.
    fn successor(&self) -> String {
        let value = match self.value {
            Some(Value::Number(n)) => (n + 1).to_string(),
            Some(Value::Letter(c)) => char::from_u32(c as u32 + 1)
                .map(String::from)
                .unwrap_or_default(),
            None => return self.bullet.trim_end_matches(is_space).to_string(),
        };
        format!("{}{value}{}", self.bullet, self.separator)
    }
}

/// Cuts a segment that opens with a list label before each following label in sequence.
pub(crate) fn items(segment: &str) -> Vec<&str> {
    let body = segment.trim_start_matches(is_space);
    let Some(mut label) = Label::parse(body) else {
        return vec![segment];
    };
    let mut cuts = Vec::new();
    let mut from = segment.len() - body.len();
    loop {
        let next = label.successor();
        let Some(found) = find_label(segment, from, &next) else {
            break;
        };
        let Some(parsed) = Label::parse(&segment[found..]) else {
            break;
        };
        cuts.push(found);
        from = found + next.len();
        label = parsed;
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    for cut in cuts {
        pieces.push(&segment[start..cut]);
        start = cut;
    }
    pieces.push(&segment[start..]);
    pieces
}

/// The length in bytes of a label that opens `unit` and is followed by more text: `[12]`,
/// `(3)`, `(b)`, and the item labels of [`Label::parse`] (`1.`, `a)`, `2.)`), bullets aside.
/// Labels are identical in both languages, so as units of their own they align exactly and
/// leave the text after them to be aligned on its own.
pub(crate) fn leading_label_len(unit: &str) -> Option<usize> {
    let bracketed = |open: char, close: char, letters: bool| {
        let inner = unit.strip_prefix(open)?;
        let value_len = inner.find(close)?;
        let value = &inner[..value_len];
        let number = (1..=3).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
        let example = letters && is_example_number(value);
        let letter = letters && value.chars().count() == 1 && value.chars().all(char::is_lowercase);
        (number || letter || example).then_some(open.len_utf8() + value_len + close.len_utf8())
    };
    let len = bracketed('[', ']', false)
        .or_else(|| bracketed('(', ')', true))
        .or_else(|| {
            let label = Label::parse(unit).filter(|l| l.bullet.is_empty() && l.value.is_some())?;
            let value_len = unit.find(|c: char| !c.is_alphanumeric())?;
            Some(value_len + label.separator.len())
        })?;
    let rest = &unit[len..];
    let followed = rest.starts_with(is_space) && !rest.trim_start_matches(is_space).is_empty();
    followed.then_some(len)
}

/// An example number as linguists and technical writers label paired examples: `1a`, `12b`
/// (one to three digits, then one lower-case letter).
fn is_example_number(value: &str) -> bool {
    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
    let mut rest = value[digits..].chars();
    (1..=3).contains(&digits)
        && rest.next().is_some_and(|c| c.is_ascii_lowercase())
        && rest.next().is_none()
}

/// The byte offset of `label` after `from`, preceded by a space and followed by one.
fn find_label(segment: &str, from: usize, label: &str) -> Option<usize> {
    let mut search = from;
    while let Some(pos) = segment[search..].find(label) {
        let at = search + pos;
        let spaced_before = segment[..at].ends_with(is_space);
        let spaced_after = segment[at + label.len()..].starts_with(is_space);
        if spaced_before && spaced_after && !label.is_empty() {
            return Some(at);
        }
        search = at + label.len().max(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_labels_are_measured() {
        assert_eq!(leading_label_len("[12] Smith, J. : A title."), Some(4));
        assert_eq!(leading_label_len("(1) elle repose"), Some(3));
        assert_eq!(leading_label_len("b) une phrase"), Some(2));
        assert_eq!(leading_label_len("(2b) The second example"), Some(4));
        assert_eq!(leading_label_len("(12a) ... a quoted example"), Some(5));
        assert_eq!(leading_label_len("2.) The second"), Some(3));
        assert_eq!(leading_label_len("10. Conclusion"), Some(3));
        // Not labels, or nothing after them.
        assert_eq!(leading_label_len("[1]"), None);
        assert_eq!(leading_label_len("(Reuters) Paris"), None);
        assert_eq!(leading_label_len("• bullet item"), None);
        assert_eq!(leading_label_len("1994. The year"), None);
        assert_eq!(leading_label_len("[1234] Too long"), None);
        assert_eq!(leading_label_len("(2bc) Not an example"), None);
        assert_eq!(leading_label_len("(a1) Not an example"), None);
        assert_eq!(
            leading_label_len("[2b] Square brackets hold references"),
            None
        );
    }

    #[test]
    fn parses_labels() {
        let l = Label::parse("1.) The first").unwrap();
        assert_eq!((l.value, l.separator), (Some(Value::Number(1)), ".)"));
        assert_eq!(Label::parse("• 9. The").unwrap().bullet, "• ");
        assert_eq!(
            Label::parse("b) two").unwrap().value,
            Some(Value::Letter('b'))
        );
        assert!(Label::parse("1994. The").is_none());
        assert!(Label::parse("The end.").is_none());
        assert!(Label::parse("3.5 %").is_none());
    }

    #[test]
    fn cuts_inline_lists_in_sequence() {
        assert_eq!(
            items("1.) The first item 2.) The second item"),
            ["1.) The first item ", "2.) The second item"]
        );
        assert_eq!(
            items("a. The first item b. The second item c. The third"),
            ["a. The first item ", "b. The second item ", "c. The third"]
        );
        assert_eq!(
            items("⁃9. First ⁃10. Second"),
            ["⁃9. First ", "⁃10. Second"]
        );
        assert_eq!(items("• One • Two"), ["• One ", "• Two"]);
    }

    #[test]
    fn a_number_out_of_sequence_is_not_an_item() {
        assert_eq!(items("1. Buy 3. apples"), ["1. Buy 3. apples"]);
        assert_eq!(items("No list here 2. at all"), ["No list here 2. at all"]);
    }
}
