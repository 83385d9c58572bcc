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
