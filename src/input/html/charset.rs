//! The encoding a page declares: `<meta charset=…>` or `<meta http-equiv=Content-Type
//! content="…; charset=…">` within its first 1024 bytes, found as browsers' prescan finds it
//! (WHATWG HTML, "prescan a byte stream to determine its encoding": comments skipped, the first
//! `<meta>` that names a supported encoding wins, UTF-16 labels mean UTF-8, x-user-defined
//! means Windows-1252).

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How far the prescan looks (WHATWG HTML: "the first 1024 bytes").
const PRESCAN_BYTES: usize = 1024;

/// The encoding the first `<meta>` of `bytes` declares, if any names one we know.
pub(super) fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            at = find(head, at + 4, b"-->").map_or(head.len(), |end| end + 3);
        } else if is_meta_start(rest) {
            let (attributes, end) = attributes(head, at + 5);
            if let Some(encoding) = from_meta(&attributes) {
                return Some(encoding);
            }
            at = end;
        } else {
            at += 1;
        }
    }
    None
}

fn is_meta_start(rest: &[u8]) -> bool {
    rest.len() > 5
        && rest[..5].eq_ignore_ascii_case(b"<meta")
        && (rest[5].is_ascii_whitespace() || rest[5] == b'/')
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| from + k)
}

/// The attributes of the tag whose name ends before `at` (names lowercased), and where the
/// tag ends.
fn attributes(bytes: &[u8], mut at: usize) -> (Vec<(String, String)>, usize) {
    let mut found = Vec::new();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() || bytes[at] == b'>' {
            return (found, at + 1);
        }
        let start = at;
        while at < bytes.len() && !matches!(bytes[at], b'=' | b'>' | b'/') {
            if bytes[at].is_ascii_whitespace() {
                break;
            }
            at += 1;
        }
        let name = String::from_utf8_lossy(&bytes[start..at]).to_ascii_lowercase();
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = String::new();
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let (text, end) = attribute_value(bytes, at);
            value = text;
            at = end;
        }
        found.push((name, value));
    }
}

/// A quoted or bare attribute value starting at `at`, and where it ends.
fn attribute_value(bytes: &[u8], at: usize) -> (String, usize) {
    let text = |range: &[u8]| String::from_utf8_lossy(range).into_owned();
    match bytes.get(at) {
        Some(&quote @ (b'"' | b'\'')) => match find(bytes, at + 1, &[quote]) {
            Some(end) => (text(&bytes[at + 1..end]), end + 1),
            None => (text(&bytes[at + 1..]), bytes.len()),
        },
        _ => {
            let end = bytes[at..]
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'>')
                .map_or(bytes.len(), |k| at + k);
            (text(&bytes[at..end]), end)
        }
    }
}

/// The encoding one `<meta>` declares.
fn from_meta(attributes: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |name: &str| attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let label = match get("charset") {
        Some(label) => label.clone(),
        None => {
            let http_equiv = get("http-equiv")?;
            if !http_equiv.trim().eq_ignore_ascii_case("content-type") {
                return None;
            }
            charset_in_content(get("content")?)?
        }
    };
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    match encoding {
        e if e == UTF_16LE || e == UTF_16BE => Some(UTF_8),
        e if e == X_USER_DEFINED => Some(WINDOWS_1252),
        e if e == REPLACEMENT => None,
        e => Some(e),
    }
}

/// The `charset=` parameter of a `Content-Type` value (`text/html; charset="utf-8"`).
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        quote @ ('"' | '\'') => rest[1..].split(quote).next()?,
        _ => rest.split([';', ' ', '\t', '\n']).next()?,
    };
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(page: &str) -> Option<&'static str> {
        declared(page.as_bytes()).map(Encoding::name)
    }

    #[test]
    fn meta_charset_and_http_equiv_are_found() {
        assert_eq!(name("<html><head><meta charset=utf-8>"), Some("UTF-8"));
        assert_eq!(name("<META CHARSET=\"ISO-8859-1\">"), Some("windows-1252"));
        let equiv = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">";
        assert_eq!(name(equiv), Some("ISO-8859-15"));
        let reversed =
            "<meta content='text/html;charset=\"windows-1252\"' http-equiv=content-type />";
        assert_eq!(name(reversed), Some("windows-1252"));
    }

    #[test]
    fn utf16_labels_mean_utf8_and_unknown_labels_nothing() {
        assert_eq!(name("<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(name("<meta charset=klingon>"), None);
        assert_eq!(name("<meta charset=iso-2022-kr>"), None);
    }

    #[test]
    fn comments_and_other_tags_are_passed_over() {
        assert_eq!(
            name("<!-- <meta charset=koi8-r> --><meta charset=utf-8>"),
            Some("UTF-8")
        );
        assert_eq!(name("<metadata charset=koi8-r><p>"), None);
        assert_eq!(
            name("<meta name=viewport content=\"charset=koi8-r\">"),
            None
        );
    }

    #[test]
    fn only_the_first_1024_bytes_count() {
        let late = format!("{}<meta charset=koi8-r>", " ".repeat(PRESCAN_BYTES));
        assert_eq!(name(&late), None);
    }

    #[test]
    fn a_cut_tag_does_not_panic() {
        for page in [
            "<meta",
            "<meta charset=",
            "<meta charset=\"utf",
            "<meta http-equiv",
        ] {
            let _ = name(page);
        }
    }
}
