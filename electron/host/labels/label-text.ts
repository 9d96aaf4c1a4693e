import type { Language } from '#shared/i18n/catalog';
import type { Message } from '#shared/i18n/message';
import { translatorFor } from '#shared/i18n/translator';

/** Renders a catalog message as text printed on a label. */
export type LabelText = (message: Message) => string;

/** Labels read at the bench (pick slips, the command sheet, the test label) speak the station's language. */
export const labelText = (lang: Language): LabelText => translatorFor(lang).t;

/**
 * The waybill is read by the courier's sorters, drivers and the receiver, all in China, and laid
 * out like the carriers' own Chinese templates: it is printed in Chinese whatever the UI language.
 */
export const courierText: LabelText = (message) => translatorFor('zh-CN').t(message);
