//! Documents in the formats users save them in, read to plain text: plain text in its encoding
//! ([`crate::decode`]), web pages, Word and OpenDocument files, PDFs' text layers. Each reader
//! gives what a reader of the document sees, as plain text: paragraphs apart by a blank line,
//! a line break within a paragraph a single `\n`. Anything else is refused by name, with
//! what to do (`sniff.rs`).

mod docx;
mod html;
mod odt;
mod office;
mod pdf;
mod sniff;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::decode::{Decoded, InputEncoding, decode};
use crate::error::{Error, Result};

pub(crate) use sniff::{Sniffed, sniff};

/// Which reader a document goes to: by its content and extension (`auto`), or the one the
/// user forces (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    #[default]
    Auto,
    Text,
    Html,
    Docx,
    Odt,
    Pdf,
}

const FORMATS: [(&str, InputFormat); 6] = [
    ("auto", InputFormat::Auto),
    ("text", InputFormat::Text),
    ("html", InputFormat::Html),
    ("docx", InputFormat::Docx),
    ("odt", InputFormat::Odt),
    ("pdf", InputFormat::Pdf),
];

impl FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FORMATS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(s.trim()))
            .map(|&(_, format)| format)
            .ok_or_else(|| {
                format!("unknown input format {s:?} (expected auto, text, html, docx, odt or pdf)")
            })
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = FORMATS
            .iter()
            .find(|(_, format)| format == self)
            .map_or("auto", |(n, _)| n);
        f.write_str(name)
    }
}

/// The text of the document `bytes`, read from `path`, in `format` (`--encoding` applies to
/// plain text and to web pages, before what a page declares). `max_bytes` (`--max-doc-bytes`)
/// bounds what a zipped document may inflate to and the text read from it.
pub(crate) fn read(
    path: &Path,
    bytes: Vec<u8>,
    format: InputFormat,
    encoding: InputEncoding,
    max_bytes: u64,
) -> Result<Decoded> {
    let sniffed = match format {
        InputFormat::Auto => sniff(path, &bytes),
        InputFormat::Text => Sniffed::Text,
        InputFormat::Html => Sniffed::Html,
        InputFormat::Docx => Sniffed::Docx,
        InputFormat::Odt => Sniffed::Odt,
        InputFormat::Pdf => Sniffed::Pdf,
    };
    let known = |text| Decoded {
        text,
        guessed: None,
    };
    match sniffed {
        Sniffed::Text => decode(path, bytes, encoding),
        Sniffed::Html => html::text(path, bytes, encoding),
        Sniffed::Docx => docx::text(path, &bytes, max_bytes).map(known),
        Sniffed::Odt => odt::text(path, &bytes, max_bytes).map(known),
        Sniffed::Pdf => pdf::text(path, &bytes).map(known),
        Sniffed::Refused { format, hint } => Err(Error::Unsupported {
            path: path.to_path_buf(),
            format,
            hint,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_formats_parse_and_print_alike() {
        for (name, format) in FORMATS {
            assert_eq!(name.parse::<InputFormat>(), Ok(format));
            assert_eq!(format.to_string(), name);
        }
        assert_eq!("HTML".parse::<InputFormat>(), Ok(InputFormat::Html));
        assert!("doc".parse::<InputFormat>().is_err());
    }

    #[test]
    fn a_forced_format_wins_over_the_content() {
        let page = b"<!DOCTYPE html><p>Bonjour</p>".to_vec();
        let read = |format| {
            read(
                Path::new("a.html"),
                page.clone(),
                format,
                InputEncoding::Auto,
                1 << 20,
            )
        };
        assert_eq!(
            read(InputFormat::Text).unwrap().text,
            "<!DOCTYPE html><p>Bonjour</p>"
        );
    }

    #[test]
    fn a_refused_format_is_an_error_naming_it() {
        let ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        let error = read(
            Path::new("fr/a.doc"),
            ole,
            InputFormat::Auto,
            InputEncoding::Auto,
            1 << 20,
        );
        assert_eq!(
            error.unwrap_err().to_string(),
            "fr/a.doc: Word 97 document: save it as .docx or plain text"
        );
    }
}
