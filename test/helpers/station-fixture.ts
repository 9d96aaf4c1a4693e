import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStationServer, type StationServer } from '../../electron/host/station-server';
import type { Transport } from '#shared/rpc/protocol';

export const SECRET = 'root:x:0:0:do-not-serve';

/**
 * A browser station over a small fake renderer build, with a secret file beside the renderer
 * folder that no request may ever reach. `onTransport` defaults to dropping connections.
 */
export async function startTestStation(options: { host?: string; onTransport?: (t: Transport) => void } = {}): Promise<StationServer & { rendererDir: string }> {
  const base = mkdtempSync(join(tmpdir(), 'packdesk-station-'));
  const rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("packdesk")');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(base, 'renderer-evil.txt'), SECRET);
  const station = await startStationServer({ rendererDir, onTransport: options.onTransport ?? (() => {}), ...(options.host ? { host: options.host } : {}) });
  return Object.assign(station, { rendererDir });
}
