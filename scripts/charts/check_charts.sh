#!/usr/bin/env bash
# make check-charts: every SVG under charts/ and runs/*/charts/ and charts/index.html must be well-formed XML
# (xmllint), and charts/index.html, every comparison chart and one run's charts of each experiment must render in
# a real headless browser (Debian's chromium-headless-shell) to a PNG that is not blank. Installs the two Debian
# packages when missing. Usage: check_charts.sh [CHARTS_DIR [RUNS_DIR]]
set -euo pipefail
charts=${1:-charts}
runs=${2:-runs}
need=()
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v chromium-headless-shell >/dev/null || need+=(chromium-headless-shell)
if [ ${#need[@]} -gt 0 ]; then
  echo "check-charts: installing ${need[*]}"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  else sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; fi
fi
[ -f "$charts/index.html" ] || { echo "check-charts: $charts/index.html is missing (soundlab charts writes it)"; exit 1; }

mapfile -t svgs < <(find "$charts" "$runs" -path '*/.*' -prune -o -name '*.svg' -print 2>/dev/null | sort)
xmllint --noout "$charts/index.html" "${svgs[@]}"
echo "check-charts: ${#svgs[@]} SVG files and index.html are well-formed"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
render=("$charts/index.html" "$charts"/*.svg)
# One run per experiment (the first seed's folder in name order) is enough to catch a broken kind of chart.
for first in $(find "$runs" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | sort | awk -F/ '{n=$NF; sub(/-seed[0-9]+$/, "", n); if (!(n in s)) {s[n]=1; print}}'); do
  render+=("$first"/charts/*.svg)
done
pngs=()
i=0
for file in "${render[@]}"; do
  i=$((i + 1))
  png="$out/$i.png"
  chromium-headless-shell --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,800 \
    --screenshot="$png" "file://$(realpath "$file")" >/dev/null 2>&1 || { echo "check-charts: the browser failed on $file"; exit 1; }
  pngs+=("$png")
  echo "$i $file" >> "$out/names"
done
if ! python3 "$(dirname "$0")/png_not_blank.py" "${pngs[@]}" > "$out/report"; then
  while read -r line; do
    n=$(basename "${line%%:*}" .png); echo "check-charts: $(grep "^$n " "$out/names" | cut -d' ' -f2-): ${line#*: }"
  done < "$out/report"
  exit 1
fi
echo "check-charts: ${#pngs[@]} pages rendered by $(chromium-headless-shell --version 2>/dev/null | head -1), none blank"
