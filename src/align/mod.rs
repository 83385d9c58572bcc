//! Sentence alignment: Gale & Church (1993) on character lengths, with paragraphs and lexical
//! anchors (numbers, names, cognates found in the texts themselves) as evidence, and a posterior
//! confidence for every bead.
//!
//! A bead pairs a run of source sentences with a run of target sentences (1-1, 1-0, 0-1, 2-1,
//! 1-2, 2-2). `cost` says what a bead costs (its figures in `constants`), `lexical` what its
//! two sides share; `search` finds the cheapest sequence of beads inside a band (`viterbi`),
//! so that a 100,000-sentence document needs memory linear in its length, and `posterior`
//! each bead's confidence. This module runs the two passes: a first path, a word table
//! learned from it ([`translation`]), a second path near the first, with confidences.

mod band;
mod band_costs;
mod calibration;
mod constants;
pub(crate) mod cost;
mod doc_score;
pub(crate) mod lexical;
mod overlap;
mod path;
mod pieces;
mod posterior;
mod ring;
mod search;
mod shape;
#[cfg(test)]
mod testing;
pub mod translation;
mod viterbi;

use std::ops::Range;

use serde::Serialize;

use crate::normalize::char_len;
use crate::parallel::both;
use crate::split::Sentence;
pub(crate) use calibration::UnitSource;
pub(crate) use constants::CUT_SHORT_SCORE;
pub use constants::MIN_DOC_SCORE;
use constants::{CONFIDENT, LEXICAL_WEIGHT};
use cost::CostModel;
pub use cost::CostParts;
pub use doc_score::DocEvidence;
pub(crate) use doc_score::untranslated_end;
use overlap::Lists;
use path::Step;
use shape::Shape;
pub use translation::Dictionary;
use translation::Side;

/// Units (sentences or clauses) a side may have. The dynamic programme's work is bounded
/// whatever the text (its band stops growing at a budget of cells), but memory grows with the
/// units, some 500 bytes each: two million keep a document within about a gigabyte.
pub const MAX_UNITS: usize = 2_000_000;

/// Whether a pair has more units on a side than [`MAX_UNITS`]: it is refused, not aligned.
pub(crate) fn too_long(source_units: usize, target_units: usize) -> bool {
    source_units.max(target_units) > MAX_UNITS
}

/// One aligned unit: source sentences `source` paired with target sentences `target`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bead {
    pub source: Range<usize>,
    pub target: Range<usize>,
    /// Posterior probability of this bead, in `[0, 1]`: low means "a reviewer should look".
    pub score: f64,
    /// Why the aligner chose it: the bead's cost term by term.
    pub cost: CostParts,
}

impl Bead {
    /// The bead's shape as users write it: `"1-1"`, `"2-1"`, `"1-0"` …
    pub fn kind(&self) -> String {
        format!("{}-{}", self.source.len(), self.target.len())
    }

    /// Whether both sides hold a sentence (a translation pair, not an omission).
    pub fn is_pair(&self) -> bool {
        !self.source.is_empty() && !self.target.is_empty()
    }
}

/// The beads of one document pair, in document order, covering every sentence once.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Alignment {
    pub beads: Vec<Bead>,
}

impl Alignment {
    /// How likely the two sides are translations of each other, in `[0, 1]`, from the
    /// anchors their pair beads share and how well their lengths agree: below
    /// [`MIN_DOC_SCORE`], they are taken for unrelated texts. `tables` are the two
    /// languages' (see [`DocEvidence::for_languages`]).
    pub fn doc_score(&self, tables: &DocEvidence) -> f64 {
        doc_score::doc_score(self, tables)
    }
}

/// Aligns two sentence lists, each bead scored by its calibrated posterior (the units
/// `units` came from are part of the evidence). `known` holds word pairs learned from the
/// whole run or given by the user (it may be empty); the pair's own settled beads add to it
/// for a second pass.
pub(crate) fn align(
    source: &[Sentence],
    target: &[Sentence],
    known: &Dictionary,
    units: UnitSource,
) -> Alignment {
    // Another tool's splitter may have cut inside a sentence: its pieces are searched as one.
    let (source_joined, target_joined) = match units {
        UnitSource::Given => both(|| pieces::join(source), || pieces::join(target)),
        UnitSource::Splitter => (None, None),
    };
    let mut alignment = best_alignment(
        pieces::searched(&source_joined, source),
        pieces::searched(&target_joined, target),
        known,
    );
    calibration::calibrate(&mut alignment, units);
    pieces::map_back(&mut alignment, &source_joined, &target_joined);
    alignment
}

