#!/usr/bin/env python3
"""Write the TFLite reference fixtures of Tests/ModelFormatsTests/Fixtures/.

ops/<case>.tflite + ops/<case>.json: tiny models made by tf.lite.TFLiteConverter, one or a few ops each, with
inputs and the outputs TFLite's own interpreter computes from them. Every op of BirdNET V2.4's FP32 model appears
in at least one case (the script checks), with the variants the model needs and a few it does not (broadcasting
both ways, SAME and VALID padding, strides, dilation, fused activations, masks, negative axes, integer shapes).

birdnet/: for real clips of Animals_Sounds recorded at 48 kHz (so no resampling is involved), the windows soundlab
cuts (3 s, later windows of at least 1 s zero-padded, a clip shorter than that one zero-padded window) and the
embedding (model/GLOBAL_AVG_POOL/Mean, 1024 values) and class scores (the model's output, 6522 logits) TFLite's
interpreter gives for each window, averaged over the clip's windows; also one silent window.

Setup (the model comes from `make birdnet`; nothing here is downloaded at run time):
    python3 -m venv .venv-tflite
    .venv-tflite/bin/pip install tensorflow-cpu==2.21.0 soundfile==0.14.0
    .venv-tflite/bin/python scripts/reference/make_tflite_fixtures.py [--model models/birdnet/BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite]
"""
import argparse
import hashlib
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np  # noqa: E402
import soundfile  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.lite.python import schema_py_generated as schema  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "ModelFormatsTests", "Fixtures")
OP_NAMES = {v: k for k, v in schema.BuiltinOperator.__dict__.items() if not k.startswith("_")}
BIRDNET_OPS = {"CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "MUL", "ADD", "SUB", "DIV", "POW", "MAXIMUM",
               "LOGISTIC", "MEAN", "REDUCE_PROD", "REDUCE_MIN", "REDUCE_MAX", "RFFT2D", "RESHAPE", "PACK", "SHAPE",
               "STRIDED_SLICE", "CONCATENATION", "GATHER", "FLOOR_DIV", "EXPAND_DIMS", "SQUEEZE", "PAD", "RANGE",
               "CAST", "REVERSE_V2", "TRANSPOSE", "SPLIT_V", "AVERAGE_POOL_2D", "MAX_POOL_2D"}
EMBEDDING = "model/GLOBAL_AVG_POOL/Mean"
RATE, WINDOW, MIN_TAIL = 48000, 144000, 48000


def rng(seed):
    return np.random.default_rng(seed)


def f32(seed, *shape, lo=-1.0, hi=1.0):
    return rng(seed).uniform(lo, hi, size=shape).astype(np.float32)


def ops_of(model_bytes):
    m = schema.Model.GetRootAsModel(model_bytes, 0)
    g = m.Subgraphs(0)
    names = []
    for k in range(g.OperatorsLength()):
        oc = m.OperatorCodes(g.Operators(k).OpcodeIndex())
        names.append(OP_NAMES[max(oc.BuiltinCode(), oc.DeprecatedBuiltinCode())])
    return names


def convert(fn, specs):
    concrete = tf.function(fn, input_signature=specs).get_concrete_function()
    converter = tf.lite.TFLiteConverter.from_concrete_functions([concrete], fn)
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS]
    return converter.convert()


def run_tflite(model_bytes, inputs):
    it = tf.lite.Interpreter(model_content=model_bytes, num_threads=1)
    for d, x in zip(it.get_input_details(), inputs):
        it.resize_tensor_input(d["index"], list(x.shape))
    it.allocate_tensors()
    for d, x in zip(it.get_input_details(), inputs):
        it.set_tensor(d["index"], x)
    it.invoke()
    return [it.get_tensor(d["index"]) for d in it.get_output_details()]


def encode(x):
    x = np.asarray(x)
    if x.dtype == np.complex64:
        flat = np.stack([x.real, x.imag], axis=-1).astype(np.float32).ravel()
        return {"type": "complex64", "shape": list(x.shape), "values": [float(v) for v in flat]}
    if x.dtype == np.int32:
        return {"type": "int32", "shape": list(x.shape), "values": [int(v) for v in x.ravel()]}
    assert x.dtype == np.float32, x.dtype
    return {"type": "float32", "shape": list(x.shape), "values": [float(v) for v in x.ravel()]}


def spec(shape, dtype=tf.float32):
    return tf.TensorSpec(shape, dtype)


