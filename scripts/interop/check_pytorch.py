"""Loads a Netwright PyTorch export and writes its predictions, for the interop tests.

usage: check_pytorch.py EXPORT_DIR INPUTS_NPZ OUT_BIN [--via-pt]
INPUTS_NPZ holds x0, x1, ... (one per model input, channels-last). With --via-pt the weights go
through `python model.py weights.npz weights.pt` and torch.load first, as a user would.
"""
import os
import subprocess
import sys

try:
    import numpy as np
    import torch
except ImportError as err:  # the test turns this into a failure with this message
    print(f"PyTorch is not available to {sys.executable}: {err}. Install python3-torch.", file=sys.stderr)
    sys.exit(3)


def main():
    export_dir, inputs_path, out_path = sys.argv[1:4]
    via_pt = "--via-pt" in sys.argv
    sys.path.insert(0, export_dir)
    import model as exported

    net = exported.NetwrightModel()
    if via_pt:
        pt = os.path.join(export_dir, "weights.pt")
        subprocess.run([sys.executable, os.path.join(export_dir, "model.py"), os.path.join(export_dir, "weights.npz"), pt], check=True)
        net.load_state_dict(torch.load(pt))
    else:
        exported.load_netwright_weights(net, os.path.join(export_dir, "weights.npz"))
    net.eval()
    arrays = np.load(inputs_path)
    names = list(exported.INPUT_SHAPES)
    xs = []
    for i, name in enumerate(names):
        x = arrays[f"x{i}"].astype(np.float32)
        xs.append(torch.from_numpy(x.reshape((-1,) + tuple(exported.INPUT_SHAPES[name]))))
    with torch.no_grad():
        out = net.predict(*xs)
    out.numpy().astype("<f4").tofile(out_path)


if __name__ == "__main__":
    main()
