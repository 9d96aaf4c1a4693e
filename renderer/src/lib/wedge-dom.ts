import { createWedgeDetector, sameConfig, type WedgeConfig, type WedgeEffect, type WedgeKey } from './wedge-scanner';

/**
 * Binds the wedge detector to `document` keydown in the capture phase, so scans work with no text
 * box focused and never type into one. Elements inside `[data-scan-target="field"]` opt out: a scan
 * there types into the field like a keyboard (a barcode field in the SKU editor, the pool textarea).
 * A focused select picks an option by the first letter typed (type-ahead): there the first key of a
 * burst is held like the rest, or a scan starting with "Y" would switch the carrier to YTO.
 */
export type WedgeBinding = { configure(config: WedgeConfig): void; detach(): void };

type TextField = HTMLInputElement | HTMLTextAreaElement;
type Field = TextField | HTMLSelectElement;
type Snapshot = { el: Field; value: string; start: number | null };

function textField(target: EventTarget | null): TextField | null {
  if (typeof HTMLInputElement !== 'undefined' && target instanceof HTMLInputElement) {
    return /^(text|search|password|number|tel|email|url|)$/.test(target.type) ? target : null;
  }
  if (typeof HTMLTextAreaElement !== 'undefined' && target instanceof HTMLTextAreaElement) return target;
  return null;
}

const isSelect = (el: Field): el is HTMLSelectElement => el.tagName === 'SELECT';

function selectField(target: EventTarget | null): HTMLSelectElement | null {
  return typeof HTMLSelectElement !== 'undefined' && target instanceof HTMLSelectElement ? target : null;
}

function pickOption(el: HTMLSelectElement, index: number): void {
  if (index < 0 || index === el.selectedIndex) return;
  el.selectedIndex = index;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Held keys given back to a select, as its type-ahead would have taken them: the next option whose
 * label starts with the text (one letter, or one letter again, steps on from the current option).
 */
function typeAhead(el: HTMLSelectElement, text: string): void {
  if (el.ownerDocument.activeElement !== el || el.options.length === 0) return;
  const typed = text.toLocaleLowerCase();
  const stepping = [...typed].every((c) => c === typed.charAt(0));
  const want = stepping ? typed.charAt(0) : typed;
  const from = el.selectedIndex + (stepping ? 1 : 0);
  for (let i = 0; i < el.options.length; i++) {
    const option = el.options[(from + i) % el.options.length];
    if (option && !option.disabled && option.text.trim().toLocaleLowerCase().startsWith(want)) return pickOption(el, option.index);
  }
}

function optedOut(target: EventTarget | null): boolean {
  return typeof Element !== 'undefined' && target instanceof Element && target.closest('[data-scan-target="field"]') !== null;
}

/** Sets a field's value the way React notices (native setter + input event). */
function setFieldValue(el: TextField, value: string, caret: number | null): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  if (caret !== null) {
    try {
      el.setSelectionRange(caret, caret);
    } catch {
      // number inputs have no selection API
    }
  }
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Gives held characters back to the field they were typed into (at the caret). */
function insertText(el: TextField, text: string): void {
  if (el.ownerDocument.activeElement !== el) return;
  const doc = el.ownerDocument as Document & { execCommand?: (cmd: string, ui: boolean, value: string) => boolean };
  try {
    if (typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text)) return;
  } catch {
    // fall through to the manual path
  }
  let start: number | null = null;
  let end: number | null = null;
  try {
    start = el.selectionStart;
    end = el.selectionEnd;
  } catch {
    // number inputs
  }
  const s = start ?? el.value.length;
  const e = end ?? s;
  setFieldValue(el, el.value.slice(0, s) + text + el.value.slice(e), s + text.length);
}

/** Held characters given back to where they were typed. */
function giveBack(el: Field, text: string): void {
  if (isSelect(el)) typeAhead(el, text);
  else insertText(el, text);
}

/**
 * Removes the leaked start of a scan from the field. With an IME on, the composition may commit
 * after the Enter, so the field is restored once more when that composition ends (and only then:
 * a blind timer would also wipe whatever the packer types right after the scan).
 */
