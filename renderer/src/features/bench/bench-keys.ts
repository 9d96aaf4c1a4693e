import { useEffect } from 'react';
import { dialogOpen } from '../../components/Dialog';
import { keyInScan } from '../../lib/wedge-dom';
import { useBenchStore } from './bench.store';

/**
 * The bench's keys, printed on the controls they act on:
 *   F2 the weight box · F3 包裹数 (then digits, + / −) · F4 the carrier list ·
 *   F8 主管确认重量 (the PIN prompt) · F9 发货.
 * Ctrl+L (锁定) works on every screen (useLockKey). Esc closes a dialog (Dialog).
 */
export const benchKeys = ['F2', 'F3', 'F4', 'F8', 'F9'] as const;
type BenchKey = (typeof benchKeys)[number];

const isBenchKey = (key: string): key is BenchKey => (benchKeys as readonly string[]).includes(key);

/** Focuses a control and selects what it holds, so the next digits replace it. */
function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || el.disabled) return;
  el.focus();
  if (el instanceof HTMLInputElement) el.select();
}

/**
 * F9 presses 发货 itself, so it ships exactly when the button would (complete, not held, not busy)
 * with the form as the packer sees it. When 发货 cannot ship (items left, weight held) it asks as
 * PD:SHIP does, and the banner says why rather than the key doing nothing.
 */
function shipNow(): void {
  const button = document.getElementById('ship-button');
  if (button instanceof HTMLButtonElement && !button.disabled) {
    button.click();
    return;
  }
  const { state, busy, scan } = useBenchStore.getState();
  if (state.order && busy === null) void scan('PD:SHIP', 'manual');
}

function run(key: BenchKey): void {
  switch (key) {
    case 'F2':
      return focusField('ship-weight');
    case 'F3':
      return focusField('ship-parcels');
    case 'F4':
      return focusField('ship-carrier');
    case 'F8': {
      // Only while a mismatch holds the order (the same test as the strip's 主管确认重量 button).
      const w = useBenchStore.getState().state.weighing;
      if (w && w.mismatchG !== null && !w.accepted) useBenchStore.getState().acceptWeight();
      return;
    }
    case 'F9':
      return shipNow();
  }
}

/**
 * Listens on the document (bubble phase), after the wedge detector: a key inside a scanner burst
 * is never a shortcut, and while a dialog is up (the PIN pad, bind, put aside) the bench waits, so
 * an F9 pressed at the PIN prompt does not ship behind it.
 */
export function useBenchKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isBenchKey(e.key) || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      if (e.defaultPrevented || keyInScan(e) || dialogOpen()) return;
      // Always taken, acted on or not: F3 is the browser's find in a browser station.
      e.preventDefault();
      run(e.key);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
