#!/usr/bin/env python3
"""Write the NN reference fixtures (Tests/NNTests/Fixtures/*.safetensors + manifest.json).

Every number comes from Keras 3 on the JAX backend (CPU, float32), so the Swift layers are checked against an
established framework rather than against themselves. Each layer case stores its inputs, weights (Keras
shapes, channels-last), the forward output, a random cotangent and the gradients of L = sum(output * cotangent)
with respect to the input and every weight, taken with jax.grad through the layer's stateless_call.

Setup (see Tests/NNTests/Fixtures/README.md):
    python3 -m venv .venv-ref
    .venv-ref/bin/pip install -r scripts/reference/requirements.txt
    KERAS_BACKEND=jax JAX_PLATFORMS=cpu .venv-ref/bin/python scripts/reference/make_fixtures.py
"""
import inspect
import json
import math
import os
import platform
import sys
import zlib

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import safetensors  # noqa: E402
from safetensors import safe_open  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402

assert keras.backend.backend() == "jax", "run with KERAS_BACKEND=jax"

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "NNTests", "Fixtures")
VERSIONS = {
    "generator": "scripts/reference/make_fixtures.py",
    "python": platform.python_version(),
    "keras": keras.__version__,
    "keras_backend": keras.backend.backend(),
    "jax": jax.__version__,
    "jaxlib": jax.lib.__version__ if hasattr(jax.lib, "__version__") else __import__("jaxlib").__version__,
    "numpy": np.__version__,
    "safetensors": safetensors.__version__,
}
MANIFEST = {}


def rng_for(name):
    """One seeded generator per fixture, so adding a case never changes another case's numbers.

    Clearing the Keras session resets automatic layer names, so a partial run writes the same metadata."""
    keras.backend.clear_session()
    return np.random.default_rng(zlib.crc32(name.encode()))


def f32(a):
    return np.array(a, dtype=np.float32, order="C")  # keeps 0-d scalars 0-d, unlike ascontiguousarray


def save(name, tensors, description, config=None, extra_meta=None):
    tensors = {k: f32(v) for k, v in tensors.items()}
    meta = dict(VERSIONS)
    meta["description"] = description
    if config is not None:
        meta["config"] = json.dumps(config, sort_keys=True)
    meta.update(extra_meta or {})
    path = os.path.join(OUT, name + ".safetensors")
    save_file(tensors, path, metadata=meta)
    canonicalize(path)
    size = os.path.getsize(path)
    assert size < 300_000, f"{name} is {size} bytes"
    MANIFEST[name] = {
        "description": description,
        "tensors": {k: list(v.shape) for k, v in sorted(tensors.items())},
    }
    print(f"{name}: {size} bytes, {len(tensors)} tensors")


def canonicalize(path):
    """Sort the __metadata__ keys in the header the package wrote, so a rerun gives the same bytes.

    The Rust writer emits metadata in hash-map order; everything else (tensors sorted by name, compact JSON,
    space padding) is already deterministic. The header keeps its length, so the data offsets stay valid.
    """
    with open(path, "rb") as f:
        blob = f.read()
    n = int.from_bytes(blob[:8], "little")
    header = json.loads(blob[8:8 + n], object_pairs_hook=lambda pairs: pairs)
    parts = []
    for key, value in header:
        if key == "__metadata__":
            value = dict(sorted(value))
        else:
            value = dict(value)
        parts.append(json.dumps(key, ensure_ascii=False) + ":" + json.dumps(value, ensure_ascii=False,
                                                                           separators=(",", ":")))
    text = ("{" + ",".join(parts) + "}").encode()
    assert len(text) <= n and blob[8 + len(text):8 + n].strip() == b"", path
    text += b" " * (n - len(text))
    with open(path, "wb") as f:
        f.write(blob[:8] + text + blob[8 + n:])
    metadata = next((dict(v) for k, v in header if k == "__metadata__"), None)
    with safe_open(path, framework="np") as f:
        assert f.metadata() == metadata, path  # the package still reads the rewritten header


def weight_name(layer, variable):
    """Keras variable path without the layer's own name: 'query/kernel' -> 'query_kernel'."""
    parts = variable.path.split("/")[1:]
    parts = [p for p in parts if not p.endswith("_cell")]
    parts = ["forward" if p.startswith("forward_") else "backward" if p.startswith("backward_") else p
             for p in parts]
    return "_".join(parts)


