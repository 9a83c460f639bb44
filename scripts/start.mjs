// `npm start`: builds the app and opens it in Electron. npm installs Electron without its binary
// (package.json allowScripts), so that `npm install` never fails where the binary cannot be downloaded;
// the first start fetches it. When that is impossible, the same app opens in the browser instead, with
// a plain word on how to get the desktop shell.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { desktopShellMissingMessage, electronBinary } from './startShell.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

const run = (command, args, options = {}) => spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...options });

const built = run('npm', ['run', 'build']);
if (built.status !== 0) process.exit(built.status ?? 1);

let shell = electronBinary(electronDir);
if (!shell.ok && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Fetching the Electron desktop shell (first start only)…');
  const fetched = run(process.execPath, [path.join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000, encoding: 'utf8' });
  const reason = fetched.error?.message ?? `${fetched.stderr ?? ''}`.split('\n').find((line) => /error/i.test(line))?.trim();
  shell = electronBinary(electronDir);
  if (!shell.ok && reason) shell = { ok: false, reason };
}

if (shell.ok) {
  const child = spawn(shell.path, ['.'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log(`\n${desktopShellMissingMessage(shell.reason)}\n`);
  // Vite's preview serves the production build with the cross-origin isolation headers the training
  // worker needs for threads, and opens the system browser.
  const { preview } = await import('vite');
  const server = await preview({ configFile: path.join(root, 'renderer', 'vite.config.ts'), preview: { open: true } });
  server.printUrls();
}
