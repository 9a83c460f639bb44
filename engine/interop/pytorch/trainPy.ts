/**
 * Generates `train.py`: the same loss, optimiser, learning-rate schedule, clipping, L1/L2 penalties,
 * batch size, epochs and seed as the Netwright training settings, over a DataLoader. Launched by
 * `torchrun --nproc_per_node=N` (WORLD_SIZE > 1) it trains with DistributedDataParallel over gloo
 * and a DistributedSampler; rank 0 saves the state dict.
 */
import type { TrainingConfig } from '../../model/document';
import { LOSSES, LOSS_NAMES } from '../../model/losses';
import type { InputNormalisation } from '../../training/protocol';
import type { GeneratedModule } from './modelPy';
import { pyLiteral } from './pythonNames';

/** Losses whose targets are class ids (int64 for PyTorch), from the loss table. */
const CLASS_ID_LOSSES = LOSS_NAMES.filter((name) => LOSSES[name].targets === 'classIds');

/** A Python tuple of loss names (our own identifiers, so plain quoting is safe). */
const pyTuple = (names: readonly string[]): string => `(${names.map((n) => JSON.stringify(n)).join(', ')},)`;

/** One `if name == ...: return ...` per loss, with the table's PyTorch expression. */
function lossBranches(): string {
  return LOSS_NAMES.map((name) => `    if name == ${JSON.stringify(name)}:\n        return ${LOSSES[name].exports.pytorch}`).join('\n');
}

