#!/usr/bin/env python3
"""Drives the HTML review page in a real headless Chromium, as a reviewer would.

  scripts/check_html.py [--ci] [BIN] [OUT_DIR]

Aligns the sample corpus (plus a document whose text holds `</script><script>…`) to
`OUT_DIR/review.html` and to the review sheet `OUT_DIR/review.csv` (the oracle for ids and
texts), then, in Chromium (selenium + chromedriver):
- the hostile text is shown as text and runs nothing; row ids are the sheet's; `#max=0.9`
  shows the rows scoring at most 0.9 and counts them; an anchor lands below the sticky header;
- a reviewer rejects a row, approves one, edits one (a side starting with `=`), comments one,
  merges a row with the next and splits it back, merges three rows and splits them after the
  first (the second half's id, 12.5, lies between its neighbours'); reloads the page (the review comes back from
  local storage) and clicks "Download reviewed sheet";
- `bitext convert` turns the download into a TMX, which must equal (canonical XML) the TMX of
  the sheet edited the same way in Python; the downloaded rows must equal the edited sheet's;
- a generated corpus of 6,000 beads keeps fewer than 3,000 elements in the DOM.
Screenshots for a person to look at: `OUT_DIR/review.png`, `phone.png`, `edit.png` (the editor
open) and `split.png` (the split dialog open).
Exits 0 when all holds, 1 otherwise. Without Chromium, chromedriver or selenium it exits 77
(skipped) when run by hand, and 1 with `--ci` (as .ci/run calls it): CI must not skip it.
"""
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The flags that work on this project's machines (no network: background fetches refused).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
HOSTILE_FR = "Le texte </script><script>window.pwned=1</script> reste du texte."
HOSTILE_EN = "The text </script><script>window.pwned=1</script> stays text."
EDITED = '=SUM(A1) edited, with "quotes", <markup> & a comma'
COMMENT = 'Checked; "fine", « merci »'
# Where the page finds a sentence boundary (the page's script splits the same way).
BOUNDARY = r"[.!?…][»\"”’)\]]*\s+\S"

problems = []
# One browser profile for the whole check: its local storage holds the first page's review
# when the second page opens.
PROFILE = tempfile.mkdtemp(prefix="bitext-chromium-")


def check(ok, message):
    if not ok:
        problems.append(message)
    return ok


def run(*args):
    return subprocess.run(list(args), check=True, capture_output=True, text=True)


def unguard(text):
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "'") else text


