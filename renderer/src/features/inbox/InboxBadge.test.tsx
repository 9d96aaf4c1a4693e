// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxCounts } from '#shared/contract/inbox.contract';
import { defaultSettings } from '#shared/contract/settings.contract';
import { setApi } from '../../api/client';
import { useConnectionStore } from '../../api/connection.store';
import { App } from '../../app/App';
import { useNavStore } from '../../app/nav.store';
import { startStation } from '../../app/start-station';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { emptyState, packer, syncStatus } from '../../test/fixtures';
import { useBenchStore } from '../bench/bench.store';
import { useSessionStore } from '../session/session.store';
import { useInboxStore } from './inbox.store';

let host: FakeHost;
let stop = () => {};
let counts: InboxCounts;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: null, error: null, busy: false });
  useNavStore.setState({ screen: 'bench', section: null, focus: null });
  useConnectionStore.setState({ status: 'open' });
  useInboxStore.setState({ counts: null, rows: [], kind: null, bench: null, view: 'open' });
  counts = { total: 3, byKind: { 'print-failed': 1, 'deadline-risk': 2 }, capped: false };
  host = createFakeHost({
    'session.current': () => packer,
    'settings.get': () => defaultSettings,
    'bench.getState': () => emptyState,
    'carriers.list': () => [],
    'sync.status': () => syncStatus(),
    'inbox.counts': () => counts,
    'inbox.list': () => ({ rows: [], counts, benches: [] }),
  });
  setApi(host.api);
});
afterEach(() => {
  stop();
  cleanup();
});

async function showApp() {
  stop = startStation(host.api, document);
  render(<App />);
  await screen.findByTestId('packer');
  await act(() => settle());
  return screen.getByTestId('inbox-badge');
}

describe('the inbox badge in the top bar', () => {
  it('shows how many things need a human, by kind on hover, and follows inbox.changed', async () => {
    const badge = await showApp();
    expect(badge.dataset['count']).toBe('3');
    expect(badge.textContent).toBe('异常 3');
    // A label that did not print is worth red.
    expect(badge.className).toContain('inbox-badge-alarm');
    expect(badge.getAttribute('title')).toBe('3 条异常待处理\n面单打印失败：1\n发货期限临近：2');
    fireEvent.mouseEnter(badge);
    expect(screen.getByTestId('inbox-badge-menu').textContent).toContain('发货期限临近 2');

    await act(async () => {
      host.emit('inbox.changed', { total: 2, byKind: { 'deadline-risk': 2 }, capped: false });
      await settle();
    });
    expect(screen.getByTestId('inbox-badge').textContent).toBe('异常 2');
    expect(screen.getByTestId('inbox-badge').className).not.toContain('inbox-badge-alarm');
    await act(async () => {
      host.emit('inbox.changed', { total: 0, byKind: {}, capped: false });
      await settle();
    });
    expect(screen.queryByTestId('inbox-badge')).toBeNull();
  });

  it('a kind in its menu opens the inbox at that kind', async () => {
    const badge = await showApp();
    fireEvent.click(badge);
    await act(async () => {
      fireEvent.click(screen.getByTestId('inbox-badge-deadline-risk'));
      await settle();
    });
    await screen.findByTestId('inbox-screen');
    await act(() => settle());
    expect(useNavStore.getState().screen).toBe('inbox');
    expect(host.callsOf('inbox.list').at(-1)).toEqual({ kind: 'deadline-risk', bench: null, limit: 200 });
    expect(screen.getByTestId('inbox-kind-deadline-risk').getAttribute('aria-pressed')).toBe('true');
  });
});
