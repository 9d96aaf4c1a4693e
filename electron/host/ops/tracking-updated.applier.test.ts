import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trackingStates, trackingSources } from '#shared/domain/tracking';
import type { OpPayload } from '#shared/ops/index';
import { orderPayload } from '../../../test/helpers/op-fixtures';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { createStationOps } from './op-recorder';
import { createOutboxRepo } from '../db/outbox.repo';
import type { ApplyMeta } from './applier';

type Update = OpPayload<'tracking.updated'>;
const NO = 'YT7400000000001';
let seq = 0;
const pulled = (): ApplyMeta => ({ own: false, author: 'hub', hubSeq: ++seq, at: '2026-11-26T08:00:00.000Z', outcome: 'accepted', userId: null });

function station() {
  const db = new Database(':memory:');
  migrate(db, migrations);
  const { appliers } = createStationOps({ db, outbox: createOutboxRepo(db), stationId: () => 'bench-a', stationRole: () => null, userRole: () => null });
  const apply = (u: Update) => db.transaction(() => appliers['tracking.updated'].apply(u, pulled()))();
  const parcel = (no = NO) => db.prepare('SELECT * FROM tracking_parcels WHERE tracking_no = ?').get(no) as Record<string, unknown> | undefined;
  const events = (no = NO) => db.prepare('SELECT at, state, text, city FROM tracking_events WHERE tracking_no = ? ORDER BY at, text').all(no);
  const order = (id: string) => db.prepare('SELECT pack_state, delivered_at FROM orders WHERE id = ?').get(id) as { pack_state: string; delivered_at: string | null };
  return { db, appliers, apply, parcel, events, order };
}

const update = (over: Partial<Update>): Update => ({
  id: `u-${++seq}`, carrierCode: 'YTO', trackingNo: NO, source: 'kuaidi100', state: 'in-transit', events: [], destCity: '', reportedCarrier: null,
  at: '2026-11-27T08:00:00.000Z', ...over,
});
const at = (hour: number) => new Date(Date.UTC(2026, 10, 27, hour)).toISOString();

describe('the tracking.updated applier', () => {
  it('an older update that arrives later rolls nothing back; events are kept once per time and text', () => {
    const s = station();
    const picked = { at: at(1), state: 'accepted' as const, text: '快件已揽收', city: '杭州市' };
    const signed = { at: at(9), state: 'delivered' as const, text: '已签收，签收人：本人', city: '上海市' };
    s.apply(update({ at: at(10), state: 'delivered', events: [signed, picked], destCity: '上海市' }));
    s.apply(update({ at: at(5), state: 'in-transit', events: [picked, { at: at(4), state: 'in-transit', text: '到达杭州转运中心', city: '杭州市' }] }));
    expect(s.parcel()).toMatchObject({ state: 'delivered', dest_city: '上海市', accepted_at: at(1), last_event_at: at(9), delivered_at: at(9), updated_at: at(10) });
    expect(s.events()).toHaveLength(3);
  });

  it('the newest update may say returned or problem after any point; a later move takes the parcel on again', () => {
    const s = station();
    s.apply(update({ at: at(2), state: 'out-for-delivery' }));
    s.apply(update({ at: at(3), state: 'problem' }));
    expect(s.parcel()).toMatchObject({ state: 'problem' });
    s.apply(update({ at: at(4), state: 'in-transit' }));
    // Back on its way: the furthest it got (out for delivery) stands.
    expect(s.parcel()).toMatchObject({ state: 'out-for-delivery', reported_carrier: null });
    s.apply(update({ at: at(5), state: 'returned', reportedCarrier: 'ZTO' }));
    expect(s.parcel()).toMatchObject({ state: 'returned', reported_carrier: 'ZTO', delivered_at: null });
  });

  it('delivered closes the order once every live parcel of it is delivered; a new parcel opens it again', () => {
    const s = station();
    const meta = pulled;
    s.db.transaction(() => {
      s.appliers['order.imported'].apply(orderPayload('700001'), meta());
      for (const [id, no, n] of [['sh-1', 'YT7400000000011', 1], ['sh-2', 'YT7400000000012', 2]] as const) {
        s.appliers['shipment.created'].apply({
          id, orderId: 'taobao:700001', orderExternalId: '700001', carrierCode: 'YTO', trackingNo: no, parcelNo: n, parcelCount: 2, partial: false,
          at: at(0), weightG: null, packerId: 'u-1', groupId: 'sh-1', reship: null,
        }, meta());
      }
    })();
    expect(s.order('taobao:700001')).toEqual({ pack_state: 'shipped', delivered_at: null });
    s.apply(update({ trackingNo: 'YT7400000000011', state: 'delivered', at: at(8) }));
    expect(s.order('taobao:700001').delivered_at).toBeNull();
    s.apply(update({ trackingNo: 'YT7400000000012', state: 'delivered', at: at(9), events: [{ at: at(7), state: 'delivered', text: '已签收', city: '' }] }));
    expect(s.order('taobao:700001')).toEqual({ pack_state: 'shipped', delivered_at: at(8) });
    // A third parcel (a reship) not yet delivered: the order is on its way again.
    s.db.transaction(() => s.appliers['shipment.created'].apply({
      id: 'sh-3', orderId: 'taobao:700001', orderExternalId: '700001', carrierCode: 'YTO', trackingNo: 'YT7400000000013', parcelNo: 1, parcelCount: 1,
      partial: false, at: at(10), weightG: null, packerId: 'u-1', groupId: 'sh-3', reship: null,
    }, meta()))();
    expect(s.order('taobao:700001').delivered_at).toBeNull();
  });

  it('any order of the same updates, each maybe twice, leaves the same parcel and trace', () => {
    const event = fc.record({
      at: fc.integer({ min: 0, max: 12 }).map(at),
      state: fc.constantFrom(...trackingStates),
      text: fc.constantFrom('已揽收', '运输中', '派送中', '已签收', '退回', '问题件'),
      city: fc.constantFrom('', '杭州市', '上海市'),
    });
    const anUpdate = fc.record({
      at: fc.integer({ min: 0, max: 12 }).map(at),
      state: fc.option(fc.constantFrom(...trackingStates), { nil: null }),
      source: fc.constantFrom(...trackingSources),
      events: fc.array(event, { maxLength: 5 }),
      destCity: fc.constantFrom('', '上海市', '北京市'),
      reportedCarrier: fc.constantFrom(null, 'ZTO'),
    }).map((u) => update(u));
    fc.assert(
      fc.property(fc.array(anUpdate, { minLength: 1, maxLength: 8 }).chain((us) => fc.tuple(fc.constant(us), fc.shuffledSubarray(us, { minLength: us.length, maxLength: us.length }))), ([inOrder, shuffled]) => {
        const a = station();
        const b = station();
        for (const u of inOrder) a.apply(u);
        for (const u of [...shuffled, ...shuffled.slice(0, 2)]) b.apply(u);
        expect(b.parcel()).toEqual(a.parcel());
        expect(b.events()).toEqual(a.events());
        a.db.close();
        b.db.close();
      }),
      { numRuns: 150 },
    );
  });
});
