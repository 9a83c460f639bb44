/** Weight shapes of a compiled model, for files that store weights with their shapes. */
import { createReferenceKernels } from '../kernels';
import type { Program } from '../model/program';
import { buildModel } from '../runtime';

/** The shape of every weight the program's model has, by name (built once on the reference kernels). */
export function weightShapesOf(program: Program): Record<string, number[]> {
  const kernels = createReferenceKernels();
  const model = buildModel(program, kernels);
  try {
    return model.weightShapes();
  } finally {
    model.dispose();
    kernels.dispose();
  }
}
