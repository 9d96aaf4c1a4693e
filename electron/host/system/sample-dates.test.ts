import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { freshenSampleExport } from './sample-dates';

describe('freshenSampleExport', () => {
  it('moves every date so the newest payment is an hour before now, keeping GBK and the gaps between dates', () => {
    const csv = iconv.encode('订单编号,订单付款时间\n1,2025-03-01 10:30:00\n2,2025/3/1 8:05\n', 'gbk');
    const now = Date.UTC(2026, 10, 26, 4, 0, 0); // 12:00 in Beijing
    const [shifted] = freshenSampleExport(csv, csv, now);
    const text = iconv.decode(shifted, 'gbk');
    expect(text).toContain('订单编号');
    expect(text).toContain('2026-11-26 11:00:00');
    expect(text).toContain('2026/11/26 8:35');
  });
});
