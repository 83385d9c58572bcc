#!/usr/bin/env python3
"""Fit the document score's weights (src/align/constants.rs, DOC_*) on data we make, never on
the eval gold (../shared).

  scripts/fit_doc_score.py --bin target/release/bitext [--features dice0,length,...] [--l2 0.05]
                           [--prior-beads 5 ...]

Data, each aligned end to end as one folder run per pairing with --explain (the per-bead costs
the score is computed from): corpora/'s 6 fr-en true pairs and their 30 derangements (doc i's
French with doc j != i's English); corpora/de's 3 fr-de pairs and 6 derangements
(--target-lang de); corpora/related's 4 hard negatives (a French article against an English
report on the same story that is not its translation); two scripts/gen_corpus.py sets (40 docs
x 30 sentences, seed 7; 20 x 150, seed 8; 20 x 5, seed 9), their true pairs and derangements
at offsets 1, 2, 3, 5, 8; documents of those sets of different lengths against each other
(`sizes`); corpora/'s fr-en and fr-de pairs with both sides garbled as a poor OCR reads them
(`ocr`, `ocr-de`: true pairs whose anchors often fail to match) and their derangements.
(scripts/derangement.py's generated set, seed 11, is left out of the fit.)

With --prior-beads (repeatable) the features are computed, and the fits printed, for each
strength of the shrinkage towards Dice 0.4 (the score's DOC_PRIOR_BEADS).

A logistic regression, class- and group-balanced (within a class, each group weighs the same:
the 4 related articles as much as 300 derangements), with an L2 penalty (not on the bias), fitted by Newton's
method in plain Python. Printed: the weights, and per group the lowest / highest logit, and the
margin between the lowest true pair and the highest negative (in logit, over the fit's scale:
the gap divided by the norm of the weights scaled by each feature's spread, so that models and
feature sets compare).

Features (per document, from the pair beads, i.e. beads with a sentence on both sides):
  dice0    ln of the mean Dice of the anchored pair beads and the 1-0/0-1 beads (at Dice 0),
           shrunk to 0.4 by the prior beads (as the score)
  dice     the same without the 1-0/0-1 beads (the score before they counted)
  shared0  ln of the share of those beads that share some anchor, shrunk to 0.9
  length   mean length cost of the pair beads
  shape    mean prior cost of the pair beads' shapes (1-1 cheap, 2-1 and 3-1 dear)
  ratio    |ln| of the ratio of the two sides' lengths in characters (the whole document's)
  shared   share of the pair beads whose Dice is above 0 (both sides share some anchor), shrunk
           to 0.9 (the lowest true pairs' level) by 5 beads, as the score does
  anchored share of the pair beads whose two sides both hold anchors
  null     share of the units in 1-0 or 0-1 beads
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import logistic  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEXICAL_WEIGHT = 32.0
PRIOR_BEADS, PRIOR_DICE, PRIOR_SHARED = 5.0, 0.4, 0.9
OFFSETS = [1, 2, 3, 5, 8]
ALL = ['dice', 'dice0', 'shared0', 'length', 'shape', 'ratio', 'shared', 'anchored', 'null']


def run(binary, work, sl, tl, pairs):
    """{name: [bead records]} of one folder run of `pairs` (name, source, target)."""
    d = tempfile.mkdtemp(dir=work)
    for lang in (sl, tl):
        os.makedirs(os.path.join(d, lang))
    for name, s, t in pairs:
        os.symlink(s, os.path.join(d, sl, name + '.txt'))
        os.symlink(t, os.path.join(d, tl, name + '.txt'))
    out = os.path.join(d, 'out.jsonl')
    subprocess.run([binary, 'align', os.path.join(d, sl), os.path.join(d, tl), '--source-lang', sl,
                    '--target-lang', tl, '--explain', '--min-doc-score', '0', '-o', out, '--quiet'],
                   capture_output=True)
    beads = {}
    for line in open(out, encoding='utf-8'):
        r = json.loads(line)
        beads.setdefault(r['doc'], []).append(r)
    return [beads[name] for name, _, _ in pairs]


def features(beads, prior_beads=PRIOR_BEADS):
    pairs = [b for b in beads if b[sl_key(b)] and b[tl_key(b)]]
    anchored = [b for b in pairs if math.copysign(1, b['cost']['lexical']) < 0]
    dice = [-b['cost']['lexical'] / LEXICAL_WEIGHT for b in anchored]
    d = (sum(dice) + prior_beads * PRIOR_DICE) / (len(dice) + prior_beads)
    n = max(1, len(pairs))
    omitted = sum(1 for b in beads if not (b[sl_key(b)] and b[tl_key(b)]))
    d0 = (sum(dice) + prior_beads * PRIOR_DICE) / (len(dice) + omitted + prior_beads)
    return {
        'dice': math.log(max(d, 1e-6)),
        'dice0': math.log(max(d0, 1e-6)),
        'length': sum(b['cost']['length'] for b in pairs) / n,
        'shared': (sum(x > 0 for x in dice) + prior_beads * PRIOR_SHARED) / (len(pairs) + prior_beads),
        'shared0': math.log((sum(x > 0 for x in dice) + prior_beads * PRIOR_SHARED) / (len(dice) + omitted + prior_beads)),
        'shape': sum(b['cost']['prior'] for b in pairs) / n,
        'ratio': abs(math.log(max(1, sum(len(b[text_key(b, 1)]) for b in beads))
                              / max(1, sum(len(b[text_key(b, 0)]) for b in beads)))),
        'anchored': len(anchored) / n,
        'null': sum(len(b[sl_key(b)]) + len(b[tl_key(b)]) for b in beads if not (b[sl_key(b)] and b[tl_key(b)]))
        / max(1, sum(len(b[sl_key(b)]) + len(b[tl_key(b)]) for b in beads)),
        'doc_score': beads[0]['doc_score'],
    }


def text_key(b, side):
    """The key of a bead record's source (0) or target (1) text: `fr`, `en`, `de` …"""
    return [k for k in b if k.endswith('_ids')][side][:-4]


