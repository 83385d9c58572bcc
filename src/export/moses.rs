//! Moses (line-parallel) files in OPUS naming: `-o NAME` writes `NAME.en-fr.en` and
//! `NAME.en-fr.fr` (the pair's codes in alphabetical order, as OPUS names its releases). Line
//! `k` of one file translates line `k` of the other: no tab or line break inside a segment, and
//! always the same number of lines (an unaligned bead kept with `--keep-unaligned` is an empty
//! line on its missing side).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::output::Pending;
use super::{CorpusWriter, Languages, Record, one_line};

pub(crate) struct MosesWriter {
    source: Pending,
    target: Pending,
}

/// The source file's and the target file's paths for `-o path`. A `.moses` extension is
/// dropped: `-o corpus.moses` writes `corpus.en-fr.fr`.
pub(crate) fn paths(path: &Path, languages: &Languages) -> [PathBuf; 2] {
    let base = if path.extension().is_some_and(|e| e == "moses") {
        path.with_extension("")
    } else {
        path.to_path_buf()
    };
    let (s, t) = (&languages.source, &languages.target);
    let pair = if s <= t {
        format!("{s}-{t}")
    } else {
        format!("{t}-{s}")
    };
    let with = |lang: &str| {
        let mut name = base.clone().into_os_string();
        name.push(format!(".{pair}.{lang}"));
        PathBuf::from(name)
    };
    [with(s), with(t)]
}

impl MosesWriter {
    pub(crate) fn new(path: &Path, languages: &Languages) -> io::Result<Self> {
        let [source, target] = paths(path, languages);
        Ok(Self {
            source: Pending::create(&source)?,
            target: Pending::create(&target)?,
        })
    }
}

impl CorpusWriter for MosesWriter {
    fn write_document(&mut self, _doc: &str, records: &[Record]) -> io::Result<()> {
        for r in records {
            writeln!(self.source, "{}", one_line(&r.source))?;
            writeln!(self.target, "{}", one_line(&r.target))?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<Vec<Pending>> {
        Ok(vec![self.source, self.target])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opus_names_sort_the_language_pair() {
        let fr_en = Languages {
            source: "fr".into(),
            target: "en".into(),
        };
        let [s, t] = paths(Path::new("out/corpus.moses"), &fr_en);
        assert_eq!(s, Path::new("out/corpus.en-fr.fr"));
        assert_eq!(t, Path::new("out/corpus.en-fr.en"));
        let [s, _] = paths(Path::new("corpus"), &fr_en);
        assert_eq!(s, Path::new("corpus.en-fr.fr"));
    }
}
