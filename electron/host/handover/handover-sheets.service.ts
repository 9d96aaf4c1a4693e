import { AppError } from '#shared/contract/errors';
import type { LabelSize } from '#shared/contract/devices.contract';
import { msg } from '#shared/i18n/message';
import type { PrintResult } from '#shared/contract/devices.contract';
import type { PhotoReader } from '../attachments/photo-read';
import type { Layout } from '../labels/label-layout';
import { handoverLabels, handoverPdf, type Shipper } from './handover-docs';
import type { HandoverService } from './handover.service';

/**
 * The 交接单 of a handover, as a PDF to save or send, and on the bench's label printer. The
 * signature and photos are read like any photo: from this bench, or fetched from the hub when
 * another bench (or a phone) took them. The shipper is this station's sender, as on its labels.
 */
export function createHandoverSheets(deps: {
  handover: HandoverService; readPhoto: PhotoReader; labelSize: () => LabelSize; sender: () => Shipper;
  printLayouts: (layouts: Layout[], title: string) => Promise<PrintResult>;
}) {
  async function pictures(hashes: readonly string[]) {
    const found = new Map<string, { mime: string; bytes: Uint8Array }>();
    for (const hash of hashes) {
      const read = await deps.readPhoto(hash, false);
      if (read.photo) found.set(hash, { mime: read.photo.mime, bytes: Buffer.from(read.photo.base64, 'base64') });
    }
    return found;
  }
  /** An abandoned (作废) handover has no sheet: nothing was handed over, and no courier signed. */
  const sheetOf = (id: string) => {
    const h = deps.handover.get(id);
    if (h.state === 'abandoned') throw new AppError('CONFLICT', msg('handover.abandon.noSheet'));
    return h;
  };
  return {
    async pdf(id: string) {
      const h = sheetOf(id);
      const found = await pictures([...(h.signatureHash ? [h.signatureHash] : []), ...h.photoHashes]);
      const { fileName, bytes } = await handoverPdf(h, (hash) => found.get(hash) ?? null, deps.sender());
      return { fileName, base64: Buffer.from(bytes).toString('base64'), bytes };
    },
    async print(id: string) {
      const h = sheetOf(id);
      const signature = h.signatureHash ? (await pictures([h.signatureHash])).get(h.signatureHash) : undefined;
      const layouts = handoverLabels(h, deps.labelSize(), signature?.mime === 'image/png' ? signature.bytes : null, deps.sender());
      const result = await deps.printLayouts(layouts, `handover-${h.carrierCode}-${id.slice(-8)}`);
      return { pages: layouts.length, file: result.file };
    },
  };
}
export type HandoverSheets = ReturnType<typeof createHandoverSheets>;
