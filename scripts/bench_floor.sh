#!/usr/bin/env bash
# Case D of issue 6 against its floor: on ../shared/bench/100k (with paragraphs), the wall time
# of the PyPI `galechurch` package, of bitext, and of `scripts/floor.rs` (the least a
# Gale-Church aligner can do: lengths alone, paragraphs zipped, no normalisation, no
# confidence, two threads), with only the beads written and with the beads' texts, as a
# corpus carries them. Median of RUNS runs each (default 9), the ratios to `galechurch`, and F1.
#
#   scripts/bench_floor.sh
#
# Needs ../shared/bench/ and network access to PyPI for a throw-away virtualenv (or
# PEERS_VENV=path of one that has `galechurch`). BITEXT_BIN=path measures another build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=$root/../shared/bench
runs=${RUNS:-9}

bin=${BITEXT_BIN:-}
if [[ -z $bin ]]; then
  cargo build --release --quiet
  bin=$root/target/release/bitext
fi
work=$(mktemp -d /tmp/bitext-floor.XXXXXX)
trap 'rm -rf "$work"' EXIT
rustc --edition 2024 -O scripts/floor.rs -o "$work/floor"
venv=${PEERS_VENV:-}
if [[ -z $venv ]]; then
  venv=$work/venv
  python3 -m venv "$venv" >&2 && "$venv/bin/pip" install --quiet galechurch >&2
fi
mkdir -p "$work/d/fr" "$work/d/en"
ln -s "$shared/100k.fr" "$work/d/fr/doc.txt"
ln -s "$shared/100k.en" "$work/d/en/doc.txt"

# median NAME CMD...: the median wall time (ms resolution) of `runs` runs of CMD (its output in $work/NAME.out).
median() {
  local name=$1
  shift
  for _ in $(seq "$runs"); do
    local start
    start=$(date +%s%N)
    "$@" >"$work/$name.out"
    echo $((($(date +%s%N) - start) / 1000000))
  done | sort -n | awk '{ t[NR] = $1 } END { printf "%.3f\n", t[int((NR + 1) / 2)] / 1000 }'
}

f1() {
  python3 "$shared/score_bench.py" "$shared/100k.gold" "$shared/100k.gold_kind" "$1" |
    grep -o 'strict_F1=[0-9.]*' | cut -d= -f2
}

gc=$(median galechurch "$venv/bin/python" "$shared/peers/galechurch_wrap.py" "$shared/100k.fr" "$shared/100k.en")
gc_f1=$(f1 "$work/galechurch.out")
ids=$(median ids "$work/floor" "$shared/100k.fr" "$shared/100k.en" "$work/ids.tsv")
ids_f1=$(f1 "$work/ids.tsv")
texts=$(median texts "$work/floor" "$shared/100k.fr" "$shared/100k.en" "$work/texts.tsv" --texts)
cut -f1,2 "$work/texts.tsv" >"$work/texts_ids.tsv"
texts_f1=$(f1 "$work/texts_ids.tsv")
bitext=$(median bitext "$bin" align "$work/d/fr" "$work/d/en" --presplit -f jsonl -o "$work/d.jsonl" -q)
python3 -c '
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        r = json.loads(line)
        out.write(json.dumps(r["fr_ids"]) + "\t" + json.dumps(r["en_ids"]) + "\n")' "$work/d.jsonl" "$work/d.tsv"
bitext_f1=$(f1 "$work/d.tsv")

row() { printf '%-58s %7s %9s %7s\n' "$@"; }
ratio() { python3 -c "import sys; print('%.1fx' % (float(sys.argv[1]) / float(sys.argv[2])))" "$gc" "$1"; }
row "D: ../shared/bench/100k, median of $runs runs" "wall s" "galechurch/" "F1"
row "galechurch (PyPI)" "$gc" "1.0x" "$gc_f1"
row "bitext (JSON Lines: texts, scores; normalised)" "$bitext" "$(ratio "$bitext")" "$bitext_f1"
row "floor: lengths only, beads written" "$ids" "$(ratio "$ids")" "$ids_f1"
row "floor: lengths only, beads and their texts written" "$texts" "$(ratio "$texts")" "$texts_f1"
row "the target: 30x galechurch" "$(python3 -c "print('%.3f' % ($gc / 30))")" "30.0x" ">= $gc_f1"
