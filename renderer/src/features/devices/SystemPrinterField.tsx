import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemPrinters } from '#shared/contract/devices.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { ErrorText } from '../../components/ErrorText';
import { hostText } from '../../lib/host-text';

/**
 * Picks a printer of the operating system (CUPS queue, Windows printer) from the host's list. A
 * saved name the list no longer has stays selectable, marked as not found, so a printer that is
 * switched off never silently loses its setting.
 */
export function SystemPrinterField(props: { value: string; onChange: (name: string) => void }) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const [list, setList] = useState<SystemPrinters | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const load = async () => {
    setError(null);
    try {
      setList(await getApi().call('devices.listSystemPrinters', {}));
    } catch (e) {
      setError(toUiError(e));
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const printers = list?.printers ?? [];
  const known = printers.some((p) => p.name === value);
  return (
    <>
      <label htmlFor="printer-system">{t('devices.systemPrinter')}</label>
      <div>
        <div className="row-gap">
          <select id="printer-system" className="input" value={value} onChange={(e) => onChange(e.target.value)} data-testid="printer-system">
            <option value="">{printers.length === 0 && list ? t('devices.systemNone') : t('devices.systemPrinterPick')}</option>
            {value && !known && <option value={value}>{value}</option>}
            {printers.map((p) => (
              <option key={p.name} value={p.name} data-state={p.state} title={p.reason || undefined}>
                {p.name} · {t(`devices.systemStates.${p.state}`)}
                {p.isDefault ? ` · ${t('devices.systemDefault')}` : ''}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small" onClick={() => void load()} data-testid="printer-system-refresh">
            {t('devices.systemRefresh')}
          </button>
        </div>
        {list?.problem && <p className="warn-text small">{hostText(t, list.problem)}</p>}
        <p className="muted small">{t('devices.systemHint')}</p>
        <ErrorText error={error} />
      </div>
    </>
  );
}
