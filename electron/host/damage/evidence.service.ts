import { readFileSync } from 'node:fs';
import type { DamageDecisionEntry, DamageReport } from '#shared/contract/damage.contract';
import type { Claim } from '#shared/contract/claims.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import { findCarrier } from '#shared/domain/carriers';
import { formatBeijing } from '#shared/domain/datetime';
import { sayName, type NameSaid } from '#shared/domain/factory-names';
import { formatFen } from '#shared/domain/money';
import { msg, type Message } from '#shared/i18n/message';
import { translatorFor } from '#shared/i18n/translator';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { Db } from '../db/open-database';
import { personName, type OtherBench } from '../session/person-name';
import type { ShipmentsRepo } from '../shipments/shipments.repo';
import type { DamageService } from './damage.service';
import type { EvidenceSheet } from './evidence-pdf';

type ReturnRow = {
  id: string; parcel: string | null; scanned: string | null; note: string; photo_hashes: string; received_at: string;
  station_id: string | null; receiver: string | null; receiver_bench: string | null; received_by: string | null;
};
type ScanRow = {
  at: string; code: string; outcome: string; sku_code: string | null; units: number; packer_id: string | null; packer: string | null; packer_bench: string | null; station_id: string | null;
};

/** The scan log is evidence of what went into the parcel; an order scanned more than this is cut (and says so). */
const SCAN_LOG_MAX = 5000;
const OUTCOMES = new Set(['opened', 'verified', 'completed', 'wrong_item', 'over_scan', 'unknown_barcode', 'blocked', 'not_found', 'command', 'login', 'not_logged_in', 'forced', 'unbound_line']);

/**
 * The evidence pack (证据包) for a carrier claim: one PDF with the report, every photo full size,
 * the order's scan log, its parcels' weights and times, the decisions and the claim. It is written
 * in Chinese whatever the bench's language (it is read by the carrier's claims desk in China), and
 * named in Beijing time. A photo that has not reached this bench yet is a line saying so.
 */
