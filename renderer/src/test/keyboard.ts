import { vi } from 'vitest';
import { keyFor } from './keys';

/**
 * Test helper: a person at the keyboard, for jsdom, which dispatches key events but does none of
 * what a browser does after them. Each key comes HUMAN_GAP_MS after the one before (the test fakes
 * Date, which event timestamps read), slower than any scanner: the wedge detector lets it through.
 * After a keydown nobody prevented, it does the browser's part: Tab moves the focus, Enter and Space
 * press a button, Enter in a form's field submits it, a character goes into a text box, the arrows
 * change a select, and so does a letter (its type-ahead: the next option starting with it).
 */
const HUMAN_GAP_MS = 120;
const tabbable = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

function codeOf(key: string): { code: string; shiftKey: boolean } {
  if (key.length === 1) return keyFor(key);
  return { code: key === ' ' ? 'Space' : key, shiftKey: false };
}

function moveFocus(back: boolean): void {
  const stops = [...document.querySelectorAll<HTMLElement>(tabbable)].filter((el) => el.tabIndex >= 0);
  const at = stops.indexOf(document.activeElement as HTMLElement);
  const next = back ? (at <= 0 ? stops.length - 1 : at - 1) : (at + 1) % stops.length;
  stops[next]?.focus();
}

function typeInto(el: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  const value = el.value.slice(0, start) + text + el.value.slice(end);
  if (el.maxLength > 0 && value.length > el.maxLength) return;
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.setSelectionRange(start + text.length, start + text.length);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function stepSelect(el: HTMLSelectElement, by: number): void {
  const next = Math.min(el.options.length - 1, Math.max(0, el.selectedIndex + by));
  if (next === el.selectedIndex) return;
  el.selectedIndex = next;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

function typeAhead(el: HTMLSelectElement, key: string): void {
  const options = [...el.options];
  const next = [...options.slice(el.selectedIndex + 1), ...options].find((o) => o.text.toLowerCase().startsWith(key.toLowerCase()));
  if (next) stepSelect(el, next.index - el.selectedIndex);
}

function defaultAction(el: Element, key: string, shiftKey: boolean): void {
  if (key === 'Tab') return moveFocus(shiftKey);
  if (el instanceof HTMLButtonElement && (key === 'Enter' || key === ' ')) return el.click();
  if (el instanceof HTMLSelectElement && (key === 'ArrowDown' || key === 'ArrowUp')) return stepSelect(el, key === 'ArrowDown' ? 1 : -1);
  if (el instanceof HTMLSelectElement && key.length === 1) return typeAhead(el, key);
  if (el instanceof HTMLInputElement && key === 'Enter') return el.form?.requestSubmit();
  if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && key.length === 1) typeInto(el, key);
}

/** One key, pressed by a person. Named keys as KeyboardEvent.key spells them: 'F8', 'Tab', 'Escape'. */
export function press(key: string, mods: { shiftKey?: boolean; ctrlKey?: boolean } = {}): void {
  vi.setSystemTime(Date.now() + HUMAN_GAP_MS);
  const target = document.activeElement ?? document.body;
  const { code, shiftKey } = codeOf(key);
  const shift = mods.shiftKey ?? shiftKey;
  const event = new KeyboardEvent('keydown', { key, code, shiftKey: shift, ctrlKey: mods.ctrlKey ?? false, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  if (!event.defaultPrevented && !mods.ctrlKey) defaultAction(target, key, shift);
}

/** Each character of `text` pressed in turn, as a person types. */
export function typeText(text: string): void {
  for (const ch of text) press(ch);
}

/** A keyboard-wedge scanner: the code's keys 5 ms apart, then Enter; a key nobody held does what it does for a person. */
export function scanKeys(code: string): void {
  for (const ch of [...code, 'Enter']) {
    vi.setSystemTime(Date.now() + 5);
    const target = document.activeElement ?? document.body;
    const { code: physical, shiftKey } = codeOf(ch);
    const event = new KeyboardEvent('keydown', { key: ch, code: physical, shiftKey, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    if (!event.defaultPrevented) defaultAction(target, ch, shiftKey);
  }
}
