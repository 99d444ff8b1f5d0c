#!/usr/bin/env python3
"""Ranks calibration variants by validation macro-F1 averaged over the last five epochs and over splits.

Reads only metrics/history.csv (validation columns) of RUNS/<variant>_s<seed>/, never the Test summary, so the
ranking cannot peek at Test. Usage: summarize.py [RUNS]  (default /tmp/calibration-runs)
"""
import collections
import csv
import glob
import statistics
import sys

runs = sys.argv[1] if len(sys.argv) > 1 else "/tmp/calibration-runs"
variants = collections.defaultdict(dict)
for path in glob.glob(f"{runs}/*/metrics/history.csv"):
    name, seed = path.split("/")[-3].rsplit("_s", 1)
    last5 = list(csv.DictReader(open(path)))[-5:]
    variants[name][int(seed)] = (statistics.mean(float(r["val_accuracy"]) for r in last5),
                                 statistics.mean(float(r["val_macro_f1"]) for r in last5),
                                 float(last5[-1]["accuracy"]))
print(f"{'variant':34s} splits  val_acc  val_macro_f1 (sd)  train_acc")
for name, seeds in sorted(variants.items(), key=lambda kv: -statistics.mean(v[1] for v in kv[1].values())):
    v = list(seeds.values())
    f1 = [x[1] for x in v]
    sd = statistics.stdev(f1) if len(f1) > 1 else float("nan")
    print(f"{name:34s} {len(v):6d}  {statistics.mean(x[0] for x in v):.3f}    {statistics.mean(f1):.3f} ({sd:.3f})"
          f"      {statistics.mean(x[2] for x in v):.2f}")
