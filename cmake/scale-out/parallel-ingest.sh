#!/usr/bin/env bash
# newsnorm over many cores or hosts with GNU parallel: the file list is cut into shards, each shard
# is ingested by its own `newsnorm ingest --no-stories` process (on this machine, or on the hosts
# of --sshlogin), and `newsnorm stories --records` works out storyId and duplicateOf over all of
# them. The result is byte for byte what one `newsnorm ingest` over the same files in path order
# writes (README, "Running over many cores or machines").
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: parallel-ingest.sh [OPTIONS] PATH...
       parallel-ingest.sh [OPTIONS] --files-from FILE

Ingest article files in shards with GNU parallel, then give the records globally consistent
storyId and duplicateOf with `newsnorm stories --records`.

  PATH                files or folders (folders are listed as newsnorm lists them: every file,
                      recursively, names starting with '.' left out, in byte order of the path)
  --files-from FILE   read the paths to ingest from FILE, one per line ('-': standard input)
  -n, --shard-size N  files per shard (default 500)
  -j, --jobs N        shards at a time on each host (default: one per core)
  -S, --sshlogin L    hosts for parallel's --sshlogin, e.g. ':,alice@host1,host2' (':' is this
                      machine); every host must see the files and newsnorm at the same paths
  -o, --output FILE   write the records to FILE (default: standard output)
  --stories FILE      also write one line per story to FILE
  --shards DIR        keep the shard files (DIR/N.jsonl, their messages in DIR/N.jsonl.err)
                      instead of a temporary folder that is removed at the end
  --newsnorm BIN      the newsnorm to run (default: $NEWSNORM, else newsnorm on PATH)
  -h, --help          this help

Exit status: 0 every file became a record; 1 some files were rejected (their errors are on
standard error; the rest is written); 2 usage error; 3 a shard or the reduce failed.

Examples:
  parallel-ingest.sh -o records.jsonl --stories stories.jsonl articles/
  find /srv/news -name '*.md' | parallel-ingest.sh -S :,host1,host2 --files-from - -o records.jsonl
EOF
}

die() { # status message...
  local status=$1
  shift
  echo "parallel-ingest: $*" >&2
  exit "$status"
}

shard_size=500 jobs=() sshlogin=() output=- stories= shards= list= newsnorm=${NEWSNORM:-newsnorm}
paths=()
while [[ $# -gt 0 ]]; do
  case $1 in
    -h | --help) usage; exit 0 ;;
    -n | --shard-size) shard_size=${2:?}; shift 2 ;;
    -j | --jobs) jobs=(-j "${2:?}"); shift 2 ;;
    -S | --sshlogin) sshlogin=(--sshlogin "${2:?}" --workdir "$PWD"); shift 2 ;;
    -o | --output) output=${2:?}; shift 2 ;;
    --stories) stories=${2:?}; shift 2 ;;
    --shards) shards=${2:?}; shift 2 ;;
    --files-from) list=${2:?}; shift 2 ;;
    --newsnorm) newsnorm=${2:?}; shift 2 ;;
    --) shift; paths+=("$@"); break ;;
    -*) die 2 "unknown option $1 (see --help)" ;;
    *) paths+=("$1"); shift ;;
  esac
done
[[ $shard_size =~ ^[1-9][0-9]*$ ]] || die 2 "--shard-size wants a positive number of files, not '$shard_size'"
[[ ${#paths[@]} -gt 0 || -n $list ]] || die 2 "give files or folders to ingest, or --files-from FILE (see --help)"
command -v parallel > /dev/null || die 2 "GNU parallel is not installed: apt-get install parallel"
command -v "$newsnorm" > /dev/null || die 2 "cannot run '$newsnorm': give --newsnorm BIN or put newsnorm on PATH"
newsnorm=$(command -v "$newsnorm")
[[ $newsnorm == /* ]] || newsnorm=$PWD/$newsnorm

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z $shards ]]; then
  shards=$work/shards
elif [[ -e $shards && -n $(ls -A "$shards") ]]; then
  die 2 "--shards $shards is not empty: give a new or empty folder (stories would read its *.jsonl too)"
fi
mkdir -p "$shards" || die 3 "cannot create the folder $shards"

# The NUL-separated list of files, folders expanded the way newsnorm walks them (regular files and
# links to them, hidden names skipped, sorted by bytes), so that paths with any byte survive.
{
  for path in "${paths[@]}"; do
    if [[ -d $path ]]; then
      find "$path" -mindepth 1 -name '.?*' -prune -o \( -type f -o -xtype f \) -print0 | LC_ALL=C sort -z
    else
      printf '%s\0' "$path"
    fi
  done
  if [[ -n $list ]]; then
    [[ $list == - ]] && list=/dev/stdin
    [[ -r $list ]] || die 2 "cannot read the list of files $list"
    tr '\n' '\0' < "$list"
  fi
} > "$work/files"

# One newsnorm process per shard, one thread each (parallel already runs one per core). --results
# brings each shard's records back to this machine, also from other hosts. Exit status 1 (some
# files rejected) is an ordinary outcome; anything above it means the shard was not written.
parallel --pipe --recend '\0' -N "$shard_size" "${jobs[@]}" "${sshlogin[@]}" --joblog "$work/joblog" \
  --results "$shards/{#}.jsonl" "$newsnorm" ingest -q --no-stories -j1 -0 --files-from - \
  < "$work/files" > /dev/null || true
[[ -s $work/joblog ]] || die 3 "GNU parallel ran no shard: see its messages above"
rejected=0
while IFS=$'\t' read -r seq host _ _ _ _ status signal _; do
  cat "$shards/$seq.jsonl.err" >&2 2> /dev/null || true
  rm -f "$shards/$seq.jsonl.err" "$shards/$seq.jsonl.seq"
  [[ $status == 1 && $signal == 0 ]] && { rejected=1; continue; }
  [[ $status == 0 && $signal == 0 ]] && continue
  die 3 "shard $seq on host '$host' failed (exit status $status, signal $signal): see the messages above; rerun when fixed"
done < <(tail -n +2 "$work/joblog" | sort -n)

"$newsnorm" stories -q --records "$shards" -o "$output" || die 3 "newsnorm stories --records failed (status $?)"
if [[ -n $stories ]]; then
  "$newsnorm" stories -q "$shards" -o "$stories" || die 3 "newsnorm stories failed (status $?)"
fi
exit "$rejected"
