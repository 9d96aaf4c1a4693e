import { defaultSettings, settingsSchema, type Settings } from '#shared/contract/settings.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { z } from 'zod';
import { inTransaction, type Db } from '../db/open-database';
import type { AuditRepo } from '../session/audit.repo';
import type { Actor } from '../session/session.service';
import type { SettingsRepo } from './settings.repo';

// Stored by any earlier version: whatever it holds is laid over today's defaults, field by field.
const storedSettings = z.unknown().transform((stored): Settings => {
  const merged = { ...defaultSettings, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultSettings;
});

type Leaf = string | number | boolean;
/** A value as the audit keeps it: short enough that one save of every field fits one audit op. */
const shown = (v: Leaf) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 59)}…` : v);

const isNode = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The fields a save changed, by path ('scanner.minLength', '0.baud' in a list), with the value
 * before and after; a field only one side has (a serial device added or removed) is '' on the other.
 */
export function settingsChanges(before: object, after: object): { fields: string[]; from: Leaf[]; to: Leaf[] } {
  const fields: string[] = [];
  const from: Leaf[] = [];
  const to: Leaf[] = [];
  const walk = (a: Record<string, unknown>, b: Record<string, unknown>, prefix: string) => {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[key];
      const y = b[key];
      if (isNode(x) || isNode(y)) walk(isNode(x) ? x : {}, isNode(y) ? y : {}, `${prefix}${key}.`);
      else if (x !== y) {
        fields.push(`${prefix}${key}`);
        from.push(shown((x ?? '') as Leaf));
        to.push(shown((y ?? '') as Leaf));
      }
    }
  };
  walk(before as Record<string, unknown>, after as Record<string, unknown>, '');
  return { fields, from, to };
}

/**
 * A phone a carrier takes (13800000000, 0571-88886666, 400-800-8888, +86 138 0000 0000): 7–20
 * digits once spaces, dashes, dots, brackets and a leading + are set aside. It goes on every label
 * and every 取号 request.
 */
export function plausiblePhone(phone: string): boolean {
  const digits = phone.replace(/\D/g, '').length;
  return /^\+?[\d\s\-().]+$/.test(phone.trim()) && digits >= 7 && digits <= 20;
}

/** Station settings: one validated JSON document, cached because the scan path reads it. */
export function createSettingsService(repo: SettingsRepo, deps: { db: Db; audit: AuditRepo }) {
  let cached: Settings | null = null;
  return {
    get(): Settings {
      cached ??= repo.get('station', storedSettings);
      return cached;
    },
    /**
     * Changes only the fields named in the patch. A person's save (`actor`) is audited, in the same
     * transaction, with the fields it changed and who authorised it; a save that changes nothing is not.
     */
    update(asked: Partial<Settings>, actor?: Actor): Settings {
      const before = this.get();
      // A field given as undefined (an in-process caller such as the CLI; JSON drops them) is not named.
      const given = Object.fromEntries(Object.entries(asked).filter(([, v]) => v !== undefined)) as Partial<Settings>;
      // Full-width digits and dashes (an IME in full-width mode) are kept as the digits a label prints.
      const patch = given.sender ? { ...given, sender: { ...given.sender, phone: given.sender.phone.normalize('NFKC') } } : given;
      // Checked when it changes (a stored one from an older version does not block saving the rest).
      const phone = patch.sender?.phone.trim() ?? '';
      if (phone !== '' && phone !== before.sender.phone && !plausiblePhone(phone)) {
        throw new AppError('INVALID_INPUT', msg('settings.senderPhoneInvalid', { value: phone.slice(0, 40) }));
      }
      const next = settingsSchema.parse({ ...before, ...patch });
      const changes = settingsChanges(before, next);
      inTransaction(deps.db, () => {
        repo.set('station', next);
        if (actor && changes.fields.length > 0) deps.audit.record(actor, 'settings.update', changes.fields.join(', ').slice(0, 120), changes);
      });
      cached = next;
      return next;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
