import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, UndecodableText } from './decode-text';

const TEXT = '订单编号,收货地址 \r\n="4012345678901234567",吉林省 通化市 柳河县 镕(135300)\r\n';

describe('decodeText', () => {
  it('reads GBK (the classic Taobao export encoding)', () => {
    expect(decodeText(iconv.encode(TEXT, 'gbk'))).toEqual({ text: TEXT, encoding: 'gb18030' });
  });

  it('reads GB18030-only characters that GBK lacks', () => {
    const rare = '𠀀姓名';
    expect(decodeText(iconv.encode(rare, 'gb18030')).text).toBe(rare);
  });

  it('reads UTF-8 with a BOM and strips the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]);
    const r = decodeText(bytes);
    expect(r).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(Buffer.from(TEXT, 'utf8'))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect(decodeText(bytes).text).toBe(TEXT);
  });

  it('accepts a plain Uint8Array as well as a Buffer', () => {
    const b = iconv.encode(TEXT, 'gbk');
    expect(decodeText(new Uint8Array(b)).text).toBe(TEXT);
  });

  it('obeys a forced encoding from a saved mapping', () => {
    expect(decodeText(iconv.encode(TEXT, 'gbk'), 'gbk').text).toBe(TEXT);
    expect(decodeText(Buffer.from(TEXT, 'utf8'), 'utf-8').text).toBe(TEXT);
  });

  it('treats pure ASCII as UTF-8', () => {
    expect(decodeText(Buffer.from('a,b\r\n', 'ascii'))).toEqual({ text: 'a,b\r\n', encoding: 'utf-8' });
  });

  it('refuses damaged bytes, saying which encoding failed and what decoded before the damage', () => {
    const refusal = (bytes: Uint8Array, forced?: 'gbk' | 'utf-8') => {
      try {
        decodeText(bytes, forced);
      } catch (e) {
        if (e instanceof UndecodableText) return { encoding: e.encoding, claimed: e.claimed, before: e.before };
        throw e;
      }
      throw new Error('expected the bytes to be refused');
    };
    const utf8 = Buffer.from(TEXT, 'utf8');
    // One damaged byte in a UTF-8 file: still UTF-8 (not GBK mojibake), refused after the clean text.
    expect(refusal(Buffer.concat([utf8, Buffer.from([0xe5, 0x0a])]))).toEqual({ encoding: 'utf-8', claimed: false, before: TEXT });
    // A GBK file cut inside a character: GBK, refused after the clean text.
    expect(refusal(Buffer.concat([iconv.encode(TEXT, 'gbk'), Buffer.from([0xd6, 0x2c])]))).toEqual({ encoding: 'gb18030', claimed: false, before: TEXT });
    expect(refusal(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8, Buffer.from([0xff])]))).toMatchObject({ encoding: 'utf-8', claimed: true });
    expect(refusal(iconv.encode(TEXT, 'gbk'), 'utf-8')).toMatchObject({ encoding: 'utf-8', claimed: true, before: '' });
    expect(refusal(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toMatchObject({ encoding: 'utf-16le', claimed: true });
  });

  it('takes a prefix cut inside a character as a prefix, not as damage', () => {
    const bytes = Buffer.from('订单编号', 'utf8');
    expect(decodeText(bytes.subarray(0, 4), 'auto', true).text).toBe('订');
  });
});
