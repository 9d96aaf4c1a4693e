import { AppError } from '#shared/contract/errors';
import type { Claim, ClaimStatus } from '#shared/contract/claims.contract';
import { msg } from '#shared/i18n/message';
import type { ClaimOutcome } from '#shared/ops/claim-settled.op';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { Actor } from '../session/session.service';
import type { ClaimsRepo } from './claims.repo';

export type SettleInput = { claimId: string; outcome: ClaimOutcome; paidFen: number | null; note: string };

/**
 * Carrier claims (理赔): filed by a supervisor's claim decision, settled when the carrier answers
 * (paid with an amount, or rejected) by a supervisor's claim.settled. A settlement may be corrected
 * by another; the one in force is the last the hub ordered.
 */
export function createClaimsService(deps: { db: Db; recorder: OpRecorder; repo: ClaimsRepo; syncCursor: () => number }) {
  const { db, recorder, repo } = deps;
  const require = (id: string): Claim => {
    const claim = repo.get(id);
    if (!claim) throw new AppError('NOT_FOUND', msg('claims.notFound', { id }));
    return claim;
  };
  return {
    list: (filter: { status: ClaimStatus | 'all'; limit: number; offset: number }) => repo.list(filter),
    get: require,
    settle(input: SettleInput, actor: Actor): Claim {
      const claim = require(input.claimId);
      if (claim.status === 'withdrawn') throw new AppError('CONFLICT', msg('claims.withdrawn', { tracking: claim.trackingNo }));
      if (input.outcome === 'paid' && (input.paidFen === null || input.paidFen <= 0)) throw new AppError('INVALID_INPUT', msg('claims.paidAmountRequired'));
      const payload = {
        id: newId(), claimId: claim.id, outcome: input.outcome, paidFen: input.outcome === 'paid' ? input.paidFen : null, note: input.note,
        seenHubSeq: deps.syncCursor(),
      };
      inTransaction(db, () => recorder.record('claim.settled', payload, { actor }));
      return require(claim.id);
    },
  };
}
export type ClaimsService = ReturnType<typeof createClaimsService>;