function restore(snapshot: Snapshot): void {
  const { el } = snapshot;
  // A select reached only after a stall (the given-back fragment picked an option): picked back.
  if (isSelect(el)) return pickOption(el, [...el.options].findIndex((o) => o.value === snapshot.value));
  const apply = () => {
    if (el.value !== snapshot.value) setFieldValue(el, snapshot.value, snapshot.start);
  };
  apply();
  const onComposition = () => setTimeout(apply, 0);
  el.addEventListener('compositionend', onComposition, { once: true });
  setTimeout(() => el.removeEventListener('compositionend', onComposition), 500);
}

export function attachWedgeScanner(doc: Document, config: WedgeConfig, onScan: (code: string) => void): WedgeBinding {
  const detector = createWedgeDetector(config);
  let current = config;
  let gapMs = config.maxGapMs;
  let snapshot: Snapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastKeyT = 0;

  const apply = (effects: WedgeEffect[]) => {
    for (const effect of effects) {
      if (effect.type === 'replay') {
        if (snapshot) giveBack(snapshot.el, effect.text);
      } else {
        if (snapshot && effect.leaked > 0) restore(snapshot);
        onScan(effect.code);
      }
    }
  };

  /**
   * The idle gap ends a burst only when this timer ran on time. One that ran late means the page
   * was busy (a render, a GC, another task): the burst's next keys may be queued behind it with
   * their real, machine-fast timestamps, so they get a fresh gap to arrive in first.
   */
  const arm = () => {
    // Wall-clock time, as the timer itself runs on: a clock step only costs one more wait.
    const due = Date.now() + gapMs + 5;
    timer = setTimeout(() => {
      timer = null;
      if (Date.now() - due > gapMs / 2) arm();
      else apply(detector.flush());
    }, gapMs + 5);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (optedOut(event.target)) {
      if (detector.isActive()) apply(detector.flush());
      return;
    }
    const burstBefore = detector.burstId();
    // Before the detector sees it: an F-key or a Ctrl chord ends the burst it came in.
    if (detector.isActive() && event.timeStamp - lastKeyT <= gapMs) scanKeys.add(event);
    lastKeyT = event.timeStamp;
    const key: WedgeKey = {
      code: event.code,
      key: event.key,
      shiftKey: event.shiftKey,
      timeStamp: event.timeStamp,
      capsLock: event.getModifierState?.('CapsLock') ?? false,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      repeat: event.repeat,
      // Not Space: on a select it opens the list, and no scan starts with one.
      holdFirst: selectField(event.target) !== null && event.code !== 'Space',
    };
    const step = detector.feed(key);
    // Effects of a burst that ended before this key belong to the old snapshot.
    apply(step.effects);
    // Kept until the next burst starts: a burst resumed after a stall removes its fragment with it.
    if (detector.isActive() && detector.burstId() !== burstBefore) {
      // Taken before this key's default action: the field as it was before the burst.
      const field = textField(event.target);
      const select = selectField(event.target);
      snapshot = field ? { el: field, value: field.value, start: safeSelection(field) } : select ? { el: select, value: select.value, start: null } : null;
    }
    if (step.preventDefault) {
      event.preventDefault();
      event.stopPropagation();
    }
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (detector.isActive()) arm();
  };

  doc.addEventListener('keydown', onKeyDown, true);
  return {
    configure(next) {
      // The same settings read again (a reload, a reconnect) leave the burst under way alone.
      if (sameConfig(next, current)) return;
      current = next;
      gapMs = next.maxGapMs;
      detector.configure(next);
      snapshot = null;
    },
    detach() {
      doc.removeEventListener('keydown', onKeyDown, true);
      if (timer !== null) clearTimeout(timer);
    },
  };
}

/** Keys that arrived while a burst was being collected (see keyInScan). */
const scanKeys = new WeakSet<Event>();

/**
 * True for a keydown that came in the middle of a scanner burst: a shortcut (F9 发货, Ctrl+L) must
 * not act on it, a scanner that sends one inside a code is not a packer asking for it. Asked by
 * handlers that run after the capture-phase detector (any bubble-phase or React handler).
 */
export function keyInScan(event: Event): boolean {
  return scanKeys.has(event);
}

function safeSelection(el: TextField): number | null {
  try {
    return el.selectionStart;
  } catch {
    return null;
  }
}
