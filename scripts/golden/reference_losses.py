"""PyTorch references for the engine's losses. All reduce by the mean, as the engine does."""
import torch
import torch.nn.functional as F

LOSSES = ["sparseCategoricalCrossentropy", "categoricalCrossentropy", "binaryCrossentropy",
          "meanSquaredError", "meanAbsoluteError", "huber", "klDivergence"]
HUBER_DELTA = 1.0

# Losses whose input is raw logits; the rest take the network output as predictions.
FROM_LOGITS = {"sparseCategoricalCrossentropy", "categoricalCrossentropy", "binaryCrossentropy", "klDivergence"}

DEFINITIONS = {
    "sparseCategoricalCrossentropy": "mean over rows of -log softmax(logits)[row, label]",
    "categoricalCrossentropy": "mean over rows of -Σ_c targets·log softmax(logits)",
    "binaryCrossentropy": "mean over all elements of BCE(sigmoid(logits), targets), stable form",
    "meanSquaredError": "mean over all elements of (pred - target)^2",
    "meanAbsoluteError": "mean over all elements of |pred - target|",
    "huber": "mean over all elements of 0.5·d^2 if |d| <= delta else delta·(|d| - 0.5·delta), d = pred - target",
    "klDivergence": "Σ over rows and classes of targets·(log targets - log softmax(logits)), divided by rows "
                    "(batchmean); 0·log 0 = 0",
}


def loss(name, output, targets):
    """The engine's loss `name` as a differentiable scalar."""
    if name == "sparseCategoricalCrossentropy":
        return F.cross_entropy(output, targets.long())
    if name == "categoricalCrossentropy":
        return -(targets * torch.log_softmax(output, dim=-1)).sum(dim=-1).mean()
    if name == "binaryCrossentropy":
        return F.binary_cross_entropy_with_logits(output, targets)
    if name == "meanSquaredError":
        return F.mse_loss(output, targets)
    if name == "meanAbsoluteError":
        return F.l1_loss(output, targets)
    if name == "huber":
        return F.huber_loss(output, targets, delta=HUBER_DELTA)
    if name == "klDivergence":
        return F.kl_div(torch.log_softmax(output, dim=-1), targets, reduction="batchmean")
    raise ValueError(f"unknown loss {name}")