/** The train.py source for a generated module. */
export function generateTrainPy(training: TrainingConfig, module: GeneratedModule, normalisation: InputNormalisation | undefined): string {
  return `"""Trains NetwrightModel as Netwright would: same loss, optimiser, schedule, batch size and epochs.

  python train.py --data data.npz                       # one process
  torchrun --nproc_per_node=4 train.py --data data.npz  # DistributedDataParallel (gloo), one machine
  torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --nproc_per_node=4 train.py --data data.npz
(torch 1.13 on Python 3.11 or later: add --redirects=1 --tee=1, its launcher cannot parse the default 0.)

--data is an .npz with "x" (or "x_<input>" per input, channels-last) and "y", or a CSV whose last
column (or --label-column) is the target and whose other columns are the features of a single input.
Inputs are normalised with NORMALISATION, the transform the exported weights were trained with.
Not reproduced here: the validation split, early stopping and keep-best-weights.
"""
import argparse
import math
import os

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from model import INPUT_SHAPES, OUTPUTS, NetwrightModel, load_netwright_weights

TRAINING = ${pyLiteral(training)}
NORMALISATION = ${pyLiteral(normalisation ?? null)}
# (state-dict key, l1, l2): penalties added to the loss, as Netwright adds them.
PENALTIES = ${pyLiteral(module.penalties.map((p) => [p.key, p.l1, p.l2]))}


def normalise(x):
    if NORMALISATION is None or NORMALISATION["kind"] == "none":
        return x
    offset = np.asarray(NORMALISATION["offset"], dtype=np.float32)
    scale = np.asarray(NORMALISATION["scale"], dtype=np.float32)
    flat = x.reshape(len(x), -1)
    return ((flat - offset) * scale).reshape(x.shape).astype(np.float32)


def load_data(path, label_column):
    names = list(INPUT_SHAPES)
    loss = OUTPUTS[0]["loss"]
    if path.endswith(".npz"):
        arrays = np.load(path)
        xs = [arrays["x"]] if "x" in arrays and len(names) == 1 else [arrays["x_" + n] for n in names]
        y = arrays["y"]
    else:
        table = np.genfromtxt(path, delimiter=",", names=True, dtype=np.float32)
        columns = list(table.dtype.names)
        target = label_column or columns[-1]
        xs = [np.stack([table[c] for c in columns if c != target], axis=1)]
        y = table[target]
    xs = [normalise(np.asarray(x, dtype=np.float32).reshape((len(x),) + tuple(INPUT_SHAPES[n]))) for x, n in zip(xs, names)]
    y = np.asarray(y, dtype=np.int64) if loss in ${pyTuple(CLASS_ID_LOSSES)} else np.asarray(y, dtype=np.float32)
    return TensorDataset(*[torch.from_numpy(x) for x in xs], torch.from_numpy(y))


def loss_fn(output, target):
    output = output[0] if isinstance(output, tuple) else output
    name = OUTPUTS[0]["loss"]
${lossBranches()}
    raise ValueError(f"unknown loss {name}")


def penalty(model):
    params = dict(model.named_parameters())
    total = 0.0
    for key, l1, l2 in PENALTIES:
        w = params[key]
        total = total + l1 * w.abs().sum() + l2 * (w * w).sum()
    return total


def make_optimizer(params):
    o = TRAINING["optimizer"]
    lr, wd, eps = o["learningRate"], o.get("weightDecay", 0.0), o.get("epsilon")
    kind = o["type"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if kind in ("momentum", "nesterov"):
        return torch.optim.SGD(params, lr=lr, momentum=o.get("momentum", 0.9), nesterov=kind == "nesterov", weight_decay=wd)
    if kind == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, eps=eps or 1e-10, weight_decay=wd)
    if kind == "adadelta":
        return torch.optim.Adadelta(params, lr=lr, rho=o.get("rho", 0.9), eps=eps or 1e-6, weight_decay=wd)
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=o.get("rho", 0.99), eps=eps or 1e-8, momentum=o.get("momentum", 0.0), weight_decay=wd)
    betas = (o.get("beta1", 0.9), o.get("beta2", 0.999))
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, betas=betas, eps=eps or 1e-8, weight_decay=wd)
    if kind == "adamw":
        return torch.optim.AdamW(params, lr=lr, betas=betas, eps=eps or 1e-8, weight_decay=wd)
    raise ValueError(f"unknown optimiser {kind}")


def learning_rate_at(epoch, step, steps_per_epoch):
    """Netwright's schedule: step / exponential decay per epoch, cosine per step, linear warm-up."""
    base = TRAINING["optimizer"]["learningRate"]
    s = TRAINING.get("schedule", {"type": "constant"})
    epochs = TRAINING["epochs"]
    if s["type"] == "step":
        lr = base * s.get("gamma", 0.1) ** (epoch // s.get("stepEpochs", 1))
    elif s["type"] == "exponential":
        lr = base * s.get("gamma", 0.9) ** epoch
    elif s["type"] == "cosine":
        floor = s.get("minLearningRate", 0.0)
        progress = min(step / (steps_per_epoch * epochs), 1.0)
        lr = floor + (base - floor) * (1 + math.cos(math.pi * progress)) / 2
    else:
        lr = base
    warmup = s.get("warmupSteps", 0)
    if warmup > 0 and step < warmup:
        lr *= step / warmup
    return lr


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--label-column")
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"])
    parser.add_argument("--init-weights", help="start from these exported weights (weights.npz)")
    parser.add_argument("--out", default="weights.pt")
    args = parser.parse_args()

    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    if distributed:
        dist.init_process_group("gloo")
    rank = dist.get_rank() if distributed else 0
    world = dist.get_world_size() if distributed else 1
    torch.manual_seed(TRAINING["seed"])

    model = NetwrightModel()
    if args.init_weights:
        load_netwright_weights(model, args.init_weights)
    trained = DistributedDataParallel(model) if distributed else model
    dataset = load_data(args.data, args.label_column)
    sampler = DistributedSampler(dataset, shuffle=True, seed=TRAINING["seed"]) if distributed else None
    loader = DataLoader(dataset, batch_size=TRAINING["batchSize"], shuffle=sampler is None, sampler=sampler)
    optimizer = make_optimizer(model.parameters())
    clip_norm, clip_value = TRAINING.get("clipNorm"), TRAINING.get("clipValue")

    step = 0
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        trained.train()
        total, count = 0.0, 0
        for *xs, y in loader:
            for group in optimizer.param_groups:
                group["lr"] = learning_rate_at(epoch, step, len(loader))
            optimizer.zero_grad()
            loss = loss_fn(trained(*xs), y) + penalty(model)
            loss.backward()
            if clip_norm:
                torch.nn.utils.clip_grad_norm_(model.parameters(), clip_norm)
            if clip_value:
                torch.nn.utils.clip_grad_value_(model.parameters(), clip_value)
            optimizer.step()
            step += 1
            total += loss.item() * len(y)
            count += len(y)
        if rank == 0:
            print(f"epoch {epoch + 1}/{args.epochs} loss {total / max(count, 1):.4f} (rank 0 of {world})", flush=True)

    if rank == 0:
        torch.save(model.state_dict(), args.out)
        print(f"saved {args.out}", flush=True)
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
}
