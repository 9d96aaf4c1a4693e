import { describe, expect, it } from 'vitest';
import { pageMemory } from './page-memory';

const storage = (items: Record<string, string> = {}) => ({
  getItem: (k: string) => items[k] ?? null,
  setItem: (k: string, v: string) => {
    items[k] = v;
  },
});

describe('page memory (a browser tab across a reload)', () => {
  it('is empty in a page opened fresh, and holds the last activity for the reload', () => {
    const tab = storage();
    expect(pageMemory(tab).lastActive).toBeNull();
    pageMemory(tab).remember(1_765_000_000_000.4);
    expect(pageMemory(tab).lastActive).toBe(1_765_000_000_000);
  });

  it('takes anything but a count of milliseconds, or no storage, as a fresh page', () => {
    for (const bad of ['', 'abc', '-5', '1e12', '9'.repeat(16)]) expect(pageMemory(storage({ 'packdesk.lastActive': bad })).lastActive).toBeNull();
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(pageMemory(broken).lastActive).toBeNull();
    expect(() => pageMemory(broken).remember(1)).not.toThrow();
    expect(pageMemory(null).lastActive).toBeNull();
  });
});
