import { canvasSuite } from './canvas';
import { engineSuite } from './engine';
import { modelSuite } from './model';
import { projectSuite } from './project';
import type { Suite } from './report';
import { trainingSuite } from './training';

/** Every benchmark suite by the name `npm run bench -- <name>` takes. */
export const suites: Record<string, Suite> = {
  model: modelSuite,
  engine: engineSuite,
  canvas: canvasSuite,
  training: trainingSuite,
  project: projectSuite,
};
