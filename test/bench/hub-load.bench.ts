import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { HubBackend } from '../helpers/hub-db';
import { hubStation, pinHub, type HubStation } from '../helpers/hub-db';
import { figure, percentile, type Figure } from './stats';

/** How often a station syncs: the product pushes 250 ms after a change and pulls with it. */
const CYCLE_MS = 200;
/** Op ids stay unique across runs on one hub. */
let made = 0;

type Started = { url: string; fingerprint: string; stations: { stationId: string; token: string }[] };

/** The hub in its own process (hub-load.child.ts): its address, its stations, and its peak memory on demand. */
async function startHubProcess(backend: HubBackend, stations: number) {
  const child = spawn(process.execPath, ['node_modules/.bin/jiti', 'test/bench/hub-load.child.ts', backend, String(stations)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const replies: ((line: string) => void)[] = [];
  lines.on('line', (line) => replies.shift()?.(line));
  const next = () => new Promise<string>((resolve, reject) => {
    replies.push(resolve);
    child.once('exit', (code) => reject(new Error(`the hub process ended (${code})`)));
  });
  const started = JSON.parse(await next()) as Started;
  return {
    started,
    async memory() {
      child.stdin.write('peak\n');
      return JSON.parse(await next()) as { peak: number; start: number };
    },
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.end();
    }),
  };
}

type Run = { ops: number; errors: string[]; visible: number[]; entriesPulled: number };

/**
 * `rate` ops a second from each station for `seconds`: every station records its op (a scan),
 * then pushes what it has and pulls what others did, every CYCLE_MS, as the bench app does.
 * Visibility is measured from an op's recording to its arrival in another station's pull.
 */
async function drive(stations: readonly HubStation[], rate: number, seconds: number): Promise<Run> {
  const born = new Map<string, number>();
  const run: Run = { ops: 0, errors: [], visible: [], entriesPulled: 0 };
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    stations.map(async (station, index) => {
      let cursor = 0;
      let pending: { type: string; payload: unknown; opId: string }[] = [];
      let debt = 0;
      let last = performance.now();
      // Stations start spread over one cycle, as real benches do.
      await new Promise((r) => setTimeout(r, (index * CYCLE_MS) / stations.length));
      while (performance.now() < until) {
        const now = performance.now();
        debt += ((now - last) / 1000) * rate;
        last = now;
        for (; debt >= 1; debt--) {
          run.ops++;
          const opId = `${station.stationId}-${++made}`;
          born.set(opId, performance.now());
          pending.push({ opId, type: 'scan.recorded', payload: { id: opId, orderId: null, packerId: null, code: `69${String(made).padStart(11, '0')}`, outcome: 'not_found', skuCode: null, lineNo: null, units: 0, at: new Date().toISOString() } });
        }
        if (pending.length > 0) {
          const sent = pending;
          pending = [];
          const reply = await station.push(...sent);
          if (reply.status !== 200) run.errors.push(`push ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
          else for (const r of reply.body.results) if (r.outcome !== 'accepted') run.errors.push(`op ${r.outcome} ${JSON.stringify(r.reason)}`);
        }
        for (;;) {
          const reply = await station.pull(cursor);
          if (reply.status !== 200) {
            run.errors.push(`pull ${reply.status}`);
            break;
          }
          const at = performance.now();
          for (const e of reply.body.entries) {
            const from = e.stationId !== station.stationId ? born.get(e.opId) : undefined;
            if (from !== undefined) run.visible.push(at - from);
          }
          run.entriesPulled += reply.body.entries.length;
          cursor = reply.body.upto;
          if (cursor >= reply.body.head) break;
        }
        await new Promise((r) => setTimeout(r, CYCLE_MS));
      }
    }),
  );
  return run;
}

/**
 * Hub under load (issue 7): 50 stations each pushing 5 ops/s and pulling for 60 s, against a
 * SQLite and a PostgreSQL hub running in their own process over HTTPS. Floor: the same loop with
 * two stations on the same hub, before the load (what visibility costs when nothing competes).
 */
export async function benchHubLoad(stations = 50, rate = 5, seconds = 60): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const backend of ['sqlite', 'postgres'] as const) {
    const hub = await startHubProcess(backend, stations);
    try {
      const { url, fingerprint } = hub.started;
      pinHub(url, fingerprint);
      const all = hub.started.stations.map((s) => hubStation(url, s.stationId, s.token));
      const quiet = await drive(all.slice(0, 2), rate, Math.min(10, seconds));
      const loaded = await drive(all, rate, seconds);
      const { peak, start } = await hub.memory();
      const errors = [...quiet.errors, ...loaded.errors];
      if (errors.length > 0) throw new Error(`hub load (${backend}): ${errors.length} errors, first: ${errors[0]}`);
      const store = backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      figures.push(
        figure({
          path: `hub under load, ${stations} stations × ${rate} ops/s × ${seconds} s (${store}): push → visible elsewhere, p95`,
          value: percentile(loaded.visible, 95),
          unit: 'ms',
          budget: 'zero errors',
          floor: { name: '2 stations, same loop', value: percentile(quiet.visible, 95) },
          note: `0 errors; ${loaded.ops} ops, ${loaded.entriesPulled} entries pulled; p50 ${percentile(loaded.visible, 50).toFixed(0)} ms; sync cycle ${CYCLE_MS} ms`,
        }),
        figure({
          path: `hub under load (${store}): hub process peak memory`,
          value: peak / 2 ** 20,
          unit: 'MB',
          budget: '—',
          note: `${(start / 2 ** 20).toFixed(0)} MB when the stations were paired`,
        }),
      );
    } finally {
      await hub.stop();
    }
  }
  return figures;
}
