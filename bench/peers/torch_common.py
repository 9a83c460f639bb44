"""Shared set-up for the PyTorch peers: thread pools, BLAS detection, timing, JSON output."""
import json
import os
import sys
import time


def emit(payload):
    """Prints the one JSON object the TypeScript side parses, and exits."""
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()
    sys.exit(0)


def import_torch(threads):
    """Imports torch with `threads` intra-op threads, or reports it missing (as JSON) and exits."""
    try:
        import torch  # noqa: PLC0415 - imported late so a missing torch becomes a report, not a crash
    except Exception as err:  # any import failure means the peer is unavailable
        emit({"available": False, "reason": f"torch not importable: {err}"})
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    return torch


def loaded_blas():
    """The BLAS shared library this process mapped (torch's Debian build links libblas.so.3 generically)."""
    paths = set()
    with open("/proc/self/maps", encoding="utf-8") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and "blas" in os.path.basename(parts[5]).lower():
                paths.add(os.path.realpath(parts[5]))
    libs = sorted(paths)
    if any("openblas" in p for p in libs):
        kind = "OpenBLAS"
    elif libs:
        kind = "reference BLAS"
    else:
        kind = "none mapped"
    return {"kind": kind, "libraries": libs}


def environment(torch, threads):
    """What the report needs to say about this peer's configuration."""
    return {
        "torch": torch.__version__,
        "threads": threads,
        "torchThreads": torch.get_num_threads(),
        "openblasThreads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "mkldnn": bool(torch.backends.mkldnn.is_available()),
        "blas": loaded_blas(),
    }


def time_repeats(run_steps, warmup_seconds, repeat_seconds, repeats, min_steps=3):
    """Warms up, picks a step count that makes one repeat last about `repeat_seconds`, and times `repeats` repeats.

    Returns (steps per repeat, seconds of each repeat)."""
    steps = 1
    spent = 0.0
    started = time.perf_counter()
    while time.perf_counter() - started < warmup_seconds or steps < 2:
        t0 = time.perf_counter()
        run_steps(steps)
        spent = time.perf_counter() - t0
        steps *= 2
    per_step = spent / (steps // 2)
    steps = max(min_steps, round(repeat_seconds / per_step))
    seconds = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run_steps(steps)
        seconds.append(time.perf_counter() - t0)
    return steps, seconds
