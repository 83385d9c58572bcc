#!/usr/bin/env python3
"""Checks the outputs on the sample corpus with the tools their users have.

  scripts/check_formats.py [BIN]

- TMX: read with translate-toolkit (`translate.storage.tmx`): as many units as pairs, the same
  texts as the JSONL output, in order.
- Moses: `NAME.en-fr.fr` and `NAME.en-fr.en` have the same number of lines, and it is the
  number of pairs.
- The review loop: write the CSV sheet, edit one row's English, reject another, save it as a
  spreadsheet would (BOM, CRLF, every field quoted), `bitext convert` it to TMX; the result must
  be exactly (canonical XML) the TMX `align` writes, with that row edited, the other removed
  and the `tuid`s renumbered.
Exits 1 on the first difference. Needs translate-toolkit (`pip install translate-toolkit`).
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from translate.storage import tmx as ttk_tmx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def run(binary, *args):
    subprocess.run([binary, *args], check=True, capture_output=True)


def fail(message):
    print(f"check_formats: FAIL: {message}")
    sys.exit(1)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/bitext")
    fr, en = os.path.join(ROOT, "corpora/fr"), os.path.join(ROOT, "corpora/en")
    work = tempfile.mkdtemp(prefix="bitext-formats-")
    path = lambda name: os.path.join(work, name)
    for out in ("c.jsonl", "c.tmx", "c.moses", "sheet.csv"):
        run(binary, "align", fr, en, "-o", path(out), "--quiet")
    beads = [json.loads(line) for line in open(path("c.jsonl"), encoding="utf-8")]
    pairs = [(b["fr"], b["en"]) for b in beads if b["fr"] and b["en"]]

    store = ttk_tmx.tmxfile.parsefile(path("c.tmx"))
    units = [(u.source, u.target) for u in store.units]
    if units != pairs:
        fail(f"translate-toolkit reads {len(units)} units, expected the {len(pairs)} JSONL pairs")
    print(f"TMX: translate-toolkit reads {len(units)} units, texts equal to the JSONL pairs")

    lines = [open(path(f"c.en-fr.{l}"), encoding="utf-8").read().split("\n")[:-1] for l in ("fr", "en")]
    if not (len(lines[0]) == len(lines[1]) == len(pairs)):
        fail(f"moses line counts {len(lines[0])} / {len(lines[1])}, pairs {len(pairs)}")
    if list(zip(*lines)) != pairs:
        fail("moses lines differ from the pairs")
    print(f"Moses: c.en-fr.fr and c.en-fr.en both have {len(pairs)} lines")

    with open(path("sheet.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    fr, en, status, comment = (header.index(c) for c in ("fr", "en", "status", "comment"))
    pair_rows = [k for k, r in enumerate(body) if r[fr] and r[en]]
    edit, reject = pair_rows[3], pair_rows[7]
    body[edit][en] = "An edited translation; with \"quotes\", <markup> & a\nline break."
    body[edit][status] = "ok"
    body[reject][status] = "reject"
    body[reject][comment] = "not a translation"
    saved = io.StringIO()
    writer = csv.writer(saved, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    with open(path("reviewed.csv"), "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(saved.getvalue())
    run(binary, "convert", path("reviewed.csv"), "-o", path("approved.tmx"))

    # The expected TMX: align's own, with the same review applied.
    tree = ET.parse(path("c.tmx"))
    tu_body = tree.getroot().find("body")
    tus = list(tu_body)
    edit_tu, reject_tu = pair_rows.index(edit), pair_rows.index(reject)
    tus[edit_tu].findall("tuv")[1].find("seg").text = body[edit][en]
    tu_body.remove(tus[reject_tu])
    for k, tu in enumerate(tu_body, start=1):
        tu.set("tuid", str(k))
    expected = ET.canonicalize(ET.tostring(tree.getroot(), encoding="unicode"), strip_text=True)
    got = ET.canonicalize(from_file=path("approved.tmx"), strip_text=True)
    if got != expected:
        for k, (a, b) in enumerate(zip(got.split("<tu "), expected.split("<tu "))):
            if a != b:
                fail(f"review round trip differs at unit {k}:\n got      {a[:300]}\n expected {b[:300]}")
        fail("review round trip: different number of units")
    print(f"Review loop: CSV edited, 1 row rejected, converted TMX equals the expected TMX "
          f"({len(tus) - 1} units, canonical XML)")


if __name__ == "__main__":
    main()
