//! One document pair's units through the checks every driver applies, then the aligner. Folder
//! runs and `learn`'s first pass ([`crate::run`]) and streams, aligned or learned from
//! ([`crate::stream`]), all send their pairs here, so that a check holds for each, with the
//! same reasons and warnings.

use crate::error::{Error, Origin, Result, Warning};
use crate::split::Sentence;
use crate::{AlignedDocument, Options, align};

/// One side has more than this many times the other's units (and more than a few more): the
/// pair is aligned, with a warning. A translation may drop or add a tenth of a text, not
/// nine tenths; past this, most units end up 1-0 or 0-1.
const UNBALANCED: usize = 10;

/// Aligns a pair's units, or says why not: a side without a unit, or more units than the
/// aligner's bound. A pair far out of balance is aligned, with a warning. A pair whose
/// document score is below `--min-doc-score` is aligned too, with the problem to report: its
/// pairs are for review, not training (the session leaves them out of training formats).
/// `keys` are the language codes, which name a stream record's sides.
pub(crate) fn align_units(
    name: String,
    (source, target): (Vec<Sentence>, Vec<Sentence>),
    origin: &Origin,
    keys: [&str; 2],
    options: &Options,
) -> Result<(AlignedDocument, Option<Warning>, Option<Error>)> {
    for (units, is_source, key) in [(&source, true, keys[0]), (&target, false, keys[1])] {
        if units.is_empty() {
            let side = origin.side(is_source, key);
            return Err(Error::NoSentence { side });
        }
    }
    let (source_units, target_units) = (source.len(), target.len());
    let origin = origin.clone();
    if align::too_long(source_units, target_units) {
        return Err(Error::TooLong {
            origin,
            source_units,
            target_units,
        });
    }
    let unbalanced =
        source_units.max(target_units) > UNBALANCED * source_units.min(target_units) + UNBALANCED;
    let warning = unbalanced.then_some(Warning::Unbalanced {
        origin: origin.clone(),
        source_units,
        target_units,
    });
    let alignment = align::align(&source, &target, &options.dictionary);
    let score = alignment.doc_score();
    let unrelated =
        (score < options.min_doc_score).then_some(Error::NotTranslation { origin, score });
    let doc = AlignedDocument {
        name,
        source,
        target,
        alignment,
    };
    Ok((doc, warning, unrelated))
}
