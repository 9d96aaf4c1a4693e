import type { LabelSize } from '#shared/contract/devices.contract';
import { benchCommands, type BenchCommand } from '#shared/contract/bench.contract';
import type { Layout, LayoutElement } from './label-layout';

const COMMAND_NAMES: Record<BenchCommand, string> = {
  'PD:CANCEL': '取消 Cancel',
  'PD:REPRINT': '重打 Reprint',
  'PD:NEXT': '下一单 Next',
  'PD:PARTIAL': '部分发货 Partial',
  'PD:SHIP': '发货 Ship',
  'PD:LOGOUT': '退出 Logout',
};

const pageOf = (size: LabelSize) => {
  const [w, h] = size.split('x').map(Number) as [number, number];
  return { widthMm: w, heightMm: h };
};

/** One label with every bench command as a barcode, to stick on the bench beside the scanner. */
export function buildCommandSheetLayout(size: LabelSize): Layout {
  const page = pageOf(size);
  const rowH = (page.heightMm - 12) / benchCommands.length;
  const elements: LayoutElement[] = [{ kind: 'text', x: 4, y: 3, heightMm: 5, maxWidthMm: page.widthMm - 8, text: 'Packdesk 命令条码 Commands', bold: true }];
  benchCommands.forEach((command, i) => {
    const y = 11 + i * rowH;
    elements.push(
      { kind: 'text', x: 4, y, heightMm: 3.5, maxWidthMm: page.widthMm - 8, text: COMMAND_NAMES[command] },
      { kind: 'code128', x: 2, y: y + 4.5, widthMm: page.widthMm - 4, heightMm: Math.min(10, rowH - 10), moduleMm: 0.375, data: command, humanReadable: true },
    );
  });
  return { ...page, elements };
}

/** A test label: a frame, 10 mm rulers, a Code128 and a Chinese line, to check size, darkness and fonts. */
export function buildCalibrationLayout(size: LabelSize): Layout {
  const page = pageOf(size);
  const elements: LayoutElement[] = [{ kind: 'box', x: 1, y: 1, w: page.widthMm - 2, h: page.heightMm - 2, thickness: 0.5 }];
  for (let x = 10; x < page.widthMm; x += 10) elements.push({ kind: 'line', x, y: 1, w: 0.25, h: x % 50 === 0 ? 6 : 3 });
  for (let y = 10; y < page.heightMm; y += 10) elements.push({ kind: 'line', x: 1, y, w: y % 50 === 0 ? 6 : 3, h: 0.25 });
  elements.push(
    { kind: 'text', x: 10, y: 12, heightMm: 6, maxWidthMm: page.widthMm - 20, text: 'Packdesk 打印测试', bold: true },
    { kind: 'text', x: 10, y: 22, heightMm: 4, maxWidthMm: page.widthMm - 20, text: `${size} mm · 中文字体 Chinese font 收件人 寄件人` },
    { kind: 'code128', x: 5, y: 32, widthMm: page.widthMm - 10, heightMm: 15, moduleMm: 0.375, data: 'PACKDESK-TEST-0123', humanReadable: true },
  );
  return { ...page, elements };
}
