//! Helpers shared by the unit tests of several modules.

/// A fixed-seed generator for tests: each call gives a number below `n` (Knuth's MMIX
/// linear congruential step, high bits).
pub(crate) fn test_numbers(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut state = seed;
    move |n| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    }
}

/// A paragraph of news in French, then its English and German translations: about thirty
/// words of evidence each (see `crate::language`), too few to be judged alone.
pub(crate) const FR: &str = "Le gouvernement a survécu jeudi soir à une motion de censure déposée par \
    l'opposition après le recours à l'article qui permet de faire adopter sans vote le \
    projet de budget. La motion n'a recueilli que quelques voix de moins que la majorité \
    absolue, et la ministre a dit qu'elle continuerait à gouverner avec prudence.";
pub(crate) const EN: &str = "The government survived a motion of no confidence on Thursday evening, \
    tabled by the opposition after it used the article that lets a budget be adopted \
    without a vote. The motion fell only a few votes short of an absolute majority, and \
    the minister said that she would go on governing with care.";
pub(crate) const DE: &str = "Die Regierung hat am Donnerstagabend ein Misstrauensvotum überstanden, \
    das die Opposition nach der Verabschiedung des Haushalts ohne Abstimmung eingebracht \
    hatte. Der Antrag erhielt nur wenige Stimmen weniger als die absolute Mehrheit, und \
    die Ministerin sagte, sie werde weiter mit Vorsicht regieren. Die Abgeordneten warfen \
    ihr vor, die Debatte zu verweigern, und kündigten an, dass sie sich weiter gegen den \
    Haushalt stellen würden.";

/// A side long enough for the language check to judge: the paragraph twice, as units.
pub(crate) fn side(paragraph: &str) -> Vec<crate::split::Sentence> {
    crate::split::presplit(&format!("{paragraph}\n\n{paragraph}"))
}
