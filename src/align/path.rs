//! A path through the lattice: the beads an alignment is made of, each ending at a cell.

/// One step of the best path: a bead of `shape` ending at `(i, j)`.
use super::shape::Shape;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Step {
    pub(crate) shape: Shape,
    pub(crate) i: usize,
    pub(crate) j: usize,
    /// Posterior probability of this bead given the whole document pair.
    pub(crate) posterior: f64,
}
