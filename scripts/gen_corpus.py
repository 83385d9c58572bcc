#!/usr/bin/env python3
"""Writes synthetic French/English document pairs of any size, with their gold alignment.

  scripts/gen_corpus.py OUT_DIR --docs N --sentences M [--flat] [--presplit] [--seed S]

Words come from the sample corpus (`corpora/fr`, `corpora/en`), so the text looks like news:
English sentence lengths are drawn from a log-normal fitted to prose (about 21 words, long
tail); a French sentence takes the English words through a fixed random word table, swaps some
neighbours and adds function words, so it is about 15 % longer and shares vocabulary with its
translation as real pairs do. Beads follow the rates aligned corpora show (1-1 89 %, 2-1 and
1-2 4.5 % each, 1-0 and 0-1 1 % each). Numbers and names (from a pool of 2,000) are copied
across, as translations keep them. A fixed seed gives the same corpus every time.

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
    """The sample corpus's lower-case words of three letters or more, less the splitter's
    abbreviations (`etc.` would not end a sentence, and the gold would be wrong)."""
    words = []
    folder = os.path.join(ROOT, "corpora", lang)
    for name in sorted(os.listdir(folder)):
        text = open(os.path.join(folder, name), encoding="utf-8-sig").read()
        words += [w for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text) if w.islower()]
    rules = os.path.join(ROOT, "src", "split", "data", lang + ".txt")
    abbreviations = {line.strip().lower() for line in open(rules, encoding="utf-8")}
    # Short words and elisions (`n’a`, `y`) would end sentences no writer ends with.
    return sorted(w for w in set(words) - abbreviations if len(w) >= 3 and "’" not in w and "'" not in w)


class Writer:
    """Draws sentence pairs: English words, their French counterparts through a fixed random
    word table (so a pair shares vocabulary as a translation does), French function words on
    top (French runs about 15 % longer), and names and numbers copied across."""

    FUNCTION_WORDS = ["de", "la", "le", "les", "des", "du", "et", "à", "en", "un", "une", "que"]

    def __init__(self, rng):
        self.rng = rng
        fr, en = vocabulary("fr"), vocabulary("en")
        self.en = en
        self.table = {w: rng.choice(fr) for w in en}
        syllables = ["ba", "ri", "lo", "ven", "mar", "tel", "dou", "son", "gar", "ni", "ber", "ta"]
        self.names = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).title()
                             for _ in range(2000)})

    def english_words(self):
        # Log-normal word counts: median 18, mean about 21, a few sentences of 60 words.
        return max(3, int(math.exp(self.rng.gauss(math.log(18), 0.5))))

    def pair(self):
        en = [self.rng.choice(self.en) for _ in range(self.english_words())]
        fr = [self.table[w] for w in en]
        # Local reordering, and function words: French about 15 % longer.
        for k in range(0, len(fr) - 1, 3):
            if self.rng.random() < 0.3:
                fr[k], fr[k + 1] = fr[k + 1], fr[k]
        for _ in range(max(0, round(len(en) * self.rng.gauss(0.2, 0.1)))):
            # Never last: a sentence does not end on `à` (and `à.` would read as an initial).
            fr.insert(self.rng.randrange(len(fr)), self.rng.choice(self.FUNCTION_WORDS))
        for token in self.shared():
            en.insert(self.rng.randrange(1, len(en) + 1), token)
            fr.insert(self.rng.randrange(1, len(fr) + 1), token)
        return sentence(fr), sentence(en)

    def shared(self):
        tokens = []
        if self.rng.random() < 0.3:
            tokens.append(str(self.rng.randint(2, 9999)))
        if self.rng.random() < 0.4:
            tokens.append(self.rng.choice(self.names))
        return tokens


def sentence(words):
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


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
