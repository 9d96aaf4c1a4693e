import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { sampleWaybill, samplePickSlip } from '../../../test/helpers/label-fixtures';
import { renderPdf } from './pdf.renderer';
import { buildPickSlipLayouts } from './pick-slip-layout';
import { buildWaybillLayout } from './waybill-layout';

const pt = (mm: number) => (mm * 72) / 25.4;

describe('renderPdf', () => {
  it('makes one page per layout at the physical label size', async () => {
    const layouts = [buildWaybillLayout(sampleWaybill(), '100x150'), buildWaybillLayout(sampleWaybill(), '76x130'), ...buildPickSlipLayouts(samplePickSlip(40), '100x180')];
    const pdf = await renderPdf(layouts, 203);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(layouts.length);
    doc.getPages().forEach((page, i) => {
      const { width, height } = page.getSize();
      expect(width).toBeCloseTo(pt(layouts[i]!.widthMm), 2);
      expect(height).toBeCloseTo(pt(layouts[i]!.heightMm), 2);
    });
  });
});