export function createEvidenceService(deps: {
  db: Db; damage: DamageService; shipments: ShipmentsRepo; attachments: AttachmentStore; now?: () => Date;
  /** This bench's name in the shop (null while it works alone). */
  stationName: () => string | null;
  /** Another bench's name (null for this one): packers are named as on the parcel line, 管理员 · 打包台A. */
  otherBench: OtherBench;
}) {
  // A scan keeps no bench: a packer this bench does not know is named by the bench that made the order's parcel, as the parcel is.
  const scans = deps.db.prepare(`SELECT e.at, e.code, e.outcome, e.sku_code, e.units, e.packer_id, u.name AS packer, u.bench_of AS packer_bench,
      (SELECT s.station_id FROM shipments s WHERE s.order_id = e.order_id ORDER BY s.created_at LIMIT 1) AS station_id
    FROM scan_events e LEFT JOIN users u ON u.id = e.packer_id WHERE e.order_id = ? ORDER BY e.at, e.rowid LIMIT ${SCAN_LOG_MAX + 1}`);
  // The return the goods came back in (the report's own), and any other return of the order: a carrier asks what came back, when and how.
  const returns = deps.db.prepare(`SELECT r.id, s.tracking_no AS parcel, r.tracking_no AS scanned, r.note, r.photo_hashes, r.received_at, r.station_id,
      r.received_by, u.name AS receiver, u.bench_of AS receiver_bench
    FROM returns r LEFT JOIN shipments s ON s.id = r.shipment_id LEFT JOIN users u ON u.id = r.received_by
    WHERE r.id = @returnId OR r.order_id = @orderId ORDER BY r.received_at, r.rowid LIMIT 20`);
  const packer = (r: ScanRow): NameSaid | null =>
    r.packer_id === null ? null : personName(r.packer === null ? null : { name: r.packer, benchOf: r.packer_bench }, deps.otherBench, r.station_id);
  const t = (m: Message) => translatorFor('zh-CN').t(m);
  const at = (iso: string | null) => (iso ? formatBeijing(iso, { seconds: true }) : '—');
  // This bench by its name in the shop, else as 本机 (an unpaired bench has no name the carrier could read).
  const benchName = (r: DamageReport) => (r.bench === null ? '—' : r.bench.thisBench ? (deps.stationName() ?? t(msg('evidenceText.thisBench'))) : r.bench.name);
  // Names Packdesk gave, as the file's language says them.
  const who = (name: NameSaid | null, none: string) => (name === null ? none : sayName(t, name));
  const yuan = (fen: number | null) => (fen === null ? '—' : t(msg('evidenceText.yuan', { amount: formatFen(fen) })));

  function reportRows(r: DamageReport): [string, string][] {
    const e = (key: Parameters<typeof evidenceKey>[0]) => t(msg(evidenceKey(key)));
    return [
      [e('reportId'), r.id],
      [e('order'), r.orderExternalId ?? t(msg('evidenceText.noOrder'))],
      [e('sku'), `${r.skuName} (${r.skuCode}) × ${r.qty}`],
      [e('reason'), t(msg(`damageReview.reasons.${r.reason}`))],
      [e('source'), t(msg(`damageReview.sources.${r.source}`))],
      [e('note'), r.note],
      [e('reportedBy'), who(r.reportedBy, '—')],
      [e('reportedAt'), at(r.reportedAt)],
      // A bench working alone has no name the carrier could read ("本机" is this PC): no line.
      ...(r.bench?.thisBench && deps.stationName() === null ? [] : [[e('bench'), benchName(r)] as [string, string]]),
      [e('weight'), r.weightG === null ? '—' : t(msg('evidenceText.grams', { grams: r.weightG }))],
    ];
  }

  const decisionRow = (d: DamageDecisionEntry): [string, string] => [
    at(d.decidedAt),
    [t(msg(`damageReview.decisions.${d.decision}`)), d.amountFen === null ? '' : yuan(d.amountFen), d.carrierCode && d.trackingNo ? `${findCarrier(d.carrierCode)?.name ?? d.carrierCode} ${d.trackingNo}` : '', who(d.decidedBy, ''), d.note]
      .filter((x) => x !== '')
      .join(' · '),
  ];

  const parcelRow = (s: Shipment, i: number): [string, string] => [
    t(msg('evidenceText.parcelN', { n: i + 1 })),
    [
      `${s.carrierName} ${s.trackingNo}`,
      t(msg('evidenceText.parcelCreated', { at: at(s.createdAt), packer: s.packerName || '—' })),
      t(msg('evidenceText.parcelPrinted', { at: at(s.printedAt), count: s.printCount })),
      s.weightG === null ? t(msg('evidenceText.noWeight')) : t(msg('evidenceText.grams', { grams: s.weightG })),
      // Proof it left: the handover that took it (a claims desk rejects a claim without it), or where it was left behind.
      s.handover ? t(handoverLine(s.handover)) : '',
      s.tracking ? t(msg('evidenceText.parcelTracking', { state: msg(`tracking.states.${s.tracking.state}`), at: at(s.tracking.lastEventAt) })) : '',
      s.voidedAt ? t(msg('evidenceText.parcelVoided', { at: at(s.voidedAt), reason: s.voidReason ?? '' })) : '',
      s.reship ? t(msg('evidenceText.parcelReship', { of: s.reship.ofTrackingNo ?? '—' })) : '',
    ]
      .filter((x) => x !== '')
      .join('\n'),
  ];

  const handoverLine = (h: NonNullable<Shipment['handover']>): Message =>
    h.state === 'accepted'
      ? msg('evidenceText.parcelHandedOver', { at: at(h.at), number: h.number, courier: h.courierName ?? '—', by: who(h.by, '—') })
      : msg(h.state === 'missing' ? 'evidenceText.parcelHandoverMissing' : 'evidenceText.parcelHandoverKept', { at: at(h.at), number: h.number });

  /** Each return: when and by whom it was received, the parcel it came in, its note (said there, not as the report's) and photos. */
  function returnSections(r: DamageReport): EvidenceSheet['sections'] {
    const rows = r.orderId === null && r.returnId === null ? [] : (returns.all({ returnId: r.returnId, orderId: r.orderId }) as ReturnRow[]);
    return rows.map((x, i) => ({
      heading: t(rows.length === 1 ? msg('evidenceText.returnHeading') : msg('evidenceText.returnHeadingN', { n: i + 1, count: rows.length })),
      rows: [
        [t(msg('evidenceText.returnReceived')), `${at(x.received_at)} · ${who(x.received_by === null ? null : personName(x.receiver === null ? null : { name: x.receiver, benchOf: x.receiver_bench }, deps.otherBench, x.station_id), '—')}`],
        [t(msg('evidenceText.returnParcel')), x.parcel ?? x.scanned ?? '—'],
        [t(msg('evidenceText.returnNote')), x.note.trim()],
        [t(msg('evidenceText.returnPhotos')), t(msg('evidenceText.returnPhotoCount', { count: (JSON.parse(x.photo_hashes) as string[]).length }))],
      ],
    }));
  }

  const claimRows = (c: Claim): [string, string][] => [
    [t(msg('evidenceText.claimAmount')), yuan(c.amountFen)],
    [t(msg('evidenceText.claimParcel')), `${c.carrierName} ${c.trackingNo}`],
    [t(msg('evidenceText.claimStatus')), t(msg(`claims.statuses.${c.status}`))],
    [t(msg('evidenceText.claimFiled')), `${at(c.filedAt)} · ${who(c.filedBy, '—')}`],
    ...(c.paidFen === null ? [] : ([[t(msg('evidenceText.claimPaid')), yuan(c.paidFen)]] as [string, string][])),
  ];

  function scanLog(orderId: string | null): EvidenceSheet['scanLog'] {
    const rows = orderId === null ? [] : (scans.all(orderId) as ScanRow[]);
    const cut = rows.length > SCAN_LOG_MAX;
    const shown = rows.slice(0, SCAN_LOG_MAX).map((r) => [
      at(r.at), who(packer(r), '—'), r.code,
      OUTCOMES.has(r.outcome) ? t(msg(`evidenceText.outcomes.${r.outcome as 'opened'}`)) : r.outcome,
      r.sku_code ? `${r.sku_code}${r.units > 1 ? ` ×${r.units}` : ''}` : '',
    ]);
    return {
      heading: t(cut ? msg('evidenceText.scanLogCut', { count: SCAN_LOG_MAX }) : msg('evidenceText.scanLog')),
      columns: ['time', 'packer', 'code', 'outcome', 'sku'].map((c) => t(msg(`evidenceText.columns.${c as 'time'}`))),
      rows: shown,
      empty: t(msg(orderId === null ? 'evidenceText.noOrderNoLog' : 'evidenceText.noScans')),
    };
  }

  function photos(r: DamageReport): EvidenceSheet['photos'] {
    const bench = benchName(r);
    return {
      heading: t(msg('evidenceText.photos', { count: r.photos.length })),
      items: r.photos.map((sha, i) => {
        const file = deps.attachments.open(sha);
        const caption = t(msg('evidenceText.photoCaption', { n: i + 1, count: r.photos.length, sha: sha.slice(0, 12) }));
        const image = file ? { mime: file.mime, bytes: readFileSync(file.path) } : null;
        return { caption, image, missing: t(file ? msg('evidenceText.photoUnreadable') : msg('evidenceText.photoNotHere', { bench })) };
      }),
    };
  }

  return {
    /** The PDF for one report, base64, named `破损证据-<order>-<Beijing time>.pdf`. */
    async build(reportId: string): Promise<{ fileName: string; base64: string }> {
      const { report, decisions, effects } = deps.damage.get(reportId);
      const parcels = report.orderId === null ? [] : deps.shipments.ofOrder(report.orderId);
      const now = (deps.now ?? (() => new Date()))().toISOString();
      const sections: EvidenceSheet['sections'] = [{ heading: t(msg('evidenceText.report')), rows: reportRows(report) }];
      if (parcels.length > 0) sections.push({ heading: t(msg('evidenceText.parcels')), rows: parcels.map(parcelRow) });
      sections.push(...returnSections(report));
      if (decisions.length > 0) sections.push({ heading: t(msg('evidenceText.decisions')), rows: decisions.map(decisionRow) });
      if (effects.claim) sections.push({ heading: t(msg('evidenceText.claim')), rows: claimRows(effects.claim) });
      const pdf = await (await import('./evidence-pdf')).renderEvidencePdf({
        title: t(msg('evidenceText.title', { order: report.orderExternalId ?? report.id })),
        sections, scanLog: scanLog(report.orderId), photos: photos(report),
        footer: t(msg('evidenceText.footer', { at: at(now), id: report.id })),
      });
      const stamp = formatBeijing(now).replace(/[-: ]/g, '').replace(/^(\d{8})/, '$1-');
      const fileName = `${t(msg('evidenceText.fileName'))}-${report.orderExternalId ?? report.id.slice(0, 8)}-${stamp}.pdf`;
      return { fileName, base64: Buffer.from(pdf).toString('base64') };
    },
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;

const evidenceKey = (k: 'reportId' | 'order' | 'sku' | 'reason' | 'source' | 'note' | 'reportedBy' | 'reportedAt' | 'bench' | 'weight') =>
  `evidenceText.fields.${k}` as const;
