#!/usr/bin/env python3
"""Renders the gold documents as users save them, aligns each rendering, and compares strict F1
with the plain-text run (issue 21: each format within .02 of plain text).

  scripts/render_formats.py [--bin target/release/bitext] [--set baf ...] [--format pdf ...]
                            [--keep DIR]

For each gold document of ../shared/eval/align (baf, textberg with --target-lang de, wmt14),
read there and never copied into the repository, both sides are written, keeping the gold's
paragraphs (a blank line in the gold is a paragraph break in every rendering):

  html  a web page with site furniture: doctype, head (title, meta charset, script, style),
        nav menu, header, cookie banner, share bar, aside of related links, footer; the text as
        <p>s with some inline <b> and <a>, some characters as entities (&nbsp;, &#8217;, &amp;).
  docx  zipfile + XML strings: runs cut mid-word, a header part and a footer part (page field).
  odt   zipfile + content.xml: spans cut mid-word, doubled spaces as <text:s/>.
  pdf   reportlab: a running header and page numbers on every page; baf in two columns with
        Helvetica (a standard font, WinAnsi) and words hyphenated at line ends when pyphen is
        installed, textberg and wmt14 in one column with an embedded TrueType font (DejaVu Sans,
        or reportlab's own Vera).

Then `bitext align fr/ en/ --format jsonl` runs once per set and format on the folder pair, as
../shared/eval/align_eval.py runs it on the plain text, and the output is scored with the
scoreboard's scorer (score_align.py, vecalign's strict F1). A format whose run fails prints
"error" and the first line of stderr; the others still run.

Needs: python3, and for PDFs `pip install reportlab` (and `pip install pyphen` for the
hyphenated baf PDFs; without it they are not hyphenated). Nothing else: docx, odt and html are
written with the standard library. Runs offline.
"""
import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.normpath(os.path.join(ROOT, "..", "shared", "eval"))
FORMATS = ("txt", "html", "docx", "odt", "pdf")


def paragraphs(path):
    """The gold text's paragraphs (blank-line separated), each a list of its lines."""
    text = open(path, encoding="utf-8").read()
    return [p.split("\n") for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


# ---------------------------------------------------------------------------------------------
# HTML


def html_inline(line, n):
    """One line as HTML: escaped, with entities for some characters and some inline markup."""
    text = html.escape(line, quote=False)
    text = text.replace("\u2019", "&#8217;").replace("\u00a0", "&nbsp;")
    text = re.sub(r" ([:;?!»])", r"&nbsp;\1", text)
    words = text.split(" ")
    if n % 3 == 0 and len(words) > 3:
        words[0] = f"<b>{words[0]}"
        words[1] = f"{words[1]}</b>"
    if n % 4 == 1 and len(words) > 6:
        words[4] = f'<a href="/tag/{n}">{words[4]}</a>'
    return " ".join(words)


def render_html(paras, title, lang):
    body = "\n".join(
        f"<p>{'<br>'.join(html_inline(line, n) for line in lines)}</p>" for n, lines in enumerate(paras)
    )
    related = "\n".join(f'<li><a href="/article/{i}">Related story number {i}</a></li>' for i in range(1, 6))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | The Daily Example</title>
<meta name="viewport" content="width=device-width">
<style>body {{ font-family: sans-serif; }} .cookie {{ position: fixed; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<div class="cookie-banner" id="cookie-consent">We use cookies to improve your experience.
<button>Accept all</button> <a href="/privacy">Privacy policy</a></div>
<header class="site-header"><a href="/" class="logo">The Daily Example</a>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/science">Science</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<main>
<article>
<div class="share-bar"><a href="https://twitter.com/share">Share</a> <a href="https://facebook.com/share">Facebook</a>
<a href="mailto:?subject=x">Email</a></div>
{body}
</article>
<aside class="related"><h3>Related articles</h3><ul>
{related}
</ul></aside>
</main>
<footer class="site-footer"><p>&copy; 2024 The Daily Example. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/terms">Terms</a></li></ul></footer>
<script src="/static/app.js"></script>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# DOCX

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def chunks(text, size=7):
    """The text cut every `size` characters: runs and spans that end mid-word."""
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


def docx_run(text):
    esc = html.escape(text, quote=False)
    return f'<w:r><w:t xml:space="preserve">{esc}</w:t></w:r>'


def docx_paragraph(lines):
    runs = []
    for i, line in enumerate(lines):
        if i:
            runs.append("<w:r><w:br/></w:r>")
        runs.extend(docx_run(c) for c in chunks(line))
    return f"<w:p>{''.join(runs)}</w:p>"


def render_docx(path, paras, title):
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>'
                + "".join(docx_paragraph(lines) for lines in paras)
                + '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/>'
                  '<w:footerReference w:type="default" r:id="rId2"/></w:sectPr></w:body></w:document>')
    header = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W_NS}>'
              f'<w:p>{docx_run(title + " — Internal report")}</w:p></w:hdr>')
    footer = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W_NS}><w:p>{docx_run("Page ")}'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
             '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
             '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
                '</Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/header1.xml", header)
        z.writestr("word/footer1.xml", footer)


