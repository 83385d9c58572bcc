#!/bin/bash
# How far could lexical knowledge carry bitext on a gold set? A ceiling, not a model: IBM Model 1
# (scripts/ibm1_lexicon.py) is trained on the set's own gold beads, the most a lexicon learned
# from that text could know, and given to `bitext align --dictionary`; the set is then scored by
# ../shared/eval/align_eval.py as usual. Nothing it makes is kept or shipped: the lexicon lives in
# a temporary folder, and the figures only bound what a self-learned or shipped lexicon can add
# (docs/alignment.md, "What a lexicon could add").
#
#   scripts/lexicon_ceiling.sh [BIN] [SET] [THRESHOLD...]
#
# BIN defaults to target/release/bitext, SET to textberg, the thresholds (t(e|f) and t(f|e) both
# at least this) to 0.3 0.1 0.05 0.02. Prints a line without a lexicon, then one per threshold:
# the lexicon's pairs, strict F1 with gold sentences and end to end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-target/release/bitext}")
set_name=${2:-textberg}
shift $(( $# < 2 ? $# : 2 ))
thresholds=("${@:-0.3 0.1 0.05 0.02}")
eval_dir="$here/../../shared/eval"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

lang2=$(python3 -c 'import json,sys,glob; print(json.load(open(sorted(glob.glob(sys.argv[1]+"/*/meta.json"))[0]))["languages"][1])' "$eval_dir/align/$set_name")
# The gold beads with text on both sides, as a run's confident 1-1 records.
python3 - "$eval_dir/align/$set_name" "$lang2" > "$work/gold_run.jsonl" <<'EOF'
import glob, json, sys
for path in sorted(glob.glob(sys.argv[1] + "/*/gold.jsonl")):
    for line in open(path, encoding="utf-8"):
        bead = json.loads(line)
        fr, l2 = bead["fr"], bead[sys.argv[2]]
        if fr and l2:
            print(json.dumps({"fr": fr, sys.argv[2]: l2, "type": "1-1", "score": 1.0}, ensure_ascii=False))
EOF

f1() { python3 "$eval_dir/align_eval.py" --bin "$work/with_lexicon" --set "$set_name" "$@" --json |
  python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)[sys.argv[1]]["f1_strict"])' "$set_name"; }

printf 'threshold\tpairs\tgold sentences\tend to end\n'
printf '#!/bin/sh\nexec "%s" "$@"\n' "$bin" > "$work/with_lexicon"
chmod +x "$work/with_lexicon"
printf 'none\t0\t%s\t%s\n' "$(f1 --presplit)" "$(f1)"
for t in ${thresholds[@]}; do
  python3 "$here/ibm1_lexicon.py" "$work/gold_run.jsonl" fr "$lang2" "$t" > "$work/lexicon.dic" 2>/dev/null
  printf '#!/bin/sh\nexec "%s" "$@" --dictionary "%s"\n' "$bin" "$work/lexicon.dic" > "$work/with_lexicon"
  chmod +x "$work/with_lexicon"
  printf '%s\t%s\t%s\t%s\n' "$t" "$(wc -l < "$work/lexicon.dic")" "$(f1 --presplit)" "$(f1)"
done
