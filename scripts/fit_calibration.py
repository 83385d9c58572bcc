#!/usr/bin/env python3
"""Fits the map from a bead's posterior to its calibrated score (src/align/calibration.rs) on
data we make, never on ../shared:

  scripts/fit_calibration.py --bin target/release/bitext [--data DIR]

DIR (made with scripts/calibration_data.py if absent) holds the sample corpus and generated
pairs, as they are and perturbed, with their gold. Every set is aligned end to end and on its
gold sentences (--presplit) with --explain, which writes each bead's raw posterior; each bead
with text on both sides is projected on the gold sentences as ../shared/eval/trust_eval.py does
and counts as right when it equals a gold bead. A logistic regression of rightness on the
features of src/align/calibration.rs is fitted on all of them (each set and mode weighed
equally), and the constants to paste into src/align/constants.rs are printed, with the ECE
on each training set: of the posterior, of the fitted map, and held out (each fold of
documents scored by a map fitted without it; each source by a map fitted on the other).
"""
import argparse
import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(ROOT, "..", "shared", "eval")
sys.path.insert(0, EVAL)
import score_align  # noqa: E402  (reads gold and projects beads on it; no data of its own)
import trust_eval  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import logistic  # noqa: E402
from logistic import predict, sigmoid  # noqa: E402

# Posteriors are clamped to [EPS, 1 - EPS] before their logit: a posterior of 1.0 is the sums'
# rounding, not certainty.
EPS = 1e-4
# Held-out checks: documents fall in FOLDS folds by the number of the document they were made
# from (a document's perturbed copies are never on both sides); and each source (corpora,
# generated) is scored by a map fitted on the other alone.
FOLDS = 6
# The features of src/align/calibration.rs (`Evidence::features`), in its order.
NAMES = ["logit", "logit*split", "unsupported", "many", "many*logit", "split", "document",
         "document*split", "one"]


def logit(p):
    p = min(max(p, EPS), 1 - EPS)
    return math.log(p / (1 - p))


def posterior(bead):
    """The bead's posterior: --explain writes it in `cost` (a build before the calibration
    wrote it as the score)."""
    return float(bead.get("cost", {}).get("posterior", bead["score"]))


def document(found):
    """What calibration.rs reads of the whole document: the mean of its beads' clamped logits
    (all beads, omissions too, as jsonl writes them)."""
    return sum(logit(posterior(r)) for r in found) / max(len(found), 1)


def features(bead, doc, presplit):
    """The features of calibration.rs: the posterior's clamped logit, whether the bead's
    sides share no anchor (its lexical cost is not negative), whether a side holds more than
    one unit, whether the units came from the splitter (not --presplit), the document's mean
    logit, and products of them (see NAMES)."""
    unsupported = float(bead.get("cost", {}).get("lexical", 0.0) >= 0)
    a, b = (int(x) for x in bead.get("type", "1-1").split("-"))
    p, many, split = logit(posterior(bead)), float(a > 1 or b > 1), float(not presplit)
    return [p, p * split, unsupported, many, many * p, split, doc, doc * split, 1.0]


def beads(binary, set_dir, presplit):
    """(features, right, document) of each predicted bead with text on both sides of every document."""
    work, langs, docs = trust_eval.layout(set_dir, ".sents" if presplit else ".txt", False)
    out = os.path.join(work, "out.jsonl")
    cmd = [binary, "align", os.path.join(work, langs[0]), os.path.join(work, langs[1]), "--format", "jsonl",
           "--explain", "-o", out, "--quiet", "--target-lang", langs[1]] + (["--presplit"] if presplit else [])
    subprocess.run(cmd, capture_output=True)
    per = {}
    for line in open(out, encoding="utf-8"):
        r = json.loads(line)
        per.setdefault(os.path.basename(r["doc"]).replace(".txt", ""), []).append(r)
    rows = []
    for d in docs:
        gd = os.path.join(set_dir, d)
        gold = {(tuple(a), tuple(b)) for a, b in score_align.read_idx(os.path.join(gd, "gold.idx")) if a and b}
        found = per.get(d, [])
        p = os.path.join(work, d + ".p.jsonl")
        with open(p, "w", encoding="utf-8") as fh:
            for r in found:
                fh.write(json.dumps({l: r.get(l, "") for l in langs}, ensure_ascii=False) + "\n")
        doc = document(found)
        for r, (a, b) in zip(found, score_align.project(gd, p, langs)):
            if a and b:
                rows.append((features(r, doc, presplit), (tuple(a), tuple(b)) in gold, d))
    return rows


def fit(groups, l2=1e-3):
    """The map's weights, each group of beads weighing the same."""
    rows = [(x, y, 1.0 / len(g)) for g in groups for x, y, *_ in g]
    return logistic.fit(rows, l2, start=[1.0] + [0.0] * (len(NAMES) - 1))


def fold(doc):
    """The fold of a document: `d07p03` was made from document 7."""
    return int(doc[1:3]) % FOLDS


def held_out(groups):
    """ECE of each group's beads scored by maps fitted without them: by fold, and by source."""
    by_fold = {k: [] for k in groups}
    for out in range(FOLDS):
        w = fit([[r for r in rows if fold(r[2]) != out] for rows in groups.values()])
        for k, rows in groups.items():
            by_fold[k] += [(predict(w, x), y) for x, y, d in rows if fold(d) == out]
    by_source = {}
    for source in {s for s, _ in groups}:
        w = fit([rows for (s, _), rows in groups.items() if s != source])
        for k, rows in groups.items():
            if k[0] == source:
                by_source[k] = [(predict(w, x), y) for x, y, _ in rows]
    return {k: (trust_eval.ece(by_fold[k]), trust_eval.ece(by_source[k])) for k in groups}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", default="/tmp/bitext-calibration")
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "calibration_data.py"), a.data], check=True)
    groups = {}
    for s in sorted(os.listdir(a.data)):
        for presplit in (False, True):
            groups[(s, presplit)] = beads(a.bin, os.path.join(a.data, s), presplit)
    w = fit(list(groups.values()))
    # The score must not fall as the posterior rises, whatever the other features.
    for split in (0, 1):
        for many in (0, 1):
            slope = w[0] + w[1] * split + w[4] * many
            assert slope >= 0, "the map falls with the posterior (split %d, many %d): %f" % (split, many, slope)
    held = held_out(groups)
    print("%-22s %6s %8s %8s %8s %9s" % ("set", "beads", "ECE raw", "ECE fit", "by fold", "by source"))
    for (s, presplit), rows in groups.items():
        raw = [(sigmoid(x[0]), y) for x, y, _ in rows]
        cal = [(predict(w, x), y) for x, y, _ in rows]
        name = s + (" presplit" if presplit else " end to end")
        print("%-22s %6d %8.3f %8.3f %8.3f %9.3f" % (name, len(rows), trust_eval.ece(raw), trust_eval.ece(cal),
                                                    *held[(s, presplit)]))
    print("for src/align/constants.rs:")
    print("pub(crate) const CALIBRATION: [(&str, f64); %d] = [" % len(NAMES))
    for name, x in zip(NAMES, w):
        print('    ("%s", %.3f),' % (name, x))
    print("];")


if __name__ == "__main__":
    main()
