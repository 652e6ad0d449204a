#!/usr/bin/env bash
# Checks that the peers of the readers' later benchmark run here: feedparser and langdetect from
# Debian (NEWSNORM_EXTRAS=1 bash cmake/install-deps.sh installs them), warcio from npm into a
# temporary folder. Not the benchmark: one small input each. Usage: readers_peers.sh [SHARED_DIR]
set -euo pipefail
shared=${1:-$(dirname "$0")/../../../shared}
# Debian's python3, where its packages are, whatever python3 a PATH puts first.
/usr/bin/python3 - "$shared" <<'PY'
import sys, feedparser, langdetect
feed = feedparser.parse(sys.argv[1] + "/feeds/feedparser-tests/wellformed/rss/item_guid.xml")
langdetect.DetectorFactory.seed = 0
print("feedparser", feedparser.__version__, "guid", feed.entries[0].guid, "bozo", feed.bozo)
print("langdetect", langdetect.detect("Die Bundesregierung hat am Dienstag angekündigt, die Zinsen anzuheben"))
PY
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
(cd "$folder" && npm install --silent --no-audit --no-fund warcio >/dev/null)
cat >"$folder/run.mjs" <<'JS'
import { WARCParser } from 'warcio';
import fs from 'fs';
const types = [];
for await (const record of new WARCParser(fs.createReadStream(process.argv[2]))) types.push(record.warcType);
console.log('warcio', types.join(','));
JS
(cd "$folder" && node run.mjs "$(realpath "$shared")/warc/warcio-test-data/example.warc.gz")
