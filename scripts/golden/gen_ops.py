"""Group "ops": one entry per kernel-level operation, forward and backward."""
import torch
import torch.nn.functional as F

import reference_ops as ref
from golden_io import generator, meta, rand, tensor

ACTIVATIONS = ["relu", "sigmoid", "tanh", "leakyRelu", "elu", "gelu", "silu", "softmax"]

# (name, x shape NHWC, outC, kernel, stride, padding, dilation)
CONV_CONFIGS = [
    ("k3s1Valid", (2, 5, 5, 2), 3, (3, 3), (1, 1), "valid", (1, 1)),
    ("k3s1Same", (2, 5, 5, 2), 3, (3, 3), (1, 1), "same", (1, 1)),
    ("k3s2Same", (2, 6, 6, 2), 3, (3, 3), (2, 2), "same", (1, 1)),
    ("k3s2Valid", (2, 7, 7, 2), 3, (3, 3), (2, 2), "valid", (1, 1)),
    ("k3d2Same", (2, 7, 7, 2), 3, (3, 3), (1, 1), "same", (2, 2)),
    ("k3d2Valid", (2, 7, 7, 2), 2, (3, 3), (1, 1), "valid", (2, 2)),
    ("k2s1Same", (2, 4, 4, 3), 2, (2, 2), (1, 1), "same", (1, 1)),
    ("k1x3s1Same", (2, 4, 5, 2), 3, (1, 3), (1, 1), "same", (1, 1)),
    ("k3s2SameOddInput", (2, 5, 7, 1), 2, (3, 3), (2, 2), "same", (1, 1)),
]

# (name, x shape NHWC, kernel, stride, padding)
POOL_CONFIGS = [
    ("k2s2Valid", (2, 4, 4, 3), (2, 2), (2, 2), "valid"),
    ("k2s2SameOdd", (2, 5, 5, 2), (2, 2), (2, 2), "same"),
    ("k3s2Valid", (2, 7, 7, 2), (3, 3), (2, 2), "valid"),
    ("k3s1Same", (2, 4, 4, 2), (3, 3), (1, 1), "same"),
    ("k3s2Same", (2, 6, 6, 2), (3, 3), (2, 2), "same"),
]


def _activation_input(gen, shape):
    """Values in [-3, 3] kept away from 0, where ReLU-like derivatives are a convention."""
    x = rand(gen, *shape, low=-3.0, high=3.0)
    return torch.where(x.abs() < 0.05, torch.full_like(x, 0.37), x)


def activations():
    out = {}
    for i, name in enumerate(ACTIVATIONS):
        gen = generator(100 + i)
        x = _activation_input(gen, (4, 6)).requires_grad_()
        dy = rand(gen, 4, 6)
        y = ref.activation(name, x)
        (dx,) = ref.gradients(y, dy, x)
        entry = {}
        if name in ref.ACTIVATION_ALPHA:
            entry["alpha"] = ref.ACTIVATION_ALPHA[name]
        entry.update({"x": tensor(x), "y": tensor(y), "dy": tensor(dy), "dx": tensor(dx)})
        out[name] = entry
    return out


def gemms():
    out = {}
    m, n, k = 3, 4, 5
    for i, (ta, tb) in enumerate([(False, False), (True, False), (False, True), (True, True)]):
        gen = generator(200 + i)
        a = rand(gen, *((k, m) if ta else (m, k)))
        b = rand(gen, *((n, k) if tb else (k, n)))
        c0 = rand(gen, m, n)
        alpha, beta = 1.5, 0.5
        c = alpha * (a.T if ta else a) @ (b.T if tb else b) + beta * c0
        name = ("T" if ta else "N") + ("T" if tb else "N")
        out[name] = {
            "transA": ta, "transB": tb, "M": m, "N": n, "K": k, "alpha": alpha, "beta": beta,
            "lda": a.shape[1], "ldb": b.shape[1], "ldc": n,
            "a": tensor(a), "b": tensor(b), "c0": tensor(c0), "c": tensor(c),
        }
    return out


