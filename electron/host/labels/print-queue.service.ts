import { AppError } from '#shared/contract/errors';
import type { PrintResult } from '#shared/contract/devices.contract';
import type { PrintJob, PrintJobState, PrintQueueSummary } from '#shared/contract/print-queue.contract';
import { msg, type Message } from '#shared/i18n/message';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import { mayHavePrinted, type PrinterStatus } from '../devices/printer.port';
import type { AuditRepo } from '../session/audit.repo';
import type { Actor } from '../session/session.service';
import type { PrintQueueRepo } from './print-queue.repo';

/** How long a job waits after its n-th transport failure: 1, 2, 4 … seconds, then every 30 s. */
export const defaultRetryDelayMs = (attempts: number): number => Math.min(1000 * 2 ** Math.max(0, attempts - 1), 30_000);

/** How one attempt ended, for whoever waits on it (a reprint asked from the Shipments screen). */
export type Attempt = { job: PrintJob; result: PrintResult | null; error: AppError | null };

export type PrintQueueDeps = {
  db: Db;
  repo: PrintQueueRepo;
  audit: AuditRepo;
  /** Renders and sends the job's label; the printer asks its own status first where it can. */
  send: (job: PrintJob) => Promise<PrintResult>;
  /** The printer's status right after a job (null: it cannot tell). */
  statusAfter: () => Promise<PrinterStatus | null>;
  /** A job printed, or failed: the labels service stamps the shipment and tells the bench. */
  onSettled: (job: PrintJob, result: PrintResult | null, error: Message | null) => void;
  onChange: (summary: PrintQueueSummary) => void;
  /** A job's new state, inside the transaction that wrote it (a failure goes to every bench's inbox). */
  onJobState?: (job: PrintJob) => void;
  retryDelayMs?: (attempts: number) => number;
};

/** States of a job not finished: waiting, leaving, or needing the packer. */
const OPEN: readonly PrintJobState[] = ['queued', 'sent', 'failed', 'unknown'];

const toAppError = (error: unknown): AppError =>
  error instanceof AppError ? error : new AppError('PRINT_FAILED', msg('label.printFailed', { reason: error instanceof Error ? error.message : String(error) }));

/**
 * The label queue: one job at a time, oldest first, each a row that survives a restart. A job is
 * marked `sent` before its first byte leaves. After a transport failure with nothing sent (printer
 * off or unreachable) it waits and tries again, with backoff, while packing goes on; when the
 * printer refuses (paper out, head open, paused) it fails and waits for the packer's Retry. When
 * its outcome is unknown — the connection broke mid-job, the printer reported a fault right after,
 * the app stopped mid-send — it is never sent again by itself: the packer looks and decides.
 */
