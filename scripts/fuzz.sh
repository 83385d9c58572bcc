#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ one after another (one at a time: each takes a core),
# each for SECONDS (default 600), and prints each one's executions and crashes (a slow input
# libFuzzer saves as `slow-unit-*` is no crash: `-timeout=10` makes a hang one).
#
#   scripts/fuzz.sh            # every target in fuzz/Cargo.toml: 10 minutes each
#   scripts/fuzz.sh 60 tmx     # one target for a minute
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain for its sanitizer
# flags; without one, RUSTC_BOOTSTRAP=1 lets stable build them. Crashes are saved in
# fuzz/artifacts/TARGET/ (replay one with `cargo fuzz run TARGET FILE`); the corpus grows in
# fuzz/corpus/TARGET/, seeded from corpora/ (tmx_read: from fuzz/tmx-seeds/, with the
# dictionary fuzz/tmx.dict). Not part of CI: it takes ten minutes a target.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
# Every [[bin]] of fuzz/Cargo.toml, in its order, unless targets are named.
[[ ${#targets[@]} -gt 0 ]] || mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | tail -n +2)

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi

# Seeds: the sample corpus's documents, and for `align` its pairs as the target reads them
# (a setting byte, the French bytes, 0xFF 0xFF, the English bytes).
seeds=fuzz/seeds
mkdir -p "$seeds/text" "$seeds/pairs"
for fr in corpora/fr/*; do cp "$fr" "$seeds/text/fr-$(basename "$fr")"; done
for en in corpora/en/*; do cp "$en" "$seeds/text/en-$(basename "$en")"; done
for fr in corpora/fr/*; do
  name=$(basename "$fr")
  for setting in '\x00' '\x80'; do
    { printf "$setting"; cat "$fr"; printf '\xff\xff'; cat "corpora/en/$name"; } \
      >"$seeds/pairs/$name.$([[ $setting == '\x00' ]] && echo split || echo presplit)"
  done
done

# For `model`: a model and a stats file, after the byte that chooses the reader (even: a
# model, odd: stats).
mkdir -p "$seeds/model"
settings='{"source_lang":"fr","target_lang":"en","units":"clauses","presplit":false,"dictionary":null}'
printf '\x00{"format":"bitext-model","version":1,"settings":%s,"documents":2,"sample_documents":2,"sample_pairs":2,"sample_complete":false,"links":[[1,2],[3,4],[3,5]]}\n' \
  "$settings" >"$seeds/model/model.json"
printf '\x01{"format":"bitext-stats","version":1,"settings":%s}\n{"doc":"a","pairs":[[[1,2],[3]],[[4],[5,6]]]}\n{"documents":2}\n' \
  "$settings" >"$seeds/model/stats.jsonl"

# The readers' seeds: a few records of each format as bitext writes them, and what breaks them.
mkdir -p "$seeds"/{csv,tsv,jsonl,moses,stream}
printf 'id,doc,fr,en,type,score,status,comment\n1,a,"Il dit\n« oui ».","He said ""yes"".",1-1,0.93,,\n2,a,Non.,,1-0,,reject,\n' >"$seeds/csv/sheet.csv"
printf '\xef\xbb\xbfid;doc;fr;en;type;score;status;comment\r\n1;a;'"'"'=1;x;1-1;0,5;ok;\r\n2;a;"open;y;1-1;1;;\r\n' >"$seeds/csv/excel.csv"
printf 'src_text\ttrg_text\tscore\ttype\tdoc\nOui.\tYes.\t0.9000\t1-1\ta\n"Non.\tNo.\t\t2-1\tb\n' >"$seeds/tsv/c.tsv"
printf '{"doc":"a","fr":"Oui.","en":"Yes.","type":"1-1","score":0.93,"fr_ids":[0],"en_ids":[0]}\n{"doc":"a","fr":"","en":"No.","type":"0-1","score":null,"fr_ids":[],"en_ids":[1]}\n' >"$seeds/jsonl/c.jsonl"
printf 'Oui.\nNon.\r\n\xff\xffYes.\nNo.' >"$seeds/moses/pair"
printf '\x01{"doc":"a","fr":"Le vote.","en":"The vote."}\n\n{"doc":"b","fr":"Un.","fr":"Deux.","en":"x"}\r\n' >"$seeds/stream/s.jsonl"

summary=()
for target in "${targets[@]}"; do
  dict=
  case $target in
    split | normalize) seed=$seeds/text ;;
    align) seed=$seeds/pairs ;;
    tmx_read) seed=fuzz/tmx-seeds dict=fuzz/tmx.dict ;;
    model) seed=$seeds/model ;;
    csv | tsv | jsonl | moses | stream) seed=$seeds/$target ;;
    *) seed= ;;
  esac
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  before=$(find "fuzz/artifacts/$target" -type f ! -name 'slow-unit-*' | wc -l)
  log=fuzz/artifacts/$target.log
  echo "== $target: $seconds s" >&2
  # -timeout: an input taking over 10 s is a hang worth reporting; -rss_limit_mb: memory.
  "${fuzz[@]}" run "$target" "fuzz/corpus/$target" ${seed:+"$seed"} -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    ${dict:+"-dict=$dict"} \
    2>"$log" || true
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "?")
  after=$(find "fuzz/artifacts/$target" -type f ! -name 'slow-unit-*' | wc -l)
  summary+=("$(printf '%-6s %12s executions in %5s s, %d crash(es)' "$target" "$runs" "$secs" $((after - before)))")
done
printf '%s\n' "${summary[@]}"
