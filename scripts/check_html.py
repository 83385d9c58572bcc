#!/usr/bin/env python3
"""Looks at the HTML review page in a real headless Chromium.

  scripts/check_html.py [BIN] [OUT_DIR]

Aligns the sample corpus to `OUT_DIR/review.html` (default: a temporary folder), then:
- takes a screenshot (`OUT_DIR/review.png`) for a person to look at;
- loads the page with `#max=0.9` and dumps the DOM after its script ran: the slider must show
  0.90, the rows scoring above 0.9 must be hidden and the others shown, the count line must
  say so, every document must have its section and the weakest-pairs list must link to rows.
Exits 0 when all holds, 1 otherwise, 77 (skipped) when no Chromium is installed.
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]


class Page(html.parser.HTMLParser):
    """Rows (id, score, hidden?), sections, the weakest list's links, element texts by id."""

    def __init__(self):
        super().__init__()
        self.rows, self.sections, self.links, self.text = [], 0, [], {}
        self.inside = None
        self.range_value = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-score" in a:
            self.rows.append((a["id"], float(a["data-score"]), "hidden" in a.get("class", "").split()))
        if tag == "section":
            self.sections += 1
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag in ("output", "span") and "id" in a:
            self.inside = a["id"]
            self.text[self.inside] = ""

    def handle_endtag(self, tag):
        if tag in ("output", "span"):
            self.inside = None

    def handle_data(self, data):
        if self.inside:
            self.text[self.inside] += data


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/bitext")
    out_dir = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="bitext-html-")
    browser = chromium()
    if not browser:
        print("check_html: no Chromium installed, skipped")
        return 77
    os.makedirs(out_dir, exist_ok=True)
    page_path = os.path.join(out_dir, "review.html")
    subprocess.run([binary, "align", os.path.join(ROOT, "corpora/fr"), os.path.join(ROOT, "corpora/en"),
                    "-o", page_path, "--quiet"], check=True)
    docs = len([f for f in os.listdir(os.path.join(ROOT, "corpora/fr")) if not f.startswith(".")])
    profile = tempfile.mkdtemp(prefix="bitext-chromium-")
    base = [browser, *FLAGS, f"--user-data-dir={profile}"]
    shot = os.path.join(out_dir, "review.png")
    subprocess.run([*base, f"--screenshot={shot}", "--window-size=1400,1000", "file://" + page_path],
                   check=True, capture_output=True, timeout=120)
    dom = subprocess.run([*base, "--dump-dom", "file://" + page_path + "#max=0.9"],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    page = Page()
    page.feed(dom)
    shown = [r for r in page.rows if not r[2]]
    problems = []
    if not os.path.getsize(shot) > 10_000:
        problems.append("the screenshot is (nearly) empty")
    if page.sections != docs:
        problems.append(f"{page.sections} sections for {docs} documents")
    if not page.rows:
        problems.append("no rows")
    if any(hidden != (score > 0.9) for _, score, hidden in page.rows):
        problems.append("rows above 0.9 must be hidden, the others shown")
    if page.text.get("shown", "").strip() != "0.90":
        problems.append(f"slider shows {page.text.get('shown')!r}, not 0.90")
    expected_count = f"{len(shown)} of {len(page.rows)} beads shown"
    if page.text.get("count", "").strip() != expected_count:
        problems.append(f"count line {page.text.get('count')!r}, expected {expected_count!r}")
    ids = {r[0] for r in page.rows}
    if not page.links or not set(page.links) <= ids:
        problems.append("the weakest-pairs list must link to rows of the page")
    weakest = sorted(page.rows, key=lambda r: r[1])[: len(page.links)]
    if [r[1] for r in weakest] != sorted(r[1] for r in page.rows if r[0] in set(page.links)):
        problems.append("the weakest-pairs list must hold the lowest scores")
    print(json.dumps({"page": page_path, "screenshot": shot, "documents": docs, "sections": page.sections,
                      "rows": len(page.rows), "shown_at_0.9": len(shown), "weakest_links": len(page.links),
                      "problems": problems}, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
