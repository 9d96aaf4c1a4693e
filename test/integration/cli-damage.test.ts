import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { barcodeOf, hostCaller } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';
import { readPdf } from '../helpers/poppler';

const CLI = 'out/main/cli.js';

/** Runs the built `packdesk` command against a data folder, in English. */
function packdesk(dataDir: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--lang', 'en'], { encoding: 'utf8', cwd: process.cwd() });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('packdesk damage decide | evidence and packdesk claims', () => {
  let dataDir: string;
  let delivered: string;
  let shelf: string;
  let tooMany: string;
  let trackingNo: string;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dataDir = mkdtempSync(join(tmpdir(), 'packdesk-cli-damage-'));
    // The shop as a bench left it: a parcel shipped, two damage reports filed, a supervisor and a packer.
    const { host, generated } = await stationWithOrders(10, { dataDir });
    const call = hostCaller(host);
    await call('users.save', { name: '王主管', role: 'supervisor', pin: '4321' });
    await call('users.save', { name: '小李', role: 'packer', pin: '1111' });
    const order = generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    const done = await call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
    trackingNo = done.shipment!.trackingNo;
    await host.context.labels.idle();
    delivered = (await call('damage.report', { orderRef: trackingNo, skuCode: order.lines[0]!.skuCode!, qty: 1, reason: 'broken', source: 'delivered', note: '' })).id;
    shelf = (await call('damage.report', { orderRef: null, skuCode: 'SKU-0002', qty: 3, reason: 'leaking', note: '' })).id;
    // More than the shelf holds (100 of each SKU).
    tooMany = (await call('damage.report', { orderRef: null, skuCode: 'SKU-0003', qty: 101, reason: 'broken', note: '' })).id;
    await call('session.logout', {});
    host.close();
  }, 60_000);

  it('a supervisor decides a claim with its amount typed in 元, the carrier and number taken from the parcel', () => {
    const tooPrecise = packdesk(dataDir, ['damage', 'decide', delivered, '--decision', 'claim', '--amount', '12.505', '--as', '王主管', '--pin', '4321']);
    expect(tooPrecise.code).toBe(1);
    expect(tooPrecise.err).toContain('More precise than a fen');
    // Nothing claimed is said as the screen says it; full-width digits read as the screen reads them.
    const zero = packdesk(dataDir, ['damage', 'decide', delivered, '--decision', 'claim', '--amount', '0', '--as', '王主管', '--pin', '4321']);
    expect([zero.code, zero.err.trim()]).toEqual([1, 'packdesk damage: The amount must be more than 0']);
    // A negative amount is read as the amount (Node's parser took "-3" for an option and said --amount had no value).
    const negative = packdesk(dataDir, ['damage', 'decide', delivered, '--decision', 'claim', '--amount', '-3', '--as', '王主管', '--pin', '4321']);
    expect([negative.code, negative.err.trim()]).toEqual([1, 'packdesk damage: The amount must be more than 0']);
    const decided = packdesk(dataDir, ['damage', 'decide', delivered, '--decision', 'claim', '--amount', '１２.５０', '--note', 'box crushed', '--as', '王主管', '--pin', '4321']);
    expect(decided.err).toBe('');
    expect(decided.out).toContain(`Report ${delivered}: Carrier claim`);
    expect(decided.out).toMatch(/move no stock \(\d+ × \S+ on the shelf now\)/);
    const claims = JSON.parse(packdesk(dataDir, ['claims', '--json']).out) as { id: string; amountFen: number; carrierCode: string; trackingNo: string; status: string }[];
    expect(claims).toEqual([expect.objectContaining({ id: delivered, amountFen: 1250, carrierCode: 'YTO', trackingNo, status: 'filed' })]);
    // Who filed it, as a script reads them: plain text in the reader's language (the factory admin's name too).
    const reports = JSON.parse(packdesk(dataDir, ['damage', 'list', '--json']).out) as { id: string; reportedBy: unknown }[];
    expect(reports.find((r) => r.id === delivered)).toMatchObject({ reportedBy: 'Admin' });
  });

  it('the carrier’s answer is settled from the command line, and the listing shows it', () => {
    expect(packdesk(dataDir, ['claims', 'settle', delivered, '--paid', '10', '--rejected', '--as', '王主管', '--pin', '4321']).code).toBe(1);
    const settled = packdesk(dataDir, ['claims', 'settle', delivered, '--paid', '10', '--as', '王主管', '--pin', '4321']);
    expect(settled.out).toContain(`Claim on ${trackingNo}: Paid`);
    const listed = packdesk(dataDir, ['claims']).out.trim().split('\n');
    expect(listed).toHaveLength(1);
    expect(listed[0]!.split('\t')).toEqual(expect.arrayContaining([delivered, 'YTO', trackingNo, '12.50 → 10.00', 'Paid']));
    // The report's line says the decision in words and when in Beijing time, not a code and a UTC stamp.
    const line = packdesk(dataDir, ['damage', 'list']).out.split('\n').find((l) => l.includes(delivered))!;
    expect(line).toContain('Carrier claim');
    expect(line).not.toMatch(/\dT\d\d:\d\d|Z\b/);
    expect(line).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
  });

  it('a write-off moves the stock and says so; a packer’s PIN is refused, and --as must be whose PIN it is', () => {
    const packer = packdesk(dataDir, ['damage', 'decide', shelf, '--decision', 'write-off', '--pin', '1111']);
    expect(packer.code).toBe(1);
    expect(packer.err).toBe("packdesk damage: Needs a supervisor's or admin's PIN (add --pin PIN)\n");
    const mismatch = packdesk(dataDir, ['damage', 'decide', shelf, '--decision', 'write-off', '--as', '王主管', '--pin', '1111']);
    expect(mismatch.code).toBe(1);
    expect(mismatch.err).toContain("That PIN is not 王主管's");
    const written = packdesk(dataDir, ['damage', 'decide', shelf, '--decision', 'write-off', '--as', '王主管', '--pin', '4321']);
    // Changes, signed, then the shelf as it stands: not levels that read like stock.
    expect(written.out).toContain('All decisions on this report together: SKU-0002 shelf -3, damaged +3; 97 on the shelf now');
    // The supervisor's PIN did not leave them logged in at the bench: a decision without one is refused.
    const after = packdesk(dataDir, ['damage', 'decide', shelf, '--decision', 'restock']);
    expect(after.code).toBe(1);
    expect(after.err).toBe('packdesk damage: Nobody is logged in at this station (add --pin PIN)\n');
  });

  it('a write-off that takes the shelf below zero is refused, saying so, and booked with --confirm', () => {
    const refused = packdesk(dataDir, ['damage', 'decide', tooMany, '--decision', 'write-off', '--as', '王主管', '--pin', '4321']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('This leaves -1 of SKU-0003 on the shelf (now 100), below zero.');
    const confirmed = packdesk(dataDir, ['damage', 'decide', tooMany, '--decision', 'write-off', '--confirm', '--as', '王主管', '--pin', '4321']);
    expect(confirmed.err).toBe('');
    expect(confirmed.out).toContain('All decisions on this report together: SKU-0003 shelf -101, damaged +101; -1 on the shelf now');
  });

  it('writes the evidence PDF for the carrier', () => {
    const out = join(dataDir, 'evidence.pdf');
    const written = packdesk(dataDir, ['damage', 'evidence', delivered, '--out', out]);
    expect(written.out).toContain(out);
    const { text } = readPdf(readFileSync(out));
    expect(text).toContain(trackingNo);
    expect(text).toContain('¥12.50');
    expect(text).toContain('已赔付');
  });
});
