"""Group "training": ten steps of real training for every optimiser, loss, regulariser, clip and schedule,
and fine-tuning with frozen layers (section "freezing", see freezing.py)."""
import torch

import freezing as FZ
import reference_losses as L
import reference_models as M
import training_loop as T
from golden_io import generator, meta, rand, tensor

# Typical settings, every field explicit so the engine's defaults never matter.
OPTIMIZERS = {
    "sgd": {"type": "sgd", "learningRate": 0.1, "weightDecay": 0.0},
    "momentum": {"type": "momentum", "learningRate": 0.05, "momentum": 0.9, "weightDecay": 0.0},
    "momentumWeightDecay": {"type": "momentum", "learningRate": 0.05, "momentum": 0.9, "weightDecay": 0.01},
    "nesterov": {"type": "nesterov", "learningRate": 0.05, "momentum": 0.9, "weightDecay": 0.0},
    "adagrad": {"type": "adagrad", "learningRate": 0.1, "epsilon": 1e-10, "weightDecay": 0.0},
    "adadelta": {"type": "adadelta", "learningRate": 1.0, "rho": 0.9, "epsilon": 1e-6, "weightDecay": 0.0},
    "rmsprop": {"type": "rmsprop", "learningRate": 0.01, "rho": 0.99, "epsilon": 1e-8, "momentum": 0.0,
                "weightDecay": 0.0},
    "rmspropMomentum": {"type": "rmsprop", "learningRate": 0.005, "rho": 0.9, "epsilon": 1e-8, "momentum": 0.9,
                        "weightDecay": 0.0},
    "adam": {"type": "adam", "learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8,
             "weightDecay": 0.0},
    "adamWeightDecay": {"type": "adam", "learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8,
                        "weightDecay": 0.01},
    "adamw": {"type": "adamw", "learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8,
              "weightDecay": 0.1},
}
CONSTANT = {"type": "constant"}
SGD_FOR_EXTRAS = {"type": "sgd", "learningRate": 0.2, "weightDecay": 0.0}

REGULARIZATION = {"l1": (0.01, 0.0), "l2": (0.0, 0.01), "l1l2": (0.005, 0.01)}
# (name, clipNorm, clipValue, l2)
CLIPPING = [("norm", 0.5, None, 0.0), ("value", None, 0.05, 0.0), ("l2ThenNorm", 0.5, None, 0.05)]
SCHEDULES = {
    "step": {"type": "step", "gamma": 0.5, "stepEpochs": 2},
    "exponential": {"type": "exponential", "gamma": 0.8},
    "cosine": {"type": "cosine", "minLearningRate": 0.0},
    "warmupConstant": {"type": "constant", "warmupSteps": 3},
    "warmupCosine": {"type": "cosine", "minLearningRate": 0.01, "warmupSteps": 3},
}
LOSS_DATASETS = {
    "sparseCategoricalCrossentropy": "mlpLabels", "categoricalCrossentropy": "mlpSoft",
    "binaryCrossentropy": "mlpBinary", "meanSquaredError": "mlpRegression",
    "meanAbsoluteError": "mlpRegression", "huber": "mlpRegression", "klDivergence": "mlpSoft",
}
LOSS_OPTIMIZER = OPTIMIZERS["adam"]


def datasets():
    """Eight samples each (two batches of four): the MLP's inputs with every kind of target, and the CNN's images."""
    gen = generator(4000)
    x = rand(gen, 8, 8)
    labels = torch.tensor([0, 1, 2, 3, 2, 0, 3, 1], dtype=torch.float64)
    soft = torch.softmax(rand(gen, 8, 4, low=-2.0, high=2.0), dim=-1).float().double()
    binary = (rand(gen, 8, 4, low=0.0, high=1.0) > 0.5).double()
    regression = rand(gen, 8, 4, low=-1.5, high=1.5)
    images = rand(gen, 8, 8, 8, 1, low=0.0, high=1.0)
    image_labels = torch.tensor([0, 1, 2, 0, 1, 2, 2, 0], dtype=torch.float64)
    return {
        "mlpLabels": {"x": x, "targets": labels, "targetKind": "classIndices"},
        "mlpSoft": {"x": x, "targets": soft, "targetKind": "distributions"},
        "mlpBinary": {"x": x, "targets": binary, "targetKind": "binary"},
        "mlpRegression": {"x": x, "targets": regression, "targetKind": "values"},
        "cnnLabels": {"x": images, "targets": image_labels, "targetKind": "classIndices"},
    }


