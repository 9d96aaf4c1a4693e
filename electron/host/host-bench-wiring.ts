import { msg } from '#shared/i18n/message';
import type { RpcRequest, RpcResponse } from '#shared/rpc/protocol';
import type { HostOptions } from './create-host';
import { createDevicesService } from './devices/devices.service';
import type { HostEmit, StationCore } from './host-core-wiring';
import type { SyncWiring } from './host-sync-wiring';
import { createBenchExceptions } from './inbox/bench-exceptions';
import { createLabelsService } from './labels/labels.service';
import { createPrintQueueRepo } from './labels/print-queue.repo';
import { createPrintQueue } from './labels/print-queue.service';
import { createPackProgressRepo } from './pack/pack-progress.repo';
import { createPackService } from './pack/pack.service';
import { createReshipBench } from './reship/reship-bench';
import { wireSerialDevices } from './serial/serial-wiring';
import { createShipmentsRepo } from './shipments/shipments.repo';
import { createShipmentsService } from './shipments/shipments.service';
import { createSlipsService } from './slips/slips.service';
import { hubWaybillsLink } from './waybills/hub-waybills.link';
import { createWaybillKeysStore } from './waybills/waybill-keys.store';
import { createWaybillsService } from './waybills/waybills.service';

/**
 * The bench: parcels and their numbers (pool, fetched 取号), the printers and their queue, labels
 * and slips, the serial scanners and scale, and the pack service that scans, weighs and ships.
 */
export function wireBench(
  core: StationCore,
  { sync, otherBench }: SyncWiring,
  options: Pick<HostOptions, 'dataDir' | 'log' | 'printing' | 'serial' | 'secrets' | 'providerTimeoutMs'>,
  emit: HostEmit,
  hooks: {
    /** Something else changed the open order (a print, a fetched number): the bench reloads it. */
    refreshBench: () => void;
    /** A request through the RPC dispatcher (validation, roles), as a window's would go. */
    dispatch: (request: RpcRequest) => Promise<RpcResponse>;
  },
) {
  const { db, recorder, audit, settings, settingsRepo, ordersRepo, catalogRepo, providerWaybills, syncMeta, carriers } = core;
  const shipmentsRepo = createShipmentsRepo(db, otherBench);
  const shipments = createShipmentsService({
    db, repo: shipmentsRepo, pool: core.pool, providerWaybills, orders: ordersRepo, carriers, recorder, audit, onHand: (sku) => catalogRepo.onHand(sku),
    afterCancelAsked: () => waybills.kick(),
    emptyPoolAdvice: () => {
      // A shop that fetches its numbers (取号) needs this order's fetched first, not a pool.
      const fetched = providerWaybills.counts();
      if (fetched.used + fetched.ready > 0) return msg('ship.poolAdvice.fetch');
      const status = sync.service.status();
      if (!status.paired) return msg('ship.poolAdvice.import');
      return status.state === 'offline' || status.state === 'revoked' ? msg('ship.poolAdvice.offline') : msg('ship.poolAdvice.hubEmpty');
    },
  });
  const devices = createDevicesService({
    settings: settingsRepo, dataDir: options.dataDir,
    ...(options.printing?.driver ? { system: { driver: options.printing.driver } } : {}),
    ...(options.printing?.timeouts ? { timeouts: options.printing.timeouts } : {}),
    ...(options.printing?.components ? { components: options.printing.components } : {}),
  });
  const benchExceptions = createBenchExceptions(db, recorder, core.stationId);
  const printQueue = createPrintQueue({
    db, repo: createPrintQueueRepo(db), audit,
    send: (job) => labels.sendWaybill(job),
    statusAfter: async () => (await devices.printer().queryStatus?.()) ?? null,
    onSettled: (job, result, error) => labels.settled(job, result, error),
    onChange: (summary) => emit('printQueue.changed', summary),
    onJobState: (job) => benchExceptions.printJob(job),
    ...(options.printing?.retryDelayMs ? { retryDelayMs: options.printing.retryDelayMs } : {}),
  });
  const labels = createLabelsService({
    orders: ordersRepo, shipmentsRepo, shipments, catalog: catalogRepo, settings, devices,
    queue: () => printQueue,
    issued: (trackingNo) => providerWaybills.get(trackingNo),
    issuedOf: (orderId) => providerWaybills.ofOrder(orderId),
    onFetchedPrinted: (trackingNo) => waybills.printed(trackingNo),
    onPrinted: (event) => {
      emit('labels.printed', event);
      hooks.refreshBench();
    },
  });
  const waybills = createWaybillsService({
    db, repo: providerWaybills, recorder, audit, orders: ordersRepo, carriers, keys: createWaybillKeysStore(options.dataDir, options.secrets ?? null),
    sender: () => settings.get().sender, stationId: core.stationId,
    hostedHubKeys: () => sync.hosting.waybillKeys(),
    labelQueue: printQueue,
    asksForHub: () => ['supervisor', 'admin'].includes(syncMeta.pairing()?.role ?? ''),
    hub: () => {
      const call = sync.hubCall();
      return call ? hubWaybillsLink(call, async () => void (await sync.service.syncNow())) : null;
    },
    ...(options.providerTimeoutMs ? { providerTimeoutMs: options.providerTimeoutMs } : {}),
    log: options.log ?? (() => {}),
    onChange: () => hooks.refreshBench(),
  });
  let serialRequests = 0;
  const serial = wireSerialDevices({
    settings: settingsRepo, options: options.serial, emit,
    scan: (code) => hooks.dispatch({ t: 'req', id: (serialRequests += 1), method: 'bench.scan', input: { code, source: 'serial' } }),
    pack: () => pack,
    // Every bench's inbox lists it (bench.exception), not only this bench's.
    flag: (flag) => benchExceptions.weightMismatch(flag.orderId, flag.message),
  });
  const slips = createSlipsService({
    settingsRepo, settings, orders: ordersRepo,
    onPrinted: (outcome) => emit('slips.printed', outcome),
  });
  const progress = createPackProgressRepo(db, recorder);
  const pack = createPackService({
    db, recorder, audit, orders: ordersRepo, catalog: catalogRepo, progress, shipments, shipmentsRepo, carriers, session: core.session, settings,
    syncCursor: core.syncCursor,
    reship: createReshipBench({ reships: core.reships, catalog: catalogRepo, progress }),
    printShipments: (ids, reprintedBy) => labels.printShipments(ids, reprintedBy),
    slipAt: (moment, orderId) => slips.at(moment, orderId),
    // A bench call answers with the state; only the other windows need the event.
    onState: (state, cause) => emit('bench.changed', state, { exceptCaller: cause === 'answer' }),
    claimOrder: (orderId) => {
      const other = sync.claims.claim(orderId);
      return other === null ? null : sync.nameOf(other);
    },
    scaleStatus: () => serial.service?.scaleStatus() ?? null,
    raiseWeightFlag: (order, d) =>
      serial.raiseFlag(order.id, msg('flagText.weightMismatch', { order: order.externalId, weight: d.weightG, expected: d.expectedG, deviation: d.deviationG })),
    heldWeightMismatch: (orderId) => benchExceptions.heldWeightG(orderId),
    weightAccepted: (orderId, message) => benchExceptions.weightAccepted(orderId, message),
  });

  return { shipmentsRepo, shipments, devices, printQueue, labels, waybills, serial, slips, pack };
}
export type BenchWiring = ReturnType<typeof wireBench>;
