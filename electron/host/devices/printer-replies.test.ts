import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSystemPrinterName } from '#shared/domain/printer-target';
import { parseLpstatDefault, parseLpstatNames, parseLpstatStates } from './cups.transport';
import { decodeTsplStatus, decodeZplStatus } from './tcp9100.transport';
import { encodeScript, LIST_SCRIPT, parseRawOutcome, parseWindowsPrinters, RAW_SCRIPT } from './windows-spooler.transport';

/**
 * What printers and print systems answer is input like any other: a garbled, truncated or hostile
 * reply must never read as "ready", never throw, and never smuggle a name that reads as an option.
 */

const hs = (f: { paperOut: 0 | 1; pause: 0 | 1; headUp: 0 | 1; ribbonOut: 0 | 1; transfer: 0 | 1 }) =>
  `\x02030,${f.paperOut},${f.pause},1200,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,${f.headUp},${f.ribbonOut},${f.transfer},2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`;
const bit = fc.constantFrom(0 as const, 1 as const);
const flags = fc.record({ paperOut: bit, pause: bit, headUp: bit, ribbonOut: bit, transfer: bit });

describe('TSPL <ESC>!? replies', () => {
  it('one status byte reads bit by bit; anything longer or with bit 0x40 is not ready', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (bytes) => {
        const status = decodeTsplStatus(Buffer.from(bytes));
        const byte = bytes[0] ?? 0;
        if (bytes.length > 1 || (byte & 0x40) !== 0) expect(status.ready).toBe(false);
        else expect(status.ready).toBe((byte & 0x9f) === 0);
        expect(status.raw.length).toBeLessThanOrEqual(120);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ZPL ~HS replies', () => {
  it('a well-formed reply reads exactly the flags it carries', () => {
    fc.assert(
      fc.property(flags, (f) => {
        const keys = decodeZplStatus(Buffer.from(hs(f), 'latin1')).reasons.map((r) => r.key);
        expect(keys.includes('devices.status.paperOut')).toBe(f.paperOut === 1);
        expect(keys.includes('devices.status.paused')).toBe(f.pause === 1);
        expect(keys.includes('devices.status.headOpen')).toBe(f.headUp === 1);
        expect(keys.includes('devices.status.ribbonOut')).toBe(f.ribbonOut === 1 && f.transfer === 1);
      }),
    );
  });

  it('random bytes, truncations and any changed character never read as ready', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      expect(decodeZplStatus(Buffer.from(bytes)).ready).toBe(false);
    }), { numRuns: 2000 });
    const ready = hs({ paperOut: 0, pause: 0, headUp: 0, ribbonOut: 0, transfer: 0 });
    fc.assert(
      fc.property(fc.nat(ready.length - 3), (cut) => {
        expect(decodeZplStatus(Buffer.from(ready.slice(0, cut), 'latin1')).ready).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.nat(ready.length - 3), fc.constantFrom('x', ',', '\x02', '\x03', '9', '\x00', '1'), (at, ch) => {
        const changed = ready.slice(0, at) + ch + ready.slice(at + 1);
        const status = decodeZplStatus(Buffer.from(changed, 'latin1'));
        // Either the change is still a valid reply (a digit for a digit) or it is unreadable; never a crash.
        // eslint-disable-next-line no-control-regex -- STX and ETX frame each ~HS line
        if (status.ready) expect(changed).toMatch(/^\x02[\d,]+\x03\r\n\x02[\d,A-Z]+\x03\r\n\x02[\d,]+\x03\r\n$/);
      }),
    );
  });
});

const hostileLine = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom('-o', '--help', 'a b', 'x/../y', 'name\u0000', "q'uote", '#1', ' lead', 'a'.repeat(200), '打印机', '\tprinter x is idle.'),
);

