#!/usr/bin/python3
"""Scores stories and duplicates against the plants of story_generator.py (a benchmark: never fails).

usage: story_plants.py TRUTH.jsonl RECORDS.jsonl [--peer PEER.jsonl] [--name NAME]
TRUTH: story_generator.py's truth.jsonl. RECORDS: newsnorm records over (some of) the generated
articles; their storyId and duplicateOf are judged. With --peer, PEER is the output of
../shared/peers/tfidf-stories.py over RECORDS ({"id","story"} per record) and is judged instead
(RECORDS then only maps ids to paths; the peer finds no duplicates).
Only articles present in RECORDS are scored (so a sample can be scored against the full truth).

Prints, on one line each:
- stories: pairwise precision/recall/F1 (pairs of records put in one story) and B-cubed
  precision/recall over all records, then the same over the originals only (near-duplicate
  copies left out, so that dedupe does not count as story finding);
- duplicates: pairwise precision/recall of "same article" groups (an original with its copies;
  found: records linked by duplicateOf), and how many records were marked as copies vs planted.
Counting is done by cells of the contingency table, so it is linear in the number of records.
"""
import argparse
import collections
import json
import sys


def key_of(path):  # "0412/a0412345.md": the generator's paths are unique by their last two parts
    return "/".join(path.rsplit("/", 2)[-2:])


def pairs(n):
    return n * (n - 1) // 2


def cluster_scores(found, truth):
    """found, truth: {item: cluster}; over the items of found. Returns pairwise P, R, F1, B-cubed P, R."""
    cells = collections.Counter((found[i], truth[i]) for i in found)
    found_sizes = collections.Counter(found.values())
    truth_sizes = collections.Counter(truth[i] for i in found)
    tp = sum(pairs(n) for n in cells.values())
    found_pairs = sum(pairs(n) for n in found_sizes.values())
    truth_pairs = sum(pairs(n) for n in truth_sizes.values())
    p = tp / found_pairs if found_pairs else 1.0
    r = tp / truth_pairs if truth_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    bp = sum(n * n / found_sizes[fc] for (fc, _), n in cells.items()) / len(found)
    br = sum(n * n / truth_sizes[tc] for (_, tc), n in cells.items()) / len(found)
    return p, r, f, bp, br, tp, found_pairs, truth_pairs


class Groups:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("truth")
    ap.add_argument("records")
    ap.add_argument("--peer")
    ap.add_argument("--name", default=None)
    a = ap.parse_args()

    truth_story, truth_dup = {}, {}
    with open(a.truth, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            truth_story[row["path"]] = row["story"]
            truth_dup[row["path"]] = row["duplicateOf"]

    path_of_id, story, duplicate_of = {}, {}, {}
    with open(a.records, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if "source" not in r or r.get("deleted"):
                continue
            path = key_of(r["source"]["path"])
            if path not in truth_story:
                continue
            path_of_id[r["id"]] = path
            story[path] = r.get("storyId")
            duplicate_of[path] = r.get("duplicateOf")
    if a.peer:
        story = {path: None for path in story}
        duplicate_of = {path: None for path in story}
        with open(a.peer, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["id"] in path_of_id:
                    story[path_of_id[row["id"]]] = row["story"]
    name = a.name or ("peer" if a.peer else "newsnorm")
    # A record without a story (null) is a story of its own.
    found = {path: s if s is not None else "_" + path for path, s in story.items()}
    p, r, f1, bp, br, tp, fp_all, tp_all = cluster_scores(found, truth_story)
    print(f"{name}: {len(found)} records; stories: pairwise P={p:.3f} R={r:.3f} F1={f1:.3f} "
          f"(pairs found {fp_all}, planted {tp_all}, both {tp}); B-cubed P={bp:.3f} R={br:.3f}")
    originals = {path: s for path, s in found.items() if truth_dup[path] is None}
    p, r, f1, bp, br, *_ = cluster_scores(originals, truth_story)
    print(f"{name}: originals only ({len(originals)}): pairwise P={p:.3f} R={r:.3f} F1={f1:.3f}; "
          f"B-cubed P={bp:.3f} R={br:.3f}")

    if a.peer:
        return
    groups = Groups()
    for path, dup in duplicate_of.items():
        if dup is not None and dup in path_of_id:
            groups.join(path, path_of_id[dup])
    found_dup = {path: groups.find(path) for path in found}
    truth_group = {path: truth_dup[path] or path for path in found}
    p, r, f1, _, _, tp, found_pairs, truth_pairs = cluster_scores(found_dup, truth_group)
    marked = sum(1 for d in duplicate_of.values() if d is not None)
    planted = sum(1 for path in found if truth_dup[path] is not None)
    print(f"{name}: duplicates: pairwise P={p:.3f} R={r:.3f} F1={f1:.3f} (pairs found {found_pairs}, "
          f"planted {truth_pairs}, both {tp}); records marked duplicateOf {marked}, planted copies {planted}")


if __name__ == "__main__":
    sys.exit(main())
