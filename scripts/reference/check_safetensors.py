#!/usr/bin/env python3
"""Check that a soundlab-written .safetensors file loads in the Python `safetensors` package.

    python3 scripts/reference/check_safetensors.py FILE [FILE ...] [--expect NAME=D0xD1x...] [--meta KEY=VALUE]

For each file: loads it with safetensors.numpy.load_file, requires every tensor to be float32 (soundlab writes F32
only) and finite, prints one line per tensor (name, shape, min, max), and checks the optional expectations:
`--expect conv.kernel=3x128x32` (a tensor with that shape exists; `--expect step=` for a scalar) and
`--meta format=soundlab` (the header's __metadata__ holds that pair). Also re-saves the tensors with the Python
package and requires the same bytes when the file has at most one metadata key (the Rust writer orders several
keys arbitrarily), which pins soundlab's sorted, space-padded layout.
Exit status 0 when every check passes, 1 otherwise, 2 for bad arguments; needs only numpy and safetensors.
"""
import argparse
import os
import sys
import tempfile

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file


def check(path, expects, metas):
    problems = []
    try:
        tensors = load_file(path)
        with safe_open(path, framework="np") as f:
            metadata = f.metadata() or {}
    except Exception as error:  # the package raises several types; any is a failed interop
        return [f"{path}: safetensors cannot load it: {error}"]
    for name, value in sorted(tensors.items()):
        lo = float(value.min()) if value.size else float("nan")
        hi = float(value.max()) if value.size else float("nan")
        print(f"{path}: {name} {value.dtype} {list(value.shape)} min {lo:.6g} max {hi:.6g}")
        if value.dtype != np.float32:
            problems.append(f"{path}: tensor '{name}' is {value.dtype}, soundlab writes float32 only")
        if value.size and not np.isfinite(value).all():
            problems.append(f"{path}: tensor '{name}' has non-finite values")
    for name, shape in expects:
        if name not in tensors:
            problems.append(f"{path}: expected tensor '{name}' is missing")
        elif list(tensors[name].shape) != shape:
            problems.append(f"{path}: tensor '{name}' has shape {list(tensors[name].shape)}, expected {shape}")
    for key, value in metas:
        if metadata.get(key) != value:
            problems.append(f"{path}: __metadata__[{key!r}] is {metadata.get(key)!r}, expected {value!r}")
    if len(metadata) <= 1:
        with tempfile.TemporaryDirectory() as tmp:
            again = os.path.join(tmp, "again.safetensors")
            save_file(tensors, again, metadata=metadata or None)
            with open(path, "rb") as a, open(again, "rb") as b:
                if a.read() != b.read():
                    problems.append(f"{path}: bytes differ from what the Python package writes for the same tensors")
    return problems


def parse_expect(text):
    name, sep, dims = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"--expect wants NAME=D0xD1..., got {text!r}")
    try:
        return name, [int(d) for d in dims.split("x")] if dims else []
    except ValueError:
        raise argparse.ArgumentTypeError(f"--expect shape must be integers joined by 'x', got {dims!r}")


def parse_meta(text):
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"--meta wants KEY=VALUE, got {text!r}")
    return key, value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="soundlab-written .safetensors files")
    parser.add_argument("--expect", action="append", default=[], type=parse_expect,
                        help="NAME=D0xD1...: a tensor with this shape must exist (empty shape for a scalar)")
    parser.add_argument("--meta", action="append", default=[], type=parse_meta,
                        help="KEY=VALUE: the header's __metadata__ must hold this pair")
    args = parser.parse_args()
    problems = []
    for path in args.files:
        problems += check(path, args.expect, args.meta)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"check_safetensors: {len(args.files)} file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
