import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { baudRates, scaleFamilyNames, serialDeviceSchema, type SerialDevice } from '#shared/contract/serial.contract';
import { ErrorText } from '../../components/ErrorText';
import { hostText } from '../../lib/host-text';
import { useSerialStore } from './serial.store';

const fresh = (role: SerialDevice['role'], taken: SerialDevice[]): SerialDevice => {
  let n = 1;
  while (taken.some((d) => d.id === `${role}-${n}`)) n += 1;
  return serialDeviceSchema.parse({ id: `${role}-${n}`, role, path: role === 'scale' ? '/dev/ttyUSB0' : '/dev/ttyACM0' });
};

/** The settings in the schema's key order (whatever order the host wrote them in); null while a row is half typed. */
const settingsOf = (d: SerialDevice): string | null => {
  const parsed = serialDeviceSchema.safeParse(d);
  return parsed.success ? JSON.stringify(parsed.data) : null;
};
const sameSettings = (a: SerialDevice, b: SerialDevice) => settingsOf(a) !== null && settingsOf(a) === settingsOf(b);

/** Devices screen: the serial ports on this PC (plug and unplug show at once) and the scanners and scale set up. */
export function SerialPanel() {
  const { t } = useTranslation();
  const overview = useSerialStore((s) => s.overview);
  const config = useSerialStore((s) => s.config);
  const error = useSerialStore((s) => s.error);
  const saved = useSerialStore((s) => s.saved);
  const [edited, setEdited] = useState<SerialDevice[] | null>(null);
  // What the host has until someone edits it: a load that lands after an edit does not undo it.
  const draft = edited ?? config;
  const setDraft = (next: SerialDevice[]) => setEdited(next);
  useEffect(() => {
    // The host polls the port list (a process spawn each time) only while this screen keeps asking.
    const look = () => void useSerialStore.getState().load();
    look();
    const again = setInterval(look, 20_000);
    return () => clearInterval(again);
  }, []);
  const statusOf = (id: string) => overview?.devices.find((d) => d.id === id);
  const edit = (i: number, patch: Partial<SerialDevice>) => setDraft(draft.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const hasScale = draft.some((d) => d.role === 'scale');

  return (
    <section className="card serial-panel" data-testid="serial-panel">
      <h2>{t('devices.serial.title')}</h2>
      <p className="muted small">{t('devices.serial.hint')}</p>
      <h3>{t('devices.serial.ports')}</h3>
      {overview?.listError ? <p className="warn-text small">{hostText(t, overview.listError)}</p> : null}
      <table className="table serial-ports" data-testid="serial-ports">
        <thead>
          <tr>
            <th>{t('devices.serial.colPath')}</th>
            <th>{t('devices.serial.colVendor')}</th>
            <th>{t('devices.serial.colMaker')}</th>
          </tr>
        </thead>
        <tbody>
          {(overview?.ports ?? []).map((p) => (
            <tr key={p.path}>
              <td className="mono">{p.path}</td>
              <td className="mono">{p.vendorId ? `${p.vendorId}:${p.productId ?? '????'}` : '—'}</td>
              <td>{p.manufacturer ?? '—'}</td>
            </tr>
          ))}
          {overview && overview.ports.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">{t('devices.serial.noPorts')}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h3>{t('devices.serial.configured')}</h3>
      {draft.length === 0 ? <p className="muted">{t('devices.serial.none')}</p> : null}
      {draft.map((d, i) => {
        // A row added or changed here is not what the host opened: its status is of the saved
        // device (or none), so "not plugged in" or "connected" would describe another port.
        const savedAs = config.find((c) => c.id === d.id);
        const status = savedAs && sameSettings(savedAs, d) ? statusOf(d.id) : undefined;
        const shown = savedAs && sameSettings(savedAs, d) ? (status?.status ?? 'absent') : 'unsaved';
        return (
          <div key={d.id} className="serial-device" data-testid={`serial-device-${d.id}`}>
            <strong>{t(`devices.serial.roles.${d.role}`)}</strong>
            <input className="input mono" aria-label={t('devices.serial.path')} value={d.path} onChange={(e) => edit(i, { path: e.target.value })} data-testid="serial-path" />
            <select className="input" aria-label={t('devices.serial.baud')} value={d.baudRate} onChange={(e) => edit(i, { baudRate: Number(e.target.value) })}>
              {baudRates.map((b) => (
                <option key={b} value={b}>{b}</option>
              ))}
            </select>
            {d.role === 'scanner' ? (
              <select className="input" aria-label={t('devices.serial.suffix')} value={d.scanner.suffix} onChange={(e) => edit(i, { scanner: { ...d.scanner, suffix: e.target.value as SerialDevice['scanner']['suffix'] } })}>
                {(['CR', 'CRLF', 'none'] as const).map((s) => (
                  <option key={s} value={s}>{t(`devices.serial.suffixes.${s}`)}</option>
                ))}
              </select>
            ) : (
              <select className="input" aria-label={t('devices.serial.family')} value={d.scale.family} onChange={(e) => edit(i, { scale: { ...d.scale, family: e.target.value as SerialDevice['scale']['family'] } })} data-testid="serial-family">
                {scaleFamilyNames.map((f) => (
                  <option key={f} value={f}>{t(`devices.serial.families.${f}`)}</option>
                ))}
              </select>
            )}
            <span className={`serial-status serial-${shown}`} data-testid="serial-status" data-status={shown}>
              {t(`devices.serial.status.${shown}`)}
            </span>
            {status && status.dropped > 0 ? <span className="muted small">{t('devices.serial.dropped', { count: status.dropped })}</span> : null}
            <button type="button" className="btn" onClick={() => setDraft(draft.filter((_, j) => j !== i))}>
              {t('devices.serial.remove')}
            </button>
          </div>
        );
      })}
      <div className="row-gap">
        <button type="button" className="btn" disabled={draft.length >= 4} onClick={() => setDraft([...draft, fresh('scanner', draft)])} data-testid="serial-add-scanner">
          {t('devices.serial.addScanner')}
        </button>
        <button type="button" className="btn" disabled={hasScale || draft.length >= 4} onClick={() => setDraft([...draft, fresh('scale', draft)])} data-testid="serial-add-scale">
          {t('devices.serial.addScale')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void useSerialStore.getState().save(draft).then((ok) => ok && setEdited(null))} data-testid="serial-save">
          {t('devices.serial.save')}
        </button>
        {saved ? <span className="ok-text">{t('devices.serial.saved')}</span> : null}
      </div>
      <ErrorText error={error} />
    </section>
  );
}
