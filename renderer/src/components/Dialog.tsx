import { useEffect, useRef, type ReactNode } from 'react';

/** Open dialogs, innermost last: Escape closes only the top one. */
const openDialogs: symbol[] = [];

const focusable = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/**
 * A modal dialog: overlay, title, body and actions. Escape (wherever the focus is) or the backdrop
 * closes it; the focus starts on its first usable control and goes back where it was on close.
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
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const el = box.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (el && !el.contains(document.activeElement)) el.querySelector<HTMLElement>(focusable)?.focus();
    const me = Symbol('dialog');
    openDialogs.push(me);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && openDialogs.at(-1) === me) {
        e.preventDefault();
        close.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      openDialogs.splice(openDialogs.indexOf(me), 1);
      if (before?.isConnected && !document.querySelector('[role="dialog"]')?.contains(before)) before.focus();
    };
  }, []);
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
