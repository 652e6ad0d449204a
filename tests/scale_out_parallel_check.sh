#!/usr/bin/env bash
# GNU parallel scale-out (README, "Running over many cores or machines") over the seeds and the
# corpus: shards ingested with `--no-stories` by separate processes, then `newsnorm stories
# --records`, equal the single run.
#
# What "equal" means: byte-identical output. storyId and duplicateOf name the *first* record of a
# story or a copy, in input order, so a single run over the same files in another order may rightly
# name other records; `newsnorm stories` takes records in byte order of their source paths, which
# is the order a run over one folder reads them. So the single run is given the same file list,
# sorted with LC_ALL=C (bytes), and then every byte must agree: ids, story fields, signatures, and
# the metadata a bare text takes from a related entry in another shard. Shards given in another
# order, records shuffled, or a different split must give the same bytes again.
set -euo pipefail
binary=$(realpath "$1") shared=$(realpath "$2") here=$(cd "$(dirname "$0")" && pwd)
script=$here/../cmake/scale-out/parallel-ingest.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

find "$shared/seeds" "$shared/corpus/powerapps" -type f | LC_ALL=C sort > list.txt
files=$(wc -l < list.txt)
[[ $files -gt 1000 ]] || fail "only $files input files under $shared"

single_status=0
"$binary" ingest -q --files-from list.txt -o single.jsonl 2> single.err || single_status=$?
[[ $single_status -le 1 ]] || fail "single run exit status $single_status: $(cat single.err)"
records=$(wc -l < single.jsonl)
# The comparison is only worth something if the run has stories and copies to get right.
linked=$(jq -s '[.[] | select(.storyId != .id)] | length' single.jsonl)
copies=$(jq -s '[.[] | select(.duplicateOf != null)] | length' single.jsonl)
[[ $linked -gt 10 && $copies -gt 5 ]] || fail "single run has only $linked records in others' stories and $copies copies"

# The README's own example, run as written (newsnorm on the PATH, the corpus as articles/): it
# must exit 0, with every record of the corpus in its shards.
mkdir readme && cp -r "$shared/corpus/powerapps" readme/articles
mkdir readme/bin && ln -s "$binary" readme/bin/newsnorm
example=$(grep -m1 "^find articles .*parallel --pipe" "$here/../README.md")
[[ -n $example ]] || fail "the README's parallel example is not where this test looks for it"
(cd readme && mkdir shards && PATH=$PWD/bin:$PATH bash -c "$example") 2> readme.err || fail "the README's example failed: $(cat readme.err)"
readme_records=$(cat readme/shards/*.jsonl | wc -l)
corpus_records=$("$binary" ingest -q --no-stories readme/articles | wc -l)
[[ $readme_records -eq $corpus_records ]] || fail "the README's example wrote $readme_records records, a walk $corpus_records"

# The pipeline as the README gives it: 300 files a shard, one newsnorm a shard.
mkdir shards
parallel --pipe -N 300 "$binary ingest -q --no-stories -j1 --files-from - -o shards/{#}.jsonl" \
  < list.txt 2> parallel.err || true
shard_count=$(find shards -name '*.jsonl' | wc -l)
[[ $shard_count -eq $(((files + 299) / 300)) ]] || fail "$shard_count shards written: $(cat parallel.err)"
# The shards really are without stories: the reduce is what links them.
[[ $(cat shards/*.jsonl | jq -s '[.[] | select(.storyId != null or .duplicateOf != null)] | length') == 0 ]] ||
  fail "--no-stories shards carry story fields"
[[ $(cat shards/*.jsonl | wc -l) -eq $records ]] || fail "the shards hold another number of records than $records"
# Every rejected file is reported once, whichever shard it fell in.
diff <(sort single.err) <(sort parallel.err) || fail "the shards report other errors than the single run"

"$binary" stories -q --records shards -o parallel.jsonl
cmp single.jsonl parallel.jsonl || fail "parallel + stories --records differs from the single run"

# Shards in another order, records shuffled in one stream, another split: the same bytes.
mapfile -t reversed < <(find shards -name '*.jsonl' | sort -r)
"$binary" stories -q --records "${reversed[@]}" > reversed.jsonl
cmp single.jsonl reversed.jsonl || fail "stories --records over the shards in reverse order differs"
cat shards/*.jsonl | shuf --random-source=list.txt | "$binary" stories -q --records - > shuffled.jsonl
cmp single.jsonl shuffled.jsonl || fail "stories --records over shuffled records differs"
"$binary" stories -q shards > stories.jsonl
"$binary" stories -q "${reversed[@]}" > stories-reversed.jsonl
cmp stories.jsonl stories-reversed.jsonl || fail "story lines depend on the order of the shards"
"$binary" stories -q single.jsonl > stories-single.jsonl
cmp stories.jsonl stories-single.jsonl || fail "story lines over the shards differ from those over the single run"

# The shipped script, with another shard size, both outputs and the single run's exit status.
script_status=0
"$script" --newsnorm "$binary" -n 97 --files-from list.txt -o script.jsonl --stories script-stories.jsonl \
  2> script.err || script_status=$?
[[ $script_status -eq $single_status ]] || fail "parallel-ingest.sh exit status $script_status: $(cat script.err)"
cmp single.jsonl script.jsonl || fail "parallel-ingest.sh records differ from the single run"
cmp stories.jsonl script-stories.jsonl || fail "parallel-ingest.sh story lines differ"
diff <(sort single.err) <(sort script.err) || fail "parallel-ingest.sh reports other errors than the single run"
# Folders as arguments are listed as newsnorm lists them (hidden files left out).
"$binary" ingest -q "$shared/corpus/powerapps" "$shared/seeds" > folders.jsonl
"$script" --newsnorm "$binary" "$shared/corpus/powerapps" "$shared/seeds" > script-folders.jsonl
cmp folders.jsonl script-folders.jsonl || fail "parallel-ingest.sh over folders differs from ingest over them"

# A failing shard is an error, not a smaller output: a newsnorm that cannot write (status 3).
printf '#!/bin/sh\necho "cannot write" >&2\nexit 3\n' > broken && chmod +x broken
status=0
"$script" --newsnorm ./broken --files-from list.txt > /dev/null 2> broken.err || status=$?
[[ $status -eq 3 ]] && grep -q 'shard 1 .*failed' broken.err || fail "a failed shard gave status $status: $(cat broken.err)"
echo "parallel: $records records, $linked joining an earlier record's story, $copies copies; equal to the single run"
