import { createInterface } from 'node:readline';
import { AppError } from '#shared/contract/errors';
import { openCliHost } from '../cli-host';
import type { Options, Say } from '../cli-text';

/**
 * A scripted bench: one scan per stdin line, one JSON outcome per stdout line, through exactly the
 * code path the bench UI uses. Labels go to the configured printer; the command waits for them.
 * Warnings and errors carry their catalog key and the text in the CLI's language.
 */
export async function runBench(options: Options, t: Say): Promise<void> {
  const { host, call } = openCliHost(process.argv);
  try {
    if (typeof options['pin'] === 'string') await call('session.login', { pin: options['pin'] });
    for await (const line of createInterface({ input: process.stdin })) {
      const code = line.trim();
      if (!code) continue;
      try {
        const r = await call('bench.scan', { code, source: 'serial' });
        const progress = r.state.lines.map((l) => `${l.verified}/${l.qty}`).join(' ');
        const blocked = r.outcome === 'blocked' && r.state.order?.blockedReason ? { reason: t(r.state.order.blockedReason) } : {};
        console.log(JSON.stringify({ code, outcome: r.outcome, scanId: r.scanId, trackingNo: r.shipment?.trackingNo, detail: r.detail, ...blocked, order: r.state.order?.externalId ?? null, progress, warnings: r.warnings.map(t) }));
      } catch (error) {
        const e = error instanceof AppError ? { code: error.code, key: error.msg.key, message: t(error.msg) } : { code: 'INTERNAL', message: String(error) };
        console.log(JSON.stringify({ code, outcome: 'error', error: e }));
      }
    }
    await host.context.labels.idle();
  } finally {
    host.close();
  }
}