/// The two passes: each bead's score is its posterior under the model.
fn best_alignment(source: &[Sentence], target: &[Sentence], known: &Dictionary) -> Alignment {
    let (source, target) = both(|| Read::of(source), || Read::of(target));
    let model = cost_model(&source, &target);
    let words = (&source.words, &target.words);
    let own = (source.anchors, target.anchors);
    let anchors = with_dictionary(own, words, known);
    let first_model = model
        .clone()
        .with_anchor_lists(&anchors.0, &anchors.1, LEXICAL_WEIGHT);
    let first_path = search::unscored_path(&first_model);
    // Second pass: what the settled beads of the first taught about this pair's words.
    let learned = learn(&first_path, words);
    if learned.is_empty() {
        return to_alignment(&search::rescore(&first_model, first_path), &first_model);
    }
    // The first model's anchors are those of `known`: the second adds the learned pairs' (the
    // same sets as anchors of `known ∪ learned`, without building that union). Added to the
    // lists the first model was built from, not to lists rebuilt from it (a fifth of the
    // second model's time): the model counts an anchor a list repeats once, and numbers
    // anchors in order of first appearance, so the two give the same model.
    drop(first_model);
    let (source_anchors, target_anchors) = with_dictionary(anchors, words, &learned);
    let second_model = model.with_anchor_lists(&source_anchors, &target_anchors, LEXICAL_WEIGHT);
    to_alignment(
        &search::best_path_near(&second_model, &first_path),
        &second_model,
    )
}

/// What the aligner reads of each sentence of a side, in one pass over the side (the two
/// sides at once on a pool thread; read side after side and figure after figure, they were a
/// sixth of a long document's time).
struct Read {
    lens: Vec<usize>,
    paragraphs: Vec<usize>,
    /// Whether the sentence is a word-less fragment or debris (see [`cost::Kind`]).
    kinds: Vec<cost::Kind>,
    /// Its words (see [`translation::word`]) and anchors (see [`lexical::anchors_and_words`]),
    /// in the text's order with its repeats (the word table and the cost model take each once),
    /// each side's lists back to back: a `Vec` per sentence and list was four allocations a
    /// sentence, each freed again, and their frees alone were some 30 ms of the 100k bench's
    /// wall time on one thread.
    words: Lists,
    anchors: Lists,
}

impl Read {
    fn of(sentences: &[Sentence]) -> Self {
        let n = sentences.len();
        let mut read = Read {
            lens: Vec::with_capacity(n),
            paragraphs: Vec::with_capacity(n),
            kinds: Vec::with_capacity(n),
            words: Lists::new(),
            anchors: Lists::new(),
        };
        // Room for a sentence's lists, copied out after the others.
        let (mut words, mut anchors) = (Vec::new(), Vec::new());
        for s in sentences {
            read.lens.push(char_len(&s.text));
            read.paragraphs.push(s.paragraph);
            read.kinds.push(cost::fragment_kind(&s.text));
            words.clear();
            lexical::anchors_and_words(&s.text, &mut anchors, |word| words.push(word));
            read.words.push(&words);
            read.anchors.push(&anchors);
        }
        read
    }
}

/// The cost model of two sentence lists before anchors: their lengths, paragraphs and
/// word-less fragments.
fn cost_model(source: &Read, target: &Read) -> CostModel {
    CostModel::new(
        &source.lens,
        &target.lens,
        &source.paragraphs,
        &target.paragraphs,
    )
    .with_fragments(&source.kinds, &target.kinds)
}

