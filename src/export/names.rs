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
//! - the empty name is `%`;
//! - what Windows would open as another file is escaped too: the first letter of a device's
//!   name (`CON`, `nul.txt`, `COM1`) and a component's last `.` or space;
//! - a component longer than [`MAX_COMPONENT_BYTES`] once escaped keeps its first part and
//!   ends with `%~` and a hash of the whole component (a crawl's URL as a document's name would
//!   otherwise fail the whole output with "File name too long"); [`decode`] cannot make such a
//!   path back into a name.
//!
//! Two names are the same file when their mapped paths are equal after Unicode lower-casing
//! and NFC (`fold`): what a case-insensitive or normalising file system (macOS, Windows)
//! would make one file, so that a corpus writes the same files everywhere.

use std::fmt::Write;

use unicode_normalization::UnicodeNormalization;

use crate::model::fingerprint;

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
    let parts: Vec<String> = out
        .split('/')
        .map(|part| shortened(&not_a_device(part)))
        .collect();
    parts.join("/")
}

/// `component` with what Windows would take for another file escaped: the first letter of a
/// device's name (`CON`, `nul.txt`, `COM1`: Windows opens the device, whatever the extension),
/// and a last `.` or space (Windows drops them, so `a.` would be `a`).
fn not_a_device(component: &str) -> String {
    const DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];
    let stem = component.split('.').next().unwrap_or_default();
    let numbered = |prefix: &str| {
        let stem = stem.as_bytes();
        stem.len() == 4
            && stem[..3].eq_ignore_ascii_case(prefix.as_bytes())
            && stem[3].is_ascii_digit()
    };
    let device =
        DEVICES.iter().any(|d| stem.eq_ignore_ascii_case(d)) || numbered("COM") || numbered("LPT");
    let mut out = String::with_capacity(component.len() + 6);
    let mut chars = component.chars();
    if device {
        escape(chars.next().unwrap_or_default(), &mut out);
    }
    out.push_str(chars.as_str());
    if let Some(last @ ('.' | ' ')) = out.chars().next_back() {
        out.pop();
        escape(last, &mut out);
    }
    out
}

/// The most bytes of one component of a [`relative_path`]: file systems take 255 (Linux's
/// `NAME_MAX`, macOS's; NTFS takes 255 UTF-16 units, never fewer than 255 bytes make), less
/// room for the writer's extension.
pub const MAX_COMPONENT_BYTES: usize = 240;

/// A component of a [`relative_path`] that is longer than [`MAX_COMPONENT_BYTES`]: its first
/// part, cut between two characters (an escape `%XX` is one), then `%~` and the [`fingerprint`]
/// of the whole component, so that two long names stay two files. `%~` is no escape (a `%` of the
/// name is `%25`), so a shortened path is told from any other.
fn shortened(component: &str) -> String {
    if component.len() <= MAX_COMPONENT_BYTES {
        return component.to_string();
    }
    let tail = format!("%~{}", fingerprint(component));
    let room = MAX_COMPONENT_BYTES - tail.len();
    let (mut cut, mut at) = (0, 0);
    while at <= room {
        cut = at;
        let Some(c) = component[at..].chars().next() else {
            break;
        };
        at += if c == '%' { 3 } else { c.len_utf8() };
    }
    format!("{}{tail}", &component[..cut])
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

    /// Each name maps to its path, and the path back to the name.
    fn maps_both_ways(cases: &[(&str, &str)]) {
        for &(name, path) in cases {
            assert_eq!(relative_path(name), path, "{name:?}");
            assert_eq!(decode(path).as_deref(), Some(name), "{path:?}");
        }
    }

    #[test]
    fn plain_names_stay_and_folders_stay_folders() {
        assert_eq!(relative_path("a"), "a");
        assert_eq!(relative_path("news/été 2024"), "news/été 2024");
        assert_eq!(relative_path("v1.2.txt"), "v1.2.txt");
    }

    #[test]
    fn no_component_escapes_the_output() {
        let cases = [
            ("../x", "%2E%2E/x"),
            ("/abs/x", "%2Fabs/x"),
            ("a/../../b", "a/%2E%2E/%2E%2E/b"),
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
        maps_both_ways(&cases);
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
    fn names_windows_takes_for_devices_or_trims_are_escaped() {
        let cases = [
            ("CON", "%43ON"),
            ("news/nul.txt", "news/%6Eul.txt"),
            ("Com1", "%43om1"),
            ("lpt9.fr", "%6Cpt9.fr"),
            ("a./b ", "a%2E/b%20"),
            ("CONSOLE", "CONSOLE"),
            ("COM", "COM"),
            ("con-1", "con-1"),
            // Regression: a four-byte stem of two letters, each two bytes, split in a letter.
            ("%/éé", "%25/éé"),
        ];
        maps_both_ways(&cases);
    }

    #[test]
    fn long_components_are_shortened_with_a_hash_of_the_whole() {
        let url = format!("https://example.org/{}?page=1", "a".repeat(400));
        let path = relative_path(&url);
        let (folders, last) = path.rsplit_once('/').unwrap();
        assert_eq!(folders, relative_path("https://example.org"));
        assert_eq!(last.len(), MAX_COMPONENT_BYTES, "{path}");
        assert!(last.starts_with("aaaa") && last.contains("%~"), "{path}");
        assert_eq!(decode(&path), None, "a shortened path names no document");
        // Two names alike in their first 240 bytes stay two files; the same name, one.
        let other = format!("https://example.org/{}?page=2", "a".repeat(400));
        assert_ne!(relative_path(&other), path);
        assert_eq!(relative_path(&url), path);
        // Escapes are never cut in half: 100 `?` are 300 bytes escaped.
        let escaped = relative_path(&"?".repeat(100));
        assert!(escaped.len() <= MAX_COMPONENT_BYTES);
        let kept = &escaped[..escaped.find("%~").unwrap()];
        assert_eq!(kept.len() % 3, 0, "{escaped}");
        assert!(kept.split('%').skip(1).all(|e| e == "3F"), "{escaped}");
        // Escapes the mapping adds count too: a leading `/`, a run of them.
        for name in [format!("/{}", "?".repeat(80)), "/".repeat(100)] {
            let path = relative_path(&name);
            assert!(
                path.split('/').all(|p| p.len() <= MAX_COMPONENT_BYTES),
                "{path}"
            );
        }
        // Short names are untouched, up to the limit itself.
        let exact = "é".repeat(MAX_COMPONENT_BYTES / 2);
        assert_eq!(relative_path(&exact), exact);
        assert!(relative_path(&format!("{exact}x")).contains("%~"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any name, long ones too: every component a plain name a file system takes, and the
        /// name read back unless a component was shortened.
        #[test]
        fn any_name_is_a_safe_path_and_back(
            name in "([a-zé./%?\\\u{0}-\u{1f}]{0,4}|[a-z?é]{0,300}){0,4}",
        ) {
            let path = relative_path(&name);
            for part in path.split('/') {
                proptest::prop_assert!(!part.is_empty() && !part.starts_with('.'), "{path:?}");
                proptest::prop_assert!(part.len() <= MAX_COMPONENT_BYTES, "{path:?}");
                proptest::prop_assert!(!part.contains(['\\', '\0']), "{path:?}");
            }
            let back = decode(&path);
            let expected = if path.contains("%~") { None } else { Some(&name) };
            proptest::prop_assert_eq!(back.as_ref(), expected);
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
