#!/usr/bin/env bash
# The story benchmark: time and peak memory of ingest with stories vs --no-stories and of
# `newsnorm stories` alone, at N synthetic articles (story_generator.py), side by side and
# alternating; then precision and recall of storyId and duplicateOf against the planted stories and
# near-duplicates (story_plants.py), and the same for the TF-IDF peer (../shared/peers). A benchmark,
# not a test: it never fails on its figures.
#
# usage: story_bench.sh NEWSNORM_BINARY [N...]          (default N: 100000 1000000)
# environment:
#   NEWSNORM_BENCH_DIR   work folder, outside the source tree (default /tmp/newsnorm-story-bench);
#                        the generated articles are kept there and reused (n<N>/), ~4 KB of disk each
#   STORY_BENCH_ROUNDS   rounds per N (default 2 up to 200,000 articles, 1 above)
#   STORY_BENCH_SEED     generator seed (default 1)
#   STORY_BENCH_PEER_N   the peer's sample: its own generated set of this many articles, on which
#                        newsnorm is scored too (default 5000: the pure-Python peer's candidate
#                        lists grow with N, and it did not finish 20,000 articles in 10 minutes)
#   STORY_BENCH_PEER_TIMEOUT  seconds before the peer is given up (default 1200)
set -euo pipefail
binary=$(realpath "$1")
shift
sizes=("${@:-100000 1000000}")
read -r -a sizes <<< "${sizes[*]}"
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../../shared" && pwd)
work=${NEWSNORM_BENCH_DIR:-/tmp/newsnorm-story-bench}
seed=${STORY_BENCH_SEED:-1}
peer_n=${STORY_BENCH_PEER_N:-5000}
python=/usr/bin/python3
mkdir -p "$work"
results=$work/results
: > "$results"
: > "$work/quality"

generate() {  # N: the articles, their truth and the sorted file list, made once and reused
  local n=$1 dir=$work/n$1
  if [[ $(cat "$dir/generated" 2>/dev/null) != "count=$n seed=$seed" ]]; then
    rm -rf "$dir"
    local start=$SECONDS
    "$python" "$here/story_generator.py" --count "$n" --seed "$seed" --out "$dir" 2>/dev/null
    echo "count=$n seed=$seed" > "$dir/generated"
    echo "generated $n articles in $((SECONDS - start)) s" >&2
  fi
  [[ -f $dir/list ]] || find "$dir/articles" -name '*.md' | LC_ALL=C sort > "$dir/list"
}

# One measurement: wall seconds and peak resident KiB from GNU time, and CPU seconds (user +
# system), which drift less than wall time when other work shares the two cores.
measure() {  # N name command...
  local n=$1 name=$2
  shift 2
  local status=0
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.out" "$@" 2> "$work/stderr.out" || status=$?
  read -r seconds kib user system < <(tail -n 1 "$work/time.out")
  echo "$n $name $seconds $kib $status $(cut -d' ' -f1 /proc/loadavg) $user $system" >> "$results"
  echo "  $name: $seconds s, CPU $user + $system s, $((kib / 1024)) MiB, exit $status," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}

for n in "${sizes[@]}"; do
  generate "$n"
  dir=$work/n$n run=$work/n$n/run
  mkdir -p "$run"
  rounds=${STORY_BENCH_ROUNDS:-$((n <= 200000 ? 2 : 1))}
  echo "N=$n: $rounds rounds; $(uptime)" >&2
  for ((round = 1; round <= rounds; round++)); do
    # Alternate which ingest goes first, so drift on a shared machine falls on both alike.
    with=(measure "$n" ingest-stories "$binary" ingest -q --files-from "$dir/list" -o "$run/with.jsonl")
    without=(measure "$n" ingest-no-stories "$binary" ingest -q --no-stories --files-from "$dir/list" -o "$run/without.jsonl")
    if ((round % 2)); then "${with[@]}" && "${without[@]}"; else "${without[@]}" && "${with[@]}"; fi
    measure "$n" stories-records "$binary" stories --records "$run/without.jsonl" -o "$run/restoried.jsonl"
    measure "$n" stories-lines "$binary" stories "$run/without.jsonl" -o "$run/stories.jsonl"
  done
  echo "quality at N=$n:" >> "$work/quality"
  "$python" "$here/story_plants.py" "$dir/truth.jsonl" "$run/with.jsonl" --name "newsnorm ingest" >> "$work/quality"
  "$python" "$here/story_plants.py" "$dir/truth.jsonl" "$run/restoried.jsonl" --name "newsnorm stories" \
    >> "$work/quality"