def _case(model, dataset_name, loss, optimizer, schedule=CONSTANT, l1=0.0, l2=0.0, clip_norm=None, clip_value=None):
    return {"model": model, "dataset": dataset_name, "loss": loss, "optimizer": optimizer, "schedule": schedule,
            "l1": l1, "l2": l2, "clipNorm": clip_norm, "clipValue": clip_value, "batchSize": T.BATCH_SIZE,
            "steps": T.STEPS}


def case_sections():
    sparse = "sparseCategoricalCrossentropy"
    sections = {
        "optimizers": {k: _case("mlp", "mlpLabels", sparse, cfg) for k, cfg in OPTIMIZERS.items()},
        "cnnOptimizers": {k: _case("cnn", "cnnLabels", sparse, cfg) for k, cfg in OPTIMIZERS.items()},
        "losses": {loss: _case("mlp", LOSS_DATASETS[loss], loss, LOSS_OPTIMIZER) for loss in L.LOSSES},
        "regularization": {k: _case("mlp", "mlpLabels", sparse, SGD_FOR_EXTRAS, l1=l1, l2=l2)
                           for k, (l1, l2) in REGULARIZATION.items()},
        "clipping": {k: _case("mlp", "mlpLabels", sparse, SGD_FOR_EXTRAS, l2=l2, clip_norm=cn, clip_value=cv)
                     for k, cn, cv, l2 in CLIPPING},
        "schedules": {k: _case("mlp", "mlpLabels", sparse, SGD_FOR_EXTRAS, schedule=s) for k, s in SCHEDULES.items()},
    }
    return sections


def build():
    """The whole "training" group."""
    data = datasets()
    group = {
        "meta": meta("training", {
            "steps": T.STEPS, "batchSize": T.BATCH_SIZE, "stepsPerEpoch": 2, "shuffle": False,
            "batchOrder": "step t uses dataset rows [4·(t mod 2), 4·(t mod 2) + 4)",
            "stepOrder": "forward, loss + penalty, backward, clip, learning rate for step t, optimiser step",
            "regularization": "penalty = l1·Σ|K| + l2·ΣK² over Dense kernels; biases never (regularised cases are MLP-only)",
            "weightDecay": "inside the optimiser, on every parameter including biases; coupled (added to the "
                           "gradient after clipping) except adamw (decoupled)",
            "clipNorm": f"torch.nn.utils.clip_grad_norm_: g *= min(1, clipNorm / (‖g‖ + {T.CLIP_NORM_EPS})), "
                        "‖g‖ over all parameters",
            "clipValue": "torch.nn.utils.clip_grad_value_: g = clamp(g, -clipValue, clipValue)",
            "lossReduction": "mean",
        }),
        "models": {m: {**M.description(m), "initialWeights": {k: tensor(v) for k, v in M.initial_weights(m).items()}}
                   for m in ("mlp", "cnn")},
        "datasets": {k: {"targetKind": d["targetKind"], "x": tensor(d["x"]), "targets": tensor(d["targets"])}
                     for k, d in data.items()},
    }
    for section, cases in case_sections().items():
        group[section] = {name: {**case, **T.run_case(case["model"], data[case["dataset"]], case)}
                          for name, case in cases.items()}
    group["models"]["mlpBn"], group["freezing"] = FZ.build(data["mlpLabels"])
    return group
