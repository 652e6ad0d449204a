#!/usr/bin/python3
"""Validates every JSON line of a newsnorm output against `newsnorm schema`, with Debian's jsonschema.
usage: schema_check.py SCHEMA.json RECORDS.jsonl MIN_RECORDS"""
import json
import sys

from jsonschema import Draft202012Validator

schema_path, records_path, minimum = sys.argv[1], sys.argv[2], int(sys.argv[3])
schema = json.load(open(schema_path, encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)


def undescribed(node, where):
    """Every property of the schema must say what it is."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if "description" not in sub:
                yield f"{where}/properties/{name}"
        for key, sub in node.items():
            yield from undescribed(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from undescribed(sub, f"{where}/{i}")


missing = list(undescribed(schema, "#"))
if missing:
    sys.exit("properties without a description: " + ", ".join(missing))

count = failures = 0
with open(records_path, encoding="utf-8") as records:
    for number, line in enumerate(records, 1):
        record = json.loads(line)
        count += 1
        for error in validator.iter_errors(record):
            failures += 1
            print(f"line {number} ({record.get('source', {}).get('path')}): {error.message} at {list(error.path)}")
            if failures > 20:
                sys.exit("too many failures")
print(f"{count} records checked against the schema, {failures} failures")
sys.exit(1 if failures or count < minimum else 0)
