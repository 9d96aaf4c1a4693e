import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { createTempHost } from '../../../test/host/temp-host';
import { hostCaller } from '../../../test/host/host-client';

/** Beijing wall clock → UTC ISO. */
const bj = (s: string) => new Date(Date.parse(`${s}+08:00`)).toISOString();

/**
 * The guard on a station whose orders are written straight into the tables (test setup), read
 * through the RPCs the top bar, the bench and the Orders screen call, at fixed instants on both
 * sides of the 16:00 pickup and of Beijing midnight (16:00 UTC).
 */
describe('the late-shipping guard', () => {
  let host: ReturnType<typeof createTempHost>;
  let call: ReturnType<typeof hostCaller>;
  const at = (iso: string) => vi.setSystemTime(new Date(iso));

  const order = (id: string, deadline: string, state: 'open' | 'shipped' = 'open', blocked: string | null = null) =>
    host.context.db.prepare(`INSERT INTO orders (id, platform, external_id, platform_status, buyer_nick, receiver_name, receiver_mobile, receiver_phone,
      province, city, district, address_detail, zip, buyer_message, seller_memo, ship_deadline, carrier_name, tracking_no, pack_state, blocked_reason,
      content_hash, imported_at, updated_at) VALUES (@id, 'taobao', @ext, 'WAIT_SELLER_SEND_GOODS', 'b', 'r', '', '', '', '', '', '', '', '', '', @deadline, '', '',
      @state, @blocked, 'h', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`).run({ id: `taobao:${id}`, ext: id, deadline, state, blocked });
  const parcel = (id: string, orderId: string, createdAt: string, handedOverAt: string | null) =>
    host.context.db.prepare(`INSERT INTO shipments (id, order_id, carrier_code, tracking_no, parcel_no, parcel_count, created_at, handed_over_at)
      VALUES (?, ?, 'YTO', ?, 1, 1, ?, ?)`).run(id, `taobao:${orderId}`, id, createdAt, handedOverAt);

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(bj('2026-03-10T09:00:00'));
    host = createTempHost();
    call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('inbox.saveSettings', { deadlineRiskHours: 6, poolLowFree: 300, pickupTime: '16:00', noPickupHours: 24, stalledHours: 48 });
    order('1000001', bj('2026-03-10T15:00:00')); // A
    order('1000002', bj('2026-03-10T15:50:00')); // B
    order('1000003', bj('2026-03-11T10:00:00')); // C: tomorrow morning, before tomorrow's pickup
    order('1000004', bj('2026-03-11T17:00:00')); // D: after tomorrow's pickup
    order('1000005', bj('2026-03-09T10:00:00'), 'open', JSON.stringify(msg('blocked.reasons.TRADE_CLOSED'))); // must not leave at all
    order('1000006', bj('2026-03-10T12:00:00'), 'shipped'); // left
    order('1000007', bj('2026-03-10T21:00:00')); // G: tonight
  });
  afterEach(() => {
    host.close();
    vi.useRealTimers();
  });

  const ids = async (state: 'at-risk' | 'pickup') => (await call('orders.list', { state })).orders.map((o) => o.externalId);

  it('at 15:30, before the pickup: late, at risk and what must go with today\'s 16:00 courier, earliest deadline first', async () => {
    at(bj('2026-03-10T15:30:00'));
    const s = await call('guard.summary', {});
    expect(s).toMatchObject({ pickupAt: bj('2026-03-10T16:00:00'), late: 1, atRisk: 3, missesPickup: 2, beforePickup: 4, awaitingHandover: 0 });
    expect(s.soonest.map((o) => o.externalId)).toEqual(['1000001', '1000002', '1000007', '1000003']);
    expect(await ids('at-risk')).toEqual(['1000001', '1000002', '1000007']);
    expect(await ids('pickup')).toEqual(['1000001', '1000002', '1000007', '1000003']);
  });

  it('at 16:01 the courier has gone: tomorrow\'s pickup counts, and tomorrow-evening orders join the list', async () => {
    at(bj('2026-03-10T16:01:00'));
    const s = await call('guard.summary', {});
    expect(s).toMatchObject({ pickupAt: bj('2026-03-11T16:00:00'), late: 2, missesPickup: 4, beforePickup: 5 });
    expect(await ids('pickup')).toEqual(['1000001', '1000002', '1000007', '1000003', '1000004']);
  });

  it('at 00:30 Beijing (still the 10th in UTC) the pickup is the 11th\'s at 16:00, and tonight\'s order is late', async () => {
    at('2026-03-10T16:30:00.000Z');
    const s = await call('guard.summary', {});
    expect(s).toMatchObject({ pickupAt: '2026-03-11T08:00:00.000Z', followingPickupAt: '2026-03-12T08:00:00.000Z', late: 3 });
  });

  it('once the shop hands over, a packed order whose parcel is still here must go with the courier too', async () => {
    at(bj('2026-03-10T15:30:00'));
    order('1000008', bj('2026-03-11T09:00:00'), 'shipped');
    parcel('YT8', '1000008', bj('2026-03-10T11:00:00'), null);
    expect((await call('guard.summary', {})).awaitingHandover).toBe(0); // no handover ever: it left when printed
    parcel('YT6', '1000006', bj('2026-03-10T10:00:00'), bj('2026-03-10T10:30:00'));
    expect((await call('guard.summary', {})).awaitingHandover).toBe(1);
    host.context.db.prepare('UPDATE shipments SET handed_over_at = ? WHERE id = ?').run(bj('2026-03-10T15:20:00'), 'YT8');
    expect((await call('guard.summary', {})).awaitingHandover).toBe(0);
  });

  it('a new pickup time moves the list at once (the inbox settings, the same at every bench)', async () => {
    at(bj('2026-03-10T15:30:00'));
    await call('inbox.saveSettings', { deadlineRiskHours: 6, poolLowFree: 300, pickupTime: '15:00', noPickupHours: 24, stalledHours: 48 });
    expect(await call('guard.summary', {})).toMatchObject({ pickupAt: bj('2026-03-11T15:00:00'), beforePickup: 5 });
  });

  it('refuses anything but an empty object, and the orders list any unknown state (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { minKeys: 1, maxKeys: 3 }), async (junk) => {
        await expect(call('guard.summary', junk as Record<string, never>)).rejects.toBeInstanceOf(AppError);
      }),
      { numRuns: 30 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }).filter((s) => !['all', 'open', 'shipped', 'blocked', 'late', 'at-risk', 'pickup'].includes(s)), async (state) => {
        await expect(call('orders.list', { state } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      }),
      { numRuns: 30 },
    );
  });
});