def read_sheet(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = [[unguard(c) for c in row] for row in csv.reader(fh)]
    return rows[0], rows[1:]


def write_sheet(path, header, body):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows([[("'" + c if c[:1] in ("=", "+", "-", "@", "'") else c) for c in r] for r in body])


def canonical_tmx(path):
    return ET.canonicalize(from_file=path, strip_text=True)


def browser(download_dir, size="1400,1000"):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in FLAGS + [f"--user-data-dir={PROFILE}", f"--window-size={size}"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": download_dir,
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.implicitly_wait(5)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": download_dir})
    return driver


def missing_tools():
    missing = [name for name in ("chromium", "chromedriver") if not shutil.which(name)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip)")
    return missing


def one_sentence(text):
    """Whether the page's split finds exactly one sentence, ended as a sentence ends."""
    import re
    text = text.strip()
    return not re.search(BOUNDARY, text) and re.search(r"[.!?…][»\"”’)\]]*$", text) is not None


def goto(driver, key):
    driver.execute_script("location.hash = arguments[0]", "b" + key)
    return driver.find_element("css selector", f'tr[data-key="{key}"]')


def click(driver, key, act):
    goto(driver, key).find_element("css selector", f'button[data-act="{act}"]').click()


def cells(row):
    """The row's cells as text (textContent: no white space folded)."""
    return row.parent.execute_script("return [...arguments[0].cells].map(c => c.firstChild ? c.firstChild.textContent : '')", row)


def drive(driver, page, header, body):
    """The reviewer's session; returns the downloaded sheet's path."""
    col = {name: header.index(name) for name in ("id", "fr", "en", "type", "score", "status", "comment")}
    driver.get("file://" + page)
    check(driver.execute_script("return window.pwned") is None, "the hostile text ran as a script")
    hostile = next(r for r in body if r[col["fr"]] == HOSTILE_FR)
    check(cells(goto(driver, hostile[col["id"]]))[1] == HOSTILE_FR, "the hostile text is not shown as text")
    for row in body[::37]:
        shown = cells(goto(driver, row[col["id"]]))
        check(shown[:3] == [row[col["id"]], row[col["fr"]], row[col["en"]]],
              f"row {row[col['id']]}: the page shows {shown[:3]}, the sheet {row[:4]}")
    # An anchor lands below the sticky header.
    target = body[len(body) // 2][col["id"]]
    goto(driver, target)
    top, header_bottom = driver.execute_script(
        "return [document.getElementById('b' + arguments[0]).getBoundingClientRect().top,"
        " document.getElementById('top').getBoundingClientRect().bottom]", target)
    check(top >= header_bottom - 1, f"row {target} scrolled to {top}px, under the header (bottom {header_bottom}px)")

    pairs = [k for k, r in enumerate(body)
             if r[col["type"]] == "1-1" and all(one_sentence(r[col[side]]) for side in ("fr", "en"))]
    doc = header.index("doc")
    runs = [k for k in pairs if {k + 1, k + 2} <= set(pairs) and body[k][doc] == body[k + 2][doc]]
    merge, triple = runs[0], next(k for k in runs if k > runs[0] + 3)
    others = [k for k in pairs if k not in range(merge, merge + 2) and k not in range(triple, triple + 3)]
    reject, ok, edit, comment = (body[k][col["id"]] for k in others[2:6])
    click(driver, reject, "reject")
    click(driver, ok, "ok")
    click(driver, edit, "edit")
    driver.find_element("id", "edit-target").clear()
    driver.find_element("id", "edit-target").send_keys(EDITED)
    driver.find_element("id", "edit-save").click()
    click(driver, comment, "edit")
    driver.find_element("id", "edit-comment").send_keys(COMMENT)
    driver.save_screenshot(os.path.join(os.path.dirname(page), "edit.png"))
    driver.find_element("id", "edit-save").click()
    merged = body[merge][col["id"]]
    click(driver, merged, "merge")
    check(cells(goto(driver, merged))[3] == "2-2", "the merged row is not 2-2")
    click(driver, merged, "split")
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element("id", "split-source")).select_by_value("1")
    Select(driver.find_element("id", "split-target")).select_by_value("1")
    driver.save_screenshot(os.path.join(os.path.dirname(page), "split.png"))
    driver.find_element("id", "split-save").click()
    # Three rows merged, split after the first: the second half takes an id between 1 and 3.
    first = body[triple][col["id"]]
    click(driver, first, "merge")
    click(driver, first, "merge")
    check(cells(goto(driver, first))[3] == "3-3", "the row merged twice is not 3-3")
    click(driver, first, "split")
    Select(driver.find_element("id", "split-source")).select_by_value("1")
    Select(driver.find_element("id", "split-target")).select_by_value("1")
    driver.find_element("id", "split-save").click()

    # The review comes back from local storage.
    driver.refresh()
    check("st-reject" in goto(driver, reject).get_attribute("class"), "the rejection was not kept after a reload")
    check(cells(goto(driver, edit))[2] == EDITED, "the edit was not kept after a reload")
    driver.find_element("id", "download").click()
    folder = os.path.dirname(page)
    deadline = time.time() + 30
    while time.time() < deadline:
        found = glob.glob(os.path.join(folder, "*.reviewed.csv"))
        if found and not glob.glob(os.path.join(folder, "*.crdownload")):
            break
        time.sleep(0.2)
    else:
        check(False, "no download within 30 s")
        return None, None
    # The same review, done on the sheet.
    expected = [list(r) for r in body]
    ids = [r[col["id"]] for r in expected]
    expected[ids.index(reject)][col["status"]] = "reject"
    expected[ids.index(ok)][col["status"]] = "ok"
    expected[ids.index(edit)][col["en"]] = EDITED
    expected[ids.index(comment)][col["comment"]] = COMMENT
    low = min(float(expected[merge][col["score"]]), float(expected[merge + 1][col["score"]]))
    expected[merge][col["score"]] = expected[merge + 1][col["score"]] = f"{low:.4f}"
    # Merged, then split back: the second half's id lies between its neighbours' (here its own).
    rest = [expected[triple + k] for k in (1, 2)]
    scores = [float(expected[triple + k][col["score"]]) for k in range(3)]
    second = list(rest[0])
    second[col["id"]] = f"{int(first) + 1.5:g}"
    for side in ("fr", "en"):
        second[col[side]] = rest[0][col[side]] + " " + rest[1][col[side]]
    second[col["type"]] = "2-2"
    expected[triple][col["score"]] = second[col["score"]] = f"{min(scores):.4f}"
    expected[triple + 1:triple + 3] = [second]
    return found[0], expected


def main():
    args = [a for a in sys.argv[1:] if a != "--ci"]
    ci = "--ci" in sys.argv[1:]
    binary = args[0] if args else os.path.join(ROOT, "target/release/bitext")
    out_dir = os.path.abspath(args[1] if len(args) > 1 else tempfile.mkdtemp(prefix="bitext-html-"))
    missing = missing_tools()
    if missing:
        print(f"check_html: missing {', '.join(missing)}: " + ("FAIL (CI must run this check)" if ci else "skipped"))
        return 1 if ci else 77
    os.makedirs(out_dir, exist_ok=True)
    for old in glob.glob(os.path.join(out_dir, "*.reviewed.csv")):
        os.remove(old)
    corpus = os.path.join(out_dir, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    for lang, text in (("fr", HOSTILE_FR), ("en", HOSTILE_EN)):
        shutil.copytree(os.path.join(ROOT, "corpora", lang), os.path.join(corpus, lang))
        with open(os.path.join(corpus, lang, "99-hostile.txt"), "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    page, sheet = os.path.join(out_dir, "review.html"), os.path.join(out_dir, "review.csv")
    for out in (page, sheet):
        run(binary, "align", os.path.join(corpus, "fr"), os.path.join(corpus, "en"), "-o", out, "--quiet")
    header, body = read_sheet(sheet)

    driver = browser(out_dir)
    try:
        downloaded, expected = drive(driver, page, header, body)
        driver.get("file://" + page + "#max=0.9")
        shown = driver.find_element("id", "shown").text
        count = driver.find_element("id", "count").text
        # The review is still there (the same browser profile): its rows are counted.
        body = expected or body
        low = sum(1 for r in body if float(r[header.index("score")]) <= 0.9)
        check(shown == "0.90", f"#max=0.9: the slider shows {shown!r}")
        check(count.startswith(f"{low} of {len(body)} beads shown"), f"#max=0.9: {count!r}, expected {low} of {len(body)}")
        driver.execute_script("location.hash = ''; document.getElementById('threshold').value = 1;"
                              "document.getElementById('threshold').dispatchEvent(new Event('input'))")
        driver.save_screenshot(os.path.join(out_dir, "review.png"))
    finally:
        driver.quit()
    phone = browser(out_dir)
    try:
        # A phone's screen: 390 CSS pixels wide, a mobile browser (980 px wide without a viewport).
        phone.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        phone.get("file://" + page)
        phone.save_screenshot(os.path.join(out_dir, "phone.png"))
        width = phone.execute_script("return document.documentElement.clientWidth")
        check(width == 390, f"the phone layout is {width}px wide: no viewport?")
    finally:
        phone.quit()

    if downloaded:
        got_header, got = read_sheet(downloaded)
        check(got_header == header, f"downloaded header {got_header}, expected {header}")
        for k, (g, e) in enumerate(zip(got, expected)):
            if g != e:
                check(False, f"downloaded row {k + 1}: {g}, expected {e}")
                break
        check(len(got) == len(expected), f"{len(got)} downloaded rows, expected {len(expected)}")
        edited = os.path.join(out_dir, "expected.csv")
        write_sheet(edited, header, expected)
        for source, tmx in ((downloaded, "got.tmx"), (edited, "expected.tmx")):
            run(binary, "convert", source, "-o", os.path.join(out_dir, tmx))
        same = canonical_tmx(os.path.join(out_dir, "got.tmx")) == canonical_tmx(os.path.join(out_dir, "expected.tmx"))
        check(same, "convert of the download differs from convert of the sheet reviewed the same way")

    # Only a page of rows in the DOM, however many beads.
    big = os.path.join(out_dir, "big")
    run(sys.executable, os.path.join(ROOT, "scripts/gen_corpus.py"), big, "--docs", "10", "--sentences", "600", "--presplit")
    big_page = os.path.join(out_dir, "big.html")
    run(binary, "align", os.path.join(big, "fr"), os.path.join(big, "en"), "--presplit", "-o", big_page, "--quiet")
    driver = browser(out_dir)
    try:
        driver.get("file://" + big_page)
        elements, beads, stored = driver.execute_script(
            "return [document.getElementsByTagName('*').length, document.getElementById('count').textContent,"
            " Object.keys(localStorage).filter(k => k.startsWith('bitext-review-')).length]")
        # A damaged entry in local storage: the page starts the review afresh.
        driver.execute_script("localStorage.setItem('bitext-review-' + JSON.parse("
                              "document.getElementById('bitext-hash').textContent), '{\"ops\": 5}')")
        driver.refresh()
        damaged = driver.find_element("id", "count").text
        check(damaged == beads, f"a damaged review in local storage: {damaged!r}")
    finally:
        driver.quit()
    check(elements < 3000, f"{elements} elements in the DOM for {beads}")
    # Another page's review (kept under another data hash) does not show here.
    check(stored == 1, f"{stored} reviews in local storage, expected the first page's")
    check(beads.endswith("(0 ok, 0 rejected)"), f"the other page's review shows on this one: {beads!r}")

    print(json.dumps({"page": page, "rows": len(body), "download": downloaded,
                      "screenshots": [os.path.join(out_dir, n) for n in ("review.png", "phone.png", "edit.png", "split.png")],
                      "big_page_elements": elements, "big_page_count": beads, "problems": problems}, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