def layer_case(name, layer, inputs, description, rng, training=False, call_kwargs=None,
               input_names=None, weight_scale=0.5, init=None, extra=None):
    """Run a Keras layer through stateless_call and store output and gradients of sum(output * cotangent)."""
    call_kwargs = call_kwargs or {}
    inputs = [f32(x) for x in (inputs if isinstance(inputs, (list, tuple)) else [inputs])]
    input_names = input_names or (["input"] if len(inputs) == 1 else [f"input{i}" for i in range(len(inputs))])
    layer(*inputs, **call_kwargs)  # builds the variables
    for v in layer.variables:
        value = init(weight_name(layer, v), v) if init else None
        if value is None:
            value = rng.standard_normal(v.shape) * weight_scale
        v.assign(f32(value))
    tv = [jnp.asarray(v.value) for v in layer.trainable_variables]
    ntv = [jnp.asarray(v.value) for v in layer.non_trainable_variables]

    kwargs = dict(call_kwargs)
    if "training" in inspect.signature(layer.call).parameters:
        kwargs["training"] = training

    def forward(xs, tvs):
        out, new_ntv = layer.stateless_call(tvs, ntv, *xs, **kwargs)
        return out, new_ntv

    out, new_ntv = forward([jnp.asarray(x) for x in inputs], tv)
    cot = f32(rng.standard_normal(out.shape))

    def loss(xs, tvs):
        return jnp.sum(forward(xs, tvs)[0] * cot)

    gx, gw = jax.grad(loss, argnums=(0, 1))([jnp.asarray(x) for x in inputs], tv)
    t = {}
    for n, x, g in zip(input_names, inputs, gx):
        t[n] = x
        t["grad_" + n] = g
    for v, value, g in zip(layer.trainable_variables, tv, gw):
        t[weight_name(layer, v)] = value
        t["grad_" + weight_name(layer, v)] = g
    for v, value, new in zip(layer.non_trainable_variables, ntv, new_ntv):
        if "seed_generator" in v.path:
            continue  # the GRU's dropout seed: unused with dropout 0, not part of the layer's maths
        t[weight_name(layer, v)] = value
        if training:
            t["updated_" + weight_name(layer, v)] = new
    t["output"] = out
    t["cotangent"] = cot
    t.update(extra or {})
    config = layer.get_config()
    config = {k: v for k, v in config.items() if isinstance(v, (int, float, str, bool, list, tuple, type(None)))}
    config["class"] = type(layer).__name__
    config["training"] = training
    save(name, t, description, config)


# ---------------------------------------------------------------- convolutions and dense

def conv_cases():
    for name, kw, length in [
        ("conv1d_s1_valid", dict(kernel_size=3, strides=1, padding="valid"), 11),
        ("conv1d_s1_same", dict(kernel_size=3, strides=1, padding="same"), 11),
        ("conv1d_s2_valid", dict(kernel_size=3, strides=2, padding="valid"), 11),
        ("conv1d_s2_same_k4", dict(kernel_size=4, strides=2, padding="same"), 11),
        ("conv1d_d2_same", dict(kernel_size=3, strides=1, padding="same", dilation_rate=2), 11),
        ("conv1d_d2_valid", dict(kernel_size=3, strides=1, padding="valid", dilation_rate=2), 11),
    ]:
        rng = rng_for(name)
        layer = keras.layers.Conv1D(4, **kw)
        layer_case(name, layer, rng.standard_normal((2, length, 3)),
                   f"Conv1D(filters=4, {kw}) on input [N, L, C]; kernel [K, Cin, Cout]", rng)

    name = "conv2d_s2_same_g2"
    rng = rng_for(name)
    layer = keras.layers.Conv2D(6, (3, 3), strides=2, padding="same", groups=2)
    layer_case(name, layer, rng.standard_normal((2, 7, 6, 4)),
               "Conv2D(6, 3x3, strides 2, same, groups 2) on [N, H, W, C]; kernel [KH, KW, Cin/groups, Cout]; "
               "output channels [g*Cout/groups, (g+1)*Cout/groups) see input channels [g*Cin/groups, ...)", rng)

    name = "conv2d_s1_valid"
    rng = rng_for(name)
    layer = keras.layers.Conv2D(3, (2, 3), strides=1, padding="valid")
    layer_case(name, layer, rng.standard_normal((2, 5, 6, 2)),
               "Conv2D(3, kernel 2x3, stride 1, valid) on [N, H, W, C]; kernel [KH, KW, Cin, Cout]", rng)

    name = "depthwise_conv2d"
    rng = rng_for(name)
    layer = keras.layers.DepthwiseConv2D((3, 3), strides=1, padding="same", depth_multiplier=2)
    layer_case(name, layer, rng.standard_normal((2, 6, 5, 3)),
               "DepthwiseConv2D(3x3, stride 1, same, depth_multiplier 2); kernel [KH, KW, Cin, M]; "
               "output channel c*M + m comes from input channel c", rng)

    name = "dense"
    rng = rng_for(name)
    layer = keras.layers.Dense(3)
    layer_case(name, layer, rng.standard_normal((4, 5)), "Dense(3), no activation; kernel [in, out]", rng)

    name = "dense_rank3"
    rng = rng_for(name)
    layer = keras.layers.Dense(3)
    layer_case(name, layer, rng.standard_normal((2, 4, 5)),
               "Dense(3) on [N, T, in]: applied to the last axis; kernel [in, out]", rng)


