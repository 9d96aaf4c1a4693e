import { describe, expect, it } from 'vitest';
import { orderPayload } from '../../test/helpers/op-fixtures';
import { currentOpVersion, readOp } from './index';

const read = (version: number, payload: unknown) => readOp('order.imported', version, payload);

describe('order.imported v2: a status the file did not say', () => {
  it('carries null for a status the file did not say, written as v2', () => {
    expect(currentOpVersion('order.imported')).toBe(2);
    expect(read(2, orderPayload('1001', { platformStatus: null }))).toMatchObject({ kind: 'known', payload: { platformStatus: null } });
  });

  it('reads a v1 order as it meant: its status stays what it said, and a v1 without one stays refused', () => {
    for (const platformStatus of ['WAIT_SELLER_SEND_GOODS', 'TRADE_CLOSED'] as const) {
      expect(read(1, orderPayload('1002', { platformStatus }))).toMatchObject({ kind: 'known', payload: { platformStatus } });
    }
    const blank = read(1, orderPayload('1003', { platformStatus: null }));
    expect(blank.kind).toBe('invalid');
    expect(JSON.stringify(blank)).toContain('platformStatus');
    expect(read(1, { ...orderPayload('1004'), platformStatus: undefined }).kind).toBe('invalid');
  });
});
