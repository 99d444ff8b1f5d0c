"""Peer of `soundlab-bench birdnet`: TFLite's own interpreter (XNNPACK delegate, 2 threads, as birdnetlib runs
BirdNET) on the same 3 s windows soundlab embeds.

Usage: python bench/birdnet_tflite.py MODEL WINDOWS.f32 --serve
WINDOWS.f32 holds N windows of 144000 little-endian float32 samples. Prints `ready` after one warm-up window, then
for every `pass` line on stdin embeds every window, one at a time, and answers `pass <wall s> <cpu s> <windows>`.
"""
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import warnings  # noqa: E402

warnings.filterwarnings("ignore")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

EMBEDDING = "model/GLOBAL_AVG_POOL/Mean"


def main():
    model, windows_path = sys.argv[1], sys.argv[2]
    windows = np.fromfile(windows_path, dtype="<f4").reshape(-1, 144000)
    it = tf.lite.Interpreter(model_path=model, num_threads=2)
    it.allocate_tensors()
    inp = it.get_input_details()[0]["index"]
    out = it.get_output_details()[0]["index"]

    def embed_all(ws):
        for w in ws:
            it.set_tensor(inp, w[None, :])
            it.invoke()
            it.get_tensor(out)

    embed_all(windows[:1])
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "pass":
            break
        start, cpu = time.perf_counter(), time.process_time()
        embed_all(windows)
        print(f"pass {time.perf_counter() - start:.4f} {time.process_time() - cpu:.4f} {len(windows)}", flush=True)


if __name__ == "__main__":
    main()