def convs():
    out = {}
    for i, (name, shape, out_c, kernel, stride, padding, dilation) in enumerate(CONV_CONFIGS):
        gen = generator(300 + i)
        g = ref.geometry(shape, kernel, stride, padding, dilation, out_channels=out_c)
        x = rand(gen, *shape).requires_grad_()
        w = rand(gen, kernel[0], kernel[1], shape[3], out_c, low=-0.5, high=0.5).requires_grad_()
        y = ref.conv2d(x, w, g)
        assert list(y.shape) == [g["batch"], g["outH"], g["outW"], out_c], name
        dy = rand(gen, *y.shape)
        dx, dw = ref.gradients(y, dy, x, w)
        out[name] = {"geometry": g, "x": tensor(x), "w": tensor(w), "y": tensor(y), "dy": tensor(dy),
                     "dx": tensor(dx), "dw": tensor(dw)}
    return out


def pools(kind):
    out = {}
    pool = ref.max_pool2d if kind == "max" else ref.avg_pool2d
    for i, (name, shape, kernel, stride, padding) in enumerate(POOL_CONFIGS):
        gen = generator((400 if kind == "max" else 450) + i)
        g = ref.geometry(shape, kernel, stride, padding)
        x = rand(gen, *shape).requires_grad_()
        y = pool(x, g)
        assert list(y.shape) == [g["batch"], g["outH"], g["outW"], g["channels"]], name
        dy = rand(gen, *y.shape)
        (dx,) = ref.gradients(y, dy, x)
        out[name] = {"geometry": g, "x": tensor(x), "y": tensor(y), "dy": tensor(dy), "dx": tensor(dx)}
    return out


def global_avg_pool():
    gen = generator(500)
    x = rand(gen, 2, 3, 4, 5).requires_grad_()
    y = x.mean(dim=(1, 2))
    dy = rand(gen, *y.shape)
    (dx,) = ref.gradients(y, dy, x)
    return {"x": tensor(x), "y": tensor(y), "dy": tensor(dy), "dx": tensor(dx)}


def batch_norm():
    gen = generator(600)
    eps, momentum = 1e-5, 0.1
    x = rand(gen, 2, 3, 3, 4, low=-2.0, high=3.0).requires_grad_()
    gamma = rand(gen, 4, low=0.5, high=1.5).requires_grad_()
    beta = rand(gen, 4, low=-0.5, high=0.5).requires_grad_()
    run_mean0 = rand(gen, 4, low=-0.2, high=0.2)
    run_var0 = rand(gen, 4, low=0.8, high=1.2)
    run_mean, run_var = run_mean0.clone(), run_var0.clone()
    x_nchw = x.permute(0, 3, 1, 2)
    y = F.batch_norm(x_nchw, run_mean, run_var, gamma, beta, training=True, momentum=momentum, eps=eps)
    y = y.permute(0, 2, 3, 1)
    dy = rand(gen, *y.shape)
    dx, dgamma, dbeta = ref.gradients(y, dy, x, gamma, beta)
    rows = x.detach().reshape(-1, 4)
    save_mean = rows.mean(dim=0)
    save_inv_std = 1.0 / torch.sqrt(rows.var(dim=0, unbiased=False) + eps)
    train = {
        "eps": eps, "momentum": momentum, "rows": rows.shape[0], "channels": 4,
        "x": tensor(x), "gamma": tensor(gamma), "beta": tensor(beta),
        "runMeanBefore": tensor(run_mean0), "runVarBefore": tensor(run_var0),
        "y": tensor(y), "saveMean": tensor(save_mean), "saveInvStd": tensor(save_inv_std),
        "runMeanAfter": tensor(run_mean), "runVarAfter": tensor(run_var),
        "dy": tensor(dy), "dx": tensor(dx), "dgamma": tensor(dgamma), "dbeta": tensor(dbeta),
    }
    xi = rand(gen, 2, 3, 3, 4, low=-2.0, high=3.0).requires_grad_()
    yi = F.batch_norm(xi.permute(0, 3, 1, 2), run_mean, run_var, gamma.detach(), beta.detach(),
                      training=False, eps=eps).permute(0, 2, 3, 1)
    dyi = rand(gen, *yi.shape)
    (dxi,) = ref.gradients(yi, dyi, xi)
    inference = {
        "eps": eps, "rows": 18, "channels": 4, "x": tensor(xi), "gamma": tensor(gamma),
        "beta": tensor(beta), "runMean": tensor(run_mean), "runVar": tensor(run_var), "y": tensor(yi),
        "dy": tensor(dyi), "dx": tensor(dxi),
    }
    return {"train": train, "inference": inference}


