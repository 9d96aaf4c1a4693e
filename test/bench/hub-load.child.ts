import { createInterface } from 'node:readline';
import { hubStorage, startTestHub, type HubBackend } from '../helpers/hub-db';

/**
 * The hub of the load bench, in a process of its own so its memory is its own: it pairs the
 * stations it is asked for, prints where they are, and answers `peak` with its highest resident
 * memory so far, sampled every 100 ms, until stdin closes.
 */
const [backend, count] = [process.argv[2] as HubBackend, Number(process.argv[3])];
const storage = hubStorage(backend);
const hub = await startTestHub(await storage.fresh());
const stations = [];
for (let i = 0; i < count; i++) {
  const s = await hub.station(`负载台 ${i + 1}`, 'packer', `st-load-${i + 1}`);
  stations.push({ stationId: s.stationId, token: s.token });
}
let peak = process.memoryUsage().rss;
const start = peak;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
console.log(JSON.stringify({ url: hub.url, fingerprint: hub.fingerprint, stations }));
const lines = createInterface({ input: process.stdin });
lines.on('line', () => console.log(JSON.stringify({ peak, start })));
lines.on('close', async () => {
  clearInterval(sampler);
  await hub.close();
  await storage.dispose();
  process.exit(0);
});
