"""PyTorch peer of the engine benchmark: training throughput of the benchmark MLP or CNN.

Usage: torch_train.py '<json spec>' where the spec is {"model": ..., "threads": n, "parametersOnly": true}
(prints each layer's parameter count) or
  {"model": "mlp"|"cnn", "threads": n, "images": path, "labels": path, "count": n, "batch": 64,
   "seed": s, "warmupSeconds": w, "repeatSeconds": r, "repeats": k}
`images` holds count×784 float32 (28×28×1, channels last) and `labels` count int32, both little-endian,
written by the TypeScript side so every framework trains on the same bytes. Prints one JSON object.
"""
import json
import sys

from torch_common import emit, environment, import_torch, time_repeats

spec = json.loads(sys.argv[1])
torch = import_torch(spec["threads"])
from torch import nn  # noqa: E402 - torch is imported (or reported missing) above
import torch.nn.functional as F  # noqa: E402


def build(model):
    """The benchmark models, layer for layer as bench/engineModels.ts builds them."""
    if model == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    if model == "cnn":
        return nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(5 * 5 * 64, 128), nn.ReLU(), nn.Linear(128, 10),
        )
    raise ValueError(f"unknown model {model}")


if spec.get("parametersOnly"):
    # Lets tests check, layer by layer, that this peer trains the same model as ours.
    modules = build(spec["model"])
    counts = [sum(p.numel() for p in m.parameters(recurse=False)) for m in modules]
    emit({"available": True, **environment(torch, spec["threads"]), "parameters": [c for c in counts if c > 0]})

torch.manual_seed(spec["seed"])
count, batch = spec["count"], spec["batch"]
images = torch.from_file(spec["images"], size=count * 784, dtype=torch.float32).reshape(count, 1, 28, 28)
labels = torch.from_file(spec["labels"], size=count, dtype=torch.int32).long()
batches = [(images[i:i + batch].contiguous(), labels[i:i + batch].contiguous()) for i in range(0, count - batch + 1, batch)]

model = build(spec["model"])
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
state = {"next": 0, "loss": float("nan")}


def run_steps(steps):
    for _ in range(steps):
        x, y = batches[state["next"] % len(batches)]
        state["next"] += 1
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        state["loss"] = loss.item()  # read every step, as a training loop that reports loss does


steps, seconds = time_repeats(run_steps, spec["warmupSeconds"], spec["repeatSeconds"], spec["repeats"])
emit({
    "available": True,
    **environment(torch, spec["threads"]),
    "model": spec["model"],
    "batch": batch,
    "stepsPerRepeat": steps,
    "samplesPerSecond": [steps * batch / s for s in seconds],
    "finalLoss": state["loss"],
})
