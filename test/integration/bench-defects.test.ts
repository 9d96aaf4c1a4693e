import { beforeEach, describe, expect, it } from 'vitest';
import { baseLine, baseOrder, classicFiles } from '../fixtures/classic-rows';
import { barcodeOf, hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import { shippable, SKUS, stationWithOrders } from '../host/station-with-orders';

/**
 * The bench defects a new user met (issue 9), each as the user met it: what the bench answered
 * and what it should have.
 */
describe('bench defects a new user met', () => {
  let ctx: Awaited<ReturnType<typeof stationWithOrders>>;
  beforeEach(async () => {
    ctx = await stationWithOrders(20);
  });

  /** Imports hand-written orders (one line each unless `lines` says otherwise) through orders.import. */
  async function importOrders(orders: { id: string; title?: string; sku?: string; qty?: string; message?: string; memo?: string; lines?: { title: string; props?: string }[] }[]) {
    const files = classicFiles(
      orders.map((o) => baseOrder({ 订单编号: `="${o.id}"`, 买家留言: o.message ?? '', 订单备注: o.memo ?? '', 宝贝总数量: o.lines ? String(o.lines.length) : (o.qty ?? '1') })),
      orders.flatMap((o) =>
        (o.lines ?? [{ title: o.title ?? 'T恤' }]).map((l) =>
          baseLine({ 订单编号: `="${o.id}"`, 标题: l.title, 商家编码: o.sku ?? '', 购买数量: o.lines ? '1' : (o.qty ?? '1'), ...(l.props === undefined ? {} : { 商品属性: l.props }) }),
        ),
      ),
    );
    return ctx.call('orders.import', {
      files: [
        { name: files.orderFile.name, base64: files.orderFile.bytes.toString('base64') },
        { name: files.detailFile.name, base64: files.detailFile.bytes.toString('base64') },
      ],
    });
  }
  const scan = (code: string) => ctx.call('bench.scan', { code, source: 'wedge' });

  it('a line without 商家编码 is named at import, and a supervisor binds it to the scanned SKU, which counts', async () => {
    const { call, host } = ctx;
    await call('catalog.saveSku', { code: 'SKU-0036', name: '韩版运动袜', weightG: 80, location: 'B-36', barcodes: [{ barcode: '6900000000361', units: 1 }] });
    await call('stock.adjust', { skuCode: 'SKU-0036', delta: 10, kind: 'other', note: '期初' });
    const report = await importOrders([{ id: '4012345678900000036', title: '韩版运动袜 SKU-0036' }]);
    expect(report.linesWithoutSku).toEqual({ count: 1, lines: [{ orderId: '4012345678900000036', lineNo: 1, title: '韩版运动袜 SKU-0036' }] });

    await scan('4012345678900000036');
    const wrong = await scan('6900000000361');
    // Not simply "wrong item": the bench says the line has no code and offers binding it.
    expect(wrong.outcome).toBe('wrong_item');
    expect(wrong.detail).toMatchObject({ skuCode: 'SKU-0036', unboundLines: '1', suggestedLine: '1' });
    // The file's gap, not the packer's error: the dashboard counts no wrong item for it.
    const errors = async () => (await call('dashboard.get', { range: 'today' })).packers.map((p) => p.errors.wrong_item);
    expect(await errors()).toEqual([0]);

    await call('users.save', { name: '打包员小王', role: 'packer', pin: '1234' });
    await call('session.login', { pin: '1234' });
    await expect(call('bench.bindLine', { lineNo: 1, barcode: '6900000000361' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const bound = await call('bench.bindLine', { lineNo: 1, barcode: '6900000000361', authorizerPin: '0000' });
    // The scan that asked counts once the line is bound; it was the only unit, so the order ships.
    expect(bound.outcome).toBe('completed');
    expect(bound.state.lines[0]).toMatchObject({ skuCode: 'SKU-0036', verified: 1 });
    expect((await call('catalog.list', { query: 'SKU-0036' })).skus[0]!.onHand).toBe(9);
    const audit = host.context.db.prepare("SELECT action, target FROM audit_log WHERE action = 'bench.bindLine'").all();
    expect(audit).toEqual([{ action: 'bench.bindLine', target: 'taobao:4012345678900000036' }]);
    const op = host.context.db.prepare("SELECT payload FROM outbox WHERE type = 'order.line-bound'").pluck().get() as string;
    expect(JSON.parse(op)).toEqual({ orderId: 'taobao:4012345678900000036', lineNo: 1, skuCode: 'SKU-0036' });

    // The binding outlives a re-import of the same export (which still has no 商家编码).
    await importOrders([{ id: '4012345678900000036', title: '韩版运动袜 SKU-0036', message: '改了留言' }]);
    expect(host.context.ordersRepo.get('taobao:4012345678900000036')!.lines[0]!.skuCode).toBe('SKU-0036');
  });

  describe('binding is offered only to a line the scanned item may be', () => {
    const SOCKS = { code: 'SKU-0036', barcode: '6900000000361' };
    const OTHER = { code: 'SKU-0041', barcode: '6900000000411' };
    beforeEach(async () => {
      for (const sku of [SOCKS, OTHER]) {
        await ctx.call('catalog.saveSku', { code: sku.code, name: `商品 ${sku.code}`, weightG: 80, location: 'B-36', barcodes: [{ barcode: sku.barcode, units: 1 }] });
        await ctx.call('stock.adjust', { skuCode: sku.code, delta: 10, kind: 'other', note: '期初' });
      }
    });
    /** The binding the panel offers after a scan (its "绑定到…" button and chooser), or null for a plain 错误商品. */
    const offer = (r: Awaited<ReturnType<typeof scan>>) => (r.detail['unboundLines'] ? { lines: r.detail['unboundLines'], suggested: r.detail['suggestedLine'] ?? null } : null);

    it('an item other than the SKU the title names is a plain wrong item, and binding it anyway is refused', async () => {
      await importOrders([{ id: '4012345678900000041', title: '韩版运动袜 SKU-0036' }]);
      await scan('4012345678900000041');
      const wrong = await scan(OTHER.barcode);
      expect(wrong.outcome).toBe('wrong_item');
      expect(offer(wrong)).toBeNull();
      // A plain wrong item is the packer's: the dashboard counts it.
      expect((await ctx.call('dashboard.get', { range: 'today' })).packers.map((p) => p.errors.wrong_item)).toEqual([1]);
      // A stale panel or another client asking anyway: refused, even with a supervisor's PIN, and nothing counts.
      await expect(ctx.call('bench.bindLine', { lineNo: 1, barcode: OTHER.barcode, authorizerPin: '0000' })).rejects.toMatchObject({
        code: 'CONFLICT', msg: { key: 'pack.lineNamesOtherSku', params: { line: 1, named: 'SKU-0036', sku: 'SKU-0041' } },
      });
      expect((await ctx.call('bench.getState', {})).lines[0]).toMatchObject({ skuCode: null, verified: 0 });
      // The item the title names is still offered, that line suggested.
      expect(offer(await scan(SOCKS.barcode))).toEqual({ lines: '1', suggested: '1' });
    });

    it('a title naming no known code keeps the offer', async () => {
      await importOrders([{ id: '4012345678900000042', title: '韩版运动袜 均码' }]);
      await scan('4012345678900000042');
      const r = await scan(OTHER.barcode);
      expect(r.outcome).toBe('wrong_item');
      expect(offer(r)).toEqual({ lines: '1', suggested: '1' });
    });

    it('of several lines without 商家编码, only those that may be the item are offered, the one naming it first', async () => {
      await importOrders([{
        id: '4012345678900000043',
        lines: [
          { title: '韩版运动袜 SKU-0036' },
          // A barcode in 商品属性 names the SKU as well as a code in the title does.
          { title: '运动袜 白色', props: `条码：${SOCKS.barcode}` },
          { title: '赠品 钥匙扣' },
          // Typed by hand, full-width and lower case: still SKU-0041.
          { title: '运动袜 ｓｋｕ－００４１ 黑色' },
        ],
      }]);
      await scan('4012345678900000043');
      expect(offer(await scan(OTHER.barcode))).toEqual({ lines: '3,4', suggested: '4' });
      expect(offer(await scan(SOCKS.barcode))).toEqual({ lines: '1,2,3', suggested: '1' });
    });
  });

  it('binding refuses a line that has a 商家编码 already', async () => {
    const order = ctx.generated.orders.find(shippable)!;
    await scan(order.externalId);
    await expect(ctx.call('bench.bindLine', { lineNo: 1, barcode: barcodeOf(order.lines[0]!.skuCode!) })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('an item scanned with no order open says which SKU it is', async () => {
    const r = await scan(barcodeOf('SKU-0003'));
    expect(r.outcome).toBe('not_found');
    expect(r.detail).toMatchObject({ skuCode: 'SKU-0003', skuName: '商品 SKU-0003' });
  });

  it('a mistyped order id with a shipped order on screen is no candidate for binding', async () => {
    const order = ctx.generated.orders.find(shippable)!;
    await scan(order.externalId);
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) await scan(barcodeOf(line.skuCode!));
    expect((await ctx.call('bench.getState', {})).order?.blockedReason).toEqual({ key: 'blocked.alreadyShipped' });
    const typo = await scan('1234567890123456789');
    expect(typo.outcome).toBe('not_found');
    // The next parcel's item scanned before its order: named, as with no order open (not the shipped order's 禁止发货).
    const other = SKUS.find((sku) => !order.lines.some((l) => l.skuCode === sku))!;
    const item = await scan(barcodeOf(other));
    expect(item.outcome).toBe('not_found');
    expect(item.detail).toMatchObject({ skuCode: other, skuName: `商品 ${other}` });
  });

  it('the next user at the bench starts at an empty bench, not at the shipped order the last one left on it', async () => {
    const order = ctx.generated.orders.find(shippable)!;
    await scan(order.externalId);
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) await scan(barcodeOf(line.skuCode!));
    // The one who shipped it keeps it on screen (a reprint, a damage report), also after logging in again.
    await ctx.call('session.logout', {});
    await ctx.call('session.login', { pin: '0000' });
    expect((await ctx.call('bench.getState', {})).order?.externalId).toBe(order.externalId);
    await ctx.call('users.save', { name: '小李', role: 'packer', pin: '2468' });
    await ctx.call('session.logout', {});
    await ctx.call('session.login', { pin: '2468' });
    expect((await ctx.call('bench.getState', {})).order).toBeNull();
  });

  it('a bench restarted after shipping starts empty; one restarted mid-pack keeps its order and its checks', async () => {
    const [shipped, packing] = ctx.generated.orders.filter((o) => shippable(o) && o.lines.reduce((n, l) => n + l.qty, 0) >= 2);
    await scan(shipped!.externalId);
    for (const line of shipped!.lines) for (let i = 0; i < line.qty; i++) await scan(barcodeOf(line.skuCode!));
    // The PC restarts: the packer is still logged in (the session is kept), no login comes.
    const again = () => {
      ctx.host.close();
      ctx.host = createTempHost({ dataDir: ctx.host.dataDir });
      ctx.call = hostCaller(ctx.host);
    };
    again();
    expect((await ctx.call('bench.getState', {})).order).toBeNull();
    await scan(packing!.externalId);
    await scan(barcodeOf(packing!.lines[0]!.skuCode!));
    again();
    const state = await ctx.call('bench.getState', {});
    expect(state.order?.externalId).toBe(packing!.externalId);
    expect(state.lines.reduce((n, l) => n + l.verified, 0)).toBe(1);
  });

  it('a case-pack barcode on a line that needs fewer says how many it holds and how many the line needs', async () => {
    await ctx.call('settings.update', { autoCompleteOnLastScan: false });
    const order = ctx.generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;
    await scan(order.externalId);
    const r = await scan(`${barcodeOf(order.lines[0]!.skuCode!)}C`);
    expect(r.outcome).toBe('over_scan');
    expect(r.detail).toMatchObject({ units: '6', needs: '1' });
    expect(r.state.lines[0]!.verified).toBe(0);
  });

  it('force-verifying the last line completes the order as a last verified scan does', async () => {
    const order = ctx.generated.orders.find(shippable)!;
    await scan(order.externalId);
    let last;
    for (const line of order.lines) last = await ctx.call('bench.forceVerify', { lineNo: line.lineNo });
    expect(last!.outcome).toBe('completed');
    expect(last!.shipment?.trackingNo).toBe('YT7400000000001');
    expect(last!.state.order?.blockedReason).toEqual({ key: 'blocked.alreadyShipped' });
  });

  it('PD:PARTIAL with nothing verified refuses at once, without asking for a PIN', async () => {
    const { call } = ctx;
    await call('users.save', { name: '打包员小王', role: 'packer', pin: '1234' });
    await call('session.login', { pin: '1234' });
    await scan(ctx.generated.orders.find(shippable)!.externalId);
    await expect(scan('PD:PARTIAL')).rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'pack.nothingNewToShip' } });
  });

  it('opening order B while A is part packed asks first; scanning B again switches', async () => {
    const [a, b] = ctx.generated.orders.filter((o) => shippable(o) && o.lines.reduce((n, l) => n + l.qty, 0) >= 2);
    await scan(a!.externalId);
    await scan(barcodeOf(a!.lines[0]!.skuCode!));
    const asked = await scan(b!.externalId);
    expect(asked.outcome).toBe('confirm_switch');
    expect(asked.detail).toMatchObject({ orderId: b!.externalId, fromOrderId: a!.externalId, verified: '1' });
    expect(asked.state.order?.externalId).toBe(a!.externalId);
    // Staying: the next scan is A's business (here an item not in A), and the next scan of B asks again.
    const foreign = SKUS.find((s) => !a!.lines.some((l) => l.skuCode === s))!;
    expect((await scan(barcodeOf(foreign))).state.order?.externalId).toBe(a!.externalId);
    expect((await scan(b!.externalId)).outcome).toBe('confirm_switch');
    // "Stay" on the panel: the next scan of B asks again too.
    await ctx.call('bench.stay', {});
    expect((await scan(b!.externalId)).outcome).toBe('confirm_switch');
    const switched = await scan(b!.externalId);
    expect(switched.outcome).toBe('opened');
    expect(switched.state.order?.externalId).toBe(b!.externalId);
  });

  it('PD:CANCEL names the order it put down and how many checks stay counted; scanned again, it carries on there', async () => {
    const [a] = ctx.generated.orders.filter((o) => shippable(o) && o.lines.reduce((n, l) => n + l.qty, 0) >= 2);
    await scan(a!.externalId);
    await scan(barcodeOf(a!.lines[0]!.skuCode!));
    const down = await scan('PD:CANCEL');
    expect(down.outcome).toBe('command');
    expect(down.detail).toMatchObject({ command: 'PD:CANCEL', order: a!.externalId, verified: '1' });
    expect(down.state.order).toBeNull();
    const again = await scan(a!.externalId);
    expect(again.state.lines.reduce((n, l) => n + l.verified, 0)).toBe(1);
  });
});
