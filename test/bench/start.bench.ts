import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBigStation } from './big-station';
import { figure, ms, percentile, type Figure } from './stats';

/** Process start → the browser station serving, on the 1M-order database; against opening it raw. */
export async function benchStart(resultsDir: string, runs = 5): Promise<Figure[]> {
  const dataDir = ensureBigStation(resultsDir);
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Packdesk station:')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`station exited with ${code}`)));
    });
    times.push(ms(t));
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  const floor: number[] = [];
  const probe = `const D=require('better-sqlite3');const d=new D(${JSON.stringify(join(dataDir, 'station.db'))});d.pragma('journal_mode=WAL');d.prepare('SELECT count(*) FROM users').get();d.close()`;
  for (let k = 0; k < runs; k++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', probe]);
    floor.push(ms(t));
  }
  return [
    figure({ path: 'core start to serving, 1M-order database (median)', value: percentile(times, 50), unit: 'ms', budget: '≤ 1 s', floor: { name: 'node + open the same DB raw', value: percentile(floor, 50) } }),
  ];
}
