import { spawn } from 'node:child_process';

export type CommandResult = { code: number | null; stdout: string; stderr: string; timedOut: boolean; truncated: boolean };
export type CommandOptions = { input?: Buffer; timeoutMs?: number; maxOutputBytes?: number; env?: NodeJS.ProcessEnv };

/**
 * Runs a system tool without a shell (arguments are never parsed as shell text), feeds it `input`,
 * and collects at most `maxOutputBytes` of its output: a tool that floods or hangs is cut off and
 * killed, never left to grow the station's memory or hold a label forever. Rejects only when the
 * tool cannot be started at all (ENOENT: not installed).
 */
export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const { timeoutMs = 10_000, maxOutputBytes = 256 * 1024 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env, windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let timedOut = false;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (size + chunk.length > maxOutputBytes) {
        truncated = true;
        child.kill('SIGKILL');
        return;
      }
      size += chunk.length;
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, truncated });
    });
    // A tool that exits before reading all of its input (a wrong queue name) is not an error here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}

/** The tool's own words for a log or a message parameter: its first line, printable, at most 200 characters. */
export const firstLine = (text: string): string =>
  (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim().slice(0, 200);
