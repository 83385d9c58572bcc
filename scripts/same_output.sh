#!/usr/bin/env bash
# Writes what one build prints on corpora/, every shared gold set and the bench into a folder,
# so that two builds can be compared byte for byte (a refactoring must not change the output):
#
#   scripts/same_output.sh OLD_BIN /tmp/old && scripts/same_output.sh NEW_BIN /tmp/new
#   diff -r /tmp/old /tmp/new && echo same
#
# Add --quick to leave out the bench's 100k files. stderr.txt keeps the messages, with the
# temporary folders written WORK and OUT so that they compare too.
# Needs ../shared/ beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
out=$2
quick=${3:-}
shared=$(realpath ../shared)
mkdir -p "$out"
# A folder used before keeps no old messages: stderr.txt is appended to below.
: >"$out/stderr.txt"
work=$(mktemp -d /tmp/bitext-same.XXXXXX)
trap 'rm -rf "$work"' EXIT

# plain CMD...: runs the build, its messages and a failing exit kept in stderr.txt; run adds -q.
plain() { "$bin" "$@" 2>>"$out/stderr.txt" || echo "exit $? from: ${*}" >>"$out/stderr.txt"; }
run() { plain "$@" -q; }

# corpora/: every output format, --explain, a learned model and a stream of its pairs.
for format in jsonl tmx csv tsv moses html; do
  run align corpora/fr corpora/en -f "$format" -o "$out/corpora.$format" --keep-unaligned
done
run align corpora/fr corpora/en -f jsonl --explain -o "$out/corpora.explain.jsonl"
run align corpora/fr corpora/en -f jsonl --units sentences -o "$out/corpora.sentences.jsonl"
run align corpora/fr corpora/en -f jsonl --learn document -o "$out/corpora.learn-document.jsonl"
run learn corpora/fr corpora/en -o "$out/corpora.model.json"
"$bin" pack corpora/fr corpora/en >"$work/corpora.pack.jsonl" 2>>"$out/stderr.txt"
run align --stdin --explain --model "$out/corpora.model.json" -o "$out/corpora.stream.jsonl" \
  <"$work/corpora.pack.jsonl"
run convert "$out/corpora.jsonl" -o "$out/corpora.converted.tmx"
plain stats "$out/corpora.jsonl" >"$out/corpora.stats.txt"

# The gold sets of ../shared/eval/align, end to end and on the gold sentences, as align_eval.py
# runs them; wmt14 also deranged (document i's source with document i+1's target).
for set_dir in "$shared"/eval/align/*/; do
  set=$(basename "$set_dir")
  lang=en
  [[ $set == textberg ]] && lang=de
  for ext in txt sents; do
    pair=$work/$set.$ext
    mkdir -p "$pair/fr" "$pair/$lang"
    for doc in "$set_dir"*/; do
      name=$(basename "$doc")
      ln -s "$doc/fr.$ext" "$pair/fr/$name.txt"
      ln -s "$doc/$lang.$ext" "$pair/$lang/$name.txt"
    done
    presplit=()
    [[ $ext == sents ]] && presplit=(--presplit)
    run align "$pair/fr" "$pair/$lang" --target-lang "$lang" "${presplit[@]}" --explain \
      -f jsonl -o "$out/$set.$ext.jsonl"
  done
done
deranged=$work/wmt14.deranged
mkdir -p "$deranged/fr" "$deranged/en"
docs=("$shared"/eval/align/wmt14/*/)
for i in "${!docs[@]}"; do
  next=${docs[$(((i + 1) % ${#docs[@]}))]}
  ln -s "${docs[$i]}/fr.txt" "$deranged/fr/$i.txt"
  ln -s "$next/en.txt" "$deranged/en/$i.txt"
done
run align "$deranged/fr" "$deranged/en" -f jsonl --explain -o "$out/wmt14.deranged.jsonl"

# The sentence splitter on the split sets.
for text in "$shared"/eval/split/*.txt; do
  set=$(basename "$text" .txt)
  plain split --lang "${set%%_*}" "$text" >"$out/split.$set.txt"
done

# The bench: with paragraphs and flat, presplit, as scripts/bench.sh runs it.
sizes=(10k)
[[ $quick == --quick ]] || sizes+=(100k)
for size in "${sizes[@]}"; do
  for kind in "" .flat; do
    pair=$work/bench.$size$kind
    mkdir -p "$pair/fr" "$pair/en"
    ln -s "$shared/bench/$size$kind.fr" "$pair/fr/doc.txt"
    ln -s "$shared/bench/$size$kind.en" "$pair/en/doc.txt"
    run align "$pair/fr" "$pair/en" --presplit -f jsonl -o "$out/bench.$size$kind.jsonl"
  done
done
sed -i "s|$work|WORK|g; s|$out|OUT|g" "$out/stderr.txt"
ls "$out" | wc -l | xargs echo "files written to $out:"
