/**
 * The browser that drives the web build, found wherever it is installed (test/support/browserDiscovery.ts),
 * and the web build it runs. Shared by the end-to-end tests and the browser benchmarks. CI uses Debian's
 * Chromium; a developer's Chrome, Edge or Playwright-installed Chromium works the same.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { findBrowser, launchOptions, type BrowserPlatform, type FoundBrowser } from '../support/browserDiscovery';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where `npm run build:renderer` writes the web build. */
export const WEB_BUILD_DIR = join(REPO_ROOT, 'dist/renderer');

const platform = process.platform as BrowserPlatform;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The browser on this machine, or a BrowserNotFoundError saying where it looked and how to get one. */
export function discoverBrowser(): FoundBrowser {
  return findBrowser({
    platform,
    env: process.env,
    homeDir: homedir(),
    isFile: (path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false;
      }
    },
    listDir: (path) => {
      try {
        return readdirSync(path);
      } catch {
        return [];
      }
    },
  });
}

/** Starts the browser headless, or throws saying what is missing and how to get it. */
export async function launchChromium(): Promise<Browser> {
  const browser = discoverBrowser();
  const { args, chromiumSandbox } = launchOptions({ platform, isRoot });
  try {
    return await chromium.launch({ executablePath: browser.path, headless: true, chromiumSandbox, args, timeout: 60_000 });
  } catch (err) {
    throw new Error(`The browser at ${browser.path} (found through ${browser.source}) could not be started: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Our own copy of the web build. Other people rebuild dist/renderer while they work (vite empties it
 * first), which would pull files from under a running test, so tests and benchmarks build here.
 */
export const PRIVATE_BUILD_DIR = join(REPO_ROOT, 'test-results/web-build');

/**
 * Builds the web renderer with `npm run build:renderer` into PRIVATE_BUILD_DIR and returns that folder.
 * With NETWRIGHT_E2E_NO_BUILD=1 nothing is built and the existing dist/renderer is used instead.
 */
export function prepareWebBuild(): string {
  const reuse = process.env.NETWRIGHT_E2E_NO_BUILD === '1';
  const dir = reuse ? WEB_BUILD_DIR : PRIVATE_BUILD_DIR;
  if (!reuse) {
    const args = ['run', 'build:renderer', '--', '--outDir', PRIVATE_BUILD_DIR, '--emptyOutDir'];
    // vitest sets NODE_ENV=test, which would make Vite build React's development bundle; test what ships.
    const env = { ...process.env, NODE_ENV: 'production', NO_COLOR: '1', FORCE_COLOR: '0' };
    const result = spawnSync('npm', args, { cwd: REPO_ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status !== 0) {
      // The bundler's message says what failed; its stack trace does not.
      const lines = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n').filter((line) => !/^\s+at /.test(line));
      const output = lines.join('\n').trim().split('\n').slice(-60).join('\n');
      throw new Error(`"npm run build:renderer" failed (exit ${result.status ?? result.signal}):\n${output}`);
    }
  }
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`There is no web build in ${dir}. Run "npm run build:renderer", or unset NETWRIGHT_E2E_NO_BUILD to build one.`);
  }
  return dir;
}
