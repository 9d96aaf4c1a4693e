import { AppError } from '#shared/contract/errors';
import type { PrintResult, SlipPrinterConfig } from '#shared/contract/devices.contract';
import { printerConfigProblem } from '#shared/domain/printer-target';
import { writeDeviceFile } from '../devices/device-file.transport';
import { openTcp9100, type Tcp9100Timeouts } from '../devices/tcp9100.transport';

/**
 * Where a slip may go is checked exactly as for a raw label printer: a host on a raw printing port
 * (9100–9109) or a printer device, never a file or another service.
 */
export function slipTargetProblem(config: SlipPrinterConfig) {
  return printerConfigProblem({ kind: 'tspl', host: config.host, port: config.port, devicePath: config.devicePath, systemPrinter: '' });
}

/** Sends slip bytes to the slip printer: TCP 9100 when a host is set, else the printer device. */
export async function sendSlip(config: SlipPrinterConfig, data: Buffer, timeouts?: Partial<Tcp9100Timeouts>): Promise<PrintResult> {
  const problem = slipTargetProblem(config);
  if (problem) throw new AppError('INVALID_INPUT', problem.message, { field: problem.field });
  const host = config.host.trim();
  if (!host) {
    const device = config.devicePath.trim();
    return { printer: `ESC/POS → ${device}`, bytes: await writeDeviceFile(device, data), file: null };
  }
  const conn = await openTcp9100({ host, port: config.port }, timeouts);
  try {
    return { printer: `ESC/POS → ${host}:${config.port}`, bytes: await conn.send(data), file: null };
  } finally {
    conn.destroy();
  }
}
