import { z } from 'zod';
import { AppError } from '#shared/contract/errors';
import type { SystemPrinter, SystemPrinters } from '#shared/contract/devices.contract';
import { isSystemPrinterName } from '#shared/domain/printer-target';
import { msg } from '#shared/i18n/message';
import { DELIVERY_UNKNOWN } from './printer.port';
import { firstLine, runCommand, type CommandResult } from './run-command';

/**
 * The Windows print spooler, through PowerShell (present on every Windows 10/11): `Get-Printer`
 * lists the printers, and a raw job goes to a printer by name through the documented winspool
 * calls OpenPrinter → StartDocPrinter (datatype "RAW") → WritePrinter → EndDocPrinter, which is
 * how a driver-less TSPL/ZPL job reaches a USB printer on Windows. The printer name and title
 * travel as environment variables and the job as base64 on stdin: nothing from a setting is ever
 * part of the script text. Written from Microsoft's documentation; verified here by unit tests only.
 */

type Run = (script: string, env: Record<string, string>, input?: Buffer) => Promise<CommandResult>;

/** PowerShell reads -EncodedCommand as base64 of UTF-16LE. */
export const encodeScript = (script: string): string => Buffer.from(script, 'utf16le').toString('base64');

export const runPowerShell: Run = (script, env, input) =>
  runCommand('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodeScript(script)], {
    env: { ...process.env, ...env }, timeoutMs: 30_000, ...(input ? { input } : {}),
  });

export const LIST_SCRIPT = `$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [Text.Encoding]::UTF8
$default = (Get-CimInstance -ClassName Win32_Printer -Filter 'Default = TRUE' | Select-Object -First 1).Name
$list = @(Get-Printer | ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Status = [string]$_.PrinterStatus; Default = ($_.Name -eq $default) } })
ConvertTo-Json -InputObject $list -Compress`;

const listedSchema = z.array(
  z.object({ Name: z.string().max(127), Status: z.string().max(40), Default: z.boolean() }).strip(),
).max(200);

/** Get-Printer's PrinterStatus names (Normal, Printing, Paused, Error, Offline, PaperOut …). */
function stateOf(status: string): Pick<SystemPrinter, 'state' | 'reason'> {
  if (status === 'Normal' || status === '0' || status === '') return { state: 'idle', reason: '' };
  if (status === 'Printing' || status === 'Busy' || status === 'Processing' || status === 'WarmingUp') return { state: 'printing', reason: '' };
  return { state: 'disabled', reason: status.replace(/[^\w ]/g, '').slice(0, 40) };
}

/** Parses the list script's JSON strictly; anything else is no list (never half of one). */
export function parseWindowsPrinters(stdout: string): SystemPrinter[] | null {
  let json: unknown;
  try {
    json = JSON.parse(stdout.trim() || '[]');
  } catch {
    return null;
  }
  const parsed = listedSchema.safeParse(json);
  if (!parsed.success) return null;
  return parsed.data.filter((p) => isSystemPrinterName(p.Name)).map((p) => ({ name: p.Name, ...stateOf(p.Status), isDefault: p.Default }));
}

export async function listWindowsPrinters(run: Run = runPowerShell): Promise<SystemPrinters> {
  let result: CommandResult;
  try {
    result = await run(LIST_SCRIPT, {});
  } catch {
    return { source: 'none', printers: [], problem: msg('devices.system.noPowerShell') };
  }
  const printers = result.code === 0 ? parseWindowsPrinters(result.stdout) : null;
  if (!printers) return { source: 'windows', printers: [], problem: msg('devices.system.listFailed', { reason: firstLine(result.stderr || result.stdout) }) };
  return { source: 'windows', printers, problem: null };
}

