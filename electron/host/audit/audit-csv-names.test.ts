import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '#shared/contract/hub.contract';
import { currentOpVersion } from '#shared/ops/index';
import { createTempHost } from '../../../test/host/temp-host';
import { hostCaller } from '../../../test/host/host-client';

const DESK = 'station-desk';
let seq = 0;
const entry = (type: 'user.saved' | 'stock.counted', payload: unknown, extra: Partial<LogEntry> = {}): LogEntry => ({
  hubSeq: ++seq, opId: `op-${seq}`, stationId: DESK, stationSeq: seq, type, version: currentOpVersion(type), payload, outcome: 'accepted', reason: null,
  createdAt: '2026-11-26T08:00:00.000Z', userId: null, authorizedBy: null, ...extra,
});
const user = (id: string, name: string, benchOf: string | null) =>
  entry('user.saved', { id, name, role: 'admin', pinHash: null, badgeHash: null, active: true, benchOf, seenHubSeq: 0 });

describe('the names Packdesk gives, in the reader\'s language', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  it('keeps the factory administrator\'s name as every version stored it, and says it (and the supervisor desk) in the file\'s language; typed names as typed', async () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    const call = hostCaller(host);
    // Stored as before: older benches and the hub read the same user.saved.
    const { user: me } = await call('session.login', { pin: '0000' });
    expect(me).toMatchObject({ name: '管理员', role: 'admin', factoryAdmin: true });

    host.context.sync.meta.setStationNames({ [DESK]: '主管台' });
    host.context.sync.applier.applyPage([
      user('adm-desk', '管理员', DESK),
      user('adm-typed', '管理员', null),
      entry('stock.counted', { id: 'c-1', skuCode: 'SKU-1', countedQty: 3, knownQty: 0 }, { authorizedBy: 'adm-desk', userId: 'adm-typed' }),
    ], seq);
    const rows = async (lang: 'en' | 'zh-CN') => {
      const file = await call('audit.export', { bench: DESK, lang });
      return (parse(Buffer.from(file.base64, 'base64').toString('utf8'), { bom: true }) as string[][]).slice(1).map((r) => [r[1], r[7], r[8]]);
    };
    expect(await rows('en')).toEqual([['Supervisor desk', '管理员', 'Admin · Supervisor desk']]);
    expect(await rows('zh-CN')).toEqual([['主管台', '管理员', '管理员 · 主管台']]);
  });
});
