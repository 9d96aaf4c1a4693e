import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

const CLI = 'out/main/cli.js';

export type Outcome = { code: string; outcome: string; scanId?: string | null; trackingNo?: string; order?: string | null };

/** `packdesk bench` fed scans on stdin; each scan resolves with the JSON line it answered, or null if the process died first. */
export function startBenchProcess(dataDir: string) {
  const child = spawn(process.execPath, [CLI, 'bench', '--data-dir', dataDir, '--pin', '0000'], { stdio: ['pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
  const waiting: ((o: Outcome | null) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(JSON.parse(line) as Outcome));
  child.stderr.resume();
  child.stdin.on('error', () => {}); // a scan written as the process dies
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    scan: (code: string) =>
      new Promise<Outcome | null>((resolve) => {
        waiting.push(resolve);
        void exited.then(() => resolve(null));
        child.stdin.write(`${code}\n`);
      }),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async end() {
      child.stdin.end();
      await exited;
    },
  };
}
export type BenchProcess = ReturnType<typeof startBenchProcess>;
