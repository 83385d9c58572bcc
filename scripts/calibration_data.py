#!/usr/bin/env python3
"""Writes the data the bead-score calibration is fitted on: document pairs with known gold, in
the layout of ../shared/eval/align (so that trust_eval.py and score_align.py read them), made
from what we own, never from ../shared:

  scripts/calibration_data.py OUT_DIR [--seed S] [--copies N] [--free]

Sources: the sample corpus (corpora/, hand-aligned gold) and generated pairs
(scripts/gen_corpus.py); with --free, also the freely translated texts of corpora/free/
(French-German and French-English, hand-aligned gold), which the shipped map was not fitted
on (docs/alignment.md, calibration, says why). Each source document is written as it is and as N perturbed copies,
each copy with a few of these edits on a random side, the gold following them:
  drop     a sentence is left out (its partner becomes a 1-0 / 0-1 bead);
  insert   a sentence of another document is put in (a bead of one side);
  merge    two neighbouring sentences become one ("A; b."): their beads merge;
  split    a sentence is cut at a comma into two: both stay in its bead;
  swap     two neighbouring sentences change places: their beads merge (a crossing).
OUT_DIR/<set>/<doc>/ gets meta.json, fr.txt, en.txt (paragraphs kept), fr.sents, en.sents and
gold.idx, as the eval sets have them; sets: corpora, generated (and free-de, free-en: one
language pair a set, as the eval sets are).
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ("fr", "en")


class Doc:
    """Both sides' sentences, each with its gold bead label and whether a paragraph starts
    before it; beads are labels in document order."""

    def __init__(self, sides, langs=LANGS):
        self.sides = sides  # {lang: [[text, bead, para_before], ...]}
        self.langs = langs

    def copy(self):
        return Doc({l: [list(s) for s in ss] for l, ss in self.sides.items()}, self.langs)

    def merge_beads(self, a, b):
        """Beads a..b become one (labels between them included: gold stays monotone)."""
        lo, hi = min(a, b), max(a, b)
        for ss in self.sides.values():
            for s in ss:
                if lo <= s[1] <= hi:
                    s[1] = lo

    def gold(self):
        beads = {}
        for k, lang in enumerate(self.langs):
            for i, s in enumerate(self.sides[lang]):
                beads.setdefault(s[1], ([], []))[k].append(i)
        return [beads[b] for b in sorted(beads)]

    def write(self, folder):
        os.makedirs(folder, exist_ok=True)
        json.dump({"languages": list(self.langs)}, open(os.path.join(folder, "meta.json"), "w"))
        for lang in self.langs:
            ss = self.sides[lang]
            with open(os.path.join(folder, lang + ".sents"), "w", encoding="utf-8") as fh:
                fh.writelines(s[0] + "\n" for s in ss)
            text = "".join(("\n\n" if s[2] else " ") * (i > 0) + s[0] for i, s in enumerate(ss))
            with open(os.path.join(folder, lang + ".txt"), "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        with open(os.path.join(folder, "gold.idx"), "w") as fh:
            for a, b in self.gold():
                fh.write("%s:%s\n" % (a, b))


def corpora_docs(folder="corpora", target="en"):
    """Hand-aligned pairs of `folder` whose gold pairs French with `target`: sentences from
    their gold, paragraph starts from where the text has a line break before a sentence."""
    docs = []
    gold_dir = os.path.join(ROOT, folder, "gold")
    langs = ("fr", target)
    for name in sorted(os.listdir(gold_dir)) if os.path.isdir(gold_dir) else []:
        stem = name[: -len(".jsonl")]
        beads = [json.loads(l) for l in open(os.path.join(gold_dir, name), encoding="utf-8") if l.strip()]
        if not beads or target not in beads[0]:
            continue
        sides = {}
        for lang in langs:
            text = open(os.path.join(ROOT, folder, lang, stem + ".txt"), encoding="utf-8-sig").read()
            cursor, ss = 0, []
            for b, bead in enumerate(beads):
                for s in bead[lang]:
                    pattern = r"\s+".join(re.escape(w) for w in s.split())
                    m = re.compile(pattern).search(text, cursor)
                    para = m is not None and "\n" in text[cursor : m.start()]
                    cursor = m.end() if m else cursor
                    ss.append([" ".join(s.split()), b, para])
            sides[lang] = ss
        docs.append(Doc(sides, langs))
    return docs


def generated_docs(seed, count):
    """Pairs from scripts/gen_corpus.py: one sentence a line, paragraphs between blank lines."""
    out = tempfile.mkdtemp()
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), out, "--docs", str(count),
                    "--sentences", "60", "--presplit", "--seed", str(seed)], check=True, capture_output=True)
    docs = []
    for name in sorted(os.listdir(os.path.join(out, "gold"))):
        stem = name[: -len(".gold")]
        label = {}
        for b, line in enumerate(open(os.path.join(out, "gold", name))):
            a, e = line.rstrip("\n").split("\t")
            for k, ids in enumerate((json.loads(a), json.loads(e))):
                for i in ids:
                    label[(k, i)] = b
        sides = {}
        for k, lang in enumerate(LANGS):
            ss = []
            for p, para in enumerate(open(os.path.join(out, lang, stem + ".txt"), encoding="utf-8").read().split("\n\n")):
                for j, line in enumerate(l for l in para.split("\n") if l.strip()):
                    ss.append([line.strip(), label[(k, len(ss))], p > 0 and j == 0])
            sides[lang] = ss
        docs.append(Doc(sides))
    return docs


def perturb(doc, others, rng, edits):
    """`doc` with `edits` random edits (see the module's doc)."""
    doc = doc.copy()
    for _ in range(edits):
        lang = rng.choice(doc.langs)
        ss = doc.sides[lang]
        if len(ss) < 4:
            break
        k = rng.randrange(len(ss) - 1)
        kind = rng.choice(("drop", "insert", "merge", "split", "swap"))
        if kind == "drop":
            gone = ss.pop(k)
            ss[k][2] = ss[k][2] or gone[2]
        elif kind == "insert":
            donor = rng.choice(others).sides[lang]
            text = rng.choice(donor)[0]
            # A new bead between k's and the next one's, if they differ; else inside k's.
            label = ss[k][1] + 0.5 if ss[k + 1][1] != ss[k][1] else ss[k][1]
            ss.insert(k + 1, [text, label, False])
        elif kind == "merge" and not ss[k + 1][2]:
            a, b = ss[k], ss[k + 1]
            head = re.sub(r"[.!?…]+[\"”»’)]*$", "", a[0]) or a[0]
            tail = b[0][:1].lower() + b[0][1:] if b[0][1:2].islower() else b[0]
            doc.merge_beads(a[1], b[1])
            ss[k : k + 2] = [[head + " ; " + tail if lang == "fr" else head + "; " + tail, min(a[1], b[1]), a[2]]]
        elif kind == "split":
            text = ss[k][0]
            cut = [m.start() for m in re.finditer(r", (?=[^\W\d_]{3,})", text) if 20 < m.start() < len(text) - 20]
            if cut:
                c = rng.choice(cut)
                rest = text[c + 2 :]
                ss[k : k + 1] = [[text[:c] + ".", ss[k][1], ss[k][2]], [rest[:1].upper() + rest[1:], ss[k][1], False]]
        elif kind == "swap" and not ss[k + 1][2]:
            doc.merge_beads(ss[k][1], ss[k + 1][1])
            ss[k], ss[k + 1] = ss[k + 1], ss[k]
            ss[k][1] = ss[k + 1][1] = min(ss[k][1], ss[k + 1][1])
    # Labels back to whole numbers in order (inserted beads took halves).
    order = sorted({s[1] for ss in doc.sides.values() for s in ss})
    rank = {b: r for r, b in enumerate(order)}
    for ss in doc.sides.values():
        for s in ss:
            s[1] = rank[s[1]]
    return doc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--generated", type=int, default=12, help="generated documents")
    ap.add_argument("--free", action="store_true", help="add corpora/free/'s sets")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    # The free texts come last, so that the others' random edits are those they had before.
    sets = [("corpora", corpora_docs()), ("generated", generated_docs(a.seed, a.generated))]
    if a.free:
        sets += [("free-de", corpora_docs("corpora/free", "de")), ("free-en", corpora_docs("corpora/free", "en"))]
    for name, docs in sets:
        for d, doc in enumerate(docs):
            others = docs[:d] + docs[d + 1 :]
            doc.write(os.path.join(a.out, name, "d%02d" % d))
            for c in range(a.copies):
                edits = max(1, len(doc.sides[doc.langs[1]]) // rng.choice((8, 15, 30)))
                perturb(doc, others, rng, edits).write(os.path.join(a.out, name, "d%02dp%02d" % (d, c)))


if __name__ == "__main__":
    main()
