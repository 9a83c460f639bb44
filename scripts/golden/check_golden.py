#!/usr/bin/env python3
"""Regenerates the golden fixtures into a temporary directory and compares them with the committed ones.

Numbers are compared within a tolerance (BLAS builds may differ in the last bits), structure exactly.
Exits 1 naming the group and key that differ; 0 when every group matches.
    /usr/bin/python3 scripts/golden/check_golden.py [--fixtures DIR] [--rtol R] [--atol A]
"""
import argparse
import json
import math
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from golden_io import setup_determinism, write_group  # noqa: E402
from make_golden import DEFAULT_OUT, GROUPS  # noqa: E402

# Environment facts that may differ between machines without the numbers differing.
ENVIRONMENT_KEYS = {"torch", "numpy", "python"}


class Mismatch(Exception):
    pass


def _is_tensor(v):
    return isinstance(v, dict) and set(v) == {"shape", "data"}


def _close(a, b, rtol, atol):
    return math.isfinite(a) and math.isfinite(b) and abs(a - b) <= atol + rtol * abs(b)


def compare(committed, fresh, path, tol, worst):
    """Raises Mismatch naming the first path where the two documents differ."""
    rtol, atol = tol
    if _is_tensor(committed) or _is_tensor(fresh):
        if not (_is_tensor(committed) and _is_tensor(fresh)):
            raise Mismatch(f"{path}: one side is a tensor, the other is not")
        if committed["shape"] != fresh["shape"]:
            raise Mismatch(f"{path}: shape {committed['shape']} committed, {fresh['shape']} regenerated")
        for i, (a, b) in enumerate(zip(committed["data"], fresh["data"])):
            worst[0] = max(worst[0], abs(a - b) / (atol + rtol * abs(b)))
            if not _close(a, b, rtol, atol):
                raise Mismatch(f"{path}.data[{i}]: committed {a!r}, regenerated {b!r}")
        return
    if isinstance(committed, dict) and isinstance(fresh, dict):
        if list(committed) != list(fresh):
            missing = [k for k in fresh if k not in committed]
            extra = [k for k in committed if k not in fresh]
            raise Mismatch(f"{path}: keys differ (missing from committed {missing}, no longer generated {extra})")
        for key in committed:
            if path.endswith(".meta") and key in ENVIRONMENT_KEYS:
                continue
            compare(committed[key], fresh[key], f"{path}.{key}", tol, worst)
        return
    if isinstance(committed, list) and isinstance(fresh, list):
        if len(committed) != len(fresh):
            raise Mismatch(f"{path}: length {len(committed)} committed, {len(fresh)} regenerated")
        for i, (a, b) in enumerate(zip(committed, fresh)):
            compare(a, b, f"{path}[{i}]", tol, worst)
        return
    numeric = (int, float)
    if isinstance(committed, numeric) and isinstance(fresh, numeric) and not isinstance(committed, bool) \
            and not isinstance(fresh, bool):
        worst[0] = max(worst[0], abs(committed - fresh) / (atol + rtol * abs(fresh)))
        if not _close(committed, fresh, rtol, atol):
            raise Mismatch(f"{path}: committed {committed!r}, regenerated {fresh!r}")
        return
    if committed != fresh:
        raise Mismatch(f"{path}: committed {committed!r}, regenerated {fresh!r}")


def main():
    parser = argparse.ArgumentParser(description="Check committed golden fixtures against a fresh run.")
    parser.add_argument("--fixtures", default=DEFAULT_OUT)
    parser.add_argument("--rtol", type=float, default=1e-5)
    parser.add_argument("--atol", type=float, default=1e-7)
    args = parser.parse_args()
    failures = []
    extra = sorted(f for f in os.listdir(args.fixtures) if f.endswith(".json") and f[:-5] not in GROUPS)
    if extra:
        failures.append(f"unexpected fixture files (no generator writes them): {extra}")
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        for name, build in GROUPS.items():
            setup_determinism()
            write_group(os.path.join(tmp, f"{name}.json"), build())
            committed_path = os.path.join(args.fixtures, f"{name}.json")
            if not os.path.exists(committed_path):
                failures.append(f"{name}: {committed_path} is missing; run scripts/golden/make_golden.py")
                continue
            with open(committed_path, encoding="utf-8") as f:
                committed = json.load(f)
            with open(os.path.join(tmp, f"{name}.json"), encoding="utf-8") as f:
                fresh = json.load(f)
            worst = [0.0]
            try:
                compare(committed, fresh, name, (args.rtol, args.atol), worst)
                print(f"{name}.json: matches (worst deviation {worst[0]:.3g} of the tolerance)")
            except Mismatch as err:
                failures.append(f"{name}.json differs from a fresh run at {err}")
    if failures:
        for line in failures:
            print(f"GOLDEN MISMATCH: {line}", file=sys.stderr)
        print("If the generator changed on purpose, regenerate with "
              "/usr/bin/python3 scripts/golden/make_golden.py and commit the fixtures.", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
