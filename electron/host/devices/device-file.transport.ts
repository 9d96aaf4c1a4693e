import { constants, promises as fs } from 'node:fs';
import { AppError } from '#shared/contract/errors';

/**
 * Writes a raw job to a printer device file (/dev/usb/lp0 on Linux, a USB printer class device).
 * The file is opened write-only without O_CREAT, so a wrong path fails instead of silently
 * creating a regular file, and in append mode, so a path that does point at a regular file is
 * never truncated.
 */
export async function writeDeviceFile(path: string, data: Buffer, timeoutMs = 15_000): Promise<number> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, constants.O_WRONLY | constants.O_APPEND);
  } catch (err) {
    throw openError(err as NodeJS.ErrnoException, path);
  }
  // usblp blocks a write while the printer is offline or out of paper; a blocked write cannot be
  // cancelled, so the caller gets a timeout and the handle is closed when the write returns.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('PRINT_FAILED', `打印机 ${path} 无响应 / printer at ${path} took more than ${timeoutMs} ms to accept the job`, { path })),
      timeoutMs,
    );
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
    throw new AppError('PRINT_FAILED', `写入打印机 ${path} 失败 / writing to ${path} failed: ${e.code ?? e.message}`, { path, code: e.code });
  } finally {
    clearTimeout(timer);
    void write.finally(() => handle.close()).catch(() => undefined);
  }
}

function openError(err: NodeJS.ErrnoException, path: string): AppError {
  const why: Record<string, string> = {
    ENOENT: `找不到打印机设备 ${path} / no device at ${path} (is the printer plugged in and switched on?)`,
    ENODEV: `打印机设备 ${path} 已断开 / device ${path} is gone (unplugged?)`,
    ENXIO: `打印机设备 ${path} 已断开 / device ${path} is gone (unplugged?)`,
    EACCES: `没有权限写入 ${path} / permission denied for ${path} (add the user to the "lp" group)`,
    EPERM: `没有权限写入 ${path} / permission denied for ${path} (add the user to the "lp" group)`,
    EBUSY: `打印机设备 ${path} 正被占用 / ${path} is busy (another program is printing)`,
    EISDIR: `${path} 是目录，不是打印机 / ${path} is a directory, not a printer`,
  };
  const message = why[err.code ?? ''] ?? `无法打开打印机设备 ${path} / cannot open ${path}: ${err.message}`;
  return new AppError('DEVICE_UNAVAILABLE', message, { path, code: err.code });
}
