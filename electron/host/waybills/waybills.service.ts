import pLimit from 'p-limit';
import { AppError } from '#shared/contract/errors';
import type { HubIssueResult, HubWaybillRequest } from '#shared/contract/hub-waybills.contract';
import type { Order } from '#shared/contract/orders.contract';
import { HELD_NAMED, type FetchReport, type IssuedWaybillView, type Providers, type WaybillPrintReport, type WaybillsStatus } from '#shared/contract/waybills.contract';
import { HOLD_KEY } from '#shared/domain/void-hold';
import { FETCH_BATCH_MAX, waybillProviderNames, type WaybillProviderName } from '#shared/domain/e-waybill';
import { msg, type Message } from '#shared/i18n/message';
import type { CarriersService } from '../carriers/carriers.service';
import type { PrintQueue } from '../labels/print-queue.service';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { OrdersRepo } from '../orders/orders.repo';
import { WaybillProviderError, waybillProviderFor, type WaybillProvider } from '../providers.port';
import type { AuditRepo } from '../session/audit.repo';
import type { Actor } from '../session/session.service';
import type { ProviderWaybill, ProviderWaybillsRepo } from './provider-waybills.repo';
import type { WaybillKeysStore } from './waybill-keys.store';
import { createWaybillCancels } from './waybill-cancels';
import { requestFor, senderParty, type Sender } from './waybill-requests';

/** How a bench reaches its hub's 取号 (null: not paired, this bench uses its own accounts). */
export type HubWaybills = {
  issue(provider: WaybillProviderName, requests: HubWaybillRequest[]): Promise<HubIssueResult[]>;
  providers(): Promise<{ name: WaybillProviderName; carriers: string[] }[]>;
  check(provider: WaybillProviderName): Promise<{ ok: boolean; msg: Message | null }>;
  /** Pulls the log now, so the numbers the hub wrote are here before the answer. */
  pull(): Promise<void>;
};

/** Orders asked of a provider at once, per bench: the providers' own rate limits are per second. */
const CONCURRENCY = 4;

// An order whose file gave no status ('', orders.repo.ts) was imported to ship: it awaits its number like a paid one.
const AWAITING = `SELECT id FROM orders o WHERE pack_state = 'open' AND blocked_reason IS NULL
  AND (platform_status IN ('WAIT_SELLER_SEND_GOODS', 'SELLER_CONSIGNED_PART') OR platform_status = '')
  AND NOT EXISTS (SELECT 1 FROM provider_waybills w WHERE w.order_id = o.id AND w.parent_no IS NULL AND w.shipment_id IS NULL AND w.cancel_state IS NULL)`;

// Orders the platform still wants shipped that a 订单取消/退款 void holds here: 取号 skips them and says so.
const HELD = `SELECT external_id FROM orders o WHERE pack_state = 'open' AND blocked_reason GLOB '{"key":"${HOLD_KEY}"*'
  AND (platform_status IN ('WAIT_SELLER_SEND_GOODS', 'SELLER_CONSIGNED_PART') OR platform_status = '')`;

/**
 * E-waybill numbers from providers (issue 11): 取号 in batches while online (through the hub when
 * paired, else with this bench's own accounts), each order's failure kept with the provider's
 * reason, and the cancels this bench owes sent when the provider can be reached.
 */
