import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '#shared/contract/hub.contract';
import { msg } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { opLabel } from '#shared/ops/index';
import { hostCaller } from '../../../test/host/host-client';
import { createTempHost } from '../../../test/host/temp-host';

const zh = createTranslator('zh-CN');

describe('a flag naming an authoriser the hub does not know', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  it('names the supervisor this bench made before it was paired, in the flag list and the inbox; an unknown id stays', async () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('users.save', { name: '王主管', role: 'supervisor', pin: '5678' });
    const wang = (await call('users.list', {})).find((u) => u.name === '王主管')!;
    // What the hub writes when it refuses the ops this supervisor authorised: their id, not a name it lacks.
    const refusal = (user: string) => msg('flagText.opRejected', { count: 2, type: opLabel('stock.delta'), reason: msg('opRefusal.authoriser', { type: opLabel('stock.delta'), user }) });
    const raised = (flagId: string, user: string, hubSeq: number): LogEntry => ({
      hubSeq, opId: `op-${hubSeq}`, stationId: 'hub', stationSeq: null, type: 'flag.raised', version: 2, outcome: 'accepted', reason: null,
      createdAt: '2026-12-06T08:00:00.000Z', userId: null, authorizedBy: null,
      payload: { flagId, kind: 'op.rejected', orderId: null, stationIds: ['station-b'], opIds: [], message: refusal(user) },
    });
    host.context.sync.applier.applyPage([raised('f-1', wang.id, 1), raised('f-2', 'u-gone', 2)], 2);

    const texts = (await call('flags.list', { open: true })).flags.map((f) => [f.flagId, zh.t(f.message)]);
    expect(texts).toEqual([
      ['f-2', '2 个操作未被同步中心接受（首个“库存变动”：“库存变动”需要主管授权，授权人 u-gone 不是在职的主管或管理员）'],
      ['f-1', '2 个操作未被同步中心接受（首个“库存变动”：“库存变动”需要主管授权，授权人 王主管 不是在职的主管或管理员）'],
    ]);
    const inbox = (await call('inbox.list', { kind: null, bench: null, limit: 50 })).rows.filter((r) => r.key.startsWith('flag:'));
    expect(inbox.map((r) => zh.t(r.evidence!))).toContain('2 个操作未被同步中心接受（首个“库存变动”：“库存变动”需要主管授权，授权人 王主管 不是在职的主管或管理员）');
  });
});
