import { toledoChecksum, yaohuaCheck } from '../../electron/host/serial/scale-frames';

/** Frames as real indicators send them, for the parser tests and the pty scale peer. */

/** `ST,GS,+001.234kg` CRLF (`US` while the pan moves). */
export function stHeaderFrame(grams: number, stable = true): Buffer {
  const sign = grams < 0 ? '-' : '+';
  return Buffer.from(`${stable ? 'ST' : 'US'},GS,${sign}${(Math.abs(grams) / 1000).toFixed(3).padStart(7, '0')}kg\r\n`, 'latin1');
}

/** A Toledo continuous frame as an indicator sends it (`decimals` 0–3, kg unless `lb`). */
export function toledoFrame(
  weight: number,
  opts: { decimals?: number; motion?: boolean; negative?: boolean; lb?: boolean; checksum?: boolean; overload?: boolean } = {},
): Buffer {
  const decimals = opts.decimals ?? 3;
  const swa = 0x20 | (decimals + 2);
  const swb = 0x20 | (opts.negative ? 0x02 : 0) | (opts.overload ? 0x04 : 0) | (opts.motion ? 0x08 : 0) | (opts.lb ? 0 : 0x10);
  // Out of range, indicators fill the weight with what their display shows (dashes here).
  const digits = opts.overload ? '------' : String(Math.round(Math.abs(weight) * 10 ** decimals)).padStart(6, '0');
  const body = Buffer.concat([Buffer.from([0x02, swa, swb, 0x20]), Buffer.from(`${digits}000000\r`, 'latin1')]);
  return opts.checksum === false ? body : Buffer.concat([body, Buffer.from([toledoChecksum(body)])]);
}

/** A Yaohua XK3190 tF=0 frame. */
/** 耀华 tF≠0: `=` and the eight display characters reversed (3.000 → `=000.3000`). */
export function yaohuaReversedFrame(weight: number, decimals = 3): Buffer {
  const sign = weight < 0 ? '-' : '';
  const display = sign + Math.abs(weight).toFixed(decimals).padStart(8 - sign.length, '0');
  return Buffer.from(`=${display.split('').reverse().join('')}`, 'latin1');
}

export function yaohuaFrame(weight: number, decimals = 2): Buffer {
  const sign = weight < 0 ? '-' : '+';
  const text = `${sign}${String(Math.round(Math.abs(weight) * 10 ** decimals)).padStart(6, '0')}${decimals}`;
  const inner = Buffer.from(text, 'latin1');
  const [hi, lo] = yaohuaCheck(inner);
  return Buffer.concat([Buffer.from([0x02]), inner, Buffer.from([hi, lo, 0x03])]);
}

