#!/usr/bin/env bash
# Dask scale-out (README, "Running over many cores or machines"): a real local dask-scheduler and
# two dask-worker processes, cmake/scale-out/newsnorm-dask.py mapping shards of the seeds and the
# corpus to them and reducing with `newsnorm stories`; the result equals the single run.
#
# "Equal" is byte-identical, for the reason scale_out_parallel_check.sh gives: storyId and
# duplicateOf name the first record in input order, and `newsnorm stories` takes records in byte
# order of their source paths, so the single run is given the same list sorted with LC_ALL=C.
set -euo pipefail
set -m  # each background process in its own process group, so the trap ends a worker's children too
binary=$(realpath "$1") shared=$(realpath "$2") here=$(cd "$(dirname "$0")" && pwd)
driver=$here/../cmake/scale-out/newsnorm-dask.py
work=$(mktemp -d)
cd "$work"
# Dask's scratch files and configuration stay in the temporary folder, never in $HOME.
export DASK_TEMPORARY_DIRECTORY=$work DASK_CONFIG=$work/dask-config
groups=()
stop_cluster() {
  for group in "${groups[@]}"; do kill -TERM -- "-$group" 2> /dev/null || true; done
  for _ in $(seq 50); do  # workers leave gracefully within a few seconds; then no more patience
    alive=0
    for group in "${groups[@]}"; do kill -0 -- "-$group" 2> /dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.2
  done
  for group in "${groups[@]}"; do kill -KILL -- "-$group" 2> /dev/null || true; done
  rm -rf "$work"
}
trap stop_cluster EXIT
fail() {
  echo "FAIL: $*" >&2
  tail -n 20 "$work"/*.log >&2 || true
  exit 1
}

# Port 0: the scheduler takes a free port and says which in the scheduler file; the dashboards
# (which --no-dashboard does not switch off in this version) take free ports too.
dask-scheduler --host 127.0.0.1 --port 0 --dashboard-address 127.0.0.1:0 --scheduler-file scheduler.json \
  > scheduler.log 2>&1 < /dev/null &
groups+=($!)
for _ in $(seq 300); do [[ -s scheduler.json ]] && break; sleep 0.2; done
[[ -s scheduler.json ]] || fail "dask-scheduler did not start"
address=$(jq -r .address scheduler.json)
for worker in 1 2; do
  dask-worker --scheduler-file scheduler.json --host 127.0.0.1 --nworkers 1 --nthreads 1 \
    --dashboard-address 127.0.0.1:0 --local-directory "$work/worker$worker" > "worker$worker.log" 2>&1 < /dev/null &
  groups+=($!)
done

find "$shared/seeds" "$shared/corpus/powerapps" -type f | LC_ALL=C sort > list.txt
single_status=0
"$binary" ingest -q --files-from list.txt -o single.jsonl 2> single.err || single_status=$?
[[ $single_status -le 1 ]] || fail "single run exit status $single_status: $(cat single.err)"
"$binary" stories -q single.jsonl -o stories-single.jsonl
copies=$(jq -s '[.[] | select(.duplicateOf != null)] | length' single.jsonl)
[[ $copies -gt 5 ]] || fail "the single run has only $copies copies: nothing to compare"

# Records sent back to the driver; 6 shards over both workers.
status=0
"$driver" --scheduler "$address" --workers 2 --timeout 120 --newsnorm "$binary" --files-from list.txt --shards 6 \
  -o dask.jsonl --stories dask-stories.jsonl 2> dask.err || status=$?
[[ $status -eq $single_status ]] || fail "newsnorm-dask.py exit status $status: $(cat dask.err)"
cmp single.jsonl dask.jsonl || fail "the Dask run's records differ from the single run"
cmp stories-single.jsonl dask-stories.jsonl || fail "the Dask run's story lines differ from the single run's"
diff <(grep ': error: ' single.err | sort) <(grep ': error: ' dask.err | sort) || fail "the Dask run reports other errors than the single run"
# Both workers took part: the driver says how many workers ran the shards.
grep -q '^newsnorm-dask: .* 6 shards on 2 workers' dask.err || fail "not both workers ran shards: $(cat dask.err)"

# Folders as arguments, shards written by the workers into a shared folder.
"$binary" ingest -q "$shared/corpus/powerapps" "$shared/seeds" > folders.jsonl
"$driver" -s "$address" --newsnorm "$binary" --shard-dir shared-shards -n 3 \
  "$shared/corpus/powerapps" "$shared/seeds" > dask-folders.jsonl 2> dask-folders.err
cmp folders.jsonl dask-folders.jsonl || fail "the Dask run over folders differs from ingest over them"
[[ $(find shared-shards -name 'shard-*.jsonl' | wc -l) -eq 3 ]] || fail "the workers did not write 3 shards"

# What a user meets first: no scheduler there (status 5), no inputs (status 2), both said.
status=0
"$driver" -s tcp://127.0.0.1:9 --timeout 2 --newsnorm "$binary" list.txt > /dev/null 2> unreachable.err || status=$?
[[ $status -eq 5 ]] && grep -q 'start `dask-scheduler`' unreachable.err ||
  fail "an unreachable scheduler gave status $status: $(cat unreachable.err)"
status=0
"$driver" -s "$address" --newsnorm "$binary" > /dev/null 2> usage.err || status=$?
[[ $status -eq 2 ]] && grep -q 'give files or folders' usage.err || fail "no inputs gave status $status: $(cat usage.err)"
echo "dask: $(wc -l < dask.jsonl) records over 2 workers equal the single run"
