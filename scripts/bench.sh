#!/usr/bin/env bash
# The speed benchmark of issue 6: builds release, generates the inputs, runs bitext and the
# Python Gale-Church packages on them, and prints a table of wall time, peak memory, sentence
# pairs per second and accuracy, with the targets beside the figures.
#
#   scripts/bench.sh            # the full sizes (about half an hour on 2 cores)
#   scripts/bench.sh --quick    # a tenth of the sizes, to try a change
#
# Needs ../shared/bench/ beside the repository (real text with gold beads) and network access
# to PyPI for the peers' throw-away virtualenv; a peer that cannot be installed is reported as
# such. Each run has a time limit (BENCH_TIMEOUT seconds, default 900). Figures to quote are
# the ratios, measured in the same run: this machine is noisy. BITEXT_BIN=path measures another
# build (a copy of an earlier one, say).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=$root/../shared/bench

docs=1000 sentences=1000 flat=1000000 copies=10
if [[ ${1:-} == --quick ]]; then
  docs=100 flat=100000 copies=2
fi
limit=${BENCH_TIMEOUT:-900}

# BITEXT_BIN: measure that binary instead of building this checkout's.
bin=${BITEXT_BIN:-}
if [[ -z $bin ]]; then
  cargo build --release --quiet
  bin=$root/target/release/bitext
