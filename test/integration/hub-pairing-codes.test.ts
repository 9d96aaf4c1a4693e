import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { call, hubStorage, startTestHub, versions, type TestHub } from '../helpers/hub-db';

/** What a station is told when its pairing code does not pair: which of expired, used or unknown. */
describe('a pairing code that does not pair says why', () => {
  const storage = hubStorage('sqlite');
  let hub: TestHub | undefined;
  afterEach(async () => hub?.close());
  afterAll(() => storage.dispose());

  const pair = (code: string, stationId: string) => call(hub!.url, null, 'POST', '/pair', { ...versions, code, stationId, stationName: stationId });

  it('expired, already used and unknown codes each get their own reason (all 401)', async () => {
    hub = await startTestHub(await storage.fresh());
    const { code: used } = await hub.hub.newPairingCode('packer');
    expect((await pair(used, 'st-a')).status).toBe(200);
    const again = await pair(used, 'st-b');
    expect(again).toMatchObject({ status: 401, body: { msg: { key: 'hub.pairing.codeUsed' } } });

    const { code: expired } = await hub.hub.newPairingCode('packer', 0);
    expect(await pair(expired, 'st-c')).toMatchObject({ status: 401, body: { msg: { key: 'hub.pairing.codeExpired', params: { minutes: 30 } } } });

    const unknown = [used, expired].includes('12345678') ? '87654321' : '12345678';
    expect(await pair(unknown, 'st-d')).toMatchObject({ status: 401, body: { msg: { key: 'hub.pairing.wrongCode' } } });
  });
});