export const RAW_SCRIPT = `$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class PackdeskRawPrinter {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDatatype; }
  [DllImport("winspool.drv", SetLastError = true, CharSet = CharSet.Unicode)] public static extern bool OpenPrinter(string name, out IntPtr handle, IntPtr defaults);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool ClosePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true, CharSet = CharSet.Unicode)] public static extern int StartDocPrinter(IntPtr handle, int level, [In] DOCINFO info);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndDocPrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool StartPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool WritePrinter(IntPtr handle, byte[] bytes, int count, out int written);
}
'@
$bytes = [Convert]::FromBase64String([Console]::In.ReadToEnd())
$handle = [IntPtr]::Zero
if (-not [PackdeskRawPrinter]::OpenPrinter($env:PACKDESK_PRINTER, [ref]$handle, [IntPtr]::Zero)) {
  [Console]::Out.WriteLine('OPEN-FAILED ' + [Runtime.InteropServices.Marshal]::GetLastWin32Error()); exit 2
}
try {
  $info = New-Object PackdeskRawPrinter+DOCINFO
  $info.pDocName = $env:PACKDESK_TITLE
  $info.pDatatype = 'RAW'
  $job = [PackdeskRawPrinter]::StartDocPrinter($handle, 1, $info)
  if ($job -le 0) { [Console]::Out.WriteLine('START-FAILED ' + [Runtime.InteropServices.Marshal]::GetLastWin32Error()); exit 3 }
  [Console]::Out.WriteLine('JOB ' + $job)
  [void][PackdeskRawPrinter]::StartPagePrinter($handle)
  $written = 0
  $ok = [PackdeskRawPrinter]::WritePrinter($handle, $bytes, $bytes.Length, [ref]$written)
  [void][PackdeskRawPrinter]::EndPagePrinter($handle)
  [void][PackdeskRawPrinter]::EndDocPrinter($handle)
  if (-not $ok -or $written -ne $bytes.Length) { [Console]::Out.WriteLine('WRITE-FAILED ' + $written); exit 4 }
  [Console]::Out.WriteLine('DONE ' + $written)
} finally { [void][PackdeskRawPrinter]::ClosePrinter($handle) }`;

export type RawOutcome = { kind: 'done'; jobId: string } | { kind: 'not-started'; reason: string } | { kind: 'unknown'; reason: string };

/**
 * What the raw script's output says happened. Before "JOB n" nothing reached the spooler, so the
 * job may be sent again; after it, the spooler may hold part of the job, so the outcome is unknown.
 */
export function parseRawOutcome(result: Pick<CommandResult, 'code' | 'stdout' | 'stderr'>): RawOutcome {
  const lines = result.stdout.split(/\r?\n/);
  const job = lines.map((l) => /^JOB (\d{1,10})$/.exec(l)?.[1]).find(Boolean);
  const done = lines.some((l) => /^DONE \d{1,10}$/.test(l));
  if (job && done && result.code === 0) return { kind: 'done', jobId: job };
  const reason = firstLine(lines.find((l) => /^(OPEN|START|WRITE)-FAILED/.test(l)) ?? result.stderr) || `exit ${result.code ?? '?'}`;
  return job ? { kind: 'unknown', reason } : { kind: 'not-started', reason };
}

/** Sends raw bytes to a Windows printer by name; resolves with the spooler's job id. */
export async function printRawToWindows(printer: string, data: Buffer, title: string, run: Run = runPowerShell): Promise<string> {
  if (!isSystemPrinterName(printer)) {
    throw new AppError('INVALID_INPUT', msg('devices.invalid.systemPrinter', { name: printer.slice(0, 80) }), { field: 'systemPrinter' });
  }
  let result: CommandResult;
  try {
    result = await run(RAW_SCRIPT, { PACKDESK_PRINTER: printer, PACKDESK_TITLE: title.slice(0, 100) }, Buffer.from(data.toString('base64')));
  } catch {
    throw new AppError('DEVICE_UNAVAILABLE', msg('devices.system.noPowerShell'));
  }
  const outcome = parseRawOutcome(result);
  if (outcome.kind === 'done') return outcome.jobId;
  if (outcome.kind === 'not-started') throw new AppError('DEVICE_UNAVAILABLE', msg('devices.system.refused', { queue: printer, reason: outcome.reason }), { queue: printer });
  throw new AppError('PRINT_FAILED', msg('devices.system.broken', { queue: printer, reason: outcome.reason }), { queue: printer, ...DELIVERY_UNKNOWN });
}
