/**
 * The suite runs the same with NETWRIGHT_BROWSER pointing at the browser from somewhere else (a symlink
 * in a folder of its own, as a developer might keep a portable Chrome): it is found through the
 * variable, starts, and shows the designer.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { discoverBrowser, launchChromium } from './chromium';

describe('the browser named by NETWRIGHT_BROWSER', () => {
  const saved = process.env.NETWRIGHT_BROWSER;
  let folder = '';

  afterEach(() => {
    if (saved === undefined) delete process.env.NETWRIGHT_BROWSER;
    else process.env.NETWRIGHT_BROWSER = saved;
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('is found through the variable, starts headless and runs the app', async () => {
    const installed = discoverBrowser();
    folder = mkdtempSync(join(tmpdir(), 'netwright-browser-'));
    const link = join(folder, 'my-browser');
    symlinkSync(installed.path, link);
    process.env.NETWRIGHT_BROWSER = link;

    expect(discoverBrowser()).toEqual({ path: link, source: 'NETWRIGHT_BROWSER' });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(inject('appUrl'));
      await page.locator('.react-flow').waitFor();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(2);
    } finally {
      await browser.close();
    }
  });
});