# ---------------------------------------------------------------- normalisation

def norm_cases():
    def bn_init(n, v):
        if n == "moving_variance":
            return rng.uniform(0.5, 2.0, v.shape)
        if n == "gamma":
            return 1.0 + 0.3 * rng.standard_normal(v.shape)
        return None

    for name, training in [("batchnorm_train", True), ("batchnorm_infer", False)]:
        rng = rng_for(name)
        layer = keras.layers.BatchNormalization(momentum=0.99, epsilon=1e-3)
        x = rng.standard_normal((4, 6, 3)) * 2.0 + 0.7
        mode = ("training: normalise by the batch mean and biased batch variance over axes (N, L); "
                "updated_moving_* = moving * 0.99 + batch_stat * 0.01 (biased variance)"
                if training else "inference: normalise by moving_mean / moving_variance")
        layer_case(name, layer, x, f"BatchNormalization(momentum 0.99, epsilon 1e-3) on [N, L, C], {mode}; "
                   "y = gamma * (x - mean) / sqrt(var + eps) + beta", rng, training=training, init=bn_init)

    name = "batchnorm2d_train"
    rng = rng_for(name)
    layer = keras.layers.BatchNormalization(momentum=0.99, epsilon=1e-3)
    layer_case(name, layer, rng.standard_normal((3, 4, 5, 2)) + 0.3,
               "BatchNormalization in training on [N, H, W, C]: statistics over (N, H, W), biased variance",
               rng, training=True, init=bn_init)

    name = "layernorm"
    rng = rng_for(name)
    layer = keras.layers.LayerNormalization(epsilon=1e-3)
    layer_case(name, layer, rng.standard_normal((2, 5, 6)) * 1.5 + 0.2,
               "LayerNormalization(axis -1, epsilon 1e-3): y = gamma * (x - mean) / sqrt(biased var + eps) + beta",
               rng, init=lambda n, v: 1.0 + 0.3 * rng.standard_normal(v.shape) if n == "gamma" else None)


# ---------------------------------------------------------------- pooling

def pool_cases():
    cases = [
        ("max_pool1d", keras.layers.MaxPooling1D(2), (2, 9, 3), "MaxPooling1D(pool 2, strides 2, valid): L=9 -> 4"),
        ("max_pool1d_p3s2", keras.layers.MaxPooling1D(3, strides=2), (2, 9, 3),
         "MaxPooling1D(pool 3, strides 2, valid): overlapping windows, gradient accumulates"),
        ("avg_pool1d", keras.layers.AveragePooling1D(2), (2, 9, 3), "AveragePooling1D(pool 2, strides 2, valid)"),
        ("max_pool2d", keras.layers.MaxPooling2D(2), (2, 5, 6, 3), "MaxPooling2D(2x2, strides 2x2, valid)"),
        ("avg_pool2d", keras.layers.AveragePooling2D(2), (2, 5, 6, 3), "AveragePooling2D(2x2, strides 2x2, valid)"),
        ("global_avg_pool1d", keras.layers.GlobalAveragePooling1D(), (2, 7, 3),
         "GlobalAveragePooling1D: mean over L, output [N, C]"),
        ("global_avg_pool2d", keras.layers.GlobalAveragePooling2D(), (2, 4, 5, 3),
         "GlobalAveragePooling2D: mean over H and W, output [N, C]"),
    ]
    for name, layer, shape, description in cases:
        rng = rng_for(name)
        layer_case(name, layer, rng.standard_normal(shape), description + "; channels last", rng)


