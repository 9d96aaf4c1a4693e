// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n/setup';
import { benchState, line } from '../../test/fixtures';
import { useBenchStore } from './bench.store';
import { LinesTable } from './LinesTable';

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
});
afterEach(cleanup);

/** The rule the bench's stylesheet gives a class (vitest does not load CSS into jsdom). */
function cssRule(selector: string): string {
  const css = readFileSync(join(__dirname, 'bench-lines.css'), 'utf8');
  return new RegExp(`(^|\\n)\\${selector} \\{([^}]*)\\}`).exec(css)?.[2] ?? '';
}

describe('an item title on the bench', () => {
  it('keeps each code in it on one line, so a narrow column wraps the title, never "SKU-" / "0024"', () => {
    useBenchStore.setState({ state: benchState([{ ...line(1, 1, 0, 'SKU-0024'), title: '简约连衣裙 SKU-0024 夏季款 XL-2024' }]) });
    render(<LinesTable />);
    const title = within(screen.getByTestId('line-1')).getByText(/简约连衣裙/);
    expect(title.textContent).toBe('简约连衣裙 SKU-0024 夏季款 XL-2024');
    const codes = [...title.querySelectorAll('.line-code')].map((c) => c.textContent);
    expect(codes).toEqual(['SKU-0024', 'XL-2024']);
    expect(cssRule('.line-code')).toMatch(/white-space:\s*nowrap/);
  });
});
