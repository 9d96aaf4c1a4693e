import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBenchStore } from './bench.store';

/**
 * 买家留言 and 卖家备注, big and highlighted: they change what goes in the box. The box has a
 * capped height and scrolls on its own, so a long message never pushes the status banner, the
 * lines or the label preview off a 1366×768 screen; "more below" says when part of it is hidden.
 */
export const OrderNotes = memo(function OrderNotes() {
  const { t } = useTranslation();
  const buyerMessage = useBenchStore((s) => s.state.order?.buyerMessage ?? '');
  const sellerMemo = useBenchStore((s) => s.state.order?.sellerMemo ?? '');
  const box = useRef<HTMLElement>(null);
  const [more, setMore] = useState(false);
  const measure = useCallback(() => {
    const el = box.current;
    setMore(el !== null && el.scrollTop + el.clientHeight < el.scrollHeight - 2);
  }, []);
  useLayoutEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    measure();
  }, [buyerMessage, sellerMemo, measure]);
  if (!buyerMessage.trim() && !sellerMemo.trim()) return null;
  return (
    <div className="order-notes-wrap">
      <section className="order-notes" data-testid="order-notes" role="note" tabIndex={0} ref={box} onScroll={measure}>
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
      {more && (
        <span className="order-notes-more" data-testid="order-notes-more" aria-hidden>
          {t('bench.notesMore')}
        </span>
      )}
    </div>
  );
});
