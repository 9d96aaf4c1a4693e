import type { InboxParcel, InboxRow } from '#shared/contract/inbox.contract';
import type { MessageKey } from '#shared/i18n/catalog';
import { handoverNumber } from '#shared/domain/handover-number';
import { msg, type Message } from '#shared/i18n/message';
import { flagRow, type RowContext } from './inbox-rows';
import type { FlagRow, InboxSourcesRepo } from './inbox-sources.repo';

/** What a conflict row looks up here: the hub's flag carries ids only, this bench holds the parcels, claims, reports and users. */
export type ConflictLookup = Pick<InboxSourcesRepo, 'liveParcels' | 'claimHolder' | 'packerAt' | 'report' | 'decisions' | 'handover'>;

const DECISION_LISTS: readonly MessageKey[] = ['inbox.evidence.decisions1', 'inbox.evidence.decisions2', 'inbox.evidence.decisions3'];
/** Letters the decision lists name their entries by. */
const SLOTS = ['a', 'b', 'c'] as const;

/**
 * A hub flag as an inbox row, with what the supervisor needs to act on the conflicts that reach
 * the inbox: a double shipment lists the order's live parcels and opens them in Shipments (where
 * void is); a double claim names the bench (and packer) holding the claim and the bench (and packer) that claimed it again; conflicting damage
 * decisions name the SKU, each decision and who made it, the one in force, and open the report.
 */
export function conflictFlagRow(f: FlagRow, c: RowContext, look: ConflictLookup): InboxRow {
  const row = flagRow(f, c);
  const order = row.orderExternalId ?? '';
  if (f.kind === 'ship.double' && f.order_id) {
    const parcels = look.liveParcels(f.order_id).map((p): InboxParcel => ({
      shipmentId: p.id, trackingNo: p.tracking_no, carrierCode: p.carrier_code, bench: p.station_id === null ? null : c.bench(p.station_id),
      packer: p.packer_id === null ? null : c.person(p.packer_id), at: p.created_at,
    }));
    // A reship's double keeps the hub's own words (it is about the reship's parcels); a plain one says how many are live.
    const plain = row.evidence.key === 'flagText.shipDouble' && parcels.length > 1;
    return { ...row, parcels, target: 'shipments', ...(plain ? { evidence: msg('inbox.evidence.shipDouble', { order, parcels: parcels.length }) } : {}) };
  }
  if (f.kind === 'claim.conflict' && f.order_id) {
    const holder = look.claimHolder(f.order_id);
    if (!holder) return row;
    const bench = c.bench(holder.station_id).name;
    const who = holder.packer_id === null ? null : c.person(holder.packer_id);
    // The flag names the holder's bench and the one that claimed after it: both are said, each with its packer when one shipped there.
    const second = (JSON.parse(f.station_ids) as string[]).find((id) => id !== holder.station_id);
    const secondPacker = second === undefined ? null : look.packerAt(f.order_id, second);
    const secondWho = secondPacker === null ? null : c.person(secondPacker);
    const other = second === undefined
      ? msg('inbox.evidence.claimantUnknown')
      : secondWho ? msg('inbox.evidence.claimantBy', { bench: c.bench(second).name, who: secondWho }) : msg('inbox.evidence.claimantAt', { bench: c.bench(second).name });
    return { ...row, evidence: who ? msg('inbox.evidence.claimConflictBy', { order, bench, who, other }) : msg('inbox.evidence.claimConflictAt', { order, bench, other }) };
  }
  if (f.kind === 'damage.conflicting-decisions') {
    const reportId = row.evidence.params?.['report'];
    const report = typeof reportId === 'string' ? look.report(reportId) : undefined;
    const decisions = typeof reportId === 'string' ? look.decisions(reportId) : [];
    if (!report || decisions.length === 0) return row;
    // The last three as listed on the report (the last is in force): a fourth conflicting decision is rare and is on the report.
    const shown = decisions.slice(-SLOTS.length);
    const params: Record<string, Message | string> = {};
    shown.forEach((d, i) => {
      params[SLOTS[i]!] = decisionLabel(d.decision);
      params[`${SLOTS[i]!}By`] = d.decided_by === null ? '—' : (c.person(d.decided_by) ?? `#${d.decided_by.slice(-6)}`);
    });
    const evidence = msg('inbox.evidence.damageConflict', {
      sku: report.sku_code, qty: report.qty, decisions: msg(DECISION_LISTS[shown.length - 1]!, params), inForce: decisionLabel(decisions.at(-1)!.decision),
    });
    // refId is the report here: the row's action opens it (the flag is closed by the row's key).
    return { ...row, evidence, skuCode: report.sku_code, trackingNo: report.tracking_no, refId: reportId as string, target: 'damage' };
  }
  if (f.kind === 'handover.closed-abandoned') return closedAbandonedRow(row, c, look);
  return row;
}

/**
 * A handover closed at one bench and abandoned at another: the hub's flag names the benches; here it
 * says the handover's number (交接单号) as its page shows it and who closed and who abandoned it, and
 * opens the handover (closed: the close stood).
 */
function closedAbandonedRow(row: InboxRow, c: RowContext, look: ConflictLookup): InboxRow {
  const params = row.evidence.params ?? {};
  const text = (name: string) => (typeof params[name] === 'string' ? params[name] : '');
  const handoverId = text('handoverId');
  const h = handoverId === '' ? undefined : look.handover(handoverId);
  if (!h) return row;
  // A bench with its user, when this bench knows them (a shop user; another bench's own administrator it may not).
  const at = (bench: string, userId: string | null) => {
    const who = userId === null || userId === '' ? null : c.person(userId);
    return who === null ? msg('inbox.evidence.claimantAt', { bench }) : msg('inbox.evidence.claimantBy', { bench, who });
  };
  const evidence = msg('inbox.evidence.handoverClosedAbandoned', {
    handover: handoverNumber({ id: h.id, carrierCode: h.carrier_code, openedAt: h.opened_at }), courier: params['courier'] ?? '', reason: params['reason'] ?? '',
    // The close stands here too: this bench's own record names who closed it.
    closed: at(text('closeBench'), h.closed_by ?? text('closedBy')), abandoned: at(text('abandonBench'), text('abandonedBy')),
  });
  return { ...row, evidence, carrierCode: h.carrier_code, refId: h.id, target: 'handover' };
}

const decisionLabel = (decision: string): Message => msg(`damageReview.decisions.${decision as 'reject'}`);
