#!/usr/bin/env bash
# Every record made from the corpus (and the seeds, the saved web pages, and a deletion record) is valid against `newsnorm schema`.
set -euo pipefail
binary=$1 shared=$2 work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binary" schema > "$work/schema.json"
"$binary" ingest -q "$shared/corpus/powerapps" "$shared/seeds" "$shared/extraction/html" > "$work/records.jsonl"
# A deletion record: a file that the state knew is gone.
mkdir "$work/in" && cp "$shared/seeds/000_3eda6463b08fb450.txt" "$work/in/a.md"
# A second file stays, so that the folder is not empty (an error) and one deletion is not all.
cp "$shared/seeds/004_b9170bf77a2f9e1f.txt" "$work/in/b.md"
"$binary" ingest -q --state "$work/state.db" "$work/in" > /dev/null
rm "$work/in/a.md"
"$binary" ingest -q --state "$work/state.db" --emit-deletions "$work/in" >> "$work/records.jsonl"
grep -q '"deleted":true' "$work/records.jsonl"
/usr/bin/python3 "$(dirname "$0")/schema_check.py" "$work/schema.json" "$work/records.jsonl" 1553
