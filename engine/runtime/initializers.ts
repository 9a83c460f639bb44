/** Weight initialisers (PyTorch's xavier_/kaiming_ formulas with Keras names). */
import type { InitializerName } from '../model/layerTypes';
import type { Rng } from './rng';

/** Fills `out` for a kernel with the given fans (Dense: in/out; Conv: k·k·inC / k·k·outC). */
export function initializeKernel(name: InitializerName, out: Float32Array, fanIn: number, fanOut: number, rng: Rng): void {
  switch (name) {
    case 'glorotUniform':
      return fillUniform(out, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'glorotNormal':
      return fillNormal(out, Math.sqrt(2 / (fanIn + fanOut)), rng);
    case 'heUniform':
      return fillUniform(out, Math.sqrt(6 / fanIn), rng);
    case 'heNormal':
      return fillNormal(out, Math.sqrt(2 / fanIn), rng);
    default: {
      const unreachable: never = name;
      throw new Error(`Unknown initialiser ${String(unreachable)}`);
    }
  }
}

function fillUniform(out: Float32Array, limit: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * limit;
}

function fillNormal(out: Float32Array, std: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
}
