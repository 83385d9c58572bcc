#!/usr/bin/env python3
"""Converts a FreeDict dictionary in dictd format (Debian's dict-freedict-fra-eng, GPL-2+)
into the word list `bitext align --dictionary` reads (hunalign's `target @ source`), single
words on both sides:

  apt-get download dict-freedict-fra-eng && dpkg -x dict-freedict-fra-eng_*.deb fd
  scripts/freedict.py fd/usr/share/dictd/freedict-fra-eng > fra-eng.dic

Measured with it (docs/alignment.md, "A lexicon shipped with the tool"): no gain, so bitext
ships none. Entries whose words hold a hyphen or an apostrophe are left out: bitext reads them
as two words.
"""
import gzip
import os
import re
import sys

DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
WORD = re.compile(r"^\w+$")


def number(text):
    """A dictd index number (base 64, most significant digit first)."""
    n = 0
    for c in text:
        n = n * 64 + DIGITS.index(c)
    return n


def pairs(base):
    """(target, source) word pairs of the dictionary `base`.index / `base`.dict.dz."""
    data = gzip.open(base + ".dict.dz").read()
    for line in open(base + ".index", encoding="utf-8"):
        head, offset, length = line.rstrip("\n").split("\t")
        if head.startswith("00-database") or not WORD.match(head):
            continue
        entry = data[number(offset) : number(offset) + number(length)].decode("utf-8")
        for sense in entry.split("\n")[1:]:
            sense = re.sub(r"^\s*\d+\.\s*", "", sense)
            for word in re.split(r"[,;]", sense):
                word = word.strip()
                if WORD.match(word):
                    yield word.lower(), head.lower()


def main():
    if len(sys.argv) != 2 or not os.path.exists(sys.argv[1] + ".index"):
        sys.exit(__doc__)
    for target, source in sorted(set(pairs(sys.argv[1]))):
        print("%s @ %s" % (target, source))


if __name__ == "__main__":
    main()
