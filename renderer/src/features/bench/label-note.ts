import type { TFunction } from 'i18next';
import type { Message } from '#shared/i18n/message';
import { hostText } from '../../lib/host-text';
import type { LabelNote } from './bench.types';

/** What the packer does about a printer problem, by its cause. */
type Cause = 'offline' | 'paused' | 'paperOut' | 'coverOpen' | 'other';

/** The cause inside a message: a fault reported after a job, or the first of several, names it. */
function causeOf(message: Message | null): Cause {
  if (!message) return 'other';
  const inner = message.params?.['reason'];
  if ((message.key === 'devices.status.andMore' || message.key === 'printQueue.faultAfter') && inner && typeof inner === 'object') return causeOf(inner as Message);
  if (message.key.startsWith('devices.tcp.') || message.key === 'devices.system.noCups' || message.key === 'devices.system.cupsDown') return 'offline';
  if (message.key === 'devices.system.paused' || message.key === 'devices.status.paused') return 'paused';
  if (message.key === 'devices.status.paperOut') return 'paperOut';
  if (message.key === 'devices.status.headOpen' || message.key === 'devices.status.coverOpen') return 'coverOpen';
  return 'other';
}

/**
 * One line under the bench's banner for a label that is not on paper (null when it is, or when it
 * was taken out of the queue): what happened in the reader's language, and what to do about it —
 * a printer that is off needs no reprint (the label waits and prints by itself), one that refused
 * the job does.
 */
export function labelNoteText(t: TFunction, trackingNo: string, note: LabelNote): string | null {
  if (note.state === 'done' || note.state === 'cancelled') return null;
  const reason = note.message ? hostText(t, note.message) : t('errors.PRINT_FAILED');
  const hint = t(`bench.labelHints.${causeOf(note.message)}`);
  if (note.state === 'waiting') return t('bench.labelWaiting', { tracking: trackingNo, reason, hint });
  if (note.state === 'unknown') return t('bench.labelUnknown', { tracking: trackingNo, reason });
  return t('bench.labelFailed', { tracking: trackingNo, reason, hint });
}
