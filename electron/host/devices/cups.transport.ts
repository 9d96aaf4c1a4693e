import { AppError } from '#shared/contract/errors';
import type { SystemPrinter, SystemPrinters } from '#shared/contract/devices.contract';
import { isSystemPrinterName } from '#shared/domain/printer-target';
import { msg } from '#shared/i18n/message';
import { firstLine, runCommand, type CommandResult } from './run-command';

/**
 * CUPS (Linux, macOS) through its own command-line tools: `lpstat` lists the queues and their
 * state, `lp` submits a job. Raw jobs (TSPL/ZPL bytes) go with `-o raw`, so no filter touches
 * them; a PDF goes without, through the queue's driver, at the label's size. The tools run in the
 * C locale: their output is parsed, and a Chinese desktop would otherwise translate it.
 */

export type Run = (command: string, args: readonly string[], input?: Buffer) => Promise<CommandResult>;

const C_LOCALE = { ...process.env, LC_ALL: 'C', LANG: 'C' };
export const runCups: Run = (command, args, input) =>
  runCommand(command, args, { env: C_LOCALE, timeoutMs: 15_000, ...(input ? { input } : {}) });

const MAX_PRINTERS = 200;

/** `lpstat -e`: one destination name per line. Names that are not printer names are dropped, never used. */
export function parseLpstatNames(text: string): string[] {
  const names = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '' && isSystemPrinterName(l));
  return [...new Set(names)].slice(0, MAX_PRINTERS);
}

const PRINTER_LINE = /^printer (\S{1,127}) (?:is idle\.|now printing (\S{1,160})\.|disabled since .{1,80}?-?)(?:\s|$)/;

/**
 * `lpstat -p`: "printer NAME is idle.  enabled since …", "printer NAME now printing NAME-7.  enabled
 * since …", or "printer NAME disabled since … -" with the reason on the tab-indented line below.
 */
export function parseLpstatStates(text: string): Map<string, Pick<SystemPrinter, 'state' | 'reason'>> {
  const states = new Map<string, Pick<SystemPrinter, 'state' | 'reason'>>();
  let last: string | null = null;
  for (const line of text.split('\n').map((l) => l.replace(/\r$/, ''))) {
    const m = PRINTER_LINE.exec(line);
    if (m?.[1] && isSystemPrinterName(m[1])) {
      last = m[1];
      const state = line.includes(' is idle.') ? 'idle' : m[2] ? 'printing' : 'disabled';
      states.set(last, { state, reason: '' });
    } else if (last && /^\t\S/.test(line)) {
      const current = states.get(last);
      if (current && current.state === 'disabled' && current.reason === '') current.reason = firstLine(line);
    } else {
      last = null;
    }
  }
  return states;
}

/** `lpstat -d`: "system default destination: NAME". */
export function parseLpstatDefault(text: string): string | null {
  const m = /^system default destination: (\S{1,127})$/m.exec(text);
  return m?.[1] && isSystemPrinterName(m[1]) ? m[1] : null;
}

/** The CUPS queues with their state; CUPS missing or its scheduler stopped is said, not thrown. */
export async function listCupsPrinters(run: Run = runCups): Promise<SystemPrinters> {
  let names: CommandResult;
  try {
    names = await run('lpstat', ['-e']);
  } catch {
    return { source: 'none', printers: [], problem: msg('devices.system.noCups') };
  }
  if (names.code !== 0) {
    return { source: 'cups', printers: [], problem: msg('devices.system.cupsDown', { reason: firstLine(names.stderr || names.stdout) }) };
  }
  const [states, byDefault] = await Promise.all([run('lpstat', ['-p']), run('lpstat', ['-d'])]);
  const state = parseLpstatStates(states.stdout);
  const preferred = parseLpstatDefault(byDefault.stdout);
  const printers = parseLpstatNames(names.stdout).map((name) => ({
    name, state: state.get(name)?.state ?? 'unknown', reason: state.get(name)?.reason ?? '', isDefault: name === preferred,
  } satisfies SystemPrinter));
  return { source: 'cups', printers, problem: null };
}

/** "request id is QUEUE-42 (1 file(s))" */
const REQUEST_ID = /^request id is (\S{1,200}-\d{1,10}) \(\d{1,4} file\(s\)\)$/m;

export type CupsJob = { queue: string; data: Buffer; raw: boolean; title: string; media?: { widthMm: number; heightMm: number } };

/**
 * Submits one job with `lp` and resolves with its CUPS job id. A job CUPS did not accept (no such
 * queue, a queue that rejects jobs, lp missing) fails as DEVICE_UNAVAILABLE with nothing printed:
 * lp accepts a job whole or not at all.
 */
export async function printToCups(job: CupsJob, run: Run = runCups): Promise<string> {
  if (!isSystemPrinterName(job.queue)) {
    throw new AppError('INVALID_INPUT', msg('devices.invalid.systemPrinter', { name: job.queue.slice(0, 80) }), { field: 'systemPrinter' });
  }
  const args = ['-d', job.queue, '-t', cupsTitle(job.title)];
  if (job.raw) args.push('-o', 'raw');
  // Through a driver the page is the label, edge to edge.
  if (job.media) args.push('-o', `media=Custom.${job.media.widthMm}x${job.media.heightMm}mm`, '-o', 'fit-to-page');
  let result: CommandResult;
  try {
    result = await run('lp', args, job.data);
  } catch (error) {
    throw new AppError('DEVICE_UNAVAILABLE', msg('devices.system.noCups'), { code: (error as NodeJS.ErrnoException).code });
  }
  const id = REQUEST_ID.exec(result.stdout)?.[1];
  if (result.code !== 0 || !id) {
    const detail = firstLine(result.stderr || result.stdout);
    // A queue someone stopped (cupsreject / disabled) is said as such; lp's English stays only as the detail.
    const why = /not accepting jobs/i.test(detail) ? msg('devices.system.paused', { queue: job.queue, detail }) : msg('devices.system.refused', { queue: job.queue, reason: detail });
    throw new AppError('DEVICE_UNAVAILABLE', why, { queue: job.queue });
  }
  return id;
}

/** A job title CUPS shows in its queue: printable, never read as an option. */
export const cupsTitle = (title: string): string => title.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[-_]+/, '').slice(0, 100) || 'label';
