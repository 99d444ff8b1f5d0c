#!/usr/bin/env python3
"""Builds the folders the robust recipe was chosen on, from Training only (Test is never touched):
OUT/Train/<Class>/ and OUT/Val/<Class>/ as symbolic links to Animals_Sounds/Training clips, a stratified 80/20 split
with byte-identical clips kept on one side, and OUT/Noise linked to Animals_Sounds/Noise. Deterministic.

    python3 scripts/selection/make_holdout.py OUT
"""
import hashlib
import os
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Animals_Sounds")
root = os.path.normpath(root)
out = os.path.abspath(sys.argv[1])
if os.path.exists(out):
    sys.exit(f"{out} exists; remove it first")
train = os.path.join(root, "Training")
for cls in sorted(os.listdir(train)):
    folder = os.path.join(train, cls)
    if not os.path.isdir(folder):
        continue
    groups = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
        groups.setdefault(digest, []).append(name)
    # Order groups by their digest (a fixed pseudo-random order), hold out every fifth clip's worth.
    ordered = sorted(groups.items())
    total = sum(len(v) for v in groups.values())
    held = 0
    for digest, names in ordered:
        side = "Val" if held < round(total * 0.2) else "Train"
        if side == "Val":
            held += len(names)
        for name in names:
            dest = os.path.join(out, side, cls)
            os.makedirs(dest, exist_ok=True)
            os.symlink(os.path.join(folder, name), os.path.join(dest, name))
os.symlink(os.path.join(root, "Noise"), os.path.join(out, "Noise"))
for side in ("Train", "Val"):
    counts = {c: len(os.listdir(os.path.join(out, side, c))) for c in sorted(os.listdir(os.path.join(out, side)))}
    print(side, sum(counts.values()), counts)