# ---------------------------------------------------------------- attention

def mha_cases():
    for name, tq, tk in [("mha_self", 5, 5), ("mha_cross", 4, 5)]:
        rng = rng_for(name)
        d = 6
        layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3)
        key_mask = np.ones((2, tk), np.float32)
        key_mask[1, -2:] = 0.0  # second sample: the last two keys are padding
        attention_mask = np.broadcast_to(key_mask[:, None, :], (2, tq, tk)).astype(bool)
        q = rng.standard_normal((2, tq, d))
        if name == "mha_self":
            inputs, names = [q, q], None
            layer(q, q, attention_mask=attention_mask)
            desc_inputs = "query = value = key = input [N, T, d]"
        else:
            v = rng.standard_normal((2, tk, d))
            inputs, names = [q, v], ["query", "value"]
            desc_inputs = "query [N, Tq, d], value = key [N, Tk, d]"
        description = (
            f"MultiHeadAttention(num_heads 2, key_dim 3, d {d}), {desc_inputs}; key padding mask key_mask [N, Tk] "
            "(1 keep, 0 pad) broadcast to attention_mask [N, Tq, Tk]; Q = x.query_kernel[d, heads, head_dim] + "
            "query_bias[heads, head_dim] (same for key/value), scores = (Q / sqrt(head_dim)) . K, masked scores get "
            "-1e9 added before softmax over keys, out = sum_h,e attn(h).V[h,e] . attention_output_kernel[h, e, d] "
            "+ attention_output_bias[d]; no dropout")
        if name == "mha_self":
            self_case(name, layer, q, attention_mask, key_mask, description, rng)
        else:
            layer_case(name, layer, inputs, description, rng, input_names=names,
                       call_kwargs=dict(attention_mask=attention_mask), extra={"key_mask": key_mask})


def self_case(name, layer, x, attention_mask, key_mask, description, rng):
    """Self-attention: the same input feeds query and value, so grad_input is the sum through both paths."""
    class SelfAttention(keras.layers.Layer):
        def __init__(self, inner):
            super().__init__(name="self_attention")
            self.inner = inner

        def call(self, x):
            return self.inner(x, x, attention_mask=attention_mask)

    wrapper = SelfAttention(layer)
    wrapper(f32(x))

    for v in layer.variables:
        v.assign(f32(rng.standard_normal(v.shape) * 0.5))
    tv = [jnp.asarray(v.value) for v in wrapper.trainable_variables]

    def forward(x, tvs):
        return wrapper.stateless_call(tvs, [], x)[0]

    xj = jnp.asarray(f32(x))
    out = forward(xj, tv)
    cot = f32(rng.standard_normal(out.shape))
    gx, gw = jax.grad(lambda a, b: jnp.sum(forward(a, b) * cot), argnums=(0, 1))(xj, tv)
    t = {"input": x, "grad_input": gx, "output": out, "cotangent": cot, "key_mask": key_mask}
    for v, value, g in zip(wrapper.trainable_variables, tv, gw):
        t[weight_name(layer, v)] = value
        t["grad_" + weight_name(layer, v)] = g
    save(name, t, description, {"class": "MultiHeadAttention", "num_heads": 2, "key_dim": 3})


# ---------------------------------------------------------------- recurrent

