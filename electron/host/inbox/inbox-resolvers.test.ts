import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '#shared/contract/hub.contract';
import { msg } from '#shared/i18n/message';
import { currentOpVersion, isKnownOpType } from '#shared/ops/index';
import { createTempHost } from '../../../test/host/temp-host';
import { hostCaller } from '../../../test/host/host-client';

const BENCH_B = 'station-b';
let seq = 0;
const entry = (type: string, payload: unknown, extra: Partial<LogEntry> = {}): LogEntry => ({
  hubSeq: ++seq, opId: `op-${seq}`, stationId: BENCH_B, stationSeq: seq, type, version: isKnownOpType(type) ? currentOpVersion(type) : 1, payload, outcome: 'accepted', reason: null,
  createdAt: '2026-12-07T08:00:00.000Z', userId: null, authorizedBy: null, ...extra,
});
const user = (id: string, name: string, role: string, benchOf: string | null = null) =>
  entry('user.saved', { id, name, role, pinHash: null, badgeHash: null, active: true, benchOf, seenHubSeq: 0 });
const flag = (flagId: string) => entry('flag.raised', {
  flagId, kind: 'ship.after-cancel', orderId: null, stationIds: [], opIds: [], message: msg('flagText.entryUnapplied', { hubSeq: 1, type: 'x', reason: 'y' }),
}, { stationId: 'hub', stationSeq: null });

describe('已处理 says who closed each row', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  it('names who closed a flag or a row and on whose PIN, at this bench or another, a factory administrator with their bench', async () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    host.context.sync.meta.setStationNames({ [BENCH_B]: '打包台B' });
    const call = hostCaller(host);
    host.context.sync.applier.applyPage([
      user('sup-c', '赵主管', 'supervisor'),
      user('adm-b', '管理员', 'admin', BENCH_B),
      user('pk-1', '小王', 'packer'),
      flag('f-there'), flag('f-here'),
      // At B: its administrator closes a flag; a packer closes a row on 赵主管's PIN.
      entry('flag.resolved', { flagId: 'f-there', resolution: '已联系圆通拦截B台的包裹' }, { createdAt: '2026-12-07T08:05:00.000Z', userId: 'adm-b', authorizedBy: 'adm-b' }),
      entry('inbox.resolved', { key: 'weight:w-1', kind: 'weight-mismatch', note: '少装一件，已补' }, { createdAt: '2026-12-07T08:06:00.000Z', userId: 'pk-1', authorizedBy: 'sup-c' }),
    ], seq);
    await call('session.login', { pin: '0000' });
    await call('flags.resolve', { flagId: 'f-here', resolution: '包裹已拦截' });
    const { resolutions } = await call('inbox.resolved', {});
    const who = Object.fromEntries(resolutions.map((r) => [r.note, [r.by, r.authorizedBy, r.bench?.name ?? null]]));
    expect(who).toEqual({
      '已联系圆通拦截B台的包裹': [msg('users.withBench', { name: msg('roles.admin'), bench: '打包台B' }), null, '打包台B'],
      '少装一件，已补': ['小王', '赵主管', '打包台B'],
      '包裹已拦截': [msg('roles.admin'), null, expect.any(String)],
    });
  });

  it('an open row names a bench\'s factory administrator with that bench, in the reader\'s language, not a bare 管理员', async () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    host.context.sync.meta.setStationNames({ [BENCH_B]: '打包台B' });
    const call = hostCaller(host);
    const now = new Date().toISOString();
    host.context.sync.applier.applyPage([
      user('adm-b', '管理员', 'admin', BENCH_B),
      user('sup-c', '赵主管', 'supervisor'),
      entry('audit.recorded', {
        id: 'a-bind', at: now, userId: 'adm-b', authorizerId: 'sup-c', action: 'catalog.bindBarcode', target: '6909999999999', detail: { skuCode: 'SKU-1', units: 1 },
      }, { createdAt: now }),
    ], seq);
    await call('session.login', { pin: '0000' });
    const [row] = (await call('inbox.list', { kind: 'barcode-bound' })).rows;
    expect(row?.people).toEqual([msg('users.withBench', { name: msg('roles.admin'), bench: '打包台B' }), '赵主管']);
  });
});
