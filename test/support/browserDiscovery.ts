/**
 * Finding a Chromium-family browser for the end-to-end tests and the browser benchmarks, on any
 * developer's machine. Pure: the file system, environment and platform come in as arguments, so the
 * order of the search is tested without touching the real machine.
 *
 * Order: NETWRIGHT_BROWSER, CHROME_PATH, Playwright's own browser cache, then the usual install
 * locations of this OS. The first candidate that exists wins; NETWRIGHT_BROWSER and CHROME_PATH are
 * taken as they are, and a missing file there is an error (a typo should not silently fall through
 * to another browser).
 */

export type BrowserPlatform = 'linux' | 'darwin' | 'win32';

/** What the search needs from the machine. */
export interface DiscoveryContext {
  platform: BrowserPlatform;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** True when `path` is an existing file (following symlinks). */
  isFile(path: string): boolean;
  /** The names in a folder, or [] when it does not exist. */
  listDir(path: string): string[];
}

export type BrowserSource = 'NETWRIGHT_BROWSER' | 'CHROME_PATH' | 'playwright' | 'system';

export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

/** Thrown when no browser is found; the message lists where the search looked and the fix. */
export class BrowserNotFoundError extends Error {
  constructor(
    readonly searched: readonly string[],
    readonly fix: string,
  ) {
    super(
      `No Chromium-family browser was found for the end-to-end tests. Looked in:\n${searched.map((place) => `  - ${place}`).join('\n')}\n` +
        `Fix: ${fix}`,
    );
    this.name = 'BrowserNotFoundError';
  }
}

const joinFor = (platform: BrowserPlatform) => (...parts: string[]): string => parts.join(platform === 'win32' ? '\\' : '/');

/** The one command that gets a browser on this OS, and the variable that points at one. */
export function installHint(platform: BrowserPlatform): string {
  const command = platform === 'linux' ? '"apt-get install chromium" (Debian/Ubuntu) or "npx playwright install chromium"' : '"npx playwright install chromium"';
  return `install one with ${command}, or set NETWRIGHT_BROWSER to the path of Chrome, Chromium or Edge.`;
}

/** Where Playwright keeps the browsers `npx playwright install` downloads (its own rule, per OS). */
function playwrightCacheDir(ctx: DiscoveryContext): string {
  const join = joinFor(ctx.platform);
  const override = ctx.env.PLAYWRIGHT_BROWSERS_PATH;
  if (override && override !== '0') return override;
  if (ctx.platform === 'darwin') return join(ctx.homeDir, 'Library', 'Caches', 'ms-playwright');
  if (ctx.platform === 'win32') return join(ctx.env.LOCALAPPDATA || join(ctx.homeDir, 'AppData', 'Local'), 'ms-playwright');
  return join(ctx.env.XDG_CACHE_HOME || join(ctx.homeDir, '.cache'), 'ms-playwright');
}

/** The executable inside one Playwright browser folder, for each layout Playwright has used. */
function playwrightLayouts(platform: BrowserPlatform): string[][] {
  const testingApp = ['Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'];
  switch (platform) {
    case 'linux':
      return [['chrome-linux64', 'chrome'], ['chrome-linux', 'chrome'], ['chrome-linux-arm64', 'chrome'], ['chrome-headless-shell-linux64', 'chrome-headless-shell'], ['chrome-headless-shell-linux-arm64', 'chrome-headless-shell']];
    case 'darwin':
      return [['chrome-mac-arm64', ...testingApp], ['chrome-mac-x64', ...testingApp], ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'], ['chrome-headless-shell-mac-arm64', 'chrome-headless-shell'], ['chrome-headless-shell-mac-x64', 'chrome-headless-shell']];
    case 'win32':
      return [['chrome-win64', 'chrome.exe'], ['chrome-win', 'chrome.exe'], ['chrome-headless-shell-win64', 'chrome-headless-shell.exe']];
    default: {
      const never: never = platform;
      return never;
    }
  }
}

/** Candidates in Playwright's cache: full Chromium before the headless shell, newest revision first. */
function playwrightCandidates(ctx: DiscoveryContext): { dir: string; candidates: string[] } {
  const join = joinFor(ctx.platform);
  const dir = playwrightCacheDir(ctx);
  const revision = (name: string): number => Number(name.slice(name.lastIndexOf('-') + 1)) || 0;
  const folders = ctx.listDir(dir).filter((name) => /^chromium(_headless_shell)?-\d+$/.test(name));
  folders.sort((a, b) => Number(a.includes('headless')) - Number(b.includes('headless')) || revision(b) - revision(a));
  const candidates = folders.flatMap((folder) => playwrightLayouts(ctx.platform).map((layout) => join(dir, folder, ...layout)));
  return { dir, candidates };
}

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];
const LINUX_DIRS = ['/usr/bin', '/usr/local/bin', '/snap/bin', '/opt/google/chrome', '/opt/microsoft/msedge'];

