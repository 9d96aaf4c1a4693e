import type { TFunction } from 'i18next';
import { catalogs, languages } from '#shared/i18n/catalog';

// The reasons the void dialog offers as chips (shipments.voidReason*).
const PRESETS = ['voidReasonMisprint', 'voidReasonCarrier', 'voidReasonAddress', 'voidReasonCancelled'] as const;

/**
 * A void's reason as the reader reads it. The dialog's chips fill the text box, so a reason is kept
 * as typed, in the voiding bench's language: one of the chips' texts in any language reads in the
 * reader's; anything typed stays as typed.
 */
export function voidReasonText(t: TFunction, reason: string): string {
  const preset = PRESETS.find((k) => languages.some((lng) => catalogs[lng].shipments[k] === reason.trim()));
  return preset ? t(`shipments.${preset}`) : reason;
}
