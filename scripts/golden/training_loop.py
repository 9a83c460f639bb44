"""The training loop the engine must reproduce, step by step.

Per step t (0-based): take batch t mod stepsPerEpoch (rows in order, no shuffling); forward;
loss = data loss (mean) + l1·Σ|K| + l2·ΣK² over Dense kernels K; backward; clip (by norm over all
parameters, or by value); set the learning rate for step t; optimiser step.
"""
import math

import torch

import reference_losses as L
import reference_models as M
from golden_io import f32, tensor

STEPS = 10
BATCH_SIZE = 4
# torch.nn.utils.clip_grad_norm_ divides by (total_norm + this), so the engine must too.
CLIP_NORM_EPS = 1e-6


def make_optimizer(params, cfg):
    """A torch optimiser for one of the document's optimizer configs (all fields explicit)."""
    kind, lr, wd = cfg["type"], cfg["learningRate"], cfg.get("weightDecay", 0.0)
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if kind in ("momentum", "nesterov"):
        return torch.optim.SGD(params, lr=lr, momentum=cfg["momentum"], nesterov=kind == "nesterov",
                               weight_decay=wd)
    if kind == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, eps=cfg["epsilon"], weight_decay=wd)
    if kind == "adadelta":
        return torch.optim.Adadelta(params, lr=lr, rho=cfg["rho"], eps=cfg["epsilon"], weight_decay=wd)
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=cfg["rho"], eps=cfg["epsilon"],
                                   momentum=cfg.get("momentum", 0.0), weight_decay=wd)
    if kind in ("adam", "adamw"):
        cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
        return cls(params, lr=lr, betas=(cfg["beta1"], cfg["beta2"]), eps=cfg["epsilon"], weight_decay=wd)
    raise ValueError(f"unknown optimizer {kind}")


def scheduled_lr(step, base, schedule, steps_per_epoch, total_steps):
    """The closed form of every schedule (see test/golden/README.md)."""
    kind, epoch = schedule["type"], step // steps_per_epoch
    if kind == "constant":
        lr = base
    elif kind == "step":
        lr = base * schedule["gamma"] ** (epoch // schedule["stepEpochs"])
    elif kind == "exponential":
        lr = base * schedule["gamma"] ** epoch
    elif kind == "cosine":
        floor = schedule["minLearningRate"]
        lr = floor + (base - floor) * (1 + math.cos(math.pi * step / total_steps)) / 2
    else:
        raise ValueError(f"unknown schedule {kind}")
    warmup = schedule.get("warmupSteps", 0)
    return lr * step / warmup if step < warmup else lr


class TorchSchedule:
    """Drives the optimiser's rate with PyTorch's own schedulers where one exists, to prove the closed form."""

    def __init__(self, opt, schedule, steps_per_epoch, total_steps):
        self.opt, self.schedule, self.spe, self.total = opt, schedule, steps_per_epoch, total_steps
        self.base = opt.param_groups[0]["lr"]
        kind, warmup = schedule["type"], schedule.get("warmupSteps", 0)
        self.per_epoch = None
        self.per_step = None
        if warmup:
            # No single torch scheduler multiplies a warm-up into a schedule; LambdaLR applies the product.
            self.per_step = torch.optim.lr_scheduler.LambdaLR(
                opt, lambda t: scheduled_lr(t, self.base, schedule, steps_per_epoch, total_steps) / self.base)
        elif kind == "step":
            self.per_epoch = torch.optim.lr_scheduler.StepLR(opt, step_size=schedule["stepEpochs"],
                                                             gamma=schedule["gamma"])
        elif kind == "exponential":
            self.per_epoch = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=schedule["gamma"])
        elif kind == "cosine":
            self.per_step = torch.optim.lr_scheduler.CosineAnnealingLR(
                opt, T_max=total_steps, eta_min=schedule["minLearningRate"])

    def lr_for(self, step):
        lr = self.opt.param_groups[0]["lr"]
        expected = scheduled_lr(step, self.base, self.schedule, self.spe, self.total)
        assert abs(lr - expected) <= 1e-12 * max(1.0, abs(expected)), (self.schedule, step, lr, expected)
        return lr

    def after_step(self, step):
        if self.per_step is not None:
            self.per_step.step()
        if self.per_epoch is not None and (step + 1) % self.spe == 0:
            self.per_epoch.step()


def run_case(model, dataset, case):
    """Trains `model` from its stored initial weights and records what the engine must reproduce."""
    params = {k: v.clone().requires_grad_() for k, v in M.initial_weights(model).items()}
    x_all, y_all = dataset["x"], dataset["targets"]
    steps_per_epoch = math.ceil(x_all.shape[0] / BATCH_SIZE)
    opt = make_optimizer(list(params.values()), case["optimizer"])
    sched = TorchSchedule(opt, case["schedule"], steps_per_epoch, STEPS)
    l1, l2 = case["l1"], case["l2"]
    record = {"learningRates": [], "losses": [], "dataLosses": [], "gradientNorms": []}
    for step in range(STEPS):
        start = (step % steps_per_epoch) * BATCH_SIZE
        x, y = x_all[start:start + BATCH_SIZE], y_all[start:start + BATCH_SIZE]
        opt.zero_grad(set_to_none=True)
        data_loss = L.loss(case["loss"], M.forward(model, params, x), y)
        penalty = sum(l1 * k.abs().sum() + l2 * (k * k).sum() for k in M.dense_kernels(params))
        total = data_loss + penalty
        total.backward()
        grads = [p.grad for p in params.values()]
        norm = torch.sqrt(sum((g * g).sum() for g in grads))
        if case["clipNorm"] is not None:
            torch.nn.utils.clip_grad_norm_(list(params.values()), case["clipNorm"])
            assert step > 0 or norm > case["clipNorm"], "clipNorm fixture must clip at step 0"
        if case["clipValue"] is not None:
            assert step > 0 or max(g.abs().max() for g in grads) > case["clipValue"]
            torch.nn.utils.clip_grad_value_(list(params.values()), case["clipValue"])
        if step == 0:
            record["firstStepGradients"] = {k: tensor(p.grad) for k, p in params.items()}
        record["learningRates"].append(sched.lr_for(step))
        record["losses"].append(f32(total))
        record["dataLosses"].append(f32(data_loss))
        record["gradientNorms"].append(f32(norm))
        opt.step()
        sched.after_step(step)
    record["finalWeights"] = {k: tensor(p) for k, p in params.items()}
    order = ["learningRates", "losses", "dataLosses", "gradientNorms", "firstStepGradients", "finalWeights"]
    return {k: record[k] for k in order}
