#!/usr/bin/env python3
"""Checks the gold alignments of the free-translation set (corpora/free/):

  scripts/check_free_gold.py [FREE_DIR]

For every gold/NAME.jsonl: each bead is {"fr": [...], "de"|"en": [...]}, not empty on both
sides; each side's sentences joined with single spaces equal the side's text (fr/NAME.txt,
de/ or en/NAME.txt) with its whitespace runs folded to one space (the first mismatch is
printed with file and position). Prints per document the counts of beads by shape (1-1, 1-2 ...).
Exit status 1 if any check fails.
"""
import collections
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fold(text):
    """The text with whitespace runs folded to one space and stripped, and for each of its
    characters the (line, column) it comes from in the text."""
    out, where, line, col = [], [], 1, 1
    for ch in text:
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append((line, col))
        else:
            out.append(ch)
            where.append((line, col))
        line, col = (line + 1, 1) if ch == "\n" else (line, col + 1)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def check(free, name):
    """Returns (errors, shape counter, number of French sentences, other language)."""
    errors, shapes, other, n_fr = [], collections.Counter(), None, 0
    joined = collections.defaultdict(list)
    path = os.path.join(free, "gold", name + ".jsonl")
    for no, line in enumerate(open(path, encoding="utf-8"), 1):
        bead = json.loads(line)
        langs = [l for l in bead if l != "fr"]
        if "fr" not in bead or len(bead) != 2 or langs[0] not in ("de", "en"):
            errors.append(f"{path}:{no}: keys {sorted(bead)}")
            continue
        if other is None:
            other = langs[0]
        elif langs[0] != other:
            errors.append(f"{path}:{no}: key {langs[0]}, earlier beads have {other}")
            continue
        a, b = bead["fr"], bead[other]
        if not a and not b:
            errors.append(f"{path}:{no}: bead empty on both sides")
        shapes[f"{len(a)}-{len(b)}"] += 1
        n_fr += len(a)
        joined["fr"] += a
        joined[other] += b
    for lang in ("fr", other):
        if lang is None:
            continue
        tpath = os.path.join(free, lang, name + ".txt")
        if not os.path.exists(tpath):
            errors.append(f"{tpath}: missing")
            continue
        text, where = fold(open(tpath, encoding="utf-8-sig", newline="").read())
        gold = " ".join(joined[lang])
        if gold != text:
            i = next((k for k, (x, y) in enumerate(zip(gold, text)) if x != y),
                     min(len(gold), len(text)))
            line, col = where[i] if i < len(where) else ("end", "-")
            errors.append(f"{tpath}:{line}:{col}: gold differs from the text here "
                          f"(character {i} of the folded text):\n"
                          f"  gold: ...{gold[max(0, i - 40):i + 40]!r}\n"
                          f"  text: ...{text[max(0, i - 40):i + 40]!r}")
    return errors, shapes, n_fr, other


def main():
    free = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "corpora", "free")
    names = sorted(f[:-6] for f in os.listdir(os.path.join(free, "gold")) if f.endswith(".jsonl"))
    failed = False
    order = ["1-1", "1-2", "2-1", "2-2", "1-3", "3-1", "1-0", "0-1"]
    total = collections.Counter()
    for name in names:
        errors, shapes, n_fr, other = check(free, name)
        for e in errors:
            print("ERROR", e)
        failed |= bool(errors)
        total += shapes
        extra = sorted(s for s in shapes if s not in order)
        counts = " ".join(f"{s}:{shapes[s]}" for s in order + extra if shapes[s])
        n = sum(shapes.values())
        print(f"{name} (fr-{other}): {n_fr} fr sentences, {n} beads, "
              f"{100 * shapes['1-1'] / max(n, 1):.0f}% 1-1 | {counts}")
    extra = sorted(s for s in total if s not in order)
    print(f"all {len(names)} documents: " + " ".join(f"{s}:{total[s]}" for s in order + extra if total[s]))
    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
