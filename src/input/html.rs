//! Web pages: read as plain text until this reader is built.

use std::path::Path;

use crate::decode::{Decoded, InputEncoding, decode};
use crate::error::Result;

/// The page's text: its bytes decoded as plain text for now.
pub(crate) fn text(path: &Path, bytes: Vec<u8>, encoding: InputEncoding) -> Result<Decoded> {
    decode(path, bytes, encoding)
}
