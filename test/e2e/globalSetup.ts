/**
 * Runs once before the end-to-end tests: builds the web renderer, proves the browser starts
 * (a missing or broken browser fails the run, it never skips it), and serves the build on a free port.
 */
import type { TestProject } from 'vitest/node';
import { launchChromium, prepareWebBuild } from './chromium';
import { serveDirectory } from './staticServer';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Root URL of the served web build, ending in a slash. */
    appUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const browser = await launchChromium();
  await browser.close();
  const server = await serveDirectory(prepareWebBuild());
  project.provide('appUrl', server.url);
  return () => server.close();
}
