"""Group "layers": whole layers (weights, bias, fused activation) with their weight gradients."""

import reference_ops as ref
from golden_io import generator, meta, rand, tensor

FUSED_ACTIVATIONS = ["none", "relu", "sigmoid", "tanh", "leakyRelu", "elu", "softmax", "gelu", "silu"]

# (name, x shape NHWC, filters, kernel, stride, padding, dilation, activation)
CONV_LAYERS = [
    ("k3s1SameRelu", (2, 5, 5, 3), 4, (3, 3), (1, 1), "same", (1, 1), "relu"),
    ("k3s2ValidNone", (2, 7, 6, 2), 3, (3, 3), (2, 2), "valid", (1, 1), "none"),
    ("k3s2SameTanh", (3, 6, 6, 2), 2, (3, 3), (2, 2), "same", (1, 1), "tanh"),
    ("k3d2SameNone", (2, 6, 6, 2), 2, (3, 3), (1, 1), "same", (2, 2), "none"),
]


def dense_layers():
    out = {}
    for i, act in enumerate(FUSED_ACTIVATIONS):
        gen = generator(1000 + i)
        x = rand(gen, 4, 6, low=-2.0, high=2.0).requires_grad_()
        kernel = rand(gen, 6, 5, low=-0.8, high=0.8).requires_grad_()
        bias = rand(gen, 5, low=-0.5, high=0.5).requires_grad_()
        pre = x @ kernel + bias
        y = ref.activation(act, pre)
        dy = rand(gen, *y.shape)
        dx, dkernel, dbias = ref.gradients(y, dy, x, kernel, bias)
        entry = {"units": 5, "activation": act}
        if act in ref.ACTIVATION_ALPHA:
            entry["alpha"] = ref.ACTIVATION_ALPHA[act]
        entry.update({"x": tensor(x), "kernel": tensor(kernel), "bias": tensor(bias), "y": tensor(y),
                      "dy": tensor(dy), "dx": tensor(dx), "dkernel": tensor(dkernel), "dbias": tensor(dbias)})
        out[act] = entry
    return out


def conv_layers():
    out = {}
    for i, (name, shape, filters, kernel, stride, padding, dilation, act) in enumerate(CONV_LAYERS):
        gen = generator(1100 + i)
        g = ref.geometry(shape, kernel, stride, padding, dilation, out_channels=filters)
        x = rand(gen, *shape).requires_grad_()
        w = rand(gen, kernel[0], kernel[1], shape[3], filters, low=-0.5, high=0.5).requires_grad_()
        bias = rand(gen, filters, low=-0.3, high=0.3).requires_grad_()
        y = ref.activation(act, ref.conv2d(x, w, g, bias))
        dy = rand(gen, *y.shape)
        dx, dw, dbias = ref.gradients(y, dy, x, w, bias)
        out[name] = {
            "filters": filters, "kernelSize": list(kernel), "strides": list(stride), "padding": padding,
            "dilationRate": list(dilation), "activation": act, "geometry": g,
            "x": tensor(x), "kernel": tensor(w), "bias": tensor(bias), "y": tensor(y), "dy": tensor(dy),
            "dx": tensor(dx), "dkernel": tensor(dw), "dbias": tensor(dbias),
        }
    return out


def build():
    """The whole "layers" group."""
    settings = {
        "dense": "y = act(x·kernel + bias), kernel [in, out]",
        "conv2d": "y = act(conv(x, kernel) + bias), x NHWC, kernel HWIO [kH, kW, inC, outC]",
        "leakyReluSlope": ref.ACTIVATION_ALPHA["leakyRelu"],
        "eluAlpha": ref.ACTIVATION_ALPHA["elu"],
        "softmax": "row-wise over the last axis",
    }
    return {"meta": meta("layers", settings), "dense": dense_layers(), "conv2d": conv_layers()}