/// Each sentence's anchors `anchors` (source, target), and one per word pair of `dictionary`
/// its words `words` take part in.
fn with_dictionary(
    (source, target): (Lists, Lists),
    (source_words, target_words): (&Lists, &Lists),
    dictionary: &Dictionary,
) -> (Lists, Lists) {
    if dictionary.is_empty() {
        return (source, target);
    }
    let add = |anchors: Lists, words: &Lists, side| {
        let mut out = Lists::with_capacity(anchors.len(), anchors.total() + words.total());
        let mut sentence = Vec::new();
        for (anchors, words) in anchors.iter().zip(words.iter()) {
            sentence.clear();
            sentence.extend_from_slice(anchors);
            dictionary.add_anchors(side, words, &mut sentence);
            out.push(&sentence);
        }
        out
    };
    both(
        || add(source, source_words, Side::Source),
        || add(target, target_words, Side::Target),
    )
}

/// The word table a first path's settled beads teach (see [`settled_pairs`]), from an even
/// sample of at most [`LEARN_PAIRS`] of them.
fn learn(first_path: &[Step], (source, target): (&Lists, &Lists)) -> Dictionary {
    let settled = settled_pairs(first_path);
    Dictionary::learn(
        spread_sample(&settled, LEARN_PAIRS).map(|&(i, j)| (source.get(i), target.get(j))),
    )
}

/// The word sets of an alignment's confident 1-1 beads: what a run-level dictionary learns from.
pub(crate) fn training_pairs(
    source: &[Sentence],
    target: &[Sentence],
    alignment: &Alignment,
) -> Vec<(Vec<u32>, Vec<u32>)> {
    confident_pairs(alignment)
        .map(|(i, j)| {
            (
                translation::words(&source[i].text),
                translation::words(&target[j].text),
            )
        })
        .collect()
}

/// Source and target sentence of each 1-1 bead the aligner is sure of.
fn confident_pairs(alignment: &Alignment) -> impl Iterator<Item = (usize, usize)> + Clone + '_ {
    alignment
        .beads
        .iter()
        .filter(|b| b.source.len() == 1 && b.target.len() == 1 && b.cost.posterior >= CONFIDENT)
        .map(|b| (b.source.start, b.target.start))
}

/// Source and target sentence of each 1-1 bead of a first pass that lies between two other
/// 1-1 beads (or an end of the document): the pairs a second pass learns words from. They
/// teach as well as the first pass's confident beads (posteriors of at least 0.9) did, with
/// bench and eval F1 equal to ±.002, and need no sums over paths, which were a fifth of the
/// time.
fn settled_pairs(path: &[Step]) -> Vec<(usize, usize)> {
    let one_to_one = |k: usize| path[k].shape == Shape::OneOne;
    (0..path.len())
        .filter(|&k| {
            one_to_one(k)
                && (k == 0 || one_to_one(k - 1))
                && (k + 1 == path.len() || one_to_one(k + 1))
        })
        .map(|k| (path[k].i - 1, path[k].j - 1))
        .collect()
}

/// The most confident pairs a document's word table learns from: enough for the words that
/// recur; more only costs time and memory (the table of pairs seen together grows with them).
pub(crate) const LEARN_PAIRS: usize = 20_000;

/// About `limit` of the sentence pairs `pairs`, evenly spread over the document: those whose
/// source sentence falls on a fixed stride. Chosen by position, not by rank in the list, so
/// that one bead more or less in a first pass changes the sample near it only (by rank, every
/// pick after it moved, and with them the whole word table).
fn spread_sample(
    pairs: &[(usize, usize)],
    limit: usize,
) -> impl Iterator<Item = &(usize, usize)> + Clone {
    let step = pairs.len().div_ceil(limit.max(1)).max(1);
    pairs.iter().filter(move |(i, _)| i % step == 0)
}

