#!/usr/bin/env bash
# Smoke test of the one-folder bundle, as a user without Python, virtual environment or network:
# a clean environment (env -i), a fresh HOME, no network namespace when we may make one (root),
# Qt offscreen. Usage: packaging/smoke_test.sh dist/parallax
set -euo pipefail
BUNDLE=$(cd "${1:?usage: smoke_test.sh BUNDLE_DIR}" && pwd)
SEEDS=$(cd "$(dirname "$0")/../seeds" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

NO_NET=()
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  NO_NET=(unshare -n)  # a network namespace with only a loopback that is down
fi
app() {
  "${NO_NET[@]}" env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen "$BUNDLE/parallax-app" "$@"
}
step() { echo "smoke: $*"; }

start=$(date +%s%N)
step "first run (creates the user data dir, imports the demo, shows the window)"
app --self-test | tee "$WORK/first.txt"
grep -q "first run: demo imported" "$WORK/first.txt"
test -f "$WORK/home/.local/share/parallax/parallax.db"
step "second run (finds the database), files on the command line open the import wizard"
app --self-test "$SEEDS"/000_*.txt "$SEEDS"/001_*.txt | tee "$WORK/second.txt"
grep -q "demo already present" "$WORK/second.txt"
grep -q "import wizard opened with 2 of 2 paths" "$WORK/second.txt"

step "import the seeds, export JSON and PDF through the bundled command line"
app import "$SEEDS" --collection Smoke --db "$WORK/smoke.db"
app export --collection Smoke --format json --out "$WORK/smoke.json" --db "$WORK/smoke.db"
app export --collection Smoke --format pdf --out "$WORK/smoke.pdf" --db "$WORK/smoke.db"
# The reader runs PDF export as this child process and reads its JSON progress lines.
app export --collection Smoke --format pdf --out "$WORK/child.pdf" --db "$WORK/smoke.db" \
  --progress > "$WORK/child.jsonl"
tail -1 "$WORK/child.jsonl" | grep -q '"event": "done"'
python3 - "$WORK/smoke.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
assert data["schema"] == "parallax/comparison-1", data.get("schema")
assert len(data["articles"]) == 5, len(data["articles"])
PY
[ "$(head -c 5 "$WORK/smoke.pdf")" = "%PDF-" ]
# The bundled sentence encoder (onnxruntime + resources/models/minilm) ran at import.
python3 - "$WORK/smoke.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
body = db.execute("SELECT count(*) FROM statements WHERE role = 'body'").fetchone()[0]
encoded = db.execute("SELECT count(*) FROM statement_meanings").fetchone()[0]
assert body > 0 and encoded == body, (body, encoded)
PY
if command -v pdftotext >/dev/null; then
  pdftotext "$WORK/smoke.pdf" "$WORK/smoke.txt"
  grep -q "Borrell" "$WORK/smoke.txt"
fi
step "a page saved by a browser (.mhtml) imports through the bundled reader of saved pages"
python3 - "$SEEDS"/002_*.txt "$WORK/saved.mhtml" <<'PY'
import html, sys
from email.message import EmailMessage
text = open(sys.argv[1], encoding="utf-8").read()
body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
message = EmailMessage()
message["Snapshot-Content-Location"] = "https://news.example.org/borrell"
message["Subject"] = "Borrell in Moscow"
message.set_content(f"<html><head><title>Borrell</title></head><body><article>{body}"
                    "</article></body></html>", subtype="html")
open(sys.argv[2], "wb").write(bytes(message))
PY
app import "$WORK/saved.mhtml" --collection Saved --db "$WORK/smoke.db" | tee "$WORK/saved.txt"
grep -q "^imported" "$WORK/saved.txt"
app --version
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
echo "smoke: passed in $((elapsed_ms / 1000)).$((elapsed_ms % 1000 / 100)) s"
