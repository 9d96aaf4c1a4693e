import { useTranslation } from 'react-i18next';
import type { StationRole } from '#shared/contract/hub.contract';
import { FINGERPRINT_MIN_HEX, formatFingerprint } from '#shared/domain/fingerprint';
import { currentLanguage } from '../../i18n/setup';
import { formatDateTime, formatSpan } from '../../lib/format';
import { useHostingStore } from './hosting.store';
import { useNow } from './use-now';

/** Codes are made for the roles a joining bench can take; admin stays a user role, not a station's. */
const codeRoles: StationRole[] = ['packer', 'supervisor'];

/**
 * 生成配对码: a one-time code per role (or a replacement code for one station), shown big enough to
 * read across the room and type on the other PC, with its expiry counting down and the hub's
 * certificate fingerprint the other PC checks.
 */
export function PairingCodeBox() {
  const { t } = useTranslation();
  const code = useHostingStore((s) => s.code);
  const replacedName = useHostingStore((s) => s.hosting?.stations.find((x) => x.stationId === s.code?.replaces)?.name ?? s.code?.replaces);
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
          <div className="pairing-code-role">
            {code.replaces ? t('sync.hosting.codeReplaces', { name: replacedName ?? '' }) : t('sync.hosting.codeFor', { role: t(`sync.stationRoles.${code.role}`) })}
          </div>
          <div className="pairing-code-value mono" data-testid="pairing-code-value" aria-label={code.code.split('').join(' ')}>
            <span>{code.code.slice(0, 4)}</span>
            <span>{code.code.slice(4)}</span>
          </div>
          <div className="small" data-testid="pairing-code-expiry">
            {expired
              ? t('sync.hosting.codeExpired')
              : t('sync.hosting.codeExpires', { time: formatDateTime(code.expiresAt, lang), left: formatSpan(Math.max(left, 60_000), lang) })}
          </div>
          {code.replaces && <p className="small">{t('sync.hosting.replaceHint')}</p>}
          <Fingerprint value={code.fingerprint} />
        </div>
      )}
    </div>
  );
}

/** The hub's certificate fingerprint in groups of four; the groups a station must type are bold. */
export function Fingerprint({ value }: { value: string }) {
  const { t } = useTranslation();
  const groups = formatFingerprint(value).split(' ');
  const typed = FINGERPRINT_MIN_HEX / 4;
  return (
    <div className="fingerprint" data-testid="hub-fingerprint" data-fingerprint={value}>
      <div className="small">{t('sync.hosting.fingerprintLead')}</div>
      <div className="fingerprint-value mono">
        {groups.map((g, i) => (
          <span key={i} className={i < typed ? 'fingerprint-typed' : undefined}>
            {g}
          </span>
        ))}
      </div>
    </div>
  );
}
