// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxRow } from '#shared/contract/inbox.contract';
import { msg } from '#shared/i18n/message';
import { initI18n, setLanguage } from '../../i18n/setup';
import { useInboxStore } from './inbox.store';
import { ResolveDialog } from './ResolveDialog';

const row: InboxRow = {
  key: 'pool:YTO', kind: 'pool-low', closes: 'note', derived: true, severity: 'warn', at: '2026-12-05T02:00:00.000Z', benches: [], flagKind: null, orderId: null,
  orderExternalId: null, skuCode: null, trackingNo: null, carrierCode: 'YTO', refId: null, evidence: msg('inbox.evidence.poolLow', { carrier: 'YTO', left: 12, threshold: 300 }),
  people: [], target: 'carriers', photos: [],
};

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useInboxStore.getState().openResolve(row);
});
afterEach(cleanup);

describe('the note that closes an inbox row', () => {
  it('says how much of it is used once it nears the 500 characters kept, and when it is full', () => {
    render(<ResolveDialog />);
    const note = screen.getByTestId('inbox-note');
    fireEvent.change(note, { target: { value: '补'.repeat(399) } });
    expect(screen.queryByTestId('inbox-note-length')).toBeNull();
    fireEvent.change(note, { target: { value: '补'.repeat(450) } });
    expect(screen.getByTestId('inbox-note-length').textContent).toBe('450 / 500 字');
    fireEvent.change(note, { target: { value: '补'.repeat(500) } });
    expect(screen.getByTestId('inbox-note-length').textContent).toBe('500 / 500 字');
    expect(screen.getByTestId('inbox-note-length').className).toContain('inbox-note-full');
  });
});
