import type { Message } from '#shared/i18n/message';
import { msg } from '#shared/i18n/message';
import type { PrinterStatus } from '../devices/printer.port';
import { printerStatus } from '../devices/tcp9100.transport';

/**
 * ESC/POS real-time status (DLE EOT n, Epson's ESC/POS reference): n = 2 asks why the printer is
 * offline, n = 4 asks about the roll. Each answer is one byte whose fixed bits (bit 1 and bit 4
 * set, bits 0 and 7 clear) tell a status byte from anything else on the line.
 */
export const DLE_EOT_OFFLINE = Buffer.from([0x10, 0x04, 0x02]);
export const DLE_EOT_PAPER = Buffer.from([0x10, 0x04, 0x04]);

const isStatusByte = (b: number | undefined): b is number => b !== undefined && (b & 0x93) === 0x12;

/**
 * The two answers → a status. Cover open, printing stopped at the paper end, an error, or no paper
 * on the roll sensor hold the slip back; paper near its end does not (the slip still fits). A
 * reply that is not a status byte is some other device: no slip goes there either.
 */
export function decodeEscposStatus(offline: Buffer, paper: Buffer): PrinterStatus {
  const [o, p] = [offline[0], paper[0]];
  const raw = `${offline.toString('hex')}/${paper.toString('hex')}`;
  if (offline.length !== 1 || paper.length !== 1 || !isStatusByte(o) || !isStatusByte(p)) return printerStatus([msg('devices.status.unreadable')], raw);
  const reasons: Message[] = [];
  if (o & 0x04) reasons.push(msg('devices.status.coverOpen'));
  if (o & 0x20 || (p & 0x60) === 0x60) reasons.push(msg('devices.status.paperOut'));
  if (o & 0x40) reasons.push(msg('devices.status.error'));
  return printerStatus(reasons, raw);
}

/** What a test byte pair looks like from a printer in this state (for fakes and tests). */
export function escposStatusBytes(state: { coverOpen?: boolean; paperOut?: boolean; nearEnd?: boolean; error?: boolean }): [number, number] {
  const offline = 0x12 | (state.coverOpen ? 0x04 : 0) | (state.paperOut ? 0x20 : 0) | (state.error ? 0x40 : 0);
  const paper = 0x12 | (state.nearEnd ? 0x0c : 0) | (state.paperOut ? 0x60 : 0);
  return [offline, paper];
}
