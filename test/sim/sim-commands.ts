import fc from 'fast-check';
import type { StationRole } from '#shared/contract/hub.contract';
import type { FaultKind } from './faulty-network';
import { attack, attacks } from './sim-byzantine';
import type { InjectedKind, SimDecision } from './sim-station';
import { SHOP_USERS, type SimWorld, type WorldConfig } from './sim-world';

/**
 * The simulator's commands: user actions at a bench, sync rounds, and faults. Every choice is a
 * plain number drawn by fast-check (station, order, SKU, which fault), resolved against the world
 * only when the command runs, so a failing sequence shrinks to the few commands that matter.
 * In labels, "s7" is station 7 modulo the shop's size and "supervisor 3" the 3rd supervisor modulo
 * their number; the trace line after each command says what it did.
 */
type Exec = (w: SimWorld) => Promise<string> | string;

export class SimCommand implements fc.AsyncCommand<object, SimWorld> {
  constructor(
    readonly label: string,
    readonly exec: Exec,
  ) {}
  check(): boolean {
    return true;
  }
  async run(_model: object, world: SimWorld): Promise<void> {
    await world.run(this.label, () => this.exec(world));
  }
  toString(): string {
    return this.label;
  }
}

const DAY = 86_400_000;
const station = fc.nat(7);
const order = fc.nat(31);
const sku = fc.nat(9);

const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const sim = (label: string, exec: Exec) => new SimCommand(label, exec);
/** The i-th station of a role (supervisor work goes to a supervisor's PC, as in a shop). */
const ofRole = (w: SimWorld, role: 'supervisor' | 'packer', i: number) => {
  const list = w.stations.filter((s) => (role === 'supervisor' ? s.role !== 'packer' : s.role === 'packer'));
  return list.length > 0 ? at(list, i) : null;
};
const upOf = <T extends { up: boolean }>(s: T | null): T | null => (s?.up ? s : null);
const up = (w: SimWorld, i: number) => {
  const s = at(w.stations, i);
  return s.up ? s : null;
};

const userCommands = [
  fc.tuple(station, order, fc.oneof(fc.constant(99), fc.integer({ min: 1, max: 3 }))).map(([s, o, items]) =>
    sim(`s${s} packs order #${o} (${items === 99 ? 'all' : items} items)`, (w) => up(w, s)?.packOrder(at(w.orderIds, o), items) ?? 'down'),
  ),
  fc.tuple(station, order).map(([s, o]) => sim(`s${s} claims order #${o} and puts it back`, (w) => up(w, s)?.claimAndPutBack(at(w.orderIds, o)) ?? 'down')),
  fc.tuple(station, sku, fc.integer({ min: -6, max: 12 }).filter((d) => d !== 0)).map(([s, k, d]) =>
    sim(`s${s} adjusts sku #${k} by ${d}`, (w) => up(w, s)?.adjustStock(at(w.skus, k), d) ?? 'down'),
  ),
  fc.tuple(station, sku, fc.nat(45)).map(([s, k, n]) => sim(`s${s} counts sku #${k} = ${n}`, (w) => up(w, s)?.countStock(at(w.skus, k), n) ?? 'down')),
  fc.tuple(station, fc.nat(20)).map(([s, p]) => sim(`s${s} voids live shipment #${p}`, (w) => up(w, s)?.voidShipment(p) ?? 'down')),
  fc.tuple(station, order).map(([s, o]) => sim(`supervisor ${s} reopens order #${o}`, (w) => upOf(ofRole(w, 'supervisor', s))?.reopenOrder(at(w.orderIds, o)) ?? 'none')),
  fc.tuple(station, sku, fc.integer({ min: 1, max: 3 })).map(([s, k, q]) => sim(`s${s} reports ${q} of sku #${k} damaged`, (w) => up(w, s)?.reportDamage(at(w.skus, k), q) ?? 'down')),
  fc.tuple(station, fc.nat(9), fc.constantFrom('write-off', 'restock', 'reject', 'refund') as fc.Arbitrary<SimDecision>).map(([s, p, d]) =>
    sim(`supervisor ${s} decides report #${p}: ${d}`, (w) => upOf(ofRole(w, 'supervisor', s))?.decideDamage(p, d) ?? 'none'),
  ),
  fc.tuple(station, fc.nat(9)).map(([s, p]) => sim(`supervisor ${s} resolves flag #${p}`, (w) => upOf(ofRole(w, 'supervisor', s))?.resolveFlag(p) ?? 'none')),
  fc.tuple(station, fc.constantFrom<RawKind>('future', 'old', 'poison', 'forged'), fc.nat(999)).map(([s, kind, n]) =>
    sim(`s${s} records a raw ${kind} op`, (w) => inject(w, s, kind, n)),
  ),
  // Who is at the bench decides what it may do: a packer's bench records a supervisor's act only with a shop supervisor's authority.
  fc.tuple(station, fc.constantFrom('bench admin', 'shop supervisor', 'shop packer')).map(([s, who]) =>
    sim(`s${s}: ${who} logs in`, (w) => {
      const bench = up(w, s);
      if (!bench) return 'down';
      return who === 'bench admin' ? bench.loginBenchAdmin() : bench.loginAs(who === 'shop supervisor' ? SHOP_USERS.supervisor : SHOP_USERS.packer);
    }),
  ),
  fc.tuple(station, fc.nat(20)).map(([s, p]) =>
    sim(`s${s} voids live shipment #${p} with the shop supervisor's PIN`, (w) => up(w, s)?.voidShipment(p, SHOP_USERS.supervisor) ?? 'down'),
  ),
];

