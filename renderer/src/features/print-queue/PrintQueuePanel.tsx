import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJob } from '#shared/contract/print-queue.contract';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { usePrintQueueStore } from './print-queue.store';
import './print-queue.css';

/**
 * The label queue on the bench: a button with the counts (labels waiting; jobs that need the
 * packer), always visible, and the panel it opens. Packing never waits for it.
 */
export const PrintQueueBadge = memo(function PrintQueueBadge() {
  const { t } = useTranslation();
  const { waiting, needsPacker } = usePrintQueueStore((s) => s.summary);
  const open = usePrintQueueStore((s) => s.open);
  const tone = needsPacker > 0 ? 'needs' : waiting > 0 ? 'waiting' : 'idle';
  return (
    <>
      <button
        type="button"
        className={`btn print-queue-badge print-queue-${tone}`}
        onClick={() => usePrintQueueStore.getState().setOpen(true)}
        data-testid="print-queue-badge"
        data-waiting={waiting}
        data-needs={needsPacker}
      >
        <span className="print-queue-title">{t('printQueue.title')}</span>
        {waiting > 0 && <span className="print-queue-count">{t('printQueue.badge', { count: waiting })}</span>}
        {needsPacker > 0 && <span className="print-queue-count">{t('printQueue.badgeNeeds', { count: needsPacker })}</span>}
      </button>
      {open && <PrintQueueDialog />}
    </>
  );
});

function PrintQueueDialog() {
  const { t } = useTranslation();
  const jobs = usePrintQueueStore((s) => s.jobs);
  const loading = usePrintQueueStore((s) => s.loading);
  const error = usePrintQueueStore((s) => s.error);
  const close = () => usePrintQueueStore.getState().setOpen(false);
  return (
    <Dialog
      title={t('printQueue.title')}
      onClose={close}
      testId="print-queue-dialog"
      wide
      actions={
        <button type="button" className="btn" onClick={close}>
          {t('common.close')}
        </button>
      }
    >
      <p className="muted small">{t('printQueue.hint')}</p>
      <ListTable
        items={jobs}
        row={(job) => <JobRow key={job.id} job={job} />}
        head={
          <>
            <th>{t('printQueue.colTime')}</th>
            <th>{t('printQueue.colTracking')}</th>
            <th>{t('printQueue.colOrder')}</th>
            <th>{t('printQueue.colState')}</th>
            <th className="num">{t('printQueue.colTries')}</th>
            <th>{t('printQueue.colWhy')}</th>
            <th />
          </>
        }
        columns={7}
        loading={loading}
        emptyText={t('printQueue.empty')}
        testId="print-queue-table"
        className="print-queue-table"
      />
      <ErrorText error={error} />
    </Dialog>
  );
}

function JobRow({ job }: { job: PrintJob }) {
  const { t, i18n } = useTranslation();
  const busy = usePrintQueueStore((s) => s.busyId === job.id);
  const act = (action: 'retry' | 'reprint' | 'cancel') => () => void usePrintQueueStore.getState().act(action, job.id);
  const button = (action: 'retry' | 'reprint' | 'cancel') => (
    <button type="button" className="btn btn-small" disabled={busy} onClick={act(action)} data-testid={`print-job-${action}`}>
      {t(`printQueue.${action}`)}
    </button>
  );
  return (
    <tr data-testid="print-job" data-state={job.state} data-tracking={job.trackingNo}>
      {/* When it was asked for: two "已打印" rows of one number are the first print and a reprint, in order. */}
      <td className="print-job-time" title={formatDateTime(job.updatedAt, i18n.language, { seconds: true })}>
        {formatDateTime(job.createdAt, i18n.language, { seconds: true })}
      </td>
      <td className="mono">
        {job.trackingNo}
        {job.reprintOf !== null && <span className="tag print-job-reprint" data-testid="print-job-is-reprint">{t('printQueue.reprintTag')}</span>}
      </td>
      <td className="mono">{job.orderRef}</td>
      <td>
        <span className={`print-job-state print-job-${job.state}`}>{t(`printQueue.states.${job.state}`)}</span>
        {job.voided && <span className="print-job-voided" data-testid="print-job-voided"> · {t('printQueue.voided')}</span>}
      </td>
      <td className="num">{job.attempts}</td>
      <td className="print-job-why">
        {job.error ? hostText(t, job.error) : ''}
        {job.state === 'queued' && job.nextAttemptAt && (
          <span className="muted small"> · {t('printQueue.nextTry', { time: formatDateTime(job.nextAttemptAt, i18n.language, { seconds: true }) })}</span>
        )}
      </td>
      <td className="print-job-actions">
        {!job.voided && (job.state === 'failed' || job.state === 'queued') && button('retry')}
        {!job.voided && (job.state === 'unknown' || job.state === 'done') && button('reprint')}
        {(job.state === 'queued' || job.state === 'failed' || job.state === 'unknown') && button('cancel')}
      </td>
    </tr>
  );
}
