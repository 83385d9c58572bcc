//! A bead's shape: how many sentences it takes from each side (1-1, 2-1, 1-0 …).

/// The bead shapes the aligner may use. The order is [`Shape::ALL`]'s: a row's costs are
/// stored shape after shape in it, a back-pointer is a shape's place in it, and the Viterbi
/// programme gives a tie to the shape that comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub(crate) enum Shape {
    OneOne,
    OneZero,
    ZeroOne,
    TwoOne,
    OneTwo,
    TwoTwo,
    ThreeOne,
    OneThree,
}

/// The most sentences a bead takes from one side.
pub(crate) const MAX_SPAN: usize = 3;

impl Shape {
    /// Every shape, in order.
    pub(crate) const ALL: [Shape; 8] = [
        Shape::OneOne,
        Shape::OneZero,
        Shape::ZeroOne,
        Shape::TwoOne,
        Shape::OneTwo,
        Shape::TwoTwo,
        Shape::ThreeOne,
        Shape::OneThree,
    ];

    /// How many shapes there are: the length of tables indexed by [`Shape::index`].
    pub(crate) const COUNT: usize = Self::ALL.len();

    /// `(source sentences, target sentences)`.
    pub(crate) const fn sides(self) -> (usize, usize) {
        match self {
            Shape::OneOne => (1, 1),
            Shape::OneZero => (1, 0),
            Shape::ZeroOne => (0, 1),
            Shape::TwoOne => (2, 1),
            Shape::OneTwo => (1, 2),
            Shape::TwoTwo => (2, 2),
            Shape::ThreeOne => (3, 1),
            Shape::OneThree => (1, 3),
        }
    }

    /// The shape's place in [`Shape::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// The shape at `index` in [`Shape::ALL`] (a back-pointer).
    pub(crate) const fn from_index(index: usize) -> Self {
        Self::ALL[index]
    }

    /// The shape of `source` sentences against `target`, for tests: panics if the aligner
    /// has no such shape.
    #[cfg(test)]
    pub(crate) fn new(source: usize, target: usize) -> Self {
        *Self::ALL
            .iter()
            .find(|s| s.sides() == (source, target))
            .unwrap_or_else(|| panic!("no bead shape {source}-{target}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_listed_in_their_own_order_once_each() {
        for (k, shape) in Shape::ALL.iter().enumerate() {
            assert_eq!(shape.index(), k);
            assert_eq!(Shape::from_index(k), *shape);
            assert_eq!(Shape::new(shape.sides().0, shape.sides().1), *shape);
        }
    }

    #[test]
    fn max_span_is_the_widest_side() {
        let widest = Shape::ALL
            .iter()
            .map(|s| s.sides().0.max(s.sides().1))
            .max();
        assert_eq!(widest, Some(MAX_SPAN));
    }
}
