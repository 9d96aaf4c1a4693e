import { newId } from '../db/new-id';
import type { Db } from '../db/open-database';
import type { OutboxRepo } from '../db/outbox.repo';
import type { Actor } from './session.service';

/** Who did it: nobody is logged in when the PIN pad locks, hence a null user. */
type AuditActor = Omit<Actor, 'userId'> & { userId: string | null };

/** Who did a permission-gated action, who authorised it and when. Call inside the action's transaction. */
export function createAuditRepo(db: Db, outbox: OutboxRepo) {
  const insert = db.prepare(
    'INSERT INTO audit_log (id, at, user_id, authorizer_id, action, target, detail) VALUES (@id, @at, @userId, @authorizerId, @action, @target, @detail)',
  );
  return {
    record(actor: AuditActor, action: string, target: string, detail: Record<string, unknown>): void {
      const entry = { id: newId(), at: new Date().toISOString(), ...actor, action, target, detail: JSON.stringify(detail) };
      insert.run(entry);
      outbox.append('audit.recorded', { ...entry, detail });
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
