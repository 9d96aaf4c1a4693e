import { AppError } from '#shared/contract/errors';
import type { SyncMetaRepo } from './sync-meta.repo';

/**
 * Supervisor decisions (reopen, damage decisions, resolving flags) are refused on a PC paired as a
 * packer station; the hub refuses them too, this only says so at once instead of after a sync.
 */
export function assertSupervisorStation(meta: SyncMetaRepo): void {
  if (meta.pairing()?.role === 'packer') {
    throw new AppError('FORBIDDEN', '此电脑配对为打包台，请在主管电脑上操作 / this PC is paired as a packer station: do this at a supervisor station');
  }
}
