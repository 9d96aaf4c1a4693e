import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hubBackends, hubStorage } from '../../../test/helpers/hub-db';
import { backupHub } from '../backup/backup.service';
import { ensureIdentity } from '../store/hub-meta.repo';
import { migrateHub } from '../store/migrate-hub';
import { hubMigrations } from '../store/migrations/index';
import { openHubDb } from '../store/open-hub-db';
import { certificateFingerprint, loadHubTls } from './hub-certificate';

describe.each(hubBackends)('the hub certificate (%s)', (backend) => {
  const storage = hubStorage(backend);
  afterAll(() => storage.dispose());

  it('is made once, kept with the data, and two hubs starting together agree on it', async () => {
    const options = await storage.fresh();
    const opened = await Promise.all([openHubDb(options), openHubDb(options)]);
    try {
      await migrateHub(opened[0].db, hubMigrations);
      const where = { storage: backend, ...(options.dataDir ? { dataDir: options.dataDir } : {}) };
      const [one, two] = await Promise.all(opened.map(({ db }) => loadHubTls(db, where)));
      expect(one!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(two).toEqual(one);
      expect(certificateFingerprint(one!.cert)).toBe(one!.fingerprint);
      expect(await loadHubTls(opened[1].db, where)).toEqual(one);
      if (backend === 'sqlite') expect(statSync(join(options.dataDir!, 'hub-tls.pem')).mode & 0o777).toBe(0o600);
      // Never in a backup: a copied backup file must not let anyone pose as the hub.
      await ensureIdentity(opened[0].db);
      expect(JSON.stringify(await backupHub(opened[0].db, () => new Date()))).not.toContain('PRIVATE KEY');
    } finally {
      for (const { db } of opened) await db.destroy();
    }
  });
});
