import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host, type HostOptions } from '../../electron/host/create-host';

/** A real host on a fresh temporary data folder, validating every RPC output against the contract. */
export function createTempHost(extra: Partial<HostOptions> = {}): Host & { dataDir: string } {
  const dataDir = extra.dataDir ?? mkdtempSync(join(tmpdir(), 'packdesk-host-'));
  return createHost({ dataDir, validateOutput: true, log: (line, error) => console.error(line, error), ...extra });
}
