"""Writes test/engine/metrics/reference.json: scikit-learn's values for fixed random inputs.

Run with Debian's Python, which has scikit-learn:  /usr/bin/python3 scripts/metrics/make_reference.py
The tests compare Netwright's metrics with these values to 1e-6.
"""
import json
import pathlib
import warnings

import numpy as np
import sklearn
from sklearn import metrics

OUT = pathlib.Path(__file__).resolve().parents[2] / "test" / "engine" / "metrics" / "reference.json"
rng = np.random.default_rng(20240611)


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def classification_case(name, n, k, y_true, probs):
    y_pred = probs.argmax(axis=1)
    labels = list(range(k))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, r, f, s = metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
        averaged = {
            avg: dict(zip(["precision", "recall", "f1"], metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, average=avg, zero_division=0)[:3]))
            for avg in ("macro", "weighted")
        }
    present = sorted(set(y_true.tolist()))
    per_class_auc = [metrics.roc_auc_score(y_true == c, probs[:, c]) if c in present else None for c in labels]
    return {
        "name": name,
        "classes": k,
        "yTrue": y_true.tolist(),
        "probabilities": probs.ravel().tolist(),
        "yPred": y_pred.tolist(),
        "accuracy": metrics.accuracy_score(y_true, y_pred),
        "confusion": metrics.confusion_matrix(y_true, y_pred, labels=labels).ravel().tolist(),
        "precision": p.tolist(),
        "recall": r.tolist(),
        "f1": f.tolist(),
        "support": s.tolist(),
        "macro": {key: float(v) for key, v in averaged["macro"].items()},
        "weighted": {key: float(v) for key, v in averaged["weighted"].items()},
        "logLoss": metrics.log_loss(y_true, probs, labels=labels),
        "perClassAuc": per_class_auc,
        # scikit-learn's one-vs-rest macro AUC needs every class in the truth.
        "macroAuc": metrics.roc_auc_score(y_true, probs, multi_class="ovr", average="macro", labels=labels) if len(present) == k else None,
    }


def binary_case(name, y_true, scores):
    fpr, tpr, thresholds = metrics.roc_curve(y_true, scores)
    return {
        "name": name,
        "yTrue": y_true.tolist(),
        "scores": scores.tolist(),
        "fpr": fpr.tolist(),
        "tpr": tpr.tolist(),
        "thresholds": thresholds.tolist(),
        "auc": metrics.roc_auc_score(y_true, scores),
        "logLoss": metrics.log_loss(y_true, scores),
        "f1": metrics.f1_score(y_true, scores >= 0.5),
    }


def regression_case(name, y_true, y_pred):
    return {
        "name": name,
        "yTrue": y_true.tolist(),
        "yPred": y_pred.tolist(),
        "mae": metrics.mean_absolute_error(y_true, y_pred),
        "rmse": float(np.sqrt(metrics.mean_squared_error(y_true, y_pred))),
        "r2": metrics.r2_score(y_true, y_pred),
    }


def informative_probs(y_true, k, signal):
    logits = rng.normal(size=(len(y_true), k))
    logits[np.arange(len(y_true)), y_true] += signal
    return softmax(logits)


def smoothing_case(values, weight):
    """The debiased moving average by its definition: the mean of the values so far, weighted weight**age."""
    smoothed = []
    for t in range(len(values)):
        ages = np.arange(t, -1, -1)
        w = weight**ages
        smoothed.append(float(np.sum(w * values[: t + 1]) / np.sum(w)))
    return {"values": values.tolist(), "weight": weight, "smoothed": smoothed}


cases = {"sklearn": sklearn.__version__, "classification": [], "binary": [], "regression": [], "smoothing": []}

y = rng.integers(0, 4, size=300)
cases["classification"].append(classification_case("four classes", 300, 4, y, informative_probs(y, 4, 1.5)))

y = rng.integers(0, 7, size=500)
cases["classification"].append(classification_case("seven classes, weak signal", 500, 7, y, informative_probs(y, 7, 0.7)))

# Class 4 never occurs in the truth and is never predicted: its precision and recall are undefined (0).
y = rng.integers(0, 4, size=120)
probs = informative_probs(y, 5, 2.0)
probs[:, 4] = 0.0
probs /= probs.sum(axis=1, keepdims=True)
cases["classification"].append(classification_case("absent class", 120, 5, y, probs))

y = rng.integers(0, 2, size=400)
scores = np.clip(0.5 + 0.25 * (2 * y - 1) + rng.normal(scale=0.25, size=400), 0.01, 0.99)
cases["binary"].append(binary_case("continuous scores", y, scores))
# Scores rounded to one decimal: many ties, so each threshold covers several samples.
cases["binary"].append(binary_case("tied scores", y[:150], np.round(scores[:150], 1).clip(0.05, 0.95)))

truth = rng.normal(loc=3.0, scale=2.0, size=250)
cases["regression"].append(regression_case("noisy predictions", truth, truth + rng.normal(scale=0.8, size=250)))
cases["regression"].append(regression_case("poor predictions", truth[:60], rng.normal(loc=3.0, scale=2.0, size=60)))

losses = 2.3 * np.exp(-np.arange(80) / 25) + rng.normal(scale=0.15, size=80)
cases["smoothing"] += [smoothing_case(losses, 0.6), smoothing_case(losses, 0.95)]

OUT.write_text(json.dumps(cases, indent=1) + "\n")
print(f"wrote {OUT} (scikit-learn {sklearn.__version__})")
