// Bundles the Electron main process, the preload and the training worker into dist/electron as CommonJS,
// and copies the kernels' .wasm files next to them (bundles lose import.meta.url, so the worker is told
// where they are).
// The preload runs sandboxed, where require() only knows a handful of Electron modules, so everything
// it imports (zod, the IPC contract) is bundled in; `electron` itself stays external in both bundles.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.env.NODE_ENV === 'production';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  absWorkingDir: root,
};

// import.meta in engine code is only read behind checks for bundled (CommonJS) use.
const quietImportMeta = { logOverride: { 'empty-import-meta': 'silent' } };

await Promise.all([
  build({ ...common, ...quietImportMeta, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  build({ ...common, ...quietImportMeta, entryPoints: ['engine/training/nodeWorker.ts'], outfile: 'dist/electron/trainingWorker.cjs' }),
]);
await mkdir(path.join(root, 'dist/electron'), { recursive: true });
for (const wasm of ['netwright-kernels.wasm', 'netwright-kernels-threads.wasm']) {
  await copyFile(path.join(root, 'engine/kernels', wasm), path.join(root, 'dist/electron', wasm));
}
