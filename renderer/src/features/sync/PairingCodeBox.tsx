import { useTranslation } from 'react-i18next';
import type { StationRole } from '#shared/contract/hub.contract';
import { currentLanguage } from '../../i18n/setup';
import { formatDateTime, formatSpan } from '../../lib/format';
import { useHostingStore } from './hosting.store';
import { useNow } from './use-now';

/** Codes are made for the roles a joining bench can take; admin stays a user role, not a station's. */
const codeRoles: StationRole[] = ['packer', 'supervisor'];

/**
 * 生成配对码: a one-time code per role, shown big enough to read across the room and type on the
 * other PC, with its expiry counting down.
 */
export function PairingCodeBox() {
  const { t } = useTranslation();
  const code = useHostingStore((s) => s.code);
  const codeBusy = useHostingStore((s) => s.codeBusy);
  const newCode = useHostingStore((s) => s.newCode);
  const now = useNow(1000);
  const lang = currentLanguage();
  const left = code ? Date.parse(code.expiresAt) - now : 0;
  const expired = code !== null && !(left > 0);
  return (
    <div className="pairing-codes">
      <div className="row-gap">
        {codeRoles.map((role) => (
          <button type="button" key={role} className="btn" disabled={codeBusy !== null} onClick={() => void newCode(role)} data-testid={`new-code-${role}`}>
            {codeBusy === role ? t('common.working') : t('sync.hosting.newCode', { role: t(`sync.stationRoles.${role}`) })}
          </button>
        ))}
      </div>
      {code && (
        <div className={expired ? 'pairing-code pairing-code-expired' : 'pairing-code'} data-testid="pairing-code" data-role={code.role} data-expired={expired}>
          <div className="pairing-code-role">{t('sync.hosting.codeFor', { role: t(`sync.stationRoles.${code.role}`) })}</div>
          <div className="pairing-code-value mono" data-testid="pairing-code-value" aria-label={code.code.split('').join(' ')}>
            <span>{code.code.slice(0, 4)}</span>
            <span>{code.code.slice(4)}</span>
          </div>
          <div className="small" data-testid="pairing-code-expiry">
            {expired
              ? t('sync.hosting.codeExpired')
              : t('sync.hosting.codeExpires', { time: formatDateTime(code.expiresAt, lang), left: formatSpan(Math.max(left, 60_000), lang) })}
          </div>
        </div>
      )}
    </div>
  );
}
