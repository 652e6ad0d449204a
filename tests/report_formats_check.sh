#!/usr/bin/env bash
# `validate --format sarif` and `--format junit` over the hostile-input suite: both documents are
# valid (SARIF against a schema written from the SARIF 2.1.0 specification, JUnit against
# fixtures/junit.xsd with xmllint) and count what the text format counts.
set -euo pipefail
binary=$(realpath "$1") fixtures=$(cd "$(dirname "$0")/fixtures" && pwd) here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Relative paths, as CI gives them: SARIF keeps them relative.
cd "$work"
in=in
mkdir "$in"

# The hostile files (names sort in this order): 11 files, 9 with errors, 10 errors, 2 warnings.
printf -- '---\ntitle: Good\nprovider: {name: Example, domain: example.com}\nurl: https://example.com/a\npublishedDateTime: 2020-05-19T15:00:00Z\n---\nbody\n' > "$in/01-good.md"
printf -- '---\ntitle: x\nbody without a closing line\n' > "$in/02-unclosed.md"
printf -- '---\ntitle: a\nb: c: d\n---\n' > "$in/03-invalid-yaml.md"
printf -- '---\ntitle: a\ntitle: b\n---\n' > "$in/04-duplicate.md"
printf 'PK\003\004\000\000\000\000binary\000\000' > "$in/05-binary.md"
printf '\377\376t\000i\000t\000l\000e\000\n\000' > "$in/06-utf16.md"
: > "$in/07-empty.md"
python3 -c 'print("---\na: " + "[" * 2000 + "]" * 2000 + "\n---")' > "$in/08-deep.md"
# Markup and control characters in the name and in the message (the duplicate key is quoted).
hostile_name=$'09 <a&b> "q" \x01\x1f.md'
printf -- '---\n"<&\\"\\x01>": 1\n"<&\\"\\x01>": 2\n---\n' > "$in/$hostile_name"
# Warnings only: an entity in the title.
printf -- '---\ntitle: Fish &amp; chips\nprovider: {name: Example, domain: example.com}\nurl: https://example.com/b\npublishedDateTime: 2020-05-19T15:00:00Z\n---\nbody\n' > "$in/10-warning.md"
# A warning (a byte that is not UTF-8) and two errors (bare text: no url, no date).
printf 'Not UTF-8: caf\351\n\nbody\n' > "$in/11-latin1.txt"

status=0
"$binary" validate -q "$in" > "$work/text.txt" || status=$?
[[ $status == 1 ]] || { echo "validate exit status $status, expected 1" >&2; exit 1; }
"$binary" validate -q --format sarif "$in" > "$work/plain.sarif" || true
"$binary" validate -q --format sarif --strict "$in" > "$work/strict.sarif" || true
"$binary" validate -q --format junit "$in" > "$work/plain.xml" || true
"$binary" validate -q --format junit --strict "$in" > "$work/strict.xml" || true
"$binary" validate -q --format junit "$in/01-good.md" > "$work/good.xml"
"$binary" validate -q --format sarif "$in/01-good.md" > "$work/good.sarif"

for xml in plain strict good; do
  xmllint --noout "$work/$xml.xml"
  xmllint --noout --schema "$fixtures/junit.xsd" "$work/$xml.xml" 2> "$work/xmllint.err" ||
    { cat "$work/xmllint.err" >&2; exit 1; }
done

/usr/bin/python3 "$here/report_formats_check.py" "$fixtures/sarif-2.1.0-subset.schema.json" "$work" 11 9 10 2
