import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { createWaybillKeysStore, WAYBILL_KEYS_FILE, type SecretBox } from './waybill-keys.store';

/** A keychain as safeStorage is one: AES-GCM under a key this "PC" alone holds. */
function keychain(): SecretBox {
  const key = randomBytes(32);
  return {
    kind: 'os',
    seal(text) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    open(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
const account = { key: 'K100-LIVE-KEY', secret: 'S3CRET-VALUE-123', accounts: { YTO: { partnerId: 'YT-0001', net: '东莞长安' } } };
const dir = () => mkdtempSync(join(tmpdir(), 'packdesk-keys-'));

describe('e-waybill accounts at rest', () => {
  it('sealed by the keychain: the file holds no secret, this PC reads it back, another PC cannot', () => {
    const d = dir();
    const box = keychain();
    createWaybillKeysStore(d, box).save('kuaidi100', account);
    const file = join(d, WAYBILL_KEYS_FILE);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('S3CRET');
    expect(text).not.toContain('K100-LIVE-KEY');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(createWaybillKeysStore(d, box).read().kuaidi100).toMatchObject(account);
    // A data folder copied to another PC: its keychain cannot open the file, and says so.
    expect(() => createWaybillKeysStore(d, keychain()).read()).toThrow(expect.objectContaining({ msg: expect.objectContaining({ key: 'waybills.keys.unreadable' }) }));
  });

  it('without a keychain: a file only this user can read', () => {
    const d = dir();
    const store = createWaybillKeysStore(d, null);
    store.save('kdniao', { businessId: '1234567', appKey: 'abc-def', accounts: { ZTO: { CustomerName: 'c', CustomerPwd: 'p' } } });
    expect(store.protection()).toBe('file');
    expect(statSync(join(d, WAYBILL_KEYS_FILE)).mode & 0o777).toBe(0o600);
    store.remove('kdniao');
    expect(store.read()).toEqual({});
  });

  it('a damaged file is refused with where it is, never half read', () => {
    const d = dir();
    writeFileSync(join(d, WAYBILL_KEYS_FILE), '{"v":1,"sealed":false,"keys":{"kuaidi100":{"key":"x"}}}');
    expect(() => createWaybillKeysStore(d, null).read()).toThrow(AppError);
  });

  it('generated hostile accounts: saved only when valid, the error names a field and never echoes a value', () => {
    const d = dir();
    const store = createWaybillKeysStore(d, keychain());
    const secretish = fc.string({ minLength: 0, maxLength: 300, unit: 'binary' });
    fc.assert(
      fc.property(
        fc.record({ key: secretish, secret: secretish, accounts: fc.dictionary(fc.string({ maxLength: 20 }), fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(secretish, fc.integer(), fc.boolean()), { maxKeys: 4 }), { maxKeys: 4 }) }, { requiredKeys: [] }),
        (input) => {
          let before: unknown;
          try {
            before = store.read();
          } catch {
            before = null;
          }
          try {
            store.save('kuaidi100', input);
            expect(store.read().kuaidi100).toBeDefined();
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            const rendered = JSON.stringify((error as AppError).msg);
            for (const value of [input.key, input.secret]) if (value && value.length >= 6) expect(rendered).not.toContain(value);
            expect(store.read()).toEqual(before);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
