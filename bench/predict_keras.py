"""Peer of `soundlab-bench predict`: the seed's way to classify one clip, `predict.py --file clip.wav`, in a fresh
process: import Keras, build the baseline, load a soundlab run's weights, librosa features, one forward pass.

Usage: python bench/predict_keras.py RUN_FOLDER CLIP
       python bench/predict_keras.py RUN_FOLDER --batch LIST
Prints the top class and its probability, then one JSON line of the seconds spent in each stage of the process.
With --batch, the clips of LIST (one path a line) are turned into features first, untimed, and `model.predict` is
timed over all of them in batches of 32, best of 3 after a warm-up: one JSON line with the seconds per clip.
"""
import json
import os
import struct
import sys
import time

START = time.perf_counter()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from features_librosa import features  # noqa: E402
from keras_epoch import baseline  # noqa: E402

IMPORTED = time.perf_counter()


def read_safetensors(path):
    """Name -> float32 array, and the metadata, of a safetensors file (8-byte header length, JSON header, data)."""
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {})
    base = 8 + n
    return {k: np.frombuffer(data[base + v["data_offsets"][0]:base + v["data_offsets"][1]], dtype=np.float32).reshape(v["shape"])
            for k, v in header.items()}, meta


def load(run):
    """The baseline with `run`'s weights, and its class names."""
    tensors, meta = read_safetensors(os.path.join(run, "weights.safetensors"))
    classes = meta["classes"].split(",")
    model = baseline(len(classes))
    # soundlab names a layer's tensors by its position in the layer list, Keras orders them layer by layer.
    by_layer = {}
    for name, value in tensors.items():
        index, key = name.split(".", 1)
        by_layer.setdefault(int(index), {})[key] = value
    order = {"kernel": 0, "bias": 1, "gamma": 0, "beta": 1, "moving_mean": 2, "moving_variance": 3}
    weights = [v for i in sorted(by_layer) for _, v in sorted(by_layer[i].items(), key=lambda kv: order[kv[0]])]
    model.set_weights(weights)
    return model, classes


def batch(run, listing):
    model, _ = load(run)
    x = []
    for p in open(listing).read().splitlines():
        try:
            x.append(features(p))
        except Exception:  # a clip librosa cannot read is left out; the time is per clip scored
            pass
    x = np.stack(x)
    model.predict(x, batch_size=32, verbose=0)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        model.predict(x, batch_size=32, verbose=0)
        times.append(time.perf_counter() - start)
    print(json.dumps({"clips": len(x), "per_clip_best": min(times) / len(x)}))


def main():
    if sys.argv[2] == "--batch":
        return batch(sys.argv[1], sys.argv[3])
    run, clip = sys.argv[1], sys.argv[2]
    model, classes = load(run)
    loaded = time.perf_counter()
    x = features(clip)[None]
    featured = time.perf_counter()
    p = model.predict(x, verbose=0)[0]
    done = time.perf_counter()
    top = int(np.argmax(p))
    print(f"{classes[top]} {p[top]:.4f}")
    print(json.dumps({"import": IMPORTED - START, "load": loaded - IMPORTED, "features": featured - loaded,
                      "forward": done - featured}))


if __name__ == "__main__":
    main()
