import type { LabelSize } from '#shared/contract/devices.contract';
import { benchCommands, type BenchCommand } from '#shared/contract/bench.contract';
import type { Language } from '#shared/i18n/catalog';
import { msg, type Message } from '#shared/i18n/message';
import type { Layout, LayoutElement } from './label-layout';
import { labelText } from './label-text';

// The bench shows the same names when a command barcode is scanned.
const COMMAND_NAMES: Record<BenchCommand, Message> = {
  'PD:CANCEL': msg('commands.CANCEL'),
  'PD:REPRINT': msg('commands.REPRINT'),
  'PD:NEXT': msg('commands.NEXT'),
  'PD:PARTIAL': msg('commands.PARTIAL'),
  'PD:SHIP': msg('commands.SHIP'),
  'PD:LOGOUT': msg('commands.LOGOUT'),
  'PD:DAMAGE': msg('commands.DAMAGE'),
  'PD:PHOTO': msg('commands.PHOTO'),
};

const pageOf = (size: LabelSize) => {
  const [w, h] = size.split('x').map(Number) as [number, number];
  return { widthMm: w, heightMm: h };
};

/** One label with every bench command as a barcode, to stick on the bench beside the scanner. */
export function buildCommandSheetLayout(size: LabelSize, lang: Language = 'zh-CN'): Layout {
  const t = labelText(lang);
  const page = pageOf(size);
  const rowH = (page.heightMm - 12) / benchCommands.length;
  const elements: LayoutElement[] = [{ kind: 'text', x: 4, y: 3, heightMm: 5, maxWidthMm: page.widthMm - 8, text: t(msg('labelText.commandSheet')), bold: true }];
  benchCommands.forEach((command, i) => {
    const y = 11 + i * rowH;
    elements.push(
      { kind: 'text', x: 4, y, heightMm: 3.5, maxWidthMm: page.widthMm - 8, text: t(COMMAND_NAMES[command]) },
      { kind: 'code128', x: 2, y: y + 4.5, widthMm: page.widthMm - 4, heightMm: Math.min(10, rowH - 10), moduleMm: 0.375, data: command, humanReadable: true },
    );
  });
  return { ...page, elements };
}
