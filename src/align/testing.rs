//! Helpers for the unit tests of the lattice's modules: models from lengths, paths as shapes.

use super::cost::CostModel;
use super::path::Step;

pub(crate) fn model(src: &[usize], tgt: &[usize]) -> CostModel {
    CostModel::new(src, tgt, &vec![0; src.len()], &vec![0; tgt.len()])
}

/// Sentence lengths from a fixed-seed generator (10 to 139 characters).
pub(crate) fn lengths(n: usize, seed: u64) -> Vec<usize> {
    let mut next = crate::testing::test_numbers(seed);
    (0..n).map(|_| 10 + next(130) as usize).collect()
}

pub(crate) fn shapes(path: &[Step]) -> Vec<(usize, usize)> {
    path.iter().map(|s| s.shape.sides()).collect()
}
