"""Writes torch.json: PyTorch's outputs for the kernels' semantics (activations, losses, norms,
conv, pooling, optimisers). Regenerate with: /usr/bin/python3 test/engine/kernels/golden/generate.py
Layouts are converted to the kernels' NHWC activations and HWIO conv weights."""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_default_dtype(torch.float32)
out = {"torch": torch.__version__}


def L(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def grad_of(fn, *inputs):
    leaves = [i.clone().requires_grad_(True) for i in inputs]
    y = fn(*leaves)
    return y, leaves


# activations: forward and dx for dy = w
x = torch.cat([torch.linspace(-12, 12, 97), torch.tensor([0.0, 1e-4, -1e-4, 0.3, -0.3])])
w = torch.randn(x.numel())
acts = {
    "relu": lambda v: F.relu(v),
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "leakyRelu": lambda v: F.leaky_relu(v, 0.05),
    "elu": lambda v: F.elu(v, 1.3),
    "gelu": lambda v: F.gelu(v),
    "silu": F.silu,
}
out["activations"] = {"x": L(x), "dy": L(w), "alpha": {"leakyRelu": 0.05, "elu": 1.3}, "cases": {}}
for name, fn in acts.items():
    xr = x.clone().requires_grad_(True)
    y = fn(xr)
    (y * w).sum().backward()
    out["activations"]["cases"][name] = {"y": L(y), "dx": L(xr.grad)}

# losses
rows, cols = 5, 7
logits = torch.randn(rows, cols) * 3
labels = torch.randint(0, cols, (rows,))
probs = torch.softmax(torch.randn(rows, cols), dim=1)
n = 23
pred = torch.randn(n) * 2
target = torch.randn(n)
bin_target = torch.rand(n)
loss_fns = {
    "softmaxCrossEntropySparse": (lambda z: F.cross_entropy(z, labels), logits),
    "softmaxCrossEntropyDense": (lambda z: F.cross_entropy(z, probs), logits),
    "klDivergenceFromLogits": (lambda z: F.kl_div(F.log_softmax(z, dim=1), probs, reduction="batchmean"), logits),
    "sigmoidBinaryCrossEntropy": (lambda z: F.binary_cross_entropy_with_logits(z, bin_target), pred),
    "meanSquaredError": (lambda z: F.mse_loss(z, target), pred),
    "meanAbsoluteError": (lambda z: F.l1_loss(z, target), pred),
    "huber": (lambda z: F.huber_loss(z, target, delta=0.7), pred),
}
out["losses"] = {"rows": rows, "cols": cols, "logits": L(logits), "labels": labels.tolist(), "probs": L(probs),
                 "n": n, "pred": L(pred), "target": L(target), "binTarget": L(bin_target), "huberDelta": 0.7, "cases": {}}
for name, (fn, inp) in loss_fns.items():
    z = inp.clone().requires_grad_(True)
    loss = fn(z)
    loss.backward()
    out["losses"]["cases"][name] = {"loss": float(loss), "grad": L(z.grad)}

# batch norm (NHWC rows x channels) and layer norm
N, C, H, W = 3, 4, 2, 3
xb = torch.randn(N, C, H, W) * 2 + 1
gamma = torch.rand(C) + 0.5
beta = torch.randn(C)
bn = torch.nn.BatchNorm2d(C, eps=1e-5, momentum=0.1)
with torch.no_grad():
    bn.weight.copy_(gamma)
    bn.bias.copy_(beta)
    bn.running_mean.copy_(torch.randn(C))
    bn.running_var.copy_(torch.rand(C) + 0.5)
run_mean0, run_var0 = bn.running_mean.clone(), bn.running_var.clone()
xr = xb.clone().requires_grad_(True)
yb = bn(xr)
dyb = torch.randn_like(yb)
(yb * dyb).sum().backward()
nhwc = lambda t: t.permute(0, 2, 3, 1)
out["batchNorm"] = {"rows": N * H * W, "channels": C, "x": L(nhwc(xb)), "gamma": L(gamma), "beta": L(beta),
                    "runMean": L(run_mean0), "runVar": L(run_var0), "dy": L(nhwc(dyb)), "y": L(nhwc(yb)),
                    "runMeanAfter": L(bn.running_mean), "runVarAfter": L(bn.running_var), "dx": L(nhwc(xr.grad)),
                    "dgamma": L(bn.weight.grad), "dbeta": L(bn.bias.grad)}
lrows, lcols = 4, 9
xl = torch.randn(lrows, lcols) * 3
gl = torch.rand(lcols) + 0.5
bl = torch.randn(lcols)
xr = xl.clone().requires_grad_(True)
gr = gl.clone().requires_grad_(True)
br = bl.clone().requires_grad_(True)
yl = F.layer_norm(xr, (lcols,), gr, br, eps=1e-5)
dyl = torch.randn_like(yl)
(yl * dyl).sum().backward()
out["layerNorm"] = {"rows": lrows, "cols": lcols, "x": L(xl), "gamma": L(gl), "beta": L(bl), "dy": L(dyl), "y": L(yl),
                    "dx": L(xr.grad), "dgamma": L(gr.grad), "dbeta": L(br.grad)}

# conv2d with stride, padding and dilation (NCHW/OIHW in torch; NHWC/HWIO in the kernels)
convs = []
for (n_, cin, cout, h, w_, k, stride, pad, dil) in [(2, 3, 4, 7, 6, 3, 2, 1, 1), (1, 2, 3, 8, 8, 3, 1, 2, 2)]:
    xc = torch.randn(n_, cin, h, w_)
    wc = torch.randn(cout, cin, k, k)
    xr = xc.clone().requires_grad_(True)
    wr = wc.clone().requires_grad_(True)
    yc = F.conv2d(xr, wr, stride=stride, padding=pad, dilation=dil)
    dyc = torch.randn_like(yc)
    (yc * dyc).sum().backward()
    convs.append({"geometry": {"batch": n_, "inH": h, "inW": w_, "inC": cin, "outC": cout, "kH": k, "kW": k,
                               "strideH": stride, "strideW": stride, "padTop": pad, "padLeft": pad,
                               "dilationH": dil, "dilationW": dil, "outH": yc.shape[2], "outW": yc.shape[3]},
                  "x": L(nhwc(xc)), "w": L(wc.permute(2, 3, 1, 0)), "dy": L(nhwc(dyc)), "y": L(nhwc(yc)),
                  "dx": L(nhwc(xr.grad)), "dw": L(wr.grad.permute(2, 3, 1, 0))})
out["conv2d"] = convs

# pooling: max (NaN-free) and average with padding excluded from the divisor
xp = torch.randn(2, 3, 7, 5)
pool = {"geometry": {"batch": 2, "inH": 7, "inW": 5, "channels": 3, "kH": 3, "kW": 3, "strideH": 2, "strideW": 2,
                     "padTop": 1, "padLeft": 1, "outH": 4, "outW": 3}, "x": L(nhwc(xp))}
for name, fn in {"max": lambda t: F.max_pool2d(t, 3, 2, 1),
                 "avg": lambda t: F.avg_pool2d(t, 3, 2, 1, count_include_pad=False)}.items():
    xr = xp.clone().requires_grad_(True)
    yp = fn(xr)
    dyp = torch.randn_like(yp)
    (yp * dyp).sum().backward()
    pool[name] = {"y": L(nhwc(yp)), "dy": L(nhwc(dyp)), "dx": L(nhwc(xr.grad))}
out["pool2d"] = pool

# optimisers: 3 steps from the same start with given gradients
p0 = torch.randn(17)
grads = [torch.randn(17) for _ in range(3)]
optims = {
    "sgd": (lambda p: torch.optim.SGD([p], lr=0.1, weight_decay=0.01), {"lr": 0.1, "momentum": 0, "nesterov": False, "weightDecay": 0.01}),
    "momentum": (lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9), {"lr": 0.1, "momentum": 0.9, "nesterov": False, "weightDecay": 0}),
    "nesterov": (lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3), {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weightDecay": 1e-3}),
    "adagrad": (lambda p: torch.optim.Adagrad([p], lr=0.01, eps=1e-10, weight_decay=1e-4), {"lr": 0.01, "eps": 1e-10, "weightDecay": 1e-4}),
    "adadelta": (lambda p: torch.optim.Adadelta([p], lr=1.0, rho=0.9, eps=1e-6, weight_decay=1e-4), {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weightDecay": 1e-4}),
    "rmsprop": (lambda p: torch.optim.RMSprop([p], lr=0.01, alpha=0.99, eps=1e-8), {"lr": 0.01, "alpha": 0.99, "eps": 1e-8, "momentum": 0, "weightDecay": 0}),
    "rmspropMomentum": (lambda p: torch.optim.RMSprop([p], lr=0.01, alpha=0.9, eps=1e-8, momentum=0.5, weight_decay=1e-3), {"lr": 0.01, "alpha": 0.9, "eps": 1e-8, "momentum": 0.5, "weightDecay": 1e-3}),
    "adam": (lambda p: torch.optim.Adam([p], lr=1e-2, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01), {"lr": 1e-2, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0.01, "decoupled": False}),
    "adamw": (lambda p: torch.optim.AdamW([p], lr=1e-2, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01), {"lr": 1e-2, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0.01, "decoupled": True}),
}
out["optimisers"] = {"w0": L(p0), "grads": [L(g) for g in grads], "cases": {}}
for name, (make, hyper) in optims.items():
    p = torch.nn.Parameter(p0.clone())
    opt = make(p)
    steps = []
    for g in grads:
        p.grad = g.clone()
        opt.step()
        steps.append(L(p))
    out["optimisers"]["cases"][name] = {"hyper": hyper, "steps": steps}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", path)
