import { useTranslation } from 'react-i18next';

/** The bench's keys in one line under the typed entry: what each F-key does, named as on its control. */
export function BenchKeysLine() {
  const { t } = useTranslation();
  const keys: [string, string][] = [
    ['F2', t('bench.weight')],
    ['F3', t('bench.parcels')],
    ['F4', t('bench.carrier')],
    ['F8', t('bench.scale.accept')],
    ['F9', t('bench.ship')],
    ['Ctrl+L', t('packer.lock')],
    ['Esc', t('bench.keysEsc')],
  ];
  return (
    <p className="bench-keys small muted" data-testid="bench-keys">
      <span>{t('bench.keysTitle')}</span>
      {keys.map(([key, what]) => (
        <span key={key} className="bench-key">
          <kbd className="key-hint">{key}</kbd> {what}
        </span>
      ))}
    </p>
  );
}
