import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findBrowser, launchOptions, type BrowserPlatform, type DiscoveryContext } from './browserDiscovery';

/** A machine with exactly these files (and the folders above them). */
function machine(platform: BrowserPlatform, files: string[], env: Record<string, string> = {}, homeDir = '/home/ada'): DiscoveryContext {
  const sep = platform === 'win32' ? '\\' : '/';
  return {
    platform,
    env,
    homeDir,
    isFile: (path) => files.includes(path),
    listDir: (dir) => {
      const prefix = dir.endsWith(sep) ? dir : dir + sep;
      const names = files.filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length).split(sep)[0]);
      return [...new Set(names)];
    },
  };
}

const notFound = (ctx: DiscoveryContext): BrowserNotFoundError => {
  try {
    findBrowser(ctx);
  } catch (err) {
    if (err instanceof BrowserNotFoundError) return err;
    throw err;
  }
  throw new Error('a browser was found');
};

describe('finding a browser for the end-to-end tests', () => {
  it('takes NETWRIGHT_BROWSER over everything else, even when it is not a usual name', () => {
    const files = ['/opt/custom/my-chrome', '/usr/bin/chromium', '/home/ada/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome'];
    const ctx = machine('linux', files, { NETWRIGHT_BROWSER: '/opt/custom/my-chrome', CHROME_PATH: '/usr/bin/chromium' });
    expect(findBrowser(ctx)).toEqual({ path: '/opt/custom/my-chrome', source: 'NETWRIGHT_BROWSER' });
  });

  it('refuses a NETWRIGHT_BROWSER or CHROME_PATH that names no file, rather than quietly using another browser', () => {
    const error = notFound(machine('linux', ['/usr/bin/chromium'], { NETWRIGHT_BROWSER: '/opt/typo/chrom' }));
    expect(error.message).toContain('NETWRIGHT_BROWSER=/opt/typo/chrom (no such file)');
    expect(notFound(machine('linux', ['/usr/bin/chromium'], { CHROME_PATH: '/nope' })).message).toContain('CHROME_PATH=/nope');
  });

  it('takes CHROME_PATH next, then Playwright\'s cache, then the system', () => {
    const files = ['/usr/bin/google-chrome', '/home/ada/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome'];
    expect(findBrowser(machine('linux', files, { CHROME_PATH: '/usr/bin/google-chrome' })).source).toBe('CHROME_PATH');
    expect(findBrowser(machine('linux', files))).toEqual({ path: '/home/ada/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome', source: 'playwright' });
    expect(findBrowser(machine('linux', ['/usr/bin/google-chrome']))).toEqual({ path: '/usr/bin/google-chrome', source: 'system' });
  });

  it('prefers the newest full Chromium in Playwright\'s cache over older ones and the headless shell', () => {
    const cache = '/home/ada/.cache/ms-playwright';
    const files = [
      `${cache}/chromium_headless_shell-1300/chrome-headless-shell-linux64/chrome-headless-shell`,
      `${cache}/chromium-1100/chrome-linux/chrome`,
      `${cache}/chromium-1200/chrome-linux64/chrome`,
    ];
    expect(findBrowser(machine('linux', files)).path).toBe(`${cache}/chromium-1200/chrome-linux64/chrome`);
    expect(findBrowser(machine('linux', files.slice(0, 1))).path).toBe(files[0]);
  });

  it('follows Playwright\'s own cache rules: PLAYWRIGHT_BROWSERS_PATH, XDG_CACHE_HOME, LOCALAPPDATA', () => {
    expect(findBrowser(machine('linux', ['/pw/chromium-1/chrome-linux64/chrome'], { PLAYWRIGHT_BROWSERS_PATH: '/pw' })).path).toBe('/pw/chromium-1/chrome-linux64/chrome');
    expect(findBrowser(machine('linux', ['/xdg/ms-playwright/chromium-1/chrome-linux64/chrome'], { XDG_CACHE_HOME: '/xdg' })).source).toBe('playwright');
    const win = 'C:\\Users\\ada\\AppData\\Local\\ms-playwright\\chromium-1200\\chrome-win64\\chrome.exe';
    expect(findBrowser(machine('win32', [win], { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'C:\\Users\\ada')).path).toBe(win);
    const mac = '/Users/ada/Library/Caches/ms-playwright/chromium-1200/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing';
    expect(findBrowser(machine('darwin', [mac], {}, '/Users/ada')).path).toBe(mac);
  });

  it('searches Linux in the documented order: chromium, chromium-browser, google-chrome, google-chrome-stable, microsoft-edge', () => {
    const all = ['/usr/bin/microsoft-edge', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/usr/bin/chromium-browser', '/usr/bin/chromium'];
    for (let i = all.length; i > 0; i--) {
      expect(findBrowser(machine('linux', all.slice(0, i))).path).toBe(all[i - 1]);
    }
    expect(findBrowser(machine('linux', ['/home/ada/bin/chromium'], { PATH: '/home/ada/bin:/usr/bin' })).path).toBe('/home/ada/bin/chromium');
  });

  it('finds the macOS app bundles of Chrome, Chromium and Edge, in that order', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const chromium = '/Applications/Chromium.app/Contents/MacOS/Chromium';
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findBrowser(machine('darwin', [edge, chromium, chrome], {}, '/Users/ada')).path).toBe(chrome);
    expect(findBrowser(machine('darwin', [edge, chromium], {}, '/Users/ada')).path).toBe(chromium);
    expect(findBrowser(machine('darwin', [edge], {}, '/Users/ada')).path).toBe(edge);
    const userApp = '/Users/ada/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser(machine('darwin', [userApp], {}, '/Users/ada')).path).toBe(userApp);
  });

  it('finds Chrome, then Edge, under Program Files on Windows', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser(machine('win32', [edge, chrome], {}, 'C:\\Users\\ada')).path).toBe(chrome);
    expect(findBrowser(machine('win32', [edge], {}, 'C:\\Users\\ada')).path).toBe(edge);
    const custom = 'D:\\Apps\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser(machine('win32', [custom], { PROGRAMFILES: 'D:\\Apps' }, 'C:\\Users\\ada')).path).toBe(custom);
  });

  it('fails when nothing is found, listing where it looked and the one fix for this OS', () => {
    const linux = notFound(machine('linux', []));
    expect(linux.message).toContain("Playwright's browser cache: /home/ada/.cache/ms-playwright");
    expect(linux.message).toContain('chromium, chromium-browser, google-chrome, google-chrome-stable, microsoft-edge');
    expect(linux.message).toContain('apt-get install chromium');
    expect(linux.message).toContain('NETWRIGHT_BROWSER');
    const mac = notFound(machine('darwin', [], {}, '/Users/ada'));
    expect(mac.message).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac.message).toContain('npx playwright install chromium');
    expect(mac.message).not.toContain('apt-get');
    const win = notFound(machine('win32', [], {}, 'C:\\Users\\ada'));
    expect(win.message).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(win.message).toContain('npx playwright install chromium');
  });

  it('turns the sandbox off only for root, and drops the GPU only on Linux', () => {
    expect(launchOptions({ platform: 'linux', isRoot: true }).chromiumSandbox).toBe(false);
    expect(launchOptions({ platform: 'linux', isRoot: false }).chromiumSandbox).toBe(true);
    expect(launchOptions({ platform: 'darwin', isRoot: false })).toEqual({ chromiumSandbox: true, args: expect.not.arrayContaining(['--disable-gpu']) });
    expect(launchOptions({ platform: 'linux', isRoot: false }).args).toContain('--disable-gpu');
    for (const options of [launchOptions({ platform: 'linux', isRoot: true }), launchOptions({ platform: 'win32', isRoot: false })]) {
      expect(options.args).not.toContain('--no-sandbox');
      expect(options.args).not.toContain('--headless');
    }
  });
});