def layer_norm():
    gen = generator(700)
    eps = 1e-5
    x = rand(gen, 2, 3, 6, low=-2.0, high=2.0).requires_grad_()
    gamma = rand(gen, 6, low=0.5, high=1.5).requires_grad_()
    beta = rand(gen, 6, low=-0.5, high=0.5).requires_grad_()
    y = F.layer_norm(x, (6,), gamma, beta, eps)
    dy = rand(gen, *y.shape)
    dx, dgamma, dbeta = ref.gradients(y, dy, x, gamma, beta)
    rows = x.detach().reshape(-1, 6)
    return {
        "eps": eps, "rows": 6, "cols": 6, "x": tensor(x), "gamma": tensor(gamma), "beta": tensor(beta),
        "y": tensor(y), "saveMean": tensor(rows.mean(dim=1)),
        "saveInvStd": tensor(1.0 / torch.sqrt(rows.var(dim=1, unbiased=False) + eps)),
        "dy": tensor(dy), "dx": tensor(dx), "dgamma": tensor(dgamma), "dbeta": tensor(dbeta),
    }


def structural():
    gen = generator(800)
    a = rand(gen, 2, 3, 2, 3).requires_grad_()
    b = rand(gen, 2, 3, 2, 3).requires_grad_()
    y = a + b
    dy = rand(gen, *y.shape)
    da, db = ref.gradients(y, dy, a, b)
    add = {"a": tensor(a), "b": tensor(b), "y": tensor(y), "dy": tensor(dy), "da": tensor(da), "db": tensor(db)}

    c = rand(gen, 2, 3, 2, 2).requires_grad_()
    y = torch.cat([a, c], dim=-1)
    dy = rand(gen, *y.shape)
    da, dc = ref.gradients(y, dy, a, c)
    concat = {"axis": -1, "a": tensor(a), "b": tensor(c), "y": tensor(y), "dy": tensor(dy),
              "da": tensor(da), "db": tensor(dc)}

    x = rand(gen, 2, 2, 3, 4).requires_grad_()
    y = ref.flatten_nhwc(x)
    dy = rand(gen, *y.shape)
    (dx,) = ref.gradients(y, dy, x)
    flatten = {"x": tensor(x), "y": tensor(y), "dy": tensor(dy), "dx": tensor(dx)}

    r = rand(gen, 2, 12).requires_grad_()
    y = r.reshape(2, 3, 4)
    dy = rand(gen, *y.shape)
    (dr,) = ref.gradients(y, dy, r)
    reshape = {"targetShape": [3, 4], "x": tensor(r), "y": tensor(y), "dy": tensor(dy), "dx": tensor(dr)}
    return {"add": add, "concatenate": concat, "flatten": flatten, "reshape": reshape}


def build():
    """The whole "ops" group."""
    settings = {
        "activationInputRange": [-3.0, 3.0],
        "leakyReluSlope": ref.ACTIVATION_ALPHA["leakyRelu"],
        "eluAlpha": ref.ACTIVATION_ALPHA["elu"],
        "gelu": "exact (erf)",
        "samePadding": "TensorFlow: total = max((ceil(in/stride)-1)*stride + (k-1)*dilation+1 - in, 0), "
                       "before = floor(total/2), after = total - before",
        "avgPoolDivisor": "in-bounds elements only (count_include_pad=False)",
        "maxPoolPadding": "padded cells never win (-inf)",
        "batchNorm": "running var updated with the unbiased batch variance; saveInvStd uses the biased one",
    }
    group = {"meta": meta("ops", settings), "activations": activations(), "gemm": gemms(), "conv2d": convs(),
             "maxPool2d": pools("max"), "avgPool2d": pools("avg"), "globalAvgPool2d": global_avg_pool(),
             "batchNorm": batch_norm(), "layerNorm": layer_norm()}
    group.update(structural())
    return group
