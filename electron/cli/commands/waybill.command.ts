import { readFileSync } from 'node:fs';
import { AppError } from '#shared/contract/errors';
import type { FetchReport } from '#shared/contract/waybills.contract';
import { carrierNameMessage } from '#shared/domain/carriers';
import { waybillProviderNames, type WaybillProviderName } from '#shared/domain/e-waybill';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import type { Options, Say } from '../cli-text';
import { signIn } from './cli-user';

const text = (options: Options, name: string) => (typeof options[name] === 'string' ? options[name] : undefined);
const providerOf = (value: string | undefined): WaybillProviderName | undefined => waybillProviderNames.find((p) => p === value);
const providerName = (p: WaybillProviderName) => msg(`waybills.provider.${p}`);

/**
 * `packdesk waybill fetch|print|cancel|status`: 取号 for orders (or every order awaiting shipment) from an
 * e-waybill provider, through the hub when paired; printing them before packing (打单); cancelling a fetched number no parcel uses; the
 * numbers held, the failures and the cancels still queued. Supervisor commands take --pin.
 */
export async function runWaybill(args: string[], options: Options, t: Say): Promise<void> {
  const [action, target] = args;
  if (action !== 'fetch' && action !== 'cancel' && action !== 'status' && action !== 'print') throw new AppError('INVALID_INPUT', msg('cli.waybill.usage'));
  const { host, call } = openCliHost(process.argv);
  try {
    await signIn(call, options);
    if (action === 'fetch') {
      const provider = providerOf(text(options, 'provider'));
      const orders = text(options, 'orders')?.split(/[,\s]+/).filter(Boolean);
      if (!provider || (!orders?.length && !options['awaiting'])) throw new AppError('INVALID_INPUT', msg('cli.waybill.fetchUsage'));
      const carrier = text(options, 'carrier');
      const parcels = text(options, 'parcels');
      const parcelCount = parcels === undefined ? undefined : Number(parcels);
      if (parcelCount !== undefined && (!Number.isInteger(parcelCount) || parcelCount < 1 || parcelCount > 20)) throw new AppError('INVALID_INPUT', msg('cli.waybill.fetchUsage'));
      const ask = () =>
        call('waybills.fetch', { provider, ...(orders?.length ? { orderIds: orders } : { awaiting: true }), ...(carrier ? { carrierCode: carrier } : {}), ...(parcelCount ? { parcelCount } : {}) });
      // One call takes up to 500 orders awaiting shipment: go on while a round still gets numbers.
      let report = await ask();
      while (!orders?.length && report.issued > 0 && (await call('waybills.status', {})).awaitingWithout > report.failed.length) {
        const next = await ask();
        // The held orders are the same ones every round: counted once.
        report = { ...report, issued: report.issued + next.issued, skipped: report.skipped + next.skipped, failed: next.failed };
      }
      printReport(report, options, t);
      if (report.failed.length > 0) process.exitCode = 1;
      return;
    }
    if (action === 'print') {
      const orders = text(options, 'orders')?.split(/[,\s]+/).filter(Boolean);
      const result = await call('waybills.print', { ...(orders?.length ? { orderIds: orders } : {}), ...(options['again'] ? { again: true } : {}) });
      // The labels go through the label queue: wait for it, then say how each one went.
      await host.context.labels.idle();
      const jobs = result.jobIds.flatMap((id) => host.context.printQueue.get(id) ?? []);
      console.log(t(msg('cli.waybill.printed', { count: jobs.filter((j) => j.state === 'done').length })));
      if (result.inQueue > 0) console.log(t(msg('cli.waybill.inQueue', { count: result.inQueue })));
      for (const p of result.printedBefore) console.log(t(msg('cli.waybill.printedBefore', { tracking: p.trackingNo, order: p.orderExternalId })));
      for (const j of jobs.filter((x) => x.state !== 'done')) {
        const line = { tracking: j.trackingNo, order: j.orderRef, reason: j.error ?? msg(`printQueue.states.${j.state}`) };
        console.error(t(msg(j.state === 'queued' ? 'cli.waybill.stillQueued' : 'cli.waybill.printFailed', line)));
      }
      if (jobs.some((j) => j.state !== 'done')) process.exitCode = 1;
      return;
    }
    if (action === 'cancel') {
      if (!target) throw new AppError('INVALID_INPUT', msg('cli.waybill.cancelUsage'));
      await call('waybills.cancel', { trackingNo: target });
      const round = await call('waybills.sendCancels', {});
      const [now] = await call('waybills.ofOrder', { ref: target });
      console.log(t(now?.state === 'cancelled' ? msg('cli.waybill.cancelled', { tracking: target }) : msg('cli.waybill.cancelQueued', { tracking: target, left: round.left })));
      if (now?.cancelError) console.log(t(now.cancelError));
      return;
    }
    const status = await call('waybills.status', {});
    if (options['json']) return console.log(JSON.stringify(status, null, 2));
    console.log(t(msg('cli.waybill.status', { ready: status.ready, used: status.used, cancelQueued: status.cancelQueued, cancelled: status.cancelled, awaiting: status.awaitingWithout })));
    for (const f of status.failures) console.log(t(msg('cli.waybill.failure', { order: f.externalId, provider: providerName(f.provider), reason: f.message, attempts: f.attempts })));
    for (const c of status.cancels) {
      console.log(t(msg('cli.waybill.cancelLine', { tracking: c.trackingNo, carrier: carrierNameMessage(c.carrierCode), attempts: c.cancelAttempts })));
      if (c.cancelError) console.log(`    ${t(c.cancelError)}`);
    }
  } finally {
    host.close();
  }
}