def op_cases():
    """(name, function, input specs, concrete inputs, ops that must appear)."""
    i32 = tf.int32
    w3 = f32(10, 3, 3, 3, 4)
    b4 = f32(11, 4)
    wd = f32(12, 2, 3, 4, 1)
    dw = f32(13, 3, 3, 3, 2)
    db = f32(14, 6)
    fc_w, fc_b = f32(15, 5, 3), f32(16, 3)
    gather_idx = np.array([[2, 0], [1, 1], [3, 2]], np.int32)
    return [
        ("add_broadcast_relu", lambda x, y: tf.nn.relu(x + y), [spec([2, 3, 4]), spec([4])],
         [f32(1, 2, 3, 4), f32(2, 4)], {"ADD"}),
        ("sub_broadcast_both", lambda x, y: x - y, [spec([2, 1, 3]), spec([4, 1])],
         [f32(3, 2, 1, 3), f32(4, 4, 1)], {"SUB"}),
        ("mul_relu6", lambda x, y: tf.nn.relu6(x * y * 8.0), [spec([3, 4]), spec([3, 4])],
         [f32(5, 3, 4), f32(6, 3, 4)], {"MUL"}),
        ("div_broadcast", lambda x, y: x / y, [spec([2, 3]), spec([2, 1])],
         [f32(7, 2, 3), f32(8, 2, 1, lo=0.5, hi=2.0)], {"DIV"}),
        ("pow_float", lambda x, y: tf.pow(x, y), [spec([2, 3]), spec([])],
         [f32(9, 2, 3, lo=0.1, hi=3.0), np.float32(0.2295)], {"POW"}),
        ("maximum_broadcast", lambda x, y: tf.maximum(x, y), [spec([2, 3]), spec([3])],
         [f32(17, 2, 3), f32(18, 3)], {"MAXIMUM"}),
        ("floor_div_int", lambda a, b: tf.math.floordiv(a, b), [spec([6], i32), spec([6], i32)],
         [np.array([7, -7, 7, -7, 0, 144000], np.int32), np.array([2, 2, -2, -2, 3, 278], np.int32)], {"FLOOR_DIV"}),
        ("logistic", lambda x: tf.sigmoid(x), [spec([2, 5])], [f32(19, 2, 5, lo=-12, hi=12)], {"LOGISTIC"}),
        ("conv2d_same_stride2_relu",
         lambda x: tf.nn.relu(tf.nn.conv2d(x, w3, strides=2, padding="SAME") + b4), [spec([1, 7, 6, 3])],
         [f32(20, 1, 7, 6, 3)], {"CONV_2D"}),
        ("conv2d_valid_dilated", lambda x: tf.nn.conv2d(x, wd, strides=1, padding="VALID", dilations=2),
         [spec([2, 6, 7, 4])], [f32(21, 2, 6, 7, 4)], {"CONV_2D"}),
        ("depthwise_same_stride2",
         lambda x: tf.nn.depthwise_conv2d(x, dw, strides=[1, 2, 2, 1], padding="SAME") + db, [spec([1, 5, 6, 3])],
         [f32(22, 1, 5, 6, 3)], {"DEPTHWISE_CONV_2D"}),
        ("depthwise_valid_relu6",
         lambda x: tf.nn.relu6(4.0 * tf.nn.depthwise_conv2d(x, dw[:, :, :, :1], strides=[1, 1, 1, 1], padding="VALID")),
         [spec([1, 5, 4, 3])], [f32(23, 1, 5, 4, 3)], {"DEPTHWISE_CONV_2D"}),
        ("fully_connected_relu", lambda x: tf.nn.relu(tf.matmul(x, fc_w) + fc_b), [spec([2, 5])],
         [f32(24, 2, 5)], {"FULLY_CONNECTED"}),
        ("pools_same_valid",
         lambda x: (tf.nn.avg_pool2d(x, ksize=(2, 3), strides=(2, 2), padding="SAME"),
                    tf.nn.max_pool2d(x, ksize=(1, 2), strides=(1, 2), padding="VALID")),
         [spec([1, 5, 7, 2])], [f32(25, 1, 5, 7, 2)], {"AVERAGE_POOL_2D", "MAX_POOL_2D"}),
        ("reductions",
         lambda x: (tf.reduce_mean(x, axis=[1, 2]), tf.reduce_max(x, axis=-1, keepdims=True),
                    tf.reduce_min(x, axis=[0], keepdims=True)),
         [spec([2, 3, 4])], [f32(26, 2, 3, 4)], {"MEAN", "REDUCE_MAX", "REDUCE_MIN"}),
        ("reduce_prod_int", lambda x: tf.reduce_prod(tf.shape(x)[1:]),
         [spec([None, None, None])], [f32(27, 2, 3, 5)], {"SHAPE", "STRIDED_SLICE", "REDUCE_PROD"}),
        ("rfft2d_complex", lambda x: tf.signal.rfft2d(x, fft_length=[4, 8]), [spec([2, 3, 6])],
         [f32(28, 2, 3, 6)], {"RFFT2D"}),
        ("rfft_cast_real", lambda x: tf.cast(tf.signal.rfft(x, fft_length=[16]), tf.float32), [spec([3, 16])],
         [f32(29, 3, 16)], {"RFFT2D", "CAST"}),
        ("signal_frame", lambda x: tf.signal.frame(x, 5, 3), [spec([None, None])], [f32(30, 2, 17)],
         {"SHAPE", "RANGE", "GATHER", "FLOOR_DIV"}),
        ("strided_slices",
         lambda x: (x[:, 1:-1:2, ::-1], x[0], x[-1, :, 2:3], x[:, ::-2]),
         [spec([3, 6, 4])], [f32(31, 3, 6, 4)], {"STRIDED_SLICE"}),
        ("gather_axis1", lambda x: tf.gather(x, gather_idx, axis=1), [spec([2, 4, 3])], [f32(32, 2, 4, 3)],
         {"GATHER"}),
        ("split_v", lambda x: tf.split(x, [2, -1, 1], axis=1), [spec([2, 6, 3])], [f32(33, 2, 6, 3)], {"SPLIT_V"}),
        ("pad", lambda x: tf.pad(x, [[0, 0], [1, 2], [2, 0]]), [spec([2, 3, 2])], [f32(34, 2, 3, 2)], {"PAD"}),
        ("reverse", lambda x: tf.reverse(x, axis=[1]), [spec([2, 5, 3])], [f32(35, 2, 5, 3)], {"REVERSE_V2"}),
        ("transpose", lambda x: tf.transpose(x, [2, 0, 1]), [spec([2, 3, 4])], [f32(36, 2, 3, 4)], {"TRANSPOSE"}),
        ("cast_int_float", lambda x: (tf.cast(x * 3.0, tf.int32), tf.cast(tf.shape(x), tf.float32)),
         [spec([None, 4])], [f32(37, 2, 4)], {"CAST", "SHAPE"}),
        ("concat_pack", lambda x, y: (tf.concat([x, y, x], axis=-1), tf.stack([x, y], axis=1)),
         [spec([2, 3]), spec([2, 3])], [f32(38, 2, 3), f32(39, 2, 3)], {"CONCATENATION", "PACK"}),
        ("reshape_expand_squeeze",
         lambda x: (tf.reshape(x, [-1, 2]), tf.expand_dims(x, -1), tf.squeeze(x, [1]), tf.squeeze(x)),
         [spec([None, 1, None])], [f32(40, 3, 1, 4)], {"RESHAPE", "EXPAND_DIMS", "SQUEEZE"}),
        ("int_shape_arithmetic",
         lambda x: tf.reshape(x, tf.stack([tf.shape(x)[0] * 2, tf.shape(x)[1] // 2 + 0 - 0])),
         [spec([None, None])], [f32(41, 3, 4)], {"SHAPE", "MUL", "FLOOR_DIV", "PACK", "RESHAPE"}),
    ]


def write_op_fixtures():
    out_dir = os.path.join(FIXTURES, "ops")
    os.makedirs(out_dir, exist_ok=True)
    covered = set()
    for name, fn, specs, inputs, required in op_cases():
        model = convert(fn, specs)
        ops = ops_of(model)
        missing = required - set(ops)
        assert not missing, f"{name}: converter produced {ops}, missing {missing}"
        covered |= set(ops)
        outputs = run_tflite(model, [np.asarray(x) for x in inputs])
        with open(os.path.join(out_dir, name + ".tflite"), "wb") as f:
            f.write(model)
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump({"name": name, "ops": ops, "inputs": [encode(np.asarray(x)) for x in inputs],
                       "outputs": [encode(y) for y in outputs]}, f, separators=(",", ":"))
        print(f"ops/{name}: {len(model)} bytes, {ops}")
    assert BIRDNET_OPS <= covered, f"not covered: {sorted(BIRDNET_OPS - covered)}"
    # Models the reader must refuse when loading: an op it does not run, an option, a tensor type.
    unsupported = {
        "softmax": (lambda x: tf.nn.softmax(x), [spec([2, 3])]),
        "gather_batch_dims": (lambda x, i: tf.gather(x, i, axis=1, batch_dims=1), [spec([2, 4, 3]), spec([2, 2], tf.int32)]),
        "add_int64": (lambda x, y: x + y, [spec([3], tf.int64), spec([3], tf.int64)]),
    }
    for name, (fn, specs) in unsupported.items():
        model = convert(fn, specs)
        with open(os.path.join(out_dir, f"unsupported_{name}.tflite"), "wb") as f:
            f.write(model)
        print(f"ops/unsupported_{name}:", ops_of(model))


def windows(samples):
    """soundlab's windows: every 3 s; a last window shorter than 1 s is dropped unless it is the only one."""
    out = []
    for start in range(0, max(len(samples), 1), WINDOW):
        part = samples[start:start + WINDOW]
        if len(part) < MIN_TAIL and start > 0:
            break
        out.append(np.pad(part, (0, WINDOW - len(part))).astype(np.float32))
    return out


def write_birdnet_fixtures(model_path):
    out_dir = os.path.join(FIXTURES, "birdnet")
    os.makedirs(out_dir, exist_ok=True)
    it = tf.lite.Interpreter(model_path=model_path, num_threads=2, experimental_preserve_all_tensors=True)
    plain = tf.lite.Interpreter(model_path=model_path, num_threads=1,
                                experimental_op_resolver_type=tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
                                experimental_preserve_all_tensors=True)
    for i in (it, plain):
        i.allocate_tensors()
    emb_index = next(d["index"] for d in it.get_tensor_details() if d["name"] == EMBEDDING)

    def infer(interp, window):
        interp.set_tensor(interp.get_input_details()[0]["index"], window[None, :])
        interp.invoke()
        return interp.get_tensor(emb_index)[0].copy(), interp.get_tensor(interp.get_output_details()[0]["index"])[0].copy()

    clips = [
        ("Animals_Sounds/Test/Bird/Kus_162.wav", "shorter than one window (1 s)"),
        ("Animals_Sounds/Training/Bird/Kus_99.wav", "exactly one window (3 s)"),
        ("Animals_Sounds/Test/Bird/Kus_163.wav", "4.5 s: a full window and a padded 1.5 s one"),
        ("Animals_Sounds/Training/Chicken/tavuk_1.wav", "8.7 s: three windows, the last padded"),
        ("Animals_Sounds/Test/Bird/Kus_199.wav", "16.5 s: six windows"),
        (None, "silence: one window of zeros"),
    ]
    manifest = {"model_sha256": hashlib.sha256(open(model_path, "rb").read()).hexdigest(),
                "embedding_tensor": EMBEDDING, "tensorflow": tf.__version__, "clips": []}
    worst_delegate = 0.0
    for path, note in clips:
        if path is None:
            samples, name = np.zeros(WINDOW, np.float32), "silence"
        else:
            samples, rate = soundfile.read(os.path.join(ROOT, path), dtype="float32", always_2d=False)
            assert rate == RATE and samples.ndim == 1, (path, rate, samples.shape)
            name = os.path.splitext(os.path.basename(path))[0]
        ws = windows(samples)
        embs, scores = zip(*(infer(it, w) for w in ws))
        embs_plain, scores_plain = zip(*(infer(plain, w) for w in ws))
        worst_delegate = max(worst_delegate, float(np.max(np.abs(np.array(embs) - np.array(embs_plain)))),
                             float(np.max(np.abs(np.array(scores) - np.array(scores_plain)))))
        emb, score = np.mean(embs, axis=0).astype(np.float32), np.mean(scores, axis=0).astype(np.float32)
        emb.astype("<f4").tofile(os.path.join(out_dir, name + ".embedding.f32"))
        score.astype("<f4").tofile(os.path.join(out_dir, name + ".scores.f32"))
        manifest["clips"].append({
            "name": name, "path": path, "note": note, "samples": int(len(samples)), "windows": len(ws),
            "input_sha256": hashlib.sha256(np.concatenate(ws).astype("<f4").tobytes()).hexdigest(),
            "first_window_embedding": [float(v) for v in embs[0][:8]],
        })
        print(f"birdnet/{name}: {len(samples)} samples, {len(ws)} windows, top class {int(np.argmax(score))}")
    manifest["xnnpack_vs_builtin_max_abs"] = worst_delegate
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print("XNNPACK against TFLite's builtin kernels, largest difference:", worst_delegate)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=os.path.join(ROOT, "models", "birdnet", "BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite"))
    parser.add_argument("--skip-ops", action="store_true")
    args = parser.parse_args()
    if not args.skip_ops:
        write_op_fixtures()
    if not os.path.exists(args.model):
        sys.exit(f"{args.model} is missing: run `make birdnet` first")
    write_birdnet_fixtures(args.model)


if __name__ == "__main__":
    main()
