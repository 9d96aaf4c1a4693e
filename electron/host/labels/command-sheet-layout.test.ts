import { describe, expect, it } from 'vitest';
import { benchCommands } from '#shared/contract/bench.contract';
import { buildCommandSheetLayout } from './command-sheet-layout';

const texts = (lang: 'zh-CN' | 'en') =>
  buildCommandSheetLayout('100x150', lang).elements.flatMap((e) => (e.kind === 'text' ? [e.text] : []));

describe('the command barcode sheet', () => {
  it('names PD:CANCEL as the bench button that puts the order down, never "cancel order"', () => {
    const zh = texts('zh-CN');
    expect(zh).toContain('放下订单');
    expect(zh.join(' ')).not.toContain('取消');
    expect(texts('en')).toContain('Put aside');
    expect(texts('en').join(' ')).not.toMatch(/cancel/i);
  });

  it('prints one barcode per bench command, each under its name', () => {
    const codes = buildCommandSheetLayout('100x150').elements.flatMap((e) => (e.kind === 'code128' ? [e.data] : []));
    expect(codes).toEqual([...benchCommands]);
  });
});
