"""Peer of `soundlab-bench features`: librosa 0.11.0's time for the same pipeline on the same files.

Usage: python bench/features_librosa.py LISTFILE [--passes N]   (one WAV path per line)
Prints one line: `librosa_seconds <best wall s> cpu_seconds <its CPU s> clips <n> failed <k> passes <wall s>...`.
librosa caches nothing between passes, so every pass is as cold as the first.

With --serve instead, it prints `ready` after warming up, then runs one pass for every `pass` line on stdin and
answers `pass <wall s> <cpu s> <failed>`: soundlab-bench interleaves these passes with its own.
"""
import sys
import time

import librosa
import numpy as np


def features(path):
    y, _ = librosa.load(path, sr=16000, mono=True)
    s = librosa.feature.melspectrogram(y=y, sr=16000, n_fft=1024, hop_length=512, n_mels=128)
    d = librosa.power_to_db(s).T
    z = (d - d.mean()) / (d.std() + 1e-8)
    out = np.zeros((500, 128), dtype=np.float32)
    n = min(500, z.shape[0])
    out[:n] = z[:n]
    return out


def one_pass(paths):
    failed = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for p in paths:
        try:
            features(p)
        except Exception:
            failed += 1
    return time.perf_counter() - start, time.process_time() - cpu_start, failed


def main():
    paths = [p for p in open(sys.argv[1]).read().splitlines() if p]
    if "--serve" in sys.argv:
        features(paths[0])  # warm imports and caches, as the Swift side builds its plans first too
        print("ready", flush=True)
        for line in sys.stdin:
            if line.strip() != "pass":
                break
            wall, cpu, failed = one_pass(paths)
            print(f"pass {wall:.4f} {cpu:.4f} {failed}", flush=True)
        return
    passes = int(sys.argv[sys.argv.index("--passes") + 1]) if "--passes" in sys.argv else 1
    features(paths[0])  # warm imports and caches, as the Swift side builds its plans first too
    runs = [one_pass(paths) for _ in range(passes)]
    wall, cpu, failed = min(runs)
    walls = " ".join(f"{r[0]:.4f}" for r in runs)
    print(f"librosa_seconds {wall:.4f} cpu_seconds {cpu:.4f} clips {len(paths)} failed {failed} passes {walls}")


if __name__ == "__main__":
    main()
