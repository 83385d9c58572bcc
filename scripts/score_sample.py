#!/usr/bin/env python3
"""Scores bitext on the sample corpus against its hand-made gold (corpora/gold/*.jsonl).

  scripts/score_sample.py [BIN] [extra align args...]

Strict: a predicted bead counts when its two texts are exactly a gold bead's (sentences joined
by one space), 1-0 and 0-1 beads included. Prints precision, recall and F1 over all documents.
"""
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/bitext")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        cmd = [binary, "align", os.path.join(ROOT, "corpora/fr"), os.path.join(ROOT, "corpora/en"),
               "-o", out, "--quiet", *sys.argv[2:]]
        subprocess.run(cmd, check=True)
        pred = defaultdict(set)
        with open(out, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                pred[row["doc"]].add((row["fr"], row["en"]))
    tp = n_pred = n_gold = 0
    gold_dir = os.path.join(ROOT, "corpora/gold")
    for name in sorted(os.listdir(gold_dir)):
        doc = name.removesuffix(".jsonl")
        with open(os.path.join(gold_dir, name), encoding="utf-8") as fh:
            gold = {(" ".join(b["fr"]), " ".join(b["en"])) for b in map(json.loads, fh)}
        tp += len(gold & pred[doc])
        n_pred += len(pred[doc])
        n_gold += len(gold)
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    f = 2 * p * r / max(p + r, 1e-9)
    print(f"sample corpus: strict P {p:.3f} R {r:.3f} F1 {f:.3f} ({tp} of {n_gold} gold beads)")


if __name__ == "__main__":
    main()
