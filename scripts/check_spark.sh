#!/usr/bin/env bash
# The cluster flow in Spark local mode, checked against the single-process run byte for byte.
#
#   scripts/check_spark.sh BITEXT [--docs N --sentences M] [--partitions P]
#
# Packs the sample corpus (or N synthetic document pairs from gen_corpus.py) into JSON Lines,
# cuts it into three shard files, runs scripts/spark_align.py on them in local[2] and compares
# the part files (at least P partitions), concatenated, with `bitext align FR EN` on the folders (both with --explain,
# so every cost term must match too). Prints both runs' wall time and throughput.
# PYTHON names an interpreter with pyspark (default python3); Java must be on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
bitext=$(realpath "$1")
shift
docs=0 sentences=100 partitions=3
while [[ $# -gt 0 ]]; do
  case $1 in
    --docs) docs=$2; shift 2 ;;
    --sentences) sentences=$2; shift 2 ;;
    --partitions) partitions=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ $docs -gt 0 ]]; then
  python3 scripts/gen_corpus.py "$work/gen" --docs "$docs" --sentences "$sentences" >/dev/null
  fr=$work/gen/fr en=$work/gen/en
else
  fr=corpora/fr en=corpora/en
fi
"$bitext" pack "$fr" "$en" -o "$work/docs.jsonl"
mkdir "$work/in"
split -n l/3 -d --additional-suffix=.jsonl "$work/docs.jsonl" "$work/in/shard-"
pairs=$(wc -l <"$work/docs.jsonl")

seconds() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }

start=$(seconds)
"$bitext" align "$fr" "$en" --format jsonl --explain --quiet -o "$work/folder.jsonl"
single=$(seconds)
"$python" scripts/spark_align.py "$work/in" "$work/out" --bitext "$bitext" \
  --master 'local[2]' --partitions "$partitions" --align-arg=--explain 2>"$work/spark.log" || { cat "$work/spark.log" >&2; exit 1; }
spark=$(seconds)
cat "$work/out"/part-* >"$work/spark.jsonl"
grep '^spark_align:' "$work/spark.log" || true

beads=$(wc -l <"$work/folder.jsonl")
printf 'single process (all cores): %d document pairs, %d beads in %.2f s: %s documents/s\n' \
  "$pairs" "$beads" "$(awk -v a="$start" -v b="$single" 'BEGIN { print b - a }')" \
  "$(rate "$pairs" "$start" "$single")"
printf 'spark local[2] (JVM start included): %d document pairs in %.2f s: %s documents/s\n' \
  "$pairs" "$(awk -v a="$single" -v b="$spark" 'BEGIN { print b - a }')" \
  "$(rate "$pairs" "$single" "$spark")"
if cmp "$work/folder.jsonl" "$work/spark.jsonl"; then
  echo "spark output = single-process output: $beads beads, byte for byte ($(sha256sum <"$work/spark.jsonl" | cut -c1-16))"
else
  echo "spark output differs from the single-process run" >&2
  exit 1
fi
