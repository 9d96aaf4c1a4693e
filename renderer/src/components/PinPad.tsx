import { useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A PIN pad for touch or mouse, with a password box for a keyboard. Slow human typing passes the
 * wedge detector untouched; a badge scanned while it has focus goes to the bench as a scan. While
 * the bench must wait after too many wrong PINs (`waitSeconds`), it counts down instead of sending.
 */
export function PinPad(props: { onSubmit: (pin: string) => void; busy?: boolean; error?: ReactNode; testId?: string; submitLabel?: string; waitSeconds?: number }) {
  const { onSubmit, busy, error, testId, submitLabel, waitSeconds = 0 } = props;
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const valid = /^\d{4,8}$/.test(pin);
  const waiting = waitSeconds > 0;
  const submit = () => {
    if (!valid || busy || waiting) return;
    onSubmit(pin);
    setPin('');
  };
  const press = (d: string) => setPin((p) => (p.length < 8 ? p + d : p));
  // Clicking a key must not take the focus from the PIN box, so the keyboard keeps working after a click.
  const keepFocus = (e: MouseEvent) => e.preventDefault();
  return (
    <form
      className="pinpad"
      data-testid={testId ?? 'pinpad'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <input
        className="pinpad-display"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        aria-label={t('pin.label')}
        placeholder={t('pin.placeholder')}
        value={pin}
        maxLength={8}
        autoFocus
        data-testid="pin-input"
        onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
      />
      <div className="pinpad-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button type="button" key={d} className="pinpad-key" onMouseDown={keepFocus} onClick={() => press(d)} data-testid={`pin-key-${d}`}>
            {d}
          </button>
        ))}
        <button type="button" className="pinpad-key pinpad-aux" onMouseDown={keepFocus} onClick={() => setPin('')}>
          {t('pin.clear')}
        </button>
        <button type="button" className="pinpad-key" onMouseDown={keepFocus} onClick={() => press('0')} data-testid="pin-key-0">
          0
        </button>
        <button type="button" className="pinpad-key pinpad-aux" onMouseDown={keepFocus} onClick={() => setPin((p) => p.slice(0, -1))} aria-label={t('pin.back')}>
          ⌫
        </button>
      </div>
      {waiting ? (
        <div className="error-text" role="alert" data-testid="pin-wait" data-seconds={waitSeconds}>
          {t('pin.wait', { seconds: waitSeconds })}
        </div>
      ) : (
        error
      )}
      <button type="submit" className="btn btn-primary btn-block btn-lg" disabled={!valid || busy || waiting} data-testid="pin-submit">
        {submitLabel ?? t('pin.submit')}
      </button>
    </form>
  );
}
