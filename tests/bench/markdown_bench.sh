#!/usr/bin/env bash
# Time per file on markdown-heavy input (a blog built with a site generator), newsnorm against
# another newsnorm build (say, one from before a change), run alternately on the same files.
#   tests/bench/markdown_bench.sh NEW_BINARY [OLD_BINARY] [FILES] [ROUNDS]
# Prints the median wall time per round and per file, and the ratio. Not a test: it never fails on
# figures. The work folder is $NEWSNORM_BENCH_DIR (default: a fresh temporary folder).
set -euo pipefail
new=${1:?usage: markdown_bench.sh NEW_BINARY [OLD_BINARY] [FILES] [ROUNDS]}
old=${2:-}
files=${3:-4000}
rounds=${4:-5}
work=${NEWSNORM_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work/posts"

# Posts with what real markdown bodies carry: headings, lists, links, emphasis, fenced code with
# '<' in it, a few inline tags, an excerpt marker and a table.
python3 - "$work/posts" "$files" <<'PY'
import os, sys, random
folder, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
words = "news cloud model data release update team build open source compiler kernel page reader".split()
def sentence(n): return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."
for i in range(count):
    paragraphs = []
    for p in range(rng.randint(6, 14)):
        kind = rng.random()
        if kind < 0.15: paragraphs.append("## " + sentence(4))
        elif kind < 0.3: paragraphs.append("\n".join("- " + sentence(6) for _ in range(4)))
        elif kind < 0.4: paragraphs.append("```cpp\nif (a < b && c > d) { return x<int>(y); }\n```")
        elif kind < 0.45: paragraphs.append("| a | b |\n|---|---|\n| 1 | 2 |")
        elif kind < 0.5: paragraphs.append('<div class="note">' + sentence(12) + "</div>")
        else: paragraphs.append(sentence(20) + " See [the docs](https://example.com/%d) and *more*." % i)
    paragraphs.insert(1, "<!--more-->")
    with open(os.path.join(folder, "%05d-post.md" % i), "w") as f:
        f.write("---\ntitle: Post %d\ndate: 2020-01-%02d 10:00:00 +0000\ndescription: %s\ntags: [a, b]\n---\n" % (i, i % 28 + 1, sentence(8)))
        f.write("\n\n".join(paragraphs) + "\n")
PY
bytes=$(du -sb "$work/posts" | cut -f1)
echo "markdown_bench: $files posts, $((bytes / 1024)) KiB, $rounds alternating rounds, --jobs 1" >&2

time_one() { /usr/bin/time -f %e "$1" ingest -q --jobs 1 "$work/posts" 2>&1 >/dev/null | tail -1; }
declare -a new_times old_times
for ((r = 0; r < rounds; ++r)); do
  new_times+=("$(time_one "$new")")
  [[ -n $old ]] && old_times+=("$(time_one "$old")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_new=$(median "${new_times[@]}")
awk -v t="$m_new" -v n="$files" 'BEGIN {printf "new: median %.2f s, %.1f us per file\n", t, t * 1e6 / n}'
if [[ -n $old ]]; then
  m_old=$(median "${old_times[@]}")
  awk -v t="$m_old" -v n="$files" 'BEGIN {printf "old: median %.2f s, %.1f us per file\n", t, t * 1e6 / n}'
  awk -v a="$m_old" -v b="$m_new" 'BEGIN {printf "new takes %.2fx the time of old\n", b / a}'
fi
