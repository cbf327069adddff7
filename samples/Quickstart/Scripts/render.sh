#!/bin/sh
# Renders frames FIRST..LAST of the Quickstart shot as SVG images: a ball on a coloured sky.
# Usage: render.sh OUTPUT_DIR FIRST LAST
set -eu
out="$1"; first="$2"; last="$3"
mkdir -p "$out/render"
for f in $(seq "$first" "$last"); do
  awk -v f="$f" 'BEGIN {
    s = sin((f - 1) * 3.14159265 / 8); if (s < 0) s = -s;
    x = 30 + (f - 1) * 11; y = 150 - 110 * s; hue = (f * 13) % 360;
    printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"180\" viewBox=\"0 0 320 180\">\n";
    printf "  <defs><linearGradient id=\"sky\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"hsl(%d,60%%,25%%)\"/><stop offset=\"1\" stop-color=\"hsl(%d,60%%,8%%)\"/></linearGradient></defs>\n", (hue + 180) % 360, (hue + 200) % 360;
    printf "  <rect width=\"320\" height=\"180\" fill=\"url(#sky)\"/>\n";
    printf "  <ellipse cx=\"%.1f\" cy=\"168\" rx=\"%.1f\" ry=\"5\" fill=\"black\" opacity=\"0.4\"/>\n", x, 10 + (168 - y) / 12;
    printf "  <circle cx=\"%.1f\" cy=\"%.1f\" r=\"18\" fill=\"hsl(%d,85%%,60%%)\"/>\n", x, y, hue;
    printf "</svg>\n";
  }' > "$out/render/render.$(printf %04d "$f").svg"
  echo "rendered frame $f"
done
