#!/usr/bin/env bash
# scripts/spark_align.py in Spark local mode, checked against the folder run.
#
#   scripts/check_spark.sh BITEXT [--docs N --sentences M] [--partitions P]
#
# Generates N document pairs (gen_corpus.py; default 200 of 200 sentences), packs them into
# JSON Lines with a provenance column (`url`), one bad record (an empty side, named
# `../escape`) and one named as the record before it with another url (refused: the pairs
# could not be told apart), cut into three files, and checks:
#   1. Parquet output, P partitions (default 32) under spark.driver.maxResultSize=1m, in
#      local[2,2] (one retry) with partition 5's first attempt killed: the same pairs per
#      document, in order, as `bitext align FR EN`, each row with its document's url; the
#      rejects dataset names the bad record (and nothing is written outside the output);
#   2. JSON Lines output, a job killed for good at partition 2P/3, then rerun with --resume:
#      the killed job kept finished partitions, the rerun skips them, and the pairs files in
#      partition order are the folder run's output byte for byte (with --explain, every cost
#      term), once the url key is taken off;
#   3. Parquet input (row groups of 5 rows), a model from `bitext learn FR EN` (--model), tsv
#      output: the pairs files in partition order are the folder run's tsv byte for byte.
# Prints the runs' wall times. PYTHON names an interpreter with pyspark and pyarrow (default
# python3), passed on to the executors as PYSPARK_PYTHON; Java must be on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
bitext=$(realpath "$1")
shift
docs=200 sentences=200 partitions=32
while [[ $# -gt 0 ]]; do
  case $1 in
    --docs) docs=$2; shift 2 ;;
    --sentences) sentences=$2; shift 2 ;;
    --partitions) partitions=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
python=${PYTHON:-python3}
export PYSPARK_PYTHON=$python
command -v java >/dev/null || { echo "check_spark: no java on the PATH" >&2; exit 1; }
"$python" -c 'import pyspark, pyarrow' || { echo "check_spark: $python lacks pyspark or pyarrow" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 scripts/gen_corpus.py "$work/gen" --docs "$docs" --sentences "$sentences" >/dev/null
"$bitext" pack "$work/gen/fr" "$work/gen/en" -o "$work/docs.jsonl"
# Each record gets a url; a bad record goes in the middle.
python3 - "$work/docs.jsonl" "$work/all.jsonl" <<'EOF'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, line in enumerate(lines):
        record = json.loads(line)
        record["url"] = "https://example.org/" + record["doc"]
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        if i == 10:  # the same name again in its partition, with another url: refused
            again = dict(record, url="https://example.org/again")
            out.write(json.dumps(again, ensure_ascii=False) + "\n")
        if i == len(lines) // 2:
            bad = {"doc": "../escape", "fr": "Un texte.", "en": " ", "url": "https://example.org/bad"}
            out.write(json.dumps(bad) + "\n")
EOF
mkdir "$work/in"
split -n l/3 -d --additional-suffix=.jsonl "$work/all.jsonl" "$work/in/shard-"
pairs=$(wc -l <"$work/docs.jsonl")

seconds() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }'; }
spark() {  # OUT LOG [ARG…]: runs spark_align.py on the shards; prints its exit code
  local out=$1 log=$2
  shift 2
  set +e
  "$python" scripts/spark_align.py "$work/in" "$out" --bitext "$bitext" --master 'local[2,2]' \
    --partitions "$partitions" --conf spark.driver.maxResultSize=1m "$@" >"$log" 2>&1
  echo $?
  set -e
}
expect() {  # CODE WANT LOG
  if [[ $1 != "$2" ]]; then
    cat "$3" >&2
    echo "check_spark: spark_align exited with $1, not $2" >&2
    exit 1
  fi
}

start=$(seconds)
"$bitext" align "$work/gen/fr" "$work/gen/en" --format jsonl --explain --quiet -o "$work/folder.jsonl"
echo "folder run: $pairs document pairs in $(since "$start") s"

echo "== 1. Parquet, $partitions partitions, maxResultSize=1m, partition 5's first attempt killed"
mkdir "$work/marks"
start=$(seconds)
code=$(BITEXT_SPARK_TEST_KILL="5:1:$work/marks" spark "$work/out" "$work/a.log")
expect "$code" 1 "$work/a.log"
grep '^spark_align: [0-9]' "$work/a.log"
echo "spark run: $(since "$start") s (JVM start included)"
ls "$work/marks/killed-5-0" >/dev/null
"$python" - "$work" "$partitions" <<'EOF'
import collections, glob, json, os, re, sys
import pyarrow.parquet as pq
work, asked = sys.argv[1], int(sys.argv[2])
out = work + "/out"
partitions = json.load(open(out + "/_bitext.json"))["partitions"]
assert partitions >= asked, partitions

def by_partition(dataset):
    files = glob.glob("%s/dataset=%s/*.parquet" % (out, dataset))
    number = lambda f: int(re.search(r"part-(\d+)-", os.path.basename(f)).group(1))
    return [pq.read_table(f).to_pylist() for f in sorted(files, key=number)]

folder = collections.defaultdict(list)
for line in open(work + "/folder.jsonl", encoding="utf-8"):
    r = json.loads(line)
    folder[r["doc"]].append((r["fr"], r["en"], r["type"], r["score"], r["fr_ids"], r["en_ids"], r["doc_score"]))
