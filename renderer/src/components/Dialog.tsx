import { useEffect, useRef, useState, type ReactNode } from 'react';

/** Open dialogs, innermost last: Escape closes only the top one. */
const openDialogs: symbol[] = [];

const focusable = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/** True while a modal dialog is up: the screen's own shortcuts wait until it is closed. */
export function dialogOpen(): boolean {
  return openDialogs.length > 0;
}

/** Tab and Shift+Tab go round the dialog's own controls: a packer tabbing on never lands behind the overlay. */
function trapTab(box: HTMLElement, e: KeyboardEvent): void {
  const stops = [...box.querySelectorAll<HTMLElement>(focusable)].filter((el) => el.tabIndex >= 0);
  const first = stops[0];
  const last = stops.at(-1);
  if (!first || !last) return;
  const at = document.activeElement;
  const inside = at instanceof Node && box.contains(at);
  if (!inside || (e.shiftKey ? at === first : at === last)) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  }
}

/**
 * A modal dialog: overlay, title, body and actions. Escape (wherever the focus is) or the backdrop
 * closes it; the focus starts on its first usable control, Tab keeps it inside, and it goes back
 * where it was on close.
 */
export function Dialog(props: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
  wide?: boolean;
  /** Makes the dialog a form: Enter in a field presses its submit button (type="submit"). */
  onSubmit?: () => void;
}) {
  const { title, onClose, children, actions, testId, wide, onSubmit } = props;
  const box = useRef<HTMLDivElement>(null);
  // Read while rendering, before a field's autoFocus (the PIN pad's) moves the focus into the dialog:
  // read in the effect, it was that field, and the focus went nowhere on close.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const el = box.current;
    if (el && !el.contains(document.activeElement)) el.querySelector<HTMLElement>(focusable)?.focus();
    const me = Symbol('dialog');
    openDialogs.push(me);
    const onKey = (e: KeyboardEvent) => {
      if (openDialogs.at(-1) !== me) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
      } else if (e.key === 'Tab' && !e.defaultPrevented && el) trapTab(el, e);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      openDialogs.splice(openDialogs.indexOf(me), 1);
      if (before?.isConnected && !document.querySelector('[role="dialog"]')?.contains(before)) before.focus();
    };
  }, [before]);
  const body = (
    <>
      <div className="dialog-body">{children}</div>
      {actions ? <div className="dialog-actions">{actions}</div> : null}
    </>
  );
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div ref={box} className={wide ? 'dialog dialog-wide' : 'dialog'} role="dialog" aria-modal="true" data-testid={testId}>
        <h2 className="dialog-title">{title}</h2>
        {onSubmit ? (
          <form
            className="dialog-form"
            onSubmit={(e) => {
              e.preventDefault();
              onSubmit();
            }}
          >
            {body}
          </form>
        ) : (
          body
        )}
      </div>
    </div>
  );
}