def sl_key(b):
    return [k for k in b if k.endswith('_ids')][0]


def tl_key(b):
    return [k for k in b if k.endswith('_ids')][1]


def folder(sl, tl, fr, other):
    c = os.path.join(ROOT, 'corpora')
    names = sorted(f[:-4] for f in os.listdir(os.path.join(c, other)) if f.endswith('.txt'))
    return [(n, os.path.join(c, fr, n + '.txt'), os.path.join(c, other, n + '.txt')) for n in names]


def ocr(path, work, side, seed, rate=0.06):
    """A copy of `path` as a poor OCR reads it: at `rate` per letter, a letter confused with a
    look-alike, dropped, or a word cut by a space or an end-of-line hyphen."""
    rng = random.Random('%s%d' % (side, seed))
    looks = {'e': 'c', 'c': 'e', 'l': '1', 'i': 'l', 'o': '0', 'n': 'u', 'u': 'n', 'm': 'rn', 'h': 'b', 'é': 'e', 'è': 'e', 'a': 'o'}
    out = []
    for ch in open(path, encoding='utf-8').read():
        r = rng.random()
        if not ch.isalpha() or r >= rate:
            out.append(ch)
        elif r < rate * 0.5:
            out.append(looks.get(ch.lower(), ch))
        elif r < rate * 0.7:
            pass
        elif r < rate * 0.85:
            out.append(ch + ' ')
        else:
            out.append(ch + '-\n')
    copy = os.path.join(tempfile.mkdtemp(dir=work), os.path.basename(path))
    open(copy, 'w', encoding='utf-8').write(''.join(out))
    return copy


def dataset(binary, work):
    """[(group, label, features)]."""
    rows = []

    def add(group, sl, tl, docs, offsets):
        n = len(docs)
        for beads in run(binary, work, sl, tl, docs):
            rows.append((group, 1, beads))
        for k in offsets:
            pairs = [(docs[i][0], docs[i][1], docs[(i + k) % n][2]) for i in range(n)]
            for beads in run(binary, work, sl, tl, pairs):
                rows.append((group + '-deranged', 0, beads))

    add('corpora', 'fr', 'en', folder('fr', 'en', 'fr', 'en'), range(1, 6))
    add('corpora-de', 'fr', 'de', folder('fr', 'de', 'fr', 'de'), range(1, 3))
    # Scanned books and OCR: the same pairs with both sides' characters garbled (see `ocr`).
    for name, sl, tl in (('ocr', 'fr', 'en'), ('ocr-de', 'fr', 'de')):
        docs = [(n, ocr(s_, work, 's', i), ocr(t, work, 't', i)) for i, (n, s_, t) in enumerate(folder(sl, tl, 'fr', tl))]
        add(name, sl, tl, docs, range(1, len(docs)))
    for beads in run(binary, work, 'fr', 'en', folder('fr', 'en', 'fr', 'related')):
        rows.append(('related', 0, beads))
    for seed, docs, sentences in ((7, 40, 30), (8, 20, 150), (9, 20, 5)):
        out = os.path.join(work, 'gen%d' % seed)
        subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'gen_corpus.py'), out, '--docs', str(docs),
                        '--sentences', str(sentences), '--seed', str(seed)], check=True, capture_output=True)
        names = sorted(f[:-4] for f in os.listdir(os.path.join(out, 'fr')))
        add('generated%d' % seed, 'fr', 'en',
            [(n, os.path.join(out, 'fr', n + '.txt'), os.path.join(out, 'en', n + '.txt')) for n in names], OFFSETS)
    # Documents of different lengths: the short set's French against the long set's English and
    # back (a 30-sentence article against an unrelated 150-sentence one is what mixed folders give).
    tiny, short, long_ = (os.path.join(work, 'gen%d' % seed) for seed in (9, 7, 8))
    for sl_dir, tl_dir in ((short, long_), (long_, short), (tiny, long_), (long_, tiny), (tiny, short), (short, tiny)):
        fr = sorted(f[:-4] for f in os.listdir(os.path.join(sl_dir, 'fr')))
        en = sorted(f[:-4] for f in os.listdir(os.path.join(tl_dir, 'en')))
        pairs = [('x%02d' % i, os.path.join(sl_dir, 'fr', fr[i] + '.txt'), os.path.join(tl_dir, 'en', en[i % len(en)] + '.txt'))
                 for i in range(min(len(fr), 20))]
        for beads in run(binary, work, 'fr', 'en', pairs):
            rows.append(('sizes-deranged', 0, beads))
    return rows


