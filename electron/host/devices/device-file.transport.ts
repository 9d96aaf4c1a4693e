import { constants, promises as fs } from 'node:fs';
import { AppError } from '#shared/contract/errors';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { DELIVERY_UNKNOWN } from './printer.port';

// O_NOCTTY: a serial printer's tty must never become this process's controlling terminal.
const OPEN_FLAGS = constants.O_WRONLY | constants.O_APPEND | (constants.O_NOCTTY ?? 0);

/**
 * Writes a raw job to a printer device (/dev/usb/lp0 on Linux, a USB printer class device). The
 * path is opened write-only without O_CREAT, so a wrong path fails instead of creating a file, and
 * what it opened must be a character device (a printer, a serial port), never a regular file or a
 * folder: a printer setting cannot write into, or even append to, anybody's file. Windows ports
 * (COM3, \\PC\Printer) have no such type to check; their names are checked by printerConfigProblem.
 */
export async function writeDeviceFile(path: string, data: Buffer, timeoutMs = 15_000): Promise<number> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, OPEN_FLAGS);
  } catch (err) {
    throw openError(err as NodeJS.ErrnoException, path);
  }
  if (process.platform !== 'win32' && !(await handle.stat()).isCharacterDevice()) {
    await handle.close();
    throw new AppError('INVALID_INPUT', msg('devices.file.notADevice', { path }), { field: 'devicePath' });
  }
  // usblp blocks a write while the printer is offline or out of paper; a blocked write cannot be
  // cancelled, so the caller gets a timeout and the handle is closed when the write returns.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('PRINT_FAILED', msg('devices.file.timeout', { path, ms: timeoutMs }), { path, ...DELIVERY_UNKNOWN })), timeoutMs);
  });
  const write = (async () => {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
    return written;
  })();
  try {
    return await Promise.race([write, timeout]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new AppError('PRINT_FAILED', msg('devices.file.writeFailed', { path, reason: e.code ?? e.message }), { path, code: e.code, ...DELIVERY_UNKNOWN });
  } finally {
    clearTimeout(timer);
    void write.finally(() => handle.close()).catch(() => undefined);
  }
}

const OPEN_ERRORS: Record<string, MessageKey> = {
  ENOENT: 'devices.file.missing',
  ENODEV: 'devices.file.gone',
  ENXIO: 'devices.file.gone',
  EACCES: 'devices.file.denied',
  EPERM: 'devices.file.denied',
  EBUSY: 'devices.file.busy',
  EISDIR: 'devices.file.isDirectory',
};

function openError(err: NodeJS.ErrnoException, path: string): AppError {
  const key = OPEN_ERRORS[err.code ?? ''];
  const message = key ? msg(key, { path }) : msg('devices.file.cannotOpen', { path, reason: err.code ?? err.message });
  return new AppError('DEVICE_UNAVAILABLE', message, { path, code: err.code });
}
