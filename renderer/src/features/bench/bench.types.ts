import type { BenchOutcome } from '#shared/contract/bench.contract';
import type { LabelPrinted } from '#shared/contract/events.contract';
import type { Message } from '#shared/i18n/message';
import type { UiError } from '../../api/errors';

/** What the big status panel shows: the last scan's outcome, a failed bench call ('error'), or a barcode just bound. */
export type PanelOutcome = BenchOutcome | 'error' | 'bound';

export type LastScan = {
  seq: number;
  outcome: PanelOutcome;
  code: string;
  detail: Record<string, string>;
  trackingNo: string | null;
  /** For 'completed': whether the label went to the printer. */
  printed: boolean;
  error: UiError | null;
};

/** What the host does not get here it takes from the ship form's choice (bench.shipChoice). */
export type ShipOptions = { carrierCode?: string; weightG?: number; parcelCount?: number; partial: boolean };

/** An action waiting for a supervisor PIN. */
export type GatedAction =
  | { action: 'forceVerify'; lineNo: number }
  | { action: 'bind'; barcode: string; skuCode: string; units: number }
  /** An order line without 商家编码 becomes the SKU of the barcode just scanned. */
  | { action: 'bindLine'; lineNo: number; barcode: string; skuCode: string }
  | { action: 'ship'; options: ShipOptions }
  | { action: 'acceptWeight' };

export type LabelPreview = { shipmentId: string; pngBase64: string; widthMm: number; heightMm: number };

/** A supervisor PIN prompt; `scanIgnored` says a scan arrived (and was dropped) while it was open. */
export type AuthPrompt = { request: GatedAction; error: UiError | null; scanIgnored?: boolean };

/** Where one of the bench's labels stands, as the host's labels.printed last said, and why. */
export type LabelNote = { state: LabelPrinted['state']; message: Message | null };

/** Parcels shipped together are named together on the panel: "YT1 · YT2". */
export const PARCEL_JOIN = ' · ';
