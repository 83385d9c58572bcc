#!/usr/bin/env python3
"""Writes synthetic French/English document pairs of any size, with their gold alignment.

  scripts/gen_corpus.py OUT_DIR --docs N --sentences M [--flat] [--presplit] [--seed S]

Words come from the sample corpus (`corpora/fr`, `corpora/en`), so the text looks like news:
English sentence lengths are drawn from a log-normal fitted to prose (about 21 words, long
tail), French sentences are about 15 % longer, and beads follow the rates aligned corpora show
(1-1 89 %, 2-1 and 1-2 4.5 % each, 1-0 and 0-1 1 % each). Numbers and capitalised names are
copied across, as translations keep them. A fixed seed gives the same corpus every time.

OUT_DIR gets `fr/docNNNNN.txt`, `en/docNNNNN.txt` and `gold/docNNNNN.gold`, one line per gold
bead in the bench format `[fr ids]<TAB>[en ids]` (0-based sentence numbers in the document).
Documents are running text, paragraphs separated by blank lines (`--flat`: no paragraphs);
with `--presplit` each sentence is on a line of its own, for `bitext align --presplit`.
"""
import argparse
import math
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEADS = [((1, 1), 0.89), ((2, 1), 0.045), ((1, 2), 0.045), ((1, 0), 0.01), ((0, 1), 0.01)]


def vocabulary(lang):
    """The sample corpus's lower-case words, less the splitter's abbreviations (`etc.` would
    not end a sentence, and the gold would be wrong)."""
    words = []
    folder = os.path.join(ROOT, "corpora", lang)
    for name in sorted(os.listdir(folder)):
        text = open(os.path.join(folder, name), encoding="utf-8-sig").read()
        words += [w for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text) if w.islower()]
    rules = os.path.join(ROOT, "src", "split", "data", lang + ".txt")
    abbreviations = {line.strip().lower() for line in open(rules, encoding="utf-8")}
    return sorted(set(words) - abbreviations)


class Writer:
    """Draws sentences: a shared skeleton of names and numbers, then words of each language."""

    def __init__(self, rng):
        self.rng = rng
        self.fr, self.en = vocabulary("fr"), vocabulary("en")
        self.names = ["Vasseur", "Ollivier", "Bonnet", "Lyon", "Marseille", "Loire", "Belkacem",
                      "Ferrand", "Bordeaux", "Dubois", "Garnier", "Toulouse"]

    def english_words(self):
        # Log-normal word counts: median 18, mean about 21, a few sentences of 60 words.
        return max(3, int(math.exp(self.rng.gauss(math.log(18), 0.5))))

    def pair(self):
        n_en = self.english_words()
        n_fr = max(3, round(n_en * self.rng.gauss(1.15, 0.12)))
        shared = []
        if self.rng.random() < 0.3:
            shared.append(str(self.rng.randint(2, 2030)))
        if self.rng.random() < 0.4:
            shared.append(self.rng.choice(self.names))
        return self.sentence(self.fr, n_fr, shared), self.sentence(self.en, n_en, shared)

    def sentence(self, vocab, count, shared):
        words = [self.rng.choice(vocab) for _ in range(max(1, count - len(shared)))]
        for token in shared:
            words.insert(self.rng.randrange(1, len(words) + 1), token)
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + "."


def document(writer, rng, sentences):
    """Beads until the English side has `sentences` sentences: (fr list, en list) each."""
    kinds = [k for k, _ in BEADS]
    weights = [p for _, p in BEADS]
    beads, en_count = [], 0
    while en_count < sentences:
        (a, b), = rng.choices(kinds, weights)
        fr, en = [], []
        if a and b:
            # A merge: the side with one sentence holds the text of the other side's two.
            pairs = [writer.pair() for _ in range(max(a, b))]
            fr = [p[0] for p in pairs] if a > 1 else [" ".join(p[0][:-1] for p in pairs) + "."]
            en = [p[1] for p in pairs] if b > 1 else [" ".join(p[1][:-1] for p in pairs) + "."]
        elif a:
            fr = [writer.pair()[0]]
        else:
            en = [writer.pair()[1]]
        beads.append((fr, en))
        en_count += len(en)
    return beads


def write(out, name, beads, rng, flat, presplit):
    paragraphs = [[]]
    for bead in beads:
        paragraphs[-1].append(bead)
        if not flat and rng.random() < 0.15:
            paragraphs.append([])
    gold, counts = [], [0, 0]
    texts = {"fr": [], "en": []}
    for paragraph in filter(None, paragraphs):
        lines = {"fr": [], "en": []}
        for fr, en in paragraph:
            ids = []
            for side, (lang, sentences) in enumerate((("fr", fr), ("en", en))):
                ids.append(list(range(counts[side], counts[side] + len(sentences))))
                counts[side] += len(sentences)
                lines[lang] += sentences
            gold.append("%s\t%s" % (ids[0], ids[1]))
        for lang in texts:
            if lines[lang]:
                texts[lang].append(("\n" if presplit else " ").join(lines[lang]))
    for lang, paras in texts.items():
        with open(os.path.join(out, lang, name + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(("\n" if flat and presplit else "\n\n").join(paras) + "\n")
    with open(os.path.join(out, "gold", name + ".gold"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(gold) + "\n")
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--sentences", type=int, default=1000, help="English sentences per document")
    ap.add_argument("--flat", action="store_true", help="no paragraphs")
    ap.add_argument("--presplit", action="store_true", help="one sentence per line")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    writer = Writer(rng)
    for sub in ("fr", "en", "gold"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    totals = [0, 0]
    for k in range(args.docs):
        beads = document(writer, rng, args.sentences)
        counts = write(args.out, "doc%05d" % k, beads, rng, args.flat, args.presplit)
        totals = [a + b for a, b in zip(totals, counts)]
    print("%d document pairs, %d French and %d English sentences in %s" % (args.docs, *totals, args.out))


if __name__ == "__main__":
    main()
