"""The two small networks the training fixtures train, with parameters held in the engine's layout.

Parameters are leaf tensors named "<layer>.kernel" / "<layer>.bias": Dense kernels [in, out],
Conv2D kernels HWIO. Because the optimisers are elementwise, training them in this layout gives
exactly what PyTorch gives in its own layout.
"""
import math

import torch

import reference_ops as ref
from golden_io import generator, rand

MLP_LAYERS = [
    {"name": "dense_1", "type": "Dense", "units": 16, "activation": "relu"},
    {"name": "dense_2", "type": "Dense", "units": 4, "activation": "none"},
]
MLP_INPUT = [8]

CNN_LAYERS = [
    {"name": "conv_1", "type": "Conv2D", "filters": 4, "kernelSize": [3, 3], "strides": [1, 1],
     "padding": "same", "activation": "relu"},
    {"name": "pool_1", "type": "MaxPool2D", "poolSize": [2, 2], "strides": [2, 2], "padding": "valid"},
    {"name": "flatten_1", "type": "Flatten"},
    {"name": "dense_1", "type": "Dense", "units": 3, "activation": "none"},
]
CNN_INPUT = [8, 8, 1]


def _glorot(gen, shape, fan_in, fan_out):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return rand(gen, *shape, low=-limit, high=limit)


def initial_weights(model):
    """Glorot-uniform kernels and small nonzero biases (so the bias path is exercised), float32 values."""
    if model == "mlp":
        gen = generator(3000)
        return {
            "dense_1.kernel": _glorot(gen, (8, 16), 8, 16),
            "dense_1.bias": rand(gen, 16, low=-0.1, high=0.1),
            "dense_2.kernel": _glorot(gen, (16, 4), 16, 4),
            "dense_2.bias": rand(gen, 4, low=-0.1, high=0.1),
        }
    if model == "cnn":
        gen = generator(3100)
        return {
            "conv_1.kernel": _glorot(gen, (3, 3, 1, 4), 9, 36),
            "conv_1.bias": rand(gen, 4, low=-0.1, high=0.1),
            "dense_1.kernel": _glorot(gen, (64, 3), 64, 3),
            "dense_1.bias": rand(gen, 3, low=-0.1, high=0.1),
        }
    raise ValueError(f"unknown model {model}")


def forward(model, params, x):
    """Network output (logits / predictions) for a batch in the engine's layout."""
    if model == "mlp":
        h = torch.relu(x @ params["dense_1.kernel"] + params["dense_1.bias"])
        return h @ params["dense_2.kernel"] + params["dense_2.bias"]
    if model == "cnn":
        conv_g = ref.geometry(tuple(x.shape), (3, 3), (1, 1), "same", out_channels=4)
        h = torch.relu(ref.conv2d(x, params["conv_1.kernel"], conv_g, params["conv_1.bias"]))
        pool_g = ref.geometry(tuple(h.shape), (2, 2), (2, 2), "valid")
        h = ref.flatten_nhwc(ref.max_pool2d(h, pool_g))
        return h @ params["dense_1.kernel"] + params["dense_1.bias"]
    raise ValueError(f"unknown model {model}")


def description(model):
    if model == "mlp":
        return {"input": MLP_INPUT, "layers": MLP_LAYERS}
    return {"input": CNN_INPUT, "layers": CNN_LAYERS}


def dense_kernels(params):
    """The parameters L1/L2 regularisation applies to: Dense kernels only (Keras convention)."""
    return [t for name, t in params.items() if name.startswith("dense_") and name.endswith(".kernel")]
