/** Typed failures of the engine runtime, so hosts can show what went wrong and where. */

export type EngineErrorCode =
  | 'shapeMismatch'
  | 'nonFinite'
  | 'outOfMemory'
  | 'invalidInput'
  | 'unknownWeight'
  | 'unsupported'
  | 'disposed';

export interface EngineErrorDetails {
  /** The program node (layer) the problem was found at, when known. */
  nodeId?: string;
  /** The op or weight involved, e.g. "conv2d" or "dense1/kernel". */
  op?: string;
  expectedShape?: readonly number[];
  actualShape?: readonly number[];
}

/** An error raised by the runtime: `code` says what kind, `nodeId`/`op` say where. */
export class EngineError extends Error {
  readonly nodeId?: string;
  readonly op?: string;
  readonly expectedShape?: readonly number[];
  readonly actualShape?: readonly number[];

  constructor(
    readonly code: EngineErrorCode,
    message: string,
    details: EngineErrorDetails = {},
  ) {
    super(message);
    this.name = 'EngineError';
    this.nodeId = details.nodeId;
    this.op = details.op;
    this.expectedShape = details.expectedShape;
    this.actualShape = details.actualShape;
  }
}

/** Runs an allocation, turning the kernels' RangeError into an outOfMemory EngineError. */
export function withMemoryCheck<T>(what: string, allocate: () => T): T {
  try {
    return allocate();
  } catch (err) {
    if (err instanceof RangeError) {
      throw new EngineError('outOfMemory', `Out of memory while allocating ${what}: ${err.message}. Try a smaller batch size or model.`, {
        op: what,
      });
    }
    throw err;
  }
}
