import { useTranslation } from 'react-i18next';
import type { OrderLine } from '#shared/contract/orders.contract';
import { formatFen } from '#shared/domain/money';
import { ListTable } from '../../components/ListTable';

/** An order's lines as the export gave them; a line without 商家编码 says so, since the bench cannot match it by scan. */
export function OrderLinesTable({ lines }: { lines: readonly OrderLine[] }) {
  const { t } = useTranslation();
  const units = lines.reduce((sum, l) => sum + l.qty, 0);
  return (
    <section className="order-detail-section">
      <h3>{t('orders.detail.lines')}</h3>
      <ListTable
        items={lines}
        columns={6}
        loading={false}
        emptyText={t('orders.detail.noLines')}
        testId="order-detail-lines"
        className="table-dense"
        head={
          <>
            <th className="num">{t('orders.detail.colLine')}</th>
            <th>{t('orders.detail.colSku')}</th>
            <th>{t('orders.detail.colTitle')}</th>
            <th>{t('orders.detail.colProps')}</th>
            <th className="num">{t('orders.detail.colQty')}</th>
            <th className="num">{t('orders.detail.colPrice')}</th>
          </>
        }
        row={(l) => (
          <tr key={l.lineNo} data-testid={`order-line-${l.lineNo}`}>
            <td className="num">{l.lineNo}</td>
            <td className={l.skuCode ? 'mono' : 'warn-text'}>{l.skuCode ?? t('bench.noSku')}</td>
            <td>
              {l.title}
              {l.refundStatus && <div className="small warn-text">{t('orders.detail.refund', { status: l.refundStatus })}</div>}
            </td>
            <td className="small">{l.props ?? '—'}</td>
            <td className="num">{l.qty}</td>
            <td className="num">{l.priceFen === null ? '—' : formatFen(l.priceFen)}</td>
          </tr>
        )}
      />
      {lines.length > 0 && <p className="muted small order-detail-total">{t('orders.detail.totalQty', { qty: units })}</p>}
    </section>
  );
}
