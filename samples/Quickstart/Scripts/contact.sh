#!/bin/sh
# Builds a contact sheet of every composited frame, as one SVG and as an HTML page.
# Usage: contact.sh OUTPUT_DIR FIRST LAST
set -eu
out="$1"; first="$2"; last="$3"
count=$(( last - first + 1 ))
cols=6
rows=$(( (count + cols - 1) / cols ))
{
  echo "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"$(( cols * 170 ))\" height=\"$(( rows * 110 ))\">"
  i=0
  for f in $(seq "$first" "$last"); do
    pad=$(printf %04d "$f")
    test -s "$out/comp/comp.$pad.svg" || { echo "missing comp frame $pad" >&2; exit 1; }
    echo "  <image x=\"$(( (i % cols) * 170 ))\" y=\"$(( (i / cols) * 110 ))\" width=\"170\" height=\"110\" href=\"comp/comp.$pad.svg\" xlink:href=\"comp/comp.$pad.svg\"/>"
    i=$(( i + 1 ))
  done
  echo "</svg>"
} > "$out/contact_sheet.svg"
{
  echo "<!doctype html><meta charset=\"utf-8\"><title>Quickstart contact sheet</title>"
  echo "<style>body{font-family:sans-serif;background:#222;color:#ddd} img{width:170px;margin:2px}</style>"
  echo "<h1>OpenCue.Authoring Quickstart: $count frames</h1>"
  for f in $(seq "$first" "$last"); do
    echo "<img src=\"comp/comp.$(printf %04d "$f").svg\" alt=\"frame $f\">"
  done
} > "$out/contact_sheet.html"
echo "contact sheet of $count frames"
