"""Peer for `soundlab-bench train`: one epoch of a model in Keras on the same shapes as soundlab's side.

Usage: keras_epoch.py [EPOCHS] [MODEL] [CLIPS], MODEL one of baseline (experiments/baseline_1d_cnn.yaml, the
default, 557 clips) or alexnet_mel (experiments/alexnet_mel.yaml, 697 clips).
Prints one JSON line: {"framework": ..., "epoch_seconds_median": ..., "epoch_seconds_best": ...}.
Data are random (CLIPS x 500 x 128, 10 classes): an epoch's time does not depend on the values.
"""
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402


def baseline(classes=10):
    return keras.Sequential([
        keras.Input((500, 128)),
        layers.Conv1D(32, 3, activation="relu"), layers.BatchNormalization(), layers.MaxPooling1D(2), layers.Dropout(0.3),
        layers.Conv1D(64, 3, activation="relu"), layers.BatchNormalization(), layers.MaxPooling1D(2), layers.Dropout(0.3),
        layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dropout(0.4),
        layers.Dense(classes, activation="softmax"),
    ])


def alexnet_mel(classes=10):
    """experiments/alexnet_mel.yaml, layer for layer."""
    return keras.Sequential([
        keras.Input((500, 128)), layers.Reshape((500, 128, 1)),
        layers.Conv2D(12, 11, strides=4, activation="relu"), layers.BatchNormalization(), layers.MaxPooling2D(3, 2),
        layers.Conv2D(32, 5, padding="same", activation="relu"), layers.BatchNormalization(), layers.MaxPooling2D(3, 2),
        layers.Conv2D(48, 3, padding="same", activation="relu"), layers.BatchNormalization(),
        layers.Conv2D(48, 3, padding="same", activation="relu"), layers.BatchNormalization(),
        layers.Conv2D(32, 3, padding="same", activation="relu"), layers.BatchNormalization(), layers.MaxPooling2D(3, 2),
        layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dropout(0.5),
        layers.Dense(128, activation="relu"), layers.Dropout(0.5),
        layers.Dense(classes, activation="softmax"),
    ])


MODELS = {"baseline": (baseline, 557), "alexnet_mel": (alexnet_mel, 697)}


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    make, clips = MODELS[sys.argv[2] if len(sys.argv) > 2 else "baseline"]
    clips = int(sys.argv[3]) if len(sys.argv) > 3 else clips
    rng = np.random.default_rng(0)
    x = rng.standard_normal((clips, 500, 128), dtype=np.float32)
    y = keras.utils.to_categorical(rng.integers(0, 10, clips), 10)
    model = make()
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    # One fit over all epochs, timed per epoch by a callback: repeated fit(epochs=1) calls would each pay Keras's
    # per-call setup (data adapter, callbacks, iterator), which is not part of an epoch.
    timer = EpochTimer()
    model.fit(x, y, batch_size=32, epochs=epochs, verbose=0, shuffle=True, callbacks=[timer])
    steady = sorted(timer.times[1:])  # the first epoch pays for tracing
    print(json.dumps({"framework": f"keras {keras.__version__} / {keras.backend.backend()}",
                      "epoch_seconds_median": steady[len(steady) // 2], "epoch_seconds_best": steady[0]}))


class EpochTimer(keras.callbacks.Callback):
    """Wall time of each epoch, from its first batch's start to its end."""

    def __init__(self):
        super().__init__()
        self.times = []
        self._start = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self._start)


if __name__ == "__main__":
    main()