def gru_cases():
    for name, bidirectional, return_sequences in [
        ("gru_seq", False, True), ("gru_last", False, False),
        ("bigru_seq", True, True), ("bigru_last", True, False),
    ]:
        rng = rng_for(name)
        gru = keras.layers.GRU(4, return_sequences=return_sequences, reset_after=True)
        layer = keras.layers.Bidirectional(gru, merge_mode="concat") if bidirectional else gru
        what = ("Bidirectional(GRU(4), merge_mode concat): [forward, backward] along the last axis; the backward "
                "GRU reads the sequence reversed and its sequence output is reversed back to input time order; "
                "return_sequences=False concatenates the forward final state with the backward final state "
                "(the backward GRU's state after reading x[0])" if bidirectional else "GRU(4)")
        description = (
            f"{what}, return_sequences={return_sequences}, reset_after=True, tanh / sigmoid, zero initial state, "
            "input [N, T, in]. kernel [in, 3u], recurrent_kernel [u, 3u], bias [2, 3u] (row 0 input bias, row 1 "
            "recurrent bias); column blocks in gate order z, r, h. z = sig(x Wz + bz0 + h Uz + bz1), "
            "r = sig(x Wr + br0 + h Ur + br1), hh = tanh(x Wh + bh0 + r * (h Uh + bh1)), h' = z * h + (1 - z) * hh")
        layer_case(name, layer, rng.standard_normal((2, 5, 3)), description, rng)


# ---------------------------------------------------------------- losses

def loss_case(name, fn, inputs, description, config, extra=None):
    """fn(*inputs) -> scalar; stores inputs, loss and the gradient with respect to every input."""
    js = [jnp.asarray(f32(v)) for v in inputs.values()]
    value, grads = jax.value_and_grad(lambda *a: fn(*a), argnums=tuple(range(len(js))))(*js)
    t = dict(inputs)
    t["loss"] = np.asarray(value).reshape(())
    for n, g in zip(inputs.keys(), grads):
        t["grad_" + n] = g
    t.update(extra or {})
    save(name, t, description, config)


def loss_cases():
    n, c = 6, 4
    # Cross-entropy with class weights, exactly as Model.fit(class_weight=...) does it: the per-sample loss is
    # multiplied by class_weight[label] and the sum is divided by N (sum_over_batch_size), not by sum(weights).
    name = "ce_class_weights"
    rng = rng_for(name)
    logits = rng.standard_normal((n, c)) * 2
    labels = np.eye(c, dtype=np.float32)[rng.integers(0, c, n)]
    class_weight = np.array([0.5, 1.0, 2.0, 4.0], np.float32)
    sample_weight = class_weight[labels.argmax(1)]
    cce = keras.losses.CategoricalCrossentropy(from_logits=True)
    loss_case(name, lambda lg: cce(labels, lg, sample_weight=sample_weight), {"logits": logits},
              "softmax cross-entropy from logits with class weights: loss = sum_i w[y_i] * -log softmax(logits_i)"
              "[y_i] / N (Keras sum_over_batch_size, as fit(class_weight=...)); N=6, C=4",
              {"reduction": "sum_over_batch_size", "divide_by": "N"},
              extra={"labels": labels, "class_weight": class_weight, "sample_weight": sample_weight})

    name = "ce_label_smoothing"
    rng = rng_for(name)
    logits = rng.standard_normal((n, c)) * 2
    labels = np.eye(c, dtype=np.float32)[rng.integers(0, c, n)]
    cce = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)
    loss_case(name, lambda lg: cce(labels, lg), {"logits": logits},
              "softmax cross-entropy from logits with label_smoothing 0.1: target = onehot * 0.9 + 0.1 / C, "
              "loss = mean_i -sum_c target_ic * log softmax(logits_i)_c",
              {"reduction": "sum_over_batch_size", "label_smoothing": 0.1}, extra={"labels": labels})

    name = "focal"
    rng = rng_for(name)
    logits = rng.standard_normal((n, c)) * 2
    labels = np.eye(c, dtype=np.float32)[rng.integers(0, c, n)]
    focal = keras.losses.CategoricalFocalCrossentropy(alpha=0.25, gamma=2.0, from_logits=True)
    loss_case(name, lambda lg: focal(labels, lg), {"logits": logits},
              "CategoricalFocalCrossentropy(alpha 0.25, gamma 2, from_logits): p = softmax(logits) clipped to "
              "[1e-7, 1 - 1e-7], loss = mean_i sum_c -alpha * y_ic * (1 - p_ic)^gamma * log p_ic",
              {"reduction": "sum_over_batch_size", "alpha": 0.25, "gamma": 2.0}, extra={"labels": labels})

    name = "nt_xent"
    rng = rng_for(name)
    tau = 0.5

    def nt_xent(za, zb):
        z = jnp.concatenate([za, zb], 0)
        z = z / jnp.linalg.norm(z, axis=1, keepdims=True)
        sim = z @ z.T / tau
        m = z.shape[0]
        half = m // 2
        sim = jnp.where(jnp.eye(m, dtype=bool), -jnp.inf, sim)
        positive = jnp.concatenate([jnp.arange(half, m), jnp.arange(0, half)])
        logp = jax.nn.log_softmax(sim, axis=1)
        return -jnp.mean(logp[jnp.arange(m), positive])

    loss_case(name, nt_xent, {"z_a": rng.standard_normal((4, 6)), "z_b": rng.standard_normal((4, 6))},
              "NT-Xent (SimCLR), temperature 0.5: z = concat(z_a, z_b) (2N rows), u = z / ||z||, s_ij = u_i.u_j / t; "
              "row i's positive is i+N mod 2N; loss = mean over all 2N rows of -log(exp(s_ip) / sum_{k != i} "
              "exp(s_ik)); no epsilon in the norm", {"temperature": tau, "reduction": "mean over 2N"})

    name = "prototypical"
    rng = rng_for(name)
    ways, shots, queries, d = 3, 2, 2, 5
    support_labels = np.repeat(np.arange(ways), shots).astype(np.float32)
    query_labels = np.tile(np.arange(ways), queries).astype(np.float32)
    sl, ql = support_labels.astype(int), query_labels.astype(int)

    def proto(support, query):
        protos = jnp.stack([support[sl == k].mean(0) for k in range(ways)])
        dist = jnp.sum((query[:, None, :] - protos[None, :, :]) ** 2, axis=2)
        logp = jax.nn.log_softmax(-dist, axis=1)
        return -jnp.mean(logp[jnp.arange(len(ql)), ql])

    loss_case(name, proto,
              {"support": rng.standard_normal((ways * shots, d)), "query": rng.standard_normal((ways * queries, d))},
              "prototypical loss: prototype_k = mean of support rows with label k; d_qk = ||query_q - prototype_k||^2; "
              "loss = mean_q -log softmax(-d_q)[label_q]; 3 ways, 2 shots, 6 queries, labels stored as floats",
              {"ways": ways, "shots": shots, "reduction": "mean over queries"},
              extra={"support_labels": support_labels, "query_labels": query_labels})


