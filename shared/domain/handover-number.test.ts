import { describe, expect, it } from 'vitest';
import { handoverNumber } from './handover-number';

describe('handoverNumber', () => {
  it('is the carrier, the Beijing day the pickup started and the end of its id', () => {
    // 2026-12-06 17:30 UTC is already 12-07 in Beijing.
    expect(handoverNumber({ id: '019af1c2-7a10-7c3e-9b41-0c2d5e6f9f3a', carrierCode: 'YTO', openedAt: '2026-12-06T17:30:00.000Z' })).toBe('YTO-20261207-9F3A');
  });

  it('tells two handovers opened in the same millisecond apart (their ids share the time, not the end)', () => {
    const at = '2026-12-07T02:00:00.000Z';
    const a = handoverNumber({ id: '019af1c2-7a10-7c3e-9b41-0c2d5e6f1111', carrierCode: 'ZTO', openedAt: at });
    const b = handoverNumber({ id: '019af1c2-7a10-7c3e-9b41-0c2d5e6f2222', carrierCode: 'ZTO', openedAt: at });
    expect(a).not.toBe(b);
  });
});