describe('lpstat output', () => {
  it('any output parses without throwing, into printer names that can never read as options', () => {
    fc.assert(
      fc.property(fc.array(hostileLine, { maxLength: 300 }), (lines) => {
        const text = lines.join('\n');
        const names = parseLpstatNames(text);
        expect(names.length).toBeLessThanOrEqual(200);
        for (const name of names) expect(isSystemPrinterName(name) && !name.startsWith('-')).toBe(true);
        for (const [name, state] of parseLpstatStates(text)) {
          expect(isSystemPrinterName(name)).toBe(true);
          expect(state.reason.length).toBeLessThanOrEqual(200);
        }
        const preferred = parseLpstatDefault(text);
        if (preferred !== null) expect(isSystemPrinterName(preferred)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the states CUPS reports in the C locale', () => {
    const states = parseLpstatStates(
      'printer a is idle.  enabled since Sat Dec  5 21:12:55 2026\n' +
        'printer b now printing b-12.  enabled since Sat Dec  5 21:12:55 2026\n' +
        'printer c disabled since Sat Dec  5 21:13:01 2026 -\n\tpaper jam\n' +
        'printer -o is idle.  enabled since x\n',
    );
    expect(Object.fromEntries(states)).toEqual({
      a: { state: 'idle', reason: '' }, b: { state: 'printing', reason: '' }, c: { state: 'disabled', reason: 'paper jam' },
    });
    expect(parseLpstatNames('a\n-o\nb\n\nb\n')).toEqual(['a', 'b']);
    expect(parseLpstatDefault('system default destination: b\n')).toBe('b');
    expect(parseLpstatDefault('no system default destination\n')).toBeNull();
  });
});

describe('the Windows spooler adapter (unit tests only: no Windows here)', () => {
  it('parses Get-Printer JSON strictly: anything else is no list, never half of one', () => {
    expect(parseWindowsPrinters('[{"Name":"ZDesigner GK888t (EPL)","Status":"Normal","Default":true},{"Name":"Deli DL-888D","Status":"PaperOut","Default":false}]')).toEqual([
      { name: 'ZDesigner GK888t (EPL)', state: 'idle', reason: '', isDefault: true },
      { name: 'Deli DL-888D', state: 'disabled', reason: 'PaperOut', isDefault: false },
    ]);
    expect(parseWindowsPrinters('[{"Name":"-o","Status":"Normal","Default":false}]')).toEqual([]);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 })), (text) => {
        const parsed = parseWindowsPrinters(text);
        if (parsed) for (const p of parsed) expect(isSystemPrinterName(p.name)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('a raw job counts as printed only when the spooler took every byte; after "JOB n" a failure is unknown', () => {
    expect(parseRawOutcome({ code: 0, stdout: 'JOB 12\r\nDONE 2048\r\n', stderr: '' })).toEqual({ kind: 'done', jobId: '12' });
    expect(parseRawOutcome({ code: 2, stdout: 'OPEN-FAILED 1801\r\n', stderr: '' })).toEqual({ kind: 'not-started', reason: 'OPEN-FAILED 1801' });
    expect(parseRawOutcome({ code: 4, stdout: 'JOB 12\r\nWRITE-FAILED 512\r\n', stderr: '' })).toEqual({ kind: 'unknown', reason: 'WRITE-FAILED 512' });
    expect(parseRawOutcome({ code: null, stdout: 'JOB 12\r\n', stderr: '' }).kind).toBe('unknown');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.option(fc.integer({ min: -1, max: 255 }), { nil: null }), (stdout, code) => {
        const outcome = parseRawOutcome({ code, stdout, stderr: '' });
        if (outcome.kind === 'done') expect(code === 0 && /^JOB \d+\r?$/m.test(stdout) && /^DONE \d+\r?$/m.test(stdout)).toBe(true);
        if (!/^JOB \d{1,10}\r?$/m.test(stdout)) expect(outcome.kind).toBe('not-started');
      }),
      { numRuns: 1000 },
    );
  });

  it('the printer name never enters the script text; the scripts use only documented winspool calls', () => {
    for (const script of [LIST_SCRIPT, RAW_SCRIPT]) expect(Buffer.from(encodeScript(script), 'base64').toString('utf16le')).toBe(script);
    expect(RAW_SCRIPT).toContain('$env:PACKDESK_PRINTER');
    expect(RAW_SCRIPT).toMatch(/OpenPrinter[\s\S]*StartDocPrinter[\s\S]*WritePrinter[\s\S]*EndDocPrinter[\s\S]*ClosePrinter/);
    expect(RAW_SCRIPT).toContain("pDatatype = 'RAW'");
    expect(LIST_SCRIPT).toContain('Get-Printer');
  });
});
