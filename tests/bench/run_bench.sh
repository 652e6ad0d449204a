#!/usr/bin/env bash
# Benchmark: newsnorm against the peers in ../shared/peers, side by side in one run, on 20 copies of
# the real corpus (and 5, for memory), same sorted file list for everyone, output to /dev/null.
# Prints medians and the ratios the performance issue asks for. A benchmark, not a test: it never
# fails on its figures.
# usage: run_bench.sh NEWSNORM_BINARY [ROUNDS]
set -euo pipefail
binary=$(realpath "$1")
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../../shared" && pwd)
work=${NEWSNORM_BENCH_DIR:-$here/work}
mkdir -p "$work"

# Peers: a private copy of the peers folder (it is read-only), with gray-matter installed from npm.
if [[ ! -d $work/peers/node_modules/gray-matter ]]; then
  rm -rf "$work/peers" && mkdir -p "$work/peers" && cp "$shared"/peers/*.js "$shared"/peers/*.py "$shared"/peers/package.json "$work/peers/"
  (cd "$work/peers" && npm install --no-audit --no-fund --silent >&2)
fi
for copies in 5 20; do
  [[ -f $work/list-$copies ]] && continue
  bash "$shared/peers/make-corpus.sh" "$work/corpus-$copies" "$copies" >/dev/null
  find "$work/corpus-$copies" -type f | LC_ALL=C sort > "$work/list-$copies"
done

# One measurement: wall seconds and peak resident KiB, from GNU time.
measure() {  # name list command...
  local name=$1 list=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$work/time.out" "$@" < "$list" > /dev/null 2>"$work/stderr.out" || true
  # GNU time puts "Command exited with non-zero status N" first when a run fails (newsnorm exits 1
  # for the corpus's empty .keep files); the figures are the last line.
  read -r seconds kib < <(tail -n 1 "$work/time.out")
  echo "$name $seconds $kib" >> "$work/results"
}

: > "$work/results"
list20=$work/list-$((20)) list5=$work/list-5
for ((round = 1; round <= rounds; round++)); do
  # Alternate the order each round, so drift on a shared machine falls on everyone alike.
  measure newsnorm-j2 "$list20" "$binary" ingest -q --jobs 2 --files-from -
  measure gray-matter "$list20" node "$work/peers/gray-matter-jsonl.js"
  measure newsnorm-j1 "$list20" "$binary" ingest -q --jobs 1 --files-from -
  measure pyyaml "$list20" /usr/bin/python3 "$work/peers/pyyaml-jsonl.py"
  measure newsnorm-j2-5copies "$list5" "$binary" ingest -q --jobs 2 --files-from -
  echo "round $round of $rounds done" >&2
done

# Incremental runs: a first run with --state, then a rerun over the unchanged corpus.
rm -f "$work/state.db" "$work/state.db-wal" "$work/state.db-shm"
measure state-first "$list20" "$binary" ingest -q --state "$work/state.db" --files-from -
measure state-rerun "$list20" "$binary" ingest -q --state "$work/state.db" --files-from -

/usr/bin/python3 - "$work/results" "$(wc -l < "$list20")" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, seconds, kib = line.split()
    rows.setdefault(name, []).append((float(seconds), int(kib)))
med = {n: (statistics.median(s for s, _ in v), max(k for _, k in v)) for n, v in rows.items()}
print(f"files per run: {sys.argv[2]} (20 copies of the corpus); rounds: {len(rows['newsnorm-j2'])}")
print(f"{'command':24} {'median s':>9} {'peak MiB':>9}")
for name, (s, k) in med.items():
    if name.startswith("state-"):
        continue
    print(f"{name:24} {s:9.2f} {k / 1024:9.1f}")
def ratio(a, b): return med[b][0] / med[a][0]
checks = [
    ("newsnorm (--jobs 2) vs gray-matter", ratio("newsnorm-j2", "gray-matter"), 1.2),
    ("newsnorm (--jobs 2) vs pyyaml", ratio("newsnorm-j2", "pyyaml"), 3.5),
    ("--jobs 2 vs --jobs 1", ratio("newsnorm-j2", "newsnorm-j1"), 1.8),
]
for label, value, target in checks:
    print(f"{label:40} {value:5.2f}x  (target {target}x: {'met' if value >= target else 'NOT met'})")
first, rerun = med["state-first"][0], med["state-rerun"][0]
print(f"{'--state rerun, nothing changed':40} {rerun:5.2f} s, {rerun / first * 100:.0f}% of the first run ({first:.2f} s)")
peak20, peak5 = med["newsnorm-j2"][1] / 1024, med["newsnorm-j2-5copies"][1] / 1024
print(f"{'peak memory at 20 copies':40} {peak20:5.1f} MiB (target <= 64: {'met' if peak20 <= 64 else 'NOT met'})")
growth = (peak20 - peak5) / peak5 * 100
print(f"{'growth from 5 to 20 copies':40} {growth:+5.1f}%  (target within 20%: {'met' if abs(growth) <= 20 else 'NOT met'})")
PY
