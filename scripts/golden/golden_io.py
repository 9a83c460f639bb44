"""Shared utilities for the golden fixtures: deterministic setup, layout conversion, JSON output.

Every fixture tensor is written as {"shape": [...], "data": [...]}, row-major, in the engine's
layout (NHWC activations, HWIO conv weights, [in, out] dense weights). Floats are rounded to
float32 and written with the shortest text that reads back to the same float32, so reruns on the
same machine give byte-identical files.
"""
import json
import math
import platform

import numpy as np
import torch

SEED = 20240611
# References are computed in float64 from float32 inputs, then rounded to float32 once.
COMPUTE_DTYPE = torch.float64


def setup_determinism():
    """Seeds every generator and forbids non-deterministic kernels; CPU only."""
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)


def generator(offset):
    """A private generator per fixture, so adding a fixture never changes the others."""
    return torch.Generator().manual_seed(SEED + offset)


def rand(gen, *shape, low=-1.0, high=1.0):
    """Uniform values, rounded to float32 (what the engine will be fed), held as float64."""
    values = torch.rand(*shape, generator=gen, dtype=torch.float64) * (high - low) + low
    return values.float().double()


def randn(gen, *shape, scale=1.0):
    return (torch.randn(*shape, generator=gen, dtype=torch.float64) * scale).float().double()


def meta(group, settings):
    """The record of how a group was produced."""
    return {
        "group": group,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "seed": SEED,
        "computeDtype": "float64 (inputs are float32 values; outputs rounded to float32)",
        "deterministicAlgorithms": True,
        "device": "cpu",
        "settings": settings,
    }


def nchw_to_nhwc(t):
    return t.permute(0, 2, 3, 1)


def nhwc_to_nchw(t):
    return t.permute(0, 3, 1, 2)


def oihw_to_hwio(w):
    return w.permute(2, 3, 1, 0)


def hwio_to_oihw(w):
    return w.permute(3, 2, 0, 1)


class Tensor:
    """A tensor to be written (already in the engine's layout)."""

    def __init__(self, t):
        t = t.detach()
        self.shape = list(t.shape)
        self.values = t.to(torch.float32).reshape(-1).tolist()


def tensor(t):
    return Tensor(torch.as_tensor(t))


def f32(x):
    """A scalar rounded to float32 (losses, norms); written in shortest float32 form."""
    return F32(float(x))


class F32:
    def __init__(self, value):
        self.value = value


def _float32_text(x):
    if not math.isfinite(x):
        raise ValueError(f"non-finite value {x} cannot be written to a fixture")
    text = str(np.float32(x))
    # numpy may write "1e-05" or "123.0"; both are valid JSON numbers.
    return text


def _float64_text(x):
    if not math.isfinite(x):
        raise ValueError(f"non-finite value {x} cannot be written to a fixture")
    return repr(float(x))


def _encode(obj, indent, level):
    pad = " " * (indent * (level + 1))
    end = " " * (indent * level)
    if isinstance(obj, Tensor):
        data = ",".join(_float32_text(v) for v in obj.values)
        return '{"shape":' + json.dumps(obj.shape) + ',"data":[' + data + "]}"
    if isinstance(obj, F32):
        return _float32_text(obj.value)
    if isinstance(obj, bool) or obj is None or isinstance(obj, (str, int)):
        return json.dumps(obj)
    if isinstance(obj, float):
        return _float64_text(obj)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [pad + json.dumps(str(k)) + ": " + _encode(v, indent, level + 1) for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(obj, (list, tuple)):
        if all(isinstance(v, (int, float, F32)) and not isinstance(v, bool) for v in obj):
            return "[" + ",".join(_encode(v, indent, level + 1) for v in obj) + "]"
        items = [pad + _encode(v, indent, level + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    raise TypeError(f"cannot write {type(obj).__name__} to a fixture")


def write_group(path, obj):
    """Writes one fixture group; tensors stay on one line each, keys in insertion order."""
    text = _encode(obj, 1, 0) + "\n"
    json.loads(text)  # refuse to write anything that is not valid JSON
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def same_padding(size, kernel, stride, dilation=1):
    """TensorFlow 'same' padding: (out, pad_before, pad_after); the extra pixel goes after."""
    out = -(-size // stride)
    effective = (kernel - 1) * dilation + 1
    total = max((out - 1) * stride + effective - size, 0)
    return out, total // 2, total - total // 2


def valid_output(size, kernel, stride, dilation=1):
    effective = (kernel - 1) * dilation + 1
    return (size - effective) // stride + 1
