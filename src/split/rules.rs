//! Language rules for the splitter, read from the data files in `data/`.
//!
//! Abbreviations are data, not code: each language has a file of classes (see the header of
//! `data/fr.txt`). A language without a file gets the generic rules: no abbreviation list, but
//! initials, numbers and quotes are still handled.

use std::collections::HashSet;

/// How a word followed by a period behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// A name follows (`M.`, `Dr.`): never a sentence end.
    Title,
    /// Never a sentence end (`cf.`, `e.g.`).
    General,
    /// Not a sentence end before a number (`p. 12`, `art. 3`).
    Number,
    /// May end a sentence (`etc.`, `U.S.`): a boundary only before a common sentence opener.
    Ambiguous,
}

/// The abbreviation classes and sentence openers of one language.
#[derive(Debug, Default, Clone)]
pub(crate) struct LanguageRules {
    titles: HashSet<String>,
    general: HashSet<String>,
    number: HashSet<String>,
    ambiguous: HashSet<String>,
    starters: HashSet<String>,
    lower_starters: HashSet<String>,
    speech_verbs: HashSet<String>,
    ordinal_before: HashSet<String>,
    ordinal_next: HashSet<String>,
}

const FRENCH: &str = include_str!("data/fr.txt");
const ENGLISH: &str = include_str!("data/en.txt");
const GERMAN: &str = include_str!("data/de.txt");

impl LanguageRules {
    /// The rules for a language code; an unknown code gets the generic rules.
    pub(crate) fn for_language(lang: &str) -> Self {
        // A BCP 47 tag's first subtag is its language: `fr-CA` splits as `fr`.
        let primary = lang.split('-').next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "fr" => Self::parse(FRENCH),
            "en" => Self::parse(ENGLISH),
            "de" => Self::parse(GERMAN),
            _ => Self::default(),
        }
    }

    /// Reads the `[class]` sections of a data file; `#` starts a comment line.
    pub(crate) fn parse(data: &str) -> Self {
        let mut rules = Self::default();
        let mut section = "";
        for line in data.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            let set = match section {
                "title" => &mut rules.titles,
                "general" => &mut rules.general,
                "number" => &mut rules.number,
                "ambiguous" => &mut rules.ambiguous,
                "starters" => &mut rules.starters,
                "lower_starters" => &mut rules.lower_starters,
                "speech_verbs" => &mut rules.speech_verbs,
                "ordinal_before" => &mut rules.ordinal_before,
                "ordinal_next" => &mut rules.ordinal_next,
                _ => continue,
            };
            let exact = matches!(section, "title" | "ambiguous" | "starters");
            set.insert(if exact {
                line.to_string()
            } else {
                line.to_lowercase()
            });
        }
        rules
    }

    /// The class of `word` (written without its final period), if it is an abbreviation.
    /// `before_number` says whether a number follows, which is when the number class holds.
    pub(crate) fn classify(&self, word: &str, before_number: bool) -> Option<AbbrevClass> {
        if self.titles.contains(word) {
            return Some(AbbrevClass::Title);
        }
        let lower = word.to_lowercase();
        if self.general.contains(&lower) {
            return Some(AbbrevClass::General);
        }
        if before_number && self.number.contains(&lower) {
            return Some(AbbrevClass::Number);
        }
        self.ambiguous
            .contains(word)
            .then_some(AbbrevClass::Ambiguous)
    }

    /// Whether this language has an abbreviation list (the generic rules have none).
    pub(crate) fn has_abbreviations(&self) -> bool {
        !(self.titles.is_empty() && self.general.is_empty() && self.number.is_empty())
    }

    /// Whether `word`, not followed by a number, is an abbreviation of any class, in any case
    /// (`co`, `st`, `Cf`; not `no`, which is one only in `No. 5`).
    pub(crate) fn is_abbreviation(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.general.contains(&lower)
            || [&self.titles, &self.ambiguous]
                .iter()
                .any(|set| set.iter().any(|a| a.to_lowercase() == lower))
    }

    /// Whether `word` opens a sentence even in lower case, as web text writes them
    /// (`what`, `i`, `we`; not `in`, which follows `Yahoo!`).
    pub(crate) fn is_lower_case_starter(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let stem = lower.split(['\'', '’']).next().unwrap_or_default(); // what's → what
        self.lower_starters.contains(&lower) || self.lower_starters.contains(stem)
    }

    /// Whether `word` is a verb of saying (`demanda`, `asked`): after `?` it continues the
    /// sentence (`— Qui est là ? demanda le gardien.`).
    pub(crate) fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(&word.to_lowercase())
    }

    /// Whether a number with a period between `before` and `next` is an ordinal (German
    /// `im 10. Grad`, `am 9. September`), not a sentence end.
    pub(crate) fn is_ordinal(&self, before: &str, next: &str) -> bool {
        self.ordinal_before.contains(&before.to_lowercase())
            || self.ordinal_next.contains(&next.to_lowercase())
    }

    /// Whether `word` commonly opens a sentence (`The`, `Le`), which settles ambiguous cases.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_into_classes() {
        let fr = LanguageRules::for_language("fr");
        assert_eq!(fr.classify("M", false), Some(AbbrevClass::Title));
        assert_eq!(fr.classify("m", false), None, "titles keep their case");
        assert_eq!(fr.classify("Cf", false), Some(AbbrevClass::General));
        assert_eq!(fr.classify("p", true), Some(AbbrevClass::Number));
        assert_eq!(fr.classify("p", false), None);
        assert_eq!(fr.classify("etc", false), Some(AbbrevClass::Ambiguous));
        assert!(fr.is_starter("Le"));
        assert!(fr.is_lower_case_starter("je"));
        assert!(!fr.is_lower_case_starter("de"));
        let fr_ca = LanguageRules::for_language("fr-CA");
        assert_eq!(fr_ca.classify("M", false), Some(AbbrevClass::Title));
        let en = LanguageRules::for_language("EN");
        assert_eq!(en.classify("U.S", false), Some(AbbrevClass::Ambiguous));
        assert_eq!(en.classify("e.g", false), Some(AbbrevClass::General));
    }

    #[test]
    fn unknown_language_gets_generic_rules() {
        let it = LanguageRules::for_language("it");
        assert_eq!(it.classify("Dr", false), None);
        assert!(!it.is_starter("Il"));
    }

    #[test]
    fn german_rules_know_ordinals() {
        let de = LanguageRules::for_language("de");
        assert_eq!(de.classify("Dr", false), Some(AbbrevClass::Title));
        assert_eq!(de.classify("Fr", true), Some(AbbrevClass::Number));
        assert!(de.is_ordinal("im", "Grad"));
        assert!(de.is_ordinal("Samstag,", "September"));
        assert!(!de.is_ordinal("Jahr", "Danach"));
        assert!(!LanguageRules::for_language("fr").is_ordinal("le", "Septembre"));
    }

    #[test]
    fn parse_skips_comments_and_unknown_sections() {
        let r = LanguageRules::parse("# x\n[title]\nAb\n[other]\nZz\n");
        assert_eq!(r.classify("Ab", false), Some(AbbrevClass::Title));
        assert_eq!(r.classify("Zz", false), None);
    }
}
