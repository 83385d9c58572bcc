#!/usr/bin/env python3
"""Prints how well bead scores are calibrated, per gold set, end to end and on the gold
sentences (--presplit):

  scripts/calibration.py --bin target/release/bitext [--data DIR] [--set S ...]

Per set and mode: ECE (10 equal-width bins), the reliability bins (beads, mean score, share
right), the precision and share of gold pairs kept at --min-score 0.5, 0.9 and 0.99, and the ECE a
perfectly calibrated score would show on as many beads with the same scores (each bead right
with probability its score; mean and 95th percentile of 200 draws): the sampling noise ECE has
on a set of that size, below which a lower ECE means nothing. A bead
is right when it equals a gold bead once projected on the gold sentences: the beads and their
correctness come from ../shared/eval/trust_eval.py (DIR defaults to its gold sets; the fitting
data of scripts/calibration_data.py has the same layout).
"""
import argparse
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(ROOT, "..", "shared", "eval")
sys.path.insert(0, EVAL)
import trust_eval  # noqa: E402

BINS = 10


def reliability(pairs):
    """(beads, mean score, share right) of each of the BINS equal-width score bins."""
    rows = []
    for k in range(BINS):
        lo, hi = k / BINS, (k + 1) / BINS
        b = [(s, c) for s, c in pairs if lo <= s < hi or (k == BINS - 1 and s >= 1.0)]
        n = len(b)
        rows.append((n, sum(s for s, _ in b) / n if n else 0.0, sum(c for _, c in b) / n if n else 0.0))
    return rows


def ece_floor(pairs, draws=200):
    """(mean, 95th percentile) of the ECE of a calibrated score on `pairs`' scores."""
    rng = random.Random(1)
    eces = sorted(trust_eval.ece([(sc, rng.random() < sc) for sc, _ in pairs]) for _ in range(draws))
    return sum(eces) / draws, eces[int(0.95 * draws)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", default=os.path.join(EVAL, "align"))
    ap.add_argument("--set", action="append")
    a = ap.parse_args()
    sets = a.set or sorted(os.listdir(a.data))
    print("%-10s %-10s %6s %6s  %-13s %-13s %-13s %s" % ("set", "mode", "beads", "ECE", "P/kept @0.5", "P/kept @0.9",
                                                           "P/kept @0.99", "calibrated ECE (mean, 95th pct)"))
    bins = []
    for s in sets:
        for presplit in (False, True):
            mode = "presplit" if presplit else "end2end"
            pairs, total = trust_eval.calibration(a.bin, os.path.join(a.data, s), presplit)
            cells = []
            for t in (0.5, 0.9, 0.99):
                kept = [c for sc, c in pairs if sc >= t]
                cells.append("%.3f/%.3f" % (sum(kept) / len(kept) if kept else 0, sum(kept) / total if total else 0))
            floor = ece_floor(pairs) if pairs else (0, 0)
            print("%-10s %-10s %6d %6.3f  %-13s %-13s %-13s %.3f, %.3f" % (
                s, mode, len(pairs), trust_eval.ece(pairs) if pairs else 0, *cells, *floor))
            bins.append((s, mode, reliability(pairs)))
    print("\nreliability bins: beads, mean score, share right")
    print("%-10s %-10s %s" % ("set", "mode", " ".join("%-16s" % ("%.1f-%.1f" % (k / BINS, (k + 1) / BINS))
                                                        for k in range(BINS))))
    for s, mode, rows in bins:
        cells = ("%4d %.2f %.2f" % r if r[0] else "%4d    -    -" % r[0] for r in rows)
        print("%-10s %-10s %s" % (s, mode, " ".join("%-16s" % c for c in cells)))


if __name__ == "__main__":
    main()
