#!/usr/bin/env python3
"""Measures a review page in headless Chromium: load time, DOM size, a slider move.

  scripts/measure_html.py PAGE.html [SCREENSHOT.png]

(SCREENSHOT-loaded.png is taken as the page has loaded, SCREENSHOT.png after the moves.)

Prints one JSON object: the file's size, the seconds from navigation to the load event (and to
the first rows drawn, for a page that draws them after load), the DOM's element count, the
seconds a slider move to 0.9 takes to be laid out, a scroll to the middle of the page, a
click on the next page, and a link followed to the last row. Needs
selenium (PyPI) and Debian's chromium and chromium-driver.
"""
import json
import os
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

# The flags that work on this project's machines (no network: background fetches refused).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1400,1000"]


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    # The old page took minutes to load: longer than the client's default two-minute wait.
    driver.command_executor._client_config.timeout = 1200
    driver.set_page_load_timeout(900)
    driver.set_script_timeout(900)
    return driver


# Moves the slider to 0.9, then waits for two animation frames (layout and paint done).
SLIDER = """
const done = arguments[arguments.length - 1];
const t0 = performance.now();
const range = document.getElementById('threshold');
range.value = '0.9';
range.dispatchEvent(new Event('input', {bubbles: true}));
document.body.offsetHeight;
requestAnimationFrame(() => requestAnimationFrame(() => done((performance.now() - t0) / 1000)));
"""

SCROLL = """
const done = arguments[arguments.length - 1];
const t0 = performance.now();
window.scrollTo(0, document.body.scrollHeight / 2);
document.body.offsetHeight;
requestAnimationFrame(() => requestAnimationFrame(() => done((performance.now() - t0) / 1000)));
"""


# Goes to the next page of rows (or, on a page without pages, does nothing), laid out.
NEXT = """
const done = arguments[arguments.length - 1];
const t0 = performance.now();
const next = document.getElementById('next');
if (next) next.click();
document.body.offsetHeight;
requestAnimationFrame(() => requestAnimationFrame(() => done((performance.now() - t0) / 1000)));
"""

# Follows a link to the last row (`#b<last id>`), laid out.
JUMP = """
const done = arguments[arguments.length - 1];
const rows = document.querySelectorAll('tr[id^="b"]');
const t0 = performance.now();
location.hash = arguments[0];
setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => done((performance.now() - t0) / 1000))), 0);
"""


def main():
    page = os.path.abspath(sys.argv[1])
    shot = sys.argv[2] if len(sys.argv) > 2 else None
    driver = browser(tempfile.mkdtemp(prefix="bitext-measure-"))
    try:
        start = time.time()
        driver.get("file://" + page)
        loaded = time.time() - start
        timing = driver.execute_script(
            "const t = performance.timing; return [t.loadEventEnd - t.navigationStart,"
            " window.bitextReady || null]")
        nodes = driver.execute_script("return document.getElementsByTagName('*').length")
        if shot:
            driver.save_screenshot(shot.replace(".png", "-loaded.png"))
        slider = driver.execute_async_script(SLIDER)
        nodes_after = driver.execute_script("return document.getElementsByTagName('*').length")
        scroll = driver.execute_async_script(SCROLL)
        next_page = driver.execute_async_script(NEXT)
        last = driver.execute_script(
            "try { const d = JSON.parse(document.getElementById('bitext-data').textContent).docs;"
            " const l = d[d.length - 1]; return 'b' + (l.first + l.beads.length - 1) } catch (e) { return 'b1' }")
        jump = driver.execute_async_script(JUMP, last)
        if shot:
            driver.save_screenshot(shot)
        print(json.dumps({
            "page": page, "bytes": os.path.getsize(page), "get_seconds": round(loaded, 2),
            "load_event_seconds": round(timing[0] / 1000, 2),
            "drawn_seconds": None if timing[1] is None else round(timing[1] / 1000, 2),
            "dom_elements": nodes, "slider_to_0.9_seconds": round(slider, 3),
            "dom_elements_after_slider": nodes_after, "scroll_half_seconds": round(scroll, 3),
            "next_page_seconds": round(next_page, 3), "jump_to_" + last + "_seconds": round(jump, 3),
        }, indent=1))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
