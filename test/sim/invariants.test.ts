import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationRole } from '#shared/contract/hub.contract';
import { fixtures } from '../helpers/op-fixtures';
import { checkInvariants, type Finding } from './invariants';
import { createSimWorld, type SimWorld } from './sim-world';

/**
 * The checks can fail: one quiet shop is built, found clean, then corrupted one way at a time (and
 * put back). Each corruption must be reported under the invariant it breaks.
 */
let world: SimWorld;
let hubWrite: Database.Database;
const quiet = { quiet: true, rounds: 1 };

beforeAll(async () => {
  world = await createSimWorld({ seed: 4242, roles: ['supervisor', 'packer'] });
  const [a, b] = world.stations;
  const order = world.orderIds[0]!;
  await world.run('a packs', () => a!.packOrder(order, 99));
  await world.run('b packs the same order before either syncs', () => b!.packOrder(order, 99));
  await world.run('a reports damage', () => a!.reportDamage(world.skus[0]!, 1));
  await world.run('a decides it', () => a!.decideDamage(0, 'write-off'));
  await world.run('b records a newer op', () => b!.injectRawOp('future', 'future.op', 1, { id: 'f' }));
  await world.run("b, a packer's bench, forges a reopen", () => b!.injectRawOp('forged', 'order.reopened', 1, { orderId: order, reason: 'a packer tries' }));
  const quiescence = await world.quiesce();
  expect(await checkInvariants(world, quiescence)).toEqual([]);
  hubWrite = new Database(join(world.hubDir, 'hub.db'));
}, 60_000);

afterAll(async () => {
  hubWrite?.close();
  await world?.close();
});

const invariantsOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.invariant))].sort((x, y) => x - y);

/** Corrupts, checks, puts back, and checks the shop is clean again. */
type Undo = () => unknown;
async function corrupted(corrupt: () => Undo | Promise<Undo>, seen?: (findings: Finding[]) => void): Promise<number[]> {
  const undo = await corrupt();
  let found: Finding[];
  try {
    found = await checkInvariants(world, quiet);
    seen?.(found);
  } finally {
    await undo();
  }
  expect(await checkInvariants(world, quiet), 'the shop is clean again once the corruption is undone').toEqual([]);
  return invariantsOf(found);
}

const station = (i: number) => world.stations[i]!;
const firstOp = (type: string) => hubWrite.prepare("SELECT * FROM hub_log WHERE type = ? AND station_id != 'hub' ORDER BY hub_seq LIMIT 1").get(type) as Record<string, unknown>;
const reinsert = (row: Record<string, unknown>) => () =>
  void hubWrite.prepare(`INSERT INTO hub_log (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((k) => `@${k}`).join(', ')})`).run(row);

