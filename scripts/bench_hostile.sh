#!/usr/bin/env bash
# The bounded-work cases of issue 18: inputs that used to make the aligner take minutes and
# gigabytes. Generates them, runs `bitext align` on each, and prints wall time, peak memory and
# exit code; with two binaries, both in the same run (the machine is noisy: compare ratios).
#
#   scripts/bench_hostile.sh                    # this checkout's release build
#   scripts/bench_hostile.sh OLD_BIN NEW_BIN    # two builds side by side
#
# The cases:
#   xml    a synthetic 2.2 MB XML configuration file (40,000 short near-identical lines,
#          `<property name="..." value="..."/>`, in four sections between blank lines)
#          aligned with itself
#   lines  a 55,000-unit document of near-identical lines (presplit, a blank line every
#          15,000) aligned with itself
#   model  a model file of 400,000 links that all point at one English word, used with
#          `--model` on a 2,000-sentence document holding that word in every sentence
#   mime   /usr/share/mime/packages/freedesktop.org.xml aligned with itself, if present (a real
#          XML file of 2.4 MB)
#   anchors one French sentence of 500,000 numbers against 500,000 short English lines (the
#          build before 3c142c9 asked for 31 GB of bit sets and aborted: exit 134); refused as
#          not a translation, exit 1
# Each run has a time limit (BENCH_TIMEOUT seconds, default 600) and a limit of address space
# (BENCH_MEMORY_MB, default 6144: the old build took over 8 GB on `model`, on a shared machine);
# a run past it fails (an allocation fails: exit 134).
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${BENCH_TIMEOUT:-600}
memory=${BENCH_MEMORY_MB:-6144}

if [[ $# -ge 1 ]]; then
  bins=("$@")
else
  cargo build --release --quiet
  bins=("$(pwd)/target/release/bitext")
fi
work=$(mktemp -d /tmp/bitext-hostile.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, os, sys

work = sys.argv[1]

def pair(name, text, ext="txt"):
    for side in ("fr", "en"):
        os.makedirs(f"{work}/{name}/{side}", exist_ok=True)
        with open(f"{work}/{name}/{side}/doc.{ext}", "w", encoding="utf-8") as f:
            f.write(text)

# xml: what a build or application configuration looks like; few distinct words, numbers
# that repeat, every line the same length give or take a few characters.
lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<configuration>"]
values = ["true", "false", "0", "1", "30", "default", "none", "/var/lib/app"]
for i in range(40000):
    lines.append(
        f'  <property name="app.module{i % 37}.setting{i % 101}" value="{values[i % 8]}"/>'
    )
    if i % 10000 == 9999:
        lines.append("")  # sections: a few long paragraphs
lines.append("</configuration>")
pair("xml", "\n".join(lines) + "\n", "xml")

# lines: a log-like list of 55,000 lines, five variants.
variants = [
    "Connexion acceptée.",
    "Connexion refusée.",
    "Délai dépassé.",
    "Connexion acceptée !",
    "Session fermée.",
]
log = [variants[(i * 7) % 5] for i in range(55000)]
for i in (15000, 30000, 45000):
    log[i] = ""  # a few long paragraphs
pair("lines", "\n".join(log) + "\n")

# model: 400,000 links whose target is one word ("the"), and a document pair using it.
def fnv(word):
    h = 0x811C9DC5
    for b in word.lower().encode():
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h

the = fnv("the")
links = sorted((fnv(f"mot{k}"), the) for k in range(400000))
model = {
    "format": "bitext-model",
    "version": 1,
    "settings": {
        "source_lang": "fr",
        "target_lang": "en",
        "units": "clauses",
        "presplit": False,
        "dictionary": None,
    },
    "documents": 2,
    "sample_documents": 2,
    "sample_pairs": 400000,
    "sample_complete": True,
    "links": links,
}
with open(f"{work}/model.json", "w") as f:
    json.dump(model, f)
fr = "\n\n".join(f"Le mot{k} et le mot{k + 1} sont la phrase {k}." for k in range(2000))
en = "\n\n".join(f"The word {k} and the word {k + 1} are sentence {k}." for k in range(2000))
for side, text in (("fr", fr), ("en", en)):
    os.makedirs(f"{work}/model/{side}", exist_ok=True)
    with open(f"{work}/model/{side}/doc.txt", "w", encoding="utf-8") as f:
        f.write(text + "\n")

# anchors: a 4.7 MB line of numbers against half a million lines that hold one each.
os.makedirs(f"{work}/anchors/fr", exist_ok=True)
os.makedirs(f"{work}/anchors/en", exist_ok=True)
with open(f"{work}/anchors/fr/doc.txt", "w", encoding="utf-8") as f:
    f.write("Les numéros : " + ", ".join(str(k) for k in range(500000)) + ".\n")
with open(f"{work}/anchors/en/doc.txt", "w", encoding="utf-8") as f:
    f.write("".join(f"Item {k} is here.\n" for k in range(500000)))
PY
if [[ -f /usr/share/mime/packages/freedesktop.org.xml ]]; then
  for side in fr en; do
    mkdir -p "$work/mime/$side"
    cp /usr/share/mime/packages/freedesktop.org.xml "$work/mime/$side/doc.xml"
  done
fi

# run BIN CASE EXTRA...: one align run; prints "wall_s peak_MB exit".
run() {
  local bin=$1 case=$2
  shift 2
  local code=0
  # Each case is one text on both sides: a build with the language check would refuse it.
  if "$bin" align --help | grep -q -- --no-language-check; then
    set -- "$@" --no-language-check
  fi
  (
    ulimit -v $((memory * 1024))
    exec timeout "$limit" /usr/bin/time -f "%e %M" -o "$work/time" \
      "$bin" align "$work/$case/fr" "$work/$case/en" -o "$work/out.jsonl" -q "$@"
  ) >/dev/null 2>"$work/err" || code=$?
  if [[ $code == 124 ]]; then
    echo "timeout(${limit}s) - $code"
  else
    read -r wall kb < <(tail -1 "$work/time")
    echo "$wall $((kb / 1024)) $code"
  fi
}

printf '%-8s %-40s %10s %10s %5s\n' case binary wall_s peak_MB exit
for case in xml lines model mime anchors; do
  [[ -d $work/$case ]] || continue
  extra=()
  [[ $case == lines || $case == anchors ]] && extra=(--presplit)
  [[ $case == model ]] && extra=(--model "$work/model.json")
  for bin in "${bins[@]}"; do
    read -r wall mb code < <(run "$bin" "$case" "${extra[@]}")
    printf '%-8s %-40s %10s %10s %5s\n' "$case" "$bin" "$wall" "$mb" "$code"
  done
done
