import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Fails (never skips) when socat is missing, saying how to get it. */
export function requireSocat(): void {
  if (spawnSync('socat', ['-V']).error) {
    throw new Error('socat is needed for the serial tests: sudo apt-get install -y socat (npm test and .ci/run install it when they can)');
  }
}

/**
 * A serial device on a real pty pair (socat `pty,raw,echo=0,link=…`): the app opens `appPath` with
 * serialport like a /dev/ttyUSB0; the test is the device and writes its bytes to the peer end.
 * `unplug` kills socat (both ends vanish, as when a USB-serial adapter is pulled); `plug` starts it
 * again under the same paths.
 */
export async function startPtyPeer(name = 'dev') {
  requireSocat();
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-pty-'));
  const appPath = join(dir, `${name}-app`);
  const peerPath = join(dir, `${name}-peer`);
  let socat: ChildProcess | null = null;
  let fd: number | null = null;

  async function plug(): Promise<void> {
    socat = spawn('socat', [`pty,raw,echo=0,link=${appPath}`, `pty,raw,echo=0,link=${peerPath}`], { stdio: 'ignore' });
    for (let i = 0; i < 200 && !(existsSync(appPath) && existsSync(peerPath)); i++) await new Promise((r) => setTimeout(r, 10));
    if (!existsSync(peerPath)) throw new Error('socat did not create the pty pair');
    fd = openSync(peerPath, 'r+');
  }
  async function unplug(): Promise<void> {
    if (fd !== null) closeSync(fd);
    fd = null;
    const p = socat;
    socat = null;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
    // socat leaves its links behind when killed: an unplugged adapter leaves no device node.
    for (const path of [appPath, peerPath]) spawnSync('rm', ['-f', path]);
  }
  await plug();
  return {
    appPath,
    /** Writes bytes as the device, in one write (a chunk the UART hands over). */
    write(bytes: Buffer | string): void {
      if (fd === null) throw new Error('the pty peer is unplugged');
      writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
    },
    plug,
    unplug,
    close: unplug,
  };
}
export type PtyPeer = Awaited<ReturnType<typeof startPtyPeer>>;
