"""Text as a poor OCR reads it, for the data the document score and the bead scores are fitted
on (scripts/fit_doc_score.py, scripts/calibration_data.py): scanned books, whose anchors often
fail to match, are what our clean sample corpus is not."""

LOOKS = {'e': 'c', 'c': 'e', 'l': '1', 'i': 'l', 'o': '0', 'n': 'u', 'u': 'n', 'm': 'rn', 'h': 'b',
         'é': 'e', 'è': 'e', 'a': 'o'}


def garble(text, rng, rate, line_breaks=True):
    """`text` with, at `rate` per letter, a letter confused with a look-alike, dropped, or a word
    cut by a space or (with `line_breaks`) an end-of-line hyphen; without, by a space only, so
    that a sentence stays on its line."""
    out = []
    for ch in text:
        r = rng.random()
        if not ch.isalpha() or r >= rate:
            out.append(ch)
        elif r < rate * 0.5:
            out.append(LOOKS.get(ch.lower(), ch))
        elif r < rate * 0.7:
            pass
        elif r < rate * 0.85 or not line_breaks:
            out.append(ch + ' ')
        else:
            out.append(ch + '-\n')
    return ''.join(out)
