/** Provides the Host to React components, so no component reaches for a global. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Host } from './host';

const HostContext = createContext<Host | null>(null);

/** Makes `host` available to `useHost()` below it; the app mounts one at the root with `createHost()`. */
export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

/** The Host of the surrounding HostProvider. Throws when there is none: that is a wiring bug. */
export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost() needs a <HostProvider> above it in the component tree.');
  return host;
}
