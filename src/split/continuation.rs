//! Whether a given sentence goes on with the one before it: another tool's splitter (the
//! sentences of `--presplit`) sometimes cuts inside a sentence, at an ellipsis in a list
//! (`{s1, s2, ...` / `, sn}`) or a pause (`milk proteins...` / `is relatively similar`), and
//! cuts the translation alike. Such a piece is no sentence: a bead should not end before it.

use crate::normalize::is_space;

/// Whether `sentence` continues `previous`: it opens with punctuation that closes or goes on
/// with a clause (`,` `;` `:` `)` `]` `}` `»` `”` `›`), which no sentence opens with, or in
/// lower case after an ellipsis (`...`, `…`), a pause rather than an end. Not lower case after
/// other endings: web text writes whole sentences in lower case, and translators of news
/// join two sentences with a comma where the source has a period. (Stricter than the
/// splitter's test of a line that goes on in the next, where lower case is enough: a given
/// sentence is the user's, a line break is not.)
pub(crate) fn is_piece(previous: &str, sentence: &str) -> bool {
    let opening = sentence.trim_start_matches(is_space);
    if opening.starts_with(goes_on) {
        return true;
    }
    let first_letter = opening.trim_start_matches(is_opener).chars().next();
    first_letter.is_some_and(char::is_lowercase) && ends_in_ellipsis(previous)
}

/// Punctuation that goes on with a clause or closes a quotation or bracket.
fn goes_on(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '»' | '”' | '›')
}

/// Quotes and brackets that may open a sentence before its first letter (`<en, fn>>`).
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '<' | '«' | '“' | '‘' | '"' | '\'' | '‹'
    ) || is_space(c)
}

/// Whether a sentence ends with an ellipsis, before any closing quotes or brackets.
fn ends_in_ellipsis(sentence: &str) -> bool {
    let end =
        sentence.trim_end_matches(|c: char| is_space(c) || matches!(c, '»' | '”' | '"' | ')'));
    end.ends_with("...") || end.ends_with('…')
}

#[cfg(test)]
mod tests {
    use super::is_piece;

    #[test]
    fn a_piece_opening_with_a_comma_or_a_closer_continues() {
        assert!(is_piece(
            "des éléments {s1, s2, ...",
            ", sn} et {t1, t2, ..."
        ));
        assert!(is_piece(
            "the formulae (To whom it may concern...",
            ", Attendu que...)."
        ));
        assert!(is_piece("« Qui vient ?", "» demanda le gardien."));
        assert!(is_piece("Il a dit (voir plus haut", ") qu'il viendrait."));
    }

    #[test]
    fn lower_case_after_an_ellipsis_continues() {
        assert!(is_piece(
            "milk fat and milk proteins...",
            "is relatively similar."
        ));
        assert!(is_piece(
            "une séquence <<e1, f1>, <e2, f2>, ...",
            "<en, fn>>, dans laquelle"
        ));
        assert!(is_piece("Il hésita…", "puis il partit."));
        assert!(is_piece("« Eh bien... »", "fit-il."));
    }

    #[test]
    fn sentences_that_open_as_sentences_do_not_continue() {
        assert!(!is_piece("Il hésita...", "Puis il partit."));
        assert!(!is_piece(
            "It was a bit rough,",
            "the jostling was unbelievable."
        ));
        assert!(!is_piece("Voici la liste :", "des lits et des infirmiers."));
        assert!(!is_piece("i went home.", "then i slept."));
        assert!(!is_piece("Fin.", "- Un tiret ouvre une réplique."));
        assert!(!is_piece("Fin...", "42 personnes sont venues."));
        assert!(!is_piece("", ""));
    }
}