# ---------------------------------------------------------------- whole model

# Closed-form initial values both sides compute bit-identically: in float64 with the C library's sin
# (Python math.sin, Swift Foundation.sin), then rounded to nearest float32. i is the row-major index in the
# Keras layout; biases start at 0, BN gamma 1, beta 0, moving mean 0, moving variance 1 (Keras defaults).
MODEL_INIT = {
    "weight": "w[i] = float32(scale * sin(0.37 * i + 1.3 * layer))",
    "kernels": {"conv1d_1": [0, 0.05], "conv1d_2": [1, 0.05], "dense_1": [2, 0.02], "dense_2": [3, 0.1]},
    "input": "x[i] = float32(sin(0.731 * i + 0.25)), i the row-major index in [8, 500, 128]",
    "labels": "sample n has class n % 10 (one-hot)",
}


def closed_form(count, scale, layer):
    return np.array([scale * math.sin(0.37 * i + 1.3 * layer) for i in range(count)], np.float64).astype(np.float32)


def model_case():
    name = "cnn1d_adam_steps"
    L = keras.layers
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((500, 128)),
        L.Conv1D(32, 3, activation="relu", name="conv1d_1"),
        L.BatchNormalization(name="bn_1"),
        L.MaxPooling1D(2),
        L.Dropout(0.0),
        L.Conv1D(64, 3, activation="relu", name="conv1d_2"),
        L.BatchNormalization(name="bn_2"),
        L.MaxPooling1D(2),
        L.Dropout(0.0),
        L.Flatten(),
        L.Dense(128, activation="relu", name="dense_1"),
        L.Dropout(0.0),
        L.Dense(10, activation="softmax", name="dense_2"),
    ])
    for layer_name, (index, scale) in MODEL_INIT["kernels"].items():
        kernel = model.get_layer(layer_name).kernel
        kernel.assign(closed_form(int(np.prod(kernel.shape)), scale, index).reshape(kernel.shape))
    x = np.array([math.sin(0.731 * i + 0.25) for i in range(8 * 500 * 128)], np.float64).astype(np.float32)
    x = x.reshape(8, 500, 128)
    y = np.eye(10, dtype=np.float32)[np.arange(8) % 10]
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-7),
                  loss=keras.losses.CategoricalCrossentropy())
    initial_probs = model(x, training=True)
    losses = [float(model.train_on_batch(x, y)) for _ in range(5)]
    probs_after = model(x, training=False)
    dense1 = np.asarray(model.get_layer("dense_1").kernel.value)
    flat = dense1.reshape(-1)
    t = {
        "loss_before_step": np.array(losses, np.float32),
        "initial_probs_train_mode": initial_probs,
        "probs_after_eval_mode": probs_after,
        "dense_1_kernel_sample": flat[::1009],
        "dense_1_kernel_sum": np.array(flat.astype(np.float64).sum(), np.float32),
        "dense_1_kernel_sumsq": np.array((flat.astype(np.float64) ** 2).sum(), np.float32),
        "initial_input_sample": x.reshape(-1)[::4099],
        "initial_dense_1_kernel_sample": closed_form(dense1.size, 0.02, 2)[::1009],
    }
    for layer_name in ["conv1d_1", "bn_1", "conv1d_2", "bn_2", "dense_1", "dense_2"]:
        for v in model.get_layer(layer_name).variables:
            key = f"{layer_name}.{v.name}"
            if key != "dense_1.kernel":
                t["final." + key] = v.value
    description = (
        "Baseline 1D-CNN (input [500, 128]: Conv1D 32 k3 relu, BN, MaxPool1D 2, Dropout 0, Conv1D 64 k3 relu, BN, "
        "MaxPool1D 2, Dropout 0, Flatten (row-major [123, 64] -> 7872), Dense 128 relu, Dropout 0, Dense 10 softmax) "
        "trained with train_on_batch for 5 Adam steps (lr 1e-3, beta 0.9 / 0.999, epsilon 1e-7: m += (g - m)(1 - b1), "
        "v += (g^2 - v)(1 - b2), w -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)) on one batch of 8, "
        "categorical cross-entropy on softmax probabilities clipped to [1e-7, 1 - 1e-7], mean over the batch; BN in "
        "training mode (momentum 0.99, epsilon 1e-3). loss_before_step[k] is the loss of step k+1 before its update. "
        "final.* are the weights after 5 steps; dense_1's 7872x128 kernel is summarised by every 1009th element "
        "(row-major) plus its float64 sum and sum of squares.")
    save(name, t, description, {"model": "baseline_cnn1d", "steps": 5, "batch": 8},
         extra_meta={"init": json.dumps(MODEL_INIT, sort_keys=True)})


