import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTempHost } from '../../../test/host/temp-host';
import { hostCaller } from '../../../test/host/host-client';

/** 17:12 UTC on 4 December is 01:12 on 5 December in Beijing, where the shop is. */
const AT = new Date('2026-12-04T17:12:09.000Z');

describe('files a station makes are named on the Beijing clock, whatever the PC\'s zone', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => {
    vi.useRealTimers();
    hosts.splice(0).forEach((h) => h.close());
  });

  it('the 批量发货 export and the pick list made at 17:12 UTC carry 01:12 of the next day', async () => {
    const host = createTempHost();
    hosts.push(host);
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('system.loadSamples', {});
    const { orders } = await call('orders.list', { limit: 1 });
    vi.useFakeTimers({ now: AT, toFake: ['Date'] });
    const file = await call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(file.fileName).toBe('批量发货-202612050112-gbk.csv');
    expect((await call('shipments.exportBatchShip', { format: 'xlsx', onlyNotExported: false })).fileName).toBe('批量发货-202612050112.xlsx');
    await call('labels.printPickList', { orderIds: [orders[0]!.id] });
    expect(readdirSync(join(host.dataDir, 'labels')).filter((f) => f.startsWith('pick-list'))).toEqual(['pick-list-20261205011209.png']);
  });
});
