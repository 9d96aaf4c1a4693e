import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost } from '../../electron/host/create-host';
import { hostCaller } from '../host/host-client';
import { figure, ms, percentile, type Figure } from './stats';

/**
 * The courier's pickup at a busy shop: 2,000 printed YTO parcels awaiting a handover, every one
 * scanned in. Each scan answers with the handover as it stands (counts and the lists the screen
 * shows), so this is what the packer waits for between two parcels. Floor: the station's lightest
 * RPC (session.current), the same round trip with nothing to do.
 */
export async function benchHandover(parcels = 2000): Promise<Figure[]> {
  const host = createHost({ dataDir: mkdtempSync(join(tmpdir(), 'packdesk-bench-handover-')), validateOutput: false, resourcesDir: join(process.cwd(), 'resources') });
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  const db = host.context.db;
  const now = new Date().toISOString();
  // The parcels as the bench leaves them after printing (built with SQL through the real schema: the bench's own path is benched elsewhere).
  const order = db.prepare(`INSERT INTO orders (id, platform, external_id, platform_status, buyer_nick, receiver_name, receiver_mobile, receiver_phone,
    province, city, district, address_detail, zip, buyer_message, seller_memo, carrier_name, tracking_no, pack_state, content_hash, imported_at, updated_at)
    VALUES (?, 'taobao', ?, 'WAIT_SELLER_SEND_GOODS', 'buyer', '张三', '13800000000', '', '浙江省', '杭州市', '余杭区', '文一西路969号', '', '', '', '', '', 'shipped', 'x', ?, ?)`);
  const shipment = db.prepare(`INSERT INTO shipments (id, order_id, carrier_code, tracking_no, parcel_no, parcel_count, created_at, printed_at, print_count)
    VALUES (?, ?, 'YTO', ?, 1, 1, ?, ?, 1)`);
  const numbers: string[] = [];
  db.transaction(() => {
    for (let i = 1; i <= parcels; i++) {
      const ext = `5${String(i).padStart(17, '0')}`;
      const no = `YT74${String(i).padStart(11, '0')}`;
      order.run(`taobao:${ext}`, ext, now, now);
      shipment.run(`bench-sh-${i}`, `taobao:${ext}`, no, now, now);
      numbers.push(no);
    }
  })();

  const handover = await call('handover.open', { carrierCode: 'YTO' });
  const times: number[] = [];
  for (const code of numbers) {
    const t = process.hrtime.bigint();
    await call('handover.scan', { handoverId: handover.id, code });
    times.push(ms(t));
  }
  const floor: number[] = [];
  for (let i = 0; i < parcels; i++) {
    const t = process.hrtime.bigint();
    await call('session.current', {});
    floor.push(ms(t));
  }
  host.close();
  return [
    figure({
      path: `handover scan → answer, p95, ${parcels} parcels at one pickup`, value: percentile(times, 95), unit: 'ms', budget: '≤ 50 ms (a scan answer, DESIGN §12)',
      floor: { name: 'session.current round trip', value: percentile(floor, 95) }, note: `p50 ${percentile(times, 50).toFixed(2)} ms, max ${Math.max(...times).toFixed(1)} ms`,
    }),
  ];
}
