import { toUiError, type UiError } from '../api/errors';

/** The state and actions of a searchable, filterable, paged list; a store spreads them into its own. */
export type PagedList<F> = {
  query: string;
  filter: F;
  offset: number;
  limit: number;
  total: number;
  loading: boolean;
  /** True once a first page came back (tells "empty station" from "still loading"). */
  loaded: boolean;
  error: UiError | null;
  setQuery(query: string): void;
  setFilter(filter: F): void;
  setPage(offset: number): void;
  /** A new page size: back to the first page. */
  setLimit(limit: number): void;
  load(): Promise<void>;
};

export type PageRequest<F> = { query: string; filter: F; limit: number; offset: number };

/** Long enough that typing a word costs one host round trip, short enough to feel live. */
const searchDelayMs = 250;

/**
 * The list part of a zustand store. `fetchPage` asks the host for one page and returns what to set:
 * the rows and the total, picked out by name (the host may send more than the store keeps). Typing
 * in the search box reloads after a pause; a new filter or page reloads at once, and a new query or
 * filter starts again from the first page.
 */
export function pagedList<S extends PagedList<S['filter']>>(
  set: (patch: Partial<S>) => void,
  get: () => S,
  options: { filter: S['filter']; fetchPage: (request: PageRequest<S['filter']>) => Promise<Partial<S>> },
): PagedList<S['filter']> {
  // Runs once, when the store is made: one pending search and one load counter per list.
  let searchTimer: ReturnType<typeof setTimeout> | null = null;
  let listSeq = 0;
  // A patch of the list's own fields is a patch of S; TypeScript cannot see that for a generic S.
  const patch = (p: Partial<PagedList<S['filter']>>) => set(p as Partial<S>);
  return {
    query: '',
    filter: options.filter,
    offset: 0,
    limit: 50,
    total: 0,
    loading: false,
    loaded: false,
    error: null,
    setQuery(query) {
      patch({ query, offset: 0 });
      if (searchTimer !== null) clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        searchTimer = null;
        void get().load();
      }, searchDelayMs);
    },
    setFilter(filter) {
      patch({ filter, offset: 0 });
      void get().load();
    },
    setPage(offset) {
      patch({ offset: Math.max(0, offset) });
      void get().load();
    },
    setLimit(limit) {
      patch({ limit, offset: 0 });
      void get().load();
    },
    async load() {
      const { query, filter, limit, offset } = get();
      const mine = ++listSeq;
      patch({ loading: true, error: null });
      try {
        const page = await options.fetchPage({ query: query.trim(), filter, limit, offset });
        // A slower earlier search must not overwrite a newer one.
        if (mine === listSeq) set({ ...page, loaded: true });
      } catch (e) {
        if (mine === listSeq) patch({ error: toUiError(e) });
      } finally {
        if (mine === listSeq) patch({ loading: false });
      }
    },
  };
}
