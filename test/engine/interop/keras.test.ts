import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportKeras } from '../../../engine/interop';
import { exportable, fixtureDocuments } from './fixtures';
import { runPython, writeExport } from './python';

// TensorFlow for Python is not installable on our machines, so the generated code is compiled, not run
// (docs/exports.md). What can be checked without TensorFlow is checked: syntax, and that every weight
// it loads is in weights.npz.
describe('Keras export', () => {
  for (const doc of fixtureDocuments()) {
    it(`model_keras.py is valid Python that loads only weights present in weights.npz: ${doc.name}`, () => {
      const files = exportKeras(exportable(doc));
      const dir = writeExport(files, 'keras');
      const compiled = runPython(['-m', 'py_compile', path.join(dir, 'model_keras.py')]);
      expect(compiled.stderr).toBe('');
      expect(compiled.status).toBe(0);
      const source = files.find((f) => f.path === 'model_keras.py')!.data as string;
      const loaded = [...source.matchAll(/arrays\["([^"]+)"\]/g)].map((m) => m[1]).sort();
      const script = path.join(dir, 'names.py');
      writeFileSync(script, 'import numpy as np, sys\nprint("\\n".join(sorted(np.load(sys.argv[1]).files)))\n');
      const stored = runPython([script, path.join(dir, 'weights.npz')]).stdout.trim().split('\n').map((n) => n.replace(/\.npy$/, ''));
      expect(loaded).toEqual(stored.sort());
    });
  }
});
