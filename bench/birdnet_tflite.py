"""Peer of `soundlab-bench birdnet`: TFLite's own interpreter (XNNPACK delegate, 2 threads, as birdnetlib runs
BirdNET) on the same 3 s windows soundlab embeds.

Usage: python bench/birdnet_tflite.py MODEL WINDOWS.f32 --serve
WINDOWS.f32 holds N windows of 144000 little-endian float32 samples (memory-mapped). Prints `ready` after one
warm-up window, then for every `pass` line on stdin embeds every window one at a time (birdnetlib's way), and for
every `pass8` line in batches of 8 (the input resized to [8, 144000], the last batch padded), answering
`pass <wall s> <cpu s> <windows>`.
"""
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import warnings  # noqa: E402

warnings.filterwarnings("ignore")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def interpreter(model, batch):
    it = tf.lite.Interpreter(model_path=model, num_threads=2)
    inp = it.get_input_details()[0]["index"]
    if batch != 1:
        it.resize_tensor_input(inp, [batch, 144000])
    it.allocate_tensors()
    return it, inp, it.get_output_details()[0]["index"]


def main():
    model, windows_path = sys.argv[1], sys.argv[2]
    windows = np.memmap(windows_path, dtype="<f4", mode="r").reshape(-1, 144000)
    single = interpreter(model, 1)
    batched = interpreter(model, 8)

    def embed_all(ws, size):
        it, inp, out = single if size == 1 else batched
        for start in range(0, len(ws), size):
            part = np.asarray(ws[start:start + size], dtype=np.float32)
            if len(part) < size:
                part = np.concatenate([part, np.zeros((size - len(part), 144000), np.float32)])
            it.set_tensor(inp, part)
            it.invoke()
            it.get_tensor(out)

    embed_all(windows[:1], 1)
    embed_all(windows[:8], 8)
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command not in ("pass", "pass8"):
            break
        start, cpu = time.perf_counter(), time.process_time()
        embed_all(windows, 1 if command == "pass" else 8)
        print(f"pass {time.perf_counter() - start:.4f} {time.process_time() - cpu:.4f} {len(windows)}", flush=True)


if __name__ == "__main__":
    main()