/** "1001、1002 +10": the held orders the report names, the rest counted. */
const heldNamed = (r: FetchReport, t: Say): string =>
  r.heldOrders.join(t(msg('common.listSeparator'))) + (r.held > r.heldOrders.length ? ` +${r.held - r.heldOrders.length}` : '');

function printReport(report: FetchReport, options: Options, t: Say): void {
  if (options['json']) return console.log(JSON.stringify(report, null, 2));
  console.log(t(msg('cli.waybill.fetched', { issued: report.issued, alreadyHad: report.alreadyHad, skipped: report.skipped, failed: report.failed.length })));
  if (report.held > 0) console.log(t(msg('cli.waybill.fetchedHeld', { count: report.held, orders: heldNamed(report, t) })));
  for (const f of report.failed) console.error(t(msg('cli.waybill.failure', { order: f.externalId, provider: providerName(f.provider), reason: f.message, attempts: f.attempts })));
}

/**
 * `packdesk providers keys <provider> --file <account.json>` (an admin, --pin) stores this bench's
 * account for a provider, sealed at rest and never printed back; `packdesk providers test
 * [--provider p]` checks each account against its provider (through the hub when paired).
 */
export async function runProviders(args: string[], options: Options, t: Say): Promise<void> {
  const [action, name] = args;
  if (action !== 'keys' && action !== 'test') throw new AppError('INVALID_INPUT', msg('cli.providers.usage'));
  const { host, call } = openCliHost(process.argv);
  try {
    await signIn(call, options);
    if (action === 'keys') {
      const provider = providerOf(name);
      const file = text(options, 'file');
      if (!provider || !file) throw new AppError('INVALID_INPUT', msg('cli.providers.keysUsage'));
      let keys: unknown;
      try {
        keys = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        throw new AppError('INVALID_INPUT', msg('cli.providers.badFile', { file }));
      }
      if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) throw new AppError('INVALID_INPUT', msg('cli.providers.badFile', { file }));
      const saved = await call('waybills.saveKeys', { provider, keys: keys as Record<string, unknown> });
      const carriers = saved.providers.find((p) => p.name === provider)?.carriers ?? [];
      console.log(t(msg('cli.providers.saved', { provider: providerName(provider), carriers: carriers.join(', ') || '-', protection: msg(`cli.providers.protection.${saved.protection}`) })));
      return;
    }
    const only = providerOf(text(options, 'provider'));
    const { providers } = await call('waybills.providers', {});
    const configured = providers.filter((p) => p.where !== null && (!only || p.name === only));
    if (configured.length === 0) throw new AppError('INVALID_INPUT', msg('cli.providers.noneConfigured'));
    for (const p of configured) {
      const result = await call('waybills.test', { provider: p.name });
      console.log(t(result.ok ? msg('cli.providers.ok', { provider: providerName(p.name), carriers: p.carriers.join(', ') }) : msg('cli.providers.failed', { provider: providerName(p.name), reason: result.message ?? msg('waybills.failedUnexpectedly') })));
      if (!result.ok) process.exitCode = 1;
    }
  } finally {
    host.close();
  }
}
