import { AppError } from '#shared/contract/errors';
import type { PrintResult, SlipPrinterConfig } from '#shared/contract/devices.contract';
import { printerConfigProblem } from '#shared/domain/printer-target';
import { writeDeviceFile } from '../devices/device-file.transport';
import { openTcp9100, type Tcp9100Connection, type Tcp9100Timeouts } from '../devices/tcp9100.transport';
import { decodeEscposStatus, DLE_EOT_OFFLINE, DLE_EOT_PAPER } from './escpos-status';

// A printer that speaks DLE EOT answers at once; one that does not is given this long, then trusted.
const STATUS_WAIT_MS = 800;
const oneByte = (reply: Buffer) => reply.length >= 1;

/**
 * Asks the printer why it might not print (cover open, paper out, error) before a slip goes: such a
 * slip would sit in the printer's buffer or be lost. A printer that does not answer DLE EOT is sent
 * the slip as before; one that answers with anything but a status byte is some other device.
 */
async function refuseIfNotReady(conn: Tcp9100Connection, where: string): Promise<void> {
  const offline = await conn.request(DLE_EOT_OFFLINE, oneByte, STATUS_WAIT_MS);
  if (offline === null) return;
  const paper = (await conn.request(DLE_EOT_PAPER, oneByte, STATUS_WAIT_MS)) ?? Buffer.alloc(0);
  const status = decodeEscposStatus(offline, paper);
  if (!status.ready) throw new AppError('PRINT_FAILED', status.message, { printer: where, status: status.raw });
}

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
  const where = `${host}:${config.port}`;
  try {
    await refuseIfNotReady(conn, where);
    return { printer: `ESC/POS → ${where}`, bytes: await conn.send(data), file: null };
  } finally {
    conn.destroy();
  }
}
