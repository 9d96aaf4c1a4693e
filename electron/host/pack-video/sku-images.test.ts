import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCatalogCsv } from '../catalog/catalog-csv.parser';
import { createTempHost } from '../../../test/host/temp-host';

const hosts: ReturnType<typeof createTempHost>[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

/** A real 8×8 PNG file on disk, as a shop keeps its product pictures. */
function pngFile(): { path: string; bytes: Buffer } {
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(200);
  const bytes = PNG.sync.write(png);
  const path = join(mkdtempSync(join(tmpdir(), 'packdesk-pic-')), '袜子.png');
  writeFileSync(path, bytes);
  return { path, bytes };
}

const csv = (rows: string[]) => iconv.encode(['商家编码,名称,条码,图片', ...rows].join('\r\n'), 'gbk');

describe('SKU pictures from the catalog import', () => {
  it('reads the 图片 column: an https address or a picture file path; anything else is a row error', () => {
    const ok = parseCatalogCsv({ name: 'a.csv', bytes: csv(['A,甲,6901,https://img.example.com/a.jpg', 'B,乙,6902,/srv/pics/b.png', 'C,丙,6903,']) });
    expect(ok.errors).toEqual([]);
    expect(ok.skus.map((s) => s.image)).toEqual(['https://img.example.com/a.jpg', '/srv/pics/b.png', '']);
    for (const bad of ['http://img.example.com/a.jpg', 'javascript:alert(1)', 'pics/b.png', '/etc/passwd']) {
      const parsed = parseCatalogCsv({ name: 'a.csv', bytes: csv([`A,甲,6901,${bad}`]) });
      expect(parsed.skus).toEqual([]);
      expect(parsed.errors[0]?.column).toBe('图片');
    }
  });

  it('copies a picture file into the attachment store and shows it on the bench line; an address is kept as is', async () => {
    const host = createTempHost();
    hosts.push(host);
    const { path, bytes } = pngFile();
    const file = csv([`SKU-0001,甲,6901,${path}`, 'SKU-0002,乙,6902,https://img.example.com/b.jpg', 'SKU-0003,丙,6903,/nowhere/c.png']);
    const report = host.context.catalog.importCsv({ name: 'skus.csv', base64: file.toString('base64') }, null);
    expect(report.rejected).toBe(false);
    const sha = host.context.catalogRepo.imageOf('SKU-0001')!;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const stored = host.context.media.store.open(sha)!;
    expect(stored.mime).toBe('image/png');
    expect(readFileSync(stored.path).equals(bytes)).toBe(true);
    expect(host.context.catalogRepo.imageOf('SKU-0002')).toBe('https://img.example.com/b.jpg');
    // A file that is not there leaves the line without a picture; the import itself went through.
    expect(host.context.catalogRepo.imageOf('SKU-0003')).toBeNull();
    // The sku.saved op carries no picture: pictures stay on this bench.
    const ops = host.context.db.prepare("SELECT payload FROM outbox WHERE type = 'sku.saved'").pluck().all() as string[];
    expect(ops).toHaveLength(3);
    expect(ops.every((p) => !p.includes('image'))).toBe(true);
  });
});