# ---------------------------------------------------------------------------------------------
# ODT


def odt_text(text):
    out = []
    for i, c in enumerate(chunks(text)):
        esc = html.escape(c, quote=False).replace("  ", ' <text:s/>')
        out.append(f'<text:span text:style-name="T{i % 2}">{esc}</text:span>' if i % 2 else esc)
    return "".join(out)


def render_odt(path, paras):
    body = "".join(
        "<text:p>" + "<text:line-break/>".join(odt_text(line) for line in lines) + "</text:p>" for lines in paras
    )
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)


# ---------------------------------------------------------------------------------------------
# PDF


def truetype_font():
    """An embedded TrueType font covering Latin: DejaVu Sans from Debian, else reportlab's Vera."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    import reportlab
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")):
        if os.path.exists(path):
            pdfmetrics.registerFont(TTFont("Body", path))
            return "Body"
    return "Helvetica"


def render_pdf(path, paras, title, lang, two_columns):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
    try:
        import pyphen  # noqa: F401
        hyphenate = two_columns
    except ImportError:
        hyphenate = False
    font = "Helvetica" if two_columns else truetype_font()
    style = ParagraphStyle("body", fontName=font, fontSize=10, leading=12, spaceAfter=6,
                           alignment=4 if two_columns else 0,
                           hyphenationLang=({"fr": "fr_FR", "en": "en_US", "de": "de_DE"}[lang]
                                            if hyphenate else ""),
                           embeddedHyphenation=0)
    width, height = A4
    margin = 56

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(margin, height - 36, f"{title} \u2014 Proceedings of the Example Society")
        canvas.drawCentredString(width / 2, 30, str(doc.page))
        canvas.restoreState()

    body_h = height - 2 * margin
    if two_columns:
        gap = 18
        col = (width - 2 * margin - gap) / 2
        frames = [Frame(margin, margin, col, body_h, id="left"),
                  Frame(margin + col + gap, margin, col, body_h, id="right")]
    else:
        frames = [Frame(margin, margin, width - 2 * margin, body_h, id="body")]
    doc = BaseDocTemplate(path, pagesize=A4, title=title)
    doc.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=furniture)])
    story = [Paragraph("<br/>".join(html.escape(line, quote=False) for line in lines), style) for lines in paras]
    doc.build(story)


# ---------------------------------------------------------------------------------------------
# Aligning and scoring


def render(fmt, src, dst, lang, set_name, doc):
    paras = paragraphs(src)
    title = f"{set_name} {doc}"
    if fmt == "txt":
        shutil.copyfile(src, dst)
    elif fmt == "html":
        open(dst, "w", encoding="utf-8").write(render_html(paras, title, lang))
    elif fmt == "docx":
        render_docx(dst, paras, title)
    elif fmt == "odt":
        render_odt(dst, paras)
    elif fmt == "pdf":
        render_pdf(dst, paras, title, lang, two_columns=(set_name == "baf"))


def doc_key(name):
    return re.sub(r"\.(txt|html|docx|odt|pdf)$", "", os.path.basename(str(name)))


def run(binary, set_dir, set_name, fmt, work):
    import contextlib
    import io
    import score_align
    docs = sorted(d for d in os.listdir(set_dir) if os.path.exists(os.path.join(set_dir, d, "meta.json")))
    langs = json.load(open(os.path.join(set_dir, docs[0], "meta.json")))["languages"]
    dirs = [os.path.join(work, lang) for lang in langs]
    for d in dirs:
        os.makedirs(d)
    try:
        for doc in docs:
            for lang, d in zip(langs, dirs):
                render(fmt, os.path.join(set_dir, doc, lang + ".txt"), os.path.join(d, f"{doc}.{fmt}"),
                       lang, set_name, doc)
    except Exception as e:  # a renderer that cannot run here (reportlab missing …)
        return {"error": f"rendering: {type(e).__name__}: {e}"}
    out = os.path.join(work, "out.jsonl")
    cmd = [binary, "align", dirs[0], dirs[1], "--format", "jsonl", "-o", out]
    if langs[1] != "en":
        cmd += ["--target-lang", langs[1]]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if not os.path.exists(out):
        first = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[0]
        return {"error": first}
    per_doc = {}
    for line in open(out, encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            per_doc.setdefault(doc_key(row.get("doc", "")), []).append(row)
    gold, test = [], []
    for doc in docs:
        pred = os.path.join(work, doc + ".pred.jsonl")
        with open(pred, "w", encoding="utf-8") as fh:
            for row in per_doc.get(doc, []):
                fh.write(json.dumps({langs[0]: row.get(langs[0]) or "", langs[1]: row.get(langs[1]) or ""},
                                    ensure_ascii=False) + "\n")
        gold.append(score_align.read_idx(os.path.join(set_dir, doc, "gold.idx")))
        with contextlib.redirect_stderr(io.StringIO()):  # its per-document "not found" warnings
            test.append(score_align.project(os.path.join(set_dir, doc), pred, langs))
    missing = sum(1 for d in docs if d not in per_doc)
    if missing == len(docs):
        return {"error": (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[0]}
    res = score_align.score_multiple(gold, test)
    res["missing"] = missing
    if proc.returncode != 0:
        res["stderr"] = (proc.stderr.strip().splitlines() or [""])[0]
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/bitext"))
    ap.add_argument("--eval", default=EVAL, help="the shared eval folder (align/ and score_align.py)")
    ap.add_argument("--set", action="append", help="baf, textberg, wmt14 (default: all)")
    ap.add_argument("--format", action="append", choices=FORMATS[1:], help="default: all")
    ap.add_argument("--keep", help="write the renderings here and keep them (default: a temporary folder)")
    a = ap.parse_args()
    sys.path.insert(0, a.eval)
    binary = os.path.abspath(a.bin)
    sets = a.set or ["baf", "textberg", "wmt14"]
    formats = ["txt"] + (a.format or list(FORMATS[1:]))
    base = a.keep or tempfile.mkdtemp(prefix="render-formats-")
    print(f"{'set':9} {'format':6} {'strict F1':>9} {'vs txt':>7}  note")
    failed = False
    try:
        for s in sets:
            plain = None
            for fmt in formats:
                work = os.path.join(base, s, fmt)
                shutil.rmtree(work, ignore_errors=True)
                r = run(binary, os.path.join(a.eval, "align", s), s, fmt, work)
                if "error" in r:
                    failed = True
                    print(f"{s:9} {fmt:6} {'error':>9} {'':>7}  {r['error'][:110]}")
                    continue
                f1 = r["f1_strict"]
                plain = f1 if fmt == "txt" else plain
                diff = f"{f1 - plain:+7.3f}" if plain is not None else ""
                note = []
                if r["missing"]:
                    note.append(f"{r['missing']} docs without output")
                if "stderr" in r:
                    note.append(r["stderr"][:90])
                print(f"{s:9} {fmt:6} {f1:9.3f} {diff:>7}  {'; '.join(note)}", flush=True)
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