describe('every invariant check catches a deliberately corrupted state', () => {
  it('1/4: an op missing from the hub log', async () => {
    const found = await corrupted(() => {
      const row = firstOp('stock.delta');
      hubWrite.prepare('DELETE FROM hub_log WHERE hub_seq = ?').run(row['hub_seq']);
      return reinsert(row);
    });
    expect(found).toEqual(expect.arrayContaining([1, 3, 4]));
  });

  it('2: two deliveries of one push answered differently', async () => {
    const found = await corrupted(() => {
      const seen = station(0).link.observations;
      const last = seen.at(-1)!;
      seen.push({ ...last, hubSeq: (last.hubSeq ?? 0) + 1 });
      return () => void seen.pop();
    });
    expect(found).toContain(2);
  });

  it('5: a gap in a station\'s outbox', async () => {
    const found = await corrupted(() => {
      const db = station(1).db;
      const max = db.prepare('SELECT max(station_seq) FROM outbox').pluck().get() as number;
      db.prepare('UPDATE outbox SET station_seq = ? WHERE station_seq = ?').run(max + 5, max);
      return () => void db.prepare('UPDATE outbox SET station_seq = ? WHERE station_seq = ?').run(max, max + 5);
    });
    expect(found).toContain(5);
  });

  it('6/12: the claim.conflict flag is missing', async () => {
    const found = await corrupted(() => {
      const row = hubWrite.prepare("SELECT * FROM hub_log WHERE type = 'flag.raised' AND json_extract(payload, '$.kind') = 'claim.conflict'").get() as Record<string, unknown>;
      hubWrite.prepare('DELETE FROM hub_log WHERE hub_seq = ?').run(row['hub_seq']);
      return reinsert(row);
    });
    expect(found).toEqual(expect.arrayContaining([6, 12]));
  });

  it('7: a shipment missing at a station', async () => {
    const found = await corrupted(() => {
      const db = station(1).db;
      const row = db.prepare('SELECT * FROM shipments WHERE station_id IS NOT NULL LIMIT 1').get() as Record<string, unknown>;
      db.pragma('foreign_keys = OFF');
      db.prepare('DELETE FROM shipments WHERE id = ?').run(row['id']);
      return () => {
        db.prepare(`INSERT INTO shipments (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((k) => `@${k}`).join(', ')})`).run(row);
        db.pragma('foreign_keys = ON');
      };
    });
    expect(found).toEqual(expect.arrayContaining([7, 12]));
  });

  it('8/12: a station\'s stock that does not add up', async () => {
    const found = await corrupted(() => {
      const db = station(0).db;
      db.prepare('UPDATE stock_ledger SET delta = delta + 1 WHERE rowid = 1').run();
      return () => void db.prepare('UPDATE stock_ledger SET delta = delta - 1 WHERE rowid = 1').run();
    });
    expect(found).toContain(12);
  });

  it('8: a hub balance that is not its ledger\'s sum', async () => {
    const found = await corrupted(() => {
      hubWrite.prepare('UPDATE hub_sku_balance SET balance = balance + 3 WHERE rowid = 1').run();
      return () => void hubWrite.prepare('UPDATE hub_sku_balance SET balance = balance - 3 WHERE rowid = 1').run();
    });
    expect(found).toEqual(expect.arrayContaining([8, 12]));
  });

  it('9: an order status that goes back at a station', async () => {
    const found = await corrupted(async () => {
      const db = station(0).db;
      const order = world.orderIds[0]!;
      const before = db.prepare('SELECT status_rank FROM orders WHERE id = ?').pluck().get(order) as number;
      db.prepare('UPDATE orders SET status_rank = 0 WHERE id = ?').run(order);
      await world.run('look again', () => '');
      return async () => {
        db.prepare('UPDATE orders SET status_rank = ? WHERE id = ?').run(before, order);
        world.violations.splice(0);
        await world.run('look again', () => '');
      };
    });
    expect(found).toContain(9);
  });

  it('10: a waybill number leased to two stations and used twice', async () => {
    const found = await corrupted(() => {
      const [id, allocation] = [...world.allocations][0]!;
      const holders = world.leasedTo.get(allocation.trackingNo)!;
      holders.add(1 - allocation.station);
      world.allocations.set('forged', { ...allocation, station: 1 - allocation.station });
      return () => {
        holders.delete(1 - allocation.station);
        world.allocations.delete('forged');
        expect(world.allocations.has(id)).toBe(true);
      };
    });
    expect(found).toContain(10);
  });

  it('11: a damage decision from a packer station', async () => {
    const found = await corrupted(() => {
      hubWrite.prepare('UPDATE hub_decisions SET station_id = ?').run(station(1).stationId);
      return () => void hubWrite.prepare('UPDATE hub_decisions SET station_id = ?').run(station(0).stationId);
    });
    expect(found).toContain(11);
  });

  it('12: stock that does not match the damage decision in force (a write-off that booked nothing, or the wrong movement)', async () => {
    let messages: string[] = [];
    const found = await corrupted(
      () => {
        const swap = (from: string, to: string) => hubWrite.prepare("UPDATE hub_log SET payload = replace(payload, ?, ?) WHERE type = 'damage.decided'").run(from, to);
        swap('"write-off"', '"restock"');
        return () => swap('"restock"', '"write-off"');
      },
      (f) => (messages = f.map((x) => x.message)),
    );
    expect(found).toContain(12);
    expect(messages.some((m) => /restock in force needs .*"sellable":0.*the ledger booked .*"sellable":-1/.test(m))).toBe(true);
  });

  it('12: the hub decided an order status the rules do not give', async () => {
    const found = await corrupted(() => {
      hubWrite.prepare('UPDATE hub_orders SET rank = rank + 1 WHERE order_id = ?').run(world.orderIds[0]);
      return () => void hubWrite.prepare('UPDATE hub_orders SET rank = rank - 1 WHERE order_id = ?').run(world.orderIds[0]);
    });
    expect(found).toContain(12);
  });

  it('12: the hub refused an op no rule refuses', async () => {
    // b, a packer's bench, sent a reopen: the hub refused it.
    const db = station(1).db;
    const seq = hubWrite.prepare("SELECT station_seq FROM hub_rejected WHERE station_id = ? AND type = 'order.reopened'").pluck().get(station(1).stationId) as number;
    expect(seq).toBeGreaterThan(0);
    let messages: string[] = [];
    const found = await corrupted(() => {
      const sent = db.prepare('SELECT type, payload FROM outbox WHERE station_seq = ?').get(seq) as { type: string; payload: string };
      db.prepare("UPDATE outbox SET type = 'scan.recorded', payload = ? WHERE station_seq = ?").run(JSON.stringify(fixtures['scan.recorded']()), seq);
      return () => db.prepare('UPDATE outbox SET type = ?, payload = ? WHERE station_seq = ?').run(sent.type, sent.payload, seq);
    }, (f) => (messages = f.map((x) => x.message)));
    expect(found).toEqual([12]);
    expect(messages.join('\n')).toContain('the hub refused it, but no rule refuses it');
  });

  it('11/12: ops in the log the rules refuse (a supervisor\'s ops from a packer\'s bench)', async () => {
    const s0 = station(0) as { role: StationRole };
    const found = await corrupted(() => {
      s0.role = 'packer';
      return () => (s0.role = 'supervisor');
    });
    expect(found).toEqual([11, 12]);
  });

  it('17: a push that refused an op raised no flag, or two', async () => {
    const flag = hubWrite.prepare("SELECT * FROM hub_log WHERE type = 'flag.raised' AND json_extract(payload, '$.kind') = 'op.rejected' AND json_extract(payload, '$.stationIds[0]') = ?").get(station(1).stationId) as Record<string, unknown>;
    const missing = await corrupted(() => {
      hubWrite.prepare('DELETE FROM hub_log WHERE hub_seq = ?').run(flag['hub_seq']);
      return reinsert(flag);
    });
    expect(missing).toContain(17);
    const twice = await corrupted(() => {
      const hubSeq = (hubWrite.prepare('SELECT max(hub_seq) FROM hub_log').pluck().get() as number) + 1;
      reinsert({ ...flag, hub_seq: hubSeq, op_id: 'second-flag', payload: (flag['payload'] as string).replace(/"flagId":"[^"]+"/, '"flagId":"second-flag"') })();
      return () => hubWrite.prepare('DELETE FROM hub_log WHERE hub_seq = ?').run(hubSeq);
    });
    expect(twice).toContain(17);
  });

  it('19: a station whose pull stopped short of the head, or that kept an entry it could not apply', async () => {
    const db = station(1).db;
    const cursor = world.cursorOf(station(1));
    const setCursor = (n: number) => db.prepare("UPDATE meta SET value = ? WHERE key = 'sync.cursor'").run(String(n));
    expect(await corrupted(() => (setCursor(cursor - 1), () => setCursor(cursor)))).toEqual([19]);
    const kept = await corrupted(() => {
      db.prepare("INSERT INTO pending_unknown (hub_seq, entry, waiting_for, reason) VALUES (999999, '{}', 'unapplicable', 'sim')").run();
      return () => db.prepare('DELETE FROM pending_unknown WHERE hub_seq = 999999').run();
    });
    expect(kept).toEqual([19]);
  });

  it('20: log entries that fail their own schema', async () => {
    const scan = firstOp('scan.recorded');
    const payload = (hubSeq: unknown, text: string) => hubWrite.prepare('UPDATE hub_log SET payload = ? WHERE hub_seq = ?').run(text, hubSeq);
    const stationEntry = await corrupted(() => {
      payload(scan['hub_seq'], JSON.stringify({ ...(JSON.parse(scan['payload'] as string) as object), code: 'a\u0000b' }));
      return () => payload(scan['hub_seq'], scan['payload'] as string);
    });
    expect(stationEntry).toContain(20);
    const flag = hubWrite.prepare("SELECT hub_seq, payload FROM hub_log WHERE type = 'flag.raised' LIMIT 1").get() as Record<string, unknown>;
    const hubEntry = await corrupted(() => {
      payload(flag['hub_seq'], (flag['payload'] as string).replace(/"kind":"[^"]+"/, '"kind":"made.up"'));
      return () => payload(flag['hub_seq'], flag['payload'] as string);
    });
    expect(hubEntry).toContain(20);
  });

  it('14: a station that dropped a newer op instead of keeping it', async () => {
    const found = await corrupted(() => {
      const db = station(0).db;
      const rows = db.prepare("SELECT * FROM pending_unknown WHERE waiting_for = 'upgrade'").all() as Record<string, unknown>[];
      db.prepare('DELETE FROM pending_unknown').run();
      return () => {
        for (const r of rows) db.prepare('INSERT INTO pending_unknown (hub_seq, entry, waiting_for) VALUES (@hub_seq, @entry, @waiting_for)').run(r);
      };
    });
    expect(found).toContain(14);
  });

  it('16/18: no quiescence, and an oversized push', async () => {
    expect(invariantsOf(await checkInvariants(world, { quiet: false, rounds: 8 }))).toEqual([16]);
    const found = await corrupted(() => {
      station(1).link.stats.refusals.push({ status: 413, path: '/sync/push', message: 'too large' });
      return () => void station(1).link.stats.refusals.pop();
    });
    expect(found).toEqual([18]);
  });
});
