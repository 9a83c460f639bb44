#!/usr/bin/env python3
"""Writes the PyTorch reference fixtures the engine is tested against.

Run with Debian's interpreter (it has python3-torch):
    /usr/bin/python3 scripts/golden/make_golden.py [--out DIR] [--only GROUP ...]
Default output: test/golden/fixtures/. See test/golden/README.md for the format.
"""
import argparse
import os
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen_layers  # noqa: E402
import gen_losses  # noqa: E402
import gen_ops  # noqa: E402
import gen_training  # noqa: E402
from golden_io import setup_determinism, write_group  # noqa: E402

GROUPS = {"ops": gen_ops.build, "layers": gen_layers.build, "losses": gen_losses.build,
          "training": gen_training.build}
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(REPO_ROOT, "test", "golden", "fixtures")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="directory to write <group>.json into")
    parser.add_argument("--only", nargs="*", choices=sorted(GROUPS), help="write only these groups")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name in args.only or list(GROUPS):
        setup_determinism()
        started = time.perf_counter()
        size = write_group(os.path.join(args.out, f"{name}.json"), GROUPS[name]())
        if not args.quiet:
            print(f"{name}.json: {size / 1024:.1f} KiB in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
