"""PyTorch peer of the GEMM benchmark: GFLOP/s of torch.matmul (its BLAS) on the benchmark shapes.

Usage: torch_gemm.py '<json spec>' where the spec is
  {"threads": n, "shapes": [{"m": M, "n": N, "k": K, "transA": bool}], "warmupSeconds": w, "repeatSeconds": r, "repeats": k}
Prints one JSON object with GFLOP/s per shape and repeat.
"""
import json
import sys

from torch_common import emit, environment, import_torch, time_repeats

spec = json.loads(sys.argv[1])
torch = import_torch(spec["threads"])
torch.manual_seed(0)

results = []
for shape in spec["shapes"]:
    m, n, k = shape["m"], shape["n"], shape["k"]
    # Stored as the engine stores it: op(A) = Aᵀ reads a K×M row-major matrix.
    a = torch.randn(k, m).t() if shape["transA"] else torch.randn(m, k)
    b = torch.randn(k, n)
    c = torch.empty(m, n)

    def run(steps, a=a, b=b, c=c):
        for _ in range(steps):
            torch.matmul(a, b, out=c)

    steps, seconds = time_repeats(run, spec["warmupSeconds"], spec["repeatSeconds"], spec["repeats"])
    results.append({**shape, "gflops": [2 * m * n * k * steps / s / 1e9 for s in seconds]})

emit({"available": True, **environment(torch, spec["threads"]), "shapes": results})
