"""Section "freezing" of the training group: fine-tuning as PyTorch does it.

A frozen layer's parameters have requires_grad=False and are left out of the optimiser; a frozen
BatchNorm is put in eval mode (bn.eval()), so it normalises with its running statistics and does not
update them, even while the rest of the network trains. The network is a real torch.nn module
(Linear, BatchNorm1d, Linear); weights are stored in the engine's layout ([in, out] dense kernels).
"""
import math

import torch

import reference_losses as L
import training_loop as T
from golden_io import f32, generator, rand, tensor

MLP_BN_LAYERS = [
    {"name": "dense_1", "type": "Dense", "units": 16, "activation": "relu"},
    {"name": "bn_1", "type": "BatchNorm", "epsilon": 1e-5, "momentum": 0.1},
    {"name": "dense_2", "type": "Dense", "units": 4, "activation": "none"},
]
MLP_BN_INPUT = [8]

# Every field explicit, as in gen_training.py.
CASES = {
    # Only the BatchNorm is frozen: dense_1 learns through it, weight decay must not touch it.
    "frozenBatchNorm": {"frozen": ["bn_1"], "optimizer": {
        "type": "adam", "learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "weightDecay": 0.01}},
    # The head and the BatchNorm are frozen: only dense_1 learns, from gradients through both.
    "frozenHead": {"frozen": ["bn_1", "dense_2"], "optimizer": {
        "type": "adamw", "learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "weightDecay": 0.1}},
    # The first layer is frozen under momentum with coupled weight decay: no velocity, no decay for it.
    "frozenFirst": {"frozen": ["dense_1"], "optimizer": {
        "type": "momentum", "learningRate": 0.05, "momentum": 0.9, "weightDecay": 0.01}},
}


def initial_weights():
    """float32 values in the engine's layout, running statistics far from (0, 1) so eval mode shows."""
    gen = generator(3200)
    limit1, limit2 = math.sqrt(6.0 / 24), math.sqrt(6.0 / 20)
    return {
        "dense_1.kernel": rand(gen, 8, 16, low=-limit1, high=limit1),
        "dense_1.bias": rand(gen, 16, low=-0.1, high=0.1),
        "bn_1.gamma": rand(gen, 16, low=0.5, high=1.5),
        "bn_1.beta": rand(gen, 16, low=-0.2, high=0.2),
        "bn_1.runningMean": rand(gen, 16, low=0.0, high=0.6),
        "bn_1.runningVar": rand(gen, 16, low=0.3, high=2.0),
        "dense_2.kernel": rand(gen, 16, 4, low=-limit2, high=limit2),
        "dense_2.bias": rand(gen, 4, low=-0.1, high=0.1),
    }


class MlpBn(torch.nn.Module):
    def __init__(self, weights):
        super().__init__()
        self.dense_1 = torch.nn.Linear(8, 16).double()
        self.bn_1 = torch.nn.BatchNorm1d(16, eps=1e-5, momentum=0.1).double()
        self.dense_2 = torch.nn.Linear(16, 4).double()
        with torch.no_grad():
            self.dense_1.weight.copy_(weights["dense_1.kernel"].T)
            self.dense_1.bias.copy_(weights["dense_1.bias"])
            self.bn_1.weight.copy_(weights["bn_1.gamma"])
            self.bn_1.bias.copy_(weights["bn_1.beta"])
            self.bn_1.running_mean.copy_(weights["bn_1.runningMean"])
            self.bn_1.running_var.copy_(weights["bn_1.runningVar"])
            self.dense_2.weight.copy_(weights["dense_2.kernel"].T)
            self.dense_2.bias.copy_(weights["dense_2.bias"])

    def forward(self, x):
        return self.dense_2(self.bn_1(torch.relu(self.dense_1(x))))

    def engine_weights(self):
        """Every weight by the fixture's names, in the engine's layout."""
        return {
            "dense_1.kernel": self.dense_1.weight.T, "dense_1.bias": self.dense_1.bias,
            "bn_1.gamma": self.bn_1.weight, "bn_1.beta": self.bn_1.bias,
            "bn_1.runningMean": self.bn_1.running_mean, "bn_1.runningVar": self.bn_1.running_var,
            "dense_2.kernel": self.dense_2.weight.T, "dense_2.bias": self.dense_2.bias,
        }

    def engine_gradients(self):
        """Gradients of the trainable weights, by the fixture's names, in the engine's layout."""
        grads = {
            "dense_1.kernel": self.dense_1.weight.grad, "dense_1.bias": self.dense_1.bias.grad,
            "bn_1.gamma": self.bn_1.weight.grad, "bn_1.beta": self.bn_1.bias.grad,
            "dense_2.kernel": self.dense_2.weight.grad, "dense_2.bias": self.dense_2.bias.grad,
        }
        return {k: (g.T if k.endswith(".kernel") else g) for k, g in grads.items() if g is not None}


def run_case(dataset, case):
    """Fine-tunes from the stored weights: frozen layers requires_grad=False, a frozen bn in eval()."""
    model = MlpBn(initial_weights())
    model.train()
    for name in case["frozen"]:
        layer = getattr(model, name)
        for p in layer.parameters():
            p.requires_grad_(False)
        if isinstance(layer, torch.nn.BatchNorm1d):
            layer.eval()
    trainable = [p for p in model.parameters() if p.requires_grad]
    opt = T.make_optimizer(trainable, case["optimizer"])
    x_all, y_all = dataset["x"], dataset["targets"]
    steps_per_epoch = math.ceil(x_all.shape[0] / T.BATCH_SIZE)
    record = {"losses": [], "gradientNorms": []}
    for step in range(T.STEPS):
        start = (step % steps_per_epoch) * T.BATCH_SIZE
        x, y = x_all[start:start + T.BATCH_SIZE], y_all[start:start + T.BATCH_SIZE]
        opt.zero_grad(set_to_none=True)
        loss = L.loss("sparseCategoricalCrossentropy", model(x), y)
        loss.backward()
        norm = torch.sqrt(sum((p.grad * p.grad).sum() for p in trainable))
        if step == 0:
            record["firstStepGradients"] = {k: tensor(g) for k, g in model.engine_gradients().items()}
        record["losses"].append(f32(loss))
        record["gradientNorms"].append(f32(norm))
        opt.step()
    record["finalWeights"] = {k: tensor(v) for k, v in model.engine_weights().items()}
    return record


def build(dataset):
    """The model fixture and the cases, trained on the MLP's class-label dataset."""
    model = {"input": MLP_BN_INPUT, "layers": MLP_BN_LAYERS,
             "initialWeights": {k: tensor(v) for k, v in initial_weights().items()}}
    cases = {}
    for name, spec in CASES.items():
        case = {"model": "mlpBn", "dataset": "mlpLabels", "loss": "sparseCategoricalCrossentropy",
                "frozen": spec["frozen"], "optimizer": spec["optimizer"], "batchSize": T.BATCH_SIZE,
                "steps": T.STEPS}
        cases[name] = {**case, **run_case(dataset, case)}
    return model, cases
