#!/usr/bin/env bash
# Splitting throughput: `bitext split` against pySBD (the best rule-based peer on French news
# typography) in the same run, on text generated from the sample corpus.
#
#   scripts/bench_split.sh [MEGABYTES]      (default 20; pySBD gets a 1 MB slice)
#
# Prints MB/s for each and the ratio. pySBD is installed in a throw-away virtualenv under
# ${TMPDIR:-/tmp}; without network access to PyPI the peer is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
python3 - "$work" "$mb" <<'PY'
import pathlib, sys
work, mb = pathlib.Path(sys.argv[1]), int(sys.argv[2])
for lang in ("fr", "en"):
    one = "\n\n".join(p.read_text(encoding="utf-8-sig") for p in sorted(pathlib.Path("corpora", lang).glob("*.txt")))
    text = (one + "\n\n") * (mb * 2**20 // len(one.encode()) + 1)
    (work / f"big.{lang}").write_text(text, encoding="utf-8")
    (work / f"slice.{lang}").write_text(text[: 2**20], encoding="utf-8")
PY

best_of_3() { # prints the best wall time of three runs of "$@", in seconds
  python3 - "$@" <<'PY'
import subprocess, sys, time
best = float("inf")
for _ in range(3):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
    best = min(best, time.perf_counter() - t)
print(f"{best:.4f}")
PY
}

venv=${TMPDIR:-/tmp}/bitext-bench-peers
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c "import pysbd" 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install --quiet pysbd >/dev/null 2>&1 || true
fi

printf '%-6s %-8s %10s %16s\n' lang tool "MB/s" "bitext is"
for lang in fr en; do
  size=$(stat -c %s "$work/big.$lang")
  t=$(best_of_3 target/release/bitext split --lang "$lang" "$work/big.$lang")
  ours=$(python3 -c "print($size / 2**20 / $t)")
  printf '%-6s %-8s %10.1f %16s\n' "$lang" bitext "$ours" ""
  if "$venv/bin/python" -c "import pysbd" 2>/dev/null; then
    slice=$(stat -c %s "$work/slice.$lang")
    t=$(best_of_3 "$venv/bin/python" -c "
import pysbd, sys
seg = pysbd.Segmenter(language='$lang', clean=False)
for para in open('$work/slice.$lang', encoding='utf-8').read().split('\n\n'):
    if para.strip():
        seg.segment(para)")
    peer=$(python3 -c "print($slice / 2**20 / $t)")
    printf '%-6s %-8s %10.2f %16s\n' "$lang" pysbd "$peer" "$(python3 -c "print(f'{$ours / $peer:.0f}x faster')")"
  fi
done