def fit(x, y, groups, l2):
    """L2 logistic regression, each class weighing the same and, within a class, each group
    (a set of true pairs, of derangements, the related articles) the same; the last weight is
    the bias (not penalised)."""
    size = {}
    for t, g in zip(y, groups):
        size[t, g] = size.get((t, g), 0) + 1
    per_class = {t: sum(1 for c in size if c[0] == t) for t in (0, 1)}
    rows = [(xi + [1.0], t, 0.5 / per_class[t] / size[t, g]) for xi, t, g in zip(x, y, groups)]
    return logistic.fit(rows, l2, free=(len(x[0]),))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', required=True)
    ap.add_argument('--features', action='append', help='comma-separated feature set (repeatable); default: dice0,length and all')
    ap.add_argument('--l2', type=float, default=0.05)
    ap.add_argument('--dump', help='write the per-document features here (JSON Lines)')
    ap.add_argument('--prior-beads', type=float, action='append',
                    help='beads of Dice 0.4 a document\'s mean is shrunk with (repeatable; default 5)')
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix='fit-doc-score-')
    raw = dataset(os.path.abspath(a.bin), work)
    for prior in a.prior_beads or [PRIOR_BEADS]:
        print('\n==== prior beads %g' % prior)
        report(a, [(g, y, features(beads, prior)) for g, y, beads in raw])


def report(a, rows):
    if a.dump:
        with open(a.dump, 'w') as f:
            for g, y, x in rows:
                f.write(json.dumps({'group': g, 'label': y, **x}) + '\n')
    groups = sorted({g for g, _, _ in rows})
    print('%d documents: %d true, %d negative' % (len(rows), sum(y for _, y, _ in rows), sum(1 - y for _, y, _ in rows)))
    print('%-22s %s' % ('group (min..max)', '  '.join('%-13s' % f for f in ALL + ['doc_score'])))
    for g in groups:
        xs = [x for gg, _, x in rows if gg == g]
        print('%-22s %s' % (g, '  '.join('%5.2f..%5.2f' % (min(x[f] for x in xs), max(x[f] for x in xs)) for f in ALL + ['doc_score'])))
    for spec in a.features or ['dice0,length', ','.join(ALL)]:
        names = spec.split(',')
        x = [[r[2][f] for f in names] for r in rows]
        y = [r[1] for r in rows]
        w = fit(x, y, [r[0] for r in rows], a.l2)
        errors = sum((sum(a_ * b for a_, b in zip(w, xi + [1.0])) > 0) != yi for xi, yi in zip(x, y))
        z = [sum(a_ * b for a_, b in zip(w, xi + [1.0])) for xi in x]
        low = min(zi for zi, yi in zip(z, y) if yi)
        high = max(zi for zi, yi in zip(z, y) if not yi)
        print('\nfeatures %s: weights %s, bias %.3f; %d documents on the wrong side of 0'
              % (names, ', '.join('%.3f' % v for v in w[:-1]), w[-1], errors))
        # The margin in standardised features (each divided by its spread over the data), so that
        # feature sets and weights compare: the gap over the norm of the weights times the spreads.
        sd = [math.sqrt(sum((r[2][f] - sum(q[2][f] for q in rows) / len(rows)) ** 2 for r in rows) / len(rows))
              for f in names]
        std_norm = math.sqrt(sum((v * s_) ** 2 for v, s_ in zip(w[:-1], sd)))
        print('  lowest true logit %.3f, highest negative %.3f: gap %.3f, standardised margin %.3f'
              % (low, high, low - high, (low - high) / std_norm))
        for g in groups:
            zs = [zi for zi, r in zip(z, rows) if r[0] == g]
            print('  %-20s logit %7.3f .. %7.3f' % (g, min(zs), max(zs)))


if __name__ == '__main__':
    main()