type RawKind = Exclude<InjectedKind, 'byzantine'>;

/** The byzantine bench's attacks (sim-byzantine.ts); 'none' in a shop without one. */
const byzantineCommands = (restores: boolean) => [
  fc.tuple(fc.constantFrom(...attacks), fc.nat(9999)).map(([kind, n]) =>
    sim(`byzantine bench: ${kind} #${n}`, (w) => {
      const s = w.stations.find((x) => x.byzantine && x.up);
      // With restores, records are copied only from the part of the log every backup holds.
      const settled = restores ? Math.min(...w.backups.map((b) => b.dump.head)) : Number.MAX_SAFE_INTEGER;
      return s ? attack(w, s, kind, n, settled) : 'none';
    }),
  ),
];

/** Ops as another Packdesk version, or a tampered station, would have written them. */
function inject(w: SimWorld, i: number, kind: RawKind, n: number): string {
  // An old Packdesk's waybill import was a supervisor's act, as it is today.
  const s = kind === 'forged' ? upOf(ofRole(w, 'packer', i)) : kind === 'old' ? upOf(ofRole(w, 'supervisor', i)) : up(w, i);
  if (!s) return 'none';
  switch (kind) {
    case 'future':
      return s.injectRawOp(kind, 'future.op', 1, { id: `future-${n}`, note: 'from Packdesk 9' });
    case 'old':
      // waybill.pooled v1 (Packdesk 0.1) carried only the first and last number of a roll.
      return s.injectRawOp(kind, 'waybill.pooled', 1, { carrierCode: 'YTO', first: `OLD${n}A`, last: `OLD${n}B`, count: 2 });
    case 'poison':
      return s.injectRawOp(kind, 'stock.delta', 1, { id: `poison-${n}`, skuCode: 42, delta: 'lots' });
    case 'forged':
      return s.injectRawOp(kind, 'order.reopened', 1, { orderId: at(w.orderIds, n), reason: 'a packer tries' });
  }
}

const syncCommands = [
  station.map((s) => sim(`s${s} syncs`, (w) => up(w, s)?.sync() ?? 'down')),
];

