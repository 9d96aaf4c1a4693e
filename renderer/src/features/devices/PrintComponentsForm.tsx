import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRINT_COMPONENT_PORTS, type ComponentPrinters, type PrintComponentsConfig } from '#shared/contract/devices.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { ErrorText } from '../../components/ErrorText';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';

type Name = keyof PrintComponentsConfig;
const names: Name[] = ['cainiao', 'pdd'];
const webAddress = /^(https?:\/\/\S+)?$/;

/**
 * 平台打印组件: the 菜鸟 and 拼多多 print components as printers for their own e-waybills (whose
 * print data is encrypted). Per component: on or off, ws or wss, one of the printers it lists,
 * the seller's custom-area template; 拼多多 also its ISVName / ERPId. An enabled component is
 * asked for its printers when the screen opens, so "not running" shows up here, not at the bench.
 */
export function PrintComponentsForm() {
  const { t } = useTranslation();
  const [cfg, setCfg] = useState<PrintComponentsConfig | null>(null);
  /** What the station holds: the form differs from it until saved. */
  const [stored, setStored] = useState<PrintComponentsConfig | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const loaded = (c: PrintComponentsConfig) => {
    setCfg(c);
    setStored(c);
  };
  useEffect(() => {
    getApi().call('devices.getPrintComponents', {}).then(loaded, (e: unknown) => setError(toUiError(e)));
  }, []);
  useUnsavedEdits(JSON.stringify(cfg) !== JSON.stringify(stored));
  if (!cfg) return error ? <ErrorText error={error} /> : null;

  const set = <N extends Name>(name: N, patch: Partial<PrintComponentsConfig[N]>) => {
    setSaved(false);
    setCfg({ ...cfg, [name]: { ...cfg[name], ...patch } });
  };
  const urlsOk = names.every((n) => webAddress.test(cfg[n].customAreaTemplateUrl));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      loaded(await getApi().call('devices.setPrintComponents', cfg));
      setSaved(true);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card printer-form" data-testid="print-components-form">
      <h2>{t('printComponent.title')}</h2>
      <p className="muted small">{t('printComponent.hint')}</p>
      {names.map((name) => (
        <ComponentFields key={name} name={name} cfg={cfg} set={(patch) => set(name, patch)} />
      ))}
      <div className="row-gap">
        <button type="button" className="btn btn-primary" disabled={busy || !urlsOk} onClick={() => void save()} data-testid="components-save">
          {t('common.save')}
        </button>
        {saved && <span className="ok-text">{t('common.saved')}</span>}
      </div>
      <ErrorText error={error} />
    </section>
  );
}

function ComponentFields({ name, cfg, set }: { name: Name; cfg: PrintComponentsConfig; set: (patch: Partial<PrintComponentsConfig['pdd']>) => void }) {
  const { t } = useTranslation();
  const own = cfg[name];
  const [list, setList] = useState<ComponentPrinters | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [reading, setReading] = useState(false);
  const read = async (secure: boolean) => {
    setReading(true);
    setError(null);
    try {
      setList(await getApi().call('devices.listComponentPrinters', { component: name, secure }));
    } catch (e) {
      setList(null);
      setError(toUiError(e));
    } finally {
      setReading(false);
    }
  };
  useEffect(() => {
    if (own.enabled) void read(own.secure);
    // Asked once when the screen opens; the button asks again.
  }, []);
  const id = (field: string) => `component-${name}-${field}`;
  const printers = list?.printers ?? [];
  const urlOk = webAddress.test(own.customAreaTemplateUrl);
  return (
    <fieldset className="component-fields" data-testid={`component-${name}`}>
      <legend>{t(`printComponent.names.${name}`)}</legend>
      <div className="form-grid">
        <span>{t('printComponent.enabled')}</span>
        <label className="row-gap">
          <input type="checkbox" checked={own.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid={id('enabled')} />
          <span className="muted small" data-testid={id('url')}>
            {own.secure ? `wss://127.0.0.1:${PRINT_COMPONENT_PORTS[name].wss}` : `ws://127.0.0.1:${PRINT_COMPONENT_PORTS[name].ws}`}
          </span>
        </label>
        <span />
        <label className="row-gap">
          <input type="checkbox" checked={own.secure} onChange={(e) => set({ secure: e.target.checked })} data-testid={id('secure')} />
          <span>{t('printComponent.secure', { port: PRINT_COMPONENT_PORTS[name].wss })}</span>
        </label>
        <label htmlFor={id('printer')}>{t('printComponent.printer')}</label>
        <div className="row-gap">
          <select id={id('printer')} className="input" value={own.printer} onChange={(e) => set({ printer: e.target.value })} data-testid={id('printer')}>
            <option value="">{t('printComponent.defaultPrinter')}</option>
            {own.printer && !printers.some((p) => p.name === own.printer) && <option value={own.printer}>{own.printer}</option>}
            {printers.map((p) => (
              <option key={p.name} value={p.name} disabled={!p.enabled}>
                {p.enabled ? (p.isDefault ? t('printComponent.printerIsDefault', { name: p.name }) : p.name) : t('printComponent.printerDisabled', { name: p.name })}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small" disabled={reading} onClick={() => void read(own.secure)} data-testid={id('read')}>
            {reading ? t('common.working') : t('printComponent.listPrinters')}
          </button>
        </div>
        <label htmlFor={id('custom')}>{t('printComponent.customArea')}</label>
        <div>
          <input id={id('custom')} className="input component-url" value={own.customAreaTemplateUrl} placeholder={name === 'cainiao' ? 'http://cloudprint.cainiao.com/template/customArea/…' : 'https://…'} onChange={(e) => set({ customAreaTemplateUrl: e.target.value.trim() })} data-testid={id('custom')} />
          {urlOk ? <p className="muted small">{t('printComponent.customAreaHint')}</p> : <p className="warn-text small">{t('printComponent.invalid.url')}</p>}
        </div>
        {name === 'pdd' && (
          <>
            <label htmlFor={id('isv')}>{t('printComponent.isvName')}</label>
            <input id={id('isv')} className="input" maxLength={64} value={cfg.pdd.isvName} onChange={(e) => set({ isvName: e.target.value })} data-testid={id('isv')} />
            <label htmlFor={id('erp')}>{t('printComponent.erpId')}</label>
            <input id={id('erp')} className="input" maxLength={64} value={cfg.pdd.erpId} onChange={(e) => set({ erpId: e.target.value })} data-testid={id('erp')} />
          </>
        )}
      </div>
      {list && printers.length === 0 && <p className="muted small">{t('printComponent.noPrinters')}</p>}
      <div data-testid={id('error')}>
        <ErrorText error={error} />
      </div>
    </fieldset>
  );
}
