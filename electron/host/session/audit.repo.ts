import type { OpPayload } from '#shared/ops/index';
import { newId } from '../db/new-id';
import type { AuditAction } from '../audit/audit-actions';
import type { OpRecorder } from '../ops/op-recorder';
import type { Actor } from './session.service';

/** Who did it: nobody is logged in when the PIN pad locks, hence a null user. */
type AuditActor = Omit<Actor, 'userId'> & { userId: string | null };

/** Who did a permission-gated action, who authorised it and when (audit.recorded). Call inside the action's transaction; returns the entry's id. */
export function createAuditRepo(recorder: OpRecorder) {
  return {
    record(actor: AuditActor, action: AuditAction, target: string, detail: OpPayload<'audit.recorded'>['detail']): string {
      const at = new Date().toISOString();
      const op = { id: newId(), at, userId: actor.userId, authorizerId: actor.authorizerId, action, target, detail };
      recorder.record('audit.recorded', op, { at, actor: actor.userId ? { userId: actor.userId, authorizerId: actor.authorizerId } : null });
      return op.id;
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