fn to_alignment(path: &[Step], model: &CostModel) -> Alignment {
    let costs = model.path_cost_parts(path.iter().map(|s| (s.shape, s.i, s.j)));
    let beads = path
        .iter()
        .zip(costs)
        .map(|(step, cost)| {
            let (di, dj) = step.shape.sides();
            Bead {
                source: step.i - di..step.i,
                target: step.j - dj..step.j,
                score: step.posterior,
                cost: CostParts {
                    posterior: step.posterior,
                    ..cost
                },
            }
        })
        .collect();
    Alignment { beads }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(texts: &[&str]) -> Vec<Sentence> {
        texts
            .iter()
            .map(|t| Sentence {
                text: t.to_string(),
                paragraph: 0,
            })
            .collect()
    }

    #[test]
    fn beads_cover_every_sentence_once_in_order() {
        // Web clutter in a paragraph of its own, as scraped pages have it.
        let mut fr = sentences(&[
            "Le gouvernement a annoncé mardi un nouveau plan.",
            "Publicité",
            "Il coûtera trois milliards d’euros sur cinq ans, selon le ministre.",
            "Les syndicats sont sceptiques.",
        ]);
        for (k, s) in fr.iter_mut().enumerate() {
            s.paragraph = k.min(2);
        }
        let mut en = sentences(&[
            "The government announced a new plan on Tuesday.",
            "It will cost three billion euros over five years, according to the minister.",
            "Unions are sceptical.",
        ]);
        en[1].paragraph = 1;
        en[2].paragraph = 1;
        let alignment = align(&fr, &en, &Dictionary::default(), UnitSource::Given);
        let (mut i, mut j) = (0, 0);
        for bead in &alignment.beads {
            assert_eq!((bead.source.start, bead.target.start), (i, j));
            (i, j) = (bead.source.end, bead.target.end);
        }
        assert_eq!((i, j), (fr.len(), en.len()));
        let kinds: Vec<_> = alignment.beads.iter().map(Bead::kind).collect();
        assert_eq!(kinds, ["1-1", "1-0", "1-1", "1-1"]);
    }

    #[test]
    fn paragraphs_anchor_the_alignment() {
        // Lengths alone would pair "Short one." with the first English sentence's half; the
        // paragraph break on both sides settles it.
        let mut fr = sentences(&["Une phrase assez longue pour compter ici.", "Courte."]);
        fr[1].paragraph = 1;
        let mut en = sentences(&["A sentence long enough to count here.", "Short."]);
        en[1].paragraph = 1;
        let kinds: Vec<_> = align(&fr, &en, &Dictionary::default(), UnitSource::Given)
            .beads
            .iter()
            .map(Bead::kind)
            .collect();
        assert_eq!(kinds, ["1-1", "1-1"]);
    }

    #[test]
    fn word_less_fragments_join_their_sentence() {
        let fr = sentences(&[
            "Le plan est simple.",
            "...",
            "le tireur déplace la tête vers l'avant...",
        ]);
        let en = sentences(&[
            "The plan is simple.",
            "...",
            "the sniper moves his head forward...",
        ]);
        let kinds: Vec<_> = align(&fr, &en, &Dictionary::default(), UnitSource::Given)
            .beads
            .iter()
            .map(Bead::kind)
            .collect();
        assert_eq!(kinds, ["1-1", "2-2"]);
    }

    #[test]
    fn ocr_debris_was_merged_into_the_sentence_beside_it() {
        // A scanned yearbook: specks read as letters between two sentences.
        let fr = sentences(&[
            "Le surplomb s'accentue nettement au-dessus du relais.",
            "■ iv V V.",
            "Vv",
            "Jean-Luc veille et la corde suit, toujours aussi tendue.",
        ]);
        let en = sentences(&[
            "The overhang grows markedly steeper above the belay.",
            "Jean-Luc keeps watch and the rope follows, as taut as ever.",
        ]);
        let kinds: Vec<_> = align(&fr, &en, &Dictionary::default(), UnitSource::Given)
            .beads
            .iter()
            .map(Bead::kind)
            .collect();
        assert_eq!(kinds, ["1-1", "1-0", "1-0", "1-1"]);
    }

    #[test]
    fn a_speck_left_out_counted_as_a_sentence_the_translation_dropped() {
        // A one-sentence news item with a speck above it scored .3965 and was refused as not
        // a translation (.6682 without the speck, and before debris was left out).
        let en = sentences(&["A sentence here."]);
        let score = |fr: &[&str]| {
            align(
                &sentences(fr),
                &en,
                &Dictionary::default(),
                UnitSource::Given,
            )
            .doc_score(DocEvidence::for_languages("fr", "en"))
        };
        let with_speck = score(&["Vv", "Une phrase ici."]);
        assert!(with_speck > MIN_DOC_SCORE, "{with_speck}");
        assert!((with_speck - score(&["Une phrase ici."])).abs() < 1e-9);
    }

    #[test]
    fn a_side_read_in_one_pass_has_each_sentences_words_and_anchors() {
        let side = sentences(&[
            "Le rapport ΣΑΣ de l’ONU, le rapport, 7 000 €.",
            "...",
            "a b",
        ]);
        let read = Read::of(&side);
        // As sets: the lists keep the text's order and repeats.
        let set = |list: &[u32]| {
            let mut set = list.to_vec();
            set.sort_unstable();
            set.dedup();
            set
        };
        for (k, s) in side.iter().enumerate() {
            assert_eq!(set(read.words.get(k)), translation::words(&s.text));
            assert_eq!(set(read.anchors.get(k)), lexical::anchors(&s.text));
        }
        use cost::Kind::{Debris, Fragment, Sentence};
        assert_eq!(read.kinds, [Sentence, Fragment, Debris]);
    }

    #[test]
    fn settled_pairs_are_one_to_one_beads_between_others() {
        let shapes = [(1, 1), (1, 1), (2, 1), (1, 1), (1, 1), (1, 1)];
        let (mut i, mut j) = (0, 0);
        let path: Vec<Step> = shapes
            .iter()
            .map(|&(di, dj)| {
                (i, j) = (i + di, j + dj);
                Step {
                    shape: Shape::new(di, dj),
                    i,
                    j,
                    posterior: 0.0,
                }
            })
            .collect();
        // Beads 0, 4 and 5: the others touch the 2-1 bead.
        assert_eq!(settled_pairs(&path), [(0, 0), (5, 4), (6, 5)]);
    }

    #[test]
    fn samples_spread_over_the_whole_list() {
        let pairs: Vec<(usize, usize)> = (0..10).map(|i| (i, i + 1)).collect();
        let all: Vec<_> = spread_sample(&pairs, 20).copied().collect();
        assert_eq!(all, pairs);
        let some: Vec<_> = spread_sample(&pairs, 4).map(|&(i, _)| i).collect();
        assert_eq!(some, [0, 3, 6, 9]);
        // One pair fewer early on leaves the later picks where they were.
        let fewer: Vec<_> = pairs.iter().copied().filter(|&(i, _)| i != 1).collect();
        let picks: Vec<_> = spread_sample(&fewer, 4).map(|&(i, _)| i).collect();
        assert_eq!(picks, [0, 3, 6, 9]);
    }

    #[test]
    fn bead_kind_and_pair() {
        let b = Bead {
            source: 3..5,
            target: 2..3,
            score: 0.9,
            cost: CostParts::default(),
        };
        assert_eq!(b.kind(), "2-1");
        assert!(b.is_pair());
        assert!(!Bead { target: 2..2, ..b }.is_pair());
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        /// Sentences of 1 to 200 characters, words from both languages and numbers (anchors),
        /// in paragraphs that start where `breaks` says.
        fn side(max: usize) -> impl Strategy<Value = Vec<Sentence>> {
            let sentence = ("[a-zé]{1,12}( [a-zé0-9]{1,12}){0,16}[.?!]?", any::<bool>());
            proptest::collection::vec(sentence, 0..max).prop_map(|sentences| {
                let mut paragraph = 0;
                sentences
                    .into_iter()
                    .enumerate()
                    .map(|(k, (text, new_paragraph))| {
                        paragraph += usize::from(k > 0 && new_paragraph);
                        Sentence { text, paragraph }
                    })
                    .collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(32))]

            /// Small pairs get the full lattice, larger ones (over 20,000 cells) the band.
            #[test]
            fn every_sentence_is_in_one_bead_in_order(source in side(220), target in side(220)) {
                let alignment = align(&source, &target, &Dictionary::default(), UnitSource::Given);
                let (mut i, mut j) = (0, 0);
                for bead in &alignment.beads {
                    prop_assert_eq!((bead.source.start, bead.target.start), (i, j));
                    prop_assert!(bead.source.len() + bead.target.len() > 0, "empty bead");
                    prop_assert!((0.0..=1.0).contains(&bead.score), "score {}", bead.score);
                    (i, j) = (bead.source.end, bead.target.end);
                }
                prop_assert_eq!((i, j), (source.len(), target.len()));
            }
        }
    }
}
