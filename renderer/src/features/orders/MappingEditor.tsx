import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping } from '#shared/contract/orders.contract';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { mappingFields, requiredMappingFields, decodeHeaderRow } from './mapping-fields';
import { useOrdersStore } from './orders.store';

type Encoding = ColumnMapping['encoding'];

/**
 * Column mapping for "any CSV": which header in the file holds each order field. Loading a sample
 * file offers its headers (decoded as UTF-8 or GBK) so nobody retypes Chinese column names.
 */
export function MappingEditor({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const mappings = useOrdersStore((s) => s.mappings);
  const error = useOrdersStore((s) => s.error);
  const selectedName = useOrdersStore((s) => s.mappingName);
  const saveMapping = useOrdersStore((s) => s.saveMapping);
  const start = mappings.find((m) => m.name === selectedName);
  const [name, setName] = useState(start?.name ?? '');
  const [encoding, setEncoding] = useState<Encoding>(start?.encoding ?? 'auto');
  const [columns, setColumns] = useState<Record<string, string>>(start?.columns ?? {});
  const [headers, setHeaders] = useState<string[]>([]);
  const [sampleName, setSampleName] = useState('');
  const [saving, setSaving] = useState(false);

  const load = (m: ColumnMapping | undefined) => {
    setName(m?.name ?? '');
    setEncoding(m?.encoding ?? 'auto');
    setColumns(m?.columns ?? {});
  };
  const onSample = async (file: File | undefined) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
    setHeaders(decodeHeaderRow(bytes));
  };
  const missing = requiredMappingFields.filter((f) => !columns[f]?.trim());
  const valid = name.trim().length > 0 && missing.length === 0;
  const save = async () => {
    setSaving(true);
    const clean = Object.fromEntries(Object.entries(columns).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
    const ok = await saveMapping({ name: name.trim(), columns: clean, encoding });
    setSaving(false);
    if (ok) onClose();
  };

  return (
    <Dialog
      title={t('mapping.title')}
      onClose={onClose}
      wide
      testId="mapping-editor"
      actions={<ConfirmButtons onCancel={onClose} label={t('common.save')} disabled={!valid || saving} onConfirm={() => void save()} testId="mapping-save" />}
    >
      <div className="form-grid">
        <label htmlFor="mapping-existing">{t('mapping.existing')}</label>
        <select id="mapping-existing" className="input" value={name} onChange={(e) => load(mappings.find((m) => m.name === e.target.value))}>
          <option value="">{t('mapping.new')}</option>
          {mappings.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </select>
        <label htmlFor="mapping-name">{t('mapping.name')}</label>
        <input id="mapping-name" className="input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-testid="mapping-name" />
        <label htmlFor="mapping-encoding">{t('mapping.encoding')}</label>
        <select id="mapping-encoding" className="input" value={encoding} onChange={(e) => setEncoding(e.target.value as Encoding)}>
          <option value="auto">{t('mapping.encodingAuto')}</option>
          <option value="gbk">GBK</option>
          <option value="utf-8">UTF-8</option>
        </select>
        <label htmlFor="mapping-sample">{t('mapping.sample')}</label>
        <div className="row-gap">
          <label className="btn file-button">
            {t('mapping.chooseSample')}
            <input
              id="mapping-sample"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                setSampleName(e.target.files?.[0]?.name ?? '');
                void onSample(e.target.files?.[0]);
              }}
            />
          </label>
          <span className="muted small">{sampleName || t('mapping.noSample')}</span>
          {headers.length > 0 && <span className="muted small">{t('mapping.headersFound', { count: headers.length })}</span>}
        </div>
      </div>
      <datalist id="mapping-headers">
        {headers.map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
      <div className="mapping-grid">
        {mappingFields.map((f) => (
          <label key={f} className="mapping-field">
            <span>
              {t(`mapping.fields.${f}`)}
              {requiredMappingFields.includes(f) && <b className="required"> *</b>}
            </span>
            {headers.length > 0 ? (
              <select className="input" value={columns[f] ?? ''} onChange={(e) => setColumns({ ...columns, [f]: e.target.value })} data-testid={`mapping-${f}`}>
                <option value="">—</option>
                {headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
                {columns[f] && !headers.includes(columns[f]) && <option value={columns[f]}>{columns[f]}</option>}
              </select>
            ) : (
              <input className="input" value={columns[f] ?? ''} list="mapping-headers" onChange={(e) => setColumns({ ...columns, [f]: e.target.value })} data-testid={`mapping-${f}`} />
            )}
          </label>
        ))}
      </div>
      {missing.length > 0 && <p className="muted small">{t('mapping.missing', { fields: missing.map((f) => t(`mapping.fields.${f}`)).join(t('common.listSeparator')) })}</p>}
      <ErrorText error={error} />
    </Dialog>
  );
}
