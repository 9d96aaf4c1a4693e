import type { ComponentProps } from 'react';

/** A number box (grams, a PIN) that drops anything but digits as it is typed; the value stays a string. */
export function DigitsInput({ onDigits, ...input }: Omit<ComponentProps<'input'>, 'onChange' | 'className' | 'inputMode'> & { onDigits: (digits: string) => void }) {
  return <input {...input} className="input input-num" inputMode="numeric" onChange={(e) => onDigits(e.target.value.replace(/\D/g, ''))} />;
}
