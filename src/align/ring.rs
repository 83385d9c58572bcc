//! The last rows of a programme that runs row by row over the lattice: a bead reaches back at
//! most [`MAX_SPAN`] rows, so these are all the Viterbi programme and the sums over paths keep.

use super::shape::MAX_SPAN;

/// The last `MAX_SPAN + 1` rows, by row number (forward or backward: a row's neighbours are
/// the `MAX_SPAN` rows before it in the programme's order).
#[derive(Debug)]
pub(crate) struct Ring<T> {
    rows: [T; MAX_SPAN + 1],
}

impl<T: Default> Default for Ring<T> {
    fn default() -> Self {
        Self {
            rows: std::array::from_fn(|_| T::default()),
        }
    }
}

impl<T> Ring<T> {
    pub(crate) fn row(&self, i: usize) -> &T {
        &self.rows[i % (MAX_SPAN + 1)]
    }

    pub(crate) fn row_mut(&mut self, i: usize) -> &mut T {
        &mut self.rows[i % (MAX_SPAN + 1)]
    }

    /// Row `i`'s storage (what the row `MAX_SPAN + 1` before it held, with its allocation),
    /// taken out to be written while the rows before it are read; [`Ring::put`] puts it back.
    pub(crate) fn take(&mut self, i: usize) -> T
    where
        T: Default,
    {
        std::mem::take(self.row_mut(i))
    }

    pub(crate) fn put(&mut self, i: usize, row: T) {
        *self.row_mut(i) = row;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_kept_until_the_row_max_span_plus_one_after_it_takes_its_place() {
        let mut ring: Ring<Vec<usize>> = Ring::default();
        for i in 0..=MAX_SPAN {
            let mut row = ring.take(i);
            row.push(i);
            ring.put(i, row);
        }
        assert!((0..=MAX_SPAN).all(|i| ring.row(i) == &[i]));
        let next = MAX_SPAN + 1;
        assert_eq!(ring.take(next), [0], "row 0's storage, to be reused");
    }
}
