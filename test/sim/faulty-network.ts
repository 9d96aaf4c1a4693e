import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { pushResponseSchema } from '#shared/contract/hub.contract';
import type { HubReply, HubRequest, HubTransport } from '../../electron/host/sync/hub-transport';
import type { Prng } from './prng';

/**
 * One station's link to the hub, in memory, with the faults a shop LAN really has (research/sync.md
 * §8): a request that never arrives, a response lost after the hub committed, a request delivered
 * twice, a push delivered again much later (a stale duplicate), and a cable pulled out (partition).
 * Faults are armed by simulator commands (so fast-check can shrink them) or drawn from the seeded
 * PRNG on a flaky link; either way a run replays exactly from its seed.
 */
export type FaultKind = 'drop-request' | 'drop-response' | 'duplicate';
export type HubHandler = (req: HubRequest) => Promise<HubReply>;

/** A push result as some delivery saw it: duplicate deliveries must all see the same one (invariant 2). */
export type PushObservation = { epoch: string; stationSeq: number; opId: string; hubSeq: number | null; outcome: string };
/** A push the hub answered: when (its clock) and how many of its ops it answered refused (invariant 17). */
export type PushAnswer = { hubTime: string; rejected: number };

export type LinkStats = {
  requests: number;
  delivered: number;
  droppedRequests: number;
  lostResponses: number;
  duplicates: number;
  pushes: number;
  maxPushOps: number;
  /** Requests a byzantine bench sent on its own (not through its sync). */
  forged: number;
  /** Statuses that mean the hub refused the request's shape or size (400, 413) or failed (5xx): never expected. */
  refusals: { status: number; path: string; message: string }[];
};

const STALE_KEPT = 24;

const unreachable = (why: string) => new AppError('HUB_UNREACHABLE', msg('sync.error.unreachable', { url: 'sim', cause: why }));

export function createFaultyLink(opts: { hub: () => HubHandler; prng: Prng }) {
  const armed: FaultKind[] = [];
  const stale: HubRequest[] = [];
  const observations: PushObservation[] = [];
  const answers: PushAnswer[] = [];
  const stats: LinkStats = { requests: 0, delivered: 0, droppedRequests: 0, lostResponses: 0, duplicates: 0, pushes: 0, maxPushOps: 0, forged: 0, refusals: [] };
  let partitioned = false;
  let flakyRate = 0;
  let crash: { afterCalls: number; onCrash: () => void } | null = null;

  /** Hands the request to the hub and records what a push answer said, whoever ends up seeing it. */
  async function deliver(req: HubRequest): Promise<HubReply> {
    stats.delivered++;
    const reply = await opts.hub()(structuredClone(req));
    if (reply.status === 400 || reply.status === 413 || reply.status >= 500) {
      stats.refusals.push({ status: reply.status, path: req.path, message: String((reply.body as { msg?: { key?: unknown } })?.msg?.key) });
    }
    if (req.path === '/sync/push' && reply.status === 200) {
      const body = pushResponseSchema.parse(reply.body);
      for (const r of body.results) observations.push({ epoch: body.hubEpoch, stationSeq: r.stationSeq, opId: r.opId, hubSeq: r.hubSeq, outcome: r.outcome });
      noteAnswer(body);
    }
    return reply;
  }

  function noteAnswer(body: { hubTime: string; results: { outcome: string }[] }) {
    answers.push({ hubTime: body.hubTime, rejected: body.results.filter((r) => r.outcome === 'rejected').length });
  }

  function pickFault(): FaultKind | null {
    const next = armed.shift();
    if (next) return next;
    if (flakyRate > 0 && opts.prng.next() < flakyRate) return (['drop-request', 'drop-response', 'duplicate'] as const)[opts.prng.int(3)] ?? null;
    return null;
  }

  const transport: HubTransport = async (req) => {
    stats.requests++;
    if (partitioned) throw unreachable('partitioned');
    if (req.path === '/sync/push') {
      const ops = (req.body as { ops?: unknown[] }).ops ?? [];
      stats.pushes++;
      stats.maxPushOps = Math.max(stats.maxPushOps, ops.length);
      // Every push, delivered or not, may turn up again later: a delayed or duplicated packet.
      stale.push(structuredClone(req));
      if (stale.length > STALE_KEPT) stale.shift();
    }
    if (crash) {
      crash.afterCalls--;
      if (crash.afterCalls <= 0) {
        // The hub commits, then the station dies before it can read or record the answer.
        const { onCrash } = crash;
        crash = null;
        await deliver(req);
        onCrash();
        throw unreachable('station crashed mid-round');
      }
    }
    const fault = pickFault();
    if (fault === 'drop-request') {
      stats.droppedRequests++;
      throw unreachable('request lost');
    }
    const reply = await deliver(req);
    if (fault === 'drop-response') {
      stats.lostResponses++;
      throw unreachable('response lost after the hub answered');
    }
    if (fault === 'duplicate') {
      stats.duplicates++;
      return deliver(req);
    }
    return reply;
  };

  return {
    transport,
    stats,
    observations,
    answers,
    partition: () => void (partitioned = true),
    heal: () => {
      partitioned = false;
      flakyRate = 0;
      armed.length = 0;
      crash = null;
    },
    get partitioned() {
      return partitioned;
    },
    /** The next request(s) suffer these faults, in order. */
    arm: (...faults: FaultKind[]) => void armed.push(...faults),
    /** From now on each request suffers a random fault with this probability (drawn from the seed). */
    setFlaky: (rate: number) => void (flakyRate = rate),
    /** After `afterCalls` more requests reach the hub, the station crashes (onCrash closes it). */
    crashAfter: (afterCalls: number, onCrash: () => void) => void (crash = { afterCalls, onCrash }),
    /** The round ended before the crash point: nothing stays armed for a later round. */
    cancelCrash: () => void (crash = null),
    staleCount: () => stale.length,
    /**
     * A request a byzantine bench sends on its own, bypassing its sync (unless the cable is out):
     * its answers are not the bench's to record, and a refusal of it is what it asked for.
     */
    async forge(req: HubRequest): Promise<HubReply | null> {
      if (partitioned) return null;
      stats.forged++;
      const reply = await opts.hub()(structuredClone(req));
      // Refusing a forgery is the hub's job; failing on one is not.
      if (reply.status >= 500) stats.refusals.push({ status: reply.status, path: req.path, message: String((reply.body as { message?: unknown })?.message) });
      const body = pushResponseSchema.safeParse(reply.body);
      if (req.path === '/sync/push' && reply.status === 200 && body.success) noteAnswer(body.data);
      return reply;
    },
    /** Delivers an old push again, long after the fact; nobody is listening for the answer. */
    async replayStale(pick: number): Promise<HubReply | null> {
      const req = stale[pick % Math.max(1, stale.length)];
      return req ? deliver(req) : null;
    },
  };
}
export type FaultyLink = ReturnType<typeof createFaultyLink>;
