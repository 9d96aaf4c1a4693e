import { describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { rowErrorLines } from './cli-text';

describe('an import problem as the CLI prints it', () => {
  const { t } = createTranslator('en');
  const problem = (count: number, rows: number[]) => ({ file: 'ExportOrderList.csv', row: rows[0]!, column: '订单编号', msg: msg('legacy.text', { text: 'scientific notation' }), repeats: { count, rows } });

  it('ends the rows it names with "…" only when it left some out', () => {
    expect(rowErrorLines(t, [problem(2, [2, 3])])).toEqual(['ExportOrderList.csv row 2 [订单编号]: scientific notation (2 rows like this: 2, 3)']);
    expect(rowErrorLines(t, [problem(40, [2, 3, 4, 5, 6])])).toEqual(['ExportOrderList.csv row 2 [订单编号]: scientific notation (40 rows like this: 2, 3, 4, 5, 6…)']);
  });
});
