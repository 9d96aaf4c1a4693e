import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxCounts } from '#shared/contract/inbox.contract';
import { watchInbox } from './inbox-watch';

describe('inbox watch: the top bar badge', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const counter = () => {
    let n = 0;
    const reads: number[] = [];
    return { reads, counts: () => (reads.push(Date.now()), { total: ++n } as unknown as InboxCounts) };
  };

  it('reads the counts once a short pause after a change, and sends them when they differ', () => {
    const c = counter();
    const sent: unknown[] = [];
    const watch = watchInbox(c.counts, (x) => sent.push(x), { pauseMs: 300 });
    watch.touch();
    watch.touch();
    vi.advanceTimersByTime(299);
    expect(c.reads).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(c.reads).toHaveLength(1);
    expect(sent).toHaveLength(1);
    watch.stop();
  });

  it('holds the read while a packer scans beside an import, at most maxHoldMs, then reads', () => {
    const c = counter();
    let busy = true;
    const watch = watchInbox(c.counts, () => {}, { pauseMs: 300, holdWhile: () => busy, maxHoldMs: 3000 });
    watch.touch();
    vi.advanceTimersByTime(2900);
    expect(c.reads).toHaveLength(0);
    vi.advanceTimersByTime(700);
    expect(c.reads).toHaveLength(1);

    // Once the import is done, the next change is counted after the usual pause.
    busy = false;
    watch.touch();
    vi.advanceTimersByTime(300);
    expect(c.reads).toHaveLength(2);
    watch.stop();
  });
});
