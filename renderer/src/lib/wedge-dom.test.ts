// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keyFor } from '../test/keys';
import { attachWedgeScanner, type WedgeBinding } from './wedge-dom';

const config = { prefix: '', terminator: 'Enter' as const, minLength: 4, maxGapMs: 50 };

function press(target: EventTarget, code: string, key: string, shiftKey = false): KeyboardEvent {
  const ev = new KeyboardEvent('keydown', { code, key, shiftKey, bubbles: true, cancelable: true });
  target.dispatchEvent(ev);
  return ev;
}

function type(target: EventTarget, text: string, gapMs: number, ime = false): KeyboardEvent[] {
  return [...text].map((ch) => {
    const { code, shiftKey } = keyFor(ch);
    const ev = press(target, code, ime ? 'Process' : ch, shiftKey);
    vi.advanceTimersByTime(gapMs);
    return ev;
  });
}

/** Keys with the timestamps a scanner gave them (5 ms apart), however late they are handled. */
function stamped(target: EventTarget, text: string, start: number): void {
  [...text].forEach((ch, i) => {
    const { code, shiftKey } = keyFor(ch);
    const ev = new KeyboardEvent('keydown', { code, key: ch, shiftKey, bubbles: true, cancelable: true });
    Object.defineProperty(ev, 'timeStamp', { value: start + i * 5 });
    target.dispatchEvent(ev);
  });
}

describe('wedge scanner on the document', () => {
  let binding: WedgeBinding;
  let scans: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<input id="search" /><div data-scan-target="field"><input id="barcode" /></div><button id="ship">ship</button>';
    scans = [];
    binding = attachWedgeScanner(document, config, (code) => scans.push(code));
  });
  afterEach(() => {
    binding.detach();
    vi.useRealTimers();
  });

  it('detects a scan with no field focused and cancels its Enter (a focused button is not pressed)', () => {
    const button = document.getElementById('ship') as HTMLButtonElement;
    button.focus();
    const events = type(button, 'SF1234567890', 5);
    const enter = press(button, 'Enter', 'Enter');
    expect(scans).toEqual(['SF1234567890']);
    expect(enter.defaultPrevented).toBe(true);
    expect(events.slice(1).every((e) => e.defaultPrevented)).toBe(true);
  });

  it('keeps a scan out of a focused search box, even with an IME on', () => {
    const input = document.getElementById('search') as HTMLInputElement;
    input.focus();
    input.value = 'abc';
    const onInput = vi.fn();
    input.addEventListener('input', onInput);
    type(input, 'YT9876', 5, true);
    // jsdom has no default action: simulate the browser typing the first (leaked) key.
    input.value = 'abcY';
    press(input, 'Enter', 'Process');
    expect(scans).toEqual(['YT9876']);
    expect(input.value).toBe('abc');
    expect(onInput).toHaveBeenCalled();
  });

  it('keeps what the packer types right after a scan into the same box', () => {
    const input = document.getElementById('search') as HTMLInputElement;
    input.focus();
    type(input, 'SF1234567890', 5);
    input.value = 'S';
    press(input, 'Enter', 'Enter');
    expect(input.value).toBe('');
    // Typed by hand 10 ms later (the browser's default action, simulated).
    vi.advanceTimersByTime(10);
    press(input, 'KeyN', 'N', true);
    input.value = 'N';
    vi.advanceTimersByTime(500);
    expect(input.value).toBe('N');
  });

  it('does not swallow slow human typing in a text box', () => {
    const input = document.getElementById('search') as HTMLInputElement;
    input.focus();
    const events = type(input, 'zhang', 150);
    vi.advanceTimersByTime(200);
    expect(events.some((e) => e.defaultPrevented)).toBe(false);
    expect(scans).toEqual([]);
  });

  it('gives a quickly typed pair back to the text box it was typed into', () => {
    const input = document.getElementById('search') as HTMLInputElement;
    input.focus();
    input.value = 't';
    input.setSelectionRange(1, 1);
    const [, h] = type(input, 'th', 10).map((e) => e);
    expect(h?.defaultPrevented).toBe(true);
    vi.advanceTimersByTime(100);
    expect(input.value).toBe('th');
    expect(scans).toEqual([]);
  });

  it('leaves fields marked data-scan-target="field" alone', () => {
    const input = document.getElementById('barcode') as HTMLInputElement;
    input.focus();
    const events = type(input, '6901234567892', 5);
    press(input, 'Enter', 'Enter');
    expect(scans).toEqual([]);
    expect(events.some((e) => e.defaultPrevented)).toBe(false);
  });

  it('reads a scan stalled in its middle whole, with no field focused, and cancels its Enter', () => {
    type(document.body, '200', 5);
    vi.advanceTimersByTime(120);
    type(document.body, '0000000077', 5);
    const enter = press(document.body, 'Enter', 'Enter');
    expect(scans).toEqual(['2000000000077']);
    expect(enter.defaultPrevented).toBe(true);
  });

  it('takes the fragment of a stalled scan back out of the focused box', () => {
    const input = document.getElementById('search') as HTMLInputElement;
    input.focus();
    input.value = 'abc';
    input.setSelectionRange(3, 3);
    type(input, '200', 5);
    // jsdom has no default action: the leaked "2" typed by the browser; "00" comes back at the idle gap.
    input.value = 'abc2';
    input.setSelectionRange(4, 4);
    vi.advanceTimersByTime(120);
    expect(input.value).toBe('abc200');
    type(input, '0000000077', 5);
    input.value = 'abc2000';
    press(input, 'Enter', 'Enter');
    expect(scans).toEqual(['2000000000077']);
    expect(input.value).toBe('abc');
  });

  it('leaves a fast pair typed when what follows is human typing', () => {
    const input = document.getElementById('search') as HTMLInputElement;
    input.focus();
    type(input, 'th', 10);
    input.value = 't';
    input.setSelectionRange(1, 1);
    vi.advanceTimersByTime(100);
    expect(input.value).toBe('th');
    press(input, 'KeyE', 'e');
    input.value = 'the';
    vi.advanceTimersByTime(500);
    press(input, 'Enter', 'Enter');
    expect(scans).toEqual([]);
    expect(input.value).toBe('the');
  });

  it('does not cut a burst when the page was busy and its keys come late and bunched', () => {
    // Terminator 'none': the idle gap is the end of a code, so a gap timer that fires before the
    // queued keys would scan "2" + "000000000138" as two codes.
    binding.configure({ ...config, terminator: 'none' });
    const t0 = performance.now();
    stamped(document.body, '2', t0);
    // The page is blocked 150 ms: the timer runs late, the scanner's next keys wait in the queue.
    vi.setSystemTime(Date.now() + 150);
    vi.advanceTimersByTime(60);
    stamped(document.body, '000000000138', t0 + 5);
    vi.advanceTimersByTime(100);
    expect(scans).toEqual(['2000000000138']);
  });

  it('keeps a burst under way when the same settings are read again (a reload, a reconnect)', () => {
    type(document.body, '2000000', 5);
    binding.configure({ ...config });
    type(document.body, '460471681041', 5);
    press(document.body, 'Enter', 'Enter');
    expect(scans).toEqual(['2000000460471681041']);
  });

  it('follows a new configuration (prefix) at once', () => {
    binding.configure({ ...config, prefix: '~' });
    const events = type(document.body, '~ABCD', 5);
    press(document.body, 'Enter', 'Enter');
    expect(scans).toEqual(['ABCD']);
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
  });
});
