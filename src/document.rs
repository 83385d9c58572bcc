//! One document pair's units through the checks every driver applies, then the aligner. Folder
//! runs and `learn`'s first pass ([`crate::run`]) and streams, aligned or learned from
//! ([`crate::stream`]), all send their pairs here, so that a check holds for each, with the
//! same reasons and warnings.

use crate::error::{CutShort, Error, Origin, Result, Warning};
use crate::language::{self, Expected};
use crate::split::Sentence;
use crate::{AlignedDocument, Options, align};

/// One side has more than this many times the other's units (and more than a few more): the
/// pair is aligned, with a warning. A translation may drop or add a tenth of a text, not
/// nine tenths; past this, most units end up 1-0 or 0-1.
const UNBALANCED: usize = 10;

/// Aligns a pair's units, or says why not: a side without a unit, a side clearly in another
/// language than the one given, or more units than the aligner's bound. A pair far out of
/// balance is aligned, with a warning. A pair whose document score is below `--min-doc-score`
/// is aligned too, with the problem to report: its pairs are for review, not training (the
/// session leaves them out of training formats). `keys` are the language codes, which name a
/// stream record's sides.
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
    check_languages((&source, &target), origin, keys, options.expected)?;
    check_not_the_same((&source, &target), origin, options.expected)?;
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
    let alignment = align::align(&source, &target, &options.dictionary, options.unit_source());
    let score = alignment.doc_score(options.doc_evidence);
    let unrelated = (score < options.min_doc_score).then(|| {
        let cut = cut_short(&alignment, (&source, &target), &origin, keys, options).map(Box::new);
        Error::NotTranslation { origin, score, cut }
    });
    let doc = AlignedDocument {
        name,
        source,
        target,
        alignment,
        doc_score: score,
    };
    Ok((doc, warning, unrelated))
}

/// A refused pair that one side's untranslated end explains: the rest, aligned again on its
/// own (its length ratio then the translation's, not the cut's), scores
/// [`align::CUT_SHORT_SCORE`] or more. A report on the same story shares names and numbers,
/// but not lengths: it stays unexplained.
fn cut_short(
    alignment: &align::Alignment,
    (source, target): (&[Sentence], &[Sentence]),
    origin: &Origin,
    keys: [&str; 2],
    options: &Options,
) -> Option<CutShort> {
    let end = align::untranslated_end(alignment, options.doc_evidence, options.min_doc_score)?;
    let rest = |units: &[Sentence]| {
        let range = if end.at_start {
            units.len() - end.translated..units.len()
        } else {
            0..end.translated
        };
        units[range].to_vec()
    };
    let (source_rest, target_rest) = if end.source {
        (rest(source), target.to_vec())
    } else {
        (source.to_vec(), rest(target))
    };
    let again = align::align(
        &source_rest,
        &target_rest,
        &options.dictionary,
        options.unit_source(),
    );
    let score = again.doc_score(options.doc_evidence);
    (score >= options.min_doc_score.max(align::CUT_SHORT_SCORE)).then(|| CutShort {
        side: origin.side(end.source, keys[usize::from(!end.source)]),
        cut: origin.side(!end.source, keys[usize::from(end.source)]),
        translated: end.translated,
        whole: end.whole,
        at_start: end.at_start,
        rest: score,
    })
}

/// A side clearly in another language than `expected` is an error naming it, the expected and
/// the detected codes (the source side first); the pair is `swapped` when each side is in the
/// other's language.
fn check_languages(
    (source, target): (&[Sentence], &[Sentence]),
    origin: &Origin,
    keys: [&str; 2],
    expected: Expected,
) -> Result<()> {
    let wrong = |units, lang: Option<_>| lang.and_then(|l| language::wrong_language(units, l));
    // The two sides at once on a pool thread: a long document's check is a pass over its text.
    let detected = crate::parallel::both(
        || wrong(source, expected.source),
        || wrong(target, expected.target),
    );
    let detected = [detected.0, detected.1];
    let swapped =
        detected[0].is_some() && detected[0] == expected.target && detected[1] == expected.source;
    let sides = [
        (true, keys[0], expected.source),
        (false, keys[1], expected.target),
    ];
    for (detected, (is_source, key, lang)) in detected.into_iter().zip(sides) {
        if let (Some(detected), Some(lang)) = (detected, lang) {
            return Err(Error::WrongLanguage {
                side: origin.side(is_source, key),
                expected: language::code(lang),
                detected: language::code(detected),
                swapped,
            });
        }
    }
    Ok(())
}

/// Two sides with the same units, where two languages are expected, are one text twice: a
/// folder given as both (as a copy) or a file copied across, whatever its length (a short
/// side escapes the language check). Off with the language check (`--no-language-check`).
fn check_not_the_same(
    (source, target): (&[Sentence], &[Sentence]),
    origin: &Origin,
    expected: Expected,
) -> Result<()> {
    let two_languages = matches!(expected, Expected { source: Some(s), target: Some(t) } if s != t);
    let same =
        source.len() == target.len() && source.iter().zip(target).all(|(s, t)| s.text == t.text);
    if two_languages && same {
        return Err(Error::SameText {
            origin: origin.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{DE, EN, FR, side};

    fn check(source: &str, target: &str, options: &Options) -> Result<()> {
        let origin = Origin::Files {
            source: "fr/a.txt".into(),
            target: "en/a.txt".into(),
        };
        let units = (side(source), side(target));
        align_units("a".into(), units, &origin, ["", ""], options).map(|_| ())
    }

    fn refused(result: Result<()>) -> (String, bool) {
        match result {
            Err(e @ Error::WrongLanguage { swapped, .. }) => (e.to_string(), swapped),
            other => panic!("not refused for its language: {other:?}"),
        }
    }

    #[test]
    fn a_side_in_another_language_is_refused_source_first() {
        let fr_en = Options::new("fr", "en");
        assert!(check(FR, EN, &fr_en).is_ok());
        let message = ("fr/a.txt: looks like en, expected fr".to_string(), true);
        assert_eq!(refused(check(EN, FR, &fr_en)), message);
        let message = ("en/a.txt: looks like fr, expected en".to_string(), false);
        assert_eq!(refused(check(FR, FR, &fr_en)), message);
        // Both sides wrong, but not each in the other's language: not a swap.
        let message = ("fr/a.txt: looks like en, expected fr".to_string(), false);
        assert_eq!(refused(check(EN, DE, &fr_en)), message);
    }

    #[test]
    fn one_text_on_both_sides_is_refused_however_short() {
        let same = check(
            "Paris, le 3 mars.",
            "Paris, le 3 mars.",
            &Options::new("fr", "en"),
        );
        assert!(matches!(same, Err(Error::SameText { .. })), "{same:?}");
        assert!(
            check(
                "Paris, le 3 mars.",
                "Paris, March 3.",
                &Options::new("fr", "en")
            )
            .is_ok()
        );
        let unchecked = Options::new("fr", "en").without_language_check();
        assert!(check("Paris, le 3 mars.", "Paris, le 3 mars.", &unchecked).is_ok());
    }

    #[test]
    fn the_target_language_given_is_the_one_checked() {
        let fr_de = Options::new("fr", "de-CH");
        assert!(check(FR, DE, &fr_de).is_ok());
        let message = ("en/a.txt: looks like en, expected de".to_string(), false);
        assert_eq!(refused(check(FR, EN, &fr_de)), message);
        assert!(check(FR, DE, &Options::new("fr", "en").without_language_check()).is_ok());
        // A language the identifier does not know is not checked.
        assert!(check(FR, EN, &Options::new("fr", "gsw")).is_ok());
    }
}