fi
work=$(mktemp -d /tmp/bitext-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "generating: $docs documents x $sentences sentences; one flat document of $flat sentences" >&2
python3 scripts/gen_corpus.py "$work/many" --docs "$docs" --sentences "$sentences" --seed 1 >&2
python3 scripts/gen_corpus.py "$work/flat" --docs 1 --sentences "$flat" --flat --presplit --seed 2 >&2
python3 scripts/gen_corpus.py "$work/flat10" --docs 1 --sentences "$((flat / 10))" --flat --presplit --seed 2 >&2

# measure NAME CMD...: runs CMD under /usr/bin/time with the time limit; prints "wall_s max_kb".
measure() {
  local name=$1
  shift
  if timeout "$limit" /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" \
    >"$work/$name.out" 2>"$work/$name.err"; then
    cat "$work/$name.time"
  else
    echo "timeout/failed -"
  fi
}

# A folder pair of the bench's single files, for `bitext align FR_DIR EN_DIR`.
pair_dir() {
  local name=$1 fr=$2 en=$3
  mkdir -p "$work/$name/fr" "$work/$name/en"
  ln -sf "$fr" "$work/$name/fr/doc.txt"
  ln -sf "$en" "$work/$name/en/doc.txt"
}

# F1 of bitext's JSONL against the generator's gold (strict, vecalign's counting).
score_generated() {
  python3 - "$1" "$2" <<'PY'
import ast, json, os, sys
out, gold_dir = sys.argv[1], sys.argv[2]
pred = {}
for line in open(out, encoding="utf-8"):
    r = json.loads(line)
    pred.setdefault(r["doc"], set()).add((tuple(r["fr_ids"]), tuple(r["en_ids"])))
# Precision counts every predicted bead; recall only gold beads with both sides.
tp = tp_pairs = npred = ngold = 0
for name in os.listdir(gold_dir):
    doc = name[:-5]
    gold = set()
    for line in open(os.path.join(gold_dir, name)):
        a, b = line.rstrip("\n").split("\t")
        gold.add((tuple(ast.literal_eval(a)), tuple(ast.literal_eval(b))))
    p = pred.get(doc, set())
    tp += len(p & gold)
    tp_pairs += sum(1 for g in p & gold if g[0] and g[1])
    npred += len(p)
    ngold += sum(1 for g in gold if g[0] and g[1])
prec, rec = tp / max(npred, 1), tp_pairs / max(ngold, 1)
print("%.4f" % (2 * prec * rec / max(prec + rec, 1e-9)))
PY
}

# F1 of a `[fr]<TAB>[en]` prediction against ../shared/bench gold.
score_bench() {
  python3 "$shared/score_bench.py" "$1" "$2" "$3" | grep -o 'strict_F1=[0-9.]*' | cut -d= -f2
}

jsonl_to_tsv() {
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(json.dumps(r["fr_ids"]) + "\t" + json.dumps(r["en_ids"]))' "$1"
}

rows=()
row() { rows+=("$(printf '%-44s %9s %9s %12s %7s  %s' "$@")"); }

echo "case A: $docs documents, split + align + TMX, --jobs 1 and 2" >&2
read -r a1_wall a1_kb < <(measure a1 "$bin" align "$work/many/fr" "$work/many/en" -o "$work/a1.tmx" -q -j 1)
read -r a2_wall a2_kb < <(measure a2 "$bin" align "$work/many/fr" "$work/many/en" -o "$work/a2.tmx" -q -j 2)
pairs=$(grep -c '<tu ' "$work/a2.tmx" || true)
"$bin" align "$work/many/fr" "$work/many/en" -o "$work/a.jsonl" -q
a_f1=$(score_generated "$work/a.jsonl" "$work/many/gold")
same=$(cmp -s "$work/a1.tmx" "$work/a2.tmx" && echo "identical" || echo "DIFFER")

echo "case B: ../shared/bench 100k.flat and 10k.flat, --presplit" >&2
pair_dir b100 "$shared/100k.flat.fr" "$shared/100k.flat.en"
pair_dir b10 "$shared/10k.flat.fr" "$shared/10k.flat.en"
read -r b_wall b_kb < <(measure b100 "$bin" align "$work/b100/fr" "$work/b100/en" --presplit -f jsonl -o "$work/b100.jsonl" -q)
jsonl_to_tsv "$work/b100.jsonl" >"$work/b100.tsv"
b_f1=$(score_bench "$shared/100k.gold" "$shared/100k.gold_kind" "$work/b100.tsv")
read -r b10_wall b10_kb < <(measure b10 "$bin" align "$work/b10/fr" "$work/b10/en" --presplit -f jsonl -o "$work/b10.jsonl" -q)
jsonl_to_tsv "$work/b10.jsonl" >"$work/b10.tsv"
b10_f1=$(score_bench "$shared/10k.gold" "$shared/10k.gold_kind" "$work/b10.tsv")

echo "case C: 100k.flat $copies times over in one document; a generated flat document of $flat sentences and one of a tenth" >&2
# The same text as case B, so that memory against B's measures linearity. Each copy starts at
# another gold bead (copy k a k-th of the way in): verbatim copies one after the other would
# be a text whose coarse blocks all look alike (see the note of issue 6). Gold: the bench's
# beads, renumbered.
mkdir -p "$work/c/fr" "$work/c/en"
python3 - "$shared" "$copies" "$work/c" <<'PY'
import ast, sys
shared, copies, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
fr = open(shared + "/100k.flat.fr", encoding="utf-8").read().splitlines()
en = open(shared + "/100k.flat.en", encoding="utf-8").read().splitlines()
beads = [[ast.literal_eval(x) for x in line.rstrip("\n").split("\t")] for line in open(shared + "/100k.gold")]
kinds = open(shared + "/100k.gold_kind").read().splitlines()
files = [open(out + name, "w", encoding="utf-8") for name in ("/fr/doc.txt", "/en/doc.txt", "/gold", "/gold_kind")]
nf = ne = 0
for c in range(copies):
    start = c * len(beads) // copies
    for (f, e), kind in zip(beads[start:] + beads[:start], kinds[start:] + kinds[:start]):
        files[0].writelines(fr[i] + "\n" for i in f)
        files[1].writelines(en[j] + "\n" for j in e)
        files[2].write(str(list(range(nf, nf + len(f)))) + "\t" + str(list(range(ne, ne + len(e)))) + "\n")
        files[3].write(kind + "\n")
        nf, ne = nf + len(f), ne + len(e)
for f in files:
    f.close()
PY
# About 80 MB a side: over the default --max-doc-bytes (64 MiB), which is for web documents.
read -r c_wall c_kb < <(measure c "$bin" align "$work/c/fr" "$work/c/en" --presplit -f jsonl -o "$work/c.jsonl" -q --max-doc-bytes 1G)
c_f1=-
if [[ -s $work/c.jsonl ]]; then
  jsonl_to_tsv "$work/c.jsonl" >"$work/c.tsv"
  c_f1=$(score_bench "$work/c/gold" "$work/c/gold_kind" "$work/c.tsv")
fi
# Generated sentences are longer (about 200 bytes against the bench's 80): their memory is
# compared with the generator's own document of a tenth the length.
read -r g_wall g_kb < <(measure g "$bin" align "$work/flat/fr" "$work/flat/en" --presplit -f jsonl -o "$work/g.jsonl" -q --max-doc-bytes 1G)
g_f1=$( [[ -s $work/g.jsonl ]] && score_generated "$work/g.jsonl" "$work/flat/gold" || echo -)
read -r g10_wall g10_kb < <(measure g10 "$bin" align "$work/flat10/fr" "$work/flat10/en" --presplit -f jsonl -o "$work/g10.jsonl" -q)
g10_f1=$( [[ -s $work/g10.jsonl ]] && score_generated "$work/g10.jsonl" "$work/flat10/gold" || echo -)

echo "case D: ../shared/bench 100k with paragraphs: bitext, galechurch, nltk" >&2
pair_dir d "$shared/100k.fr" "$shared/100k.en"
read -r d_wall d_kb < <(measure d "$bin" align "$work/d/fr" "$work/d/en" --presplit -f jsonl -o "$work/d.jsonl" -q)
jsonl_to_tsv "$work/d.jsonl" >"$work/d.tsv"
d_f1=$(score_bench "$shared/100k.gold" "$shared/100k.gold_kind" "$work/d.tsv")
peers=ok
python3 -m venv "$work/venv" >&2 && "$work/venv/bin/pip" install --quiet galechurch nltk >&2 || peers=missing
for peer in galechurch nltk; do
  script=$shared/peers/$([[ $peer == galechurch ]] && echo galechurch_wrap.py || echo nltk_gc.py)
  if [[ $peers == ok ]]; then
    read -r wall kb < <(measure "$peer" "$work/venv/bin/python" "$script" "$shared/100k.fr" "$shared/100k.en")
    f1=$( [[ $wall != timeout* ]] && score_bench "$shared/100k.gold" "$shared/100k.gold_kind" "$work/$peer.out" || echo -)
  else
    wall="not installed" kb=- f1=-
  fi
  declare "${peer}_wall=$wall" "${peer}_kb=$kb" "${peer}_f1=$f1"
done

ratio() { python3 -c "import sys; a,b=sys.argv[1:]; print('%.1fx' % (float(a)/float(b)) if a.replace('.','').isdigit() and b.replace('.','').isdigit() and float(b)>0 else '-')" "$1" "$2"; }
per_s() { python3 -c "import sys; p,w=sys.argv[1:]; print('%.0f' % (float(p)/float(w)) if w.replace('.','').isdigit() else '-')" "$1" "$2"; }
mb() { [[ $1 == - ]] && echo - || echo "$(( $1 / 1024 )) MB"; }

row "case" "wall s" "peak" "pairs/s" "F1" "target"
row "A: $docs docs x $sentences, split+align+TMX, -j1" "$a1_wall" "$(mb "$a1_kb")" "$(per_s "$pairs" "$a1_wall")" "$a_f1" ""
row "A: the same, -j2" "$a2_wall" "$(mb "$a2_kb")" "$(per_s "$pairs" "$a2_wall")" "$a_f1" "<= 10 s, >= 100k pairs/s (1000 docs)"
row "A: -j2 speed-up over -j1 (output $same)" "$(ratio "$a1_wall" "$a2_wall")" "" "" "" ">= 1.7x"
row "B: 100k.flat, --presplit" "$b_wall" "$(mb "$b_kb")" "$(per_s 100000 "$b_wall")" "$b_f1" "<= 3 s, <= 300 MB"
row "B: 10k.flat, --presplit (hunalign .988)" "$b10_wall" "$(mb "$b10_kb")" "$(per_s 10000 "$b10_wall")" "$b10_f1" "F1 >= .988"
row "C: 100k.flat x $copies, --presplit" "$c_wall" "$(mb "$c_kb")" "$(per_s "$((copies * 100000))" "$c_wall")" "$c_f1" "completes, <= 10x B's memory"
row "C: generated, $((flat / 10)) sentences flat" "$g10_wall" "$(mb "$g10_kb")" "$(per_s "$((flat / 10))" "$g10_wall")" "$g10_f1" ""
row "C: generated, $flat sentences flat" "$g_wall" "$(mb "$g_kb")" "$(per_s "$flat" "$g_wall")" "$g_f1" "completes"
row "D: 100k with paragraphs: bitext" "$d_wall" "$(mb "$d_kb")" "$(per_s 100000 "$d_wall")" "$d_f1" ""
row "D: galechurch (PyPI)" "$galechurch_wall" "$(mb "$galechurch_kb")" "$(per_s 100000 "$galechurch_wall")" "$galechurch_f1" ""
row "D: nltk gale_church" "$nltk_wall" "$(mb "$nltk_kb")" "$(per_s 100000 "$nltk_wall")" "$nltk_f1" ""
row "D: bitext speed-up over galechurch" "$(ratio "$galechurch_wall" "$d_wall")" "" "" "" ">= 30x, F1 >= theirs"
row "D: bitext speed-up over nltk" "$(ratio "$nltk_wall" "$d_wall")" "" "" "" ">= 30x, F1 >= theirs"
row "C: memory over B's (same text, x $copies)" "$(ratio "$c_kb" "$b_kb")" "" "" "" "<= 10x"
row "C: generated, memory over a tenth's" "$(ratio "$g_kb" "$g10_kb")" "" "" "" "(linear: about 10x)"
printf '%s\n' "${rows[@]}"
