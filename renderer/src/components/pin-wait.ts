import { useEffect, useState } from 'react';
import type { UiError } from '../api/errors';

/** The wait the host asked for after too many wrong PINs (FORBIDDEN with details.retryInSeconds); 0: none. */
export function retryInSeconds(error: UiError | null | undefined): number {
  const details = error?.details;
  const seconds = typeof details === 'object' && details !== null ? (details as { retryInSeconds?: unknown }).retryInSeconds : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 0;
}

/**
 * Counts that wait down, a second at a time, from the moment the answer arrived (a new answer starts
 * over); 0 once the next PIN may be tried.
 */
export function usePinWait(error: UiError | null | undefined): number {
  const total = retryInSeconds(error);
  const [left, setLeft] = useState(total);
  useEffect(() => {
    setLeft(total);
    if (total === 0) return;
    const until = Date.now() + total * 1000;
    const timer = setInterval(() => {
      const seconds = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(seconds);
      if (seconds === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [error, total]);
  return left;
}
