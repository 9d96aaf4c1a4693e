import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { benchCommands } from '#shared/contract/bench.contract';
import { labelSizes, type PrinterConfig } from '#shared/contract/devices.contract';
import { printerConfigProblem, printerTransport, type PrinterTransport } from '#shared/domain/printer-target';
import { ErrorText } from '../../components/ErrorText';
import { NumberField } from '../../components/NumberField';
import { hostText } from '../../lib/host-text';
import { ScreenHead } from '../../components/ScreenHead';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';
import { commandKey } from '../bench/ScanStatus';
import { SerialPanel } from '../serial/SerialPanel';
import { useDevicesStore } from './devices.store';
import { PrintComponentsForm } from './PrintComponentsForm';
import { SlipPrinterForm } from './SlipPrinterForm';
import { SystemPrinterField } from './SystemPrinterField';
import './devices.css';

const kinds: PrinterConfig['kind'][] = ['png', 'pdf', 'tspl', 'zpl'];
const portRange = { min: 1, max: 65535 };

/** Where each kind of printer can send: raw languages to a network address, a device or a system queue; a PDF to a file or a system printer. */
const transportsOf = (kind: PrinterConfig['kind']): PrinterTransport[] =>
  kind === 'tspl' || kind === 'zpl' ? ['tcp', 'device', 'system'] : kind === 'pdf' ? ['file', 'system'] : ['file'];

/** A configuration moved to another transport: the other targets are cleared, so one place is set. */
function withTransport(cfg: PrinterConfig, transport: PrinterTransport): PrinterConfig {
  return {
    ...cfg,
    host: transport === 'tcp' ? cfg.host : '',
    devicePath: transport === 'device' ? cfg.devicePath : '',
    systemPrinter: transport === 'system' ? cfg.systemPrinter : '',
  };
}

/** 设备: the label printer (file, TSPL or ZPL over TCP 9100 or a printer device), test print, command sheet; the platform print components; the slip printer; serial devices. */
export function DevicesScreen() {
  const { t } = useTranslation();
  const printer = useDevicesStore((s) => s.printer);
  const loading = useDevicesStore((s) => s.loading);
  const error = useDevicesStore((s) => s.error);
  useEffect(() => {
    void useDevicesStore.getState().load();
  }, []);
  return (
    <div className="screen devices" data-testid="devices-screen">
      <ScreenHead title={t('nav.devices')} />
      {loading && !printer && <div className="loading">{t('common.loading')}</div>}
      {printer && <PrinterForm key={JSON.stringify(printer)} initial={printer} />}
      {!printer && <ErrorText error={error} />}
      <PrintComponentsForm />
      <SlipPrinterForm />
      <SerialPanel />
      <section className="card">
        <h2>{t('devices.scannerTitle')}</h2>
        <p className="muted">{t('devices.scannerHint')}</p>
      </section>
    </div>
  );
}

