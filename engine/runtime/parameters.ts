/** Persistent parameter buffers (weights, their gradients, regularisation) that outlive plans. */
import type { Kernels, Ptr } from '../kernels/api';
import { EngineError, withMemoryCheck } from './errors';
import { sizeOfShape } from './tensor';

/** One named weight tensor in kernel memory. */
export interface Parameter {
  /** `${nodeId}/kernel`, `/bias`, `/gamma`, `/beta`, `/runningMean`, `/runningVar`. */
  name: string;
  nodeId: string;
  shape: number[];
  size: number;
  ptr: Ptr;
  /** 0 for non-trainable state (BatchNorm running statistics) and for every weight of a frozen layer. */
  grad: Ptr;
  /** false for running statistics and for a frozen layer's weights: no gradient, no optimiser state, no update. */
  trainable: boolean;
  /** Keras-style penalties: loss += l1·Σ|w| + l2·Σw². */
  l1: number;
  l2: number;
}

/** Owns every parameter of a model. */
export class ParameterStore {
  readonly list: Parameter[] = [];
  private readonly byName = new Map<string, Parameter>();
  private readonly owned: Ptr[] = [];

  /** `frozen`: ids of layers whose weights never learn (their parameters are created non-trainable). */
  constructor(
    private readonly kernels: Kernels,
    private readonly frozen: ReadonlySet<string> = new Set(),
  ) {}

  /** True when the layer's weights are frozen. */
  isFrozen(nodeId: string): boolean {
    return this.frozen.has(nodeId);
  }

  /**
   * Allocates a parameter (zero-filled) and lets `fill` write its initial values in place, so
   * that no copy of a large weight ever lives on the JS heap.
   */
  create(
    nodeId: string,
    suffix: string,
    shape: number[],
    trainable: boolean,
    fill: ((values: Float32Array) => void) | null,
    reg: { l1: number; l2: number } = { l1: 0, l2: 0 },
  ): Parameter {
    const name = `${nodeId}/${suffix}`;
    const size = sizeOfShape(shape);
    const ptr = this.allocate(size, name);
    // A frozen layer's weights get no gradient buffer: ops skip their weight gradients (grad 0), and the
    // optimiser, penalties, norms and clipping only ever see trainable parameters.
    const learns = trainable && !this.frozen.has(nodeId);
    const grad = learns ? this.allocate(size, `${name} gradient`) : 0;
    if (fill) fill(this.kernels.f32().subarray(ptr >> 2, (ptr >> 2) + size));
    const p: Parameter = { name, nodeId, shape, size, ptr, grad, trainable: learns, l1: reg.l1, l2: reg.l2 };
    this.list.push(p);
    this.byName.set(name, p);
    return p;
  }

  /** A zero-filled buffer that lives as long as the store (optimiser state). */
  allocate(count: number, what: string): Ptr {
    const bytes = Math.max(16, count * 4);
    const ptr = withMemoryCheck(`${what} (${bytes} bytes)`, () => this.kernels.alloc(bytes));
    this.owned.push(ptr);
    return ptr;
  }

  get(name: string): Parameter {
    const p = this.byName.get(name);
    if (!p) throw new EngineError('unknownWeight', `The model has no weight named "${name}".`, { op: name });
    return p;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Number of trainable values (what "parameters" means to a user). */
  get trainableCount(): number {
    let n = 0;
    for (const p of this.list) if (p.trainable) n += p.size;
    return n;
  }

  dispose(): void {
    for (const p of this.owned) this.kernels.free(p);
    this.owned.length = 0;
  }
}
