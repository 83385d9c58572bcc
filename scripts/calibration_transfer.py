#!/usr/bin/env python3
"""Does a bead-score map fitted on our data carry over to text it was not fitted on?

  scripts/calibration_transfer.py --bin target/release/bitext [--seeds 20,21,22,23]

For each seed, the fitting data of scripts/calibration_data.py is made twice, without and with
--free (corpora/free/'s freely translated French-German and French-English texts), and the map
of src/align/calibration.rs is fitted on each as scripts/fit_calibration.py fits it. Each map,
and the shipped one (CALIBRATION in src/align/constants.rs), is then scored, never fitted, on:
  web      corpora/webnews/, our held-out web news (no fitting script reads it);
  baf, textberg, wmt14   the eval gold of ../shared/eval/align (read for scoring only);
end to end (E) and on gold sentences (P): ECE, 10 bins, strict correctness, as
../shared/eval/trust_eval.py counts it. The seeds draw other perturbations of the same texts:
how much the gold figures move with them is how much a fit can be trusted to move them.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calibration_data  # noqa: E402
import fit_calibration  # noqa: E402
from fit_calibration import EVAL, beads, fit, trust_eval  # noqa: E402
from logistic import predict  # noqa: E402

SETS = ("baf", "textberg", "wmt14")


def shipped():
    """The weights of CALIBRATION in src/align/constants.rs, in fit_calibration.NAMES' order."""
    text = open(os.path.join(ROOT, "src", "align", "constants.rs"), encoding="utf-8").read()
    block = re.search(r"const CALIBRATION: \[\(&str, f64\); \d+\] = \[(.*?)\];", text, re.S).group(1)
    weights = dict((k, float(v)) for k, v in re.findall(r'\("([^"]+)", (-?[\d.]+)\)', block))
    return [weights[name] for name in fit_calibration.NAMES]


def webnews(work):
    """corpora/webnews/ in the eval sets' layout (fr.txt, en.txt, *.sents, gold.idx)."""
    folder = os.path.join(work, "webnews")
    for d, doc in enumerate(calibration_data.corpora_docs("corpora/webnews", "en")):
        doc.write(os.path.join(folder, "webnews", "d%02d" % d))
    return folder


def scored(binary, parent, names):
    """Each set's beads, end to end and presplit: {(set, presplit): rows}."""
    return {(s, p): beads(binary, os.path.join(parent, s), p) for s in names for p in (False, True)}


def eces(w, targets):
    return ["%.3f" % trust_eval.ece([(predict(w, x), y) for x, y, _ in targets[k]]) for k in sorted(targets)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--seeds", default="20,21,22,23")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="bitext-transfer-")
    targets = scored(a.bin, webnews(work), ["webnews"])
    targets.update(scored(a.bin, os.path.join(EVAL, "align"), SETS))
    header = ["%s %s" % (s[:8], "P" if p else "E") for s, p in sorted(targets)]
    print("%-22s %s" % ("map", " ".join("%10s" % h for h in header)))
    print("%-22s %s" % ("shipped", " ".join("%10s" % e for e in eces(shipped(), targets))))
    for seed in a.seeds.split(","):
        for free in (False, True):
            data = os.path.join(work, "data-%s-%d" % (seed, free))
            cmd = [sys.executable, os.path.join(ROOT, "scripts", "calibration_data.py"), data, "--seed", seed]
            subprocess.run(cmd + (["--free"] if free else []), check=True)
            groups = scored(a.bin, data, sorted(os.listdir(data)))
            name = "seed %s%s" % (seed, ", with free" if free else "")
            print("%-22s %s" % (name, " ".join("%10s" % e for e in eces(fit(list(groups.values())), targets))),
                  flush=True)


if __name__ == "__main__":
    main()
