import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { pagedList, type PagedList, type PageRequest } from './paged-list';

type Row = { id: string };
type Store = PagedList<'all' | 'open'> & { rows: Row[] };

/** A store whose host answers are settled by hand, in any order. */
function makeStore() {
  const pending: { request: PageRequest<'all' | 'open'>; resolve: (rows: Row[]) => void; reject: (e: unknown) => void }[] = [];
  const store = create<Store>()((set, get) => ({
    ...pagedList(set, get, {
      filter: 'all',
      fetchPage: (request) =>
        new Promise<Row[]>((resolve, reject) => pending.push({ request, resolve, reject })).then((rows) => ({ total: rows.length, rows })),
    }),
    rows: [],
  }));
  return { store, pending };
}

describe('paged list', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for a pause in typing, then searches once for the trimmed query from the first page', () => {
    const { store, pending } = makeStore();
    store.setState({ offset: 100 });
    store.getState().setQuery(' 张');
    store.getState().setQuery(' 张三 ');
    expect(store.getState()).toMatchObject({ query: ' 张三 ', offset: 0 });
    vi.advanceTimersByTime(249);
    expect(pending).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(pending.map((p) => p.request)).toEqual([{ query: '张三', filter: 'all', limit: 50, offset: 0 }]);
  });

  it('loads at once for a new filter (from the first page) or page (never below zero)', () => {
    const { store, pending } = makeStore();
    store.setState({ offset: 50 });
    store.getState().setFilter('open');
    store.getState().setPage(-50);
    expect(pending.map((p) => p.request.offset)).toEqual([0, 0]);
    expect(pending[0]?.request.filter).toBe('open');
  });

  it('keeps the newest answer when an earlier, slower one comes back last', async () => {
    const { store, pending } = makeStore();
    const first = store.getState().load();
    const second = store.getState().load();
    pending[1]?.resolve([{ id: 'new' }]);
    await second;
    expect(store.getState()).toMatchObject({ rows: [{ id: 'new' }], total: 1, loading: false, loaded: true });
    pending[0]?.resolve([{ id: 'old' }, { id: 'older' }]);
    await first;
    expect(store.getState().rows).toEqual([{ id: 'new' }]);
  });

  it('keeps the error of the latest load and shows it was loading until then', async () => {
    const { store, pending } = makeStore();
    const load = store.getState().load();
    expect(store.getState().loading).toBe(true);
    pending[0]?.reject(new AppError('TIMEOUT', msg('rpc.timeout', { method: 'orders.list' })));
    await load;
    expect(store.getState()).toMatchObject({ loading: false, loaded: false, error: { code: 'TIMEOUT' } });
  });
});
