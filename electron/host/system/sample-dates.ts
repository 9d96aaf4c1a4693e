import iconv from 'iconv-lite';

const DATE_TIME = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})|(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})/g;
const pad = (n: number) => String(n).padStart(2, '0');

function shiftText(text: string, offsetMs: number): string {
  return text.replace(DATE_TIME, (match, y, mo, d, h, mi, s, y2, mo2, d2, h2, mi2) => {
    const at = y
      ? Date.UTC(+y, +mo - 1, +d, +h, +mi, +s)
      : Date.UTC(+y2, +mo2 - 1, +d2, +h2, +mi2);
    const t = new Date(at + offsetMs);
    const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
    return y ? `${date} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}` : `${date.replace(/-0?/g, '/')} ${t.getUTCHours()}:${pad(t.getUTCMinutes())}`;
  });
}

/** The time most of the file's dates are before: a few late confirmations do not count. */
function recent(text: string): number {
  const times: number[] = [];
  for (const m of text.matchAll(DATE_TIME)) {
    const [, y, mo, d, h, mi, s] = m;
    if (y) times.push(Date.UTC(+y, +(mo ?? 1) - 1, +(d ?? 1), +(h ?? 0), +(mi ?? 0), +(s ?? 0)));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.9)] ?? 0;
}

/**
 * The bundled sample export was written once; moving its dates so that most payments were made
 * over the last hours makes its deadlines look like today's work instead of orders two years late.
 */
export function freshenSampleExport(orderCsv: Buffer, detailCsv: Buffer, now = Date.now()): [Buffer, Buffer] {
  const orderText = iconv.decode(orderCsv, 'gbk');
  const beijingNow = now + 8 * 3600_000;
  const offset = Math.floor((beijingNow - 3600_000 - recent(orderText)) / 60_000) * 60_000;
  const shift = (text: string) => iconv.encode(shiftText(text, offset), 'gbk');
  return [shift(orderText), shift(iconv.decode(detailCsv, 'gbk'))];
}
