// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n/setup';
import { DeadlineLeft } from './DeadlineLeft';

const now = Date.parse('2026-12-07T08:36:00.000Z');
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
const text = (minutes: number) => {
  const { container, unmount } = render(<DeadlineLeft deadline={at(minutes)} now={now} />);
  const shown = container.textContent;
  unmount();
  return shown;
};

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
});
afterEach(cleanup);

describe('DeadlineLeft', () => {
  it('counts minutes in the last hour either side of the deadline (it said 剩 0 小时 with 54 minutes left)', () => {
    expect(text(54)).toBe('剩 54 分');
    expect(text(-20)).toBe('已超时 20 分');
    expect(text(150)).toBe('剩 2 小时');
    expect(text(-150)).toBe('已超时 2 小时');
    expect(text(3 * 24 * 60)).toBe('剩 3 天');
    setLanguage('en');
    expect(text(54)).toBe('54 min left');
  });
});
