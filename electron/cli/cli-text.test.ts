import { describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { jsonSaid, rowErrorLines } from './cli-text';

describe('an import problem as the CLI prints it', () => {
  const { t } = createTranslator('en');
  const problem = (count: number, rows: number[]) => ({ file: 'ExportOrderList.csv', row: rows[0]!, column: '订单编号', msg: msg('legacy.text', { text: 'scientific notation' }), repeats: { count, rows } });

  it('ends the rows it names with "…" only when it left some out', () => {
    expect(rowErrorLines(t, [problem(2, [2, 3])])).toEqual(['ExportOrderList.csv row 2 [订单编号]: scientific notation (2 rows like this: 2, 3)']);
    expect(rowErrorLines(t, [problem(40, [2, 3, 4, 5, 6])])).toEqual(['ExportOrderList.csv row 2 [订单编号]: scientific notation (40 rows like this: 2, 3, 4, 5, 6…)']);
  });
});

describe('the inbox as `packdesk inbox --json` prints it', () => {
  const admin = msg('roles.admin');
  const list = {
    rows: [{
      key: 'pool:YTO', evidence: msg('inbox.evidence.poolLow', { carrier: msg('carrierNames.YTO'), left: 12, threshold: 300 }),
      people: ['李主管', admin], parcels: [{ trackingNo: 'YT1', packer: admin }],
    }],
    counts: { total: 1, byKind: { 'pool-low': 1 }, capped: false },
  };

  it('says the evidence and the names as text in the reader\'s language, never as message objects', () => {
    expect(JSON.parse(jsonSaid(createTranslator('en').t, list))).toEqual({
      ...list,
      rows: [{ key: 'pool:YTO', evidence: 'YTO Express: only 12 waybill numbers left (under 300)', people: ['李主管', 'Admin'], parcels: [{ trackingNo: 'YT1', packer: 'Admin' }] }],
    });
    const zh = JSON.parse(jsonSaid(createTranslator('zh-CN').t, list)) as typeof list;
    expect(zh.rows[0]).toMatchObject({ evidence: '圆通速递 运单号只剩 12 个（低于 300）', people: ['李主管', '管理员'], parcels: [{ packer: '管理员' }] });
  });

  it('leaves a field of the same name alone when it holds no message (an audit entry\'s person)', () => {
    const person = { name: '李主管', bench: null };
    expect(JSON.parse(jsonSaid(createTranslator('en').t, { authorizedBy: person }))).toEqual({ authorizedBy: person });
  });
});