# ---------------------------------------------------------------- interop

def interop_cases():
    """Files written by the Python package itself, for the Swift reader's interop tests."""
    values = {
        "b_matrix": np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5 - 1,
        "a_scalar": np.array(3.25, np.float32),
        "c_empty": np.zeros((0, 3), np.float32),
        "d_vector": np.array([1e-30, -2.5, 65504.0, np.inf], np.float32),
    }
    save_file(values, os.path.join(OUT, "interop_f32.safetensors"), metadata={"format": "pt"})
    dtypes = {
        "f64": np.array([1.5, -2.25, 1e10], np.float64),
        "f16": np.array([1.5, -2.25, 6.1035156e-05, 5.9604645e-08], np.float16),
        "i64": np.array([-3, 0, 7, 1 << 40], np.int64),
        "i32": np.array([-5, 9], np.int32),
        "u8": np.array([0, 255], np.uint8),
        "bool": np.array([True, False, True]),
    }
    save_file(dtypes, os.path.join(OUT, "interop_dtypes.safetensors"))
    print("interop files written")


def main():
    os.makedirs(OUT, exist_ok=True)
    only = set(sys.argv[1:])
    groups = {"conv": conv_cases, "norm": norm_cases, "pool": pool_cases, "mha": mha_cases, "gru": gru_cases,
              "loss": loss_cases, "model": model_case, "interop": interop_cases}
    manifest_path = os.path.join(OUT, "manifest.json")
    if only and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            MANIFEST.update(json.load(f)["fixtures"])
    for group, fn in groups.items():
        if not only or group in only:
            fn()
    with open(manifest_path, "w") as f:
        json.dump({"versions": VERSIONS, "fixtures": MANIFEST}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