/** The system search in a few lines: on Linux every name in every folder would be dozens. */
function describeSystemSearch(ctx: DiscoveryContext, candidates: string[]): string[] {
  if (ctx.platform !== 'linux') return candidates;
  return [`${LINUX_NAMES.join(', ')} on PATH and in ${LINUX_DIRS.join(', ')}`];
}

/** The usual install locations of Chrome, Chromium and Edge on this OS, in order of preference. */
export function systemCandidates(ctx: DiscoveryContext): string[] {
  const join = joinFor(ctx.platform);
  switch (ctx.platform) {
    case 'linux': {
      const names = LINUX_NAMES;
      const onPath = (ctx.env.PATH ?? '').split(':').filter(Boolean);
      const searchDirs = [...new Set([...onPath, ...LINUX_DIRS])];
      return names.flatMap((name) => searchDirs.map((dir) => join(dir, name)));
    }
    case 'darwin': {
      const apps = [
        ['Google Chrome.app', 'Google Chrome'],
        ['Chromium.app', 'Chromium'],
        ['Microsoft Edge.app', 'Microsoft Edge'],
      ];
      const roots = ['/Applications', join(ctx.homeDir, 'Applications')];
      return apps.flatMap(([bundle, binary]) => roots.map((root) => join(root, bundle, 'Contents', 'MacOS', binary)));
    }
    case 'win32': {
      const roots = [ctx.env.PROGRAMFILES || 'C:\\Program Files', ctx.env['PROGRAMFILES(X86)'] || 'C:\\Program Files (x86)', ctx.env.LOCALAPPDATA].filter(
        (root): root is string => Boolean(root),
      );
      const apps = [
        ['Google', 'Chrome', 'Application', 'chrome.exe'],
        ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
        ['Chromium', 'Application', 'chrome.exe'],
      ];
      return apps.flatMap((app) => roots.map((root) => join(root, ...app)));
    }
    default: {
      const never: never = ctx.platform;
      return never;
    }
  }
}

/** The browser to run, or a BrowserNotFoundError that says where the search looked and what to do. */
export function findBrowser(ctx: DiscoveryContext): FoundBrowser {
  for (const variable of ['NETWRIGHT_BROWSER', 'CHROME_PATH'] as const) {
    const value = ctx.env[variable];
    if (!value) continue;
    if (ctx.isFile(value)) return { path: value, source: variable };
    throw new BrowserNotFoundError([`${variable}=${value} (no such file)`], `point ${variable} at the browser's executable, or unset it to search the usual places.`);
  }
  const searched = ['NETWRIGHT_BROWSER (not set)', 'CHROME_PATH (not set)'];
  const playwright = playwrightCandidates(ctx);
  const inCache = playwright.candidates.find((path) => ctx.isFile(path));
  if (inCache) return { path: inCache, source: 'playwright' };
  searched.push(`Playwright's browser cache: ${playwright.dir}`);
  const system = systemCandidates(ctx);
  const installed = system.find((path) => ctx.isFile(path));
  if (installed) return { path: installed, source: 'system' };
  searched.push(...describeSystemSearch(ctx, system));
  throw new BrowserNotFoundError(searched, installHint(ctx.platform));
}

/** Flags for a headless test browser. Playwright adds --headless and --no-sandbox itself, as asked. */
export function launchOptions(ctx: { platform: BrowserPlatform; isRoot: boolean }): { args: string[]; chromiumSandbox: boolean } {
  const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  // Containers and CI boxes have no GPU driver; a real desktop keeps its GPU.
  if (ctx.platform === 'linux') args.push('--disable-gpu');
  // Chromium refuses to run sandboxed as root; everyone else keeps the sandbox.
  return { args, chromiumSandbox: !ctx.isRoot };
}
