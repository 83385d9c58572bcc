//! The length term (Gale & Church 1993): how far a bead's target length is from what its
//! source's predicts, as the log probability of so large a deviation.

use crate::align::constants::VARIANCE;

/// The length model of one document pair.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Length {
    /// Target characters per source character, estimated from the pair itself.
    ratio: f64,
}

impl Length {
    /// The model of a pair whose sides hold `source` and `target` characters.
    pub(crate) fn of_totals(source: f64, target: f64) -> Self {
        let ratio = match (source, target) {
            (s, t) if s > 0.0 && t > 0.0 => t / s,
            _ => 1.0,
        };
        Self { ratio }
    }

    /// The expansion ratio (target characters per source character).
    #[cfg(test)]
    pub(crate) fn ratio(&self) -> f64 {
        self.ratio
    }

    /// The length term of a bead whose sides hold `l1` and `l2` characters: `-ln P(δ)` with
    /// `δ = (l2 - c·l1) / √(s²·m)`, `m` the mean length in source units; `table` is
    /// [`length_table`]. Only for beads with two sides: a sentence left out has no
    /// translation whose length could disagree with it (Moore 2002 scores deletions so).
    #[inline]
    pub(crate) fn cost(&self, table: &[f64], l1: f64, l2: f64) -> f64 {
        -tabulated(table, self.deviation(l1, l2).abs())
    }

    /// The length terms of beads whose source holds `l1` characters and whose targets end and
    /// start at `ends` and `starts` of a prefix sum of lengths, each added to `base`, into
    /// `out`: `base + `[`Self::cost`] of each, to the bit. The deviations first, in a loop
    /// without a branch that the compiler turns into divisions and square roots of two
    /// columns at once (IEEE rounds them alike either way), then the table.
    #[inline]
    pub(crate) fn costs(
        &self,
        table: &[f64],
        base: f64,
        l1: f64,
        (ends, starts): (&[f64], &[f64]),
        out: &mut [f64],
    ) {
        let ratio = self.ratio;
        let n = out.len().min(ends.len()).min(starts.len());
        for k in 0..n {
            let l2 = ends[k] - starts[k];
            let mean = (l1 + l2 / ratio) / 2.0;
            let deviation = (l2 - l1 * ratio) / (VARIANCE * mean).sqrt();
            // [`Self::deviation`]'s 0 for `mean <= 0` (not for NaN) as a mask: a branch, or
            // a select, keeps the compiler from pairing the columns.
            let kept = u64::from(mean > 0.0 || mean.is_nan()).wrapping_neg();
            out[k] = f64::from_bits(deviation.abs().to_bits() & kept);
        }
        for out in &mut out[..n] {
            *out = base + -tabulated(table, *out);
        }
    }

    /// `δ = (l2 - c·l1) / √(s²·m)`: how far the target length is from what the source's
    /// predicts, in standard deviations (0 for two empty sides).
    #[inline]
    pub(crate) fn deviation(&self, l1: f64, l2: f64) -> f64 {
        let mean = (l1 + l2 / self.ratio) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        (l2 - l1 * self.ratio) / (VARIANCE * mean).sqrt()
    }
}

/// Steps per unit of `z` in the table of [`ln_two_tailed_tabulated`], and its reach.
const TABLE_SCALE: f64 = 128.0;
const TABLE_STEPS: usize = 40 * 128;

/// [`ln_two_tailed`] from a table with linear interpolation (within 1e-5 nats of the formula
/// up to z = 40, the formula beyond; 40 KB, so it stays in cache): the length cost is weighed
/// for every bead the dynamic programme considers, and the formula's logarithm and divisions
/// were most of its time.
#[cfg(test)]
pub(crate) fn ln_two_tailed_tabulated(z: f64) -> f64 {
    tabulated(length_table(), z)
}

/// [`ln_two_tailed`] at `k / TABLE_SCALE` for `k` in `0..=TABLE_STEPS`, computed once.
pub(crate) fn length_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=TABLE_STEPS)
            .map(|k| ln_two_tailed(k as f64 / TABLE_SCALE))
            .collect()
    })
}

#[inline]
fn tabulated(table: &[f64], z: f64) -> f64 {
    let x = z * TABLE_SCALE;
    // Also false for NaN.
    if x < TABLE_STEPS as f64 {
        // Through `u32`: `x` is below TABLE_STEPS, and a conversion to `usize` takes twice
        // the instructions.
        let k = x as u32 as usize;
        return table[k] + (x - k as f64) * (table[k + 1] - table[k]);
    }
    ln_two_tailed(z) // far in the tail, or not a number
}

/// `ln(2·(1 − Φ(z)))` for `z ≥ 0`, the log probability of a deviation at least `|δ|`, computed
/// in log space so that long sentences far from the diagonal do not underflow to `ln 0`.
pub(crate) fn ln_two_tailed(z: f64) -> f64 {
    ln_erfc(z / std::f64::consts::SQRT_2)
}

/// `ln erfc(x)` for `x ≥ 0` (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7).
fn ln_erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807
                            + t * (-1.13520398
                                + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    t.ln() - x * x + poly
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_matches_known_values() {
        // 2(1 − Φ(1.96)) ≈ 0.05; 2(1 − Φ(0)) = 1.
        assert!((ln_two_tailed(1.96).exp() - 0.05).abs() < 1e-4);
        assert!(ln_two_tailed(0.0).abs() < 1e-6);
        assert!(
            ln_two_tailed(40.0).is_finite(),
            "no underflow far in the tail"
        );
    }

    #[test]
    fn the_table_follows_the_formula() {
        let mut worst: f64 = 0.0;
        for k in 0..200_000 {
            let z = k as f64 * 0.000_37;
            worst = worst.max((ln_two_tailed_tabulated(z) - ln_two_tailed(z)).abs());
        }
        assert!(worst < 1e-5, "{worst}");
        assert_eq!(ln_two_tailed_tabulated(100.0), ln_two_tailed(100.0));
    }

    #[test]
    fn ratio_is_estimated_from_the_pair() {
        assert!((Length::of_totals(200.0, 230.0).ratio() - 1.15).abs() < 1e-12);
        assert_eq!(Length::of_totals(0.0, 230.0).ratio(), 1.0, "an empty side");
    }

    #[test]
    fn matching_lengths_cost_less_than_mismatched() {
        let (length, table) = (Length::of_totals(200.0, 200.0), length_table());
        assert!(length.cost(table, 100.0, 100.0) < length.cost(table, 100.0, 60.0));
        assert!(length.cost(table, 100.0, 60.0) < length.cost(table, 100.0, 20.0));
    }
}