done

# The peer, and newsnorm on the same (smaller) generated set.
generate "$peer_n"
dir=$work/n$peer_n run=$work/n$peer_n/run
mkdir -p "$run"
"$binary" ingest -q --files-from "$dir/list" -o "$run/with.jsonl" || true
echo "quality at N=$peer_n (the peer's sample):" >> "$work/quality"
"$python" "$here/story_plants.py" "$dir/truth.jsonl" "$run/with.jsonl" --name "newsnorm ingest" >> "$work/quality"
start=$SECONDS
if timeout "${STORY_BENCH_PEER_TIMEOUT:-1200}" /usr/bin/time -f "%e %M" -o "$work/peer.time" \
  "$python" "$shared/peers/tfidf-stories.py" "$run/with.jsonl" > "$run/peer.jsonl"; then
  read -r seconds kib < <(tail -n 1 "$work/peer.time")
  echo "peer: $seconds s, $((kib / 1024)) MiB" >> "$work/quality"
  "$python" "$here/story_plants.py" "$dir/truth.jsonl" "$run/with.jsonl" --peer "$run/peer.jsonl" \
    --name "tfidf peer" >> "$work/quality"
else
  echo "peer: gave up after $((SECONDS - start)) s" >> "$work/quality"
fi

{
"$python" - "$results" <<'PY'
import math, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    n, name, seconds, kib, status, load, user, system = line.split()
    rows.setdefault((int(n), name), []).append((float(seconds), int(kib), float(user) + float(system), float(load)))
med = {k: {"wall": statistics.median(r[0] for r in v), "mib": max(r[1] for r in v) / 1024,
           "cpu": statistics.median(r[2] for r in v), "load": max(r[3] for r in v), "runs": len(v)}
       for k, v in rows.items()}
print("| N | command | median wall s | median CPU s | peak MiB | runs | load (1 min) |")
print("|---|---|---|---|---|---|---|")
for (n, name), m in sorted(med.items()):
    print(f"| {n:,} | {name} | {m['wall']:.1f} | {m['cpu']:.1f} | {m['mib']:.0f} | {m['runs']} | {m['load']:.1f} |")
sizes = sorted({n for n, _ in med})
for n in sizes:
    w, wo = med.get((n, "ingest-stories")), med.get((n, "ingest-no-stories"))
    if w and wo:
        print(f"N={n:,}: ingest with stories / without: wall {w['wall'] / wo['wall']:.2f}x, "
              f"CPU {w['cpu'] / wo['cpu']:.2f}x, peak memory {w['mib'] / wo['mib']:.1f}x")
for a, b in zip(sizes, sizes[1:]):
    linear, nlogn = b / a, b * math.log(b) / (a * math.log(a))
    for name in ("ingest-stories", "ingest-no-stories", "stories-records", "stories-lines"):
        if (a, name) in med and (b, name) in med:
            x, y = med[a, name], med[b, name]
            print(f"{name}: {a:,} -> {b:,}: wall x{y['wall'] / x['wall']:.1f}, CPU x{y['cpu'] / x['cpu']:.1f} "
                  f"(N: x{linear:g}, N log N: x{nlogn:.1f}), peak memory x{y['mib'] / x['mib']:.1f}")
PY
cat "$work/quality"
echo "$(date -u +%F) $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uptime)"
} | tee "$work/report.txt"
