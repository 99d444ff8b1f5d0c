"""The seed's Keras baseline, trained on exactly the clips a soundlab run used, to compare accuracy like for like.

Usage: python scripts/reference/keras_baseline.py RUN_FOLDER [--all-training] [SEED ...]
Reads RUN_FOLDER/split.csv (train / validation / Test clips) and the dataset under Animals_Sounds/, computes the
features with librosa (the seed's front end), trains the baseline 1D-CNN in Keras (30 epochs, batch 32, Adam 1e-3,
the last epoch's weights) once per seed — with --all-training on the train and validation clips together,
validating on Test as a script without a validation split does — and prints one line per seed: validation and Test accuracy and macro-F1.
Needs librosa and keras (bench/setup_venv.sh makes such a virtualenv). Not used by any test.
"""
import csv
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402

# The seed's front end and model are the ones the benchmarks time: one definition each.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
from features_librosa import features  # noqa: E402
from keras_epoch import baseline  # noqa: E402


def macro_f1(y, p, classes):
    f1s = []
    for c in range(classes):
        tp = np.sum((p == c) & (y == c))
        fp = np.sum((p == c) & (y != c))
        fn = np.sum((p != c) & (y == c))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return float(np.mean(f1s))


def main():
    run = sys.argv[1]
    all_training = "--all-training" in sys.argv
    seeds = [int(s) for s in sys.argv[2:] if s != "--all-training"] or [42]
    rows = list(csv.DictReader(open(os.path.join(run, "split.csv"))))
    names = sorted({r["class"] for r in rows})
    sets = {}
    for r in rows:
        sets.setdefault(r["subset"], []).append(r)
    data = {}
    for subset, items in sets.items():
        x = np.stack([features(os.path.join("Animals_Sounds", r["file"])) for r in items])
        y = np.array([names.index(r["class"]) for r in items])
        data[subset] = (x, y)
    test = [k for k in data if k not in ("train", "validation")][0]  # validation is absent when nothing was held out
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        model = baseline(len(names))
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        xt, yt = data["train"]
        held = data.get("validation")
        if all_training and held is not None:
            xt, yt = np.concatenate([xt, held[0]]), np.concatenate([yt, held[1]])
            held = None
        monitor = held or data[test]
        model.fit(xt, keras.utils.to_categorical(yt, len(names)), batch_size=32, epochs=30, verbose=0, shuffle=True,
                  validation_data=(monitor[0], keras.utils.to_categorical(monitor[1], len(names))))
        out = [f"seed {seed}"]
        for subset in (["validation"] if held is not None else []) + [test]:
            x, y = data[subset]
            p = np.argmax(model.predict(x, verbose=0), axis=1)
            out.append(f"{subset} acc {np.mean(p == y):.4f} macro-F1 {macro_f1(y, p, len(names)):.4f}")
        print("  ".join(out), flush=True)


if __name__ == "__main__":
    main()
