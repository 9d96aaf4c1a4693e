import { describe, expect, it } from 'vitest';
import { hubBackends } from '../helpers/hub-db';
import { hubShops } from '../helpers/paired-host';
import { packAndShip, shippable, twoStationShop, type Station } from '../helpers/sync-shop';

const syncAll = async (...stations: Station[]) => {
  for (let i = 0; i < 2; i++) for (const s of stations) await s.sync();
};
const numbersIn = (file: { base64: string }) => Buffer.from(file.base64, 'base64').toString('utf8').match(/YT\d{13}/g) ?? [];

/**
 * The 批量发货 file is the shop's: parcels one bench exported are stamped at every bench, so the
 * next export — at any bench — holds only what no file has answered for yet.
 */
describe.each(hubBackends)('批量发货 at two benches (%s)', (backend) => {
  const fresh = hubShops(backend);

  it('parcels exported at one bench are not exported again at the other', async () => {
    const { hub, keep } = await fresh();
    const { a, b, orders } = await twoStationShop(hub);
    for (const s of [a, b]) keep(s.host);
    const ready = orders.filter(shippable);
    const parcels = [await packAndShip(a, ready[0]!), await packAndShip(a, ready[1]!), await packAndShip(b, ready[2]!)];
    for (const s of [a, b]) await s.host.context.labels.idle();
    await syncAll(a, b);

    const first = await a.call('shipments.exportBatchShip', { encoding: 'utf-8' });
    expect(numbersIn(first).sort()).toEqual(parcels.map((p) => p.trackingNo).sort());
    await syncAll(a, b);
    expect(await b.call('shipments.exportPreview', {})).toMatchObject({ rows: 0, parcels: 0 });
    const shipments = (await b.call('shipments.list', { limit: 10, offset: 0 })).shipments;
    expect(shipments.filter((s) => s.exportedAt !== null).map((s) => s.trackingNo).sort()).toEqual(parcels.map((p) => p.trackingNo).sort());

    // A parcel shipped after that file is the only one in the next, wherever it is made.
    const later = await packAndShip(a, ready[3]!);
    await a.host.context.labels.idle();
    await syncAll(a, b);
    expect(numbersIn(await b.call('shipments.exportBatchShip', { encoding: 'utf-8' }))).toEqual([later.trackingNo]);
    await syncAll(a, b);
    expect(await a.call('shipments.exportPreview', {})).toMatchObject({ rows: 0 });
  });
});
