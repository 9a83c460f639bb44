"""PyTorch references for the engine's ops, taking and returning tensors in the engine's layout.

NHWC in, NHWC out; conv weights HWIO. "same" padding follows TensorFlow (the odd pixel of padding
goes after), which PyTorch cannot express directly, so inputs are padded explicitly first.
"""
import torch
import torch.nn.functional as F

from golden_io import hwio_to_oihw, nchw_to_nhwc, nhwc_to_nchw, same_padding, valid_output

ACTIVATION_ALPHA = {"leakyRelu": 0.01, "elu": 1.0}


def activation(name, x):
    """The engine's activation `name` applied to x (softmax is row-wise over the last axis)."""
    if name == "none":
        return x
    if name == "relu":
        return torch.relu(x)
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "tanh":
        return torch.tanh(x)
    if name == "leakyRelu":
        return F.leaky_relu(x, negative_slope=ACTIVATION_ALPHA["leakyRelu"])
    if name == "elu":
        return F.elu(x, alpha=ACTIVATION_ALPHA["elu"])
    if name == "gelu":
        return F.gelu(x)  # exact erf form
    if name == "silu":
        return F.silu(x)
    if name == "softmax":
        return torch.softmax(x, dim=-1)
    raise ValueError(f"unknown activation {name}")


def geometry(x_shape, kernel, stride, padding, dilation=(1, 1), out_channels=None):
    """The engine's Conv2dGeometry / Pool2dGeometry fields for an NHWC input."""
    n, h, w, c = x_shape
    (kh, kw), (sh, sw), (dh, dw) = kernel, stride, dilation
    if padding == "same":
        out_h, top, bottom = same_padding(h, kh, sh, dh)
        out_w, left, right = same_padding(w, kw, sw, dw)
    elif padding == "valid":
        out_h, top, bottom = valid_output(h, kh, sh, dh), 0, 0
        out_w, left, right = valid_output(w, kw, sw, dw), 0, 0
    else:
        raise ValueError(f"unknown padding {padding}")
    g = {"batch": n, "inH": h, "inW": w}
    if out_channels is None:
        g["channels"] = c
    else:
        g.update({"inC": c, "outC": out_channels})
    g.update({"kH": kh, "kW": kw, "strideH": sh, "strideW": sw, "padTop": top, "padLeft": left})
    if out_channels is not None:
        g.update({"dilationH": dh, "dilationW": dw})
    g.update({"outH": out_h, "outW": out_w, "padBottom": bottom, "padRight": right, "padding": padding})
    return g


def _pad_nchw(x_nchw, g, value):
    return F.pad(x_nchw, (g["padLeft"], g["padRight"], g["padTop"], g["padBottom"]), value=value)


def conv2d(x_nhwc, w_hwio, g, bias=None):
    """conv(x, w) + bias over NHWC / HWIO tensors with the geometry's padding."""
    x = _pad_nchw(nhwc_to_nchw(x_nhwc), g, 0.0)
    y = F.conv2d(x, hwio_to_oihw(w_hwio), bias, stride=(g["strideH"], g["strideW"]),
                 dilation=(g["dilationH"], g["dilationW"]))
    return nchw_to_nhwc(y)


def max_pool2d(x_nhwc, g):
    """Max pooling; padding never wins (padded with -inf)."""
    x = _pad_nchw(nhwc_to_nchw(x_nhwc), g, float("-inf"))
    y = F.max_pool2d(x, (g["kH"], g["kW"]), (g["strideH"], g["strideW"]))
    return nchw_to_nhwc(y)


def avg_pool2d(x_nhwc, g):
    """Average over each window's in-bounds elements only (padding excluded from the divisor)."""
    k, s = (g["kH"], g["kW"]), (g["strideH"], g["strideW"])
    x = _pad_nchw(nhwc_to_nchw(x_nhwc), g, 0.0)
    ones = _pad_nchw(torch.ones_like(nhwc_to_nchw(x_nhwc)), g, 0.0)
    window_sum = F.avg_pool2d(x, k, s) * (k[0] * k[1])
    window_count = F.avg_pool2d(ones, k, s) * (k[0] * k[1])
    return nchw_to_nhwc(window_sum / window_count)


def flatten_nhwc(x_nhwc):
    """Flatten keeps the NHWC memory order: index = (h·W + w)·C + c."""
    return x_nhwc.reshape(x_nhwc.shape[0], -1)


def gradients(output, upstream, *inputs):
    """∂(Σ output⊙upstream)/∂input for each input."""
    return torch.autograd.grad(output, inputs, grad_outputs=upstream)
