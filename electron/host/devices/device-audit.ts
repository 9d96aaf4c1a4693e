import { inTransaction, type Db } from '../db/open-database';
import type { AuditRepo } from '../session/audit.repo';
import type { Actor } from '../session/session.service';
import { settingsChanges } from '../settings/settings.service';

/** The bench's device settings a supervisor may change, as the audit names them. */
export type DeviceName = 'printer' | 'slipPrinter' | 'printComponents' | 'serial';
/** Fields one audit line keeps (the op has a size cap); the note says how many more changed. */
const KEPT_FIELDS = 12;

/**
 * Saves a device setting and audits what it changed, field by field, with who did it and who
 * authorised it, in one transaction; a save that changes nothing is not audited. `save` may be
 * async (a serial save reopens its ports): only its synchronous part, which stores the setting,
 * runs inside the transaction, and what it stored is read back there.
 */
export function auditedDeviceSave<T>(deps: { db: Db; audit: AuditRepo }, actor: Actor, device: DeviceName, read: () => object, save: () => T): T {
  const before = read();
  let saved!: T;
  inTransaction(deps.db, () => {
    saved = save();
    const { fields, from, to } = settingsChanges(before, read());
    if (fields.length === 0) return;
    const kept = { fields: fields.slice(0, KEPT_FIELDS), from: from.slice(0, KEPT_FIELDS), to: to.slice(0, KEPT_FIELDS) };
    deps.audit.record(actor, 'devices.update', device, { device, count: fields.length, ...kept });
  });
  return saved;
}
