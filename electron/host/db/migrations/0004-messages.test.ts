import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { createOrdersRepo } from '../../orders/orders.repo';
import { migrate } from '../migrate';
import { openDatabase } from '../open-database';
import { migrations } from './index';

/** A station database as version 2 left it: block reasons stored as Chinese sentences. */
function stationAtVersion2() {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-0003-')), 'station.db'));
  migrate(db, migrations, 2);
  const order = db.prepare(`INSERT INTO orders (id, platform, external_id, platform_status, buyer_nick, receiver_name, receiver_mobile,
    receiver_phone, province, city, district, address_detail, zip, buyer_message, seller_memo, carrier_name, tracking_no, blocked_reason,
    content_hash, imported_at, updated_at) VALUES (?, 'taobao', ?, ?, '', '张三', '', '', '浙江省', '杭州市', '余杭区', '', '', '', '', '', '', ?, 'h', 't', 't')`);
  const line = db.prepare(`INSERT INTO order_lines (order_id, line_no, sku_code, title, qty, refund_status) VALUES (?, ?, 'SKU-1', 'T恤', 1, ?)`);
  order.run('taobao:1', '1', 'TRADE_CLOSED', '交易关闭，不能发货（TRADE_CLOSED）');
  line.run('taobao:1', 1, null);
  order.run('taobao:2', '2', 'WAIT_SELLER_SEND_GOODS', '有退款：退款中（REFUND）');
  line.run('taobao:2', 1, null);
  line.run('taobao:2', 2, '退款中');
  order.run('taobao:3', '3', 'WAIT_SELLER_SEND_GOODS', null);
  line.run('taobao:3', 1, null);
  return db;
}

describe('0004-messages: block reasons become catalog messages', () => {
  it('rewrites every stored sentence from the order\'s status and lines; open orders stay open', () => {
    const db = stationAtVersion2();
    migrate(db, migrations);
    const reasons = db.prepare('SELECT id, blocked_reason FROM orders ORDER BY id').all();
    expect(reasons).toEqual([
      { id: 'taobao:1', blocked_reason: JSON.stringify({ key: 'blocked.reasons.TRADE_CLOSED' }) },
      { id: 'taobao:2', blocked_reason: JSON.stringify({ key: 'blocked.refundPending', params: { refund: '退款中' } }) },
      { id: 'taobao:3', blocked_reason: null },
    ]);
    // What the bench then shows, in either language.
    const repo = createOrdersRepo(db);
    const refund = repo.get('taobao:2')!.blockedReason!;
    expect(createTranslator('zh-CN').t(refund)).toBe('有退款：退款中');
    expect(createTranslator('en').t(refund)).toBe('A refund is in play: 退款中');
    expect(repo.list({ query: '', state: 'blocked', limit: 10, offset: 0, now: 't' }).total).toBe(2);
  });

  it('a stored reason that is not a message still reads as blocked, never as a crash or as open', () => {
    const db = stationAtVersion2();
    migrate(db, migrations);
    db.prepare("UPDATE orders SET blocked_reason = '{broken' WHERE id = 'taobao:1'").run();
    expect(createOrdersRepo(db).get('taobao:1')?.blockedReason).toEqual({ key: 'blocked.unreadable' });
  });
});
