#!/usr/bin/env python3
"""IBM Model 1 (Brown et al. 1993), trained both ways on a run's own confident 1-1 pairs, as a
word list for `bitext align --dictionary`: a measurement of whether such a lexical model adds
to the word table bitext learns by Dice (docs/alignment.md, "IBM Model 1").

  bitext align FR EN -f jsonl -o run.jsonl
  scripts/ibm1_lexicon.py run.jsonl fr en [THRESHOLD] > ibm1.dic
  bitext align FR EN --dictionary ibm1.dic ...

A pair is kept when t(target | source) and t(source | target) are both at least THRESHOLD
(default 0.3) after five EM iterations, on 1-1 beads scored 0.9 or more, words lower-cased,
numbers left out (bitext reads them as anchors already), the source word seen in two pairs or
more. Nothing is read but the run's own output.
"""
import collections
import json
import re
import sys

ITERATIONS = 5
CONFIDENT = 0.9


def words(text):
    return [w.lower() for w in re.findall(r"\w+", text) if not w.isdigit()]


def train(pairs):
    """t(e | f) after ITERATIONS rounds of EM, f including a NULL word."""
    t = collections.defaultdict(lambda: 1.0)
    for _ in range(ITERATIONS):
        count, total = collections.defaultdict(float), collections.defaultdict(float)
        for f, e in pairs:
            fs = f + [None]
            for ew in e:
                z = sum(t[(ew, fw)] for fw in fs)
                for fw in fs:
                    c = t[(ew, fw)] / z
                    count[(ew, fw)] += c
                    total[fw] += c
        t = collections.defaultdict(float, {k: v / total[k[1]] for k, v in count.items()})
    return t


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    run, source, target = sys.argv[1:4]
    threshold = float(sys.argv[4]) if len(sys.argv) == 5 else 0.3
    rows = [json.loads(line) for line in open(run, encoding="utf-8")]
    pairs = [(words(r[source]), words(r[target])) for r in rows
             if r.get("type") == "1-1" and r["score"] >= CONFIDENT]
    forward, backward = train(pairs), train([(e, f) for f, e in pairs])
    seen = collections.Counter(w for f, _ in pairs for w in set(f))
    links = {(e, f) for (e, f), p in forward.items()
             if f is not None and p >= threshold and backward.get((f, e), 0) >= threshold and seen[f] >= 2}
    for e, f in sorted(links):
        print("%s @ %s" % (e, f))
    print("%d pairs, %d links" % (len(pairs), len(links)), file=sys.stderr)


if __name__ == "__main__":
    main()