spark = collections.defaultdict(list)
order = []
for rows in by_partition("pairs"):
    for r in rows:
        assert r["url"] == "https://example.org/" + r["doc"], r
        if r["doc"] not in spark:
            order.append(r["doc"])
        spark[r["doc"]].append((r["fr"], r["en"], r["type"], r["score"], r["fr_ids"], r["en_ids"], r["doc_score"]))
assert order == list(folder), "documents in another order"
assert spark == folder, [d for d in folder if spark[d] != folder[d]][:3]
done = sorted(r["partition"] for rows in by_partition("done") for r in rows)
assert done == list(range(partitions)), done
rejects = [r for rows in by_partition("rejects") for r in rows]
assert len(rejects) == 2, rejects
again = [r for r in rejects if r["reason"] == "duplicate name"]
assert len(again) == 1 and again[0]["url"] == "https://example.org/again", rejects
bad = [r for r in rejects if r["reason"] != "duplicate name"][0]
assert (bad["doc"], bad["reason"], bad["url"]) == ("../escape", "empty", "https://example.org/bad"), bad
assert bad["message"] == "empty en side" and 0 <= bad["partition"] < partitions, bad
assert not os.path.exists(work + "/escape"), "a document's name made a path"
print("parquet = folder run: %d documents, %d pairs, in order, each with its url; %d partitions "
      "done; rejects: %r (partition %d, %s)" % (len(spark), sum(map(len, spark.values())),
      len(done), bad["doc"], bad["partition"], bad["reason"]))
EOF

echo "== 2. JSON Lines, the job killed at partition $((partitions * 2 / 3)), then --resume"
start=$(seconds)
code=$(BITEXT_SPARK_TEST_KILL="$((partitions * 2 / 3)):9" spark "$work/out2" "$work/b.log" --output-format jsonl --align-arg=--explain)
if [[ $code == 0 || $code == 1 ]]; then
  cat "$work/b.log" >&2
  echo "check_spark: the killed job exited with $code" >&2
  exit 1
fi
kept=$(ls "$work/out2/dataset=done" | grep -c '^part-' || true)
echo "killed job: exit code $code after $(since "$start") s, $kept partition(s) done"
[[ $kept -gt 0 && $kept -lt $((partitions + 1)) ]] || { echo "check_spark: $kept partitions done" >&2; exit 1; }
start=$(seconds)
code=$(spark "$work/out2" "$work/c.log" --output-format jsonl --align-arg=--explain --resume)
expect "$code" 1 "$work/c.log"
grep '^spark_align: [0-9]' "$work/c.log"
grep -q "partition(s), $kept kept from a previous run; learned from 0;" "$work/c.log" || {
  cat "$work/c.log" >&2; echo "check_spark: the rerun did not keep the $kept partitions and the model" >&2; exit 1; }
echo "resumed: $(since "$start") s"
"$python" - "$work" <<'EOF'
import glob, json, os, re, sys
work = sys.argv[1]
number = lambda f: int(re.search(r"part-(\d+)-", os.path.basename(f)).group(1))
files = sorted(glob.glob(work + "/out2/dataset=pairs/part-*"), key=number)
parts = [number(f) for f in files]
assert len(parts) == len(set(parts)), "a partition written twice"
lines = []
for f in files:
    for line in open(f, encoding="utf-8"):
        record = json.loads(line)
        url = ',"url":' + json.dumps("https://example.org/" + record["doc"], ensure_ascii=False) + "}\n"
        assert line.endswith(url), line
        lines.append(line[: -len(url)] + "}\n")
folder = open(work + "/folder.jsonl", encoding="utf-8").readlines()
assert lines == folder, "the resumed output differs from the folder run"
rejects = [json.loads(l) for f in glob.glob(work + "/out2/dataset=rejects/part-*") for l in open(f)]
assert sorted(r["reason"] for r in rejects) == ["duplicate name", "empty"], rejects
assert [r["doc"] for r in rejects if r["reason"] == "empty"] == ["../escape"], rejects
print("jsonl after --resume = folder run, byte for byte: %d lines" % len(lines))
EOF

echo "== 3. Parquet input, --model from bitext learn, tsv output"
"$python" - "$work/all.jsonl" "$work/pin" <<'EOF'
import json, os, sys
import pyarrow as pa
import pyarrow.parquet as pq
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
os.mkdir(sys.argv[2])
half = len(rows) // 2
pq.write_table(pa.Table.from_pylist(rows[:half]), sys.argv[2] + "/a.parquet", row_group_size=5)
pq.write_table(pa.Table.from_pylist(rows[half:]), sys.argv[2] + "/b.parquet", row_group_size=5)
EOF
"$bitext" learn "$work/gen/fr" "$work/gen/en" -o "$work/model.json" --quiet
"$bitext" align "$work/gen/fr" "$work/gen/en" --format tsv --quiet -o "$work/folder.tsv"
start=$(seconds)
set +e
"$python" scripts/spark_align.py "$work/pin" "$work/out3" --bitext "$bitext" --master 'local[2]' \
  --partitions 8 --model "$work/model.json" --output-format tsv >"$work/d.log" 2>&1
code=$?
set -e
expect "$code" 1 "$work/d.log"
grep '^spark_align: [0-9]' "$work/d.log"
find "$work/out3/dataset=pairs" -name 'part-*' | sort | xargs cat | cmp - "$work/folder.tsv"
grep -q '"doc":"../escape"' "$work/out3/dataset=rejects"/part-*
grep -q '"reason":"duplicate name"' "$work/out3/dataset=rejects"/part-*
echo "tsv from Parquet with --model = folder run, byte for byte" \
  "($(wc -l <"$work/folder.tsv") lines), in $(since "$start") s"
