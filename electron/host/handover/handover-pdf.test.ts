import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HandoverDetail } from '#shared/contract/handover.contract';
import { msg } from '#shared/i18n/message';
import { readPdf } from '../../../test/helpers/poppler';
import { handoverPdf, type Shipper } from './handover-docs';
import type { HandoverRepo, HandoverRow } from './handover.repo';
import { createHandoverView } from './handover-view';

const sender: Shipper = { name: '示例小店', phone: '0571-88886666', address: '浙江省杭州市余杭区文一西路969号' };
const closed: HandoverRow = {
  id: '01a24fa9-cd7c-7027-8a7f-a73fc4a51fa1', carrier_code: 'YTO', station_id: 'st-a', opened_at: '2026-12-07T14:22:55.000Z', closed_at: '2026-12-07T14:24:21.000Z',
  closed_by: 'u-admin', closed_station: 'st-a', courier_name: '张师傅🚚', signature_hash: null, photo_hashes: '[]',
  abandoned_at: null, abandoned_by: null, abandoned_station: null, abandon_reason: null, abandon_note: null,
};

/** A closed handover read through the view, with a repository holding only what a closed sheet reads. */
function detailOf(user: { name: string; benchOf: string | null }, benchName: (id: string) => string | null): HandoverDetail {
  const repo = {
    scans: () => [], scannedParcels: () => new Map(), closedParcels: () => [], parcel: () => undefined, isOrderNumber: () => false, user: () => user,
    closedCounts: () => ({ id: closed.id, scanned: 0, accepted: 0, unexpected: 0, duplicate: 0, intercepted: 0, missing: 0, scanned_in: 0 }),
  } as unknown as HandoverRepo;
  return createHandoverView({ repo, benchRef: (id) => ({ name: id, thisBench: true }), now: () => Date.parse('2026-12-07T15:00:00.000Z'), benchName }).detail(closed);
}

describe('the 交接单 PDF', () => {
  it('prints a courier’s emoji as itself (no [U+…] code, no box), on the courier line and under the signature', async () => {
    const h = detailOf({ name: '管理员', benchOf: 'st-a' }, () => '打包台 A');
    const { bytes } = await handoverPdf(h, () => null, sender);
    const pdf = readPdf(bytes);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).not.toContain('[U+');
    expect(text).toContain('快递员 张师傅🚚');
    expect(text).toMatch(/张师傅🚚 · 2026-12-07 22:24:21/);
    // The truck is drawn from the bundled emoji font (as on a label), not as the main font's .notdef box.
    const file = join(pdf.dir, 'doc.pdf');
    writeFileSync(file, bytes);
    expect(spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout).toMatch(/NotoEmoji/);
  });

  it('names a factory administrator with their bench as 交接人, and a bench working alone’s administrator as such', async () => {
    const named = detailOf({ name: '管理员', benchOf: 'st-a' }, () => '打包台 A');
    expect(named.closedBy).toEqual(msg('users.withBench', { name: msg('roles.admin'), bench: '打包台 A' }));
    const text = readPdf((await handoverPdf(named, () => null, sender)).bytes).text.replace(/\s+/g, ' ');
    expect(text).toContain('交接人（本店） 管理员 · 打包台 A');
    expect(text).toMatch(/签字： 管理员 · 打包台 A · 2026-12-07 22:24:21/);
    expect(detailOf({ name: '管理员', benchOf: 'st-a' }, () => null).closedBy).toEqual(msg('roles.admin'));
    // A name someone typed, of a user who belongs to no bench, is as typed.
    expect(detailOf({ name: '李店长', benchOf: null }, () => '打包台 A').closedBy).toBe('李店长');
  });
});
