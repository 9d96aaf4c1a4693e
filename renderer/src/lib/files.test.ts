import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readFileAsText } from './files';

describe('readFileAsText', () => {
  it('reads a GBK text file as a seller saves it in Notepad (it showed mojibake that an edit then sent)', async () => {
    const gbk = iconv.encode('中通单号\r\n73100000000001\r\n', 'gbk');
    expect(await readFileAsText(new Blob([new Uint8Array(gbk)]))).toBe('中通单号\r\n73100000000001\r\n');
  });

  it('reads UTF-8, with or without a BOM', async () => {
    expect(await readFileAsText(new Blob([new TextEncoder().encode('中通单号\n')]))).toBe('中通单号\n');
    expect(await readFileAsText(new Blob([new TextEncoder().encode('\ufeff中通\n')]))).toBe('中通\n');
  });
});
