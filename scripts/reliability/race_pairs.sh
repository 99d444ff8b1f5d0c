#!/usr/bin/env bash
# Starts N pairs of identical `soundlab run`s at the same moment (default 100) and checks that both exit 0, that
# the run folder is complete and identical (weights and metrics) to a reference run, and that no .tmp-/.old-
# folder is left. Usage: scripts/reliability/race_pairs.sh [PAIRS] (from the repository root, after make build).
set -uo pipefail
pairs=${1:-100}
bin=${SOUNDLAB_BIN:-.build/release/soundlab}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(run experiments/baseline_1d_cnn.yaml --set seed=42 --set train.epochs=2 --cache "$work/cache")
"$bin" "${args[@]}" --runs "$work/reference" >/dev/null 2>&1 || { echo "reference run failed"; exit 1; }
ref="$work/reference/baseline_1d_cnn"
failed=0 differ=0 leftovers=0
for i in $(seq 1 "$pairs"); do
  "$bin" "${args[@]}" --runs "$work/raced" >"$work/a.log" 2>&1 & a=$!
  "$bin" "${args[@]}" --runs "$work/raced" >"$work/b.log" 2>&1 & b=$!
  wait $a; ra=$?; wait $b; rb=$?
  if [ $ra -ne 0 ] || [ $rb -ne 0 ]; then failed=$((failed + 1)); echo "pair $i: exits $ra $rb"; tail -1 "$work/a.log" "$work/b.log"; fi
  out="$work/raced/baseline_1d_cnn"
  if ! grep -q '"complete" : true' "$out/run.json" 2>/dev/null \
     || ! cmp -s "$ref/weights.safetensors" "$out/weights.safetensors" \
     || ! cmp -s "$ref/metrics/confusion_matrix.csv" "$out/metrics/confusion_matrix.csv" \
     || ! cmp -s <(cut -d, -f1-7 "$ref/metrics/summary.csv") <(cut -d, -f1-7 "$out/metrics/summary.csv"); then
    differ=$((differ + 1)); echo "pair $i: run folder differs from the reference"
  fi
  if ls -a "$work/raced" | grep -qE '^\.(tmp|old)-'; then leftovers=$((leftovers + 1)); echo "pair $i: temporary folder left"; fi
done
echo "$pairs pairs: $failed with a failed exit, $differ with a differing folder, $leftovers with a folder left behind"
[ $failed -eq 0 ] && [ $differ -eq 0 ] && [ $leftovers -eq 0 ]
