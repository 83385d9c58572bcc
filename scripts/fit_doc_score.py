#!/usr/bin/env python3
"""Measure the document score's evidence tables (src/align/constants.rs, DOC_*) on data we make,
never on the eval gold (../shared).

  scripts/fit_doc_score.py --bin target/release/bitext [--bins 0.05,0.2 ...] [--dump FILE]

Data, each aligned end to end as one folder run per pairing with --explain (the per-bead costs
the score is computed from): corpora/'s 6 fr-en true pairs and their 30 derangements (doc i's
French with doc j != i's English); corpora/de's 3 fr-de pairs and 6 derangements
(--target-lang de); corpora/related's 4 hard negatives (a French article against an English
report on the same story that is not its translation); three scripts/gen_corpus.py sets (40 docs
x 30 sentences, seed 7; 20 x 150, seed 8; 20 x 5, seed 9), their true pairs and derangements
at offsets 1, 2, 3, 5, 8; documents of those sets of different lengths against each other
(`sizes`); corpora/'s fr-en and fr-de pairs with both sides garbled as a poor OCR reads them,
at 6 % and 12 % of letters (`ocr`, `ocr12`, `ocr-de`, `ocr12-de`: true pairs whose anchors
often fail to match, as in scanned books) and their derangements.
(scripts/derangement.py's generated set, seed 11, is left out.) For the German table
(DOC_GERMAN_EVIDENCE, French–German pairs): the fr-de groups above, plus corpora/free's free
German translations in one folder run, and those and corpora/de's pairs aligned one at a
time (`-alone`), each with its derangements; the groups added for it stay out of the default
table, which is measured as before.

The score (src/align/doc_score.rs) adds, over a document's events, ln(P(event | translation) /
P(event | unrelated)): a pair bead's Dice bin (a side without anchors: nothing) and length-cost
bin, and each unit of a 1-0 or 0-1 bead. The frequencies are averaged over groups (each set of
true pairs, of derangements, the related articles weighs the same). Past DOC_EVIDENCE_BEADS
events the sum is scaled to that many; DOC_PRIOR is added.

For each candidate pair of Dice bin edges (--bins, repeatable) the script prints the tables, the
group-balanced log-loss of the score on this data, and the true pairs kept and negatives caught
at 0.4; then, for the first candidate, each group's lowest and highest logit; then the same
for the German table. The candidate of lowest log-loss goes into constants.rs. The length
ratios are pooled where they would rise with the cost.
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
from ocr import garble  # noqa: E402


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEXICAL_WEIGHT = 32.0
OFFSETS = [1, 2, 3, 5, 8]
LENGTH_EDGES = [0.5, 1.0, 1.5, 2.0, 3.0, math.inf]
ANCHOR_EDGES = [11, math.inf]
EVIDENCE_BEADS = 10.0
PRIOR = 0.5
THRESHOLD = 0.4
# The groups of the German table (DOC_GERMAN_EVIDENCE): French–German pairs only. The groups
# added with it (ALONE_OR_FREE) stay out of the default table, measured as before them.
GERMAN = {'corpora-de', 'ocr-de', 'ocr12-de', 'free-de', 'free-de-alone', 'corpora-de-alone'}
ALONE_OR_FREE = {'free-de', 'free-de-alone', 'corpora-de-alone'}
CANDIDATES = ['0.05,0.2', '0.1,0.2', '0.1,0.25', '0.1,0.3', '0.15,0.25', '0.05,0.15']
# The German table's edges: the lowest log-loss of the candidates on the German groups
# (.0548; '0.05,0.2' .0646, the others .0638 to .0850).
GERMAN_EDGES = '0.05,0.15'


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


def events(beads, edges):
    """A document's events: (('dice', (anchors bin, Dice bin)) or ('no anchors', 0), ('length', bin)) per pair bead,
    (('omitted', 0),) per unit of a 1-0 or 0-1 bead."""
    out = []
    for b in beads:
        s_, t = b[sl_key(b)], b[tl_key(b)]
        if not (s_ and t):
            out += [(('omitted', 0),)] * (len(s_) + len(t))
            continue
        lexical = b['cost']['lexical']
        dice = ('no anchors', 0)  # a side without anchors: +0.0
        if math.copysign(1, lexical) < 0:  # -0.0 or less: both sides hold anchors
            few = next(k for k, e in enumerate(ANCHOR_EDGES) if b['cost']['anchors'] < e)
            dice = ('dice', (few, next(k for k, e in enumerate(edges + [math.inf]) if -lexical / LEXICAL_WEIGHT < e)))
        length = ('length', next(k for k, e in enumerate(LENGTH_EDGES) if b['cost']['length'] < e))
        out.append((dice, length))
    return out


def tables(rows, edges):
    """{(kind, bin): ln ratio}. A Dice bin's frequency and an omitted unit's are shares of all
    events, a length bin's of the pair beads; per group, then averaged over the groups of each
    label. A side without anchors is no evidence (0), whatever its frequencies."""
    freq = {0: {}, 1: {}}
    groups = {y: sorted({g for g, yy, _ in rows if yy == y}) for y in (0, 1)}
    for y in (0, 1):
        for g in groups[y]:
            counts = {}
            for gg, _, beads in rows:
                if gg == g:
                    for event in events(beads, edges):
                        for part in event:
                            counts[part] = counts.get(part, 0) + 1
            pairs = sum(n for (kind, _), n in counts.items() if kind == 'length')
            every = pairs + counts.get(('omitted', 0), 0)
            for key, n in counts.items():
                share = n / (pairs if key[0] == 'length' else every)
                freq[y][key] = freq[y].get(key, 0) + share / len(groups[y])
    keys = set(freq[0]) | set(freq[1])
    table = {k: math.log((freq[1].get(k, 0) + 1e-3) / (freq[0].get(k, 0) + 1e-3)) for k in keys}
    table[('no anchors', 0)] = 0.0
    return falling_lengths(table)


def falling_lengths(table):
    """The length bins' ratios made non-increasing with the cost (adjacent violators pooled,
    unweighted): a worse length agreement is never better evidence of a translation, whatever
    a small set's noise says."""
    blocks = []
    for k in range(len(LENGTH_EDGES)):
        blocks.append([table.get(('length', k), 0.0), 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] < blocks[-1][0] / blocks[-1][1]:
            v, n = blocks.pop()
            blocks[-1][0] += v
            blocks[-1][1] += n
    k = 0
    for v, n in blocks:
        for _ in range(n):
            table[('length', k)] = v / n
            k += 1
    return table


def logit(beads, edges, table):
    evs = events(beads, edges)
    total = sum(table.get(part, 0.0) for event in evs for part in event)
    return PRIOR + (total * min(1.0, EVIDENCE_BEADS / len(evs)) if evs else 0.0)


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
    """A copy of `path` as a poor OCR reads it (see scripts/ocr.py)."""
    rng = random.Random('%s%d' % (side, seed))
    copy = os.path.join(tempfile.mkdtemp(dir=work), os.path.basename(path))
    open(copy, 'w', encoding='utf-8').write(garble(open(path, encoding='utf-8').read(), rng, rate))
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
    for name, sl, tl, rate in (('ocr', 'fr', 'en', 0.06), ('ocr-de', 'fr', 'de', 0.06),
                               ('ocr12', 'fr', 'en', 0.12), ('ocr12-de', 'fr', 'de', 0.12)):
        docs = [(n, ocr(s_, work, 's', i, rate), ocr(t, work, 't', i, rate))
                for i, (n, s_, t) in enumerate(folder(sl, tl, 'fr', tl))]
        add(name, sl, tl, docs, range(1, len(docs)))
    # French–German texts aligned one pair at a time, as `bitext align a.txt b.txt` does (its
    # word table learned from that pair alone), and corpora/free's free translations (German
    # table only: see GERMAN).
    free = [(n, os.path.join(ROOT, 'corpora', 'free', 'fr', n + '.txt'),
             os.path.join(ROOT, 'corpora', 'free', 'de', n + '.txt'))
            for n in sorted(f[:-4] for f in os.listdir(os.path.join(ROOT, 'corpora', 'free', 'de')))]
    add('free-de', 'fr', 'de', free, range(1, 4))
    for name, docs, offsets in (('free-de-alone', free, range(1, 4)),
                                ('corpora-de-alone', folder('fr', 'de', 'fr', 'de'), range(1, 3))):
        n = len(docs)
        for d in docs:
            rows.append((name, 1, run(binary, work, 'fr', 'de', [d])[0]))
        for k in offsets:
            for i in range(n):
                pair = (docs[i][0], docs[i][1], docs[(i + k) % n][2])
                rows.append((name + '-deranged', 0, run(binary, work, 'fr', 'de', [pair])[0]))
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


def base(group):
    """A group's name without its derangements' suffix."""
    return group[:-len('-deranged')] if group.endswith('-deranged') else group


def report(title, rows, candidates, dump):
    """Prints, for each candidate pair of Dice edges, the tables fitted on `rows`, their
    log-loss and what they keep and catch at THRESHOLD; for the first, each group's logits."""
    print('\n== %s: %d documents: %d true, %d negative' % (
        title, len(rows), sum(y for _, y, _ in rows), sum(1 - y for _, y, _ in rows)))
    cut = math.log(THRESHOLD / (1 - THRESHOLD))
    for spec in candidates:
        edges = [float(x) for x in spec.split(',')]
        table = tables(rows, edges)
        z = [(g, y, logit(beads, edges, table)) for g, y, beads in rows]
        loss = {}
        for g, y, l in z:
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, l))))
            loss.setdefault(g, []).append(-math.log(max(1e-12, p if y else 1 - p)))
        mean_loss = sum(sum(v) / len(v) for v in loss.values()) / len(loss)
        kept = sum(1 for _, y, l in z if y and l >= cut)
        caught = sum(1 for _, y, l in z if not y and l < cut)
        print('\nDice edges %s: log-loss %.4f; true kept %d/%d, negatives caught %d/%d at %.1f' % (
            spec, mean_loss, kept, sum(y for _, y, _ in z), caught, sum(1 - y for _, y, _ in z), THRESHOLD))
        for kind in ('dice', 'length', 'omitted'):
            print('  %-8s %s' % (kind, '  '.join('%s: %+.2f' % (k, v) for (kk, k), v in sorted(table.items()) if kk == kind)))
        if spec == candidates[0]:
            for g in sorted({g for g, _, _ in z}):
                ls = [l for gg, _, l in z if gg == g]
                print('  %-24s logit %7.2f .. %7.2f' % (g, min(ls), max(ls)))
            if dump:
                with open(dump, 'a') as f:
                    for g, y, l in z:
                        f.write(json.dumps({'table': title, 'group': g, 'label': y, 'logit': l}) + '\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', required=True)
    ap.add_argument('--bins', action='append', help='Dice bin edges, comma-separated (repeatable)')
    ap.add_argument('--dump', help='write each document\'s table, group, label and logit here (JSON Lines)')
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix='fit-doc-score-')
    rows = dataset(os.path.abspath(a.bin), work)
    if a.dump:
        open(a.dump, 'w').close()
    candidates = a.bins or CANDIDATES
    report('default table (DOC_EVIDENCE)', [r for r in rows if base(r[0]) not in ALONE_OR_FREE], candidates, a.dump)
    german = a.bins or [GERMAN_EDGES] + [c for c in CANDIDATES if c != GERMAN_EDGES]
    report('German table (DOC_GERMAN_EVIDENCE)', [r for r in rows if base(r[0]) in GERMAN], german, a.dump)


if __name__ == '__main__':
    main()
