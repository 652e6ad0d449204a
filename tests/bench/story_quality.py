#!/usr/bin/env python3
"""Story quality against labels made by reading the data (not a test: it never fails on figures).

usage: story_quality.py LABELS.jsonl RECORDS.jsonl [PEER.jsonl]
LABELS: {"path" (relative to the corpus root), "event" (null: shares its event with no other),
"uncertain"} per labelled record, e.g. tests/fixtures/stories/powerapps-events.jsonl.
RECORDS: newsnorm records (their storyId is judged). PEER: {"id","story"} lines, as
../shared/peers/tfidf-stories.py writes them for the same records.
Prints pairwise precision/recall/F1 and B-cubed precision/recall/F1 over the labelled records,
leaving out the ones marked uncertain, and how many pairs of unlabelled records share a story.
"""
import itertools
import json
import sys


def scores(pred, labels):
    certain = [l for l in labels if not l.get("uncertain")]
    tp = fp = fn = 0
    for a, b in itertools.combinations(certain, 2):
        same_true = a["event"] is not None and a["event"] == b["event"]
        same_pred = pred.get(a["path"]) is not None and pred.get(a["path"]) == pred.get(b["path"])
        tp += same_true and same_pred
        fp += same_pred and not same_true
        fn += same_true and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    truth = {l["path"]: l["event"] or "_" + l["path"] for l in certain}
    found = {l["path"]: pred.get(l["path"]) or "_" + l["path"] for l in certain}
    bp = br = 0.0
    for path in truth:
        same_found = [q for q in truth if found[q] == found[path]]
        same_truth = [q for q in truth if truth[q] == truth[path]]
        both = sum(1 for q in same_found if truth[q] == truth[path])
        bp += both / len(same_found)
        br += both / len(same_truth)
    bp /= len(truth)
    br /= len(truth)
    return p, r, 2 * p * r / (p + r) if p + r else 0, bp, br, 2 * bp * br / (bp + br)


def relative(path, labelled):
    for candidate in labelled:
        if path.endswith("/" + candidate) or path == candidate:
            return candidate
    return None


def main():
    labels = [json.loads(line) for line in open(sys.argv[1])]
    labelled = {l["path"] for l in labels}
    records = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
    records = [r for r in records if "source" in r and not r.get("deleted")]
    suffix = {}
    for r in records:
        path = r["source"]["path"]
        hit = next((c for c in (path.split("/", k)[-1] for k in range(path.count("/") + 1)) if c in labelled), None)
        suffix[r["id"], path] = hit
    outputs = {"newsnorm": {suffix[r["id"], r["source"]["path"]]: r["storyId"] for r in records}}
    if len(sys.argv) > 3:
        story_of = {}
        for line in open(sys.argv[3]):
            row = json.loads(line)
            story_of.setdefault(row["id"], row["story"])
        outputs["peer"] = {suffix[r["id"], r["source"]["path"]]: story_of.get(r["id"]) for r in records}
    for name, pred in outputs.items():
        pred.pop(None, None)
        p, r, f, bp, br, bf = scores(pred, labels)
        print(f"{name:9s} pairwise P={p:.3f} R={r:.3f} F1={f:.3f}   B-cubed P={bp:.3f} R={br:.3f} F1={bf:.3f}")


if __name__ == "__main__":
    main()
