import type { OpPayload } from '#shared/ops/index';
import { newId } from '../db/new-id';
import type { OpRecorder } from '../ops/op-recorder';
import type { Actor } from './session.service';

/** Who did a permission-gated action, who authorised it and when (audit.recorded). Call inside the action's transaction. */
export function createAuditRepo(recorder: OpRecorder) {
  return {
    record(actor: Actor, action: string, target: string, detail: OpPayload<'audit.recorded'>['detail']): void {
      const at = new Date().toISOString();
      recorder.record('audit.recorded', { id: newId(), at, userId: actor.userId, authorizerId: actor.authorizerId, action, target, detail }, { at, actor });
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
