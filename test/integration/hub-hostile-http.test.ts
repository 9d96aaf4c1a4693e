import fc from 'fast-check';
import { op } from '../helpers/op-fixtures';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hubErrorSchema } from '#shared/contract/hub.contract';
import { JSON_DEPTH_MAX } from '../../electron/hub/hub-server';
import { hubBackends, hubStorage, startTestHub, versions, type TestHub } from '../helpers/hub-db';
import { rawRequest } from '../helpers/hostile-http';

const sku = (code: string) => op('scan.recorded', { id: `scan-${code}` });

describe.each(hubBackends)('hostile bodies over HTTPS (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub;
  afterEach(async () => hub?.close());
  afterAll(() => storage.dispose());

  /** Every refusal is a 4xx in the hub's error shape, and the hub goes on serving stations. */
  async function expectRefused(reply: { status: number; body: unknown }, key?: string) {
    expect(reply.status, JSON.stringify(reply.body).slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(hubErrorSchema.safeParse(reply.body).error).toBeUndefined();
    if (key) expect(reply.body).toMatchObject({ msg: { key } });
  }

  it('a million-deep body, a huge string, wrong content types and garbage get 4xx with a reason, and honest stations keep syncing', async () => {
    hub = await startTestHub(await storage.fresh());
    const honest = await hub.station('honest');
    const { token } = honest;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = (body: string | Buffer, headers: Record<string, string> = auth, path = '/sync/push') => rawRequest(hub.url, { path, body, headers });

    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    await expectRefused(await post(deep), 'hub.error.bodyTooDeep');
    // The shape that overflowed the stack once parsed: a well-formed push whose op payload nests a million levels.
    const op = `{"stationSeq":1,"opId":"o1","type":"sku.saved","version":1,"createdAt":"","payload":${deep}}`;
    await expectRefused(await post(`{"protocol":1,"appVersion":"x","schemaVersion":2,"hubEpoch":null,"ops":[${op}]}`), 'hub.error.bodyTooDeep');
    await expectRefused(await post(`{"ops":${'['.repeat(JSON_DEPTH_MAX + 1)}${']'.repeat(JSON_DEPTH_MAX + 1)}}`, auth, '/pair'), 'hub.error.bodyTooDeep');
    await expectRefused(await post(JSON.stringify({ ...versions, hubEpoch: null, ops: [], pad: 'x'.repeat(9 * 1024 * 1024) })), 'hub.error.bodyTooLarge');
    await expectRefused(await post('{"ops": [', auth), 'hub.error.bodyNotJson');
    await expectRefused(await post('', auth), 'hub.error.bodyNotJson');
    await expectRefused(await post('{"__proto__": {"admin": true}}', auth));
    await expectRefused(await post(Buffer.from([0xff, 0xfe, 0x00, 0xc0, 0xae, 0x7b])));
    await expectRefused(await post('protocol=1', { ...auth, 'content-type': 'application/x-www-form-urlencoded' }), 'hub.error.contentType');
    await expectRefused(await post('{}', { ...auth, 'content-type': 'text/plain' }), 'hub.error.contentType');
    await expectRefused(await post(JSON.stringify({ ...versions, hubEpoch: null, ops: 'all of them' })), 'hub.error.invalidField');
    await expectRefused(await rawRequest(hub.url, { method: 'GET', path: '/%ff/../..%2f', headers: auth }));

    expect((await honest.push(sku('S1'))).body.results).toEqual([expect.objectContaining({ outcome: 'accepted' })]);
    expect((await honest.pull()).status).toBe(200);
  });

  it('generated garbage never gets a 5xx, and never enters the log', async () => {
    hub = await startTestHub(await storage.fresh());
    const honest = await hub.station('honest');
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ ...versions, hubEpoch: null, ops: [v] })),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.integer({ min: 60, max: 200 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
    );
    const path = fc.constantFrom('/sync/push', '/pair', '/sync/lease', '/admin/pairing-codes', '/admin/replacement-codes');
    const type = fc.constantFrom('application/json', 'application/json; charset=latin1', 'text/plain', 'application/octet-stream', 'multipart/form-data');
    await fc.assert(
      fc.asyncProperty(body, path, type, async (b, p, t) => {
        const reply = await rawRequest(hub.url, { path: p, body: b, headers: { authorization: `Bearer ${honest.token}`, 'content-type': t } });
        expect(reply.status, `${p} ${t}: ${reply.text.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await hub.hub.head()).toBe(0);
    expect((await honest.push(sku('after'))).status).toBe(200);
  });
});