const faultKind = fc.constantFrom<FaultKind>('drop-request', 'drop-response', 'duplicate');
const faultCommands = [
  station.map((s) => sim(`partition s${s}`, (w) => (at(w.stations, s).link.partition(), 'cut off'))),
  station.map((s) => sim(`heal s${s}`, (w) => (at(w.stations, s).link.heal(), 'back'))),
  fc.tuple(station, fc.array(faultKind, { minLength: 1, maxLength: 3 })).map(([s, faults]) =>
    sim(`s${s} link: next ${faults.join(', ')}`, (w) => (at(w.stations, s).link.arm(...faults), 'armed')),
  ),
  fc.tuple(station, fc.integer({ min: 1, max: 5 })).map(([s, tenths]) =>
    sim(`s${s} link flaky ${tenths * 10}%`, (w) => (at(w.stations, s).link.setFlaky(tenths / 10), 'flaky')),
  ),
  fc.tuple(station, fc.nat(30)).map(([s, p]) =>
    sim(`replay stale push #${p} of s${s}`, async (w) => `status ${(await at(w.stations, s).link.replayStale(p))?.status ?? 'none kept'}`),
  ),
  fc.tuple(station, fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined })).map(([s, mid]) =>
    sim(`s${s} crashes${mid === undefined ? '' : ` mid-round after ${mid} requests`} and restarts`, (w) => w.crashAndRestart(s % w.stations.length, mid)),
  ),
  fc.tuple(station, fc.integer({ min: -3 * DAY, max: 3 * DAY })).map(([s, ms]) =>
    sim(`s${s} clock set to ${(ms / 3_600_000).toFixed(1)} h off`, (w) => (at(w.stations, s).setSkew(ms), 'skewed')),
  ),
  fc.integer({ min: 1, max: 600 }).map((min) => sim(`time passes ${min} min`, (w) => (w.advance(min * 60_000), 'later'))),
  fc.constant(sim('hub backup', (w) => w.backupHub())),
  fc.nat(5).map((p) => sim(`hub restored from backup #${p}`, (w) => w.restoreHub(p))),
];

/** The command mix: mostly bench work and syncs, with faults often enough that most runs see several. */
export function simCommands(options: { maxCommands: number; restores: boolean; replayPath?: string }): fc.Arbitrary<Iterable<fc.AsyncCommand<object, SimWorld>>> {
  const weighted = [
    ...userCommands.map((arbitrary, i) => ({ arbitrary, weight: i === 0 ? 8 : i <= 3 ? 3 : i >= 7 ? 2 : 1 })),
    ...syncCommands.map((arbitrary) => ({ arbitrary, weight: 8 })),
    ...byzantineCommands(options.restores).map((arbitrary) => ({ arbitrary, weight: 3 })),
    ...faultCommands
      .filter((_, i) => options.restores || i < faultCommands.length - 2)
      .map((arbitrary, i) => ({ arbitrary, weight: i <= 2 ? 2 : 1 })),
  ];
  // replayPath: which commands of a shrunk sequence ran, printed with every counterexample (see sync-sim.test.ts).
  return fc.commands([fc.oneof(...weighted)], {
    maxCommands: options.maxCommands, size: 'max', ...(options.replayPath ? { replayPath: options.replayPath } : {}),
  });
}

/**
 * 2–4 stations: the first a supervisor's or an admin's (whose users are the shop's), the second a
 * packer's (byzantine in half the shops), the rest either.
 */
export const worldConfig: fc.Arbitrary<WorldConfig> = fc
  .tuple(
    fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom<StationRole>('supervisor', 'admin'),
    fc.array(fc.constantFrom<StationRole>('supervisor', 'packer'), { maxLength: 2 }), fc.boolean(),
  )
  .map(([seed, first, extra, byzantine]) => ({ seed, roles: [first, 'packer', ...extra] as StationRole[], ...(byzantine ? { byzantine: 1 } : {}) }));