function PrinterForm({ initial }: { initial: PrinterConfig }) {
  const { t } = useTranslation();
  const busy = useDevicesStore((s) => s.busy);
  const error = useDevicesStore((s) => s.error);
  const lastPrint = useDevicesStore((s) => s.lastPrint);
  const saved = useDevicesStore((s) => s.saved);
  const { save, testPrint, printCommandSheet } = useDevicesStore.getState();
  const [cfg, setCfg] = useState<PrinterConfig>(initial);
  const [transport, setTransport] = useState<PrinterTransport>(printerTransport(initial));
  // A port box left with no valid number (its value stays the last good one): nothing is saved then.
  const [portProblem, setPortProblem] = useState<string | null>(null);
  useUnsavedEdits(portProblem !== null || JSON.stringify(cfg) !== JSON.stringify(initial));
  const set = (patch: Partial<PrinterConfig>) => setCfg({ ...cfg, ...patch });
  const raw = cfg.kind === 'tspl' || cfg.kind === 'zpl';
  const transports = transportsOf(cfg.kind);
  const via = transports.includes(transport) ? transport : (transports[0] ?? 'file');
  const pickKind = (kind: PrinterConfig['kind']) => {
    const next = transportsOf(kind).includes(via) ? via : (transportsOf(kind)[0] ?? 'file');
    setTransport(next);
    setPortProblem(null);
    setCfg(withTransport({ ...cfg, kind }, next));
  };
  const pickTransport = (next: PrinterTransport) => {
    setTransport(next);
    setPortProblem(null);
    setCfg(withTransport(cfg, next));
  };
  // The host refuses the same configurations; saying so here spares the packer a round trip.
  const problem = printerConfigProblem(cfg);
  const targetOk = problem === null && (via !== 'tcp' || portProblem === null);
  return (
    <section className="card printer-form" data-testid="printer-form">
      <h2>{t('devices.printerTitle')}</h2>
      <div className="form-grid">
        <label htmlFor="printer-kind">{t('devices.kind')}</label>
        <select id="printer-kind" className="input" value={cfg.kind} onChange={(e) => pickKind(e.target.value as PrinterConfig['kind'])} data-testid="printer-kind">
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`devices.kinds.${k}`)}
            </option>
          ))}
        </select>
        {transports.length > 1 && (
          <>
            <label htmlFor="printer-transport">{t('devices.transport')}</label>
            <select id="printer-transport" className="input" value={via} onChange={(e) => pickTransport(e.target.value as PrinterTransport)} data-testid="printer-transport">
              {transports.map((tr) => (
                <option key={tr} value={tr}>
                  {t(`devices.transports.${tr}`)}
                </option>
              ))}
            </select>
          </>
        )}
        {via === 'tcp' && (
          <>
            <label htmlFor="printer-host">{t('devices.host')}</label>
            <div className="row-gap">
              <input id="printer-host" className="input" value={cfg.host} placeholder="192.168.1.50" onChange={(e) => set({ host: e.target.value })} data-testid="printer-host" />
              <span>:</span>
              <NumberField id="printer-port" label={t('devices.port')} range={portRange} value={cfg.port} onValue={(port) => set({ port })} onProblem={setPortProblem} testId="printer-port" />
            </div>
          </>
        )}
        {via === 'device' && (
          <>
            <label htmlFor="printer-device">{t('devices.devicePath')}</label>
            <input id="printer-device" className="input" value={cfg.devicePath} placeholder="/dev/usb/lp0" onChange={(e) => set({ devicePath: e.target.value })} data-testid="printer-device" />
          </>
        )}
        {via === 'system' && <SystemPrinterField value={cfg.systemPrinter} onChange={(systemPrinter) => set({ systemPrinter })} />}
        {via === 'file' && (
          <>
            <span>{t('devices.folder')}</span>
            <span className="muted">{t('devices.folderDefault')}</span>
          </>
        )}
        {raw && (
          <>
            <label htmlFor="printer-cjk">{t('devices.cjkMode')}</label>
            <select id="printer-cjk" className="input" value={cfg.cjkMode} onChange={(e) => set({ cjkMode: e.target.value === 'bitmap' ? 'bitmap' : 'printer-font' })}>
              <option value="printer-font">{t('devices.cjkPrinterFont')}</option>
              <option value="bitmap">{t('devices.cjkBitmap')}</option>
            </select>
          </>
        )}
        <label htmlFor="printer-size">{t('devices.labelSize')}</label>
        <select id="printer-size" className="input" value={cfg.labelSize} onChange={(e) => set({ labelSize: e.target.value as PrinterConfig['labelSize'] })}>
          {labelSizes.map((s) => (
            <option key={s} value={s}>
              {s.replace('x', ' × ')} mm
            </option>
          ))}
        </select>
        <label htmlFor="printer-dpi">{t('devices.dpi')}</label>
        <select id="printer-dpi" className="input" value={cfg.dpi} onChange={(e) => set({ dpi: e.target.value === '300' ? 300 : 203 })}>
          <option value={203}>203 dpi</option>
          <option value={300}>300 dpi</option>
        </select>
      </div>
      {problem && (
        <p className="warn-text" data-testid="printer-problem" data-field={problem.field}>
          {hostText(t, problem.message)}
        </p>
      )}
      <div className="row-gap">
        <button type="button" className="btn btn-primary" disabled={busy !== null || !targetOk} onClick={() => void save(cfg)} data-testid="printer-save">
          {t('common.save')}
        </button>
        <button type="button" className="btn" disabled={busy !== null || !targetOk} onClick={() => void testPrint(cfg)} data-testid="printer-test">
          {busy === 'test' ? t('common.working') : t('devices.testPrint')}
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void printCommandSheet()} data-testid="print-command-sheet">
          {busy === 'sheet' ? t('common.working') : t('devices.commandSheet')}
        </button>
        {saved && <span className="ok-text">{t('common.saved')}</span>}
      </div>
      {lastPrint && (
        <p className="ok-text" data-testid="print-result">
          {lastPrint.file ? t('devices.printed', { printer: lastPrint.printer, file: lastPrint.file }) : t('devices.printedTo', { printer: lastPrint.printer })} ({lastPrint.bytes} B)
        </p>
      )}
      <ErrorText error={error} />
      {/* Named from the list the sheet prints, so the hint never leaves a barcode out. */}
      <p className="muted small" data-testid="command-sheet-hint">
        {t('devices.commandSheetHint', { commands: benchCommands.map((c) => t(`commands.${commandKey(c)}`)).join(t('common.listSep')) })}
      </p>
    </section>
  );
}
