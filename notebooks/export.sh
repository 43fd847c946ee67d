#!/usr/bin/env bash
# Exports every course notebook, with its stored outputs, to standalone HTML (tensor cards and graph pictures are
# plain HTML/SVG, so no kernel or JavaScript is needed to read them) and to PDF through headless Chromium.
#   notebooks/export.sh [OUTDIR]        (default: notebooks/export)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/export}"
mkdir -p "$out"
chrome="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$chrome" ] || { echo "export: Chromium not found (Debian: apt-get install chromium)" >&2; exit 1; }
command -v jupyter-nbconvert >/dev/null || command -v jupyter >/dev/null || { echo "export: jupyter nbconvert not found (Debian: apt-get install jupyter-nbconvert)" >&2; exit 1; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for nb in "$here"/*.ipynb; do
  name="$(basename "$nb" .ipynb)"
  jupyter nbconvert --to html --log-level WARN --output-dir "$out" "$nb"
  "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --virtual-time-budget=5000 \
    --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$out/$name.html" >/dev/null 2>&1
  [ -s "$out/$name.pdf" ] || { echo "export: no PDF for $name" >&2; exit 1; }
  echo "exported $name: $out/$name.html, $out/$name.pdf"
done
