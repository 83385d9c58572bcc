#!/usr/bin/env python3
"""Scores bitext on a hand-aligned set of ours against its gold, after checking the gold.

  scripts/score_sample.py [BIN] [--set sample|webnews] [--check] [extra align args...]

Sets: `sample`, the six articles of corpora/{fr,en,gold} (the default); `webnews`, the held-out
web-news set of corpora/webnews/{fr,en,gold} (never read by a fitting script, see
corpora/README.md). --check only checks the gold: each side's sentences, joined with one space,
must give the document with its runs of spaces, tabs and line breaks folded to one space (no-break
spaces are text and kept); the gold is checked before every scoring too.

Strict: a predicted bead counts when its two texts are exactly a gold bead's (sentences joined
by one space), 1-0 and 0-1 beads included. Prints precision, recall and F1 over all documents;
for webnews also the ECE of the bead scores (10 bins, a pair right when strictly a gold pair;
../shared/eval/trust_eval.py's ece, as scripts/calibration.py uses it), the precision and share of
gold pairs kept at --min-score 0.5, 0.9 and 0.99 (pairs: beads with text on both sides), and
each document's score.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = {"sample": "corpora", "webnews": "corpora/webnews"}


def fold(text):
    """The text with its runs of ASCII whitespace as one space (a no-break space is kept)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def read_gold(base):
    """{doc: [(fr sentences, en sentences)]}, after checking that each side rebuilds its document;
    exits with the problems found."""
    gold, problems = {}, []
    gold_dir = os.path.join(base, "gold")
    for name in sorted(os.listdir(gold_dir)):
        doc = name.removesuffix(".jsonl")
        with open(os.path.join(gold_dir, name), encoding="utf-8") as fh:
            beads = [json.loads(line) for line in fh if line.strip()]
        gold[doc] = [(b["fr"], b["en"]) for b in beads]
        for k, (fr, en) in enumerate(gold[doc]):
            if not fr and not en:
                problems.append(f"{doc}: bead {k + 1} is empty")
            for s in fr + en:
                if not s or s != s.strip() or fold(s) != s:
                    problems.append(f"{doc}: bead {k + 1}: sentence {s!r} has stray whitespace")
        for side, lang in ((0, "fr"), (1, "en")):
            path = os.path.join(base, lang, doc + ".txt")
            if not os.path.exists(path):
                problems.append(f"{doc}: no {lang}/{doc}.txt")
                continue
            with open(path, encoding="utf-8-sig", newline="") as fh:
                text = fold(fh.read())
            joined = " ".join(s for bead in gold[doc] for s in bead[side])
            if joined != text:
                at = next((i for i, (a, b) in enumerate(zip(joined, text)) if a != b), min(len(joined), len(text)))
                problems.append(f"{doc} {lang}: gold and text differ at {at}: "
                                f"gold {joined[at:at + 40]!r}, text {text[at:at + 40]!r}")
    for lang in ("fr", "en"):
        for name in sorted(os.listdir(os.path.join(base, lang))):
            if name.endswith(".txt") and name[:-4] not in gold:
                problems.append(f"{lang}/{name} has no gold")
    if problems:
        sys.exit("gold check failed:\n  " + "\n  ".join(problems))
    return gold


def ece(pairs):
    """trust_eval's ECE (10 equal-width bins), or None without ../shared/eval."""
    sys.path.insert(0, os.path.join(ROOT, "..", "shared", "eval"))
    try:
        import trust_eval
    except ImportError:
        return None
    return trust_eval.ece(pairs)


def main():
    args, set_name, check_only = sys.argv[1:], "sample", False
    if "--set" in args:
        k = args.index("--set")
        set_name = args[k + 1] if k + 1 < len(args) else ""
        del args[k : k + 2]
    if "--check" in args:
        args.remove("--check")
        check_only = True
    if set_name not in SETS:
        sys.exit(f"--set: one of {', '.join(SETS)}")
    base = os.path.join(ROOT, SETS[set_name])
    gold = read_gold(base)
    n_beads = sum(len(b) for b in gold.values())
    if check_only:
        print(f"{set_name}: gold of {len(gold)} documents ({n_beads} beads) rebuilds every document")
        return
    binary = os.path.join(ROOT, "target/release/bitext")
    if args and not args[0].startswith("-"):
        binary = args.pop(0)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        cmd = [binary, "align", os.path.join(base, "fr"), os.path.join(base, "en"), "-o", out, "--quiet", *args]
        subprocess.run(cmd, check=True)
        with open(out, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
    pred = defaultdict(set)
    for row in rows:
        pred[row["doc"]].add((row["fr"], row["en"]))
    tp = n_pred = n_gold = 0
    gold_sets = {}
    for doc, beads in gold.items():
        gold_sets[doc] = {(" ".join(fr), " ".join(en)) for fr, en in beads}
        tp += len(gold_sets[doc] & pred[doc])
        n_pred += len(pred[doc])
        n_gold += len(gold_sets[doc])
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    f = 2 * p * r / max(p + r, 1e-9)
    label = "sample corpus" if set_name == "sample" else set_name
    print(f"{label}: strict P {p:.3f} R {r:.3f} F1 {f:.3f} ({tp} of {n_gold} gold beads)")
    if set_name == "sample":
        return
    # Pairs as calibration.py counts them: beads with text on both sides, right when a gold pair.
    pairs = [(float(row["score"]), (row["fr"], row["en"]) in gold_sets[row["doc"]])
             for row in rows if row["fr"] and row["en"] and row["doc"] in gold_sets]
    total = sum(1 for beads in gold_sets.values() for fr, en in beads if fr and en)
    e = ece(pairs)
    print(f"pairs {len(pairs)}, gold pairs {total}, ECE "
          + (f"{e:.3f}" if e is not None else "n/a (no ../shared/eval/trust_eval.py)"))
    for t in (0.5, 0.9, 0.99):
        kept = [c for s, c in pairs if s >= t]
        print(f"  --min-score {t}: precision {sum(kept) / max(len(kept), 1):.3f}, "
              f"kept {sum(kept) / max(total, 1):.3f} of gold pairs ({len(kept)} pairs)")
    doc_scores = {row["doc"]: row.get("doc_score") for row in rows}
    refused = sorted({row["doc"] for row in rows if row.get("not_translation")})
    print("doc scores: " + ", ".join(f"{d} {s:.3f}" if s is not None else f"{d} -" for d, s in sorted(doc_scores.items())))
    missing = sorted(set(gold) - set(doc_scores))
    if refused or missing:
        print(f"not a translation: {refused}; not aligned: {missing}")


if __name__ == "__main__":
    main()
