//! OpenDocument text (.odt): not read yet.

use std::path::Path;

use crate::error::{Error, Result};

/// The document's text: refused until this reader is built.
pub(crate) fn text(path: &Path, _bytes: &[u8]) -> Result<String> {
    Err(Error::Unsupported {
        path: path.to_path_buf(),
        format: "OpenDocument text (.odt)",
        hint: "not read yet: save it as plain text (.txt)",
    })
}
