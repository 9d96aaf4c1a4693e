import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchBusyScan } from './busy-scan.bench';
import { benchFeedback } from './feedback.bench';
import { benchHandover } from './handover.bench';
import { benchHubLoad } from './hub-load.bench';
import { benchImport } from './import.bench';
import { benchInbox } from './inbox.bench';
import { benchLabel } from './label.bench';
import { benchScan } from './scan.bench';
import { benchStart } from './start.bench';
import { benchSync } from './sync.bench';
import { benchWaybills } from './waybills.bench';
import { figure, printFigures, type Figure } from './stats';

// `npm run bench`: every budget of DESIGN §12 as a figure, with the floor measured in this same run.
const resultsDir = join(process.cwd(), 'bench-results');
mkdirSync(resultsDir, { recursive: true });
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

const figures: Figure[] = [];
const section = async (name: string, run: () => Promise<Figure[]>) => {
  if (!want(name)) return;
  process.stdout.write(`· ${name}… `);
  const found = await run();
  figures.push(...found);
  console.log(found.map((f) => `${f.value.toFixed(2)} ${f.unit}`).join(', '));
};

await section('scan', () => benchScan(resultsDir));
await section('label', async () => [...(await benchLabel('tspl')), ...(await benchLabel('zpl'))]);
await section('import', () => benchImport());
await section('start', () => benchStart(resultsDir));
await section('feedback', () => benchFeedback());
await section('sync', () => benchSync());
await section('hub-load', () => benchHubLoad());
await section('busy', () => benchBusyScan());
await section('inbox', () => benchInbox(resultsDir));
await section('handover', () => benchHandover());
await section('waybills', () => benchWaybills());
await section('bundle', async () => {
  const assets = join(process.cwd(), 'out', 'renderer', 'assets');
  const html = readFileSync(join(process.cwd(), 'out', 'renderer', 'index.html'), 'utf8');
  // The first screen loads what index.html references (entry script, its preloads and CSS).
  const first = readdirSync(assets).filter((f) => html.includes(f) && /\.(js|css)$/.test(f));
  const bytes = first.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f))).length, 0);
  return [figure({ path: 'renderer first screen (gzip)', value: bytes / 1024, unit: 'KB', budget: '≤ 500 KB', note: first.join(', ') })];
});

const table = printFigures(figures);
console.log(`\n${table}\n`);
const stamp = new Date().toISOString();
writeFileSync(join(resultsDir, 'latest.md'), `Measured ${stamp} on ${process.platform}/${process.arch}, Node ${process.version}\n\n${table}\n`);
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify({ stamp, figures }, null, 2));
