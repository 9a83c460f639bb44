/**
 * A ~10 Hz timer for live views. Plots and progress read the run's ring buffers and live numbers on
 * this timer instead of re-rendering React per worker message.
 */
import { useEffect, useRef } from 'react';

export const LIVE_REFRESH_MS = 100;

/** Calls `tick` every LIVE_REFRESH_MS while `active`, once immediately, and once more when it stops. */
export function useTicker(tick: () => void, active: boolean): void {
  const latest = useRef(tick);
  useEffect(() => {
    latest.current = tick;
  });
  useEffect(() => {
    latest.current();
    if (!active) return;
    const timer = setInterval(() => latest.current(), LIVE_REFRESH_MS);
    return () => {
      clearInterval(timer);
      latest.current();
    };
  }, [active]);
}
