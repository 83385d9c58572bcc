//! Names from data as file names under `-o`: a document's name (from a folder run, a stream's
//! `doc`, a TMX's `x-doc` prop) becomes a relative path that cannot leave the output folder,
//! and back again.
//!
//! The mapping is percent-escaping of a few characters, so that it is reversible
//! ([`decode`]) and a plain name stays as it is:
//! - `%` itself, `\`, `:`, `<`, `>`, `"`, `|`, `?`, `*` (separators and what Windows refuses),
//!   control characters (NUL, C0, DEL, C1) and the bidirectional controls that make a name
//!   display as another, each UTF-8 byte as `%XX`;
//! - `/` stays a folder separator (folder runs name documents `news/a`), except where it would
//!   make an empty component (a leading, trailing or doubled `/`): there it is `%2F`;
//! - a `.` starting a component is `%2E`, so that no component is `.` or `..` and no output
//!   is hidden;
//! - the empty name is `%`.
//!
//! Two names are the same file when their mapped paths are equal after Unicode lower-casing
//! and NFC (`fold`): what a case-insensitive or normalising file system (macOS, Windows)
//! would make one file, so that a corpus writes the same files everywhere.

use std::fmt::Write;

use unicode_normalization::UnicodeNormalization;

/// The relative path (`/`-separated) that document `name` is written under.
pub fn relative_path(name: &str) -> String {
    if name.is_empty() {
        return "%".to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut component_empty = true;
    for (i, piece) in name.split('/').enumerate() {
        if i > 0 {
            if component_empty || piece.is_empty() {
                out.push_str("%2F");
                component_empty = false;
            } else {
                out.push('/');
                component_empty = true;
            }
        }
        for (k, c) in piece.chars().enumerate() {
            let leading_dot = c == '.' && k == 0 && component_empty;
            if leading_dot || needs_escape(c) {
                escape(c, &mut out);
            } else {
                out.push(c);
            }
        }
        component_empty &= piece.is_empty();
    }
    out
}

/// Characters escaped wherever they are in a component.
fn needs_escape(c: char) -> bool {
    let bidi =
        matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    c.is_control() || bidi || matches!(c, '%' | '\\' | ':' | '<' | '>' | '"' | '|' | '?' | '*')
}

fn escape(c: char, out: &mut String) {
    let mut bytes = [0; 4];
    for b in c.encode_utf8(&mut bytes).bytes() {
        let _ = write!(out, "%{b:02X}");
    }
}

/// The document name a [`relative_path`] was made from; `None` for a path it cannot make.
pub fn decode(path: &str) -> Option<String> {
    if path == "%" {
        return Some(String::new());
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The key under which two mapped paths are one file on some file system.
pub(crate) fn fold(path: &str) -> String {
    path.nfc().flat_map(char::to_lowercase).collect()
}

/// The files and folders a writer has given to documents, to refuse a second document the
/// same file instead of overwriting the first.
#[derive(Debug, Default)]
pub(crate) struct Claims {
    /// Folded path → the document that claimed it, and whether it is a folder.
    taken: std::collections::HashMap<String, (String, bool)>,
}

impl Claims {
    /// Claims `path` (a [`relative_path`] with its extension) and its folders for `doc`; the
    /// document that has it already, if any.
    pub(crate) fn claim(&mut self, doc: &str, path: &str) -> Result<(), String> {
        let mut folder = String::new();
        let parts: Vec<&str> = path.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                folder.push('/');
            }
            folder.push_str(part);
            let is_folder = i + 1 < parts.len();
            match self.taken.get(&fold(&folder)) {
                Some((_, true)) if is_folder => continue,
                Some((other, _)) => return Err(other.clone()),
                None => {}
            }
            self.taken
                .insert(fold(&folder), (doc.to_string(), is_folder));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_and_folders_stay_folders() {
        assert_eq!(relative_path("a"), "a");
        assert_eq!(relative_path("news/été 2024"), "news/été 2024");
        assert_eq!(relative_path("v1.2.txt"), "v1.2.txt");
    }

    #[test]
    fn no_component_escapes_the_output() {
        let cases = [
            ("../x", "%2E./x"),
            ("/abs/x", "%2Fabs/x"),
            ("a/../../b", "a/%2E./%2E./b"),
            ("a//b", "a%2F/b"),
            ("a/", "a%2F"),
            ("/", "%2F"),
            (".", "%2E"),
            ("./.hidden", "%2E/%2Ehidden"),
            ("c:\\x", "c%3A%5Cx"),
            ("nul\0byte\n", "nul%00byte%0A"),
            ("100%", "100%25"),
            ("", "%"),
            ("\u{202e}txt.exe", "%E2%80%AEtxt.exe"),
        ];
        for (name, path) in cases {
            assert_eq!(relative_path(name), path, "{name:?}");
            assert_eq!(decode(path).as_deref(), Some(name), "{path:?}");
        }
    }

    #[test]
    fn every_component_is_a_plain_name() {
        for name in [
            "..",
            "/..",
            "a/./b",
            "//",
            "%2E%2E",
            "x/%",
            "../../etc/passwd",
        ] {
            let path = relative_path(name);
            for part in path.split('/') {
                assert!(
                    !part.is_empty() && !part.starts_with('.'),
                    "{name:?}: {path}"
                );
            }
            assert_eq!(decode(&path).as_deref(), Some(name));
        }
    }

    #[test]
    fn claims_refuse_one_file_for_two_documents() {
        let mut claims = Claims::default();
        assert_eq!(claims.claim("news/a", "news/a.idx"), Ok(()));
        assert_eq!(claims.claim("news/b", "news/b.idx"), Ok(()));
        assert_eq!(claims.claim("NEWS/A", "NEWS/A.idx"), Err("news/a".into()));
        assert_eq!(claims.claim("a", "news.idx/x"), Ok(()));
        assert_eq!(claims.claim("news", "news.idx"), Err("a".into()));
        assert_eq!(claims.claim("é", "e\u{301}.idx"), Ok(()));
        assert_eq!(claims.claim("é", "é.idx"), Err("é".into()));
    }
}
