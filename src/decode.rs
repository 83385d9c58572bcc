//! Bytes to text: the encodings documents from the web come in.
//!
//! A byte order mark decides first (UTF-8, UTF-16 LE or BE), as browsers do. Without one, the
//! encoding is the user's (`--encoding`) or, by default, detected: UTF-8 when the bytes are
//! UTF-8, else Windows-1252 (the legacy encoding of French text; ISO-8859-1 is a subset of it),
//! reported as a guess so that the user can check. Bytes that do not decode are an error
//! naming the byte offset: a silent replacement would put `�` into a training corpus.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::{Error, Result};

/// How input bytes are turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputEncoding {
    /// UTF-8 when the bytes are UTF-8, else a guess of Windows-1252 (reported).
    #[default]
    Auto,
    /// This encoding, strictly: a byte that does not decode is an error.
    Fixed(&'static Encoding),
}

impl FromStr for InputEncoding {
    type Err = String;

    /// `auto`, or any WHATWG label: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`, `latin1`
    /// (which is Windows-1252, as in browsers), `iso-8859-15` …
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("auto") {
            return Ok(InputEncoding::Auto);
        }
        Encoding::for_label(s.trim().as_bytes())
            .map(InputEncoding::Fixed)
            .ok_or_else(|| {
                format!(
                    "unknown encoding {s:?} (expected auto, utf-8, utf-16le, utf-16be, \
                     windows-1252, latin1, iso-8859-15 or another WHATWG label)"
                )
            })
    }
}

impl fmt::Display for InputEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputEncoding::Auto => f.write_str("auto"),
            InputEncoding::Fixed(encoding) => f.write_str(encoding.name()),
        }
    }
}

/// A file's text, and the encoding it was read in when that was a guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Set when detection guessed a legacy encoding: the caller says so to the user.
    pub guessed: Option<&'static str>,
}

/// Decodes a file's bytes (see the module's documentation); `path` names it in errors.
pub fn decode(path: &Path, mut bytes: Vec<u8>, encoding: InputEncoding) -> Result<Decoded> {
    let known = |text| Decoded {
        text,
        guessed: None,
    };
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        bytes.drain(..bom);
        return strict(path, encoding, bytes, bom).map(known);
    }
    match encoding {
        InputEncoding::Fixed(encoding) => strict(path, encoding, bytes, 0).map(known),
        InputEncoding::Auto => detect(path, bytes),
    }
}

/// UTF-8 if it is; else Windows-1252 when the bytes can be that, reported as a guess.
fn detect(path: &Path, bytes: Vec<u8>) -> Result<Decoded> {
    check_nul(path, &bytes, UTF_8, 0)?;
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                guessed: None,
            });
        }
        Err(e) => e.into_bytes(),
    };
    // UTF-8 text with a few bad bytes (a cut download) is damaged UTF-8, not Windows-1252:
    // reading it as such would turn every accent into two characters.
    if has_utf8_sequences(&bytes) || bytes.iter().any(|&b| undefined_in_windows_1252(b)) {
        return strict(path, UTF_8, bytes, 0).map(|text| Decoded {
            text,
            guessed: None,
        });
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
    Ok(Decoded {
        text: text.into_owned(),
        guessed: Some(WINDOWS_1252.name()),
    })
}

/// Whether `bytes` hold a multi-byte UTF-8 character: French text in Windows-1252 almost never
/// does (`Ã©` would be one).
fn has_utf8_sequences(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// The five bytes Windows-1252 leaves unassigned: a file with them is not in it.
fn undefined_in_windows_1252(byte: u8) -> bool {
    matches!(byte, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d)
}

/// Decodes `bytes` as `encoding`, failing at the first malformed sequence; `skipped` bytes (a
/// byte order mark) came before them in the file.
fn strict(
    path: &Path,
    encoding: &'static Encoding,
    bytes: Vec<u8>,
    skipped: usize,
) -> Result<String> {
    check_nul(path, &bytes, encoding, skipped)?;
    if encoding == UTF_8 {
        return String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let newlines = e.as_bytes()[..offset].iter().filter(|&&b| b == b'\n');
            decode_error(path, encoding, skipped + offset, 1 + newlines.count())
        });
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut read = 0;
    loop {
        let remaining = bytes.len() - read;
        let needed = decoder.max_utf8_buffer_length_without_replacement(remaining);
        text.reserve(needed.unwrap_or(remaining).max(4));
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => continue,
            DecoderResult::Malformed(bad, after) => {
                let offset = read - usize::from(bad) - usize::from(after);
                let line = 1 + text.matches('\n').count();
                return Err(decode_error(path, encoding, skipped + offset, line));
            }
        }
    }
}

fn decode_error(path: &Path, encoding: &'static Encoding, offset: usize, line: usize) -> Error {
    Error::Decode {
        path: path.to_path_buf(),
        encoding: encoding.name(),
        offset,
        line,
    }
}

