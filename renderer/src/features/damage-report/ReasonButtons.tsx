import { useTranslation } from 'react-i18next';
import { damageReasons, type DamageReason } from '#shared/contract/damage.contract';

/** 破损, 漏液/污染, 缺件, 错发, 外包装破损, 其他 as six big buttons: one tap, no list to open. */
export function ReasonButtons({ value, onChange, testId = 'reason' }: { value: DamageReason | null; onChange: (reason: DamageReason) => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="reason-buttons" role="radiogroup" aria-label={t('damageForm.reason')}>
      {damageReasons.map((r) => (
        <button
          type="button"
          key={r}
          role="radio"
          aria-checked={value === r}
          className={value === r ? 'reason-button reason-on' : 'reason-button'}
          onClick={() => onChange(r)}
          data-testid={`${testId}-${r}`}
        >
          {t(`damageReview.reasons.${r}`)}
        </button>
      ))}
    </div>
  );
}
