/**
 * Opens the designer in Chromium for one test: a fresh browser context (own storage, 1440×900),
 * console errors and uncaught page errors collected, and the test failed when the page threw.
 */
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from './chromium';

export const VIEWPORT = { width: 1440, height: 900 };

/** What a page said went wrong while the test ran. */
interface PageProblems {
  pageErrors: string[];
  consoleErrors: string[];
}

export interface OpenOptions {
  /**
   * Keep the File System Access pickers (showOpenFilePicker / showSaveFilePicker). By default they are
   * removed so the web host uses its <input type=file> and download paths, which a headless browser
   * can drive; browsers without the API (Firefox, Safari) take the same paths.
   */
  keepFilePickers?: boolean;
  /** Script source run in every page before the app's own scripts (e.g. to stand in for a browser API). */
  initScript?: string;
}

/** Console messages that are not the app's fault. */
const IGNORED_CONSOLE = [/favicon\.ico/];

const describeConsole = (message: ConsoleMessage): string => {
  const { url, lineNumber } = message.location();
  return `${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`;
};

/**
 * Registers the browser lifecycle in the calling test file and returns `open()`, which loads the app in
 * a new context. After each test, its contexts are closed and the test fails if a page threw or logged
 * an error, unless the test declared that error expected with `expectConsoleError`.
 */
export function useDesigner(): {
  open(options?: OpenOptions): Promise<Page>;
  expectConsoleError(pattern: RegExp): void;
} {
  let browser: Browser | null = null;
  let contexts: BrowserContext[] = [];
  let problems: PageProblems = { pageErrors: [], consoleErrors: [] };
  let expected: RegExp[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((c) => c.close()));
    const unexpected = problems.consoleErrors.filter((text) => !expected.some((p) => p.test(text)));
    const found = problems;
    problems = { pageErrors: [], consoleErrors: [] };
    expected = [];
    if (found.pageErrors.length > 0) throw new Error(`The page threw:\n${found.pageErrors.join('\n')}`);
    if (unexpected.length > 0) throw new Error(`The page logged errors:\n${unexpected.join('\n')}`);
  });

  const watch = (page: Page): void => {
    page.on('pageerror', (err) => problems.pageErrors.push(err.stack ?? String(err)));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = describeConsole(message);
      if (!IGNORED_CONSOLE.some((p) => p.test(text))) problems.consoleErrors.push(text);
    });
  };

  return {
    async open(options = {}) {
      if (!browser) throw new Error('useDesigner().open() runs inside a test, after beforeAll started the browser.');
      const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, locale: 'en-US' });
      contexts.push(context);
      if (!options.keepFilePickers) {
        await context.addInitScript(() => {
          // The pickers live on Window.prototype; shadow them on the window itself.
          for (const name of ['showOpenFilePicker', 'showSaveFilePicker']) {
            Object.defineProperty(window, name, { value: undefined, configurable: true });
          }
        });
      }
      if (options.initScript) await context.addInitScript(options.initScript);
      const page = await context.newPage();
      watch(page);
      await page.goto(inject('appUrl'));
      await page.locator('.react-flow').waitFor();
      await page.getByTestId('cmd-file.new').waitFor();
      // A page that crashed while starting fails here, not 30 s later on a missing element.
      if (problems.pageErrors.length > 0) throw new Error(`The app threw while starting:\n${problems.pageErrors.join('\n')}`);
      return page;
    },
    expectConsoleError(pattern) {
      expected.push(pattern);
    },
  };
}
