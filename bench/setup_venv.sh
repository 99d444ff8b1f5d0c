#!/usr/bin/env bash
# Creates .venv-bench (git-ignored) with the Python peer of `soundlab-bench features`:
# librosa 0.11.0 (the version the parity fixtures were made with), python-soxr and soundfile, and the peer of
# `soundlab-bench train`: Keras 3.15 on TensorFlow 2.21 (CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-bench
PY=${PYTHON:-python3}
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import librosa, soxr, soundfile, keras, tensorflow; assert librosa.__version__ == "0.11.0"' 2>/dev/null; then
  echo "setup_venv: $VENV ready"; exit 0
fi
"$PY" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check librosa==0.11.0 soxr soundfile
# The training-epoch peer: Keras 3 on TensorFlow's CPU build (the versions measured in the issue).
"$VENV/bin/pip" install --quiet --disable-pip-version-check tensorflow-cpu==2.21.0 keras==3.15.1
"$VENV/bin/python" -c 'import librosa, soxr, soundfile; print("setup_venv: librosa", librosa.__version__, "soxr", soxr.__version__, "soundfile", soundfile.__version__)'
