// This file runs in Node at build time, not in the renderer, so it may use Node's modules.
// eslint-disable-next-line no-restricted-imports
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { datasetsPlugin } from './vite.datasets';

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const here = fileURLToPath(new URL('.', import.meta.url));

// The renderer builds to dist/renderer with relative asset paths so Electron can load it from file://.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), datasetsPlugin()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  // Cross-origin isolation gives the training worker SharedArrayBuffer, so its kernels can use threads.
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] }, headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
});
