import { benchCommands, type BenchCommand, type ScanResult } from '#shared/contract/bench.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { labelsShippedWith } from '#shared/domain/shipment-labels';
import { scanArrived } from '../workers/yield-to-scans';
import { SUPERVISORS, type PackBench } from './pack-bench';
import type { PackOpen } from './pack-open.service';
import type { PackShip } from './pack-ship.service';
import type { PackVerify } from './pack-verify.service';

const isCommand = (code: string): code is BenchCommand => (benchCommands as readonly string[]).includes(code.toUpperCase());

/** A Taobao-style order number: 15–20 digits (item barcodes are 8–14: EAN, UPC, ITF-14). */
const ORDER_NUMBER = /^\d{15,20}$/;
/** Shorter than any real item barcode (EAN-8 is the shortest standard one); a shop's own shorter codes lower it. */
const SANE_MIN = 6;

/** One scan in, one outcome out: a command, a badge, an item of the open order, or an order to open. */
export function createPackScan(bench: PackBench, opening: PackOpen, verify: PackVerify, ship: PackShip) {
  const { deps } = bench;
  const { catalog, orders, session } = deps;
  const { result, record } = bench;

  function runCommand(command: BenchCommand): ScanResult {
    const detail = { command };
    switch (command) {
      case 'PD:CANCEL':
      case 'PD:NEXT': {
        // An unshipped order put down is named, with what stays counted: scanned again, it carries on there.
        const open = bench.open;
        const kept: Record<string, string> = open && open.order.packState !== 'shipped'
          ? { order: open.order.externalId, verified: String(open.lines.reduce((n, l) => n + Math.min(l.verified, l.qty), 0)) }
          : {};
        bench.close();
        return result('command', null, { ...detail, ...kept });
      }
      case 'PD:LOGOUT':
        session.logout();
        return result('command', null, detail);
      // The bench opens its damage form (or snaps a photo in it): the order stays as it is.
      case 'PD:DAMAGE':
      case 'PD:PHOTO':
        return result('command', null, detail);
      case 'PD:SHIP':
      case 'PD:PARTIAL':
        return ship.shipped(null, detail, ship.shipOpen(bench.withChoice({ partial: command === 'PD:PARTIAL' })));
      case 'PD:REPRINT': {
        const live = bench.open?.shipments.filter((s) => !s.voidedAt) ?? [];
        const last = live.at(-1);
        if (!last) throw new AppError('NOT_FOUND', msg('pack.nothingToReprint'));
        const labels = labelsShippedWith(live, last);
        // A label on paper a second time is what a supervisor checks when a number may be on two parcels.
        void deps.printShipments(labels.map((s) => s.id), session.authorize(['packer', ...SUPERVISORS]));
        return result('command', null, { ...detail, trackingNo: labels.map((s) => s.trackingNo).join(' · ') });
      }
    }
  }

  return function scan(raw: string): ScanResult {
    scanArrived();
    const code = raw.trim();
    const asked = bench.switchAsked;
    bench.switchAsked = null;
    if (isCommand(code)) return runCommand(code.toUpperCase() as BenchCommand);
    // A badge is looked up (a scrypt hash) only when the code is no item and no order: item scans stay fast.
    const badgeLogin = () => {
      const badge = session.loginWithBadge(code);
      return badge ? result('login', null, { name: badge.user?.name ?? '' }) : null;
    };
    if (!session.isActive()) return badgeLogin() ?? result('not_logged_in', record(code, 'not_logged_in'), { barcode: code });
    const hit = catalog.lookupBarcode(code);
    // The order being packed: open and allowed to ship (not blocked, not shipped already).
    const packing = bench.open && !bench.blockOf(bench.open) ? bench.open : null;
    if (packing && hit) return verify.verifyItem(packing, code, hit);
    const found = orders.findByCode(code)[0] ?? opening.orderOfWaybill(code);
    if (found && packing && opening.shippedAlready(packing, found)) {
      return result('blocked', record(code, 'blocked'), { barcode: code, shippedOrder: found.externalId });
    }
    if (found) return (packing && opening.askSwitch(packing, found, asked)) ?? opening.openOrder(found, code);
    const login = hit ? null : badgeLogin();
    if (login) return login;
    const { open } = bench;
    // An item for an order that must not ship is refused as that order's (one more unit of a shipped
    // order too: its label is out); another item after one that shipped is the next parcel's, scanned
    // before its order: it is named, as with no order open.
    const nextParcel = open !== null && hit !== undefined && bench.hasShipped(open) && !open.lines.some((l) => l.skuCode === hit.skuCode);
    if (open && hit && !nextParcel) return result('blocked', record(code, 'blocked', { skuCode: hit.skuCode }), { barcode: code });
    // A platform order number matching no order is one mistyped (or not imported yet), not an item to bind.
    if (ORDER_NUMBER.test(code)) return result('not_found', record(code, 'not_found'), { barcode: code, orderNumber: '1' });
    // A code shorter than any the shop knows is a scan cut short, not an item to bind nor the packer's error.
    // (The shop's shortest barcode is read only for a code under SANE_MIN: it walks the barcodes table.)
    const shortest = code.length < SANE_MIN ? Math.min(SANE_MIN, catalog.shortestBarcode() ?? SANE_MIN) : SANE_MIN;
    if (code.length < shortest) return result('not_found', record(code, 'not_found'), { barcode: code, incomplete: String(shortest) });
    // Only an unknown code met while packing may be an item to bind; otherwise nothing matches it.
    if (packing) return result('unknown_barcode', record(code, 'unknown_barcode'), { barcode: code });
    if (hit) {
      const sku = { skuCode: hit.skuCode, skuName: catalog.nameOf(hit.skuCode) };
      return result('not_found', record(code, 'not_found', { skuCode: hit.skuCode }), { barcode: code, ...sku });
    }
    return result('not_found', record(code, 'not_found'), { barcode: code });
  };
}
