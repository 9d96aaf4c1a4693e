import type { TFunction } from 'i18next';

/** A carrier in the reader's language (圆通速递 / YTO Express); one the catalog lacks by the name stored with it. */
export const carrierName = (t: TFunction, code: string, stored: string): string => t(`carrierNames.${code}`, { defaultValue: stored });
