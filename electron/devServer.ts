/** Development mode: the renderer comes from the Vite dev server named by NETWRIGHT_DEV_URL. */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL when one is set and allowed: never in a packaged app, and only http on this
 * machine, so an environment variable cannot point the app (and its IPC trust) at a remote site.
 */
export function resolveDevServerUrl(value: string | undefined, isPackaged: boolean): URL | null {
  if (!value || isPackaged) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`NETWRIGHT_DEV_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' || !LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`NETWRIGHT_DEV_URL must be an http:// address on this machine (localhost), not ${value}`);
  }
  return url;
}
