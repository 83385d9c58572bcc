#!/usr/bin/env python3
"""Prints the language check's false alarms and catches per document set, for notes.

  scripts/language_check.py [--bin target/release/bitext] [--eval ../shared/eval/align]

For each set (the gold sets of the eval folder, end to end and --presplit; corpora/; a corpus of
scripts/gen_corpus.py) it runs `bitext align` three times on the same documents:
  right     the sides as given: every side flagged is a false alarm (documents flagged / documents);
  swapped   the two folders the other way round: the share of documents caught, and whether the
            run said the folders look swapped;
  twice     a copy of the source folder given as the target: the share caught.
The eval sets are only reported here: nothing in the check was chosen by looking at them.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def link_folder(work, name, files):
    """A folder `name` in `work` of links `doc.txt` -> file."""
    folder = os.path.join(work, name)
    os.makedirs(folder)
    for doc, path in files.items():
        os.symlink(os.path.abspath(path), os.path.join(folder, doc + ".txt"))
    return folder


def flagged(binary, source, target, langs, presplit):
    """Documents refused for their language (or for the same text on both sides), and whether
    the swap note was said."""
    cmd = [binary, "align", source, target, "--format", "jsonl", "-o", os.devnull,
           "--source-lang", langs[0], "--target-lang", langs[1], "--jobs", "1"]
    if presplit:
        cmd.append("--presplit")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    lines = proc.stderr.splitlines()
    refused = (": looks like " in l or "both sides hold the same text" in l for l in lines)
    return sum(refused), any("look swapped" in l for l in lines)


def eval_sets(root, presplit):
    for name in sorted(os.listdir(root)):
        set_dir = os.path.join(root, name)
        if not os.path.isdir(set_dir):
            continue
        docs = sorted(d for d in os.listdir(set_dir) if os.path.isdir(os.path.join(set_dir, d)))
        langs = json.load(open(os.path.join(set_dir, docs[0], "meta.json")))["languages"]
        ext = ".sents" if presplit else ".txt"
        sides = [{d: os.path.join(set_dir, d, l + ext) for d in docs} for l in langs]
        yield name + (" --presplit" if presplit else ""), langs, sides, presplit


def folder_set(name, fr_dir, en_dir):
    files = [{f[:-4]: os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".txt")}
             for d in (fr_dir, en_dir)]
    return name, ["fr", "en"], files, False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/bitext"))
    ap.add_argument("--eval", default=os.path.join(ROOT, "../shared/eval/align"))
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    with tempfile.TemporaryDirectory() as tmp:
        gen = os.path.join(tmp, "gen")
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts/gen_corpus.py"), gen,
                        "--docs", "200", "--sentences", "12", "--seed", "20"],
                       check=True, capture_output=True)
        sets = [folder_set("corpora", os.path.join(ROOT, "corpora/fr"), os.path.join(ROOT, "corpora/en")),
                folder_set("gen_corpus 200x12", os.path.join(gen, "fr"), os.path.join(gen, "en"))]
        if os.path.isdir(a.eval):
            sets += list(eval_sets(a.eval, False)) + list(eval_sets(a.eval, True))
        print(f"{'set':<22} {'langs':<6} {'false alarms':>13} {'swapped caught':>15} {'note':>5} {'twice caught':>13}")
        for k, (name, langs, sides, presplit) in enumerate(sets):
            work = os.path.join(tmp, f"set{k}")
            src = link_folder(work, "src", sides[0])
            tgt = link_folder(work, "tgt", sides[1])
            copy = link_folder(work, "copy", sides[0])
            n = len(sides[0])
            false_alarms, _ = flagged(binary, src, tgt, langs, presplit)
            swapped, note = flagged(binary, tgt, src, langs, presplit)
            twice, _ = flagged(binary, src, copy, langs, presplit)
            print(f"{name:<22} {'-'.join(langs):<6} {false_alarms:>7}/{n:<5} "
                  f"{swapped:>6}/{n:<4} {100 * swapped / n:>3.0f}% {'yes' if note else 'no':>5} "
                  f"{twice:>5}/{n:<4} {100 * twice / n:>3.0f}%")


if __name__ == "__main__":
    main()
