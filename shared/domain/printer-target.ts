import type { PrinterConfig } from '../contract/devices.contract';
import { msg, type Message } from '../i18n/message';

/**
 * Raw ("JetDirect") printing ports. Networked label printers take jobs on 9100; print servers with
 * several printers use 9101, 9102 … for the next ones. Any other port is some other service (SSH,
 * a database, the hub), and a "test print" must never become a way to send bytes to it.
 */
export const RAW_PRINT_PORTS = { first: 9100, last: 9109 } as const;

/**
 * Printer devices, never files: a label is written to one of these or nowhere, so a printer
 * setting cannot append to a file or create one.
 */
const PRINTER_DEVICES: readonly RegExp[] = [
  /^\/dev\/usb\/lp\d{1,3}$/, // Linux USB printer class (usblp)
  /^\/dev\/lp\d{1,3}$/, // Linux parallel port
  /^\/dev\/tty(S|USB|ACM|AMA)\d{1,3}$/, // serial: on-board, USB adapters, USB CDC printers, Raspberry Pi
  /^\/dev\/rfcomm\d{1,3}$/, // Bluetooth serial
  /^\/dev\/serial\/by-(id|path)\/[\w.:+-]{1,200}$/, // stable names of the serial ports above
  /^\/dev\/(cu|tty)\.[\w.-]{1,100}$/, // macOS serial
  /^(\\\\\.\\)?(COM\d{1,3}|LPT\d)$/i, // Windows ports, also as \\.\COM10
  /^\\\\[\w.-]{1,63}\\[\p{L}\p{N}_ .-]{1,80}$/u, // a Windows shared printer, \\PC\Printer
];

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

export const isPrinterDevicePath = (path: string): boolean => PRINTER_DEVICES.some((pattern) => pattern.test(path));
const isHost = (host: string): boolean => HOST_NAME.test(host) || (host.includes(':') && IPV6.test(host));

/**
 * A system printer's queue name: CUPS names (letters, digits, '_', '-', '.', '@'…) and Windows
 * printer names (spaces and brackets too, "ZDesigner GK888t (EPL)"), at most 127 characters. Never
 * a leading '-' (lp would read it as an option) and no quotes, slashes, '#' or control characters.
 */
const SYSTEM_PRINTER = /^[\p{L}\p{N}_][\p{L}\p{N}_ .@()+-]{0,126}$/u;
/** A Windows printer shared by another PC: \\PC\Printer. */
const WINDOWS_SHARED = /^\\\\[\w.-]{1,63}\\[\p{L}\p{N}_][\p{L}\p{N}_ .()+-]{0,60}$/u;
export const isSystemPrinterName = (name: string): boolean =>
  name.length <= 127 && !name.endsWith(' ') && (SYSTEM_PRINTER.test(name) || WINDOWS_SHARED.test(name));

/** Where a configuration sends labels. */
export type PrinterTransport = 'file' | 'tcp' | 'device' | 'system';

/**
 * The one transport a configuration uses: a system printer when named; else for TSPL/ZPL a network
 * address over a device file (older configurations may carry both); PNG and PDF files otherwise.
 */
export function printerTransport(config: Pick<PrinterConfig, 'kind' | 'host' | 'devicePath' | 'systemPrinter'>): PrinterTransport {
  if (config.kind === 'png') return 'file';
  if (config.systemPrinter.trim()) return 'system';
  if (config.kind === 'pdf') return 'file';
  return config.host.trim() ? 'tcp' : 'device';
}

/** A field of a printer configuration that cannot be used, and why. */
export type PrinterProblem = { field: 'host' | 'port' | 'devicePath' | 'systemPrinter'; message: Message };

/**
 * What is wrong with where a configuration sends labels, or null. PNG files always go into the
 * station's labels folder; a PDF goes there or to a system printer; raw printers (TSPL, ZPL) need
 * exactly one target: a system printer, a host on a raw printing port, or else a printer device.
 */
export function printerConfigProblem(config: Pick<PrinterConfig, 'kind' | 'host' | 'port' | 'devicePath' | 'systemPrinter'>): PrinterProblem | null {
  if (config.kind === 'png') return null;
  const host = config.host.trim();
  const devicePath = config.devicePath.trim();
  const systemPrinter = config.systemPrinter.trim();
  if (systemPrinter) {
    // One place per printer: a label must not go to a queue while the screen shows an address.
    if (config.kind !== 'pdf' && (host || devicePath)) return { field: 'systemPrinter', message: msg('devices.invalid.oneTarget') };
    return isSystemPrinterName(systemPrinter) ? null : { field: 'systemPrinter', message: msg('devices.invalid.systemPrinter', { name: systemPrinter.slice(0, 80) }) };
  }
  if (config.kind === 'pdf') return null;
  if (host) {
    if (!isHost(host)) return { field: 'host', message: msg('devices.invalid.host', { host: host.slice(0, 80) }) };
    if (config.port < RAW_PRINT_PORTS.first || config.port > RAW_PRINT_PORTS.last) {
      return { field: 'port', message: msg('devices.invalid.port', { port: config.port, ...RAW_PRINT_PORTS }) };
    }
    return null;
  }
  if (!devicePath) return { field: 'host', message: msg('devices.needTarget') };
  return isPrinterDevicePath(devicePath) ? null : { field: 'devicePath', message: msg('devices.invalid.devicePath', { path: devicePath.slice(0, 120) }) };
}
