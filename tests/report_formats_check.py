"""Checks what report_formats_check.sh made: the SARIF logs are valid against the subset schema,
and SARIF, JUnit and the text format agree on every count."""
import json
import re
import sys
import xml.etree.ElementTree as ET

import jsonschema

schema_path, work = sys.argv[1], sys.argv[2]
files, files_with_errors, errors, warnings = map(int, sys.argv[3:7])
schema = json.load(open(schema_path))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
failed = []


def check(condition, what):
    if not condition:
        failed.append(what)


# The text format: one line per problem, "path[:line[:col]]: error|warning: message".
text = open(f"{work}/text.txt", encoding="utf-8", errors="replace").read().splitlines()
text_errors = sum(1 for line in text if re.search(r": error: ", line))
text_warnings = sum(1 for line in text if re.search(r": warning: ", line))
check(text_errors + text_warnings == len(text), f"text lines that are neither errors nor warnings: {text}")
check((text_errors, text_warnings) == (errors, warnings),
      f"hostile suite gave {text_errors} errors, {text_warnings} warnings; expected {errors}, {warnings}")

for name, strict in (("plain", False), ("strict", True), ("good", False)):
    log = json.load(open(f"{work}/{name}.sarif", encoding="utf-8"))
    for error in validator.iter_errors(log):
        failed.append(f"{name}.sarif: {error.json_path}: {error.message}")
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    check(len(rules) == len(set(rules)) and len(rules) >= 30, f"{name}.sarif: rules {rules}")
    results = run["results"]
    levels = [r["level"] for r in results]
    if name == "good":
        check(results == [], f"good.sarif has results: {results}")
        continue
    check(len(results) == text_errors + text_warnings, f"{name}.sarif: {len(results)} results")
    expected_errors = text_errors + (text_warnings if strict else 0)
    check(levels.count("error") == expected_errors, f"{name}.sarif: {levels.count('error')} errors")
    check(levels.count("warning") == (0 if strict else text_warnings), f"{name}.sarif: warnings {levels}")
    for r in results:
        check(r["ruleId"] in rules and rules[r["ruleIndex"]] == r["ruleId"], f"{name}.sarif: rule of {r}")
        region = r["locations"][0]["physicalLocation"].get("region")
        check(region is None or region["startLine"] >= 1, f"{name}.sarif: region of {r}")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    check(any("%3Ca&b%3E%20%22q%22%20%01%1F.md" in u for u in uris), f"{name}.sarif: hostile name not encoded: {uris}")
    # The duplicate-key file is reported at its line: regions are there when known.
    check(any("region" in r["locations"][0]["physicalLocation"] for r in results), f"{name}.sarif: no regions")

for name, strict in (("plain", False), ("strict", True), ("good", False)):
    root = ET.parse(f"{work}/{name}.xml").getroot()
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    expected_files = 1 if name == "good" else files
    check(len(cases) == expected_files and int(suite.get("tests")) == expected_files, f"{name}.xml: {len(cases)} cases")
    check(all(c.get("classname") == "newsnorm.validate" for c in cases), f"{name}.xml: classname")
    failures = [f for c in cases for f in c.findall("failure")]
    failed_cases = sum(1 for c in cases if c.find("failure") is not None)
    check(int(suite.get("failures")) == failed_cases and int(root.get("failures")) == failed_cases,
          f"{name}.xml: failures attribute {suite.get('failures')} vs {failed_cases} failed cases")
    check(suite.get("errors") == "0", f"{name}.xml: errors attribute")
    if name != "good":
        # Under --strict the warning-only file fails too.
        check(failed_cases == files_with_errors + (1 if strict else 0), f"{name}.xml: {failed_cases} failed cases")
    outputs = "".join(c.findtext("system-out") or "" for c in cases).splitlines()
    if name == "good":
        check(failures == [] and outputs == [], f"good.xml is not clean")
        continue
    check(len(failures) == text_errors + (text_warnings if strict else 0), f"{name}.xml: {len(failures)} failures")
    check(len(outputs) == (0 if strict else text_warnings), f"{name}.xml: system-out {outputs}")
    check(all(f.get("message") and f.text and re.match(r".+(:\d+){0,2}: ", f.text) for f in failures),
          f"{name}.xml: failure text")
    names = [c.get("name") for c in cases]
    # Control characters are removed, the markup characters kept (escaped in the file).
    check(any(n.endswith('09 <a&b> "q" .md') for n in names), f"{name}.xml: hostile name: {names}")
    check(any("<&" in f.get("message") for f in failures), f"{name}.xml: message with '<&' lost")

if failed:
    print("\n".join(failed), file=sys.stderr)
    sys.exit(1)
print(f"ok: {files} files, {text_errors} errors, {text_warnings} warnings in text, SARIF and JUnit")
