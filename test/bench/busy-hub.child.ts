import { createInterface } from 'node:readline';
import { hubStorage, startTestHub } from '../helpers/hub-db';
import { feederOps } from './sync.bench';

/**
 * The hub of the "scan while a station catches up" figure, in a process of its own: its work of
 * serving 100k entries must not share the station's event loop (in a shop it runs on another PC).
 * It fills its log with `entries` ops from another station, prints where it is and a pairing
 * code, and stops when stdin closes.
 */
const entries = Number(process.argv[2]);
const storage = hubStorage('sqlite');
const hub = await startTestHub(await storage.fresh());
const feeder = await hub.station('feeder', 'supervisor');
for (let sent = 0; sent < entries; sent += 500) {
  const reply = await feeder.push(...feederOps(Math.min(500, entries - sent), sent));
  const refused = reply.body.results?.find((r) => r.outcome !== 'accepted' && r.outcome !== 'conflict');
  if (reply.status !== 200 || refused) throw new Error(`feeding the hub failed: ${JSON.stringify(refused ?? reply.body).slice(0, 500)}`);
}
const { code } = await hub.hub.newPairingCode('supervisor');
console.log(JSON.stringify({ url: hub.url, fingerprint: hub.fingerprint, code, head: await hub.hub.head() }));
createInterface({ input: process.stdin }).on('close', async () => {
  await hub.close();
  await storage.dispose();
  process.exit(0);
});