export function createWaybillsService(deps: {
  db: Db; repo: ProviderWaybillsRepo; recorder: OpRecorder; audit: AuditRepo; orders: OrdersRepo; carriers: CarriersService; keys: WaybillKeysStore;
  sender: () => Sender; stationId: () => string;
  /** This bench asks the hub's cancels of numbers for closed orders (a supervisor's or admin's bench). */
  asksForHub: () => boolean;
  hub: () => HubWaybills | null;
  /** The hub this PC hosts, if it does now: the accounts an admin enters here are the hub's. */
  hostedHubKeys: () => { save(provider: WaybillProviderName, keys: unknown): void; remove(provider: WaybillProviderName): void } | null;
  /** The label queue: fetched numbers print through it like parcels' labels (打单). */
  labelQueue: Pick<PrintQueue, 'fetchedOpen' | 'enqueueFetched'>;
  providerTimeoutMs?: number;
  log: (line: string, error?: unknown) => void;
  onChange: () => void;
}) {
  const { db, repo, recorder, orders } = deps;
  const awaiting = db.prepare(`${AWAITING} ORDER BY coalesce(ship_deadline, '9999'), external_id LIMIT ?`).pluck();
  const awaitingCount = db.prepare(`SELECT count(*) FROM (${AWAITING})`).pluck();
  const liveParcel = db.prepare('SELECT 1 FROM shipments WHERE tracking_no = ? AND voided_at IS NULL').pluck();
  const heldAwaiting = { named: db.prepare(`${HELD} ORDER BY external_id LIMIT ${HELD_NAMED}`).pluck(), count: db.prepare(`SELECT count(*) FROM (${HELD})`).pluck() };

  const ownProvider = (name: WaybillProviderName): WaybillProvider | null => waybillProviderFor(name, deps.keys.read(), deps.providerTimeoutMs);
  const requireOwn = (name: WaybillProviderName): WaybillProvider => {
    const provider = ownProvider(name);
    if (!provider) throw new AppError('INVALID_INPUT', msg('waybills.noAccount', { provider: msg(`waybills.provider.${name}`) }));
    return provider;
  };

  /**
   * Where an admin's account goes: the hub's when this PC hosts it; refused at a bench paired with
   * a hub elsewhere (that hub fetches, with its own); else this bench's own.
   */
  const keyStore = () => {
    const hosted = deps.hostedHubKeys();
    if (hosted) return hosted;
    if (deps.hub()) throw new AppError('CONFLICT', msg('waybills.keysAtHub'));
    return deps.keys;
  };

  const view = (w: ProviderWaybill): IssuedWaybillView => ({
    trackingNo: w.trackingNo, parentNo: w.parentNo, orderId: w.orderId, orderExternalId: orders.get(w.orderId)?.externalId ?? null,
    provider: w.provider, carrierCode: w.carrierCode, routing: w.routing, hasPrintData: w.printData !== null, templateSize: w.templateSize,
    issuer: w.issuer, issuedAt: w.issuedAt,
    state: w.cancelState === 'queued' ? 'cancel-queued' : w.cancelState ? 'cancelled' : w.shipmentId ? 'used' : 'ready',
    cancelAttempts: w.cancelAttempts, cancelNextAt: w.cancelNextAt, cancelError: w.cancelError,
  });

  /** Issues with this bench's own account, a few orders at a time; each order's outcome on its own. */
  async function issueHere(name: WaybillProviderName, requests: HubWaybillRequest[]): Promise<HubIssueResult[]> {
    const provider = requireOwn(name);
    const limit = pLimit(CONCURRENCY);
    return Promise.all(requests.map((request) => limit(() => issueOne(provider, request))));
  }

  async function issueOne(provider: WaybillProvider, request: HubWaybillRequest): Promise<HubIssueResult> {
    try {
      const issued = await provider.issue(request);
      const at = new Date().toISOString();
      inTransaction(db, () =>
        recorder.record('waybill.issued', {
          orderId: request.orderId, requestKey: request.requestKey, provider: provider.name, carrierCode: issued.carrierCode, trackingNo: issued.trackingNo,
          childNumbers: issued.childNumbers, childPrintData: issued.childPrintData ?? [], routing: issued.routing, printData: issued.printData, templateSize: issued.templateSize,
          providerRef: issued.providerRef ?? null, issuer: 'station', at,
        }, { at }),
      );
      return { orderId: request.orderId, ok: true, trackingNo: issued.trackingNo, carrierCode: issued.carrierCode, hubSeq: 0 };
    } catch (error) {
      if (error instanceof WaybillProviderError) return { orderId: request.orderId, ok: false, kind: error.kind, msg: error.msg };
      deps.log(`waybills: ${provider.name} failed for ${request.orderId}`, error);
      return { orderId: request.orderId, ok: false, kind: 'transient', msg: msg('waybills.failedUnexpectedly') };
    }
  }

  type Targets = { orders: Order[]; alreadyHad: number; skipped: number; held: number; heldOrders: string[] };
  function targets(input: { orderIds?: string[] | undefined; awaiting?: boolean | undefined }): Targets {
    const named = input.orderIds?.length ? input.orderIds : null;
    const ids = named ?? (input.awaiting ? (awaiting.all(500) as string[]) : []);
    // Held orders are not awaiting (they are blocked): counted apart, so the seller hears why they got no number.
    const heldOrders = named ? [] : (heldAwaiting.named.all() as string[]);
    let held = named ? 0 : (heldAwaiting.count.get() as number);
    if (ids.length === 0 && held === 0) throw new AppError('INVALID_INPUT', msg('waybills.nothingToFetch'));
    const out: Order[] = [];
    let alreadyHad = 0;
    let skipped = 0;
    for (const ref of new Set(ids)) {
      const order = orders.byRef(ref);
      if (!order) throw new AppError('NOT_FOUND', msg('waybills.unknownOrder', { ref }));
      if (repo.readyFor(order.id)) alreadyHad++;
      else if (order.packState === 'open' && order.blockedReason?.key === HOLD_KEY) {
        held++;
        if (heldOrders.length < HELD_NAMED) heldOrders.push(order.externalId);
      } else if (order.packState !== 'open' || order.blockedReason !== null) skipped++;
      else out.push(order);
    }
    return { orders: out, alreadyHad, skipped, held, heldOrders };
  }

  const cancels = createWaybillCancels({
    db, repo, recorder, stationId: deps.stationId, asksForHub: deps.asksForHub, provider: ownProvider, log: deps.log, onChange: deps.onChange,
  });

  return {
    async providers(): Promise<Providers> {
      const hub = deps.hub();
      const protection = deps.keys.protection();
      if (hub) {
        const held = await hub.providers().catch(() => []);
        const hosts = deps.hostedHubKeys() !== null;
        return {
          viaHub: true, hostsHub: hosts, protection: hosts ? 'file' : protection,
          providers: waybillProviderNames.map((name) => ({ name, where: held.some((p) => p.name === name) ? ('hub' as const) : null, carriers: held.find((p) => p.name === name)?.carriers ?? [] })),
        };
      }
      return {
        viaHub: false, hostsHub: false, protection,
        providers: waybillProviderNames.map((name) => {
          const provider = ownProvider(name);
          return { name, where: provider ? ('station' as const) : null, carriers: provider ? [...provider.carriers()] : [] };
        }),
      };
    },
    saveKeys(provider: WaybillProviderName, keys: unknown, actor: Actor): void {
      keyStore().save(provider, keys);
      inTransaction(db, () => deps.audit.record(actor, 'waybills.keys', provider, {}));
    },
    removeKeys(provider: WaybillProviderName, actor: Actor): void {
      keyStore().remove(provider);
      inTransaction(db, () => deps.audit.record(actor, 'waybills.keys', provider, { removed: true }));
    },
    async test(provider: WaybillProviderName): Promise<{ ok: boolean; message: Message | null }> {
      const hub = deps.hub();
      if (hub) {
        const answer = await hub.check(provider);
        return { ok: answer.ok, message: answer.msg };
      }
      try {
        await requireOwn(provider).check();
        return { ok: true, message: null };
      } catch (error) {
        if (error instanceof WaybillProviderError) return { ok: false, message: error.msg };
        throw error;
      }
    },

    /** 取号 for orders (or every order awaiting shipment with no number): through the hub when paired. */
    async fetch(input: { provider: WaybillProviderName; orderIds?: string[] | undefined; awaiting?: boolean | undefined; carrierCode?: string | undefined; parcelCount?: number | undefined }, _actor: Actor): Promise<FetchReport> {
      const sender = senderParty(deps.sender());
      if (!sender) throw new AppError('INVALID_INPUT', msg('waybills.noSender'));
      if (input.carrierCode) deps.carriers.requireCarrier(input.carrierCode);
      const { orders: asked, alreadyHad, skipped, held, heldOrders } = targets(input);
      const requests: HubWaybillRequest[] = [];
      const failed: FetchReport['failed'] = [];
      const fail = (order: Order, kind: string, message: Message) => {
        const at = new Date().toISOString();
        repo.fetchFailed({ orderId: order.id, provider: input.provider, kind, message, at });
        failed.push({ orderId: order.id, externalId: order.externalId, provider: input.provider, kind, message, attempts: 1, at });
      };
      for (const order of asked) {
        try {
          const carrierCode = input.carrierCode ?? deps.carriers.choose({ province: order.receiver.province, weightG: null, skuCodes: order.lines.flatMap((l) => (l.skuCode ? [l.skuCode] : [])) });
          requests.push(requestFor(order, carrierCode, sender, repo.keysUsed(order.id), input.parcelCount ?? 1));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          fail(order, 'invalid', error.msg);
        }
      }
      const hub = deps.hub();
      const results: HubIssueResult[] = [];
      for (let i = 0; i < requests.length; i += 200) {
        const batch = requests.slice(i, i + 200);
        results.push(...(hub ? await hub.issue(input.provider, batch) : await issueHere(input.provider, batch)));
      }
      if (hub && results.some((r) => r.ok)) await hub.pull();
      const byId = new Map(asked.map((o) => [o.id, o]));
      let issued = 0;
      for (const r of results) {
        const order = byId.get(r.orderId);
        if (!order) continue;
        if (r.ok) {
          issued++;
          repo.clearFailure(order.id);
        } else {
          fail(order, r.kind, r.msg);
        }
      }
      // Attempts as stored (a retry counts up).
      const stored = new Map(repo.failures(1000).map((f) => [f.orderId, f.attempts]));
      deps.onChange();
      return { issued, alreadyHad, skipped, held, heldOrders, failed: failed.map((f) => ({ ...f, attempts: stored.get(f.orderId) ?? f.attempts })) };
    },

    status(): WaybillsStatus {
      const counts = repo.counts();
      return {
        ready: counts.ready, readyUnprinted: counts.readyUnprinted, used: counts.used, cancelQueued: counts.cancelQueued, cancelled: counts.cancelled,
        awaitingWithout: awaitingCount.get() as number,
        failures: repo.failures(200).map((f) => ({ ...f, externalId: orders.get(f.orderId)?.externalId ?? f.orderId })),
        cancels: repo.queuedCancels(100).map(view),
      };
    },
    ofOrder(ref: string): IssuedWaybillView[] {
      const order = orders.byRef(ref);
      if (order) return repo.ofOrder(order.id).map(view);
      const one = repo.get(ref);
      return one ? [view(one)] : [];
    },
    /**
     * 打单: queues the labels of ready numbers before packing, and answers once they are queued; each
     * one printed is recorded (waybill.printed), so its parcel prints nothing. A number printed before
     * is queued again only with `again` (the packer's say, audited as a reprint): without it, it is
     * named in `printedBefore` for the screen to ask. One waiting in the queue is not queued twice.
     */
    print(input: { orderIds?: string[] | undefined; again?: boolean | undefined; numbers?: string[] | undefined }, actor: Actor): WaybillPrintReport {
      const wanted = input.orderIds?.length
        ? [...new Set(input.orderIds)].flatMap((ref) => {
            const order = orders.byRef(ref);
            if (!order) throw new AppError('NOT_FOUND', msg('waybills.unknownOrder', { ref }));
            const ready = repo.readyFor(order.id);
            return ready ? [ready.main, ...ready.children].filter((w) => !input.numbers || input.numbers.includes(w.trackingNo)) : [];
          })
        : repo.readyUnprinted(FETCH_BATCH_MAX);
      if (wanted.length === 0) throw new AppError('INVALID_INPUT', msg('waybills.nothingToPrint'));
      const free = wanted.filter((w) => !deps.labelQueue.fetchedOpen(w.trackingNo));
      const before = input.again ? [] : free.filter((w) => w.printedAt !== null);
      const orderRef = (w: ProviderWaybill) => orders.get(w.orderId)?.externalId ?? w.orderId;
      const numbers = free.filter((w) => !before.includes(w)).map((w) => ({ orderRef: orderRef(w), trackingNo: w.trackingNo, printedBefore: w.printedAt !== null }));
      const { jobIds, inQueue } = numbers.length > 0 ? deps.labelQueue.enqueueFetched(numbers, actor) : { jobIds: [], inQueue: [] };
      deps.onChange();
      return {
        queued: jobIds.length, jobIds, inQueue: wanted.length - free.length + inQueue.length,
        printedBefore: before.map((w) => ({ trackingNo: w.trackingNo, orderId: w.orderId, orderExternalId: orderRef(w) })),
      };
    },
    /** A fetched number's label is on paper (the label queue printed it): every bench learns it. */
    printed(trackingNo: string): void {
      const at = new Date().toISOString();
      inTransaction(db, () => recorder.record('waybill.printed', { numbers: [trackingNo], at }, { at }));
      deps.onChange();
    },
    /** Cancels a fetched number no live parcel carries (a parcel's number is cancelled by voiding the parcel). */
    cancel(trackingNo: string, actor: Actor): IssuedWaybillView {
      const w = repo.get(trackingNo) ?? repo.get(trackingNo.toUpperCase());
      if (!w || w.parentNo !== null) throw new AppError('NOT_FOUND', msg('waybills.notIssued', { tracking: trackingNo }));
      if (w.cancelState !== null) throw new AppError('CONFLICT', msg('waybills.alreadyCancelled', { tracking: w.trackingNo }));
      if (liveParcel.get(w.trackingNo) !== undefined) throw new AppError('CONFLICT', msg('waybills.onLiveParcel', { tracking: w.trackingNo }));
      const at = new Date().toISOString();
      inTransaction(db, () => recorder.record('waybill.cancel-requested', { trackingNo: w.trackingNo, reason: 'unused', at }, { at, actor }));
      cancels.kick();
      return view(repo.get(w.trackingNo)!);
    },
    /** A person's 立即发送: every waiting cancel is tried now, whatever its backoff. */
    sendCancels: () => cancels.round(true),
    start: cancels.start,
    kick: cancels.kick,
    stop: cancels.stop,
  };
}
export type WaybillsService = ReturnType<typeof createWaybillsService>;
