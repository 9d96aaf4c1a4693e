import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { startFakeCainiaoComponent } from '../../../test/fakes/cainiao-component.fake';
import { startFakePddComponent } from '../../../test/fakes/pdd-component.fake';
import type { FakeComponentOptions, FakePrintComponent } from '../../../test/fakes/print-component.fake';
import { createCainiaoComponent } from './cainiao-component';
import { FRAME_MAX_BYTES } from './component.wire';
import { PrintComponentError } from './component-session';
import { createPddComponent } from './pdd-component';
import type { ComponentDocument } from './print-component';

const zh = createTranslator('zh-CN');
// Short enough for the silent cases, long enough for a busy machine answering on loopback.
const quick = { connectMs: 2000, replyMs: 800, resultMs: 800 };
const CUSTOM_AREA = 'http://cloudprint.cainiao.com/template/customArea/1234567';

const fakes: FakePrintComponent[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function cainiao(options: FakeComponentOptions = {}) {
  const fake = await startFakeCainiaoComponent(options);
  fakes.push(fake);
  return { fake, component: createCainiaoComponent({ url: fake.url, customAreaTemplateUrl: CUSTOM_AREA, timeouts: quick }) };
}

async function pdd() {
  const fake = await startFakePddComponent();
  fakes.push(fake);
  return { fake, component: createPddComponent({ url: fake.url, customAreaTemplateUrl: '', timeouts: quick, isvName: 'Packdesk', erpId: 'erp-42' }) };
}

const waybill = (documentId = 'YT7500000000001'): ComponentDocument => ({
  documentId,
  printData: { encryptedData: 'AES:q1w2e3r4', signature: 'MD:c2lnbmF0dXJl', templateUrl: 'http://cloudprint.cainiao.com/template/standard/101/1', ver: 'waybill_print_secret_version_1' },
  customArea: { orderId: 'TB2024060112345', items: 'T恤 白 L ×2；帆布包 ×1', buyerMessage: '请不要放发票' },
});

/** The error a call ends with (it must end with a PrintComponentError). */
async function failureOf(call: Promise<unknown>): Promise<PrintComponentError> {
  const error = await call.then(() => null, (e: unknown) => e);
  if (!(error instanceof PrintComponentError)) throw new Error(`expected a PrintComponentError, got ${String(error)}`);
  return error;
}

describe('菜鸟打印组件', () => {
  it('lists its printers, the default marked and a disabled one shown as such', async () => {
    const { fake, component } = await cainiao({ printers: [{ name: 'Deli DL-888T', status: 'enable' }, { name: 'HPRT N41', status: 'disable' }], defaultPrinter: 'Deli DL-888T' });
    expect(await component.getPrinters()).toEqual({
      defaultPrinter: 'Deli DL-888T',
      printers: [{ name: 'Deli DL-888T', enabled: true, isDefault: true }, { name: 'HPRT N41', enabled: false, isDefault: false }],
    });
    expect(fake.received).toEqual([{ cmd: 'getPrinters', requestID: expect.any(String), version: '1.0' }]);
    expect(fake.problems).toEqual([]);
  });

  it('prints one document per task: the encrypted data as issued plus our custom area, done once it reports printed', async () => {
    const { fake, component } = await cainiao();
    fake.setDelayMs(20);
    const result = await component.print('Xprinter XP-420B', waybill());
    expect(result).toMatchObject({ printer: 'Xprinter XP-420B', taskId: expect.stringMatching(/^packdesk-/) });
    expect(fake.problems).toEqual([]);
    expect(fake.prints).toHaveLength(1);
    const task = (fake.prints[0] as { task: Record<string, unknown> }).task;
    expect(task).toEqual({
      taskID: result.taskId, preview: false, printer: 'Xprinter XP-420B',
      documents: [{
        documentID: 'YT7500000000001',
        contents: [
          { encryptedData: 'AES:q1w2e3r4', signature: 'MD:c2lnbmF0dXJl', templateURL: 'http://cloudprint.cainiao.com/template/standard/101/1', ver: 'waybill_print_secret_version_1' },
          { data: { orderId: 'TB2024060112345', items: 'T恤 白 L ×2；帆布包 ×1', buyerMessage: '请不要放发票' }, templateURL: CUSTOM_AREA },
        ],
      }],
    });
    // Failure results were asked for first, so a failed task is reported instead of going silent.
    expect(fake.received[0]).toMatchObject({ cmd: 'setGlobalConfig', notifyOnTaskFailure: true, version: '1.0' });
  });

  it('a second print of the same waybill is a new task', async () => {
    const { fake, component } = await cainiao();
    const first = await component.print('', waybill());
    const second = await component.print('', waybill());
    expect(second.taskId).not.toBe(first.taskId);
    expect(fake.prints).toHaveLength(2);
  });

  it('reports the printer failing the task with the component’s words', async () => {
    const { fake, component } = await cainiao();
    fake.setOutcome('failed', '打印机缺纸');
    const error = await failureOf(component.print('Deli DL-888T', waybill()));
    expect(error).toMatchObject({ kind: 'failed', mayHavePrinted: false });
    expect(zh.t(error.msg)).toBe('菜鸟打印组件报告打印失败（打印机 Deli DL-888T）：打印机缺纸');
  });

  it('reports a refused task (an unknown printer) as refused, nothing printed', async () => {
    const { fake, component } = await cainiao();
    const error = await failureOf(component.print('Nobody’s printer', waybill()));
    expect(error).toMatchObject({ kind: 'refused', mayHavePrinted: false });
    expect(zh.t(error.msg)).toBe('菜鸟打印组件拒绝了这张面单：无效的打印机');
    expect(fake.prints).toEqual([]);
  });

  it('a component that never answers times out; a print without a result may be on paper', async () => {
    const { fake, component } = await cainiao();
    fake.setOutcome('silent');
    expect(await failureOf(component.getPrinters())).toMatchObject({ kind: 'timeout', mayHavePrinted: false });
    expect(await failureOf(component.print('', waybill()))).toMatchObject({ kind: 'timeout', mayHavePrinted: true });
    fake.setOutcome('no-result');
    const error = await failureOf(component.print('', waybill()));
    expect(error).toMatchObject({ kind: 'no-result', mayHavePrinted: true });
    expect(zh.t(error.msg)).toContain('请先看打印机是否已出纸');
  });

  it('waits for a slow component within its time, and a dropped connection mid-print may have printed', async () => {
    const { fake, component } = await cainiao();
    fake.setDelayMs(100);
    await expect(component.print('', waybill())).resolves.toMatchObject({ printer: 'Deli DL-888T' });
    fake.setDelayMs(0);
    fake.setOutcome('drop');
    expect(await failureOf(component.print('', waybill()))).toMatchObject({ kind: 'dropped', mayHavePrinted: true });
  });

  it('not running: a clear prompt to start it, with where to get it', async () => {
    const { fake, component } = await cainiao();
    await fake.close();
    const error = await failureOf(component.getPrinters());
    expect(error.kind).toBe('not-running');
    expect(zh.t(error.msg)).toBe(
      `菜鸟打印组件没有运行（${component.url} 无人应答）。请先启动它再打印。如未安装：在这台 Windows 电脑上从菜鸟官网下载安装「菜鸟打印组件」（CNPrintClient），启动后托盘里有它的图标`,
    );
    expect(await failureOf(component.print('', waybill()))).toMatchObject({ kind: 'not-running', mayHavePrinted: false });
  });

  it('speaks wss on the TLS port as well', async () => {
    const { fake, component } = await cainiao({ secure: true });
    expect(fake.url).toMatch(/^wss:/);
    await expect(component.print('', waybill())).resolves.toMatchObject({ printer: 'Deli DL-888T' });
  });
});

describe('拼多多打印组件', () => {
  it('sends ISVName and ERPId with the task and the encrypted layer keyed templateUrl; no custom area without a template', async () => {
    const { fake, component } = await pdd();
    await component.print('Xprinter XP-420B', waybill('YT7500000000009'));
    expect(fake.problems).toEqual([]);
    const print = fake.prints[0] as { ISVName: string; ERPId: string; task: { documents: Array<{ contents: unknown[] }> } };
    expect(print).toMatchObject({ cmd: 'print', version: '1.0', ISVName: 'Packdesk', ERPId: 'erp-42' });
    expect(print.task.documents[0]?.contents).toEqual([
      { encryptedData: 'AES:q1w2e3r4', signature: 'MD:c2lnbmF0dXJl', templateUrl: 'http://cloudprint.cainiao.com/template/standard/101/1', ver: 'waybill_print_secret_version_1' },
    ]);
  });

  it('turns on TaskFailedNotify, so a failed task is reported', async () => {
    const { fake, component } = await pdd();
    fake.setOutcome('failed', '打印机脱机');
    const error = await failureOf(component.print('', waybill()));
    expect(error.kind).toBe('failed');
    expect(zh.t(error.msg)).toBe('拼多多打印组件报告打印失败（打印机 Deli DL-888T）：打印机脱机');
    expect(fake.received[0]).toMatchObject({ cmd: 'setGlobalConfig', TaskFailedNotify: true });
  });

  it('lists its printers and says not running with its own download hint', async () => {
    const { fake, component } = await pdd();
    expect((await component.getPrinters()).printers.map((p) => p.name)).toEqual(['Deli DL-888T', 'Xprinter XP-420B']);
    await fake.close();
    expect(zh.t((await failureOf(component.getPrinters())).msg)).toContain('从拼多多商家后台下载安装「拼多多打印组件」');
  });
});

describe('hostile frames from a component', () => {
  type MakeFrame = (requestID: string) => string | Buffer;
  /** Frames no component sends: not JSON, binary, not an object, no command, a malformed result, or our reply with fields of the wrong shape or size. */
  const hostileFrame: fc.Arbitrary<MakeFrame> = fc.oneof(
    fc.string().filter((s) => !isJson(s)).map((s) => () => s),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => () => Buffer.from(bytes)),
    fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string(), fc.array(fc.jsonValue(), { maxLength: 3 })).map((v) => () => JSON.stringify(v)),
    fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => k !== 'cmd'), fc.jsonValue(), { maxKeys: 4 }).map((v) => () => JSON.stringify(v)),
    fc.oneof(fc.string(), fc.integer(), fc.array(fc.record({ name: fc.oneof(fc.integer(), fc.constant(null), fc.constant('x'.repeat(300))) }), { minLength: 1, maxLength: 3 }))
      .map((printers) => (requestID: string) => JSON.stringify({ cmd: 'getPrinters', requestID, status: 'success', printers })),
    fc.jsonValue().map((taskStatus) => () => JSON.stringify({ cmd: 'notifyPrintResult', taskID: 7, taskStatus })),
  );

  it('never crash the client and are reported as an unreadable reply', async () => {
    const { fake } = await cainiao();
    const component = createCainiaoComponent({ url: fake.url, customAreaTemplateUrl: '', timeouts: quick });
    await fc.assert(
      fc.asyncProperty(hostileFrame, async (make) => {
        fake.sendHostile((request) => [make(String(request['requestID']))]);
        expect(await failureOf(component.getPrinters())).toMatchObject({ kind: 'unreadable', mayHavePrinted: false });
      }),
      { numRuns: 60 },
    );
    // And the component still serves the next request.
    await expect(component.getPrinters()).resolves.toMatchObject({ defaultPrinter: 'Deli DL-888T' });
  });

  it('a frame over the size cap is unreadable; garbage after a print was sent leaves the label unknown', async () => {
    const { fake, component } = await cainiao();
    fake.sendHostile((request) => [JSON.stringify({ cmd: 'getPrinters', requestID: request['requestID'], printers: [], msg: 'a'.repeat(FRAME_MAX_BYTES) })]);
    expect(await failureOf(component.getPrinters())).toMatchObject({ kind: 'unreadable' });
    // Garbage in answer to setGlobalConfig arrives once the task is out: the component did print it.
    fake.sendHostile(['not json']);
    expect(await failureOf(component.print('', waybill()))).toMatchObject({ kind: 'unreadable', mayHavePrinted: true });
    expect(fake.prints).toHaveLength(1);
  });
});

const isJson = (s: string): boolean => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};
