import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api/client';
import { toUiError } from '../../api/errors';
import { useToastStore } from '../../app/toast.store';
import { playOutcome } from '../../lib/sounds';
import type { DamageOrder } from './damage-report.store';

/**
 * The order a damage report is about: the bench's open order, one looked up by its number or a
 * parcel's tracking number (typed or scanned: damage reported after delivery), or none (found on
 * the shelf). `lookupRef` lets the form's scanner hand it a scanned number.
 */
export function DamageOrderField(props: {
  order: DamageOrder | null;
  onChoose: (order: DamageOrder | null) => void;
  active: boolean;
  onFocus: () => void;
  lookupRef: RefObject<(code: string) => void>;
  /** A code that names no order nor parcel: true when it was an item's (a unit found on the shelf has no order). */
  onNotOrder: (code: string) => Promise<boolean>;
}) {
  const { order, onChoose, active, onFocus, lookupRef, onNotOrder } = props;
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [notFound, setNotFound] = useState<string | null>(null);

  const lookup = async (code: string) => {
    const ref = code.trim();
    if (!ref) return;
    setBusy(true);
    setNotFound(null);
    try {
      const { found } = await getApi().call('returns.lookup', { ref });
      if (!found?.order) {
        if (await onNotOrder(ref)) return setText('');
        setText(ref);
        setNotFound(ref);
        playOutcome('error');
        return;
      }
      setText('');
      onChoose({
        ref: found.parcel?.trackingNo ?? found.order.id, externalId: found.order.externalId, receiverName: found.order.receiverName,
        trackingNo: found.parcel?.trackingNo ?? null, shipped: found.order.shipped, skus: found.expected.map((e) => ({ skuCode: e.skuCode, title: e.skuName })), atBench: false,
      });
    } catch (error) {
      useToastStore.getState().fail(toUiError(error));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    lookupRef.current = (code) => void lookup(code);
  });

  if (order) {
    return (
      <div className="damage-form-row">
        <span className="damage-label">{t('damageForm.order')}</span>
        <div className="damage-order" data-testid="damage-order" data-order={order.externalId}>
          <strong>{order.externalId}</strong>
          <span>{order.receiverName}</span>
          {order.trackingNo && <span className="muted">{t('damageForm.parcel', { tracking: order.trackingNo })}</span>}
          <button type="button" className="btn btn-small" onClick={() => (onChoose(null), onFocus())} data-testid="damage-order-clear">
            {t('damageForm.orderChange')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="damage-form-row">
      <label className="damage-label" htmlFor="damage-order-ref">{t('damageForm.order')}</label>
      <div>
        <div className="row-gap">
          <input
            id="damage-order-ref"
            className={active ? 'input damage-ref damage-scan-on' : 'input damage-ref'}
            value={text}
            maxLength={80}
            placeholder={t('damageForm.orderHint')}
            onFocus={onFocus}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), void lookup(text))}
            data-testid="damage-order-ref"
          />
          <button type="button" className="btn" disabled={busy || !text.trim()} onClick={() => void lookup(text)} data-testid="damage-order-lookup">
            {t('damageForm.lookup')}
          </button>
        </div>
        <span className={notFound ? 'error-text small' : 'muted small'} data-testid="damage-order-note">
          {notFound ? t('damageForm.orderNotFound', { ref: notFound }) : t('damageForm.orderNone')}
        </span>
      </div>
    </div>
  );
}
