#!/bin/bash
# Runs one calibration variant on several validation splits (the split seed is the run seed), never on Test's say:
#   scripts/calibration/sweep.sh NAME EXPERIMENT.yaml [--set key=value ...]
# writes $RUNS/NAME_s<seed>/ for each seed in $SEEDS; scripts/calibration/summarize.py $RUNS ranks the variants.
set -u
name=$1; yaml=$2; shift 2
RUNS=${RUNS:-/tmp/calibration-runs}; mkdir -p "$RUNS"
SOUNDLAB=${SOUNDLAB:-.build/release/soundlab}
for s in ${SEEDS:-42 7 1 3 11}; do
  [ -f "$RUNS/${name}_s$s/metrics/summary.csv" ] && continue
  "$SOUNDLAB" run "$yaml" --runs "$RUNS" --set "name=${name}_s$s" --set "seed=$s" \
    --set data.validation_fraction=0.2 "$@" > "$RUNS/log_${name}_s$s.txt" 2>&1 || echo "FAILED $name seed $s (see $RUNS/log_${name}_s$s.txt)"
done
