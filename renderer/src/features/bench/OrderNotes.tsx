import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBenchStore } from './bench.store';

/** 买家留言 and 卖家备注, big and highlighted: they change what goes in the box. */
export const OrderNotes = memo(function OrderNotes() {
  const { t } = useTranslation();
  const buyerMessage = useBenchStore((s) => s.state.order?.buyerMessage ?? '');
  const sellerMemo = useBenchStore((s) => s.state.order?.sellerMemo ?? '');
  if (!buyerMessage.trim() && !sellerMemo.trim()) return null;
  return (
    <section className="order-notes" data-testid="order-notes" role="note">
      {buyerMessage.trim() && (
        <div className="order-note" data-testid="buyer-message">
          <span className="order-note-label">{t('bench.buyerMessage')}</span>
          <span className="order-note-text">{buyerMessage}</span>
        </div>
      )}
      {sellerMemo.trim() && (
        <div className="order-note" data-testid="seller-memo">
          <span className="order-note-label">{t('bench.sellerMemo')}</span>
          <span className="order-note-text">{sellerMemo}</span>
        </div>
      )}
    </section>
  );
});
