import { describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { columnLetter, RowErrors } from './row-errors';

describe('RowErrors', () => {
  it('makes one line of a problem repeated down a column, with its count and first five rows', () => {
    const errors = new RowErrors();
    for (let row = 2; row < 92; row++) errors.add('d.csv', row, '订单编号', msg('import.order.notInOrderFile', { id: String(row), file: 'o.csv' }));
    errors.add('d.csv', 3, '购买数量', msg('import.cell.qty', { value: '0' }));
    expect(errors.count).toBe(91);
    expect(errors.result()).toEqual([
      { file: 'd.csv', row: 2, column: '订单编号', msg: msg('import.order.notInOrderFile', { id: '2', file: 'o.csv' }), repeats: { count: 90, rows: [2, 3, 4, 5, 6] } },
      { file: 'd.csv', row: 3, column: '购买数量', msg: msg('import.cell.qty', { value: '0' }) },
    ]);
  });

  it('lists the other bad values of a repeated problem after its own, then counts the rest', () => {
    const errors = new RowErrors();
    for (let row = 2; row < 16; row++) errors.add('d.csv', row, '购买数量', msg('import.cell.qty', { value: String(-row) }));
    errors.add('d.csv', 16, '购买数量', msg('import.cell.qty', { value: '-3' }));
    const [entry] = errors.result();
    expect(entry!.msg).toEqual(msg('report.alsoValues', {
      problem: msg('import.cell.qty', { value: '-2' }),
      values: ['-3', '-4', '-5', '-6', '-7', '-8', '-9', '-10', '-11', '-12'].map((v) => `“${v}”`).join(', '),
      more: msg('report.moreValues', { count: 3 }),
    }));
    expect(entry!.repeats).toEqual({ count: 15, rows: [2, 3, 4, 5, 6] });
  });

  it('keeps the first problem of a cell only', () => {
    const errors = new RowErrors();
    errors.add('a.csv', 2, '订单编号', msg('import.cell.control', { char: 'U+0000' }));
    errors.add('a.csv', 2, '订单编号', msg('import.order.idFormat', { value: 'x' }));
    expect(errors.result()).toEqual([{ file: 'a.csv', row: 2, column: '订单编号', msg: msg('import.cell.control', { char: 'U+0000' }) }]);
  });

  it('lists 500 distinct problems, then says how many more there are and where the first of them is', () => {
    const errors = new RowErrors();
    for (let i = 0; i < 520; i++) errors.add('a.csv', i + 2, columnLetter(i), msg('import.cell.tooLong', { length: 99, max: 64 }));
    const listed = errors.result();
    expect(listed).toHaveLength(501);
    expect(listed.at(-1)).toEqual({ file: 'a.csv', row: 502, msg: msg('import.moreProblems', { count: 20 }) });
  });

  it('labels columns as a spreadsheet does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
