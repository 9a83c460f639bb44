"""Group "losses": each loss's value and its gradient with respect to its input."""
import torch

import reference_losses as L
from golden_io import f32, generator, meta, rand, tensor


def _soft_targets(gen, rows, cols):
    return torch.softmax(rand(gen, rows, cols, low=-2.0, high=2.0), dim=-1).float().double()


def _case(name, kind, output, targets):
    output = output.clone().requires_grad_()
    value = L.loss(kind, output, targets)
    (grad,) = torch.autograd.grad(value, output)
    entry = {"kind": kind, "inputIs": "logits" if kind in L.FROM_LOGITS else "predictions"}
    if kind == "huber":
        entry["delta"] = L.HUBER_DELTA
    entry.update({"input": tensor(output), "targets": tensor(targets), "loss": f32(value),
                  "dinput": tensor(grad)})
    return name, entry


def cases():
    gen = generator(2000)
    out = []
    logits = rand(gen, 4, 5, low=-3.0, high=3.0)
    labels = torch.tensor([2.0, 0.0, 4.0, 1.0], dtype=torch.float64)
    out.append(_case("sparseCategoricalCrossentropy", "sparseCategoricalCrossentropy", logits, labels))
    extreme = torch.tensor([[60.0, -40.0, 0.5], [-80.0, 90.0, 10.0], [0.0, 0.0, 0.0]], dtype=torch.float64)
    out.append(_case("sparseCategoricalCrossentropyExtremeLogits", "sparseCategoricalCrossentropy",
                     extreme, torch.tensor([1.0, 1.0, 2.0], dtype=torch.float64)))

    logits = rand(gen, 4, 5, low=-3.0, high=3.0)
    out.append(_case("categoricalCrossentropy", "categoricalCrossentropy", logits, _soft_targets(gen, 4, 5)))
    one_hot = torch.eye(5, dtype=torch.float64)[[3, 0, 1, 4]]
    out.append(_case("categoricalCrossentropyOneHot", "categoricalCrossentropy", logits, one_hot))

    logits = rand(gen, 4, 3, low=-4.0, high=4.0)
    logits[0, 0], logits[1, 1], logits[2, 2] = 30.0, -30.0, 0.0
    binary = (rand(gen, 4, 3, low=0.0, high=1.0) > 0.5).double()
    out.append(_case("binaryCrossentropy", "binaryCrossentropy", logits, binary))
    out.append(_case("binaryCrossentropySoftTargets", "binaryCrossentropy", logits,
                     rand(gen, 4, 3, low=0.0, high=1.0)))

    preds, targets = rand(gen, 4, 3, low=-2.0, high=2.0), rand(gen, 4, 3, low=-2.0, high=2.0)
    out.append(_case("meanSquaredError", "meanSquaredError", preds, targets))
    out.append(_case("meanAbsoluteError", "meanAbsoluteError", preds, targets))
    preds = rand(gen, 4, 3, low=-3.0, high=3.0)
    out.append(_case("huber", "huber", preds, targets))

    logits = rand(gen, 4, 5, low=-3.0, high=3.0)
    out.append(_case("klDivergence", "klDivergence", logits, _soft_targets(gen, 4, 5)))
    with_zeros = torch.tensor([[0.0, 1.0, 0.0, 0.0, 0.0], [0.5, 0.0, 0.5, 0.0, 0.0],
                               [0.2, 0.2, 0.2, 0.2, 0.2], [0.0, 0.0, 0.0, 0.25, 0.75]], dtype=torch.float64)
    out.append(_case("klDivergenceZeroTargets", "klDivergence", logits, with_zeros))
    return dict(out)


def build():
    """The whole "losses" group."""
    settings = {"reduction": "mean", "huberDelta": L.HUBER_DELTA, "definitions": L.DEFINITIONS}
    return {"meta": meta("losses", settings), "cases": cases()}
