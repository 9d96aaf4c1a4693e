// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DamageReport } from '#shared/contract/damage.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { supervisor } from '../../test/fixtures';
import { useDamageStore } from '../damage/damage.store';
import { useSessionStore } from '../session/session.store';
import { DeskApp } from './DeskApp';
import { useDeskStore } from './desk.store';
import { deskTabs } from './desk-tabs';

// The screens load on demand: the first import of one can take a while on a busy machine.
const lazyScreen = { timeout: 5000 };
const slow = { timeout: 20_000 };

const report: DamageReport = {
  id: 'r1', orderId: null, orderExternalId: null, shipmentId: null, trackingNo: null, carrierCode: null, orderParcel: null,
  skuCode: 'MUG-01', skuName: '马克杯', qty: 1, reason: 'broken', source: 'bench', note: '', weightG: null, photos: ['a'.repeat(64)],
  bench: { name: '打包台 2', thisBench: false }, reportedBy: '小李', reportedAt: '2026-12-05T02:00:00.000Z', returnId: null, returnScanned: null, decision: null,
};
// A 1×1 PNG: the photo the viewer shows.
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  window.history.replaceState(null, '', '/');
  setApi(
    createFakeHost({
      'inbox.list': () => ({ rows: [], counts: { total: 0, byKind: {}, capped: false }, benches: [] }),
      'damage.list': () => ({ total: 1, reports: [report] }),
      'damage.get': () => ({ report, decisions: [], effects: { booked: { sellable: 0, damaged: 0 }, reship: null, claim: null } }),
      'claims.list': () => ({ total: 0, claims: [] }),
      'photos.get': () => ({ photo: { mime: 'image/png', base64: png }, missing: null }),
      'audit.list': () => ({ total: 0, entries: [] }),
      'audit.facets': () => ({ people: [], benches: [] }),
    }).api,
  );
  useSessionStore.setState({ session: supervisor });
  useDamageStore.setState(useDamageStore.getInitialState(), true);
  useDeskStore.setState({ user: { id: 'u2', name: '李主管', role: 'supervisor' }, busy: false, error: null, ended: false, tab: deskTabs[0]!.id });
});
afterEach(cleanup);

/** The phone's back gesture: the browser goes back one entry and says so (popstate) a moment later. */
const back = async () => {
  await act(async () => {
    window.history.back();
    await new Promise((r) => setTimeout(r, 20));
    await settle();
  });
};
const tap = async (element: Element) => {
  await act(async () => {
    fireEvent.click(element);
    await settle();
  });
};

describe('the phone’s back gesture and reload', () => {
  it('back closes the full-size photo, then the report, then returns to the tab before; the address names the tab', slow, async () => {
    render(<DeskApp />);
    await screen.findByTestId('inbox-screen', {}, lazyScreen);
    fireEvent.click(screen.getByTestId('desk-tab-damage'));
    await screen.findByTestId('damage-screen', {}, lazyScreen);
    await act(() => settle());
    expect(window.location.hash).toBe('#damage');
    await tap(screen.getByTestId('damage-row'));
    await tap(document.querySelector('.photo-thumb-button')!);
    expect(screen.getByTestId('photo-viewer')).toBeTruthy();

    await back();
    expect(screen.queryByTestId('photo-viewer')).toBeNull();
    expect(screen.getByTestId('damage-detail')).toBeTruthy();
    await back();
    expect(screen.queryByTestId('damage-detail')).toBeNull();
    expect(screen.getByTestId('damage-row')).toBeTruthy();
    await back();
    expect(await screen.findByTestId('inbox-screen', {}, lazyScreen)).toBeTruthy();
    expect(screen.getByTestId('desk-tab-inbox').getAttribute('aria-current')).toBe('page');
    expect(window.location.hash).toBe('#inbox');
  });

  it('a report closed by its own button leaves no back press that does nothing', slow, async () => {
    render(<DeskApp />);
    await screen.findByTestId('inbox-screen', {}, lazyScreen);
    fireEvent.click(screen.getByTestId('desk-tab-damage'));
    await screen.findByTestId('damage-screen', {}, lazyScreen);
    await act(() => settle());
    await tap(screen.getByTestId('damage-row'));
    await tap(screen.getByTestId('damage-back'));
    await back();
    expect(await screen.findByTestId('inbox-screen', {}, lazyScreen)).toBeTruthy();
  });

  it('a reload opens the tab the address names', slow, async () => {
    window.history.replaceState(null, '', '/#audit');
    // The page asks the hub who is logged in (still the same supervisor) and opens the shell; the RPC is the fake host's here.
    useDeskStore.getState().begin({ desk: true, user: null, idleMinutes: 15 });
    useDeskStore.setState({ user: { id: 'u2', name: '李主管', role: 'supervisor' } });
    render(<DeskApp />);
    expect(await screen.findByTestId('audit-screen', {}, lazyScreen)).toBeTruthy();
    expect(screen.getByTestId('desk-tab-audit').getAttribute('aria-current')).toBe('page');
  });
});
