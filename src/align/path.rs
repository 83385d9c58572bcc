//! A path through the lattice: the beads an alignment is made of, each ending at a cell.

/// One step of the best path: bead `kind` (an index into [`BEADS`]) ending at `(i, j)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Step {
    pub(crate) kind: usize,
    pub(crate) i: usize,
    pub(crate) j: usize,
    /// Posterior probability of this bead given the whole document pair.
    pub(crate) posterior: f64,
}
