#!/bin/sh
# Composites one rendered frame: a border, a title and the frame number over the render.
# Usage: comp.sh OUTPUT_DIR FRAME
set -eu
out="$1"; f="$2"
pad=$(printf %04d "$f")
src="$out/render/render.$pad.svg"
test -s "$src" || { echo "missing render $src" >&2; exit 1; }
mkdir -p "$out/comp"
{
  echo '<svg xmlns="http://www.w3.org/2000/svg" width="340" height="220" viewBox="0 0 340 220">'
  echo '  <rect width="340" height="220" fill="#e8e4da"/>'
  echo '  <svg x="10" y="10" width="320" height="180" viewBox="0 0 320 180">'
  sed -n '/<svg /,/<\/svg>/{/<svg /d;/<\/svg>/d;p}' "$src"
  echo '  </svg>'
  echo "  <text x=\"12\" y=\"210\" font-family=\"monospace\" font-size=\"12\" fill=\"#333\">quickstart sh010  frame $pad</text>"
  echo '</svg>'
} > "$out/comp/comp.$pad.svg"
echo "composited frame $f"
