import { describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
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

/**
 * An order shipped at two benches offline (a ship.double flag): the file does not pick a number
 * for it. Both parcels wait, each saying why, until the supervisor voids the extra and closes the
 * conflict; then the kept number, and only it, goes up — nothing to "add by hand".
 */
describe('批量发货 of an order shipped at two benches', () => {
  const fresh = hubShops('sqlite');

  it('holds the order while the double shipment is open, then writes the parcel the supervisor kept', async () => {
    const { hub, keep } = await fresh();
    const { a, b, orders } = await twoStationShop(hub);
    for (const s of [a, b]) keep(s.host);
    const order = orders.filter(shippable)[0]!;
    const [atA, atB] = [await packAndShip(a, order), await packAndShip(b, order)];
    for (const s of [a, b]) await s.host.context.labels.idle();
    await syncAll(a, b);

    const preview = await a.call('shipments.exportPreview', {});
    expect(preview).toMatchObject({ rows: 0, parcels: 0, extraCount: 0, heldCount: 2 });
    expect(preview.held.map((h) => [h.trackingNo, h.reason])).toEqual([
      [atA.trackingNo, msg('export.hold.doubleShipped', { others: atB.trackingNo })],
      [atB.trackingNo, msg('export.hold.doubleShipped', { others: atA.trackingNo })],
    ]);
    expect(createTranslator('zh-CN').t(preview.held[0]!.reason)).toContain('等主管决定保留哪个包裹');

    // The supervisor keeps B's parcel (not the first one printed): B's number is the one uploaded.
    const flag = (await a.call('flags.list', { open: true })).flags.find((f) => f.kind === 'ship.double')!;
    await a.call('shipments.void', { id: atA.id, reason: '重复发货' });
    await a.call('inbox.resolve', { key: `flag:${flag.flagId}`, note: '留 B 的包裹' });
    await syncAll(a, b);
    const file = await a.call('shipments.exportBatchShip', { encoding: 'utf-8' });
    expect(numbersIn(file)).toEqual([atB.trackingNo]);
    expect(file).toMatchObject({ heldCount: 0, extraCount: 0, changeCount: 0 });
  });
});
