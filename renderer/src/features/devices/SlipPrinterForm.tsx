import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slipPrinterConfigSchema, type PrintResult, type SlipPrinterConfig } from '#shared/contract/devices.contract';
import { printerConfigProblem } from '#shared/domain/printer-target';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { ErrorText } from '../../components/ErrorText';
import { NumberField } from '../../components/NumberField';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';
import { hostText } from '../../lib/host-text';

const portRange = { min: 1, max: 65535 };
const triggers: SlipPrinterConfig['trigger'][] = ['off', 'open', 'ship'];

/**
 * 小票打印机: the ESC/POS receipt printer for the packing slip (发货单) — when it prints, where it
 * is (TCP 9100 or a printer device), paper width, how Chinese is printed, the code on the slip. A
 * test slip asks the printer for its state first (cover, paper) and says why it did not print.
 */
export function SlipPrinterForm() {
  const { t } = useTranslation();
  const [cfg, setCfg] = useState<SlipPrinterConfig | null>(null);
  /** What the station holds: the form differs from it until saved. */
  const [stored, setStored] = useState<SlipPrinterConfig | null>(null);
  const [viaDevice, setViaDevice] = useState(false);
  const [portProblem, setPortProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<{ saved: true } | { printed: PrintResult } | null>(null);
  useEffect(() => {
    getApi().call('devices.getSlipPrinter', {}).then((c) => {
      setCfg(c);
      setStored(c);
      setViaDevice(!c.host.trim() && c.devicePath.trim() !== '');
    }, (e: unknown) => setError(toUiError(e)));
  }, []);
  useUnsavedEdits(portProblem !== null || JSON.stringify(cfg) !== JSON.stringify(stored));
  if (!cfg) return error ? <ErrorText error={error} /> : null;

  const set = (patch: Partial<SlipPrinterConfig>) => {
    setDone(null);
    setCfg({ ...cfg, ...patch });
  };
  const target = viaDevice ? { ...cfg, host: '' } : { ...cfg, devicePath: '' };
  const blank = !target.host.trim() && !target.devicePath.trim();
  // The same check the station makes; an 'off' printer may be saved half set up.
  const problem = blank && cfg.trigger === 'off' ? null : printerConfigProblem({ kind: 'tspl', host: target.host, port: target.port, devicePath: target.devicePath, systemPrinter: '' });
  const ok = problem === null && (viaDevice || portProblem === null);
  const run = async (what: 'save' | 'test') => {
    setBusy(what);
    setError(null);
    setDone(null);
    try {
      const config = slipPrinterConfigSchema.parse(target);
      if (what === 'save') {
        const saved = await getApi().call('devices.setSlipPrinter', config);
        setCfg(saved);
        setStored(saved);
        setDone({ saved: true });
      } else setDone({ printed: await getApi().call('devices.testSlip', { printer: config }) });
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card printer-form" data-testid="slip-form">
      <h2>{t('devices.slip.title')}</h2>
      <p className="muted small">{t('devices.slip.hint')}</p>
      <div className="form-grid">
        <label htmlFor="slip-trigger">{t('devices.slip.trigger')}</label>
        <select id="slip-trigger" className="input" value={cfg.trigger} onChange={(e) => set({ trigger: e.target.value as SlipPrinterConfig['trigger'] })} data-testid="slip-trigger">
          {triggers.map((k) => <option key={k} value={k}>{t(`devices.slip.triggers.${k}`)}</option>)}
        </select>
        <label htmlFor="slip-transport">{t('devices.transport')}</label>
        <select id="slip-transport" className="input" value={viaDevice ? 'device' : 'tcp'} onChange={(e) => setViaDevice(e.target.value === 'device')} data-testid="slip-transport">
          <option value="tcp">{t('devices.transports.tcp')}</option>
          <option value="device">{t('devices.transports.device')}</option>
        </select>
        {viaDevice ? (
          <>
            <label htmlFor="slip-device">{t('devices.devicePath')}</label>
            <input id="slip-device" className="input" value={cfg.devicePath} placeholder="/dev/usb/lp1" onChange={(e) => set({ devicePath: e.target.value })} data-testid="slip-device" />
          </>
        ) : (
          <>
            <label htmlFor="slip-host">{t('devices.host')}</label>
            <div className="row-gap">
              <input id="slip-host" className="input" value={cfg.host} placeholder="192.168.1.60" onChange={(e) => set({ host: e.target.value })} data-testid="slip-host" />
              <span>:</span>
              <NumberField id="slip-port" label={t('devices.port')} range={portRange} value={cfg.port} onValue={(port) => set({ port })} onProblem={setPortProblem} testId="slip-port" />
            </div>
          </>
        )}
        <label htmlFor="slip-paper">{t('devices.slip.paper')}</label>
        <select id="slip-paper" className="input" value={cfg.paperMm} onChange={(e) => set({ paperMm: e.target.value === '58' ? 58 : 80 })} data-testid="slip-paper">
          <option value={80}>80 mm</option>
          <option value={58}>58 mm</option>
        </select>
        <label htmlFor="slip-chinese">{t('devices.slip.chinese')}</label>
        <select id="slip-chinese" className="input" value={cfg.chinese} onChange={(e) => set({ chinese: e.target.value === 'gb18030' ? 'gb18030' : 'raster' })} data-testid="slip-chinese">
          <option value="raster">{t('devices.slip.raster')}</option>
          <option value="gb18030">{t('devices.slip.gb18030')}</option>
        </select>
        <label htmlFor="slip-code">{t('devices.slip.code')}</label>
        <select id="slip-code" className="input" value={cfg.code} onChange={(e) => set({ code: e.target.value as SlipPrinterConfig['code'] })} data-testid="slip-code">
          {(['qr', 'code128', 'none'] as const).map((k) => <option key={k} value={k}>{t(`devices.slip.codes.${k}`)}</option>)}
        </select>
      </div>
      {problem && <p className="warn-text" data-testid="slip-problem" data-field={problem.field}>{hostText(t, problem.message)}</p>}
      <div className="row-gap">
        <button type="button" className="btn btn-primary" disabled={busy !== null || !ok} onClick={() => void run('save')} data-testid="slip-save">
          {t('common.save')}
        </button>
        <button type="button" className="btn" disabled={busy !== null || !ok || blank} onClick={() => void run('test')} data-testid="slip-test">
          {busy === 'test' ? t('common.working') : t('devices.slip.test')}
        </button>
        {done && 'saved' in done && <span className="ok-text">{t('common.saved')}</span>}
      </div>
      {done && 'printed' in done && (
        <p className="ok-text" data-testid="slip-result">{t('devices.printedTo', { printer: done.printed.printer })} ({done.printed.bytes} B)</p>
      )}
      <ErrorText error={error} />
    </section>
  );
}