export function createPrintQueue(deps: PrintQueueDeps) {
  const { db, repo } = deps;
  const delay = deps.retryDelayMs ?? defaultRetryDelayMs;
  const waiters = new Map<string, Array<(attempt: Attempt) => void>>();
  let draining: Promise<void> | null = null;
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const changed = () => deps.onChange(repo.summary());
  const set = (job: PrintJob, state: PrintJobState, change: Omit<Parameters<PrintQueueRepo['update']>[1], 'state'> = {}) =>
    inTransaction(db, () => {
      repo.update(job.id, { state, ...change }, new Date().toISOString());
      const after = repo.get(job.id) as PrintJob;
      deps.onJobState?.(after);
      return after;
    });
  const settle = (attempt: Attempt) => {
    const list = waiters.get(attempt.job.id) ?? [];
    waiters.delete(attempt.job.id);
    list.forEach((resolve) => resolve(attempt));
  };

  function kick(): void {
    dirty = true;
    if (draining || stopped) return;
    draining = drain().finally(() => {
      draining = null;
      if (dirty) kick();
    });
  }

  async function drain(): Promise<void> {
    while (dirty && !stopped) {
      dirty = false;
      while (!stopped && (await step()));
    }
  }

  /** Sends the head job if it is due; false when there is nothing to do now. */
  async function step(): Promise<boolean> {
    const head = repo.head();
    if (!head) return false;
    const wait = head.nextAttemptAt ? Date.parse(head.nextAttemptAt) - Date.now() : 0;
    if (wait > 0) {
      clearTimeout(timer);
      timer = setTimeout(kick, wait);
      timer.unref?.();
      return false;
    }
    await attempt(head);
    return true;
  }

  async function attempt(queued: PrintJob): Promise<void> {
    // Write-ahead: from here on a crash leaves the job `sent`, which a restart turns into `unknown`.
    const job = inTransaction(db, () => set(queued, 'sent', { attempts: queued.attempts + 1, nextAttemptAt: null }));
    changed();
    let result: PrintResult;
    try {
      result = await deps.send(job);
    } catch (thrown) {
      // The station closed while the job was out: its row stays `sent`, which the next start reads as unknown.
      if (stopped) return;
      const error = toAppError(thrown);
      let after: PrintJob;
      if (mayHavePrinted(error)) after = set(job, 'unknown', { error: error.msg });
      else if (error.code === 'DEVICE_UNAVAILABLE' || error.code === 'TIMEOUT') {
        after = set(job, 'queued', { error: error.msg, nextAttemptAt: new Date(Date.now() + delay(job.attempts)).toISOString() });
      } else after = set(job, 'failed', { error: error.msg });
      // The bench hears of a printer that is off once, not on every retry by itself (a try someone asked for, it hears).
      if (after.state !== 'queued' || queued.nextAttemptAt === null) deps.onSettled(after, null, error.msg);
      changed();
      settle({ job: after, result: null, error });
      return;
    }
    if (stopped) return;
    const status = await deps.statusAfter().catch(() => null);
    if (stopped) return;
    const done = status && !status.ready
      ? set(job, 'unknown', { error: msg('printQueue.faultAfter', { reason: status.message }), printer: result.printer })
      : set(job, 'done', { error: null, printer: result.printer });
    if (done.state === 'done') closeOlder(done);
    deps.onSettled(done, done.state === 'done' ? result : null, done.error);
    changed();
    settle({ job: done, result: done.state === 'done' ? result : null, error: done.state === 'done' ? null : new AppError('PRINT_FAILED', done.error ?? msg('printQueue.faultAfter', { reason: '' })) });
  }

  /** The job, if it is in a state `action` applies to; a voided number's job may only be cancelled. */
  const require = (id: string, allowed: readonly PrintJobState[], action: Message, voidedToo = false): PrintJob => {
    const job = repo.get(id);
    if (!job) throw new AppError('NOT_FOUND', msg('printQueue.notFound'));
    if (!allowed.includes(job.state)) throw new AppError('CONFLICT', msg('printQueue.wrongState', { state: msg(`printQueue.states.${job.state}`), action }));
    if (job.voided && !voidedToo) throw new AppError('CONFLICT', msg('label.voided', { tracking: job.trackingNo }));
    return job;
  };
  /**
   * Once a number is on paper, its older jobs that wait, were refused or may have printed are
   * closed: a Retry of one would put the same number on a second label with no one asking.
   */
  const closeOlder = (printed: PrintJob): void => {
    const older = repo.openOfTracking(printed.trackingNo).filter((j) => j.state !== 'sent' && (j.createdAt < printed.createdAt || (j.createdAt === printed.createdAt && j.id < printed.id)));
    if (older.length === 0) return;
    inTransaction(db, () => older.forEach((j) => set(j, 'cancelled', { nextAttemptAt: null, error: msg('printQueue.printedSince', { tracking: printed.trackingNo }) })));
  };
  /**
   * A parcel's label asked for while a job of it is unfinished: that job is the one that prints —
   * brought forward, back in line after the printer refused it, or (its outcome unknown) sent again
   * on this say — never a second copy queued behind it. A job leaving now is simply waited for.
   */
  type Parcel = { id: string; orderExternalId: string; trackingNo: string };
  const openJobOf = (shipment: Parcel): PrintJob | undefined => repo.openOfTracking(shipment.trackingNo).find((j) => j.shipmentId === shipment.id);
  const enqueue = (shipment: Parcel, extra: { reprintOf?: string; requestedBy?: string }, open: PrintJob | undefined): string => {
    if (open) {
      if (open.state !== 'sent') set(open, 'queued', { nextAttemptAt: null, ...(extra.requestedBy ? { requestedBy: extra.requestedBy } : {}) });
      return open.id;
    }
    const id = newId();
    repo.insert({ id, shipmentId: shipment.id, orderRef: shipment.orderExternalId, trackingNo: shipment.trackingNo, at: new Date().toISOString(), ...extra });
    return id;
  };
  const enqueueParcel = (shipment: Parcel, extra: { reprintOf?: string; requestedBy?: string } = {}): string => enqueue(shipment, extra, openJobOf(shipment));
  /**
   * The packer's say at the bench (重打面单, PD:REPRINT) to print a parcel's label again, audited
   * like a reprint from the queue when the label may be on paper already: a new job, or one whose
   * outcome is unknown sent again. A job still waiting or refused that is only brought forward puts
   * the label on paper once: no record, however often the button is pressed.
   */
  const enqueueAgain = (shipment: Parcel, actor: Actor): string => {
    const open = openJobOf(shipment);
    if (open && open.state !== 'unknown') return enqueue(shipment, { requestedBy: actor.userId }, open);
    const printed = open ? undefined : repo.ofShipment(shipment.id).find((j) => j.state === 'done')?.id;
    const id = enqueue(shipment, { requestedBy: actor.userId, ...(printed ? { reprintOf: printed } : {}) }, open);
    deps.audit.record(actor, 'label.reprint', shipment.trackingNo, { job: id, was: open ? 'unknown' : 'done', orderRef: shipment.orderExternalId });
    return id;
  };
  const enqueueFetched = (number: { orderRef: string; trackingNo: string }, extra: { reprintOf?: string | null; requestedBy?: string } = {}, id = newId()): string => {
    repo.insertFetched({ id, orderRef: number.orderRef, trackingNo: number.trackingNo, at: new Date().toISOString(), ...extra });
    return id;
  };
  /** A fetched number's label waits, is leaving, or needs the packer: it is not queued again. */
  const fetchedOpen = (trackingNo: string): boolean => repo.ofNumber(trackingNo).some((j) => OPEN.includes(j.state));
  const after = (job: PrintJob): PrintJob => {
    changed();
    kick();
    return job;
  };

  return {
    /**
     * Queues waybills (in the caller's transaction or one of its own) and starts printing after this
     * turn; with an actor, labels printed again at their say (audited: enqueueAgain).
     */
    enqueue(shipments: ReadonlyArray<{ id: string; orderExternalId: string; trackingNo: string }>, actor?: Actor): string[] {
      const ids = inTransaction(db, () => shipments.map((s) => (actor ? enqueueAgain(s, actor) : enqueueParcel(s))));
      changed();
      setImmediate(kick);
      return ids;
    },
    /**
     * Queues the labels of numbers fetched at 取号 (打单), in order. A number whose label waits or
     * needs the packer is not queued twice (`inQueue`); one printed before (here or at another bench)
     * is queued only as a reprint: the actor's say, audited like a reprint from the queue.
     */
    enqueueFetched(numbers: ReadonlyArray<{ orderRef: string; trackingNo: string; printedBefore: boolean }>, actor: Actor): { jobIds: string[]; inQueue: string[] } {
      const inQueue: string[] = [];
      // Jobs queued in one millisecond print in id order: sorted, the labels come out in the order asked.
      const ids = numbers.map(() => newId()).sort();
      const jobIds = inTransaction(db, () =>
        numbers.flatMap((n, i) => {
          const jobs = repo.ofNumber(n.trackingNo);
          if (jobs.some((j) => OPEN.includes(j.state))) return (inQueue.push(n.trackingNo), []);
          const lastDone = jobs.find((j) => j.state === 'done')?.id ?? null;
          if (!n.printedBefore && lastDone === null) return [enqueueFetched(n, {}, ids[i])];
          const id = enqueueFetched(n, { reprintOf: lastDone, requestedBy: actor.userId }, ids[i]);
          deps.audit.record(actor, 'label.reprint', n.trackingNo, { job: id, was: 'done', orderRef: n.orderRef });
          return [id];
        }),
      );
      changed();
      setImmediate(kick);
      return { jobIds, inQueue };
    },
    fetchedOpen,
    /**
     * A parcel takes a fetched number: its label from 取号 that is not on paper (queued, or refused
     * by the printer) gives way to the parcel's own. True when one may be on paper already (it is
     * leaving, or its outcome is unknown): the parcel's label then waits for the packer's say.
     */
    parcelTakes(trackingNo: string): boolean {
      const jobs = repo.ofNumber(trackingNo);
      const dropped = jobs.filter((j) => j.state === 'queued' || j.state === 'failed');
      if (dropped.length > 0) {
        inTransaction(db, () => dropped.forEach((j) => set(repo.get(j.id) as PrintJob, 'cancelled', { nextAttemptAt: null })));
        changed();
      }
      return jobs.some((j) => j.state === 'sent' || j.state === 'unknown');
    },
    get: (id: string): PrintJob | null => repo.get(id),
    /** Resolves after the job's next attempt, whatever its outcome. */
    nextAttempt(id: string): Promise<Attempt> {
      return new Promise((resolve) => waiters.set(id, [...(waiters.get(id) ?? []), resolve]));
    },
    retry(id: string): PrintJob {
      const job = require(id, ['failed', 'queued'], msg('printQueue.retry'));
      return after(inTransaction(db, () => set(job, 'queued', { nextAttemptAt: null })));
    },
    /**
     * The packer's say to print a label that may be on paper already. An unknown job goes back in
     * the queue as it is; a printed one gets a new job naming it. Audited either way.
     */
    reprint(id: string, actor: Actor): PrintJob {
      const job = require(id, ['unknown', 'done'], msg('printQueue.reprint'));
      return after(inTransaction(db, () => {
        const again = { reprintOf: job.id, requestedBy: actor.userId };
        const next = job.state === 'unknown'
          ? set(job, 'queued', { nextAttemptAt: null, requestedBy: actor.userId })
          : (repo.get(job.shipmentId === null ? enqueueFetched(job, again) : enqueueParcel({ id: job.shipmentId, orderExternalId: job.orderRef, trackingNo: job.trackingNo }, again)) as PrintJob);
        deps.audit.record(actor, 'label.reprint', job.trackingNo, { job: next.id, was: job.state, orderRef: job.orderRef });
        return next;
      }));
    },
    cancel(id: string): PrintJob {
      const job = require(id, ['queued', 'failed', 'unknown'], msg('printQueue.cancel'), true);
      const cancelled = inTransaction(db, () => set(job, 'cancelled', { nextAttemptAt: null }));
      // The bench stops saying the label is printing.
      deps.onSettled(cancelled, null, null);
      return after(cancelled);
    },
    list: (limit: number) => ({ summary: repo.summary(), jobs: repo.list(limit) }),
    summary: () => repo.summary(),
    /** At start: a job that was being sent when the app stopped may be on paper; then print what waits. */
    resume(): void {
      inTransaction(db, () => repo.interrupted().forEach((job) => set(job, 'unknown', { error: msg('printQueue.interrupted') })));
      kick();
    },
    /** Waits for the job in hand (the CLI before it exits; tests). */
    idle: async (): Promise<void> => {
      // Jobs queued in this turn start on the next one.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (draining) await draining;
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
export type PrintQueue = ReturnType<typeof createPrintQueue>;
