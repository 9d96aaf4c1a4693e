import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Fails, saying how to fix it, when poppler is missing: never a silent skip. */
export function requirePoppler(): void {
  for (const tool of ['pdftoppm', 'pdftotext']) {
    if (spawnSync(tool, ['-v'], { stdio: 'ignore' }).error) {
      throw new Error(`${tool} not found: the evidence PDF tests need poppler-utils. Install it with: sudo apt-get install -y poppler-utils`);
    }
  }
}

/** A PDF as poppler reads it: its text (layout kept) and every page rendered to PNG at `dpi`. */
export function readPdf(pdf: Uint8Array, dpi = 60): { text: string; pages: PNG[]; dir: string } {
  requirePoppler();
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (text.status !== 0) throw new Error(`pdftotext failed: ${text.stderr}`);
  const render = spawnSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'page')], { encoding: 'utf8' });
  if (render.status !== 0) throw new Error(`pdftoppm failed: ${render.stderr}`);
  const pages = readdirSync(dir)
    .filter((f) => f.startsWith('page') && f.endsWith('.png'))
    .sort()
    .map((f) => PNG.sync.read(readFileSync(join(dir, f))));
  return { text: text.stdout, pages, dir };
}

/** Pixels of a page close to a colour (each channel within `tolerance`), with their mean x. */
export function pixelsNear(page: PNG, rgb: readonly [number, number, number], tolerance = 40): { count: number; meanX: number } {
  let count = 0;
  let sumX = 0;
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      const i = (y * page.width + x) * 4;
      if (Math.abs(page.data[i]! - rgb[0]) <= tolerance && Math.abs(page.data[i + 1]! - rgb[1]) <= tolerance && Math.abs(page.data[i + 2]! - rgb[2]) <= tolerance) {
        count++;
        sumX += x;
      }
    }
  }
  return { count, meanX: count === 0 ? 0 : sumX / count };
}
