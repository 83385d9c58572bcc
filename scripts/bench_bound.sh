#!/usr/bin/env bash
# Issue 25's lower bound: bitext with its lexical evidence taken out (scripts/bound.patch: no
# words or anchors read, no word table, no dictionary; the same two passes and posteriors,
# priced by length, paragraphs and fragments alone), against this build and the floor that
# writes texts (scripts/floor.rs --texts), interleaved, on ../shared/bench/100k as
# scripts/bench_floor.sh runs bitext. Prints the median wall of RUNS runs each (default 9) and
# its multiple of the floor's. The bound does less than any build with this build's output
# must, so no such build can come under its multiple (docs/benchmark.md, "a lower bound").
#
#   scripts/bench_bound.sh
#
# The patch is applied to HEAD in a throw-away worktree, built in a target folder of its own
# (a few minutes). Where it no longer applies, the code it takes out has moved: make it again
# from `best_alignment` and `Read::of` in src/align/mod.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=$root/../shared/bench
runs=${RUNS:-9}

cargo build --release --quiet
work=$(mktemp -d /tmp/bitext-bound.XXXXXX)
trap 'git -C "$root" worktree remove --force "$work/tree" >/dev/null 2>&1; rm -rf "$work"' EXIT
cp target/release/bitext "$work/bitext"
git worktree add --quiet --detach "$work/tree" HEAD
git -C "$work/tree" apply "$root/scripts/bound.patch"
RUSTFLAGS="-A dead_code" CARGO_TARGET_DIR=$work/target cargo build --release --quiet --manifest-path "$work/tree/Cargo.toml"
cp "$work/target/release/bitext" "$work/bound"
rustc --edition 2024 -O scripts/floor.rs -o "$work/floor"
mkdir -p "$work/d/fr" "$work/d/en"
ln -s "$shared/100k.fr" "$work/d/fr/doc.txt"
ln -s "$shared/100k.en" "$work/d/en/doc.txt"

# One run of NAME, and its wall time in ms.
run() {
  local start
  start=$(date +%s%N)
  case $1 in
    floor) "$work/floor" "$shared/100k.fr" "$shared/100k.en" "$work/floor.tsv" --texts ;;
    *) "$work/$1" align "$work/d/fr" "$work/d/en" --presplit -f jsonl -o "$work/$1.jsonl" -q ;;
  esac
  echo "$1 $((($(date +%s%N) - start) / 1000000))"
}

for _ in $(seq "$runs"); do
  run bitext
  run bound
  run floor
done | python3 -c '
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in sys.stdin:
    name, ms = line.split()
    runs[name].append(int(ms))
floor = statistics.median(runs["floor"])
labels = {
    "bitext": "bitext (this build)",
    "bound": "the bound: this build without lexical evidence",
    "floor": "the floor that writes texts",
}
title = "../shared/bench/100k, interleaved, median of %d runs" % len(runs["floor"])
print("%-58s %8s %8s" % (title, "wall ms", "x floor"))
for name, label in labels.items():
    median = statistics.median(runs[name])
    print("%-58s %8.0f %7.1fx" % (label, median, median / floor))
'