/// A NUL character means a binary file (in UTF-16 it is a zero code unit, not a zero byte).
fn check_nul(path: &Path, bytes: &[u8], encoding: &'static Encoding, skipped: usize) -> Result<()> {
    let offset = if encoding == UTF_16LE || encoding == UTF_16BE {
        bytes
            .chunks_exact(2)
            .position(|u| u == [0, 0])
            .map(|k| 2 * k)
    } else {
        bytes.iter().position(|&b| b == 0)
    };
    match offset {
        Some(offset) => Err(Error::Binary {
            path: path.to_path_buf(),
            offset: skipped + offset,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(bytes: &[u8]) -> Result<Decoded> {
        decode(Path::new("f.txt"), bytes.to_vec(), InputEncoding::Auto)
    }

    fn text(bytes: &[u8], encoding: &str) -> String {
        let encoding = encoding.parse().unwrap();
        decode(Path::new("f.txt"), bytes.to_vec(), encoding)
            .unwrap()
            .text
    }

    #[test]
    fn utf8_with_or_without_bom() {
        assert_eq!(auto("été".as_bytes()).unwrap().text, "été");
        assert_eq!(auto(b"\xef\xbb\xbf\xc3\xa9t\xc3\xa9").unwrap().text, "été");
        assert_eq!(auto(b"ok").unwrap().guessed, None);
    }

    #[test]
    fn utf16_with_a_bom_whatever_the_setting() {
        let le = b"\xff\xfe\xe9\x00t\x00\xe9\x00\n\x00";
        let be = b"\xfe\xff\x00\xe9\x00t\x00\xe9\x00\n";
        for setting in ["auto", "utf-8", "windows-1252"] {
            assert_eq!(text(le, setting), "été\n", "{setting}");
            assert_eq!(text(be, setting), "été\n", "{setting}");
        }
    }

    #[test]
    fn utf16_without_a_bom_when_asked() {
        assert_eq!(text(b"\xe9\x00t\x00", "utf-16le"), "ét");
        assert_eq!(text(b"\x00\xe9\x00t", "utf-16be"), "ét");
    }

    #[test]
    fn windows_1252_is_guessed_for_legacy_french() {
        let decoded = auto(b"L'\x9cuvre co\xfbte 5 \x80 \x96 d\xe9j\xe0 \x92vu\x92").unwrap();
        assert_eq!(decoded.text, "L'œuvre coûte 5 € – déjà ’vu’");
        assert_eq!(decoded.guessed, Some("windows-1252"));
    }

    #[test]
    fn latin1_is_windows_1252_as_in_browsers() {
        assert_eq!(text(b"caf\xe9 \x80", "latin1"), "café €");
        assert_eq!(text(b"caf\xe9 \xa4", "iso-8859-15"), "café €");
    }

    #[test]
    fn damaged_utf8_is_not_guessed() {
        // Valid UTF-8 accents, then one bad byte: a cut or corrupted UTF-8 file.
        let err = auto(b"d\xc3\xa9j\xc3\xa0\nvu \xe9t\xc3\xa9").unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.txt: invalid UTF-8 at byte offset 10 (line 2)"
        );
    }

    #[test]
    fn bytes_windows_1252_lacks_are_not_guessed() {
        let err = auto(b"ab\x81cd").unwrap_err();
        assert!(matches!(err, Error::Decode { offset: 2, .. }), "{err}");
    }

    #[test]
    fn strict_utf8_names_the_offset() {
        let err = decode(
            Path::new("f.txt"),
            b"ab\ncd\xe9f".to_vec(),
            "utf-8".parse().unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.txt: invalid UTF-8 at byte offset 5 (line 2)"
        );
    }

    #[test]
    fn malformed_utf16_names_the_offset_in_the_file() {
        // BOM, "a\n", then a lone high surrogate.
        let err = auto(b"\xff\xfea\x00\n\x00\x00\xd8b\x00").unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.txt: invalid UTF-16LE at byte offset 6 (line 2)"
        );
    }

    #[test]
    fn nul_is_binary_in_every_encoding() {
        let err = auto(b"PK\x03\x04\x00").unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 4, .. }));
        let err = auto(b"\xff\xfea\x00\x00\x00").unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 4, .. }), "{err}");
        let err = decode(Path::new("f"), b"a\0".to_vec(), "latin1".parse().unwrap());
        assert!(matches!(err, Err(Error::Binary { offset: 1, .. })));
    }

    #[test]
    fn labels() {
        assert_eq!("AUTO".parse(), Ok(InputEncoding::Auto));
        assert_eq!("utf8".parse(), Ok(InputEncoding::Fixed(UTF_8)));
        assert_eq!("UTF-16LE".parse(), Ok(InputEncoding::Fixed(UTF_16LE)));
        assert_eq!("latin1".parse(), Ok(InputEncoding::Fixed(WINDOWS_1252)));
        assert!("klingon".parse::<InputEncoding>().is_err());
        assert_eq!(InputEncoding::Fixed(UTF_16BE).to_string(), "UTF-16BE");
    }
}
