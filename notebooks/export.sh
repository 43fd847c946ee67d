#!/usr/bin/env bash
# Exports every course notebook, with its stored outputs, to standalone HTML (math typeset to SVG, no scripts:
# it reads offline on a machine without Jupyter) and to PDF (A4 by default), through headless Chromium.
#   notebooks/export.sh [OUTDIR] [--paper a4|letter]      (default OUTDIR: notebooks/export)
# Needs (Debian): jupyter-nbconvert chromium chromium-driver python3-selenium libjs-mathjax
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/export"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --paper) args+=(--paper "$2"); shift 2 ;;
    --paper=*) args+=(--paper "${1#--paper=}"); shift ;;
    *) out="$1"; shift ;;
  esac
done
python=/usr/bin/python3
[ -x "$python" ] || python="$(command -v python3)"
exec "$python" "$here/export.py" --out "$out" "${args[@]}"
